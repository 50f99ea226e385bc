"""The reading site: issues, archive pages, sources, entities, feeds, labels and Pagefind data."""
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from digest.config import make_config
from digest.glossary import make_matcher
from digest.labels import format_day, format_month
from digest.model import Article, Block, Digest, Entities, Note
from digest.pipeline import build
from digest.render import entity_path, page_slug, source_path
from digest.site import group_issues, issue_key, paginate, render_site

from .conftest import REPO


def digest(slug, date, *, source="Le Matin", language="fr", tags=(), people=(), places=(), title=None):
    article = Article(path=f"articles/{slug}.md", slug=slug, title=title or f"Titre {slug}", source=source,
                      date=date, language=language, url=None, blocks=(Block("paragraph", "Texte."),),
                      tags=tuple(tags))
    return Digest(article, (), (f"Résumé de {slug}.",), (), Entities(people=tuple(people), places=tuple(places)), ())


def site(tmp_path, digests, notes=(), **options):
    (tmp_path / "content").mkdir(exist_ok=True)
    config = make_config({"content_dir": str(tmp_path / "content"), "site_language": "fr", **options}, tmp_path)
    return render_site(config, list(digests), list(notes), (), make_matcher(()))


def links(markdown):
    return re.findall(r"\]\(([^)\s]+)", markdown)


def resolve(page, link):
    """A page-relative Markdown link as a site path, the way MkDocs resolves it."""
    target = (Path("/") / Path(page).parent / link.split("#")[0]).resolve()
    return str(target)[1:]


def assert_links_resolve(pages):
    for path, text in pages.items():
        if not path.endswith(".md"):
            continue
        for link in links(text):
            if link.startswith(("http", "#")):
                continue
            assert resolve(path, link) in pages, (path, link)


# --------------------------------------------------------------------------- issues

@pytest.mark.parametrize(("period", "key"), [("day", "2025-07-02"), ("week", "2025-W27"), ("month", "2025-07")])
def test_issue_keys(period, key):
    assert issue_key("2025-07-02", period) == key


def test_iso_week_across_the_new_year():
    assert issue_key("2024-12-30", "week") == "2025-W01" and issue_key("2027-01-01", "week") == "2026-W53"


def test_issue_titles_in_the_site_language(tmp_path):
    ds = [digest("a", "2025-07-02"), digest("b", "2025-04-01")]
    day = {i["key"]: i["title"] for i in group_issues([_card(d) for d in ds], "day", "fr")}
    assert day == {"2025-07-02": "Digest du 2 juillet 2025", "2025-04-01": "Digest du 1er avril 2025"}
    week = group_issues([_card(ds[0])], "week", "fr")[0]["title"]
    assert week == "Digest de la semaine du 30 juin 2025"
    month = {i["key"]: i["title"] for i in group_issues([_card(d) for d in ds], "month", "fr")}
    assert month == {"2025-07": "Digest de juillet 2025", "2025-04": "Digest d'avril 2025"}
    assert group_issues([_card(ds[0])], "day", "en")[0]["title"] == "Digest of July 2, 2025"
    assert group_issues([_card(ds[0])], "month", "es")[0]["title"] == "Digest de julio de 2025"
    assert group_issues([_card(ds[0])], "week", "ar")[0]["title"].endswith("30 يونيو 2025")


def _card(d):
    from digest.site import card
    return card(d, "fr")


@pytest.mark.parametrize(("period", "expected"), [
    ("day", ["2025-07-03", "2025-07-02", "2025-06-30", "2025-06-01", "2025-05-15"]),
    ("week", ["2025-W27", "2025-W22", "2025-W20"]),  # 30 June is the Monday of week 27
    ("month", ["2025-07", "2025-06", "2025-05"]),
])
def test_digests_grouped_into_issues_with_previous_and_next(tmp_path, period, expected):
    ds = [digest("a", "2025-07-02"), digest("b", "2025-07-03"), digest("c", "2025-06-30"),
          digest("d", "2025-06-01"), digest("e", "2025-05-15"), digest("u", None)]
    pages = site(tmp_path, ds, issue_period=period)
    keys = sorted((p[7:-3] for p in pages if p.startswith("issues/") and p != "issues/index.md"), reverse=True)
    assert keys == expected
    everything = "".join(pages[f"issues/{k}.md"] for k in keys)
    assert "digests/u.md" not in everything  # undated: in no issue
    assert everything.count("(../digests/") == 5
    middle = pages[f"issues/{keys[1]}.md"]
    assert f"(../issues/{keys[0]}.md)" in middle and f"(../issues/{keys[2]}.md)" in middle
    assert "Numéro suivant" in middle and "Numéro précédent" in middle
    newest, oldest = pages[f"issues/{keys[0]}.md"], pages[f"issues/{keys[-1]}.md"]
    assert "Numéro suivant" not in newest and "Numéro précédent" not in oldest
    index = pages["issues/index.md"]
    assert index.index("## Juin 2025") < index.index("## Mai 2025")  # a week goes with the month of its Monday
    assert_links_resolve(pages)


