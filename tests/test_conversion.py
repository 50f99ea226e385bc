"""Pages converted by helper processes are the pages MkDocs would have converted itself."""
from __future__ import annotations

import logging
import pickle
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from digest import conversion
from digest.conversion import ParallelConversion

PAGES = 40


def _docs(root: Path) -> None:
    """Pages that link to each other's anchors, with headings, titles and one broken link each."""
    docs = root / "docs"
    docs.mkdir()
    for i in range(PAGES):
        nxt = (i + 1) % PAGES
        (docs / f"p{i:02d}.md").write_text(
            f"# Page {i}\n\nSee [the next one](p{nxt:02d}.md#part-{nxt}), [nowhere](missing-{i}.md) "
            f"and [a lost anchor](p{nxt:02d}.md#no-such-{i}).\n\n## Part {i}\n\n"
            + "".join(f"- item *{j}* of **{i}**\n" for j in range(5)), "utf-8")
    (root / "mkdocs.yml").write_text("site_name: t\nnav:\n  - p00.md\n  - p01.md\n"
                                     "markdown_extensions:\n  - toc\n  - attr_list\n", "utf-8")


def _populate(root: Path, helpers: int, edit=None, started=None) -> tuple[dict, ParallelConversion]:
    """MkDocs' page loop (read, Markdown hooks, render) with or without helpers."""
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    files = get_files(config)
    get_navigation(files, config)
    pages = files.documentation_pages()
    converter = ParallelConversion(helpers)
    converter.start(config, files)
    if started is not None:
        started(converter)
    out = {}
    try:
        for file in pages:
            page = file.page or Page(None, file, config)
            converter.attach(page)
            page.read_source(config)
            if edit is not None:
                page.markdown = edit(file.src_uri, page.markdown)  # as a plugin's on_page_markdown would
            page.render(config, files)
            out[file.src_uri] = (page.content, str(page.toc), page.title, sorted(page.present_anchor_ids),
                                 {f.src_uri: links for f, links in (page.links_to_anchors or {}).items()},
                                 "render" in vars(page))
            for target in page.links_to_anchors or {}:
                assert target is files.get_file_from_path(target.src_uri)  # the build's own File objects
    finally:
        converter.stop()
    return out, converter


@pytest.fixture
def few_pages(monkeypatch):
    monkeypatch.setattr(conversion, "MIN_PAGES", 4)
    # Earlier tests may leave threads running (servers, background indexing): these tests fork anyway.
    monkeypatch.setattr(conversion, "may_fork", lambda: True)


def test_helpers_give_what_mkdocs_gives(tmp_path, few_pages, caplog):
    _docs(tmp_path)
    with caplog.at_level(logging.INFO):
        alone, _ = _populate(tmp_path, 0)
    alone_log = sorted(r.getMessage() for r in caplog.records)
    caplog.clear()
    with caplog.at_level(logging.INFO):
        helped, converter = _populate(tmp_path, 1)
    assert helped == alone
    assert 0 < converter.used < PAGES  # both sides converted pages
    # The messages a helper's conversion logged are logged by the build (so --strict counts them).
    assert sorted(r.getMessage() for r in caplog.records) == alone_log
    assert sum("missing-" in m for m in alone_log) == PAGES


def test_markdown_changed_after_reading_is_converted_again(tmp_path, few_pages):
    _docs(tmp_path)

    def edit(src_uri: str, markdown: str) -> str:
        return markdown + f"\n\nAdded to {src_uri}.\n"

    helped, converter = _populate(tmp_path, 1, edit)
    assert converter.used == 0
    assert all(f"Added to {name}." in content for name, (content, *_rest) in helped.items())


def test_a_helper_that_dies_leaves_its_pages_to_the_build(tmp_path, few_pages):
    _docs(tmp_path)
    alone, _ = _populate(tmp_path, 0)

    def kill(converter: ParallelConversion) -> None:
        for process in converter._processes:
            process.kill()
            process.join()

    helped, converter = _populate(tmp_path, 1, started=kill)
    assert helped == alone


def test_a_result_that_cannot_be_read_back_is_converted_by_the_build(tmp_path, few_pages, monkeypatch):
    _docs(tmp_path)
    alone, _ = _populate(tmp_path, 0)

    def damaged(self):
        raise pickle.UnpicklingError("truncated")

    monkeypatch.setattr(conversion._ResultUnpickler, "load", damaged)
    helped, converter = _populate(tmp_path, 1)
    assert helped == alone and converter.used == 0


def test_no_helper_for_few_pages_none_asked_or_threads_running(tmp_path, monkeypatch):
    _docs(tmp_path)
    real_may_fork = conversion.may_fork
    monkeypatch.setattr(conversion, "may_fork", lambda: True)
    for helpers in (0, 1):  # 40 pages are below MIN_PAGES
        _, converter = _populate(tmp_path, helpers)
        assert converter.used == 0
    monkeypatch.setattr(conversion, "MIN_PAGES", 4)
    monkeypatch.setattr(conversion, "may_fork", real_may_fork)
    monkeypatch.setattr(conversion.threading, "active_count", lambda: 2)  # as under `mkdocs serve`
    helped, converter = _populate(tmp_path, 1)
    assert converter.used == 0 and not converter.active
    assert all(content for content, *_rest in helped.values())


def _site(project: Path, out: Path, workers: int, caplog) -> dict[str, bytes]:
    text = (project / "mkdocs.yml").read_text("utf-8")
    (project / "mkdocs.yml").write_text(text.replace("  - digest:\n", f"  - digest:\n      workers: {workers}\n", 1),
                                        "utf-8")
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(out))
    config.plugins.on_startup(command="build", dirty=False)
    caplog.clear()
    with caplog.at_level(logging.DEBUG, logger="mkdocs.plugins.digest"):
        mkdocs_build(config)
    config.plugins.on_shutdown()
    (project / "mkdocs.yml").write_text(text, "utf-8")
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*.html"))}


def test_a_digest_site_built_with_helpers_equals_one_built_without(project, tmp_path, few_pages, caplog):
    alone = _site(project, tmp_path / "alone", 1, caplog)
    helped = _site(project, tmp_path / "helped", 2, caplog)
    used = [r.getMessage() for r in caplog.records if "converted to HTML on other cores" in r.getMessage()]
    assert used and int(used[0].split()[1]) > 0
    assert sorted(helped) == sorted(alone)
    assert [name for name in alone if alone[name] != helped[name]] == []
