"""digest/search.py: StreamingIndex, the Pagefind service fed page by page, against the CLI."""
from __future__ import annotations

import gzip
import json
import os
import shutil
import threading
import time
from pathlib import Path

import pytest

from digest import search
from tests.test_search import _page, example_site  # noqa: F401 (example_site is a fixture)

SIGNATURE = b"pagefind_dcd"


def differs_between_cli_runs(name: str) -> bool:
    """Two CLI runs over one site differ there: Pagefind keeps filter values in a hash map with a
    random seed, so filter files get new names, and with them the .pf_meta and the entry file."""
    return name.startswith("filter/") or name.endswith(".pf_meta") or name == "pagefind-entry.json"


def html_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if search.BUNDLE_DIR not in p.relative_to(site).parts)


def stream(site: Path, out: Path, **kwargs) -> str:
    index = search.StreamingIndex(**kwargs)
    for path in html_files(site):
        index.add_page(path.read_text(encoding="utf-8"), path.relative_to(site).as_posix())
    return index.finish(out)


def fragments(site: Path) -> dict[str, dict]:
    """Each page's fragment (URL, text, meta, filters) by file name: gzip, a signature, JSON."""
    found = {}
    for path in (site / search.BUNDLE_DIR / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(SIGNATURE), path
        found[path.name] = json.loads(data[len(SIGNATURE):])
    return found


def bundle_files(site: Path) -> dict[str, bytes]:
    root = site / search.BUNDLE_DIR
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def pagefind_children() -> list[int]:
    """Pagefind processes started by this one (Linux /proc)."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            name, rest = stat.read_text().rsplit(")", 1)
        except OSError:
            continue  # the process ended while we looked
        if "pagefind" in name and int(rest.split()[1]) == os.getpid():
            children.append(int(stat.parent.name))
    return children


def fake_pagefind(tmp_path: Path, script: str) -> Path:
    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\n" + script)
    fake.chmod(0o755)
    return fake


# --------------------------------------------------------------------------- same bundle as the CLI


def test_a_streamed_site_has_the_cli_languages_pages_urls_and_filters(example_site, tmp_path):
    cli_site, streamed_site = tmp_path / "cli", tmp_path / "stream"
    shutil.copytree(example_site, cli_site, ignore=shutil.ignore_patterns(search.BUNDLE_DIR))
    search.index_site(cli_site)
    summary = stream(cli_site, streamed_site)
    cli = search.bundle_languages(cli_site)
    assert search.bundle_languages(streamed_site) == cli and len(cli) > 1
    assert summary == f"{len(cli)} languages, {sum(cli.values())} pages"
    # Fragments hold each page's URL, text, meta and filters, named by a hash of them all.
    streamed = fragments(streamed_site)
    assert streamed == fragments(cli_site)
    urls = {fragment["url"] for fragment in streamed.values()}
    assert "/digests/port-expansion-report/" in urls and all(url.endswith("/") for url in urls)
    assert any(fragment["filters"] for fragment in streamed.values())
    same = set(bundle_files(streamed_site).items()) & set(bundle_files(cli_site).items())
    assert {"pagefind.js", "wasm.fr.pagefind"} <= {name for name, _ in same}


def test_two_streamed_runs_differ_only_where_two_cli_runs_do(example_site, tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    stream(example_site, first)
    stream(example_site, second)
    one, two = bundle_files(first), bundle_files(second)
    differ = (one.keys() ^ two.keys()) | {name for name in one.keys() & two.keys() if one[name] != two[name]}
    assert all(differs_between_cli_runs(name) for name in differ), differ
    # The word index numbers pages in the order they came: the same order gives the same files.
    assert any(name.startswith("index/") for name in one) and any(name.startswith("fragment/") for name in one)
    assert search.bundle_languages(first) == search.bundle_languages(second)


def test_urls_are_the_cli_urls_with_and_without_directory_urls(tmp_path):
    cli_site, streamed = tmp_path / "cli", tmp_path / "stream"
    pages = {
        "digests/foo.html": _page("en", "<main data-pagefind-body>The port <a class='headerlink'>¶</a></main>"),
        "digests/bar/index.html": _page("fr", "<main data-pagefind-body data-pagefind-filter='source:Le Monde'>Le port</main>"),
        "index.html": _page("fr", "<nav>Accueil</nav>"),
    }
    index = search.StreamingIndex()
    for dest, text in pages.items():
        (cli_site / dest).parent.mkdir(parents=True, exist_ok=True)
        (cli_site / dest).write_text(text, encoding="utf-8")
        index.add_page(text, dest)
    assert index.finish(streamed) == "2 languages, 2 pages"
    search.index_site(cli_site)
    assert fragments(streamed) == fragments(cli_site)
    by_url = {fragment["url"]: fragment for fragment in fragments(streamed).values()}
    assert by_url.keys() == {"/digests/foo.html", "/digests/bar/"}
    assert "¶" not in by_url["/digests/foo.html"]["content"]  # .headerlink excluded, as with the CLI
    assert by_url["/digests/bar/"]["filters"] == {"source": ["Le Monde"]}


# --------------------------------------------------------------------------- failures and abandon


def test_close_stops_the_service_and_writes_nothing(tmp_path):
    index = search.StreamingIndex()
    index.add_page(_page("en", "<main data-pagefind-body>Harbour traffic</main>"), "digests/a/index.html")
    index.close()
    index.close()  # idempotent
    index.add_page(_page("en", "<main data-pagefind-body>Late</main>"), "digests/b/index.html")  # ignored
    assert list(tmp_path.iterdir()) == []
    assert not [t for t in threading.enumerate() if t.name == "pagefind-index"]
    assert pagefind_children() == []
    with pytest.raises(search.SearchIndexError, match="closed"):
        index.finish(tmp_path)


def test_a_broken_executable_is_a_search_index_error(tmp_path):
    fake = fake_pagefind(tmp_path, "echo 'Error: could not read the site' >&2\nexit 3\n")
    index = search.StreamingIndex(executable=fake)
    index.add_page(_page("en", "<main data-pagefind-body>x</main>"), "a.html")
    with pytest.raises(search.SearchIndexError) as info:
        index.finish(tmp_path / "site")
    message = str(info.value)
    assert "exit 3" in message and "could not read the site" in message and "search: material" in message
    assert not (tmp_path / "site").exists()


def test_a_missing_executable_is_a_search_index_error(tmp_path):
    index = search.StreamingIndex(executable=tmp_path / "nowhere" / "pagefind")
    with pytest.raises(search.SearchIndexError, match="nowhere"):
        index.finish(tmp_path)


def test_a_service_dying_mid_build_neither_blocks_nor_hangs(tmp_path):
    """The real service, whose input is cut after a few kilobytes: it exits mid-page."""
    real = search.pagefind_executable()
    fake = fake_pagefind(tmp_path, f'dd bs=1 count=3000 status=none | "{real}" "$@"\n')
    index = search.StreamingIndex(executable=fake)
    body = "<main data-pagefind-body>" + "harbour traffic rose " * 200 + "</main>"
    started = time.monotonic()
    for n in range(3 * search.MAX_PENDING_PAGES):  # more than add_page lets wait in memory
        index.add_page(_page("en", body), f"digests/d{n}/index.html")
    with pytest.raises(search.SearchIndexError, match=r"Pagefind stopped \(exit \d+\)"):
        index.finish(tmp_path / "site")
    assert time.monotonic() - started < search.STALL_SECONDS / 2  # not the stall timeout: the death is seen
    assert not (tmp_path / "site").exists() and pagefind_children() == []


def test_an_unexpected_error_in_the_index_thread_is_a_search_index_error(monkeypatch, tmp_path):
    """A pagefind release whose client no longer fits _Service: the plugin must hear of it."""
    async def changed(self, payload):
        raise AttributeError("'_Service' object has no attribute '_backend'")

    monkeypatch.setattr(search._Service, "send", changed)
    index = search.StreamingIndex()
    index.add_page(_page("en", "<main data-pagefind-body>x</main>"), "a.html")
    with pytest.raises(search.SearchIndexError, match="no attribute '_backend'"):
        index.finish(tmp_path)
    assert pagefind_children() == []


def test_pages_without_a_pagefind_body_are_not_sent(tmp_path):
    index = search.StreamingIndex()
    index.add_page(_page("fr", "<nav>Accueil</nav>"), "index.html")
    with pytest.raises(search.SearchIndexError, match="nothing to index"):
        index.finish(tmp_path)
    assert not (tmp_path / "pagefind").exists()


# --------------------------------------------------------------------------- the write race

# A Pagefind service as the real one behaves under load: it answers WriteFiles while its own
# writes are still queued (tokio's File::write_all returns before the bytes reach the file), so
# the entry file exists but is empty when the answer arrives. GetFiles answers with the bytes.
LAGGING_SERVICE = r'''
import base64, json, os, sys, threading, time
ENTRY = json.dumps({"version": "1.5.2", "languages": {"en": {"hash": "en_1", "wasm": "en", "page_count": "__PAGES__"}}})
FILES = {"pagefind-entry.json": ENTRY.encode(), "pagefind.js": b"/* js */", "fragment/en_1.pf_fragment": b"frag"}
pages = 0

def answer(message_id, payload):
    sys.stdout.buffer.write(base64.b64encode(json.dumps({"message_id": message_id, "payload": payload}).encode()) + b",")
    sys.stdout.flush()

def late_write(out):
    time.sleep(3)
    for name, content in FILES.items():
        path = os.path.join(out, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        open(path, "wb").write(content.replace(b'"__PAGES__"', str(pages).encode()))

buffer = b""
while True:
    chunk = sys.stdin.buffer.read1(65536)
    if not chunk:
        time.sleep(4)  # let a late writer finish before the process goes
        sys.exit(0)
    buffer += chunk
    while b"," in buffer:
        raw, buffer = buffer.split(b",", 1)
        request = json.loads(base64.b64decode(raw))
        payload, mid = request["payload"], request["message_id"]
        kind = payload["type"]
        if kind == "NewIndex":
            answer(mid, {"type": "NewIndex", "index_id": 0})
        elif kind == "AddFile":
            pages += 1
            answer(mid, {"type": "IndexedFile", "page_word_count": 2, "page_url": "/", "page_meta": {}})
        elif kind == "WriteFiles":
            out = payload["output_path"]
            os.makedirs(out, exist_ok=True)
            open(os.path.join(out, "pagefind-entry.json"), "wb").close()  # created, not yet written
            threading.Thread(target=late_write, args=(out,)).start()
            answer(mid, {"type": "WriteFiles", "output_path": out})
        elif kind == "GetFiles":
            files = [{"path": n, "content": base64.b64encode(c.replace(b'"__PAGES__"', str(pages).encode())).decode()}
                     for n, c in FILES.items()]
            answer(mid, {"type": "GetFiles", "files": files})
        else:
            answer(mid, {"type": "Error", "message": "unexpected " + kind})
'''


def lagging_service(tmp_path: Path) -> Path:
    script = tmp_path / "lagging_service.py"
    script.write_text(LAGGING_SERVICE, encoding="utf-8")
    import sys
    return fake_pagefind(tmp_path, f'exec "{sys.executable}" "{script}"\n')


def test_the_bundle_is_complete_when_finish_returns_even_if_the_service_writes_late(tmp_path):
    """The crash of issue 14: the entry file was read while Pagefind was still writing it."""
    index = search.StreamingIndex(executable=lagging_service(tmp_path))
    for n in range(3):
        index.add_page(_page("en", "<main data-pagefind-body>Harbour</main>"), f"digests/d{n}/index.html")
    site = tmp_path / "site"
    assert index.finish(site) == "1 language, 3 pages"
    bundle = site / search.BUNDLE_DIR
    assert json.loads((bundle / "pagefind-entry.json").read_bytes())["languages"]["en"]["page_count"] == 3
    assert (bundle / "fragment" / "en_1.pf_fragment").read_bytes() == b"frag"
    assert search.bundle_languages(site) == {"en": 3}


def test_an_incomplete_entry_file_is_a_one_line_error_naming_it(tmp_path):
    bundle = tmp_path / search.BUNDLE_DIR
    bundle.mkdir()
    (bundle / "pagefind-entry.json").write_bytes(b"")
    with pytest.raises(search.SearchIndexError) as info:
        search.bundle_languages(tmp_path)
    message = str(info.value)
    assert "pagefind-entry.json" in message and "build the site again" in message and "\n" not in message


@pytest.mark.parametrize("files, problem", [
    ([("pagefind.js", b"x")], "0 entry files"),
    ([("pagefind-entry.json", b"{\"lang")], "not valid JSON"),
    ([("pagefind-entry.json", b'{"languages": {}}'), ("../escape.js", b"x")], "outside its folder"),
    ([("pagefind-entry.json", b'{"languages": {}}'), ("/etc/x", b"x")], "outside its folder"),
])
def test_a_reply_that_is_not_a_whole_bundle_is_refused(tmp_path, files, problem):
    with pytest.raises(search.SearchIndexError, match=problem):
        search.write_bundle(files, tmp_path / "site" / search.BUNDLE_DIR)
    assert not (tmp_path / "escape.js").exists()
    assert not (tmp_path / "site" / search.BUNDLE_DIR / "pagefind-entry.json").exists()


def test_a_bundle_that_cannot_be_written_names_the_folder(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / search.BUNDLE_DIR).write_text("a file where the folder goes")
    with pytest.raises(search.SearchIndexError) as info:
        search.write_bundle([("pagefind-entry.json", b'{"languages": {}}')], site / search.BUNDLE_DIR)
    assert str(site / search.BUNDLE_DIR) in str(info.value) and "build again" in str(info.value)
