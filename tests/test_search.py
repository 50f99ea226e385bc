"""digest/search.py: head edits, escaping, the Pagefind run; and whole builds with each search."""
from __future__ import annotations

import fnmatch
import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from digest import search

REPO = Path(__file__).resolve().parents[1]
PAGE = """<!doctype html>
<html lang="fr" class="no-js">
  <head>
    <meta charset="utf-8">
    <title>t</title>
  </head>
  <body dir="ltr"><p>Une <code>&lt;html lang="xx"&gt;</code> dans le texte</p></body>
</html>
"""


class Tags(HTMLParser):
    """Start tags with their attributes, as a browser would read them."""

    def __init__(self, text: str):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def first(self, name: str) -> dict[str, str | None]:
        return next(attrs for tag, attrs in self.tags if tag == name)

    def meta(self) -> dict[str, str | None]:
        return {a.get("property") or a.get("name"): a.get("content") for t, a in self.tags if t == "meta"}


# --------------------------------------------------------------------------- <html lang dir>


@pytest.mark.parametrize(("lang", "direction"), [("ar", "rtl"), ("en", "ltr"), ("es", "ltr"), ("he", "rtl"), ("pt-BR", "ltr")])
def test_page_language_sets_lang_and_dir_on_the_html_tag(lang, direction):
    out = search.set_page_language(PAGE, lang)
    html = Tags(out).first("html")
    assert html == {"lang": lang, "class": "no-js", "dir": direction}
    assert out.count("<html") == 1 and '&lt;html lang="xx"&gt;' in out  # text is left alone
    # Material's CSS reads the nearest [dir]: <body> must agree with <html>.
    assert Tags(out).first("body") == {"dir": direction}


def test_page_language_replaces_an_existing_dir_and_single_quoted_lang():
    out = search.set_page_language("<html dir='ltr' lang='fr'><head></head></html>", "ar")
    assert Tags(out).first("html") == {"dir": "rtl", "lang": "ar"}


@pytest.mark.parametrize("lang", [None, "", 'fr" onload="alert(1)', "fr><script>", "français", "x"])
def test_page_language_ignores_anything_that_is_not_a_language_code(lang):
    assert search.set_page_language(PAGE, lang) == PAGE


def test_page_language_without_an_html_tag_is_unchanged():
    assert search.set_page_language("<p>fragment</p>", "fr") == "<p>fragment</p>"


def test_set_attribute_escapes_the_value():
    tag = search.set_attribute("<html>", "lang", '"><script>')
    assert tag == '<html lang="&quot;&gt;&lt;script&gt;">'
    assert search.set_attribute("<br/>", "dir", "rtl") == '<br dir="rtl"/>'


# --------------------------------------------------------------------------- Open Graph


def test_open_graph_tags_escape_article_text():
    title = 'Le "plan" <script>alert(1)</script> & co'
    description = "Deux lignes\n  avec   des espaces et 'guillemets' > 3 %"
    tags = search.open_graph_tags(title, description, "https://x.org/d/a/", "Site & co")
    assert "<script>" not in tags
    assert Tags(tags).meta() == {
        "og:type": "article", "og:title": title, "og:description": "Deux lignes avec des espaces et 'guillemets' > 3 %",
        "og:url": "https://x.org/d/a/", "og:site_name": "Site & co", "twitter:card": "summary",
    }


def test_open_graph_tags_leave_out_what_is_unknown():
    meta = Tags(search.open_graph_tags("T", None, None, None)).meta()
    assert meta == {"og:type": "article", "og:title": "T", "twitter:card": "summary"}


@pytest.mark.parametrize(("site_url", "page_url", "expected"), [
    ("https://user.github.io/repo/", "digests/a/", "https://user.github.io/repo/digests/a/"),
    ("https://user.github.io/repo", "digests/a/", "https://user.github.io/repo/digests/a/"),
    ("https://digest.example.org/", "/notes/n/", "https://digest.example.org/notes/n/"),
    (None, "digests/a/", None),
    ("", "digests/a/", None),
])
def test_absolute_url_keeps_the_sub_path(site_url, page_url, expected):
    assert search.absolute_url(site_url, page_url) == expected


