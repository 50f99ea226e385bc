"""Site search in a real browser: the Pagefind box in Material's header, on the example site
served at the root and under a sub-path (as on GitHub Pages: https://user.github.io/repo/).

Fixtures (one strict build, one headless Chromium) are in conftest.py.
"""
from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

import pytest

from .conftest import serve

pytestmark = pytest.mark.browser

selenium = pytest.importorskip("selenium", reason="selenium is not installed (pip install '.[test]')")

from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

HYDROGEN = "/digests/hydrogene-vert-tanger/"
PORT = "/digests/port-expansion-report/"
ALMERIA = "/digests/almeria-estrena-la-mayor-planta-solar-de-andalucia-oriental-con-una-inversion-de/"
INPUT = ".digest-search input.md-search__input"
LINKS = ".digest-search .md-search-result__item a.md-search-result__link"
TIMEOUT = 120  # an upper bound only: each wait returns as soon as its condition holds


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(c))


def _open(drv, url: str):
    drv.get(url)
    WebDriverWait(drv, TIMEOUT).until(lambda d: d.execute_script("return document.readyState") == "complete")
    return WebDriverWait(drv, TIMEOUT).until(EC.element_to_be_clickable((By.CSS_SELECTOR, INPUT)))


def _search(drv, box, query: str) -> None:
    box.click()
    box.clear()
    box.send_keys(query)


def _results(drv, must_contain: str | None = None, count_label: str | None = None) -> list[str]:
    """Paths of the rendered results, once they include `must_contain` (or the count says so)."""
    def ready(d):
        if d.find_element(By.CSS_SELECTOR, ".digest-search .md-search-result").get_attribute("aria-busy") != "false":
            return False  # the answer to the last keystroke is not rendered yet
        paths = [urlsplit(a.get_attribute("href")).path for a in d.find_elements(By.CSS_SELECTOR, LINKS)]
        meta = d.find_element(By.CSS_SELECTOR, ".digest-search .md-search-result__meta").text
        done = must_contain in paths if must_contain is not None else meta == count_label
        return (paths,) if done else False

    try:
        return WebDriverWait(drv, TIMEOUT).until(ready)[0]
    except TimeoutException:
        shown = [a.get_attribute("href") for a in drv.find_elements(By.CSS_SELECTOR, LINKS)]
        meta = drv.find_element(By.CSS_SELECTOR, ".digest-search .md-search-result__meta").text
        pytest.fail(f"expected {must_contain or count_label!r}; the box shows {meta!r}: {shown}")


@pytest.mark.parametrize("query", ["economie", "l'économie", "l’économie", "ECONOMIE"])
def test_accents_and_elisions_do_not_matter(driver, site_url, query):
    box = _open(driver, site_url + PORT)  # an English page: its primary index is not French
    _search(driver, box, query)
    _results(driver, must_contain=HYDROGEN)
    item = next(a for a in driver.find_elements(By.CSS_SELECTOR, LINKS) if urlsplit(a.get_attribute("href")).path == HYDROGEN)
    marks = [m.text for m in item.find_elements(By.TAG_NAME, "mark")]
    assert marks and all(_fold(m).startswith("econom") for m in marks), marks


def test_result_shows_title_date_source_and_highlighted_excerpt(driver, site_url, built_site):
    box = _open(driver, site_url + "/")
    _search(driver, box, "électrolyseurs")
    _results(driver, must_contain=HYDROGEN)
    link = driver.find_element(By.CSS_SELECTOR, LINKS)
    assert urlsplit(link.get_attribute("href")).path == HYDROGEN
    page = (built_site / HYDROGEN.strip("/") / "index.html").read_text(encoding="utf-8")
    title = re.search(r'data-pagefind-meta="title:([^"]*)"', page).group(1)
    assert link.find_element(By.TAG_NAME, "h1").text == title.replace("&#x27;", "'").replace("&#39;", "'")
    assert link.find_element(By.CSS_SELECTOR, ".digest-search__meta").text == "8 avril 2025 · L'Observateur du Détroit"
    excerpt = link.find_element(By.CSS_SELECTOR, ".digest-search__excerpt")
    assert [m.text for m in excerpt.find_elements(By.TAG_NAME, "mark")] == ["électrolyseurs"]
    assert excerpt.is_displayed() and len(excerpt.text) > 40


def test_excerpt_text_is_never_markup(driver, site_url):
    box = _open(driver, site_url + "/")
    _search(driver, box, "planted string")
    _results(driver, must_contain=PORT)
    item = next(a for a in driver.find_elements(By.CSS_SELECTOR, LINKS) if urlsplit(a.get_attribute("href")).path == PORT)
    excerpt = item.find_element(By.CSS_SELECTOR, ".digest-search__excerpt")
    assert "<script>alert('x')</script>" in excerpt.text
    assert not excerpt.find_elements(By.CSS_SELECTOR, ":not(mark)")  # only text and <mark> nodes


