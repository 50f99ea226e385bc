"""MkDocs adapter: runs the pipeline and hands its pages to MkDocs.

Nothing is written to disk here: generated pages are `File.generated(...)`
objects, so `mkdocs serve` never sees its own output and never loops.

While MkDocs converts the pages' Markdown, forked helpers convert pages too, on the
cores MkDocs leaves idle (`conversion.py`).

Under `mkdocs serve` the plugin object lives across rebuilds (it has `on_startup`):
it keeps a pipeline `Session` (nothing is read twice), tells `serve --dirty` which
generated pages did not change, and re-indexes search in the background.
"""
from __future__ import annotations

import errno
import hashlib
import html
import logging
import os
import threading
import time
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files

from . import search
from .atomic import AtomicOutput
from .cluster import ClusterError
from .config import ConfigError, make_config
from .conversion import ParallelConversion
from .parallel import resolve_workers
from .pipeline import Session, build, notes_in_nav
from .feeds import alternate_links, feed_tags

log = logging.getLogger("mkdocs.plugins.digest")

REQUIRED_EXTENSIONS = ("admonition", "attr_list", "md_in_html", "toc")
CSS_PATH = "assets/digest.css"
CSS = """\
.digest-sentence:target { background: var(--md-accent-fg-color--transparent, #ffeb3b55); }
.digest-term { text-decoration: underline dotted; }
.digest-meta { color: var(--md-default-fg-color--light); margin-bottom: 1em; }
.digest-standfirst { font-weight: 600; }
"""


class DigestPluginConfig(Config):
    content_dir = c.Optional(c.Type(str))
    templates_dir = c.Type(str, default="templates")
    summary_sentences = c.Type(int, default=3)
    summary_words = c.Optional(c.Type(int))
    facts_max = c.Type(int, default=8)
    home_latest = c.Type(int, default=20)
    max_file_size = c.Type(int, default=5_000_000)
    glossary_first_only = c.Type(bool, default=True)
    entities = c.Choice(("rules", "spacy"), default="rules")
    nav_notes = c.Type(int, default=10)
    issue_period = c.Choice(("day", "week", "month"), default="day")
    home_issues = c.Type(int, default=5)
    archive_page_size = c.Type(int, default=50)
    search = c.Choice(("pagefind", "material"), default="pagefind")
    workers = c.Type(int, default=0)
    cache_dir = c.Optional(c.Type(str))
    executor = c.Choice(("local", "dask"), default="local")
    scheduler = c.Optional(c.Type(str))


class GeneratedPage(File):
    """A generated page that `mkdocs serve --dirty` skips when the last build wrote the same one.

    MkDocs treats every generated file as modified; for a 3,000-digest site that means
    re-rendering ~7,500 pages after each edit. A page is left alone only when its Markdown
    and everything around it (mkdocs.yml, the nav, theme overrides) are unchanged.
    """

    unchanged = False

    def is_modified(self) -> bool:
        return not (self.unchanged and os.path.isfile(self.abs_dest_path))


def site_context(config) -> str:
    """A hash of what every page's HTML depends on besides its own Markdown."""
    digest = hashlib.sha256(repr(config.nav).encode("utf-8"))
    for name in ("extra_css", "extra_javascript", "markdown_extensions", "site_url", "site_name"):
        digest.update(repr(config.get(name)).encode("utf-8") + b"\0")
    if config.config_file_path and os.path.isfile(config.config_file_path):
        digest.update(Path(config.config_file_path).read_bytes())
    custom = config.theme.custom_dir
    if custom and os.path.isdir(custom):
        for path in sorted(Path(custom).rglob("*")):
            if path.is_file():
                digest.update(f"{path}\0{path.stat().st_mtime_ns}\0".encode("utf-8"))
    return digest.hexdigest()


class BackgroundIndexer:
    """Pagefind for `mkdocs serve`: runs after a rebuild without holding up the reload.

    One run at a time; edits that arrive during a run ask for one more run after it.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending: Path | None = None
        self._thread: threading.Thread | None = None

    def request(self, site_dir: Path) -> None:
        with self._lock:
            self._pending = site_dir
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="digest-search-index", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while True:
            with self._lock:
                site_dir, self._pending = self._pending, None
                if site_dir is None:
                    self._thread = None
                    return
            started = time.perf_counter()
            try:
                summary = search.index_site(site_dir, niceness=10)  # yields the cores to the next rebuild
            except search.SearchIndexError as exc:
                log.warning("digest: %s", exc)
                continue
            log.info("digest: search index updated in the background in %.1f s: %s",
                     time.perf_counter() - started, summary or "done")


_NO_ROOM = {errno.ENOSPC: "the disk is full", errno.EDQUOT: "the disk quota is exceeded",
            errno.EROFS: "the file system is read-only", errno.EACCES: "permission denied"}


def unwritable_site_message(error: BaseException, site_dir: str | None) -> str | None:
    """One line for a build that failed because the site's folder cannot be written."""
    if not isinstance(error, OSError) or error.errno not in _NO_ROOM or not site_dir:
        return None
    return (f"digest: {site_dir}: the site could not be written ({_NO_ROOM[error.errno]}: "
            f"{error.filename or site_dir}); the previous site is unchanged. Free space on that disk "
            "(or set site_dir to another folder) and build again")