def test_insert_in_head_goes_before_the_first_closing_head():
    out = search.insert_in_head("<html><HEAD><title>t</title></HEAD><body>x</head></body></html>", "<meta x>")
    assert out == "<html><HEAD><title>t</title><meta x>\n</HEAD><body>x</head></body></html>"
    assert search.insert_in_head("<p>no head</p>", "<meta x>") == "<p>no head</p>"


@pytest.mark.parametrize(("src_uri", "article"), [
    ("digests/hydrogene.md", True), ("notes/edito.md", True), ("notes/index.md", False),
    ("index.md", False), ("glossary.md", False), ("tags/energie.md", False),
])
def test_article_pages_are_digests_and_standalone_notes(src_uri, article):
    assert search.is_article_page(src_uri) is article


# --------------------------------------------------------------------------- configuration and assets


def test_material_search_plugins_are_the_conflicting_ones():
    assert search.conflicting_plugins(["digest", "material/search"]) == ["material/search"]
    assert search.conflicting_plugins(["search", "digest"]) == ["search"]
    assert search.conflicting_plugins(["digest", "tags", "material/blog"]) == []


def test_search_script_carries_labels_in_the_site_language():
    script = search.search_script("fr")
    first, rest = script.split("\n", 1)
    labels = json.loads(first.removeprefix("window.digestSearchLabels = ").removesuffix(";"))
    assert labels == search.UI_LABELS["fr"]
    assert rest == search.asset_text("search.js") and "mergeIndex" in rest
    first = search.search_script("de").split("\n", 1)[0]
    assert json.loads(first.removeprefix("window.digestSearchLabels = ").removesuffix(";")) == search.UI_LABELS["en"]


def test_every_language_has_every_label():
    keys = set(search.UI_LABELS["en"])
    assert all(set(labels) == keys for labels in search.UI_LABELS.values())
    # ...and the script reads no label the table lacks.
    used = set(re.findall(r"labels\.(\w+)", search.asset_text("search.js")))
    used |= {"source", "language", "tag", "year", "month"}  # read as labels[name] for each facet
    assert used <= keys


def test_assets_are_package_data():
    """Every file in digest/assets/ is matched by pyproject's package-data (a wheel ships it)."""
    tomllib = pytest.importorskip("tomllib", reason="tomllib is in the standard library from Python 3.11")
    patterns = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["digest"]
    assets = [p.relative_to(REPO / "digest").as_posix() for p in (REPO / "digest" / "assets").iterdir()]
    assert assets and all(any(fnmatch.fnmatch(a, pat) for pat in patterns) for a in assets), assets


# --------------------------------------------------------------------------- running Pagefind


def test_pagefind_command_indexes_the_site_into_the_bundle_dir(tmp_path):
    command = search.pagefind_command("/bin/pagefind", tmp_path)
    assert command[:3] == ["/bin/pagefind", "--site", str(tmp_path)]
    assert command[command.index("--output-subdir") + 1] == search.BUNDLE_DIR == "pagefind"
    assert command[command.index("--exclude-selectors") + 1] == ".headerlink"


def _page(lang: str, body: str) -> str:
    return f'<!doctype html><html lang="{lang}"><head><title>t</title></head><body>{body}</body></html>'


def test_index_site_splits_by_language_and_skips_pages_without_a_body(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(_page("fr", "<main data-pagefind-body>L'économie</main>"), encoding="utf-8")
    (tmp_path / "b.html").write_text(_page("en", "<main data-pagefind-body>The economy</main>"), encoding="utf-8")
    (tmp_path / "c.html").write_text(_page("es", "<nav>Menú</nav>"), encoding="utf-8")
    summary = search.index_site(tmp_path)
    assert "2 pages" in summary and "2 languages" in summary
    assert search.bundle_languages(tmp_path) == {"fr": 1, "en": 1}
    assert (tmp_path / "pagefind" / "pagefind.js").is_file()


def test_index_site_failure_says_what_to_do(tmp_path):
    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\necho 'Error: could not read the site' >&2\nexit 3\n")
    fake.chmod(0o755)
    with pytest.raises(search.SearchIndexError) as info:
        search.index_site(tmp_path / "site", executable=fake)
    message = str(info.value)
    assert "exit 3" in message and "could not read the site" in message and "search: material" in message


def test_missing_binary_names_the_package(monkeypatch):
    monkeypatch.setitem(sys.modules, "pagefind_bin", None)  # import fails as if not installed
    with pytest.raises(search.SearchIndexError, match=r"pip install 'pagefind\[bin\]'"):
        search.pagefind_executable()


def test_indexed_summary_reads_pagefind_log():
    log = "Running Pagefind v1.5.2\n...\nTotal: \n  Indexed 2 languages\n  Indexed 7 pages\n  Indexed 1234 words\n"
    assert search.indexed_summary(log) == "2 languages, 7 pages, 1234 words"
    assert search.indexed_summary("") == ""


# --------------------------------------------------------------------------- whole builds


def _build(project: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(out)], cwd=project,
                          capture_output=True, text=True, timeout=900, check=False)