@pytest.mark.parametrize(("query", "path"), [("électrolyseurs", HYDROGEN), ("Tabernas", ALMERIA), ("haulage", PORT)])
def test_every_language_is_searched_from_a_french_page(driver, site_url, query, path):
    box = _open(driver, site_url + "/")  # <html lang="fr">: the French index is the primary one
    _search(driver, box, query)
    assert _results(driver, must_contain=path)[0] == path


def test_navigation_footer_and_fact_box_labels_are_not_indexed(driver, site_url, built_site):
    page = (built_site / HYDROGEN.strip("/") / "index.html").read_text(encoding="utf-8")
    # Site name (header), navigation, footer, a fact-box label: on the page, not in the index.
    words = ("revue", "Numéros", "MkDocs", "clés")
    assert all(word in page for word in words)
    box = _open(driver, site_url + HYDROGEN)
    for word in words:
        _search(driver, box, word)
        _results(driver, count_label="Aucun digest trouvé")


def test_a_facet_narrows_and_the_date_sort_orders(driver, site_url, built_site):
    box = _open(driver, site_url + "/")
    _search(driver, box, "port")
    every = _results(driver, must_contain=PORT)
    assert len(every) >= 3
    language = Select(driver.find_element(By.CSS_SELECTOR, ".digest-search select[data-facet=language]"))
    assert {o.get_attribute("value") for o in language.options} >= {"", "fr", "en", "es", "ar"}
    language.select_by_value("en")
    assert _results(driver, count_label="1 résultat") == [PORT]
    language.select_by_value("")
    _results(driver, count_label=f"{len(every)} résultats")

    Select(driver.find_element(By.CSS_SELECTOR, ".digest-search select[data-facet=sort]")).select_by_value("date")
    WebDriverWait(driver, TIMEOUT).until(lambda d: _dates(d, built_site) == sorted(_dates(d, built_site), reverse=True))
    assert len(_dates(driver, built_site)) == len(every)

    # Clear (×) empties the query and resets the facets and the sort, which sit outside the form.
    language.select_by_value("en")
    _results(driver, count_label="1 résultat")
    driver.find_element(By.CSS_SELECTOR, ".digest-search button[type=reset]").click()
    WebDriverWait(driver, TIMEOUT).until(lambda d: not d.find_elements(By.CSS_SELECTOR, LINKS))
    assert driver.execute_script(
        "return Array.from(document.querySelectorAll('.digest-search select'), s => s.value)") == \
        [""] * len(driver.find_elements(By.CSS_SELECTOR, ".digest-search select"))


def _dates(drv, built_site) -> list[str]:
    paths = drv.execute_script(  # one read: the list may be re-rendered between two element reads
        "return Array.from(document.querySelectorAll(arguments[0]), a => new URL(a.href).pathname)", LINKS)
    out = []
    for path in paths:
        page = (built_site / path.strip("/") / "index.html").read_text(encoding="utf-8")
        out.append(re.search(r'data-pagefind-sort="date:([^"]+)"', page).group(1))
    return out


def test_keyboard_slash_arrows_enter_and_escape(driver, site_url):
    _open(driver, site_url + HYDROGEN)
    driver.find_element(By.TAG_NAME, "body").send_keys("/")
    box = driver.switch_to.active_element
    assert "md-search__input" in box.get_attribute("class").split()
    assert driver.execute_script("return document.getElementById('__search').checked")
    box.send_keys(Keys.ESCAPE)
    assert not driver.execute_script("return document.getElementById('__search').checked")

    driver.find_element(By.TAG_NAME, "body").send_keys("s")
    box = driver.switch_to.active_element
    box.send_keys("solaire")
    paths = _results(driver, must_contain=ALMERIA)
    for _ in range(paths.index(ALMERIA) + 1):
        driver.switch_to.active_element.send_keys(Keys.ARROW_DOWN)
    focused = driver.switch_to.active_element
    assert urlsplit(focused.get_attribute("href")).path == ALMERIA
    focused.send_keys(Keys.ENTER)
    WebDriverWait(driver, TIMEOUT).until(lambda d: urlsplit(d.current_url).path == ALMERIA)


@pytest.fixture(scope="module")
def subpath_url(built_site, tmp_path_factory):
    """The same build served at /repo/, like a GitHub Pages project site."""
    parent = tmp_path_factory.mktemp("subpath")
    (parent / "repo").symlink_to(built_site, target_is_directory=True)
    with serve(parent) as url:
        yield url + "/repo"


def test_search_under_a_sub_path_keeps_it_in_links(driver, subpath_url):
    box = _open(driver, subpath_url + "/archive/")
    _search(driver, box, "economie")
    paths = _results(driver, must_contain="/repo" + HYDROGEN)
    assert all(p.startswith("/repo/") for p in paths), paths
    loaded = driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)"
        ".filter(p => p.includes('pagefind'))")
    assert loaded and all(p.startswith("/repo/pagefind/") for p in loaded), loaded
    box.send_keys(Keys.ENTER)  # Enter in the box opens the first result
    WebDriverWait(driver, TIMEOUT).until(lambda d: urlsplit(d.current_url).path == "/repo" + HYDROGEN)
    assert driver.find_element(By.CSS_SELECTOR, "article h1").text.startswith("Tanger")
