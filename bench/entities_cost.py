"""CPU cost of entity extraction and of the whole annotate stage, per article.

    .venv/bin/python bench/entities_cost.py [--repeat 3]

Articles: the 300 OrangeSum bodies (fr) and the 263 BBC articles (en) of ../shared/eval,
as plain paragraphs. CPU time (process_time), best of --repeat passes, so a neighbour's
load on a shared machine inflates the numbers less. Run it before and after a change to
the recogniser on the same machine: only the ratio means something.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
EVAL = Path(os.environ.get("DIGEST_EVAL", REPO.parent / "shared" / "eval"))

from digest.facts import extract_entities  # noqa: E402
from digest.model import Article, Block  # noqa: E402
from digest.pipeline import annotate, sentences_of  # noqa: E402


def _article(i: int, title: str, paragraphs: list[str], language: str) -> Article:
    blocks = tuple(Block("paragraph", p) for p in paragraphs if p.strip())
    return Article(f"a{i}.md", f"a{i}", title, None, None, language, None, blocks)


def articles() -> list[Article]:
    out = []
    for path in sorted((EVAL / "orangesum-valid" / "parsed").glob("*.json")):
        doc = json.loads(path.read_text("utf-8"))
        out.append(_article(len(out), doc.get("title") or "", doc["article"].split("\n"), "fr"))
    for path in sorted((EVAL / "bbc-news-summary-dev" / "News Articles").glob("*/*.txt")):
        lines = path.read_text("utf-8", errors="replace").split("\n")
        out.append(_article(len(out), lines[0], lines[1:], "en"))
    return out


def _best(run, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    items = articles()
    if not items:
        print(f"no articles under {EVAL}", file=sys.stderr)
        return 2
    prepared = [(a, list(sentences_of(a))) for a in items]
    extract_entities(prepared[0][1], prepared[0][0].language)  # load models and tables once

    entities = _best(lambda: [extract_entities(s, a.language) for a, s in prepared], args.repeat)
    whole = _best(lambda: [annotate(a) for a in items], args.repeat)
    n = len(items)
    print(f"{n} articles: extract_entities {1000 * entities / n:.2f} ms/article, "
          f"annotate {1000 * whole / n:.2f} ms/article (CPU, best of {args.repeat})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
