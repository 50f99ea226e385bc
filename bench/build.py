"""How much does digest add to a MkDocs build, first time and after a small edit?

For each size N (`--articles 1000,3000,10000`) a throw-away project is made of
N real articles (bench/corpus.py says where the text comes from), then, each in
a fresh process:

  digest step      `digest.pipeline.build` alone with an empty cache: ingest,
                   duplicates, annotation, notes and rendering to Markdown,
                   timed stage by stage, on every core.
  rebuild          the same after one note and one article were edited: the
                   cache misses (work done) and the seconds.
  digest build     `mkdocs build` with the digest plugin, empty cache: the
                   whole first build, Pagefind indexing included when the
                   plugin runs it.
  digest rebuild   the same `mkdocs build` again, cache warm.
  plain mkdocs     the same pages exported once (`digest export`) and built by
                   MkDocs with the same theme, nav and Markdown extensions but
                   no plugin: the cost of the pages themselves.
  search index     Pagefind over the plain site (`pagefind --site DIR`), so
                   that "plain + search" compares with a digest build that
                   indexes its site.

Wall time and peak RSS come from GNU `/usr/bin/time -v` (else from
getrusage of a wrapper process). The digest steps report CPU seconds too:
on a machine shared with other jobs wall time swings, CPU time much less.
Sizes up to --repeat-below articles are measured --repeats times (median);
bigger ones once, to keep the run within the hour: the table says which.

Usage:
    .venv/bin/python bench/build.py --articles 1000,3000,10000 --markdown bench/out/table.md
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
for entry in (str(REPO), str(HERE)):
    if entry not in sys.path:
        sys.path.insert(0, entry)

from corpus import make_project, source_description  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}

# Where GNU time is missing: runs one command and reports its wall time and the peak RSS of
# its process tree (KiB on Linux).
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
    """GNU time's "h:mm:ss" or "m:ss.ss" in seconds."""
    seconds = 0.0
    for part in text.strip().split(":"):
        seconds = seconds * 60 + float(part)
    return seconds

# Runs the digest step in a fresh process; prints its stats as JSON.
STEP = r"""
import json, resource, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from digest.config import make_config
from digest.pipeline import build
content, cache, edit = Path(sys.argv[2]), sys.argv[3], sys.argv[4] == "edit"
config = make_config({"content_dir": str(content), "cache_dir": cache, "workers": int(sys.argv[5])}, content.parent)
if edit:  # one note and one article edited, as an editor would between two builds
    note = sorted((content / "notes").glob("*.md"))[0]
    note.write_text(note.read_text("utf-8") + "\nUne phrase de plus dans la note.\n", "utf-8")
    article = sorted((content / "articles").glob("*.md"))[-1]
    article.write_text(article.read_text("utf-8") + "\nA new closing sentence for this article.\n", "utf-8")
t0, c0 = time.perf_counter(), time.process_time()
result = build(config)
wall, cpu = time.perf_counter() - t0, time.process_time() - c0
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
s = result.stats
print(json.dumps({"wall": wall, "cpu": cpu + kids.ru_utime + kids.ru_stime, "seconds": s.seconds,
                  "files": s.files, "articles": s.articles, "ingest_misses": s.ingest_misses,
                  "annotate_misses": s.annotate_misses, "work": s.work_items, "total": s.total_items,
                  "workers": s.workers, "digests": len(result.digests), "pages": len(result.pages),
                  "render_misses": s.render_misses,
                  "peak_rss_mb": max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                                     kids.ru_maxrss) / 1024}))
"""


CPU_WRAPPER = RUSAGE_WRAPPER.replace('{"wall": wall, "maxrss": peak}', '{"wall": wall, "maxrss": peak, "cpu": '
                                    'resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime + '
                                    'resource.getrusage(resource.RUSAGE_CHILDREN).ru_stime}')


