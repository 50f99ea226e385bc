"""Golden files: the digest Markdown must not change unnoticed.

Refresh after an intended change with `UPDATE_GOLDEN=1 make test` and review the diff.
The real seed page is not copied into the repository, so its golden is an outline
(headings, fact box lines without sentences) plus a hash of the full Markdown.
"""
import hashlib
import os
import re
import shutil

from digest.config import make_config
from digest.pipeline import build

from .conftest import REPO

GOLDEN = REPO / "tests" / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def check(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE or not path.exists():
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8"), f"{name} changed; run UPDATE_GOLDEN=1 and review"


def test_example_dump_digest_markdown():
    result = build(make_config({}, REPO))
    slug = next(d.slug for d in result.digests if d.article.path.endswith("raw-eau-casablanca.txt"))
    check("raw-eau-casablanca.md", result.pages[f"digests/{slug}.md"])


def outline(markdown: str) -> str:
    keep = []
    for line in markdown.splitlines():
        if line.startswith(("#", "!!!", "title:", "[**")) or line.strip().startswith(("- **", "**")):
            keep.append(line)
    return "\n".join(keep) + "\n"


def test_seed_digest_markdown(seed_path, tmp_path):
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    shutil.copy(seed_path, content / "articles" / seed_path.name)
    shutil.copy(REPO / "content/glossary.yml", content / "glossary.yml")
    result = build(make_config({"content_dir": str(content)}, tmp_path))
    [page] = [text for path, text in result.pages.items() if path.startswith("digests/")]
    check("seed-outline.txt", outline(page))
    check("seed.sha256", hashlib.sha256(page.encode()).hexdigest() + "\n")
    assert re.search(r"\]\(\.\./glossary\.md#ia \"", page)
