"""Run one function over many items on every core, results in the input order.

`workers=1` (or a handful of items) runs in this process: tests, small sites
and `mkdocs serve` after the first build pay no process start-up. Otherwise a
process pool maps the items in chunks; `Executor.map` returns results in the
order of the items, so the output never depends on the worker count.

A progress bar (tqdm) goes to stderr only when stderr is a terminal; in CI and
in logs nothing is printed per item.

With `executor: dask` the same map runs on a Dask distributed cluster instead
(`dask_map`): a scheduler's address, or a `LocalCluster` started for the build.
Results come back in the input order there too, so the output is the same.
"""
from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterable, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many items a pool costs more (start-up, pickling) than it saves.
MIN_PARALLEL_ITEMS = 8


def resolve_workers(workers: int) -> int:
    """0 means one per core this process may use."""
    if workers > 0:
        return workers
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


def may_fork() -> bool:
    """Whether this process can be forked safely: on Linux, with no other thread running.

    Forking a process with other threads (`mkdocs serve` runs a web server thread) can
    copy a lock another thread holds and hang the child.
    """
    return sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods() \
        and threading.active_count() == 1


def _context():
    """fork where `may_fork`, else a fork server.

    fork starts workers in milliseconds with digest already imported; a fork server
    forks from a clean single-threaded process instead. spawn is the fallback
    (Windows, macOS default).
    """
    if may_fork():
        return multiprocessing.get_context("fork")
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["digest.pipeline"])
        return context
    return multiprocessing.get_context()


_worker_state: dict = {}
_setups = 0  # states installed in this process (tests check a cluster installs one per stage)


def _init(state: dict) -> None:
    global _setups
    _setups += 1
    _worker_state.clear()
    _worker_state.update(state)


def worker_state() -> dict:
    """What the caller passed as `state`, in this process (the pool's or the caller's)."""
    return _worker_state


def _progress(items: Iterable, total: int, desc: str):
    if not sys.stderr.isatty() or total < MIN_PARALLEL_ITEMS:
        return items
    try:
        from tqdm import tqdm
    except ImportError:
        return items
    return tqdm(items, total=total, desc=desc, unit="item", file=sys.stderr, leave=False)


def map_ordered(fn: Callable[[T], R], items: list[T], workers: int, *, state: dict | None = None,
                desc: str = "digest", cluster: str | None = None) -> tuple[list[R], int]:
    """[fn(item) for item in items] on up to `workers` processes; returns (results, processes used).

    `fn` must be a module-level function; `state` (pickled once per worker, not once
    per item) is what it reads through `worker_state()`. *cluster* runs it on Dask:
    a scheduler address, or "local" for a LocalCluster of `workers` processes.
    """
    if cluster is not None and len(items) >= MIN_PARALLEL_ITEMS:
        from .cluster import dask_map
        return dask_map(fn, items, state or {}, cluster, resolve_workers(workers))
    n = min(resolve_workers(workers), len(items))
    if n <= 1 or len(items) < MIN_PARALLEL_ITEMS:
        previous = dict(_worker_state)
        _init(state or {})
        try:
            return [fn(item) for item in _progress(items, len(items), desc)], 1
        finally:
            _init(previous)
    # Chunks big enough to amortise pickling, small enough to balance the cores.
    chunksize = max(1, min(64, len(items) // (n * 8)))
    with ProcessPoolExecutor(max_workers=n, mp_context=_context(), initializer=_init,
                             initargs=(state or {},)) as pool:
        results = list(_progress(pool.map(fn, items, chunksize=chunksize), len(items), desc))
    return results, n


_inherited: Callable[[int], object] | None = None


def _call_inherited(index: int):
    assert _inherited is not None
    return _inherited(index)


def map_inherited(fn: Callable[[int], R], count: int, workers: int) -> tuple[list[R], int]:
    """[fn(i) for i in range(count)] where *fn* may be any closure: forked workers inherit it.

    For work whose inputs are costly to send (a site's listing contexts): only indexes go
    to the workers and only results come back. Without fork (a process with threads, such
    as `mkdocs serve`, or another platform) it runs in this process.
    """
    global _inherited
    n = min(resolve_workers(workers), count)
    context = _context()
    if n <= 1 or count < MIN_PARALLEL_ITEMS or context.get_start_method() != "fork":
        return [fn(i) for i in range(count)], 1
    chunksize = max(1, min(64, count // (n * 8)))
    _inherited = fn
    try:
        with ProcessPoolExecutor(max_workers=n, mp_context=context) as pool:
            return list(pool.map(_call_inherited, range(count), chunksize=chunksize)), n
    finally:
        _inherited = None
