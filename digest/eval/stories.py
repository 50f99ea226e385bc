"""Story threads, measured: `python -m digest.eval stories` (needs no data, about 2 s).

The corpus is `tests/fixtures/stories/`: Markdown articles in fr, en and es, follow-ups of
developing stories over one to three weeks, with traps (another strike in another city, the
same port's other news, the same agency's other report, another bank's results), and its
`truth.yml` (a thread id per article slug, the dev threads, the traps). Each part is read,
de-duplicated and annotated as the site does (`dedup.merge_duplicates`, `pipeline.annotate`,
the archive's entity registry), then threaded alone (`stories.find_stories`): an article merged
as a duplicate belongs to the thread of the digest it was merged into.

Scores are pairwise over the part's articles: precision, recall and F1 of the same-story
pairs, and the traps linked (a trap article in the thread of a story it is a trap for).
The thresholds of `digest/stories.py` were tuned on the dev part; the test part is reported
(it was looked at during development, see the README); the holdout part (`holdout/`) was written
after the rules were frozen and scored once, then looked at; the fresh part (`fresh/`) was written
after the last change of rules and is the one reported as unseen.
"""
from __future__ import annotations

from itertools import combinations
from pathlib import Path

import yaml

CORPUS = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "stories"


def load_truth(corpus: Path = CORPUS) -> dict:
    data = yaml.safe_load((corpus / "truth.yml").read_text("utf-8"))
    threads = {str(k): str(v) for k, v in data["threads"].items()}
    dev = set(map(str, data.get("dev") or ()))
    holdout = set(map(str, data.get("holdout") or ()))
    fresh = set(map(str, data.get("fresh") or ()))
    return {"threads": threads, "dev": dev, "holdout": holdout, "fresh": fresh,
            "traps": {str(k): [str(t) for t in v] for k, v in (data.get("traps") or {}).items()}}


def digests_of(paths: list[Path]):
    """(digests, {merged article slug: kept digest slug}) of the articles at *paths*."""
    from ..dedup import merge_duplicates
    from ..ingest import assign_unique_slugs, read_file
    from ..pipeline import annotate

    articles = []
    for path in sorted(paths):
        found, _issues = read_file(path, path.name, 5_000_000)
        articles.extend(found)
    articles, _ = assign_unique_slugs(articles)
    kept, merged, _problems = merge_duplicates(articles)
    into = {a.slug: slug for slug, items in merged.items() for a in items}
    return [annotate(a) for a in kept], into


def thread_digests(digests, language: str = "fr", threshold: float | None = None, choices: dict | None = None):
    """`stories.find_stories` over *digests*, their names resolved as the site resolves them."""
    from ..entities.pages import digest_links, mentions
    from ..entities.registry import build_registry
    from ..feeds import _sort_key
    from ..stories import THRESHOLD, find_stories, item_of

    newest = sorted(digests, key=_sort_key, reverse=True)
    registry = build_registry([mentions(d) for d in newest], (), language)
    items = [item_of(d, digest_links(registry, d), (choices or {}).get(d.slug)) for d in newest]
    return find_stories(items, THRESHOLD if threshold is None else threshold)


def score_part(slugs: list[str], truth: dict, stories, into: dict) -> dict:
    def thread(slug: str):
        return stories.thread.get(into.get(slug, slug))

    def same(a: str, b: str) -> bool:
        if into.get(a, a) == into.get(b, b):
            return True
        t = thread(a)
        return t is not None and t == thread(b)

    tp = fp = fn = 0
    wrong = []
    for a, b in combinations(sorted(slugs), 2):
        gold = truth["threads"][a] == truth["threads"][b]
        found = same(a, b)
        tp += gold and found
        fp += found and not gold
        fn += gold and not found
        if found != gold:
            wrong.append(f"{'extra' if found else 'missed'}: {a} ~ {b}")
    traps = 0
    for slug, threads in truth["traps"].items():
        if slug not in slugs:
            continue
        for other in slugs:
            if truth["threads"][other] in threads and same(slug, other):
                traps += 1
                break
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    trap_total = sum(1 for s in truth["traps"] if s in slugs)
    return {"articles": len(slugs), "pairs": tp + fn, "precision": round(p, 3), "recall": round(r, 3),
            "f1": round(f1, 3), "traps_linked": traps, "traps": trap_total, "errors": wrong}


def part_of(thread: str, truth: dict) -> str:
    for part in ("dev", "holdout", "fresh"):
        if thread in truth.get(part, ()):
            return part
    return "test"


def evaluate(corpus: Path = CORPUS, threshold: float | None = None) -> dict:
    truth = load_truth(corpus)
    files = {p.stem: p for folder in ("articles", "holdout", "fresh") for p in (corpus / folder).glob("*.md")}
    out = {}
    for part in ("dev", "test", "holdout", "fresh"):
        slugs = sorted(s for s, t in truth["threads"].items() if part_of(t, truth) == part)
        digests, into = digests_of([files[s] for s in slugs])
        stories = thread_digests(digests, threshold=threshold)
        out[part] = score_part(slugs, truth, stories, into)
    return out


def run(_eval_dir=None, _limit=None) -> dict:
    return evaluate()
