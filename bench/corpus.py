"""Benchmark projects made of real news text.

Where /work/shared/eval (or $DIGEST_EVAL) is present, the articles are real:
the 300 scraped OrangeSum HTML pages (French, read through the HTML reader and
trafilatura as an editor's scraped page would be) and the 263 BBC News articles
(English, as Markdown with front matter). Sizes beyond those 563 take real
sentences again: each further article is a new mix of paragraphs from the
same language's pool, with its own title, slug and day. A copy of a real
article would be merged by the duplicates stage (as it should), so a mix is
the only way to have N distinct digests from a few hundred real stories.

Without the evaluation data the repository's own example articles are the
pool, and `make_project` says so (the reason is printed by bench/build.py).
"""
from __future__ import annotations

import datetime as dt
import json
import os
import random
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EVAL = Path(os.environ.get("DIGEST_EVAL", REPO.parent / "shared" / "eval"))
ORANGESUM = EVAL / "orangesum-valid" / "raw_html"
BBC = EVAL / "bbc-news-summary-dev" / "News Articles"
EXAMPLES = REPO / "content" / "articles"
PER_DAY = 30  # an aggregator's day: the archive spans N / 30 days


def _front(values: dict) -> str:
    head = "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in values.items())
    return f"---\n{head}\n---\n"


def _bbc_articles() -> list[tuple[str, str, list[str]]]:
    """(category, title, paragraphs) of each BBC article, in a fixed order."""
    out = []
    for path in sorted(BBC.glob("*/*.txt")):
        text = path.read_bytes().decode("utf-8", errors="replace")
        lines = [line.strip() for line in text.splitlines()]
        title, paragraphs = lines[0], [line for line in lines[1:] if line]
        if title and paragraphs:
            out.append((path.parent.name, title, paragraphs))
    return out


def _orangesum_paragraphs(pages: list[Path]) -> list[tuple[str, list[str]]]:
    """(title, paragraphs) of the OrangeSum pages, read by digest's own HTML reader."""
    from digest.ingest import read_file

    out = []
    for page in pages:
        found, _problems = read_file(page, page.name, 5_000_000)
        for article in found:
            paragraphs = [b.text for b in article.blocks if b.kind == "paragraph"]
            if paragraphs:
                out.append((article.title, paragraphs))
    return out


def source_description() -> tuple[str, str | None]:
    """What the articles are made of, and why a fallback was used (None when real data is used)."""
    if ORANGESUM.is_dir() and BBC.is_dir():
        return (f"real text: {len(list(ORANGESUM.glob('*.html.gz')))} OrangeSum HTML pages (fr) and "
                f"{len(list(BBC.glob('*/*.txt')))} BBC News articles (en) from {EVAL}; "
                "beyond those, new mixes of their paragraphs"), None
    return ("the repository's example articles and mixes of their paragraphs",
            f"{EVAL} has no orangesum-valid/raw_html or bbc-news-summary-dev (set DIGEST_EVAL)")


def make_project(n: int, root: Path, seed: int = 1) -> Path:
    """A project under root with n articles, the example glossary and notes, and mkdocs.yml."""
    project = root / "project"
    articles = project / "content" / "articles"
    articles.mkdir(parents=True)
    shutil.copy(REPO / "content" / "glossary.yml", project / "content" / "glossary.yml")
    if (REPO / "content" / "glossary").is_dir():
        shutil.copytree(REPO / "content" / "glossary", project / "content" / "glossary")
    shutil.copytree(REPO / "content" / "notes", project / "content" / "notes")
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    rng = random.Random(seed)
    last_day = dt.date(2025, 6, 30)

    def day_of(i: int) -> str:
        return (last_day - dt.timedelta(days=i // PER_DAY)).isoformat()

    pools: dict[str, list[tuple[str, list[str]]]] = {}
    written = 0
    if source_description()[1] is None:
        pages = sorted(ORANGESUM.glob("*.html.gz"))
        bbc = _bbc_articles()
        # Real files first, alternating languages, each kept in its own format.
        real: list[tuple[str, object]] = []
        for i in range(max(len(pages), len(bbc))):
            if i < len(pages):
                real.append(("html", pages[i]))
            if i < len(bbc):
                real.append(("bbc", bbc[i]))
        for kind, item in real[:n]:
            if kind == "html":
                shutil.copy(item, articles / item.name)
            else:
                category, title, paragraphs = item
                front = {"title": title, "source": f"BBC News {category}", "date": day_of(written),
                         "language": "en", "tags": [category]}
                (articles / f"bbc-{written:05d}.md").write_text(_front(front) + "\n\n".join(paragraphs) + "\n",
                                                                encoding="utf-8")
            written += 1
        if n > written:
            pools["fr"] = _orangesum_paragraphs(pages)
            pools["en"] = [(title, paragraphs) for _c, title, paragraphs in bbc]
    else:
        from digest.ingest import read_file

        for path in sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".md", ".txt")):
            for article in read_file(path, path.name, 5_000_000)[0]:
                pools.setdefault(article.language, []).append(
                    (article.title, [b.text for b in article.blocks if b.kind == "paragraph"]))
            if written < n:
                shutil.copy(path, articles / path.name)
                written += 1
    languages = sorted(pools)
    while written < n:
        language = languages[written % len(languages)]
        stories = pools[language]
        title, lead = rng.choice(stories)
        paragraphs = [lead[0]]
        while len(paragraphs) < rng.randint(4, 8):
            paragraphs.append(rng.choice(rng.choice(stories)[1]))
        front = {"title": f"{title} ({written})", "slug": f"mix-{written:05d}", "language": language,
                 "date": day_of(written), "source": f"Wire {written % 11}", "tags": ["mix", language]}
        (articles / f"mix-{written:05d}.md").write_text(_front(front) + "\n\n".join(paragraphs) + "\n",
                                                         encoding="utf-8")
        written += 1
    return project


if __name__ == "__main__":  # a quick look: python bench/corpus.py 100 /tmp/x
    import sys

    sys.path.insert(0, str(REPO))
    print(make_project(int(sys.argv[1]), Path(sys.argv[2])))
    print(source_description()[0])