def test_issue_page_lists_title_source_summary_and_link(tmp_path):
    pages = site(tmp_path, [digest("a", "2025-07-02", source="Hespress")])
    page = pages["issues/2025-07-02.md"]
    assert "# Digest du 2 juillet 2025" in page
    assert "## [<bdi>Titre a</bdi>](../digests/a.md)" in page
    assert "[<bdi>Hespress</bdi>](../sources/hespress.md)" in page and "Résumé de a." in page


def test_home_shows_the_latest_issues_within_the_digest_budget(tmp_path):
    ds = [digest(f"d{i}", f"2025-07-{i:02d}") for i in range(1, 9)] + [digest("d9x", "2025-07-08")]
    pages = site(tmp_path, ds, home_issues=3, home_latest=3)
    home = pages["index.md"]
    assert re.findall(r"^## \[(.*?)\]", home, re.M) == [
        "Digest du 8 juillet 2025", "Digest du 7 juillet 2025", "Digest du 6 juillet 2025"]
    assert len(re.findall(r"^### ", home, re.M)) == 3  # two digests of the 8th, one of the 7th
    assert "[1 de plus dans ce numéro](issues/2025-07-06.md)" in home
    assert "(issues/index.md)" in home and "(archive/index.md)" in home


# --------------------------------------------------------------------------- archive

def test_archive_pagination(tmp_path):
    ds = [digest(f"j{i}", f"2025-07-{i:02d}") for i in range(1, 8)] + [digest("may", "2025-05-05"),
                                                                          digest("old", "2024-12-31")]
    pages = site(tmp_path, ds, archive_page_size=3)
    assert paginate(list(range(7)), 3) == [[0, 1, 2], [3, 4, 5], [6]] and paginate([], 3) == [[]]
    first, second, third = (pages["archive/2025/07.md"], pages["archive/2025/07/page/2.md"],
                            pages["archive/2025/07/page/3.md"])
    assert "archive/2025/07/page/4.md" not in pages
    assert re.findall(r"digests/(j\d)\.md", first) == ["j7", "j6", "j5"]  # newest first
    assert re.findall(r"digests/(j\d)\.md", second) == ["j4", "j3", "j2"]
    assert re.findall(r"digests/(j\d)\.md", third) == ["j1"]
    assert "(../../archive/2025/07/page/2.md)" in first and "Page précédente" not in first
    assert "(../../../../archive/2025/07.md)" in second and "(../../../../archive/2025/07/page/3.md)" in second
    assert "Page précédente" in third and "Page suivante" not in third
    assert "# Juillet 2025 (page 2)" in second
    index = pages["archive/index.md"]
    assert "[2025](../archive/2025.md) (8)" in index and "[2024](../archive/2024.md) (1)" in index
    assert "[Juillet 2025](../archive/2025/07.md) (7)" in index and "[Mai 2025](../archive/2025/05.md) (1)" in index
    year = pages["archive/2025.md"]
    assert "[Juillet 2025](../archive/2025/07.md) (7)" in year and "2024" not in year.split("---")[2].split("[Archives]")[0]
    assert_links_resolve(pages)


def test_undated_digests_stay_in_the_archive(tmp_path):
    pages = site(tmp_path, [digest("u", None), digest("d", "2025-07-02")])
    assert "[Sans date](../archive/undated.md) (1)" in pages["archive/index.md"]
    assert "(../digests/u.md)" in pages["archive/undated.md"]
    assert "digests/u.md" not in pages["index.md"]


# --------------------------------------------------------------------------- sources and entities

