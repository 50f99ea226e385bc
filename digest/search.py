"""Site search with Pagefind, and the per-page head edits it relies on.

Pure functions over strings and paths, plus `index_site`, the one place that runs the
Pagefind binary. The MkDocs plugin only calls them.

Pagefind splits its index by `<html lang>`, so each digest page declares its article's
language (stemming and accents per language); the search script then searches every
language's index, so a French reader still finds English digests.
"""
from __future__ import annotations

import html
import json
import re
import subprocess
from importlib import resources
from pathlib import Path
from urllib.parse import urljoin

from .render import RTL_LANGUAGES

BUNDLE_DIR = "pagefind"  # the search bundle, relative to the site root (search.js expects it there)
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
    # Heading permalinks ("¶") are page furniture, not text to find or show in excerpts.
    return [str(executable), "--site", str(site_dir), "--output-subdir", BUNDLE_DIR,
            "--exclude-selectors", ".headerlink"]


def index_site(site_dir: Path, executable: Path | None = None) -> str:
    """Index the built site in place; returns Pagefind's summary of what it indexed."""
    command = pagefind_command(executable or pagefind_executable(), site_dir)
    try:
        proc = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexError(f"could not run Pagefind on {site_dir}: {exc}") from None
    output = (proc.stdout + proc.stderr).strip()
    if proc.returncode != 0 or not (site_dir / BUNDLE_DIR / "pagefind-entry.json").is_file():
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


def bundle_languages(site_dir: Path) -> dict[str, int]:
    """Pages per language index of a built bundle, from Pagefind's own entry file."""
    entry = json.loads((site_dir / BUNDLE_DIR / "pagefind-entry.json").read_text(encoding="utf-8"))
    return {lang: info["page_count"] for lang, info in entry["languages"].items()}


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
