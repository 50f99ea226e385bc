"""Same site from the local process pool and from a Dask LocalCluster, on N real-text articles.

    .venv/bin/python bench/dask_identity.py --articles 1000

Builds the digest step's pages both ways (no cache, 2 workers) and compares every page.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import make_project  # noqa: E402
from digest.cluster import close_clients  # noqa: E402
from digest.config import make_config  # noqa: E402
from digest.pipeline import build  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = make_project(args.articles, Path(tmp))
        content = project / "content"
        results = {}
        for executor in ("local", "dask"):
            config = make_config({"content_dir": str(content), "workers": args.workers, "executor": executor},
                                 project)
            started = time.perf_counter()
            results[executor] = build(config)
            print(f"{executor}: {len(results[executor].pages)} pages, {len(results[executor].digests)} digests "
                  f"in {time.perf_counter() - started:.1f} s")
        close_clients()
        local, dask = results["local"].pages, results["dask"].pages
        differing = sorted(p for p in local.keys() | dask.keys() if local.get(p) != dask.get(p))
        same = not differing and results["local"].problems == results["dask"].problems
        print(f"identical: {same}" + (f" ({len(differing)} pages differ, e.g. {differing[:3]})" if differing else ""))
        return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
