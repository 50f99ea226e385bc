"""How long does `mkdocs serve` take to show an edit on a big site?

Makes a project of N real articles (bench/corpus.py), starts `mkdocs serve` on it (with
`--dirty`, as `make serve` does, unless --no-dirty), then edits, one at a time, a
standalone note, a note attached to a digest and one article, and times each from the
moment the file is written to the moment the edited page, fetched over HTTP every 50 ms,
shows the change. The first build (cold cache) and the background search re-index are
reported too, from the server's log.

Usage:
    .venv/bin/python bench/serve.py --articles 3000
"""
from __future__ import annotations

import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
for entry in (str(REPO), str(HERE)):
    if entry not in sys.path:
        sys.path.insert(0, entry)

from corpus import make_project, source_description  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        return urllib.request.urlopen(url, timeout=30).read().decode("utf-8", "replace")
    except OSError:
        return ""


def wait_for(predicate, timeout: float, step: float = 0.05) -> float | None:
    """Seconds until predicate() held, or None at the timeout."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if predicate():
            return time.perf_counter() - start
        time.sleep(step)
    return None


def attach_note(project: Path) -> tuple[str, Path | None]:
    """Attach the example's attached note to a digest of this project: (its slug, its article file)."""
    for article in sorted((project / "content" / "articles").glob("*.md")):
        slug = re.search(r"^slug: *\"?([^\"\n]+)", article.read_text("utf-8"), re.M)
        if slug:
            note = project / "content" / "notes" / "hydrogene-contexte.md"
            note.write_text(re.sub(r"^digest: .*$", f"digest: {slug.group(1)}", note.read_text("utf-8"), flags=re.M),
                            encoding="utf-8")
            return slug.group(1), article
    return "", None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--no-dirty", action="store_true", help="plain `mkdocs serve` (every page re-rendered)")
    args = parser.parse_args()
    print(f"text: {source_description()[0]}")
    with tempfile.TemporaryDirectory(prefix="digest-serve-bench-") as tmp:
        project = make_project(args.articles, Path(tmp))
        slug, article = attach_note(project)
        port = free_port()
        url = f"http://127.0.0.1:{port}/"
        command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "--livereload"]
        if not args.no_dirty:
            command.append("--dirty")
        started = time.perf_counter()
        proc = subprocess.Popen(command, cwd=project, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        log: list[str] = []
        threading.Thread(target=lambda: log.extend(iter(proc.stderr.readline, "")), daemon=True).start()
        rows = []
        try:
            first = wait_for(lambda: any("Serving on" in line for line in log), 3600, 0.5)
            if first is None:
                sys.exit("serve did not start:\n" + "".join(log[-20:]))
            rows.append(("first build (cold cache), until serving", time.perf_counter() - started))
            index = wait_for(lambda: any("search index updated" in line for line in log), 600, 0.2)
            rows.append(("search index after the first build (background)", index))
            edits = [("edit a standalone note", project / "content/notes/edito-semaine.md", url + "notes/edito-semaine/")]
            if slug:
                edits.append(("edit a note attached to a digest", project / "content/notes/hydrogene-contexte.md",
                              url + f"digests/{slug}/"))
                edits.append(("edit one article", article, url + f"digests/{slug}/"))
            for n, (label, path, page) in enumerate(edits):
                marker = f"Benchmark edit number {n} of the serve run."
                builds = sum("generated pages changed" in line for line in log)
                time.sleep(1.5)  # MkDocs' watcher debounces; a clean start for each edit
                written = time.perf_counter()
                path.write_text(path.read_text("utf-8") + f"\n{marker}\n", encoding="utf-8")
                seen = wait_for(lambda: marker in fetch(page), 900)
                rows.append((label + ", until the page shows it", seen and time.perf_counter() - written))
                wait_for(lambda: sum("generated pages changed" in line for line in log) > builds, 60)
                changed = [line for line in log if "generated pages changed" in line][-1]
                rows.append(("  " + changed.split("digest: ", 1)[1].strip(), None))
                wait_for(lambda: sum("Documentation built in" in line for line in log) > builds, 60)
                built = [line for line in log if "Documentation built in" in line][-1]
                rows.append(("  of which the rebuild (MkDocs' own figure)",
                             float(re.search(r"built in ([\d.]+)", built).group(1))))
                step = [line for line in log if "digest: read " in line][-1]
                rows.append(("  digest step: " + step.split("; ", 1)[-1].strip(), None))
        finally:
            proc.terminate()
            proc.wait(timeout=30)
        print(f"\n`mkdocs serve{'' if args.no_dirty else ' --dirty'}`, {args.articles} articles")
        for label, seconds in rows:
            print(f"{label:70} {'' if seconds is None else f'{seconds:8.1f} s'}")


if __name__ == "__main__":
    main()