@pytest.fixture(scope="module")
def example_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("search-site")
    proc = _build(REPO, out)
    assert proc.returncode == 0, proc.stderr
    return out


def test_the_index_holds_exactly_the_digests_and_notes(example_site):
    bodies = [p for p in example_site.rglob("*.html") if "data-pagefind-body" in p.read_text(encoding="utf-8")]
    digests = list((example_site / "digests").glob("*/index.html"))
    assert digests and set(digests) <= set(bodies)
    languages = search.bundle_languages(example_site)
    assert sum(languages.values()) == len(bodies)
    assert set(languages) == {"fr", "en", "es", "ar"}


def test_digest_pages_carry_their_language_and_open_graph(example_site):
    arabic = Tags((example_site / "digests" / "tahlia-miyah" / "index.html").read_text(encoding="utf-8"))
    assert arabic.first("html")["lang"] == "ar" and arabic.first("html")["dir"] == arabic.first("body")["dir"] == "rtl"
    page = (example_site / "digests" / "port-expansion-report" / "index.html").read_text(encoding="utf-8")
    tags = Tags(page)
    assert tags.first("html")["lang"] == "en"
    meta = tags.meta()
    assert meta["og:url"] == "https://digest.example.org/digests/port-expansion-report/"
    assert meta["og:type"] == "article" and meta["twitter:card"] == "summary"
    assert meta["og:title"].startswith("Lisbon port report") and meta["og:description"] == meta["description"]
    home = Tags((example_site / "index.html").read_text(encoding="utf-8"))
    assert "og:type" not in home.meta() and home.first("html")["lang"] == "fr"
    assert [a.get("src") for t, a in home.tags if t == "script" and "digest-search" in (a.get("src") or "")] == [
        "assets/digest-search.js"]


def test_404_page_and_sitemap_list_the_digests(example_site):
    assert (example_site / "404.html").is_file()
    sitemap = (example_site / "sitemap.xml").read_text(encoding="utf-8")
    listed = set(re.findall(r"<loc>([^<]+)</loc>", sitemap))
    for digest in (example_site / "digests").glob("*/index.html"):
        assert f"https://digest.example.org/digests/{digest.parent.name}/" in listed


def _with_plugins(project: Path, search_option: str, material_search: bool) -> None:
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("      search: pagefind", f"      search: {search_option}")
    if material_search:
        config = config.replace("plugins:\n", "plugins:\n  - search\n", 1)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")


