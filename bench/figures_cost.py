"""CPU cost of `extract_facts` (figures and dates) per article.

    .venv/bin/python bench/figures_cost.py [--repeat 3]

Articles: the example articles of content/articles and the 300 OrangeSum pages of
../shared/eval/orangesum-valid (their parsed bodies, as paragraphs). CPU time
(process_time), best of --repeat passes. Run it before and after a change on the same
machine: only the ratio means something on a loaded machine.
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

from digest.facts import extract_facts  # noqa: E402
from digest.ingest import read_file  # noqa: E402
from digest.model import Article, Block  # noqa: E402
from digest.pipeline import sentences_of  # noqa: E402


def articles() -> list[Article]:
    out = []
    for path in sorted((REPO / "content" / "articles").iterdir()):
        if path.is_file():
            found, _ = read_file(path, path.name, 5_000_000)
            out.extend(found)
    for path in sorted((EVAL / "orangesum-valid" / "parsed").glob("*.json")):
        doc = json.loads(path.read_text("utf-8"))
        blocks = tuple(Block("paragraph", p) for p in doc["article"].split("\n") if p.strip())
        out.append(Article(f"o{len(out)}.md", f"o{len(out)}", doc.get("title") or "", None, None, "fr", None, blocks))
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    prepared = [(a.language, list(sentences_of(a))) for a in articles()]
    extract_facts(prepared[0][1], prepared[0][0])  # build tables and regexes once
    best = float("inf")
    for _ in range(args.repeat):
        start = time.process_time()
        n_facts = sum(len(extract_facts(s, lang)) for lang, s in prepared)
        best = min(best, time.process_time() - start)
    n = len(prepared)
    print(f"{n} articles, {sum(len(s) for _, s in prepared)} sentences, {n_facts} facts: "
          f"extract_facts {1000 * best / n:.3f} ms/article (CPU, best of {args.repeat})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