def test_source_and_entity_pages_list_their_digests(tmp_path):
    ds = [digest("a", "2025-07-02", source="Le Matin", people=["Nasser Bourita"], places=["Rabat"]),
          digest("b", "2025-07-05", source="Hespress", people=["Nasser Bourita", "Aziz Akhannouch"]),
          digest("c", "2025-07-01", source="le matin", people=["Aziz Akhannouch"]),
          digest("d", "2025-06-01", source="Le Matin")]
    pages = site(tmp_path, ds)
    matin = pages["sources/le-matin.md"]
    assert re.findall(r"digests/(\w)\.md", matin) == ["a", "c", "d"]  # "le matin" shares the page
    assert matin.startswith("---\ntitle: \"Le Matin\"")  # the most frequent spelling names it
    assert re.findall(r"digests/(\w)\.md", pages["sources/hespress.md"]) == ["b"]
    bourita = pages["entities/people/nasser-bourita.md"]
    assert re.findall(r"digests/(\w)\.md", bourita) == ["b", "a"]
    assert re.findall(r"digests/(\w)\.md", pages["entities/places/rabat.md"]) == ["a"]
    index = pages["entities/index.md"]
    assert index.index("## Personnes") < index.index("## Lieux") and "(../entities/people/aziz-akhannouch.md) (2)" in index
    assert "[<bdi>Le Matin</bdi>](../sources/le-matin.md) (3)" in pages["sources/index.md"]
    assert_links_resolve(pages)


def test_fact_box_names_and_source_link_to_their_pages(tmp_path):
    pages = site(tmp_path, [digest("a", "2025-07-02", people=["Nasser Bourita"], places=["Rabat"])])
    page = pages["digests/a.md"]
    assert "[Nasser Bourita](../entities/people/nasser-bourita.md)" in page
    assert "[Rabat](../entities/places/rabat.md)" in page
    assert "[**Le Matin**](../sources/le-matin.md)" in page
    assert_links_resolve(pages)


@pytest.mark.parametrize(("name", "slug"), [("index", "index-source"), ("Index", "index-source"),
                                            ("..", None), ("!!!", None), ("", None)])
def test_page_slugs_are_never_empty_reserved_or_dotted(name, slug):
    out = page_slug(name, "source")
    assert out and out not in ("index", "..", ".") and "/" not in out and not out.startswith(".")
    if slug:
        assert out == slug
    assert out == page_slug(name, "source")  # stable
    assert source_path(name).startswith("sources/") and entity_path("places", name).startswith("entities/places/")


# --------------------------------------------------------------------------- language and dates

def test_babel_dates_in_the_page_language():
    assert format_day("2025-07-02", "fr") == "2 juillet 2025"
    assert format_day("2025-07-02", "en") == "July 2, 2025"
    assert format_day("2025-07-02", "es") == "2 de julio de 2025"
    assert format_day("2025-07-02", "de") == "July 2, 2025"  # no labels for it: English, like the words
    assert format_month(2025, 8, "fr") == "août 2025"


def test_site_pages_in_french_and_digest_pages_in_the_article_language(tmp_path):
    ds = [digest("es", "2025-07-02", language="es"), digest("fr", "2025-07-02")]
    pages = site(tmp_path, ds)
    assert "# Derniers numéros" in pages["index.md"] and "# Archives" in pages["archive/index.md"]
    assert "# Numéros" in pages["issues/index.md"] and "# Entités" in pages["entities/index.md"]
    assert "# Glossaire" in pages["glossary.md"] and "# Notes de la rédaction" in pages["notes/index.md"]
    spanish = pages["digests/es.md"]
    assert "2 de julio de 2025" in spanish and "## Resumen" in spanish and "juillet" not in spanish
    assert "\nlang: \"es\"\n" in spanish.split("---")[1]
    assert "2 juillet 2025" in pages["issues/2025-07-02.md"]  # the same day on a site page
    english = site(tmp_path, ds, site_language="en")
    assert "# Latest issues" in english["index.md"] and "Digest of July 2, 2025" in english["issues/index.md"]


def test_arabic_digest_keeps_rtl_and_its_language(tmp_path):
    page = site(tmp_path, [digest("ar", "2025-07-10", language="ar", title="الصويرة")])["digests/ar.md"]
    assert 'dir="rtl"' in page and "\nlang: \"ar\"\n" in page and "10 يوليو 2025" in page


# --------------------------------------------------------------------------- Pagefind

def search_data(page):
    return {kind: re.findall(rf'data-pagefind-{kind}="([^"]*)"', page) for kind in ("filter", "meta", "sort")}


