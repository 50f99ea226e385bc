"""Build benchmark: what does the digest plugin cost on top of MkDocs itself?

For each size N this script makes a throw-away project holding N articles (the
example articles of content/articles, then synthetic ones: each a distinct mix of
sentences from the examples in one language, with its own title, slug and day,
so that the duplicates stage keeps them all), the example glossary and notes,
and the repository's mkdocs.yml. It then
measures, each time in a fresh subprocess so imports and caches start cold:

  digest build   `python -m mkdocs build` of that project: the digest pipeline
                 (ingest, summaries, facts, glossary, rendering to Markdown)
                 plus MkDocs/Material turning the generated pages into HTML.
  plain mkdocs   the same pages written out once with `digest export`, then
                 built by MkDocs with the same theme, nav, Markdown extensions
                 and `search` plugin but without the digest plugin.

The ratio digest/plain is the figure that matters: absolute seconds depend on
the machine, while the ratio says how much of a build is ours and how much is
MkDocs rendering the same number of pages anyway. Peak RSS is compared the
same way (the plugin keeps every article and digest in memory during a build).

Wall time and peak RSS come from GNU `/usr/bin/time -v` when it is installed;
otherwise from a small Python wrapper process that runs the command and reads
its own `getrusage(RUSAGE_CHILDREN)` (a fresh wrapper per run, because
ru_maxrss is a high-water mark, not something that can be subtracted). Each
measurement is repeated (3 times by default) and the median is reported.

For reference the digest pipeline alone (`digest.pipeline.build` over
`make_config({"content_dir": ...})`, no MkDocs) is also timed in-process: one
Python process per size imports digest once and calls build() repeatedly.

Usage:
    .venv/bin/python bench/bench_build.py                 # N = 50 and 500
    .venv/bin/python bench/bench_build.py --articles 20 200 --repeats 5 --json bench/out/build.json
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

EXAMPLES = REPO / "content" / "articles"
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "abbr", {"toc": {"permalink": True}}]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}

# Runs one command and reports its wall time and the peak RSS of its process tree (KiB on Linux).
RUSAGE_WRAPPER = r"""
import json, resource, subprocess, sys, time
t0 = time.perf_counter()
rc = subprocess.run(sys.argv[2:]).returncode
wall = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
with open(sys.argv[1], "w") as fh:
    json.dump({"wall": wall, "maxrss": peak}, fh)
sys.exit(rc)
"""


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may hold !!python/name tags (Material's emoji); they do not matter here."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


# --------------------------------------------------------------------------- project


def _examples_by_language() -> tuple[dict[str, list[str]], dict[str, tuple[str, str]]]:
    """Sentences of the example articles by language, and each file's (title, language)."""
    sys.path.insert(0, str(REPO))
    from digest.ingest import read_file
    from digest.text import split_sentences

    pools: dict[str, list[str]] = {}
    meta: dict[str, tuple[str, str]] = {}
    for path in sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".md", ".txt")):
        [article], _ = read_file(path, path.name, 5_000_000)
        meta[path.name] = (article.title, article.language)
        for block in article.blocks:
            if block.kind == "paragraph":
                pools.setdefault(article.language, []).extend(split_sentences(block.text))
    return pools, meta


def _synthetic_article(i: int, k: int, src: Path, pools: dict, meta: dict) -> str:
    """A distinct story for copy k: sentences drawn from the same language's pool.

    Plain copies would be merged by the duplicates stage (as they should be), so
    each copy gets its own mix of sentences and its own day: the benchmark then
    measures N real digests.
    """
    rng = random.Random(i)
    title, language = meta[src.name]
    sentences = pools[language]
    chosen = rng.sample(sentences, k=min(len(sentences), rng.randint(8, 14)))
    paragraphs = [" ".join(chosen[j:j + 3]) for j in range(0, len(chosen), 3)]
    day = dt.date(2000, 1, 1) + dt.timedelta(days=8 * i)  # more than the 7-day duplicate window apart
    front = {"title": f"{title} #{k}", "slug": f"{src.stem}-{k}", "language": language,
             "date": day.isoformat(), "source": f"Bench Wire {k % 7}", "tags": ["bench", language]}
    head = "\n".join(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in front.items())
    return f"---\n{head}\n---\n" + "\n\n".join(paragraphs) + "\n"


def make_project(n: int, root: Path) -> Path:
    """A project under root with n articles, the example glossary and notes, and mkdocs.yml."""
    examples = sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".md", ".txt"))
    if not examples:
        raise SystemExit(f"no example articles in {EXAMPLES}")
    project = root / "project"
    articles = project / "content" / "articles"
    articles.mkdir(parents=True)
    shutil.copy(REPO / "content" / "glossary.yml", project / "content" / "glossary.yml")
    shutil.copytree(REPO / "content" / "notes", project / "content" / "notes")
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    pools, meta = _examples_by_language()
    for i in range(n):
        src = examples[i % len(examples)]
        k = i // len(examples)
        if k == 0:  # the first round keeps the originals (a note is attached to one of them)
            shutil.copy(src, articles / src.name)
            continue
        text = _synthetic_article(i, k, src, pools, meta)
        (articles / f"{src.stem}-{k}.md").write_text(text, encoding="utf-8")
    return project


