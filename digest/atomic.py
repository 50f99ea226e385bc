"""Atomic site output: build into a staging folder, move it into place only on success.

A failed, aborted (`--strict`) or interrupted build leaves the previous `site/` as it was,
so a broken build never publishes half a site. The staging folder sits beside `site/`, on
the same file system, so the final move is a rename, not a copy: on Linux one atomic
exchange of the two folders, so that no instant exists without a whole `site/`.

One build at a time writes a site: a lock file beside it (`.site.lock`, an advisory
`flock` that the kernel releases when its process dies, even by `kill -9`) makes a second
build wait, so neither removes the other's staging folder.
"""
from __future__ import annotations

import ctypes
import errno
import fcntl
import logging
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.digest")

STAGING_MARK = ".building-"
OLD_MARK = ".previous-"
LOCK_MARK = ".lock"
_RENAME_EXCHANGE = 2  # linux/fs.h
# Commands whose output is the user's site; `serve` builds into its own temporary folder.
STAGED_COMMANDS = ("build", "gh-deploy")


def staging_dir(final: Path, pid: int) -> Path:
    return final.with_name(f".{final.name}{STAGING_MARK}{pid}")


def leftovers(final: Path) -> list[Path]:
    """Staging or previous-site folders an interrupted build left behind (Ctrl-C, kill)."""
    if not final.parent.is_dir():
        return []
    prefixes = (f".{final.name}{STAGING_MARK}", f".{final.name}{OLD_MARK}")
    return sorted(p for p in final.parent.iterdir() if p.is_dir() and p.name.startswith(prefixes))


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux renameat2); False where the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_cwd = -100  # AT_FDCWD: the paths are used as given
    done = renameat2(at_cwd, os.fsencode(a), at_cwd, os.fsencode(b), _RENAME_EXCHANGE)
    return done == 0


def recover(final: Path) -> Path | None:
    """Put back the previous site when a build died between the two renames of the fallback move."""
    if final.exists():
        return None
    previous = [p for p in leftovers(final) if OLD_MARK in p.name]
    if not previous:
        return None
    newest = max(previous, key=lambda p: p.stat().st_mtime_ns)
    newest.rename(final)
    return newest


def move_into_place(staging: Path, final: Path) -> None:
    """Replace `final` by `staging`: one atomic exchange, else two renames (then `final` is
    missing between them, and `recover` puts the previous site back after a crash there)."""
    if final.exists() and _exchange(staging, final):
        shutil.rmtree(staging, ignore_errors=True)  # now the previous site
        return
    old = None
    if final.exists():
        old = final.with_name(f".{final.name}{OLD_MARK}{os.getpid()}")
        if old.exists():
            shutil.rmtree(old)
        final.rename(old)
    try:
        staging.rename(final)
    except OSError:
        if old is not None:
            old.rename(final)  # put the previous site back before reporting
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


class BuildLock:
    """Only one build writes a given site at a time; a second one waits for the first."""

    def __init__(self, final: Path) -> None:
        self.path = final.with_name(f".{final.name}{LOCK_MARK}")
        self._fd: int | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.EACCES):
                os.close(fd)
                raise
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "another process"
            log.warning("digest: another build of %s is running (pid %s); this one waits for it to finish",
                        self.path.with_name(self.path.name[1:-len(LOCK_MARK)]), holder)
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing drops the flock; the file stays for the next build
            self._fd = None


class _WarningCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@dataclass
class AtomicOutput:
    """State of one build; the MkDocs plugin calls these from its event hooks."""
    command: str | None = None
    final: Path | None = None
    staging: Path | None = None
    strict: bool = False
    _counter: _WarningCounter = field(default_factory=_WarningCounter)
    _lock: BuildLock | None = None

    def start(self, site_dir: str, strict: bool) -> str:
        """Return the folder MkDocs should write to."""
        if self.command not in STAGED_COMMANDS:
            return site_dir
        self.final = Path(site_dir).resolve()
        self._lock = BuildLock(self.final)
        self._lock.acquire()  # before the clean-up below: another build's staging folder is not stale
        if recover(self.final):
            log.info("digest: %s was put back from the previous build, which stopped while moving it", self.final)
        for stale in leftovers(self.final):
            shutil.rmtree(stale, ignore_errors=True)
        self.staging = staging_dir(self.final, os.getpid())
        self.strict = strict
        if strict:
            # MkDocs aborts a strict build only after on_post_build: count warnings ourselves
            # so that an aborted build is never moved into place.
            self._counter.count = 0
            logging.getLogger("mkdocs").addHandler(self._counter)
        return str(self.staging)

    def finish(self) -> str | None:
        """Move the staged site into place; return the final folder (None when not staging)."""
        if self.staging is None or self.final is None:
            return None
        self._detach()
        if self.strict and self._counter.count:
            return None  # MkDocs raises next; on_build_error discards the staging folder
        move_into_place(self.staging, self.final)
        self.staging = None
        self._release()
        return str(self.final)

    def discard(self) -> str | None:
        self._detach()
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging = None
        self._release()
        return str(self.final) if self.final else None

    def _detach(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self._counter)

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None
