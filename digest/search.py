"""Site search with Pagefind, and the per-page head edits it relies on.

Pure functions over strings and paths, plus the two places that run the Pagefind binary:
`index_site` (the CLI over a finished site) and `StreamingIndex` (a Pagefind service fed page
by page while MkDocs renders). The MkDocs plugin only calls them.

Pagefind splits its index by `<html lang>`, so each digest page declares its article's
language (stemming and accents per language); the search script then searches every
language's index, so a French reader still finds English digests.
"""
from __future__ import annotations

import asyncio
import base64
import binascii
import collections
import concurrent.futures
import html
import json
import os
import re
import shutil
import subprocess
import threading
import time
from importlib import resources
from pathlib import Path
from urllib.parse import urljoin

from pagefind.index import IndexConfig, PagefindIndex
from pagefind.service import PagefindService

from .render import RTL_LANGUAGES

BUNDLE_DIR = "pagefind"  # the search bundle, relative to the site root (search.js expects it there)
# Heading permalinks ("¶") are page furniture, not text to find or show in excerpts.
EXCLUDE_SELECTOR = ".headerlink"
SCRIPT_PATH = "assets/digest-search.js"
STYLE_PATH = "assets/digest-search.css"
MATERIAL_SEARCH_PLUGINS = frozenset({"search", "material/search"})

# The search box's words, in the site's language (English for any other).
UI_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "search": "Search", "placeholder": "Search the digests", "clear": "Clear",
        "none": "No matching digests", "one": "1 result", "other": "# results",
        "loading": "Loading search…", "failed": "Search is unavailable (the index was not found)",
        "source": "Source", "language": "Language", "tag": "Tag", "year": "Year", "month": "Month",
        "type": "Type", "sort": "Sort", "relevance": "Relevance", "newest": "Newest first",
        "more": "More results",
    },
    "fr": {
        "search": "Rechercher", "placeholder": "Rechercher dans les digests", "clear": "Effacer",
        "none": "Aucun digest trouvé", "one": "1 résultat", "other": "# résultats",
        "loading": "Chargement de la recherche…", "failed": "Recherche indisponible (index introuvable)",
        "source": "Source", "language": "Langue", "tag": "Mot-clé", "year": "Année", "month": "Mois",
        "type": "Type", "sort": "Tri", "relevance": "Pertinence", "newest": "Plus récents",
        "more": "Plus de résultats",
    },
    "es": {
        "search": "Buscar", "placeholder": "Buscar en los resúmenes", "clear": "Borrar",
        "none": "Ningún resultado", "one": "1 resultado", "other": "# resultados",
        "loading": "Cargando la búsqueda…", "failed": "Búsqueda no disponible (índice no encontrado)",
        "source": "Fuente", "language": "Idioma", "tag": "Etiqueta", "year": "Año", "month": "Mes",
        "type": "Tipo", "sort": "Orden", "relevance": "Relevancia", "newest": "Más recientes",
        "more": "Más resultados",
    },
    "ar": {
        "search": "بحث", "placeholder": "ابحث في الملخصات", "clear": "مسح",
        "none": "لا توجد نتائج", "one": "نتيجة واحدة", "other": "# نتائج",
        "loading": "جارٍ تحميل البحث…", "failed": "البحث غير متاح (لم يُعثر على الفهرس)",
        "source": "المصدر", "language": "اللغة", "tag": "وسم", "year": "السنة", "month": "الشهر",
        "type": "النوع", "sort": "الترتيب", "relevance": "الصلة", "newest": "الأحدث أولاً",
        "more": "مزيد من النتائج",
    },
}


class SearchIndexError(RuntimeError):
    """Indexing failed; the message says what to do."""


# --------------------------------------------------------------------------- indexing


def pagefind_executable() -> Path:
    """The Pagefind binary shipped in the `pagefind_bin` wheel (nothing is downloaded)."""
    try:
        import pagefind_bin
        return pagefind_bin.get_executable()
    except (ImportError, FileNotFoundError) as exc:
        raise SearchIndexError(
            f"the Pagefind binary is missing ({exc}): install it with `pip install 'pagefind[bin]'`, "
            "or set `search: material` under the digest plugin and list Material's `search` plugin"
        ) from None