def export_pages(project: Path, pages: Path) -> None:
    """`digest export` the generated Markdown tree, plus the stylesheet the plugin adds."""
    digest_exe = Path(sys.executable).with_name("digest")
    cli = [str(digest_exe)] if digest_exe.exists() else [sys.executable, "-c", "from digest.cli import main; main()"]
    done = subprocess.run([*cli, "export", str(pages), "-f", str(project / "mkdocs.yml")],
                          env=ENV, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"digest export failed:\n{done.stdout}\n{done.stderr}")
    from digest.plugin import CSS, CSS_PATH
    (pages / CSS_PATH).parent.mkdir(parents=True, exist_ok=True)
    (pages / CSS_PATH).write_text(CSS, encoding="utf-8")


def write_plain_config(project: Path, pages: Path, target: Path) -> None:
    """The project's mkdocs.yml without the digest plugin, reading the exported pages."""
    data = yaml.load((project / "mkdocs.yml").read_text("utf-8"), Loader=_TolerantLoader) or {}
    data["docs_dir"] = str(pages)
    data.pop("site_dir", None)
    data["plugins"] = ["search"]
    data["markdown_extensions"] = EXTENSIONS
    extra_css = list(data.get("extra_css") or [])
    from digest.plugin import CSS_PATH
    if CSS_PATH not in extra_css:
        extra_css.append(CSS_PATH)
    data["extra_css"] = extra_css
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


# --------------------------------------------------------------------------- measuring