class DigestPlugin(BasePlugin[DigestPluginConfig]):
    def __init__(self) -> None:
        super().__init__()
        self.output = AtomicOutput()
        self.indexable = True  # set from each build's digests and notes in on_files
        self.alternates: dict[str, list] = {}  # page path -> its feeds, for <link rel="alternate">
        self.session: Session | None = None  # only under `serve`, where this object outlives a build
        self.indexer = BackgroundIndexer()
        self._served: dict[str, str] = {}  # path -> Markdown the last serve build gave MkDocs
        self._context = ""
        self.stream: search.StreamingIndex | None = None
        self.dirty = False  # `--dirty`: MkDocs writes only some pages
        self.conversion = ParallelConversion(0)

    def on_startup(self, *, command, dirty) -> None:
        self.output = AtomicOutput(command=command)
        self.session = Session() if command == "serve" else None
        self.dirty = dirty

    def on_config(self, config):
        base = Path(config.config_file_path or ".").resolve().parent
        options = dict(self.config)
        options["content_dir"] = options.get("content_dir") or config.docs_dir
        options["site_title"] = config.site_name
        options["site_url"] = config.site_url
        options["directory_urls"] = bool(config.use_directory_urls)
        options["site_language"] = config.theme.get("language") or "en"
        try:
            self.settings = make_config(options, base)
        except ConfigError as exc:
            raise PluginError(f"digest: {exc}") from None
        for ext in REQUIRED_EXTENSIONS:
            if ext not in config.markdown_extensions:
                config.markdown_extensions.append(ext)
        if CSS_PATH not in config.extra_css:
            config.extra_css.append(CSS_PATH)
        self._configure_search(config)
        # Build into a staging folder; on_post_build moves it into place (atomic output).
        config.site_dir = self.output.start(config.site_dir, bool(config.strict))
        return config

    def _configure_search(self, config) -> None:
        material = search.conflicting_plugins(config.plugins.keys())
        if self.settings.search == "material":
            if not material:
                log.warning("digest: `search: material` but Material's `search` plugin is not listed "
                            "under `plugins:`: the site has no search box (add `- search`)")
            return
        if material:
            log.warning("digest: `search: pagefind` and Material's `%s` plugin are both on: the header "
                        "would show two search boxes; remove `- search` from `plugins:` "
                        "(or set `search: material` under the digest plugin)", material[0])
        if search.STYLE_PATH not in config.extra_css:
            config.extra_css.append(search.STYLE_PATH)
        if search.SCRIPT_PATH not in [str(s) for s in config.extra_javascript]:
            config.extra_javascript.append(search.SCRIPT_PATH)

    def on_files(self, files: Files, *, config) -> Files:
        try:
            result = build(self.settings, self.session)
        except ClusterError as exc:
            raise PluginError(f"digest: {exc}") from None
        # With no digest or standalone note, no page carries data-pagefind-body and Pagefind
        # would index every listing page instead: then there is nothing to search yet.
        self.indexable = bool(result.digests) or any(not n.digests for n in result.notes)
        self.alternates = alternate_links(result.stories, self.settings, result.digests)
        if config.nav:  # the nav is resolved after on_files, so the notes just read can join it
            config.nav = notes_in_nav(config.nav, list(result.notes), self.settings.nav_notes)
        for problem in result.problems:
            # Warnings make `mkdocs build --strict` fail; the rest of the site still builds.
            if problem.severity == "info":
                log.info("digest: %s", problem)
            else:
                log.warning("digest: %s", problem)
        docs = Path(config.docs_dir).resolve()
        content = self.settings.content_dir.resolve()
        if content == docs or docs in content.parents:
            prefix = "" if content == docs else str(content.relative_to(docs)) + "/"
            consumed = {prefix + p for p in result.inputs}
            for rel in ("articles/", "notes/", "overrides/", "glossary/"):
                consumed |= {f.src_uri for f in files if f.src_uri.startswith(prefix + rel)}
            for f in list(files):
                if f.src_uri in consumed:
                    files.remove(f)
        context = site_context(config) if self.session is not None else ""
        same_context = bool(context) and context == self._context
        changed = 0
        for path, markdown in sorted(result.pages.items()):
            existing = files.get_file_from_path(path)
            if existing is not None:
                # An editor's own page at the same path wins: never overwrite their work.
                log.info("digest: %s exists in %s; the generated page is not used", path, config.docs_dir)
                continue
            page = GeneratedPage.generated(config, path, content=markdown)
            page.unchanged = same_context and self._served.get(path) == markdown
            changed += not page.unchanged
            files.append(page)
        if self.session is not None:
            log.info("digest: %d of %d generated pages changed since the last build%s", changed,
                     len(result.pages), "" if same_context else " (the nav or the settings changed: all are rendered)")
            self._served, self._context = dict(result.pages), context
        files.append(File.generated(config, CSS_PATH, content=CSS))
        if self.settings.search == "pagefind":
            files.append(File.generated(config, search.SCRIPT_PATH,
                                        content=search.search_script(self.settings.site_language)))
            files.append(File.generated(config, search.STYLE_PATH, content=search.asset_text("search.css")))
        log.info("%s; %d notes, %d glossary terms", result.summary, len(result.notes), len(result.glossary))
        log.info("%s", result.stats.line())  # cache misses = work done; one line, also in CI
        return files

    @event_priority(-100)  # last: the pages and files are final once every plugin's nav edits are done
    def on_nav(self, nav, *, config, files):
        self.conversion = ParallelConversion(resolve_workers(self.settings.workers) - 1)
        self.conversion.start(config, files, self.dirty)
        self._start_stream()
        return nav

    @event_priority(-100)  # last: after any plugin that replaces the page object
    def on_pre_page(self, page, *, config, files):
        self.conversion.attach(page)
        return page

    def on_env(self, env, *, config, files):
        if self.conversion.active:
            log.debug("digest: %d pages converted to HTML on other cores", self.conversion.used)
        self.conversion.stop()  # every page is converted by now
        return env

    def on_pre_build(self, *, config) -> None:
        self._close_stream()

    def _start_stream(self) -> None:
        """Pagefind indexes each page as MkDocs writes it, on the core MkDocs leaves idle.

        Started after the digest step and the Markdown helpers are forked: a process with this
        thread running is not forked. A dirty build writes only some pages, so then the folder
        is indexed after the build instead.
        """
        if self.settings.search == "pagefind" and self.session is None and not self.dirty and self.indexable:
            try:
                self.stream = search.StreamingIndex()
            except search.SearchIndexError as exc:
                log.info("digest: %s; the site is indexed after the build instead", exc)

    def _close_stream(self) -> None:
        if self.stream is not None:
            self.stream.close()
            self.stream = None

    def _page_head(self, output: str, *, page, config) -> str:
        # Pagefind picks each page's index (stemmer, accents) from <html lang>.
        output = search.set_page_language(output, page.meta.get("lang"))
        feeds = self.alternates.get(page.file.src_uri, ()) or self.alternates.get("", ())
        if feeds:  # the site's feeds on every page; a story's on its page and its digests' pages
            output = search.insert_in_head(output, feed_tags(feeds))
        if search.is_article_page(page.file.src_uri):
            # Front matter values are HTML-escaped when written (render.yaml_string): unescape once,
            # open_graph_tags escapes again, so previews show "AT&T", not "AT&amp;T".
            title, description = (html.unescape(str(v)) if v else v for v in
                                  (page.meta.get("title") or page.title or "", page.meta.get("description")))
            tags = search.open_graph_tags(title, description,
                                          search.absolute_url(config.site_url, page.url), config.site_name)
            output = search.insert_in_head(output, tags)
        return output

    @event_priority(-90)  # after every plugin's edits: what is indexed is what is written
    def _stream_page(self, output: str, *, page, config) -> str:
        if self.stream is not None:
            self.stream.add_page(output, page.file.dest_uri)
        return output

    on_post_page = CombinedEvent(_page_head, _stream_page)

    def _index_search(self, *, config) -> None:
        if self.settings.search != "pagefind":
            return
        stream, self.stream = self.stream, None
        if not self.indexable:
            if stream is not None:
                stream.close()
            log.info("digest: no digest or note to index yet: the search index is not built")
            return
        if self.session is not None:  # serve: the reload must not wait for the index
            self.indexer.request(Path(config.site_dir))
            return
        if stream is not None:
            try:
                summary = stream.finish(Path(config.site_dir))
                log.info("digest: search index, built while the pages were written: %s", summary)
                return
            except search.SearchIndexError as exc:
                log.info("digest: indexing while building failed (%s); indexing the built site instead", exc)
        try:
            summary = search.index_site(Path(config.site_dir))
        except search.SearchIndexError as exc:
            raise PluginError(f"digest: {exc}") from None
        log.info("digest: search index: %s", summary or "done")

    @event_priority(-100)  # last, after every plugin's post-build output is in the staging folder
    def _move_site_into_place(self, *, config) -> None:
        final = self.output.finish()
        if final:
            config.site_dir = final  # `gh-deploy` publishes config.site_dir after the build

    on_post_build = CombinedEvent(_index_search, _move_site_into_place)

    def on_build_error(self, *, error) -> None:
        # The previous site/ stays as it was; only the half-built staging folder goes.
        self.conversion.stop()
        self._close_stream()
        final = self.output.discard()
        message = unwritable_site_message(error, final)
        if message:
            # A full disk would otherwise end in a traceback: say which folder and what to do.
            raise PluginError(message) from None

    def on_serve(self, server, *, config, builder):
        # Content in docs_dir is watched by MkDocs already; templates are ours to add.
        for folder in (self.settings.templates_dir, self.settings.content_dir):
            if folder and folder.is_dir():
                server.watch(str(folder))
        return server