def pagefind_command(executable: Path | str, site_dir: Path | str) -> list[str]:
    return [str(executable), "--site", str(site_dir), "--output-subdir", BUNDLE_DIR,
            "--exclude-selectors", EXCLUDE_SELECTOR]


def index_site(site_dir: Path, executable: Path | None = None, niceness: int = 0) -> str:
    """Index the built site in place; returns Pagefind's summary of what it indexed.

    *niceness* lowers Pagefind's CPU priority (POSIX), for indexing in the background.
    """
    command = pagefind_command(executable or pagefind_executable(), site_dir)
    nice = shutil.which("nice") if niceness else None  # not preexec_fn: unsafe with serve's threads
    try:
        proc = subprocess.run([nice, "-n", str(niceness), *command] if nice else command,
                              capture_output=True, text=True, timeout=600, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexError(f"could not run Pagefind on {site_dir}: {exc}") from None
    output = (proc.stdout + proc.stderr).strip()
    if proc.returncode != 0 or not (site_dir / BUNDLE_DIR / ENTRY_FILE).is_file():
        raise SearchIndexError(
            f"Pagefind failed to index {site_dir} (exit {proc.returncode}): {tail(output)} "
            f"(run `{' '.join(command[:3])}` to see the full log; `search: material` builds without it)"
        )
    return indexed_summary(output)


def tail(text: str, lines: int = 5) -> str:
    return " / ".join(text.splitlines()[-lines:]) or "no output"


def indexed_summary(output: str) -> str:
    """'Indexed 2 languages, 25 pages, …' from Pagefind's log (empty when it said nothing)."""
    found = re.findall(r"Indexed (\d+ \w+)", output)
    return ", ".join(found)


ENTRY_FILE = "pagefind-entry.json"


def bundle_languages(site_dir: Path) -> dict[str, int]:
    """Pages per language index of a built bundle, from Pagefind's own entry file."""
    path = site_dir / BUNDLE_DIR / ENTRY_FILE
    try:
        return entry_languages(path.read_bytes())
    except OSError as exc:
        raise SearchIndexError(f"{path}: cannot be read ({exc.strerror or exc}); build the site again") from None
    except SearchIndexError as exc:
        raise SearchIndexError(f"{path}: {exc}") from None


def entry_languages(entry: bytes) -> dict[str, int]:
    """Pages per language from the bytes of Pagefind's entry file."""
    try:
        languages = json.loads(entry)["languages"]
        return {lang: int(info["page_count"]) for lang, info in languages.items()}
    except (ValueError, KeyError, TypeError, AttributeError):
        raise SearchIndexError("Pagefind's entry file is incomplete or not valid JSON "
                               "(build the site again; `search: material` builds without Pagefind)") from None


def bundle_file_path(bundle_dir: Path, name: str) -> Path:
    """Where a bundle file named by Pagefind goes: always inside bundle_dir."""
    relative = Path(name)
    if not name or relative.is_absolute() or ".." in relative.parts:
        raise SearchIndexError(f"Pagefind named a bundle file outside its folder: {name!r}")
    return bundle_dir / relative


def write_bundle(files: list[tuple[str, bytes]], bundle_dir: Path) -> dict[str, int]:
    """Write the bundle Pagefind returned in its reply; returns its pages per language.

    The bytes come in the reply, so every file is complete when this writes it: nothing is
    read back from a file another process may still be writing. The entry file is checked
    first and written last, so a bundle without a whole entry file is never left behind.
    """
    entries = [content for name, content in files if name == ENTRY_FILE]
    if len(entries) != 1:
        raise SearchIndexError(f"Pagefind's reply holds {len(entries)} entry files instead of one "
                               "(build the site again; `search: material` builds without Pagefind)")
    languages = entry_languages(entries[0])
    ordered = sorted(files, key=lambda file: (file[0] == ENTRY_FILE, file[0]))
    try:
        for name, content in ordered:
            path = bundle_file_path(bundle_dir, name)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
    except OSError as exc:
        raise SearchIndexError(f"{bundle_dir}: the search index could not be written "
                               f"({exc.strerror or exc}); free some space or fix the folder's permissions, "
                               "then build again") from None
    return languages


# --------------------------------------------------------------------------- streaming index
# MkDocs renders on one core; Pagefind's service indexes on the other while it does, so only
# writing the bundle is left for the end. Pages go to the service in the order MkDocs hands
# them over: Pagefind numbers pages by arrival, and one ordered queue keeps that repeatable.

BODY_MARKER = "data-pagefind-body"
MAX_PENDING_PAGES = 64  # pages held in memory on their way to Pagefind; add_page waits beyond
# Pages are handed to the index's thread in batches: each hand-over wakes that thread, which
# then holds the GIL the rendering thread needs, so fewer wake-ups cost MkDocs less.
BATCH_PAGES = 16
# The last answer carries the whole bundle (base64 in JSON in base64): tens of MB at 10,000 pages.
MAX_ANSWER_BYTES = 2**30
START_SECONDS = 30  # the service answers its first request in well under a second
SERVICE_NICENESS = 10
STALL_SECONDS = 120  # add_page gives up on a service that stopped answering
FINISH_SECONDS = 600  # like index_site's timeout


class ServiceFailed(RuntimeError):
    """The Pagefind service answered with an error, or stopped."""


class _Service(PagefindService):
    """Pagefind's own service client (PagefindIndex drives it) with our own pipe handling: it
    runs the binary it is given, reads answers as fast as they come (the library sleeps 0.1 s
    before reading each one: ten pages a second), fails every waiting request when the process
    dies (the library's would hang), and sends without formatting each request, page included,
    into two debug messages (that costs the rendering thread the GIL for as long)."""

    def __init__(self, executable: Path) -> None:
        # Not super().__init__(): it looks the binary up on its own (PAGEFIND_BINARY_PATH first).
        self._loop = asyncio.get_running_loop()
        self._bin = executable
        self._responses = {}
        self.failure: str | None = None
        # Text that is not an answer: launch() merges the service's stderr into its stdout.
        self._stray: collections.deque[str] = collections.deque(maxlen=20)

    async def launch(self) -> _Service:
        # As the library launches it, but at a lower CPU priority (POSIX `nice`, inherited by
        # Pagefind's threads): the service indexes on the core MkDocs leaves idle, and must never
        # take MkDocs' own core from it.
        nice = shutil.which("nice")
        command = [nice, "-n", str(SERVICE_NICENESS)] if nice else []
        self._backend = await asyncio.create_subprocess_exec(
            *command, str(self._bin), "--service", cwd=os.getcwd(), stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT, limit=MAX_ANSWER_BYTES)
        self._poll_task = self._loop.create_task(self._wait_for_responses())
        return self

    async def send(self, payload):
        if self.failure:
            raise ServiceFailed(self.failure)
        self._message_id += 1
        answer = self._responses[self._message_id] = self._loop.create_future()
        request = json.dumps({"message_id": self._message_id, "payload": payload})
        try:
            # The service reads base64 JSON up to a comma (the library's wire format).
            self._backend.stdin.write(base64.b64encode(request.encode("utf-8")) + b",")
            await self._backend.stdin.drain()
        except (BrokenPipeError, ConnectionResetError):
            # The pipe broke because the process ended: its exit and last words say why.
            await asyncio.wait({self._poll_task}, timeout=5)
            raise ServiceFailed(self.failure or "Pagefind closed its input") from None
        return await answer

    async def _wait_for_responses(self) -> None:
        stdout = self._backend.stdout
        try:
            while True:
                self._dispatch(await stdout.readuntil(b","))
        except asyncio.IncompleteReadError as end:
            self._stray.append(end.partial.decode("utf-8", "replace"))
        except asyncio.LimitOverrunError:
            self._stray.append("an answer too long to read")
            self._backend.kill()
        code = await self._backend.wait()
        self._fail(f"Pagefind stopped (exit {code}): {tail(''.join(self._stray))}")

    def _dispatch(self, chunk: bytes) -> None:
        # An answer is base64 (no whitespace) up to the comma; a line of log may precede it.
        text, _, answer = chunk[:-1].rpartition(b"\n")
        if text:
            self._stray.append(text.decode("utf-8", "replace"))
        try:
            response = json.loads(base64.b64decode(answer, validate=True))
            if response is None:
                return  # what Pagefind's writer sends once its channel is closed
            future = self._responses.pop(response["message_id"], None)
            payload = response["payload"]
        except (binascii.Error, ValueError, KeyError, TypeError):
            self._stray.append(chunk.decode("utf-8", "replace"))
            return
        if future is None or future.done():
            return
        if payload.get("type") == "Error":
            future.set_exception(ServiceFailed(payload.get("message") or "Pagefind reported an error"))
        else:
            future.set_result(payload)

    def _fail(self, message: str) -> None:
        self.failure = message
        for future in self._responses.values():
            if not future.done():
                future.set_exception(ServiceFailed(message))
                future.exception()  # finish() reports the failure, not asyncio's log at collection
        self._responses.clear()

    async def close(self) -> None:
        self._poll_task.cancel()
        if self._backend.returncode is None:
            self._backend.terminate()
        await self._backend.wait()


class StreamingIndex:
    """Feeds finished pages to a Pagefind service process while MkDocs is still rendering.

    Same bundle as `index_site` (same options, same page URLs from the same paths), except for
    what already differs between two CLI runs (filter files, hence the .pf_meta and entry hashes)
    and the page numbering in the word index, which follows the order pages were added (the CLI
    follows its directory walk). Pages without `data-pagefind-body` are not sent: a site with none
    (which the CLI would index whole) has nothing to index here.
    """

    def __init__(self, executable: Path | None = None) -> None:
        self._executable = executable or pagefind_executable()
        self._slots = threading.BoundedSemaphore(MAX_PENDING_PAGES)
        self._problems: dict[str, str] = {}  # what went wrong -> where it went wrong first
        self._failed_pages = 0
        self._pages = 0
        self._stalled = self._closed = False
        self._service: _Service | None = None
        self._batch: list[tuple[str, str]] = []
        self._queue: asyncio.Queue[list[tuple[str, str]] | None] = asyncio.Queue()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="pagefind-index", daemon=True)
        self._thread.start()
        self._pumping = asyncio.run_coroutine_threadsafe(self._pump(), self._loop)

    def add_page(self, html: str, dest_path: str) -> None:
        """Non-blocking. dest_path is relative to the site root, e.g. 'digests/foo/index.html'.
        Pages without `data-pagefind-body` are skipped (Pagefind ignores them anyway once one page has it)."""
        if self._closed or self._stalled or BODY_MARKER not in html:
            return
        # Waits only when Pagefind is MAX_PENDING_PAGES behind: that bounds the memory held.
        if not self._slots.acquire(timeout=STALL_SECONDS):
            self._stalled = True
            self._problems.setdefault(f"Pagefind stopped answering for {STALL_SECONDS} s", dest_path)
            return
        self._pages += 1
        self._batch.append((html, dest_path))
        if len(self._batch) >= BATCH_PAGES:
            self._hand_over()

    def finish(self, site_dir: Path) -> str:
        """Wait for every page, write the bundle to site_dir/'pagefind' (same layout and options as the CLI:
        output subdir 'pagefind', exclude selector '.headerlink'), stop the service; return a summary like
        index_site's ('2 languages, 25 pages'). Raise SearchIndexError with a clear message on failure."""
        if self._closed:
            raise SearchIndexError("the search index was closed before it was written")
        deadline = time.monotonic() + FINISH_SECONDS
        try:
            self._hand_over()
            self._loop.call_soon_threadsafe(self._queue.put_nowait, None)
            index = self._pumping.result(timeout=FINISH_SECONDS)
            self._raise_problems()
            if not self._pages:
                raise SearchIndexError(f"no page has {BODY_MARKER}: there is nothing to index")
            # Not index.write_files(): the service answers it before its own writes are done
            # (tokio writes without a flush), so the entry file could still be empty when read.
            # Asked for the files instead, Pagefind answers with their bytes, written here.
            getting = asyncio.run_coroutine_threadsafe(index.get_files(), self._loop)
            files = getting.result(timeout=max(1.0, deadline - time.monotonic()))
        except concurrent.futures.TimeoutError:  # the builtin one only from Python 3.11
            raise SearchIndexError(f"Pagefind did not finish indexing within {FINISH_SECONDS} s "
                                   "(`search: material` builds without it)") from None
        except SearchIndexError:
            raise
        except Exception as exc:  # raised in the index's thread: see _pump
            raise SearchIndexError(f"Pagefind failed to write the search index: {self._cause(exc)}") from None
        finally:
            self.close()
        languages = write_bundle([(f["path"], f["content"]) for f in files], site_dir / BUNDLE_DIR)
        return bundle_summary(languages)

    def close(self) -> None:
        """Abandon (build error): stop the service, write nothing. Idempotent."""
        if self._closed:
            return
        self._closed = True
        stopping = asyncio.run_coroutine_threadsafe(self._stop(), self._loop)
        try:
            stopping.result(timeout=10)
        except concurrent.futures.TimeoutError:
            pass  # a service deaf to SIGTERM still exits when its input closes, with Python at the latest
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=10)
            if not self._thread.is_alive():
                self._loop.close()

    def _hand_over(self) -> None:
        if self._batch:
            batch, self._batch = self._batch, []
            self._loop.call_soon_threadsafe(self._queue.put_nowait, batch)

    # Everything below runs on the index's own thread, in its event loop. Whatever fails there
    # (the service, or a pagefind release whose client changed under _Service) is caught whole
    # and reported by finish() as a SearchIndexError (the plugin then runs the CLI), rather than
    # lost in this thread with pages missing from the index.

    async def _pump(self) -> PagefindIndex | None:
        index = await self._open()
        pending: set[asyncio.Task] = set()
        while (batch := await self._queue.get()) is not None:
            for page in batch:
                if index is None:
                    self._slots.release()  # the service never started: the reason is in _problems
                    continue
                # Each task writes its page to the service in its first step, so tasks started in
                # queue order reach Pagefind in queue order, while answers are awaited in parallel.
                task = asyncio.ensure_future(self._add(index, *page))
                pending.add(task)
                task.add_done_callback(pending.discard)
        await asyncio.gather(*pending)
        return index

    async def _open(self) -> PagefindIndex | None:
        try:
            service = _Service(self._executable)
            await service.launch()
            self._service = service
            config = IndexConfig(exclude_selectors=[EXCLUDE_SELECTOR])
            return await asyncio.wait_for(service.create_index(config), START_SECONDS)
        except asyncio.TimeoutError:
            self._problems.setdefault(f"no answer within {START_SECONDS} s", f"starting {self._executable} --service")
            return None
        except Exception as exc:
            self._problems.setdefault(self._cause(exc), f"starting {self._executable} --service")
            return None

    async def _add(self, index: PagefindIndex, html: str, dest_path: str) -> None:
        try:
            await index.add_html_file(content=html, source_path=dest_path)
        except Exception as exc:
            self._failed_pages += 1
            if len(self._problems) < 3:
                self._problems.setdefault(self._cause(exc), dest_path)
        finally:
            self._slots.release()

    async def _stop(self) -> None:
        tasks = asyncio.all_tasks() - {asyncio.current_task()}
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        if self._service is not None:
            await self._service.close()

    # Helpers for either thread.

    def _cause(self, exc: BaseException) -> str:
        """The service's death when there was one: a broken pipe is only its echo."""
        service_failure = self._service.failure if self._service is not None else None
        return service_failure or str(exc) or type(exc).__name__

    def _raise_problems(self) -> None:
        if not self._problems:
            return
        problems = "; ".join(f"{where}: {what}" for what, where in self._problems.items())
        lost = f" ({self._failed_pages} of {self._pages} pages not indexed)" if self._failed_pages else ""
        raise SearchIndexError(f"Pagefind could not index the site: {problems}{lost} "
                               "(`search: material` builds without it)")


