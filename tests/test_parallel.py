"""The digest step on several processes gives exactly what one process gives, in the same order."""
from __future__ import annotations

import io
import multiprocessing
import os
import threading
from pathlib import Path

import pytest

import digest.parallel as parallel
from digest.parallel import map_ordered, resolve_workers, worker_state
from digest.pipeline import build
from tests.test_cache import config, same_output, site  # noqa: F401 - the fixture is shared


def _square_plus_offset(x: int) -> int:
    return x * x + worker_state()["offset"]


def _pid(_x: int) -> int:
    import os

    return os.getpid()


def test_map_ordered_keeps_the_order_whatever_the_worker_count():
    items = list(range(200, 0, -1))
    expected = [x * x + 7 for x in items]
    for workers in (1, 2, 3):
        results, used = map_ordered(_square_plus_offset, items, workers, state={"offset": 7})
        assert results == expected
        assert used == workers


def test_several_workers_really_are_other_processes():
    import os

    pids, used = map_ordered(_pid, list(range(64)), 2)
    assert used == 2 and os.getpid() not in pids


def test_few_items_or_one_worker_run_in_this_process():
    import os

    assert map_ordered(_pid, list(range(3)), 4) == ([os.getpid()] * 3, 1)
    assert map_ordered(_pid, list(range(50)), 1) == ([os.getpid()] * 50, 1)


def test_zero_workers_means_one_per_core():
    assert resolve_workers(0) >= 1 and resolve_workers(3) == 3


@pytest.mark.parametrize("cached", [False, True])
def test_a_build_on_two_workers_equals_a_build_on_one(site, tmp_path, cached):  # noqa: F811
    extra = {"cache_dir": str(tmp_path / "cache")} if cached else {}
    one = build(config(site, **extra))
    if cached:  # the cache from the one-worker build must not hide the two-worker run
        import shutil

        shutil.rmtree(tmp_path / "cache")
    two = build(config(site, workers=2, **extra))
    assert two.stats.workers == 2 and one.stats.workers == 1
    assert two.stats.ingest_misses == two.stats.files == 30
    assert same_output(one, two)
    assert list(one.pages) == list(two.pages)
    assert [d.slug for d in one.digests] == [d.slug for d in two.digests]


def test_no_progress_bar_when_stderr_is_not_a_terminal(capsys):
    map_ordered(_square_plus_offset, list(range(40)), 1, state={"offset": 0})
    assert capsys.readouterr().err == ""


def test_a_progress_bar_on_a_terminal(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    monkeypatch.setattr(parallel.sys, "stderr", screen)
    results, _used = map_ordered(_square_plus_offset, list(range(40)), 1, state={"offset": 0},
                                 desc="digest: testing")
    assert results == [x * x for x in range(40)]
    assert "digest: testing" in screen.getvalue()


def test_a_process_with_threads_still_gets_the_same_results():
    # `mkdocs serve` has a web server thread: workers then come from a fork server.
    import threading

    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, daemon=True)
    thread.start()
    try:
        assert threading.active_count() > 1
        results, used = map_ordered(_square_plus_offset, list(range(30)), 2, state={"offset": 1})
    finally:
        stop.set()
        thread.join()
    assert results == [x * x + 1 for x in range(30)] and used == 2


def test_map_inherited_runs_closures_on_forked_workers_in_order():
    from digest.parallel import map_inherited

    table = {i: f"page {i}" for i in range(100)}  # never pickled: the workers inherit it
    results, used = map_inherited(lambda i: (table[i], os.getpid()), 100, 2)
    assert [text for text, _pid in results] == [table[i] for i in range(100)]
    if multiprocessing.get_start_method(allow_none=True) in (None, "fork") and threading.active_count() == 1:
        assert used == 2 and os.getpid() not in {pid for _text, pid in results}
    assert map_inherited(lambda i: i * i, 5, 2) == ([0, 1, 4, 9, 16], 1)  # too few to fork


def test_pages_rendered_on_several_workers_are_those_of_one(tmp_path, monkeypatch):
    import shutil

    from digest import site
    from digest.config import make_config
    from digest.pipeline import build

    content = tmp_path / "content"
    shutil.copytree(Path(__file__).resolve().parents[1] / "content", content)
    one = build(make_config({"content_dir": str(content), "workers": 1}, tmp_path))
    monkeypatch.setattr(site, "PARALLEL_PAGES", 1)
    two = build(make_config({"content_dir": str(content), "workers": 2}, tmp_path))
    assert list(two.pages) == list(one.pages) and two.pages == one.pages