def test_search_material_leaves_search_to_material(project, tmp_path):
    _with_plugins(project, "material", material_search=True)
    out = tmp_path / "out"
    proc = _build(project, out)
    assert proc.returncode == 0, proc.stderr
    assert not (out / "pagefind").exists() and not (out / "assets" / "digest-search.js").exists()
    assert "digest-search" not in (out / "index.html").read_text(encoding="utf-8")
    index = json.loads((out / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any(doc["location"].startswith("digests/") for doc in index["docs"])


def test_both_searches_on_warns_and_still_builds(project, tmp_path):
    _with_plugins(project, "pagefind", material_search=True)
    out = tmp_path / "out"
    proc = _build(project, out)
    assert proc.returncode == 0, proc.stderr
    assert "two search boxes" in proc.stderr
    assert (out / "pagefind" / "pagefind-entry.json").is_file()


def test_search_material_without_its_plugin_warns(project, caplog):
    from mkdocs.config import load_config

    _with_plugins(project, "material", material_search=False)
    config = load_config(str(project / "mkdocs.yml"))
    with caplog.at_level("WARNING", logger="mkdocs.plugins.digest"):
        config.plugins["digest"].on_config(config)
    assert "the site has no search box" in caplog.text
    assert search.SCRIPT_PATH not in [str(s) for s in config.extra_javascript]


# --------------------------------------------------------------------------- review regressions


def _article(folder: Path, name: str, title: str, date: str | None) -> None:
    lines = ["---", f"title: {json.dumps(title)}", f"slug: {Path(name).stem}", "source: Le Journal", "language: en"]
    lines += [f"date: {date}"] if date else []
    body = (f"The harbour authority of {name} said on Monday that traffic rose by {len(name)} % last year. "
            f"Officials expect further growth as {title.split()[0]} cranes arrive at the terminal. ") * 3
    (folder / name).write_text("\n".join(lines) + "\n---\n\n" + body + "\n", encoding="utf-8")


def test_feeds_og_tags_and_sorting_survive_odd_text_and_file_urls(project, tmp_path):
    """Open Graph escaped once; a lone surrogate cannot break the build or the RSS feed;
    feed links follow use_directory_urls; undated digests keep a sort key."""
    import xml.etree.ElementTree as ET

    articles = project / "content" / "articles"
    shutil.rmtree(articles)
    articles.mkdir()
    _article(articles, "att.md", 'AT&T <b>bold</b> "q"', "2025-07-02")
    _article(articles, "undated.md", "An undated harbour story", None)
    record = {"title": "Scraped \ud800 title \uffff end", "body": "The harbour reopened on 3 July 2025 "
              "after repairs costing 4 million euros. " * 4, "date": "2025-07-03", "source": "Wire", "url": None}
    (articles / "wire.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace("site_dir: site", "site_dir: site\nuse_directory_urls: false"),
                                        encoding="utf-8")
    out = tmp_path / "out"
    proc = _build(project, out)
    assert proc.returncode == 0, proc.stderr

    page = (out / "digests" / "att.html").read_text(encoding="utf-8")
    assert '<meta property="og:title" content="AT&amp;T &lt;b&gt;bold&lt;/b&gt; &quot;q&quot;">' in page
    channel = ET.parse(out / "feed.xml").getroot().find("channel")  # well-formed despite the odd title
    links = [item.findtext("link") for item in channel.findall("item")]
    assert links and all(link.endswith(".html") for link in links), links
    for link in links:
        assert (out / link.removeprefix("https://digest.example.org/")).is_file(), link
    assert "\ufffd" not in (out / "feed.xml").read_text(encoding="utf-8")
    undated = (out / "digests" / "undated.html").read_text(encoding="utf-8")
    assert 'data-pagefind-sort="date:0000-00-00"' in undated


def test_an_empty_site_builds_without_a_search_index(project, tmp_path):
    shutil.rmtree(project / "content" / "articles")
    shutil.rmtree(project / "content" / "notes")
    (project / "content" / "articles").mkdir()
    out = tmp_path / "out"
    proc = _build(project, out)
    assert proc.returncode == 0, proc.stderr
    assert (out / "index.html").is_file() and not (out / "pagefind").exists()
    assert "nothing" in proc.stderr.lower() or "no digest or note to index" in proc.stderr


def test_the_index_is_built_while_pages_are_written_and_matches_the_cli(project, tmp_path):
    out = tmp_path / "out"
    proc = _build(project, out)
    assert proc.returncode == 0, proc.stderr
    assert "search index, built while the pages were written" in proc.stderr
    streamed = search.bundle_languages(out)
    # `--dirty` writes only changed pages: the built folder is indexed by the CLI instead.
    dirty = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--dirty", "-d", str(out)], cwd=project,
                           capture_output=True, text=True, timeout=900, check=False)
    assert dirty.returncode == 0, dirty.stderr
    assert "built while the pages were written" not in dirty.stderr and "digest: search index:" in dirty.stderr
    assert search.bundle_languages(out) == streamed
