"""Markdown-to-HTML conversion of a MkDocs build's pages on the cores MkDocs leaves idle.

MkDocs converts its pages one after the other in one process: for a digest site
that is about three quarters of a plain build (Python-Markdown, ~8 ms a page). Here
forked helpers convert pages from the end of the build's page list backwards while
MkDocs works forwards from the start; where the two meet, MkDocs takes the helpers'
HTML instead of converting again. Which side converts a page is decided under one
lock, so no page is converted twice and none is waited for without being claimed.

A helper's result is used only for the exact Markdown it was made from: a page whose
Markdown another plugin changed is converted by MkDocs as usual. What `Page.render`
sets on the page (content, toc, title, anchors) is carried over as a whole, with
references to the site's files resolved to the build's own objects, and the messages
it logged are logged again in the build, in page order, so `--strict` counts them.
This relies on what MkDocs' own `--dirty` relies on: a page's HTML depends only on its
Markdown, the site's files and the config, all fixed once the nav is made.
"""
from __future__ import annotations

import gc
import hashlib
import io
import logging
import multiprocessing
import multiprocessing.connection
import pickle
import signal
import struct
import threading
from typing import Any

from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from .parallel import may_fork

# Below this many pages a helper process costs more than it saves.
MIN_PAGES = 64
LOCK_TIMEOUT = 10.0  # seconds; the lock is held for a few instructions at a time
_DONE = -1
_INDEX = struct.Struct("<q")


def _fingerprint(markdown: str) -> bytes:
    return hashlib.blake2b(markdown.encode("utf-8", "surrogatepass"), digest_size=16).digest()


