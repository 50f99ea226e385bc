"""Atomic site output: build into a staging folder, move it into place only on success.

A failed, aborted (`--strict`) or interrupted build leaves the previous `site/` as it was,
so a broken build never publishes half a site. The staging folder sits beside `site/`, on
the same file system, so the final move is a rename, not a copy.
"""
from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

STAGING_MARK = ".building-"
OLD_MARK = ".previous-"
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


def move_into_place(staging: Path, final: Path) -> None:
    """Replace `final` by `staging`; `final` is missing only between two renames."""
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

    def start(self, site_dir: str, strict: bool) -> str:
        """Return the folder MkDocs should write to."""
        if self.command not in STAGED_COMMANDS:
            return site_dir
        self.final = Path(site_dir).resolve()
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
        return str(self.final)

    def discard(self) -> str | None:
        self._detach()
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging = None
        return str(self.final) if self.final else None

    def _detach(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self._counter)
