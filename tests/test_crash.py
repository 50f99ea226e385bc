"""Crash safety of whole builds: `kill -9` at random points, two builds at once, full disks.

Each case runs real `mkdocs build` processes on a copy of the example project grown to about
fifty articles (copies dated a week apart, so duplicate detection keeps them all), with the
cache on, and checks what a user would: the previous `site/` is intact after the crash, the
next build succeeds, and its output equals a build from nothing.
"""
from __future__ import annotations

import datetime
import hashlib
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from digest.atomic import leftovers

COPIES = 12
# Pagefind names some bundle files after a hash map with a random seed (filters, .pf_meta,
# the entry file): two builds from nothing differ there too, so those are compared by content.
UNSTABLE = re.compile(r"^pagefind/(?:filter/|fragment/|index/|pagefind\.[^/]+\.pf_meta$|pagefind-entry\.json$)")

HOLD_HOOK = """\
import os, time

def on_post_page(output, page, config):
    hold = os.environ.get("DIGEST_TEST_HOLD")
    if hold:
        open(hold + ".reached", "w").close()
        while not os.path.exists(hold):  # the test lets this build go on once the other one waits
            time.sleep(0.01)
    return output
"""


def grow(project: Path) -> Path:
    """The example project with COPIES dated copies of each Markdown article."""
    articles = project / "content" / "articles"
    start = datetime.date(2024, 1, 1)
    for n, source in enumerate(sorted(articles.glob("*.md"))):
        text = source.read_text(encoding="utf-8")
        for copy in range(COPIES):
            day = start + datetime.timedelta(days=7 * (copy * 8 + n))
            changed = re.sub(r"^date: .*$", f"date: {day.isoformat()}", text, count=1, flags=re.M)
            changed = re.sub(r"^slug: (.*)$", rf"slug: \1-{copy}", changed, count=1, flags=re.M)
            changed = re.sub(r'^title: "(.*)"$', rf'title: "\1 ({copy})"', changed, count=1, flags=re.M)
            (articles / f"{source.stem}-{copy}.md").write_text(changed, encoding="utf-8")
    (project / "hooks.py").write_text(HOLD_HOOK, encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config + "hooks:\n  - hooks.py\n", encoding="utf-8")
    return project


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", *args]


def environment(**extra: str) -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", **extra}