def measure(cmd: list[str], timer: str | None, scratch: Path) -> tuple[float, float, float]:
    """Run cmd in a fresh process: (wall s, peak RSS MB, CPU s of it and its children).

    CPU seconds are the steadier figure on a shared machine: other jobs stretch wall time.
    """
    report = scratch / "measure.out"
    report.unlink(missing_ok=True)
    full = [timer, "-v", "-o", str(report), *cmd] if timer else [sys.executable, "-c", CPU_WRAPPER, str(report), *cmd]
    done = subprocess.run(full, env=ENV, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"command failed ({done.returncode}): {' '.join(cmd)}\n{done.stderr[-3000:]}")
    text = report.read_text()
    if not timer:
        data = json.loads(text)
        return data["wall"], data["maxrss"] / 1024, data["cpu"]
    field = {k: re.search(rf"{re.escape(k)}.*?: ([\d:.]+)", text).group(1)
             for k in ("Elapsed (wall clock) time", "Maximum resident set size", "User time", "System time")}
    return (_parse_elapsed(field["Elapsed (wall clock) time"]), int(field["Maximum resident set size"]) / 1024,
            float(field["User time"]) + float(field["System time"]))


def run_step(content: Path, cache: Path, edit: bool, workers: int) -> dict:
    done = subprocess.run([sys.executable, "-c", STEP, str(REPO), str(content), str(cache),
                           "edit" if edit else "cold", str(workers)], env=ENV, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"the digest step failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def with_cache(project: Path, cache: Path, name: str) -> Path:
    """A copy of the project's mkdocs.yml whose digest plugin uses `cache`."""
    lines = (project / "mkdocs.yml").read_text("utf-8").splitlines()
    out = []
    for line in lines:
        out.append(line)
        if line.strip() == "- digest:":
            indent = " " * (line.index("-") + 4)
            out.append(f"{indent}cache_dir: {json.dumps(str(cache))}")
    target = project / name
    target.write_text("\n".join(out) + "\n", "utf-8")
    return target


def plain_config(project: Path, pages: Path, target: Path) -> None:
    """mkdocs.yml as the user wrote it, minus its plugins, reading the exported pages."""
    lines = (project / "mkdocs.yml").read_text("utf-8").splitlines()
    out, skipping = [], False
    for line in lines:
        top = line[:1] not in (" ", "-", "#", "")
        if skipping and top:
            skipping = False
        if line.startswith("plugins:"):
            out.append("plugins: []")
            skipping = True
            continue
        if skipping:
            continue
        if line.startswith("docs_dir:"):
            line = f"docs_dir: {json.dumps(str(pages))}"
        out.append(line)
    # The plugin adds these Markdown extensions and assets; the plain build gets them too.
    from digest.plugin import REQUIRED_EXTENSIONS
    text = "\n".join(out) + "\n"
    extra = [e for e in REQUIRED_EXTENSIONS if f"- {e}" not in text]
    if extra:
        text = text.replace("markdown_extensions:\n", "markdown_extensions:\n" + "".join(f"  - {e}\n" for e in extra))
    css = [p.relative_to(pages).as_posix() for p in pages.rglob("*.css")]
    js = [p.relative_to(pages).as_posix() for p in pages.rglob("*.js")]
    text += "extra_css: " + json.dumps(sorted(css)) + "\nextra_javascript: " + json.dumps(sorted(js)) + "\n"
    target.write_text(text, "utf-8")


def export(config: Path, pages: Path) -> None:
    exe = Path(sys.executable).with_name("digest")
    cli = [str(exe)] if exe.exists() else [sys.executable, "-c", "from digest.cli import main; main()"]
    done = subprocess.run([*cli, "export", str(pages), "-f", str(config)], env=ENV, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"digest export failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    # Assets the plugin generates in on_files are not Markdown pages; add them as files.
    from digest.plugin import CSS, CSS_PATH
    (pages / CSS_PATH).parent.mkdir(parents=True, exist_ok=True)
    (pages / CSS_PATH).write_text(CSS, "utf-8")


def pagefind_cmd(site: Path) -> list[str] | None:
    try:
        from digest import search
        return search.pagefind_command(search.pagefind_executable(), site)
    except Exception:  # noqa: BLE001 - no search module or no binary: fall back to the CLI
        pass
    probe = subprocess.run([sys.executable, "-m", "pagefind", "--version"], capture_output=True, text=True)
    return [sys.executable, "-m", "pagefind", "--site", str(site)] if probe.returncode == 0 else None


def plugin_indexes() -> bool:
    """Does the digest plugin run Pagefind itself (on_post_build)?"""
    from digest.plugin import DigestPlugin
    return "on_post_build" in vars(DigestPlugin)


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def mkdocs(config: Path, out: Path, timer, scratch: Path, keep: bool = False) -> tuple[float, float, float]:
    if not keep:
        shutil.rmtree(out, ignore_errors=True)
    return measure([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(out)], timer, scratch)


def median_of(runs: int, fn) -> tuple:
    results = [fn() for _ in range(runs)]
    return tuple(statistics.median(r[i] for r in results) for i in range(len(results[0])))


def run_size(n: int, timer, repeats: int, workers: int, keep: bool, step_only: bool = False) -> dict:
    root = Path(tempfile.mkdtemp(prefix=f"digest-bench-{n}-"))
    try:
        t0 = time.perf_counter()
        project = make_project(n, root)
        content = project / "content"
        print(f"  N={n}: project made in {time.perf_counter() - t0:.0f} s", flush=True)
        row: dict = {"articles": n, "repeats": repeats}

        def cold_step():
            shutil.rmtree(root / "cache-step", ignore_errors=True)
            return run_step(content, root / "cache-step", False, workers)

        steps = [cold_step() for _ in range(repeats)]
        step = steps[-1]
        row["step"] = {k: statistics.median(s[k] for s in steps) for k in ("wall", "cpu", "peak_rss_mb")}
        row["step"]["seconds"] = {k: statistics.median(s["seconds"][k] for s in steps) for k in step["seconds"]}
        row["step"].update({k: step[k] for k in ("files", "articles", "digests", "pages", "workers", "total")})
        row["rebuild_step"] = run_step(content, root / "cache-step", True, workers)  # edits the content
        print(f"  N={n}: digest step {row['step']['wall']:.1f} s", flush=True)
        if step_only:
            return row

        cache = root / "cache-mkdocs"
        cached_yml = with_cache(project, cache, "mkdocs-cached.yml")

        def first_build():
            shutil.rmtree(cache, ignore_errors=True)
            return mkdocs(cached_yml, root / "site", timer, root)

        row["digest_build"] = median_of(repeats, first_build)
        row["site_mb"] = size_mb(root / "site")
        row["html_pages"] = sum(1 for _ in (root / "site").rglob("*.html"))
        row["digest_rebuild"] = median_of(repeats, lambda: mkdocs(cached_yml, root / "site", timer, root))
        print(f"  N={n}: mkdocs with digest {row['digest_build'][0]:.1f} s", flush=True)

        pages = root / "pages"
        export(cached_yml, pages)  # warm cache: the export costs little
        plain_yml = root / "plain-mkdocs.yml"
        plain_config(project, pages, plain_yml)
        row["plain_build"] = median_of(repeats, lambda: mkdocs(plain_yml, root / "plain", timer, root))
        row["plain_mb"] = size_mb(root / "plain")
        cmd = pagefind_cmd(root / "plain")
        if cmd:
            row["search"] = median_of(repeats, lambda: measure(cmd, timer, root))
            row["search_in_plugin"] = plugin_indexes()
        if keep:
            row["workdir"] = str(root)
        return row
    finally:
        if not keep:
            shutil.rmtree(root, ignore_errors=True)


def table(rows: list[dict]) -> str:
    head = ["N", "runs", "digest step s (ingest / dedup / annotate / render)", "step CPU s",
            "mkdocs+digest s (CPU s)", "plain mkdocs s (CPU s)", "search index s", "ratio vs plain: wall (CPU)",
            "ratio vs plain+search", "peak RSS MB (digest / plain)", "site MB (digest / plain)",
            "rebuild: work, step s", "rebuild mkdocs s (CPU s)"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        s, sec = r["step"], r["step"]["seconds"]
        re_step = r["rebuild_step"]
        rebuild = (f"{re_step['work']}/{re_step['total']} items ({re_step['work'] / re_step['total']:.1%}), "
                   f"{re_step.get('render_misses', '?')}/{re_step['pages']} pages rendered, "
                   f"{re_step['wall']:.1f} s, CPU {re_step['cpu']:.1f} s: {re_step['cpu'] / s['cpu']:.1%} of the "
                   f"first step's CPU time ({re_step['wall'] / s['wall']:.1%} of its wall time)")
        first = [str(r["articles"]), str(r["repeats"]),
                 f"{s['wall']:.1f} ({sec.get('ingest', 0):.1f} / {sec.get('dedup', 0):.1f} / "
                 f"{sec.get('annotate', 0):.1f} / {sec.get('render', 0):.1f})", f"{s['cpu']:.1f}"]
        if "digest_build" not in r:  # --step-only
            lines.append("| " + " | ".join(first + ["not run"] * 7 + [rebuild, "not run"]) + " |")
            continue
        build, plain = r["digest_build"], r["plain_build"]
        search = r.get("search")
        comparator = plain[0] + (search[0] if search and r.get("search_in_plugin") else 0.0)
        lines.append("| " + " | ".join(first + [
            f"{build[0]:.1f} ({build[2]:.1f})", f"{plain[0]:.1f} ({plain[2]:.1f})",
            f"{search[0]:.1f}" if search else "n/a",
            f"{build[0] / plain[0]:.2f} ({build[2] / plain[2]:.2f})",
            f"{build[0] / comparator:.2f}" if search else "n/a",
            f"{build[1]:.0f} / {plain[1]:.0f}",
            f"{r['site_mb']:.0f} / {r['plain_mb']:.0f}",
            rebuild,
            f"{r['digest_rebuild'][0]:.1f} ({r['digest_rebuild'][2]:.1f}); {r['digest_rebuild'][0] / plain[0]:.2f}x plain",
        ]) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", default="1000", help="sizes, comma-separated (default 1000)")
    parser.add_argument("--repeats", type=int, default=3, help="runs per measurement for small sizes (median)")
    parser.add_argument("--repeat-below", type=int, default=1000,
                        help="sizes above this are measured once (default 1000)")
    parser.add_argument("--workers", type=int, default=0, help="digest workers (0 = one per core)")
    parser.add_argument("--markdown", type=Path, help="also write the table to this file")
    parser.add_argument("--json", type=Path, help="also write every figure as JSON")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects")
    parser.add_argument("--step-only", action="store_true",
                        help="only the digest step and its rebuild, no mkdocs builds (quick scaling runs)")
    args = parser.parse_args(argv)
    sizes = [int(x) for x in args.articles.replace(" ", "").split(",") if x]
    if not sizes or min(sizes) < 1 or args.repeats < 1:
        parser.error("--articles takes positive sizes, --repeats a positive count")
    timer = gnu_time()
    what, fallback = source_description()
    if fallback:
        print(f"synthetic fallback: {fallback}")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"python {platform.python_version()}, {os.cpu_count()} CPUs, load average {load:.1f} at start; "
          f"timer: {timer + ' -v' if timer else 'getrusage wrapper'}; articles: {what}", flush=True)
    rows = []
    for n in sizes:
        t0 = time.perf_counter()
        rows.append(run_size(n, timer, args.repeats if n <= args.repeat_below else 1, args.workers, args.keep,
                             args.step_only))
        print(f"  N={n}: done in {time.perf_counter() - t0:.0f} s", flush=True)
        report(rows, args, load)  # after each size: a long run that is stopped still leaves its figures
    return 0


def report(rows: list[dict], args, load: float) -> None:
    text = table(rows)
    searching = rows and rows[0].get("search_in_plugin")
    notes = [
        f"Command: `.venv/bin/python bench/build.py --articles {args.articles}`; {os.cpu_count()} CPUs, "
        f"load average {load:.1f} at start (a shared machine: wall times are noisy).",
        "ratio vs plain = mkdocs+digest / plain mkdocs of the same exported pages; "
        + ("the digest build runs Pagefind itself, so 'vs plain+search' adds Pagefind to the plain build."
           if searching else "the digest plugin does not index; the search column is Pagefind over the plain site."),
        "rebuild: one note and one article edited; work = files read + articles annotated again, of all; "
        "the share of the first step's work is in CPU seconds (the first step runs on every core, a rebuild on one).",
    ]
    out = text + "\n\n" + "\n".join(f"- {n}" for n in notes) + "\n"
    print()
    print(out)
    if args.markdown:
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        args.markdown.write_text(out, "utf-8")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"load": load, "rows": rows}, indent=2), "utf-8")


if __name__ == "__main__":
    sys.exit(main())