def gnu_time() -> str | None:
    path = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else shutil.which("time")
    if not path:
        return None
    try:
        done = subprocess.run([path, "-v", "true"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return path if done.returncode == 0 and "Maximum resident set size" in done.stderr else None


def _parse_elapsed(text: str) -> float:
    parts = [float(p) for p in text.strip().split(":")]
    seconds = 0.0
    for p in parts:
        seconds = seconds * 60 + p
    return seconds


def measure(cmd: list[str], timer: str | None, scratch: Path) -> tuple[float, float]:
    """Run cmd once in a fresh process; return (wall seconds, peak RSS in MB)."""
    report = scratch / "measure.out"
    report.unlink(missing_ok=True)
    if timer:
        full = [timer, "-v", "-o", str(report), *cmd]
    else:
        full = [sys.executable, "-c", RUSAGE_WRAPPER, str(report), *cmd]
    t0 = time.perf_counter()
    done = subprocess.run(full, env=ENV, capture_output=True, text=True)
    outside = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(f"command failed ({done.returncode}): {' '.join(cmd)}\n{done.stdout[-3000:]}\n"
                         f"{done.stderr[-3000:]}")
    text = report.read_text() if report.exists() else ""
    if timer:
        rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
        wall = re.search(r"Elapsed \(wall clock\) time.*?\): ([\d:.]+)", text)
        if not rss:
            raise SystemExit(f"cannot read the output of {timer} -v:\n{text}")
        return (_parse_elapsed(wall.group(1)) if wall else outside), int(rss.group(1)) / 1024
    data = json.loads(text)
    kib = data["maxrss"] / 1024 if sys.platform == "darwin" else data["maxrss"]  # bytes on macOS
    return data["wall"], kib / 1024


def measure_build(config: Path, out: Path, timer: str | None, repeats: int, scratch: Path) -> dict:
    walls, peaks = [], []
    for _ in range(repeats):
        shutil.rmtree(out, ignore_errors=True)  # every run writes into an empty folder
        wall, peak = measure([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(out)],
                             timer, scratch)
        walls.append(wall)
        peaks.append(peak)
    return {"wall_s": statistics.median(walls), "peak_rss_mb": statistics.median(peaks),
            "runs_wall_s": walls, "runs_peak_rss_mb": peaks}


PIPELINE_TIMER = r"""
import json, statistics, sys, time
from pathlib import Path
import yaml
sys.path.insert(0, sys.argv[3])
from digest.config import make_config
from digest.pipeline import build

project, repeats = Path(sys.argv[1]), int(sys.argv[2])
loader = type("L", (yaml.SafeLoader,), {})
loader.add_multi_constructor("", lambda loader, suffix, node: None)
data = yaml.load((project / "mkdocs.yml").read_text("utf-8"), Loader=loader) or {}
options = {}
for plugin in data.get("plugins") or []:
    if isinstance(plugin, dict) and "digest" in plugin:
        options = dict(plugin["digest"] or {})
options["content_dir"] = str(project / "content")
config = make_config(options, project)
runs = []
for _ in range(repeats):
    t0 = time.perf_counter()
    result = build(config)
    runs.append(time.perf_counter() - t0)
print(json.dumps({"median": statistics.median(runs), "runs": runs, "pages": len(result.pages),
                  "problems": len(result.problems)}))
"""


def time_pipeline(project: Path, repeats: int) -> dict:
    """digest.pipeline.build timed in-process, without MkDocs.

    The timing loop runs inside one dedicated Python process per size (imported
    once, then `build()` called `repeats` times), so sizes do not share warmed
    caches and the code timed is the code the builds above just ran.
    """
    done = subprocess.run([sys.executable, "-c", PIPELINE_TIMER, str(project), str(repeats), str(REPO)],
                          env=ENV, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"timing digest.pipeline.build failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def count_html(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html"))


# --------------------------------------------------------------------------- main


def run_size(n: int, timer: str | None, repeats: int, keep: bool) -> dict:
    root = Path(tempfile.mkdtemp(prefix=f"digest-bench-{n}-"))
    try:
        project = make_project(n, root)
        pages = root / "pages"
        export_pages(project, pages)
        plain_config = root / "plain-mkdocs.yml"
        write_plain_config(project, pages, plain_config)

        digest = measure_build(project / "mkdocs.yml", root / "out1", timer, repeats, root)
        plain = measure_build(plain_config, root / "out2", timer, repeats, root)
        pipeline = time_pipeline(project, repeats)
        row = {
            "articles": n,
            "generated_pages": pipeline["pages"],
            "pipeline_problems": pipeline["problems"],
            "html_pages_digest": count_html(root / "out1"),
            "html_pages_plain": count_html(root / "out2"),
            "digest_build": digest,
            "plain_mkdocs": plain,
            "time_ratio": digest["wall_s"] / plain["wall_s"],
            "rss_ratio": digest["peak_rss_mb"] / plain["peak_rss_mb"],
            "pipeline_in_process_s": pipeline["median"],
            "pipeline_in_process_runs_s": pipeline["runs"],
        }
        if keep:
            row["workdir"] = str(root)
        return row
    finally:
        if not keep:
            shutil.rmtree(root, ignore_errors=True)


def print_table(rows: list[dict]) -> None:
    head = ("N", "digest build s", "plain mkdocs s", "ratio", "digest peak RSS MB", "plain peak RSS MB", "ratio")
    body = [(str(r["articles"]), f"{r['digest_build']['wall_s']:.2f}", f"{r['plain_mkdocs']['wall_s']:.2f}",
             f"{r['time_ratio']:.2f}", f"{r['digest_build']['peak_rss_mb']:.1f}",
             f"{r['plain_mkdocs']['peak_rss_mb']:.1f}", f"{r['rss_ratio']:.2f}") for r in rows]
    widths = [max(len(h), *(len(b[i]) for b in body)) for i, h in enumerate(head)]
    print(" | ".join(h.rjust(w) for h, w in zip(head, widths)))
    print("-+-".join("-" * w for w in widths))
    for b in body:
        print(" | ".join(c.rjust(w) for c, w in zip(b, widths)))
    print()
    print("digest pipeline alone, in-process (digest.pipeline.build, median):")
    for r in rows:
        share = r["pipeline_in_process_s"] / r["digest_build"]["wall_s"]
        print(f"  N={r['articles']:>5}: {r['pipeline_in_process_s']:.2f} s "
              f"({share:.0%} of the digest build; {r['generated_pages']} generated pages, "
              f"{r['pipeline_problems']} pipeline problems)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[50, 500], metavar="N",
                        help="project sizes in articles (default: 50 500)")
    parser.add_argument("--repeats", type=int, default=3, help="runs per measurement; the median is kept")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the figures as JSON to PATH")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects and sites")
    args = parser.parse_args(argv)
    if any(n < 1 for n in args.articles) or args.repeats < 1:
        parser.error("--articles and --repeats must be positive")

    timer = gnu_time()
    how = f"{timer} -v" if timer else "getrusage(RUSAGE_CHILDREN) in a wrapper process"
    print(f"python {platform.python_version()}, {os.cpu_count()} CPUs, measured with {how}, "
          f"median of {args.repeats}", flush=True)
    rows = []
    for n in args.articles:
        t0 = time.perf_counter()
        rows.append(run_size(n, timer, args.repeats, args.keep))
        print(f"  N={n}: done in {time.perf_counter() - t0:.0f} s", flush=True)
    print()
    print_table(rows)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        payload = {"python": platform.python_version(), "platform": platform.platform(),
                   "cpus": os.cpu_count(), "timer": "gnu-time" if timer else "rusage",
                   "repeats": args.repeats, "results": rows}
        args.json.write_text(json.dumps(payload, indent=2), encoding="utf-8")
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
