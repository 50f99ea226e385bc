"""Atomic output: a failed, aborted or interrupted build leaves the previous site/ intact."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from digest.atomic import AtomicOutput, leftovers, move_into_place, staging_dir

# Built into every page: the hook fails when DIGEST_TEST_FAIL is set, warns when DIGEST_TEST_WARN is.
HOOK = """\
import logging, os

def on_post_page(output, page, config):
    if os.environ.get("DIGEST_TEST_FAIL"):
        raise RuntimeError("hook failure for the test")
    if os.environ.get("DIGEST_TEST_WARN"):
        logging.getLogger("mkdocs.plugins.test").warning("a warning for the test")
    return output
"""


@pytest.mark.parametrize("exchange", [True, False], ids=["atomic-exchange", "two-renames"])
def test_move_into_place_replaces_the_previous_site(tmp_path, monkeypatch, exchange):
    import digest.atomic as atomic
    if not exchange:  # as on a system without renameat2
        monkeypatch.setattr(atomic, "_exchange", lambda a, b: False)
    final, staging = tmp_path / "site", staging_dir(tmp_path / "site", 1)
    final.mkdir()
    (final / "old.html").write_text("old")
    staging.mkdir()
    (staging / "new.html").write_text("new")
    move_into_place(staging, final)
    assert sorted(p.name for p in final.iterdir()) == ["new.html"]
    assert not staging.exists() and leftovers(final) == []


def test_move_into_place_restores_the_previous_site_when_the_move_fails(tmp_path):
    final = tmp_path / "site"
    final.mkdir()
    (final / "old.html").write_text("old")
    with pytest.raises(OSError):
        move_into_place(tmp_path / "missing-staging", final)
    assert (final / "old.html").read_text() == "old"


def test_leftovers_of_an_interrupted_build_are_found(tmp_path):
    final = tmp_path / "site"
    (tmp_path / ".site.building-123").mkdir()
    (tmp_path / ".site.previous-9").mkdir()
    (tmp_path / ".site-other").mkdir()
    assert [p.name for p in leftovers(final)] == [".site.building-123", ".site.previous-9"]


def test_serve_is_not_staged(tmp_path):
    out = AtomicOutput(command="serve")
    assert out.start(str(tmp_path / "tmpsite"), strict=False) == str(tmp_path / "tmpsite")
    assert out.finish() is None


def test_discard_removes_the_staging_folder(tmp_path):
    out = AtomicOutput(command="build")
    staged = Path(out.start(str(tmp_path / "site"), strict=False))
    staged.mkdir()
    (staged / "half.html").write_text("half")
    assert out.discard() == str((tmp_path / "site").resolve())
    assert not staged.exists()


def _project(project: Path) -> Path:
    (project / "hooks.py").write_text(HOOK, encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config + "hooks:\n  - hooks.py\n", encoding="utf-8")
    return project


def _build(project: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    full = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", *args], cwd=project, env=full,
                          capture_output=True, text=True, timeout=900)


def test_a_failed_or_strict_aborted_build_keeps_the_previous_site(project):
    _project(project)
    first = _build(project)
    assert first.returncode == 0, first.stderr
    site = project / "site"
    before = {p: p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}
    assert (site / "index.html").exists()
    (site / "marker.txt").write_text("from the previous build")

    failed = _build(project, DIGEST_TEST_FAIL="1")
    assert failed.returncode != 0 and "hook failure for the test" in failed.stderr
    assert (site / "marker.txt").read_text() == "from the previous build"
    assert leftovers(site) == []

    aborted = _build(project, "--strict", DIGEST_TEST_WARN="1")
    assert aborted.returncode != 0 and "strict mode" in aborted.stdout + aborted.stderr
    assert (site / "marker.txt").exists(), "an aborted strict build replaced site/"
    assert leftovers(site) == []
    assert all(p.read_bytes() == data for p, data in before.items() if p.exists())

    ok = _build(project)
    assert ok.returncode == 0, ok.stderr
    assert not (site / "marker.txt").exists(), "a successful build replaces the whole site"
    assert (site / "index.html").exists() and leftovers(site) == []


def test_an_interrupted_build_leaves_the_site_and_is_cleaned_up_next_time(project):
    _project(project)
    assert _build(project).returncode == 0
    site = project / "site"
    (site / "marker.txt").write_text("kept")
    # What a killed build leaves behind: a half-written staging folder.
    stale = staging_dir(site.resolve(), 999999)
    stale.mkdir()
    (stale / "half.html").write_text("half")
    assert (site / "marker.txt").exists()
    assert _build(project).returncode == 0
    assert not stale.exists() and leftovers(site) == []


def test_a_build_killed_between_the_two_renames_gets_its_previous_site_back(tmp_path):
    """Where no atomic exchange exists, `final` is missing between two renames: a kill there
    leaves the previous site as `.site.previous-PID`, and the next build puts it back."""
    final = tmp_path / "site"
    previous = final.with_name(".site.previous-4242")
    previous.mkdir()
    (previous / "index.html").write_text("the previous site")
    out = AtomicOutput(command="build")
    staged = Path(out.start(str(final), strict=False))
    assert (final / "index.html").read_text() == "the previous site" and leftovers(final) == []
    staged.mkdir()
    (staged / "index.html").write_text("the new site")
    assert out.finish() == str(final.resolve())
    assert (final / "index.html").read_text() == "the new site" and leftovers(final) == []