def build(project: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(command(*args), cwd=project, env=environment(**env), capture_output=True,
                          text=True, timeout=900)


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def comparable(site: Path) -> dict[str, str]:
    """Every file's hash, Pagefind's randomly named ones as a count per folder."""
    out, unstable = {}, {}
    for name, data in files(site).items():
        if UNSTABLE.match(name):
            folder = name.rsplit("/", 1)[0]
            unstable[folder] = unstable.get(folder, 0) + 1
        else:
            out[name] = hashlib.sha256(data).hexdigest()
    out.update({f"{folder}/*": str(count) for folder, count in unstable.items()})
    return out


# Where a build is, from its verbose log: each phase starts after the first line that matches
# (and so many lines more): the digest step, MkDocs writing pages, Pagefind's bundle written,
# the site moved into place (the second post_build handler, after the search index's line).
PHASES = (("Running `files` event", 0), ("Building page", 0), ("Running `post_build` event", 0),
          ("search index, built while", 1))


def timeline(project: Path) -> tuple[list[float], list[str]]:
    """A verbose build from nothing: each log line and the time (s from start) it appeared."""
    proc = subprocess.Popen(command("-v"), cwd=project, env=environment(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    started, times, lines = time.monotonic(), [], []
    for line in proc.stderr:
        times.append(time.monotonic() - started)
        lines.append(line)
    assert proc.wait() == 0, "".join(lines[-30:])
    return times, lines


@pytest.fixture(scope="module")
def grown(tmp_path_factory) -> tuple[Path, dict[str, str], list[float], list[str]]:
    """A grown project, the site a build from nothing makes of it, and that build's log timeline."""
    from .conftest import REPO

    project = tmp_path_factory.mktemp("crash")
    for name in ("content", "templates"):
        shutil.copytree(REPO / name, project / name)
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    grow(project)
    times, lines = timeline(project)
    reference = comparable(project / "site")
    shutil.rmtree(project / "site")
    shutil.rmtree(project / ".cache", ignore_errors=True)
    return project, reference, times, lines


def kill_points(times: list[float], lines: list[str], rng: random.Random, count: int) -> list[tuple[int, float]]:
    """(line index, share of the gap to the next line) for *count* points spread over the build's
    time, and one in each phase: a point is an event of the build's own log, not a time, so a
    loaded machine moves it with the build instead of past its end."""
    end = times[-1]
    wanted = [rng.uniform(0, end) for _ in range(count)]
    for marker, after in PHASES:
        first = next(i for i, line in enumerate(lines) if marker in line) + after
        wanted.append(rng.uniform(times[first], times[first + 1]))
    points = []
    for moment in sorted(wanted):
        index = max(i for i, t in enumerate(times) if t <= moment) if moment >= times[0] else 0
        index = min(index, len(times) - 2)  # never after the last line: the build must still run
        gap = times[index + 1] - times[index]
        points.append((index, (moment - times[index]) / gap if gap > 0 else 0.0))
    return points


def kill_at(project: Path, index: int, share: float, gap: float) -> tuple[int, str]:
    """Start a verbose build and SIGKILL it (with every helper, Pagefind included) once it printed
    line *index* and then *share* of the reference gap passed or its next line came; its exit code
    and the last line it printed."""
    proc = subprocess.Popen(command("-v"), cwd=project, env=environment(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    seen, last = 0, ""
    try:
        for line in proc.stderr:
            last = line
            if seen == index:
                # Wait for the share of the gap, or the next line, whichever comes first.
                deadline = threading.Event()
                reader = threading.Thread(target=lambda: (proc.stderr.readline(), deadline.set()), daemon=True)
                reader.start()
                deadline.wait(share * gap)
                break
            seen += 1
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        code = proc.wait()
    return code, last.strip()


def test_a_build_killed_at_random_points_never_damages_the_site_or_the_cache(grown):
    project, reference, times, lines = grown
    first = build(project)
    assert first.returncode == 0, first.stderr
    site = project / "site"
    points = kill_points(times, lines, random.Random(14), 8)
    assert len(points) >= 10
    killed = 0
    for index, share in points:
        before = files(site)
        # Every killed build starts from an empty cache, so it dies with cache writes in flight
        # or just made, and the next build reads what it left.
        shutil.rmtree(project / ".cache", ignore_errors=True)
        code, last = kill_at(project, index, share, times[index + 1] - times[index])
        where = f"killed after line {index} ({last[:80]!r})"
        killed += code == -signal.SIGKILL
        if code == -signal.SIGKILL:
            # The previous site, whole; or the killed build's own site, whole, when the kill came
            # after the atomic exchange (while the previous site was being deleted).
            assert files(site) == before or comparable(site) == reference, f"site/ damaged: {where}"
        again = build(project)
        assert again.returncode == 0, f"{where}: {again.stderr[-2000:]}"
        assert comparable(site) == reference, f"{where}: the next build differs from one from nothing"
        assert leftovers(site) == []
    assert killed == len(points), f"only {killed} of {len(points)} builds were still running when killed"


def test_two_builds_at_once_wait_for_each_other_and_both_give_the_site(grown, tmp_path):
    project, reference, _, _ = grown
    hold = tmp_path / "hold"
    log = (tmp_path / "first.log").open("w+")  # a file, not a pipe: a full pipe would stall the build
    first = subprocess.Popen(command(), cwd=project, env=environment(DIGEST_TEST_HOLD=str(hold)),
                             stdout=subprocess.DEVNULL, stderr=log, text=True)
    try:
        # The first build is writing pages (it holds the site's lock) until the test lets it go.
        while not Path(f"{hold}.reached").exists():
            assert first.poll() is None, (tmp_path / "first.log").read_text()
            time.sleep(0.05)
        second = subprocess.Popen(command(), cwd=project, env=environment(), stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, text=True)
        lines: list[str] = []
        reader = threading.Thread(target=lambda: lines.extend(iter(second.stderr.readline, "")), daemon=True)
        reader.start()
        while not any("waits for it to finish" in line for line in lines):
            assert second.poll() is None, "".join(lines)
            time.sleep(0.05)
        assert re.search(rf"another build of \S*site is running \(pid {first.pid}\)", "".join(lines))
        hold.touch()
        assert first.wait(timeout=900) == 0, (tmp_path / "first.log").read_text()
        assert second.wait(timeout=900) == 0, "".join(lines)
        reader.join(timeout=60)
    finally:
        hold.touch()
        if first.poll() is None:
            first.kill()
        log.close()
    site = project / "site"
    assert comparable(site) == reference and leftovers(site) == []
    third = build(project)  # the cache both wrote is whole
    assert third.returncode == 0 and comparable(site) == reference


@pytest.fixture
def small_disk(tmp_path):
    """A mount point for a tmpfs of a chosen size (needs root and mount rights: skipped otherwise)."""
    mounted = []

    def mount(name: str, size: str) -> Path:
        where = tmp_path / name
        where.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            pytest.skip(f"cannot mount a small tmpfs here ({done.stderr.strip() or done.returncode})")
        mounted.append(where)
        return where

    if shutil.which("mount") is None:
        pytest.skip("no mount command")
    yield mount
    for where in mounted:
        subprocess.run(["umount", "-l", str(where)], check=False)


def test_a_full_site_disk_is_one_clear_error_and_the_previous_site_stays(project, small_disk):
    # Room for two example sites (about 6 MB each: the previous one and the next, staged beside it).
    disk = small_disk("disk", "14m")
    site = disk / "site"
    assert build(project, "-d", str(site)).returncode == 0
    before = files(site)
    (disk / "filler").write_bytes(b"\0" * (6 * 1024 * 1024))  # now there is room for one only
    full = build(project, "-d", str(site))
    assert full.returncode == 1
    output = full.stdout + full.stderr
    assert "Traceback" not in output, output[-3000:]
    assert re.search(rf"{re.escape(str(site))}: the site could not be written \(the disk is full", output) or \
        re.search(rf"{re.escape(str(site))}\S*: .*(?:No space left|free some space)", output), output[-3000:]
    assert files(site) == before and leftovers(site) == []
    (disk / "filler").unlink()
    assert build(project, "-d", str(site)).returncode == 0


def test_a_full_cache_disk_is_a_warning_naming_the_folder_and_the_site_builds(project, small_disk):
    disk = small_disk("cache", "64k")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace("cache_dir: .cache/digest", f"cache_dir: {disk}"),
                                        encoding="utf-8")
    done = build(project)
    assert done.returncode == 0, done.stderr
    assert f"{disk}: the cache could not be written" in done.stderr, done.stderr[-3000:]
    assert (project / "site" / "index.html").is_file()
