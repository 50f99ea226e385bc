"""Search benchmark: Pagefind (digest's default) against Material's built-in search.

For each site (the example in content/, and generated projects of N digests made by
bench/corpus.py from real French and English news when ../shared/eval is present), the
site is built twice from the same content: `search: pagefind`, and `search: material`
with Material's `search` plugin listed. Each build is served on 127.0.0.1 and opened in
a fresh headless Chromium (empty cache), as a reader landing on the home page who types
at once:

  first answer  from entering the first query (all at once, as when pasted, so neither
                engine answers a prefix first) to the first answer rendered (a result
                count in the box), in milliseconds;
  bytes         search bytes served from the page load to that answer: Material's
                search_index.json, worker and lunr files; digest-search.js/css and the
                Pagefind bundle files. Counted by the HTTP server, since both engines
                fetch from a Web Worker, which the page's resource timing cannot see.
                The test server does not compress; Pagefind's files are gzipped already;
  next query    the same for the following queries, once the engine is loaded;
  hits          the number of results each query finds.

Queries: "économie", then "economie" (no accent) and "l'économie" (elision), which
only a search that folds accents and splits elisions finds.

Usage:
    .venv/bin/python bench/bench_search.py                     # the example and 3,000 digests
    .venv/bin/python bench/bench_search.py --articles 500 --repeats 1 --json bench/out/search.json
"""
from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

import corpus  # bench/corpus.py: projects of N real-text articles

QUERIES = ("économie", "economie", "l'économie")
SEARCH_FILES = re.compile(r"search|pagefind|lunr")
ANSWERED = re.compile(r"^(\d+|Aucun|No|Ningún)\b")  # "12 résultats", "Aucun document trouvé"…
TIMEOUT = 90  # seconds for one answer: Material on a big site needs many


# --------------------------------------------------------------------------- building


def build(project: Path, engine: str, out: Path) -> float:
    """Build `project` with one search engine into `out`; returns the build's seconds."""
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    if engine == "material":
        config = config.replace("      search: pagefind", "      search: material")
        config = config.replace("plugins:\n", "plugins:\n  - search\n", 1)
        assert "search: material" in config, "mkdocs.yml has no `search: pagefind` to switch"
    variant = project / f"mkdocs-{engine}.yml"
    variant.write_text(config, encoding="utf-8")
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(variant), "-d", str(out)],
                          capture_output=True, text=True, check=False, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    if proc.returncode != 0:
        raise SystemExit(f"build with {engine} failed:\n{proc.stderr[-3000:]}")
    return time.perf_counter() - start


def search_bytes_on_disk(site: Path, engine: str) -> int:
    folder = site / ("pagefind" if engine == "pagefind" else "search")
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


# --------------------------------------------------------------------------- serving


class Served:
    """A site on 127.0.0.1 that logs the bytes of every file it sends."""

    def __init__(self, site: Path):
        self.log: list[tuple[str, int]] = []
        log = self.log

        class Handler(http.server.SimpleHTTPRequestHandler):
            def copyfile(self, source, outputfile):
                sent = 0
                while chunk := source.read(1 << 16):
                    outputfile.write(chunk)
                    sent += len(chunk)
                log.append((self.path, sent))

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"

    def search_bytes(self) -> int:
        return sum(size for path, size in list(self.log) if SEARCH_FILES.search(path))

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


# --------------------------------------------------------------------------- the browser


def chromium():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="bench-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
                # No network beyond the test server (Material's Google Fonts would stall on DNS).
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"),
                              options=options)
    driver.set_window_size(1280, 900)
    return driver, profile


ASK = """
const [query, answered] = [arguments[0], new RegExp(arguments[1])];
const input = document.querySelector("input.md-search__input");
const box = window.__bench = {t0: null, t1: null, meta: null};
new MutationObserver(() => {
  const meta = document.querySelector(".md-search-result__meta");
  const text = meta ? meta.textContent.trim() : "";
  if (box.t1 === null && answered.test(text)) {
    box.t1 = performance.now();
    box.meta = text;
  }
}).observe(document.body, {childList: true, subtree: true, characterData: true});
// The whole query arrives at once, as when pasted: one query per engine, no prefix answers.
// Material listens to keyup, digest's box to input.
box.t0 = performance.now();
input.value = query;
input.dispatchEvent(new Event("input", {bubbles: true}));
input.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true, key: query.slice(-1)}));
"""


