"""CPU cost of story threads against the whole digest step, on generated archives.

    .venv/bin/python bench/stories_cost.py [--articles 1000 3000] [--repeat 3]

Each size is a `bench/corpus.py` project (real OrangeSum and BBC text where ../shared/eval is
present, then new mixes of their paragraphs, 30 a day), built once by `pipeline.build` with one
worker, so that the CPU time of this process is the whole digest step (reading, duplicates,
annotation, rendering every page, threads included). The thread step is then timed alone on the
build's digests, best of --repeat passes (CPU time, process_time): the keys of every digest
(`stories.item_of`), the threads (`stories.find_stories`: inverted index, scores, threads,
related coverage) and the #story/#related blocks of every page (`site.story_block`). The
canonical entity links the keys read (`entities.pages.digest_links`) are computed by the site for
the fact boxes anyway, so they are timed apart, not counted.
"""
from __future__ import annotations

import argparse
import os
import pickle
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from corpus import make_project, source_description  # noqa: E402

from digest.cli import config_from_mkdocs  # noqa: E402
from digest.entities.pages import digest_links, mentions  # noqa: E402
from digest.entities.registry import build_registry  # noqa: E402
from digest.pipeline import build  # noqa: E402
from digest.render import make_environment  # noqa: E402
from digest.feeds import _sort_key  # noqa: E402
from digest.site import story_block  # noqa: E402
from digest.stories import find_stories, item_of  # noqa: E402


def _best(run, repeat: int):
    best, value = float("inf"), None
    for _ in range(repeat):
        start = time.process_time()
        value = run()
        best = min(best, time.process_time() - start)
    return best, value


def measure(n: int, repeat: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="digest-stories-") as tmp:
        project = make_project(n, Path(tmp))
        config = config_from_mkdocs(project / "mkdocs.yml")
        config = replace(config, workers=1, cache_dir=None)
        start = time.process_time()
        result = build(config)
        step = time.process_time() - start
    digests = sorted(result.digests, key=_sort_key, reverse=True)
    registry = build_registry([mentions(d) for d in digests], (), config.site_language)
    links_time, links = _best(lambda: {d.slug: digest_links(registry, d) for d in digests}, repeat)
    keys_time, items = _best(lambda: [item_of(d, links[d.slug]) for d in digests], repeat)
    if os.environ.get("STORIES_DUMP"):  # the items, to profile find_stories alone
        Path(os.environ["STORIES_DUMP"]).write_bytes(pickle.dumps(items))
    threads_time, found = _best(lambda: find_stories(items), repeat)
    env = make_environment(None)
    by_slug = {d.slug: d for d in digests}
    blocks_time, _ = _best(lambda: [story_block(env, d, found, by_slug) for d in digests], repeat)
    stories = keys_time + threads_time + blocks_time
    return {"articles": n, "digests": len(digests), "step_cpu_s": round(step, 2),
            "keys_s": round(keys_time, 3), "threads_s": round(threads_time, 3), "blocks_s": round(blocks_time, 3),
            "stories_s": round(stories, 3), "share_of_step": f"{stories / step:.1%}",
            "links_s (not counted)": round(links_time, 3), "threads": len(found.stories),
            "in_threads": sum(len(s.members) for s in found.stories),
            "with_related": len(found.related)}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 3000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(source_description()[0])
    for n in args.articles:
        print(measure(n, args.repeat), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