def bundle_summary(languages: dict[str, int]) -> str:
    """'2 languages, 25 pages', worded as Pagefind's own log."""
    count, pages = len(languages), sum(languages.values())
    return f"{count} language{'s' * (count != 1)}, {pages} page{'s' * (pages != 1)}"


def conflicting_plugins(plugin_names) -> list[str]:
    """Material's search plugin names among the configured plugins (two search boxes)."""
    return sorted(set(plugin_names) & MATERIAL_SEARCH_PLUGINS)


# --------------------------------------------------------------------------- the search box


def asset_text(name: str) -> str:
    return resources.files("digest").joinpath("assets", name).read_text(encoding="utf-8")


def ui_labels(language: str) -> dict[str, str]:
    return UI_LABELS.get(language, UI_LABELS["en"])


def search_script(language: str) -> str:
    """The search box script with its words in the site's language."""
    # JSON is a JavaScript expression, and the file is served on its own (never inlined in a
    # page), so no label can close a <script> element.
    labels = json.dumps(ui_labels(language), ensure_ascii=False, sort_keys=True)
    return f"window.digestSearchLabels = {labels};\n" + asset_text("search.js")


# --------------------------------------------------------------------------- page head edits

_HTML_TAG = re.compile(r"<html\b[^>]*>", re.IGNORECASE)
_BODY_TAG = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
_LANG_CODE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")