def ask(driver, served: Served, query: str) -> dict:
    """Enter `query` in the header box: the time to its first answer, bytes so far, hits."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    box = driver.find_element(By.CSS_SELECTOR, "input.md-search__input")
    box.click()
    driver.execute_script(ASK, query, ANSWERED.pattern)
    answer = WebDriverWait(driver, TIMEOUT, poll_frequency=0.05).until(
        lambda d: d.execute_script("return window.__bench.t1 !== null && window.__bench"))
    hits = re.match(r"\d+", answer["meta"])
    return {"ms": answer["t1"] - answer["t0"], "bytes": served.search_bytes(),
            "hits": int(hits.group(0)) if hits else 0, "meta": answer["meta"]}


def session(site: Path) -> list[dict]:
    """One reader: a fresh browser on the home page, every query in turn."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    served = Served(site)
    driver, profile = chromium()
    try:
        driver.get(served.url)
        WebDriverWait(driver, 30).until(EC.element_to_be_clickable((By.CSS_SELECTOR, "input.md-search__input")))
        answers = []
        for query in QUERIES:
            answers.append(ask(driver, served, query))
            driver.execute_script("const i = document.querySelector('input.md-search__input');"
                                  "i.value = ''; i.dispatchEvent(new Event('input', {bubbles: true}));")
        return answers
    finally:
        driver.quit()
        served.close()
        shutil.rmtree(profile, ignore_errors=True)


# --------------------------------------------------------------------------- report


def measure(name: str, project: Path, scratch: Path, repeats: int) -> list[dict]:
    rows = []
    for engine in ("pagefind", "material"):
        out = scratch / f"site-{engine}"
        seconds = build(project, engine, out)
        runs = [session(out) for _ in range(repeats)]
        first = [run[0] for run in runs]
        later = [answer for run in runs for answer in run[1:]]
        rows.append({
            "site": name, "engine": engine, "pages": len(list(out.rglob("index.html"))),
            "build_s": round(seconds, 1), "index_mb": round(search_bytes_on_disk(out, engine) / 1e6, 2),
            "first_ms": round(statistics.median(a["ms"] for a in first)),
            "first_mb": round(statistics.median(a["bytes"] for a in first) / 1e6, 2),
            "next_ms": round(statistics.median(a["ms"] for a in later)),
            "hits": {q: runs[0][i]["hits"] for i, q in enumerate(QUERIES)},
        })
        print(f"  {name} / {engine}: {rows[-1]}", file=sys.stderr)
    return rows


def table(rows: list[dict]) -> str:
    head = ["site", "search", "first answer", "bytes to first answer", "next query",
            *(f'hits "{q}"' for q in QUERIES), "index on disk", "build"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        cells = [r["site"], r["engine"], f'{r["first_ms"]} ms', f'{r["first_mb"]} MB', f'{r["next_ms"]} ms',
                 *(str(r["hits"][q]) for q in QUERIES), f'{r["index_mb"]} MB', f'{r["build_s"]} s']
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, nargs="*", default=[3000],
                        help="sizes of generated sites, besides the example (default: 3000)")
    parser.add_argument("--repeats", type=int, default=3, help="fresh-browser sessions per site and engine")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON here")
    args = parser.parse_args(argv)

    if not (shutil.which("chromium") or Path("/usr/bin/chromium").exists()):
        raise SystemExit("needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)")
    description, fallback = corpus.source_description()
    print(f"generated sites: {description}" + (f" ({fallback})" if fallback else ""), file=sys.stderr)
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
        scratch = Path(tmp)
        example = scratch / "example" / "project"
        for name in ("content", "templates"):
            shutil.copytree(REPO / name, example / name)
        shutil.copy(REPO / "mkdocs.yml", example / "mkdocs.yml")
        rows += measure("example", example, scratch / "example", args.repeats)
        for n in args.articles:
            project = corpus.make_project(n, scratch / f"n{n}")
            rows += measure(f"{n} digests", project, scratch / f"n{n}", args.repeats)
            shutil.rmtree(scratch / f"n{n}", ignore_errors=True)
    print(table(rows))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"\nmedian of {args.repeats} fresh-browser sessions; load average {load:.1f} on {os.cpu_count()} cores")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(rows, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
