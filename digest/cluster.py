"""The digest step on a Dask distributed cluster (`executor: dask`).

The local process pool stays the default; this is for archives that outgrow one machine.
Items go to the cluster in chunks, `Client.gather` returns them in submission order, so the
site is byte-identical to a local build. What a worker needs for every item (the glossary
matcher, options, templates: `map_ordered`'s *state*) is installed once per worker by a
worker plugin, and what a worker loads itself (models, word lists) stays loaded in that
worker's process across items and stages.

Workers must run the same digest version (they import `digest` to run the functions), and
read the content and cache paths the build names: on one machine that holds, on several the
folders must be shared (a worker that cannot write the cache only costs the next build time).
"""
from __future__ import annotations

import atexit
from typing import Callable, TypeVar

T = TypeVar("T")
R = TypeVar("R")

try:
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # the `dask` extra is not installed: _client says so
    WorkerPlugin = object

CONNECT_SECONDS = 10
CHUNK_ITEMS = 16  # one task per chunk: a task costs the scheduler about a millisecond


class ClusterError(RuntimeError):
    """The cluster could not be used; the message says what to do."""


_clients: dict[tuple[str, int], object] = {}


def _client(address: str, workers: int):
    """One client per scheduler (and one LocalCluster per build process), closed at exit."""
    key = (address, workers if address == "local" else 0)
    if key in _clients:
        return _clients[key]
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ClusterError("executor: dask needs Dask distributed: pip install 'digest[dask]'") from None
    try:
        if address == "local":
            # Processes, one thread each: digest's work is pure Python, which threads would serialise.
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=40)
            client = Client(cluster, set_as_default=False)
        else:
            client = Client(address, timeout=CONNECT_SECONDS, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {address} ({exc}); start it "
                           "(`dask scheduler`, then `dask worker ADDRESS` on each machine), fix `scheduler:` "
                           "under the digest plugin, or remove `executor: dask` to use this machine's cores") from None
    _clients[key] = client
    return client


@atexit.register
def close_clients() -> None:
    for client in _clients.values():
        cluster = getattr(client, "cluster", None)
        client.close()
        if cluster is not None:
            cluster.close()
    _clients.clear()


class _State(WorkerPlugin):
    """A worker plugin that installs `map_ordered`'s state in each worker process, once."""

    def __init__(self, state: dict) -> None:
        self.state = state

    def setup(self, worker) -> None:
        from .parallel import _init
        _init(self.state)

    def teardown(self, worker) -> None:
        pass


def _run_chunk(fn: Callable, chunk: list) -> list:
    return [fn(item) for item in chunk]


def dask_map(fn: Callable[[T], R], items: list[T], state: dict, address: str,
             workers: int) -> tuple[list[R], int]:
    """[fn(item) for item in items] on the cluster, in order; (results, workers of the cluster)."""
    client = _client(address, workers)
    try:
        # One name: each stage's state replaces the last one's on every worker (and on workers
        # that join later), installed once per worker, not sent with each item.
        client.register_plugin(_State(state), name="digest-state")
        chunks = [items[i:i + CHUNK_ITEMS] for i in range(0, len(items), CHUNK_ITEMS)]
        futures = client.map(_run_chunk, [fn] * len(chunks), chunks, pure=False)
        results = [r for chunk in client.gather(futures) for r in chunk]
        count = len(client.scheduler_info().get("workers", {})) or 1
    except (OSError, TimeoutError) as exc:
        raise ClusterError(f"the Dask cluster at {address} stopped answering ({exc}); "
                           "check its scheduler and workers, or remove `executor: dask`") from None
    return results, count
