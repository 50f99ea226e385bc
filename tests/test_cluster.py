"""digest/cluster.py: the digest step on a real Dask distributed LocalCluster."""
from __future__ import annotations

import os
import socket

import pytest

pytest.importorskip("distributed", reason="Dask distributed is not installed (pip install '.[test]')")

from digest import cluster, parallel  # noqa: E402
from digest.config import ConfigError, make_config  # noqa: E402
from digest.pipeline import build  # noqa: E402

from .test_cache import same_output, site  # noqa: E402,F401 (site is a fixture)


def config(content, **options):
    return make_config({"content_dir": str(content), "workers": 2, **options}, content.parent)


@pytest.fixture(scope="module", autouse=True)
def _close_clusters():
    yield
    cluster.close_clients()


def test_a_build_on_a_local_cluster_equals_the_local_pool_and_one_process(site, tmp_path):
    one = build(config(site, workers=1))
    pool = build(config(site))
    dask = build(config(site, executor="dask"))
    assert same_output(one, pool) and same_output(one, dask)
    assert dask.stats.workers == 2 and dask.stats.articles >= parallel.MIN_PARALLEL_ITEMS
    cached = build(config(site, executor="dask", cache_dir=str(tmp_path / "cache")))
    warm = build(config(site, executor="dask", cache_dir=str(tmp_path / "cache")))
    assert same_output(one, cached) and same_output(one, warm) and warm.stats.work_items == 0


def _pid_and_setups(item):
    state = parallel.worker_state()
    return os.getpid(), parallel._setups, state["tag"], item * 2


def test_the_state_is_installed_once_per_worker_not_per_item():
    items = list(range(200))
    results, count = cluster.dask_map(_pid_and_setups, items, {"tag": "first"}, "local", 2)
    assert [r[3] for r in results] == [i * 2 for i in items]  # in order
    assert count == 2 and {r[2] for r in results} == {"first"}
    per_worker = {}
    for pid, setups, _tag, _ in results:
        per_worker.setdefault(pid, set()).add(setups)
    assert os.getpid() not in per_worker and all(len(s) == 1 for s in per_worker.values()), per_worker
    again, _ = cluster.dask_map(_pid_and_setups, items, {"tag": "second"}, "local", 2)
    assert {r[2] for r in again} == {"second"}  # a new stage's state replaces the last one


def test_an_unreachable_scheduler_is_one_clear_error(site, monkeypatch):
    monkeypatch.setattr(cluster, "CONNECT_SECONDS", 2)
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{s.getsockname()[1]}"
    with pytest.raises(cluster.ClusterError) as info:
        build(config(site, executor="dask", scheduler=address))
    message = str(info.value)
    assert address in message and "dask scheduler" in message and "executor: dask" in message


@pytest.mark.parametrize("options, problem", [
    ({"executor": "spark"}, "executor must be one of"),
    ({"scheduler": "tcp://127.0.0.1:8786"}, "only used with executor: dask"),
    ({"executor": "dask", "scheduler": "localhost"}, "must be an address"),
])
def test_cluster_options_are_validated(tmp_path, options, problem):
    (tmp_path / "content").mkdir()
    with pytest.raises(ConfigError, match=problem):
        make_config({"content_dir": "content", **options}, tmp_path)
