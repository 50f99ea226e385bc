"""End-to-end browser tests for the example site (headless Debian chromium).

The example site is built from ``content/`` with ``mkdocs build --strict``,
served over HTTP on 127.0.0.1 and driven with selenium + the system
chromedriver (fixtures in conftest.py). Search has its own file,
test_browser_search.py.

Run with ``pytest tests/test_browser.py`` or select/deselect with ``-m browser``.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

pytestmark = pytest.mark.browser

REPO_ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 120  # seconds, for every explicit wait: each returns as soon as its condition holds


selenium = pytest.importorskip("selenium", reason="selenium is not installed (pip install '.[test]')")

from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

HYDROGEN_URL = "/digests/hydrogene-vert-tanger/"
PORT_URL = "/digests/port-expansion-report/"
IA_DEFINITION_START = "Ensemble de techniques informatiques"


# Fixtures (site_url, driver) are shared with test_browser_search.py: see conftest.py.


def _norm(text: str) -> str:
    return " ".join((text or "").replace("\u00a0", " ").replace("\u202f", " ").split())


def _definition_of(drv, link) -> str:
    """Definition carried by a glossary link: its `title`, or the Material
    tooltip that replaced it (`aria-describedby`)."""
    title = (link.get_attribute("title") or "").strip()
    if title:
        return title
    tip_id = link.get_attribute("aria-describedby")
    if tip_id:
        tips = drv.find_elements(By.ID, tip_id)
        if tips:
            return _norm(tips[0].get_attribute("textContent"))
    return (link.get_attribute("data-title") or link.get_attribute("data-definition") or "").strip()


def _wait(drv, timeout: float = TIMEOUT) -> WebDriverWait:
    return WebDriverWait(drv, timeout)


def _open(drv, url: str) -> None:
    drv.get(url)
    _wait(drv).until(lambda d: d.execute_script("return document.readyState") == "complete")
    _wait(drv).until(EC.presence_of_element_located((By.CSS_SELECTOR, "article.md-content__inner")))


# --------------------------------------------------------------------------- tests


def test_hydrogen_digest_summary_factbox_note_glossary_tooltip(driver, site_url):
    _open(driver, site_url + HYDROGEN_URL)
    article = driver.find_element(By.CSS_SELECTOR, "article.md-content__inner")

    # Summary heading, immediately followed by the summary block (in the article's language).
    summary = _wait(driver).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "article h2#summary")))
    assert summary.text.strip().startswith("Résumé")  # labels follow the article language
    summary_p = summary.find_element(By.XPATH, "following-sibling::*[1]")
    assert summary_p.tag_name == "div" and "digest-summary" in summary_p.get_attribute("class")
    assert summary_p.get_attribute("lang") == "fr" and summary_p.get_attribute("dir") == "ltr"
    assert "Nordhy Maghreb" in summary_p.text and len(summary_p.text) > 100

    # Fact box: Material "info" admonition, labelled in the article's language (French here).
    fact_boxes = [
        box
        for box in article.find_elements(By.CSS_SELECTOR, ".admonition.info")
        if "L'essentiel" in box.find_element(By.CSS_SELECTOR, ".admonition-title").text
    ]
    assert len(fact_boxes) == 1, "expected exactly one '.admonition.info' titled \"L'essentiel\" (fact box)"
    fact_box = fact_boxes[0]
    assert fact_box.is_displayed()
    assert "6 milliards d'euros" in fact_box.text

    # Editor's note attached to this digest (content/notes/hydrogene-contexte.md).
    notes = [
        box
        for box in article.find_elements(By.CSS_SELECTOR, ".admonition.note")
        if "Note de la rédaction" in box.find_element(By.CSS_SELECTOR, ".admonition-title").text
    ]
    assert len(notes) == 1, "expected one '.admonition.note' titled 'Note de la rédaction' (editor's note)"
    assert "Sofiane Berrada" in notes[0].find_element(By.CSS_SELECTOR, ".admonition-title").text
    assert "Trois points méritent" in notes[0].text

    # Glossary links carry their definition in the `title` attribute.  With
    # Material's `content.tooltips` feature the tooltip component moves it
    # out of `title` (into a `.md-tooltip2` element referenced by
    # `aria-describedby`) once the link is hovered/mounted, so accept either.
    terms = article.find_elements(By.CSS_SELECTOR, "a.digest-term")
    assert terms, "no a.digest-term glossary links on the digest page"
    glossary = {
        entry["id"]: entry["definition"]
        for entry in yaml.safe_load((REPO_ROOT / "content" / "glossary.yml").read_text(encoding="utf-8"))
    }
    for term in terms:
        href = term.get_attribute("href")
        assert "glossary/#" in href
        term_id = urlsplit(href).fragment
        assert term_id in glossary, href
        shown = _definition_of(driver, term)
        assert shown, f"glossary link {term.text!r} carries no definition"
        # The definition may be shortened (first sentence, or cut with "…").
        assert _norm(glossary[term_id]).startswith(_norm(shown).rstrip("\u2026").rstrip()), (term_id, shown)
    ia_link = article.find_element(By.CSS_SELECTOR, 'a.digest-term[href$="glossary/#ia"]')
    assert ia_link.text == "intelligence artificielle"
    definition = _definition_of(driver, ia_link)
    assert definition.startswith(IA_DEFINITION_START)

    # Hover it: Material renders a `.md-tooltip2[role=tooltip]` element
    # (appended to <body>, linked via aria-describedby) holding the definition.
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", ia_link)
    ActionChains(driver).move_to_element(ia_link).perform()

    def active_tooltip(d):
        tip_id = ia_link.get_attribute("aria-describedby")
        if not tip_id:
            return False
        tips = d.find_elements(By.ID, tip_id)
        if not tips or not tips[0].is_displayed():
            return False
        if "md-tooltip2--active" not in (tips[0].get_attribute("class") or ""):
            return False
        return tips[0]

    tooltip = _wait(driver).until(active_tooltip, "no visible Material tooltip after hovering the glossary link")
    assert "md-tooltip2" in tooltip.get_attribute("class")
    assert tooltip.get_attribute("role") == "tooltip"
    assert _norm(tooltip.text) == _norm(definition)
    assert IA_DEFINITION_START in tooltip.text
    # The native title is gone (otherwise the browser would show two tooltips).
    assert not ia_link.get_attribute("title")

    # Move away: the tooltip is hidden again (Material removes it from the DOM).
    ActionChains(driver).move_to_element(summary).perform()
    _wait(driver).until(EC.invisibility_of_element(tooltip))

    # Every "source" link of the fact box (figures and quotes) points at an
    # existing sentence anchor that contains the figure / the quote.
    items = fact_box.find_elements(By.XPATH, ".//li[.//a[text()='source']]")
    assert len(items) >= 3
    for item in items:
        strong = item.find_elements(By.TAG_NAME, "strong")
        if strong:  # "<strong>6 milliards d'euros</strong> = 6 billion EUR ..."
            figure = strong[0].text
        else:  # "“quote” — Speaker · source"
            figure = item.text.split("\u201d")[0].lstrip("\u201c")
        href = item.find_element(By.LINK_TEXT, "source").get_attribute("href")
        anchor = urlsplit(href).fragment
        assert anchor.startswith("s") and anchor[1:].isdigit(), href
        targets = driver.find_elements(By.CSS_SELECTOR, f"span.digest-sentence#{anchor}")
        assert len(targets) == 1, f"fact {figure!r}: no span.digest-sentence#{anchor}"
        assert _norm(figure) in _norm(targets[0].get_attribute("textContent")), (figure, anchor)

    # ...and clicking the first one navigates to it.
    first = fact_boxes[0].find_element(By.XPATH, ".//li[contains(., \"6 milliards d'euros\")]//a[text()='source']")
    anchor = urlsplit(first.get_attribute("href")).fragment
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", first)
    _wait(driver).until(EC.element_to_be_clickable(first)).click()
    _wait(driver).until(lambda d: d.execute_script("return location.hash") == f"#{anchor}")
    assert urlsplit(driver.current_url).path == HYDROGEN_URL
    target = _wait(driver).until(EC.visibility_of_element_located((By.CSS_SELECTOR, f"span.digest-sentence#{anchor}")))
    assert "6 milliards d'euros" in target.text
    assert driver.execute_script("return document.querySelector(':target') === arguments[0]", target)
    _wait(driver).until(
        lambda d: d.execute_script(
            "const r = arguments[0].getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight;", target
        ),
        "the sentence anchor was not scrolled into view",
    )


def test_port_report_escapes_script_text(driver, site_url):
    _open(driver, site_url + PORT_URL)
    needle = "<script>alert('x')</script>"
    article = driver.find_element(By.CSS_SELECTOR, "article.md-content__inner")
    paragraphs = [p for p in article.find_elements(By.TAG_NAME, "p") if needle in p.text]
    assert paragraphs, "the literal <script> string is not shown as text"
    assert paragraphs[0].is_displayed()
    assert "planted the string " + needle in paragraphs[0].text

    scripts = driver.find_elements(By.TAG_NAME, "script")
    assert scripts  # Material's own scripts exist...
    for script in scripts:  # ...but none of them is the injected one.
        assert "alert('x')" not in (script.get_attribute("textContent") or "")
    assert not article.find_elements(By.TAG_NAME, "script")
    try:
        alert = driver.switch_to.alert
    except NoAlertPresentException:
        pass
    else:
        text = alert.text
        alert.dismiss()
        pytest.fail(f"an alert was opened by the page: {text!r}")


def test_home_lists_latest_digests_and_glossary_backlinks(driver, site_url):
    _open(driver, site_url + "/")
    article = driver.find_element(By.CSS_SELECTOR, "article.md-content__inner")
    assert article.find_element(By.TAG_NAME, "h1").text.startswith("Derniers numéros")  # the site's language
    issues = [a.text for a in article.find_elements(By.CSS_SELECTOR, "h2 a[href^='issues/']")]
    assert issues[0] == "Digest du 17 septembre 2025" and len(issues) == 5
    links = article.find_elements(By.CSS_SELECTOR, "h3 a[href^='digests/']")
    paths = [urlsplit(a.get_attribute("href")).path for a in links]
    assert HYDROGEN_URL in paths and PORT_URL in paths
    assert len(paths) == len(set(paths)) >= 5
    # Newest first: the Spanish banking digest (2025-09-17) leads.
    assert paths[0] == "/digests/ciberseguridad-bancos/"

    # Following a home link works.
    hydrogen = next(a for a in links if urlsplit(a.get_attribute("href")).path == HYDROGEN_URL)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", hydrogen)
    hydrogen.click()
    _wait(driver).until(lambda d: urlsplit(d.current_url).path == HYDROGEN_URL)
    _wait(driver).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "article h2#summary")))

    _open(driver, site_url + "/glossary/")
    # Letter jumps at the top; each letter is an h2 section, each term an h3 entry.
    jumps = driver.find_elements(By.CSS_SELECTOR, "article .digest-letters a")
    assert [a.text for a in jumps] == sorted(a.text for a in jumps) and "I" in [a.text for a in jumps]
    entry = _wait(driver).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "article h3#ia")))
    assert entry.text.strip().startswith("IA")
    block = driver.execute_script(
        """
        const out = [];
        for (let n = arguments[0].nextElementSibling; n && !['H2', 'H3'].includes(n.tagName); n = n.nextElementSibling) out.push(n);
        return out;
        """,
        entry,
    )
    assert any(IA_DEFINITION_START in el.text for el in block)
    appears = [el for el in block if el.text.startswith("Apparaît dans")]
    assert len(appears) == 1, "the IA entry has no 'Apparaît dans' (appears in) line"
    backlinks = [urlsplit(a.get_attribute("href")).path for a in appears[0].find_elements(By.TAG_NAME, "a")]
    assert HYDROGEN_URL in backlinks
    assert PORT_URL in backlinks
    assert all(p.startswith("/digests/") for p in backlinks), backlinks

    back = next(a for a in appears[0].find_elements(By.TAG_NAME, "a") if urlsplit(a.get_attribute("href")).path == PORT_URL)
    back.click()
    _wait(driver).until(lambda d: urlsplit(d.current_url).path == PORT_URL)


def _click(drv, link) -> str:
    """Follow a link like a reader and return the new path."""
    target = urlsplit(link.get_attribute("href")).path
    drv.execute_script("arguments[0].scrollIntoView({block: 'center'});", link)
    _wait(drv).until(EC.element_to_be_clickable(link)).click()
    _wait(drv).until(lambda d: urlsplit(d.current_url).path == target)
    _wait(drv).until(EC.presence_of_element_located((By.CSS_SELECTOR, "article.md-content__inner h1")))
    return target


def _link(drv, text: str):
    return drv.find_element(By.CSS_SELECTOR, "article.md-content__inner").find_element(By.PARTIAL_LINK_TEXT, text)


def test_reader_reaches_issues_archive_sources_and_entities_from_home(driver, site_url):
    # Home -> an issue -> the previous issue -> a digest -> its source -> a person in its fact box.
    _open(driver, site_url + "/")
    assert _click(driver, _link(driver, "Digest du 8 avril 2025")) == "/issues/2025-04-08/"
    assert driver.find_element(By.TAG_NAME, "h1").text == "Digest du 8 avril 2025"
    assert _click(driver, _link(driver, "Digest du 14 mars 2025")) == "/issues/2025-03-14/"  # previous issue
    assert _click(driver, _link(driver, "Digest du 8 avril 2025")) == "/issues/2025-04-08/"  # next issue
    assert _click(driver, _link(driver, "Tanger : un consortium")) == HYDROGEN_URL
    assert "8 avril 2025" in driver.find_element(By.CSS_SELECTOR, ".digest-meta").text
    assert _click(driver, _link(driver, "L'Observateur du Détroit")) == "/sources/l-observateur-du-detroit/"
    assert _click(driver, _link(driver, "Tanger : un consortium")) == HYDROGEN_URL
    person = driver.find_element(By.CSS_SELECTOR, ".admonition.info").find_element(By.LINK_TEXT, "Klaus Hartmann")
    assert _click(driver, person) == "/entities/people/klaus-hartmann/"
    assert HYDROGEN_URL in [urlsplit(a.get_attribute("href")).path
                            for a in driver.find_elements(By.CSS_SELECTOR, "article li a")]

    # The sidebar's sections lead to the archive: year -> month -> digest.
    nav = driver.find_element(By.CSS_SELECTOR, ".md-sidebar--primary")
    archive = next(a for a in nav.find_elements(By.CSS_SELECTOR, "a.md-nav__link")
                   if urlsplit(a.get_attribute("href")).path == "/archive/")
    assert _click(driver, archive) == "/archive/"
    assert _click(driver, _link(driver, "2025")) == "/archive/2025/"
    assert _click(driver, _link(driver, "Juin 2025")) == "/archive/2025/06/"
    assert _click(driver, _link(driver, "Lisbon port report")) == PORT_URL