def set_attribute(tag: str, name: str, value: str) -> str:
    """`tag` (one start tag) with attribute `name` set to `value`, escaped."""
    quoted = f'{name}="{html.escape(value, quote=True)}"'
    attr = re.compile(rf"""(\s){re.escape(name)}\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)
    if attr.search(tag):
        return attr.sub(lambda m: m.group(1) + quoted, tag, count=1)
    end = -2 if tag.endswith("/>") else -1
    return f"{tag[:end]} {quoted}{tag[end:]}"


def direction(language: str) -> str:
    return "rtl" if language.split("-")[0].lower() in RTL_LANGUAGES else "ltr"


def set_page_language(page_html: str, language: str | None) -> str:
    """The page with `<html lang dir>` of its article: Pagefind picks the index (and stemmer)
    from `lang`. `dir` goes on `<body>` too: Material writes `<body dir>` from the theme, and its
    CSS reads the nearest `[dir]`, so the two must agree or rules for both directions apply."""
    if not language or not _LANG_CODE.match(language):
        return page_html  # unknown codes would only split the index into an "unknown" language
    page_html = _edit_first(page_html, _HTML_TAG, lang=language, dir=direction(language))
    return _edit_first(page_html, _BODY_TAG, dir=direction(language))


def _edit_first(page_html: str, pattern: re.Pattern, **attributes: str) -> str:
    match = pattern.search(page_html)
    if match is None:
        return page_html
    tag = match.group(0)
    for name, value in attributes.items():
        tag = set_attribute(tag, name, value)
    return page_html[: match.start()] + tag + page_html[match.end():]


def absolute_url(site_url: str | None, page_url: str) -> str | None:
    if not site_url:
        return None
    return urljoin(site_url if site_url.endswith("/") else site_url + "/", page_url.lstrip("/"))


def open_graph_tags(title: str, description: str | None, url: str | None, site_name: str | None) -> str:
    """Open Graph and Twitter card meta tags for an article page, every value escaped."""
    pairs = [("property", "og:type", "article"), ("property", "og:title", title)]
    if description:
        pairs.append(("property", "og:description", description))
    if url:
        pairs.append(("property", "og:url", url))
    if site_name:
        pairs.append(("property", "og:site_name", site_name))
    pairs.append(("name", "twitter:card", "summary"))
    return "\n".join(
        f'<meta {kind}="{key}" content="{html.escape(" ".join(str(value).split()), quote=True)}">'
        for kind, key, value in pairs
    )


def insert_in_head(page_html: str, snippet: str) -> str:
    """`snippet` just before `</head>` (unchanged page when there is no head)."""
    at = page_html.lower().find("</head>")
    if at < 0:
        return page_html
    return page_html[:at] + snippet + "\n" + page_html[at:]


def is_article_page(src_uri: str) -> bool:
    """Digest pages and standalone notes: the pages shared as articles (Open Graph)."""
    return src_uri.startswith("digests/") or (src_uri.startswith("notes/") and src_uri != "notes/index.md")