class _Records(logging.Handler):
    """Keeps what a helper logs while converting one page, to be logged by the build."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


class _ResultPickler(pickle.Pickler):
    # Files and pages are the build's own objects: send their path, not a copy.
    def persistent_id(self, obj):
        if isinstance(obj, File):
            return ("file", obj.src_uri)
        if isinstance(obj, Page):
            return ("page", obj.file.src_uri)
        return None


class _ResultUnpickler(pickle.Unpickler):
    def __init__(self, data: bytes, files) -> None:
        super().__init__(io.BytesIO(data))
        self.files = files

    def persistent_load(self, pid):
        kind, src_uri = pid
        found = self.files.get_file_from_path(src_uri)
        if found is None:
            raise pickle.UnpicklingError(f"{src_uri} is not among the build's files")
        return found if kind == "file" else found.page


def convert_in_helper(file: File, config, files, records: _Records) -> bytes:
    """What `Page.render` sets on *file*'s page, pickled with the Markdown's fingerprint and logs."""
    page = file.page if file.page is not None else Page(None, file, config)
    page.read_source(config)
    before = dict(vars(page))
    records.records.clear()
    page.render(config, files)
    changed = {k: v for k, v in vars(page).items() if k not in before or before[k] is not v}
    out = io.BytesIO()
    _ResultPickler(out, pickle.HIGHEST_PROTOCOL).dump((_fingerprint(page.markdown), changed, records.records))
    return out.getvalue()


class ParallelConversion:
    """Helpers that convert `pages` (in the order MkDocs populates them) from the end backwards."""

    def __init__(self, helpers: int) -> None:
        self.helpers = helpers
        self._index: dict[str, int] = {}
        self._processes: list = []
        self._results: dict[int, bytes] = {}
        self._finished = 0
        self._ready = threading.Condition()
        self._reader: threading.Thread | None = None
        self._files = None
        self._lock_lost = False
        self.used = 0  # pages whose helper HTML the build took

    @property
    def active(self) -> bool:
        return bool(self._processes)

    def start(self, config, files, dirty: bool = False) -> None:
        """Fork the helpers over the pages MkDocs is about to convert (with `--dirty`, the modified ones)."""
        if self.helpers < 1 or not may_fork():
            return  # before listing the pages: a `serve` rebuild (threads running) pays nothing
        pages = [f for f in files.documentation_pages() if not (dirty and not f.is_modified())]
        if len(pages) < MIN_PAGES:
            return
        context = multiprocessing.get_context("fork")
        self._index = {f.src_uri: i for i, f in enumerate(pages)}
        self._files = files
        self._lock = context.Lock()
        self._front = context.RawValue("q", -1)  # the last page MkDocs converts itself
        self._back = context.RawValue("q", len(pages) - 1)  # the next page a helper may claim
        connections = []
        for _ in range(self.helpers):
            receiver, sender = context.Pipe(duplex=False)
            process = context.Process(target=self._help, args=(sender, pages, config, files),
                                      name="digest-markdown", daemon=True)
            process.start()
            sender.close()
            self._processes.append(process)
            connections.append(receiver)
        self._reader = threading.Thread(target=self._read, args=(connections,), name="digest-markdown-results",
                                        daemon=True)
        self._reader.start()

    def _help(self, sender, pages: list[File], config, files) -> None:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        gc.freeze()  # the inherited objects are never scanned, so never copied
        records = _Records()
        # Every record reaches the root logger once and is kept there, not printed.
        for logger in logging.root.manager.loggerDict.values():
            if isinstance(logger, logging.Logger):
                logger.handlers, logger.propagate = [], True
        logging.root.handlers = [records]
        while True:
            with self._lock:
                index = self._back.value
                if index <= self._front.value:
                    break
                self._back.value = index - 1
            try:
                payload = convert_in_helper(pages[index], config, files, records)
            except Exception:  # noqa: BLE001 - the build converts the page itself and reports the error
                payload = b""
            sender.send_bytes(_INDEX.pack(index) + payload)
        sender.send_bytes(_INDEX.pack(_DONE))
        sender.close()

    def _read(self, connections: list) -> None:
        waiting = list(connections)
        while waiting:
            for connection in multiprocessing.connection.wait(waiting):
                try:
                    data = connection.recv_bytes()
                except (EOFError, OSError):
                    data = _INDEX.pack(_DONE)
                (index,) = _INDEX.unpack_from(data)
                with self._ready:
                    if index == _DONE:
                        waiting.remove(connection)
                        connection.close()
                        self._finished += 1
                    else:
                        self._results[index] = data[_INDEX.size:]
                    self._ready.notify_all()

    def attach(self, page: Page) -> None:
        """Let *page*'s next `render` use a helper's HTML when one converted the same Markdown."""
        index = self._index.get(page.file.src_uri) if self.active else None
        if index is None:
            return
        convert = page.render

        def render(config, files) -> None:
            del page.render  # once: the page is a plain page again
            changed = self._take(index, page.markdown)
            if changed is None:
                convert(config, files)
            else:
                vars(page).update(changed)

        page.render = render

    def _take(self, index: int, markdown: str | None) -> dict[str, Any] | None:
        # A helper killed while holding the lock must not hang the build: then the build
        # converts the rest itself (a page at worst twice).
        if self._lock_lost or not self._lock.acquire(timeout=LOCK_TIMEOUT):
            self._lock_lost = True
            return None
        try:
            if index <= self._back.value:  # not claimed by a helper: the build converts it
                self._front.value = max(self._front.value, index)
                return None
        finally:
            self._lock.release()
        with self._ready:
            self._ready.wait_for(lambda: index in self._results or self._finished == len(self._processes))
            data = self._results.pop(index, b"")
        if not data or markdown is None:
            return None
        try:
            fingerprint, changed, records = _ResultUnpickler(data, self._files).load()
        except Exception:  # noqa: BLE001 - a result that cannot be read back: the build converts the page
            return None
        if fingerprint != _fingerprint(markdown):
            return None
        for name, level, message in records:
            logging.getLogger(name).log(level, "%s", message)
        self.used += 1
        return changed

    def stop(self) -> None:
        """End the helpers (their remaining work is not needed) and drop unused results."""
        if not self._processes:
            return
        for process in self._processes:
            process.kill()
            process.join()
        if self._reader is not None:
            self._reader.join()
        self._processes, self._results, self._index, self._files, self._reader = [], {}, {}, None, None
        self._finished = 0