def test_pagefind_attributes_on_digests_and_notes_only(tmp_path):
    note = Note("notes/n.md", "n", "Une note", "Ana", "2025-07-03", (), ("édito",), "Texte de la note.")
    ds = [digest("a", "2025-07-02", source='Le "Matin", Casablanca: édition', tags=["énergie", "eau"]),
          digest("u", None)]
    pages = site(tmp_path, ds, [note], site_url="https://example.org/")
    page = pages["digests/a.md"]
    data = search_data(page)
    assert data["filter"] == ["type:digest", "source:Le &quot;Matin&quot;, Casablanca: édition", "language:fr",
                              "tag:énergie", "tag:eau", "year:2025", "month:2025-07"]
    assert data["meta"] == ["title:Titre a", "date:2025-07-02", "date_label:2 juillet 2025",
                            "source:Le &quot;Matin&quot;, Casablanca: édition"]
    assert data["sort"] == ["date:2025-07-02"]
    assert page.count("data-pagefind-body") == 1
    body = page[page.index("data-pagefind-body"):page.index('<div class="digest-search-data"')]
    assert "# Titre a" in body and "Résumé de a." in body and "## Article" in body
    assert 'class="digest-facts" data-pagefind-ignore' in body  # the fact box repeats the article
    undated = search_data(pages["digests/u.md"])
    # Undated pages sort last: Pagefind drops pages without the key when results are sorted by it.
    assert undated["sort"] == ["date:0000-00-00"] and not any(m.startswith("date") for m in undated["meta"])
    assert not any(f.startswith(("year:", "month:")) for f in undated["filter"])
    note_data = search_data(pages["notes/n.md"])
    assert "data-pagefind-body" in pages["notes/n.md"] and "type:note" in note_data["filter"]
    assert {"title:Une note", "date:2025-07-03", "date_label:3 juillet 2025"} <= set(note_data["meta"])
    for path, text in pages.items():
        if path.endswith(".md") and not path.startswith(("digests/", "notes/")) or path == "notes/index.md":
            assert "data-pagefind" not in text, path


def test_pagefind_values_cannot_break_out_of_the_attribute(tmp_path):
    evil = 'x"><script>alert(1)</script>'
    page = site(tmp_path, [digest("a", "2025-07-02", source=evil, tags=[evil])])["digests/a.md"]
    assert "<script>" not in page and 'source:x&quot;&gt;&lt;script&gt;' in page


# --------------------------------------------------------------------------- feeds

def test_json_feed_and_rss(tmp_path):
    note = Note("notes/n.md", "n", "Une note", None, "2025-07-03", (), (), "Voir [[a]] et **ceci**.")
    ds = [digest("a", "2025-07-02", tags=["énergie"]), digest("u", None, language="es")]
    pages = site(tmp_path, ds, [note], site_url="https://example.org/revue/", site_title="Revue")
    feed = json.loads(pages["feed.json"])
    assert feed["version"] == "https://jsonfeed.org/version/1.1" and feed["title"] == "Revue"
    assert feed["home_page_url"] == "https://example.org/revue/"
    assert feed["feed_url"] == "https://example.org/revue/feed.json"
    assert [i["id"] for i in feed["items"]] == ["https://example.org/revue/notes/n/",
                                                "https://example.org/revue/digests/a/",
                                                "https://example.org/revue/digests/u/"]
    for item in feed["items"]:
        assert item["url"] == item["id"] and item["url"].startswith("https://")
        assert item["title"] and (item.get("content_text") or item.get("content_html"))
        assert set(item) <= {"id", "url", "title", "summary", "content_text", "date_published", "language", "tags"}
    a = feed["items"][1]
    assert a["date_published"] == "2025-07-02T00:00:00Z" and a["language"] == "fr" and a["tags"] == ["énergie"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", a["date_published"])
    assert "date_published" not in feed["items"][2] and feed["items"][2]["language"] == "es"

    rss = ET.fromstring(pages["feed.xml"].encode("utf-8"))
    assert rss.tag == "rss" and rss.get("version") == "2.0"
    channel = rss.find("channel")
    assert channel.findtext("title") == "Revue" and channel.findtext("link") == "https://example.org/revue/"
    items = channel.findall("item")
    assert [i.findtext("link") for i in items] == [i["url"] for i in feed["items"]]
    assert items[1].findtext("pubDate") == "Wed, 02 Jul 2025 00:00:00 +0000"

    assert "feed.json" not in site(tmp_path, ds)  # no site_url, no absolute links: no feeds


# --------------------------------------------------------------------------- the example site

def test_example_site_links_resolve_and_builds_are_identical():
    config = make_config({"site_url": "https://digest.example.org/", "site_language": "fr"}, REPO)
    first, second = build(config).pages, build(config).pages
    assert first == second
    assert_links_resolve(first)
    assert "digests/hydrogene-vert-tanger.md" in re.sub(r"\.\./", "", first["entities/people/klaus-hartmann.md"])
    assert "[Klaus Hartmann](../entities/people/klaus-hartmann.md)" in first["digests/hydrogene-vert-tanger.md"]


def test_a_site_of_undated_digests_still_shows_them_on_the_home_page(tmp_path):
    pages = site(tmp_path, [digest("a", None, title="Sans date A"), digest("b", None, title="Sans date B")])
    home = pages["index.md"]
    assert "Sans date A" in home and "Sans date B" in home
    assert_links_resolve(pages)
