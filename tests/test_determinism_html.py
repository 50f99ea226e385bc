"""Two `mkdocs build`s of the same input give the same HTML, apart from what others stamp.

MkDocs stamps the build date into sitemap.xml(.gz); Pagefind's bundle names its chunks by
hashes that differ between runs. Everything digest and the theme write must be identical.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

STAMPED_BY_OTHERS = ("sitemap.xml", "sitemap.xml.gz")


def _build(project: Path, out: Path, **env: str) -> None:
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(out)], cwd=project,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.relative_to(root).parts[0] != "pagefind" and p.name not in STAMPED_BY_OTHERS}


def test_two_builds_give_identical_html(project, tmp_path):
    _build(project, tmp_path / "one", PYTHONHASHSEED="1", TZ="UTC")
    _build(project, tmp_path / "two", PYTHONHASHSEED="2", TZ="Pacific/Kiritimati")
    one, two = _files(tmp_path / "one"), _files(tmp_path / "two")
    assert sorted(one) == sorted(two)
    assert [name for name in one if one[name] != two[name]] == []
    assert any(name.startswith("digests/") for name in one)
