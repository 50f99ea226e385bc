"""python -m digest.eval [ingest|summaries|entities|archive|stories|figures|all] [--eval-dir DIR] [--limit N] [--json]"""
from __future__ import annotations

import argparse
import json
import sys
import time

from .common import default_eval_dir


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m digest.eval", description=__doc__)
    parser.add_argument("what", nargs="?", default="all", choices=["ingest", "summaries", "entities", "archive", "stories", "figures", "all"])
    parser.add_argument("--eval-dir", default=None, help="default: ../shared/eval or $DIGEST_EVAL_DIR")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N items of each set")
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    args = parser.parse_args(argv)
    from pathlib import Path

    eval_dir = Path(args.eval_dir) if args.eval_dir else default_eval_dir()
    if not eval_dir.is_dir() and args.what not in ("archive", "stories", "figures"):  # archive: the corpus in tests/fixtures/wire
        print(f"no evaluation data at {eval_dir}: pass --eval-dir", file=sys.stderr)
        return 2
    results = {}
    stages = ["ingest", "summaries", "entities"] if args.what == "all" else [args.what]
    for stage in stages:
        start = time.perf_counter()
        module = __import__(f"digest.eval.{stage}", fromlist=["run"])
        results[stage] = module.run(eval_dir, args.limit)
        results[stage]["seconds"] = round(time.perf_counter() - start, 1)
    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
    else:
        for stage, result in results.items():
            print(f"== {stage} ({result.pop('seconds')} s)")
            for dataset, scores in result.items():
                print(f"  {dataset}: {json.dumps(scores, ensure_ascii=False)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
