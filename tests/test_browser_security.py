"""No content can run script on the site: hostile inputs built with mkdocs, every page opened in Chromium.

Each payload, if it ever ran, would record itself in `window.__pwned` or change
`document.title`; the test opens every generated page, waits for it to settle,
and checks that nothing ran, that no element from content carries an event
handler or a <script>, and that every link in the content is http(s), mailto or
same-site.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from .conftest import REPO, serve
from .test_browser import WebDriverWait

pytestmark = pytest.mark.browser

RUN = "window.__pwned=(window.__pwned||[]).concat('{id}');document.title='pwned:{id}'"


def payloads(where: str) -> str:
    """Every way we know to smuggle script into one field, each tagged with *where*."""
    run = RUN.format(id=where)
    return (f"<script>{run}</script> <img src=x onerror=\"{run}\"> <svg onload=\"{run}\"></svg> "
            f"<a href=\"javascript:{run}\">a</a> [b](javascript:{run.replace('(', '%28').replace(')', '%29')}) "
            f"{{: onclick=\"{run}\" }} <iframe src=\"javascript:{run}\"></iframe> "
            f"<details open ontoggle=\"{run}\"></details>")


def _write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _yaml(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # JSON strings are YAML strings


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    project = tmp_path_factory.mktemp("hostile")
    for name in ("content", "templates"):
        shutil.copytree(REPO / name, project / name)
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    content = project / "content"
    _write(content / "articles/hostile.md", (
        f"---\ntitle: {_yaml('Titre ' + payloads('title'))}\nslug: hostile\ndate: 2025-05-01\nlanguage: fr\n"
        f"source: {_yaml(payloads('source'))}\nauthor: {_yaml(payloads('author'))}\n"
        f"url: {_yaml('javascript:' + RUN.format(id='url'))}\n"
        f"tags: [{_yaml(payloads('tag'))}, énergie]\n"
        f"standfirst: {_yaml('Chapô ' + payloads('standfirst'))}\n---\n"
        f"Le port de Safi a annoncé un plan de 2 milliards de dirhams. {payloads('body')}\n\n"
        f"## Sous-titre {payloads('heading')}\n\nLa phrase suivante parle de l'IA et du port.\n"))
    _write(content / "articles/summary.md", (
        f"---\ntitle: Résumé piégé\nslug: summary-trap\ndate: 2025-05-02\nlanguage: fr\n"
        f"summary: [{_yaml(payloads('summary'))}]\n---\nUn texte ordinaire sur le port et l'IA.\n"))
    _write(content / "articles/dump.txt", (
        f"Un titre de dépêche {payloads('dump-title')}\nPublié dans {payloads('dump-source')} le 03 - 05 - 2025\n\n"
        f"Le corps de la dépêche cite l'IA. {payloads('dump-body')}\n"))
    _write(content / "articles/page.html", (
        f"<html lang=fr><head><title>Page HTML piégée</title><script>{RUN.format(id='html-head')}</script></head>"
        f"<body><article><h1>Page HTML piégée</h1><p>Le conseil a voté un budget pour l'eau potable de la ville. "
        f"<a href=\"javascript:{RUN.format(id='html-link')}\">clic</a> <img src=x onerror=\"{RUN.format(id='html-img')}\">"
        f"</p><p>Les travaux commenceront au printemps dans trois quartiers de la ville, selon la mairie.</p>"
        f"<script>{RUN.format(id='html-body')}</script></article></body></html>"))
    _write(content / "articles/feed.jsonl", json.dumps({
        "title": "Flux " + payloads("jsonl-title"), "body": "Un article du flux. " + payloads("jsonl-body"),
        "url": "javascript:" + RUN.format(id="jsonl-url"), "source": payloads("jsonl-source"), "date": "2025-05-03"}) + "\n")
    glossary = (content / "glossary.yml").read_text("utf-8")
    terms = [{"term": "Safi", "aliases": [payloads("alias")], "definition": "Un port. " + payloads("definition")},
             {"term": "Piège " + payloads("term"), "id": "piege", "definition": "Un terme piégé.",
              "see_also": ["safi"]}]
    _write(content / "glossary.yml", glossary.rstrip("\n") + "\n" + "".join(
        f"- {json.dumps(t, ensure_ascii=False)}\n" for t in terms) if glossary.lstrip().startswith("-")
        else json.dumps(terms, ensure_ascii=False))
    _write(content / "glossary/piege-fichier.md",
           f"---\nterm: Fichier piégé\n---\nDéfinition en Markdown. {payloads('glossary-file')}\n")
    _write(content / "notes/hostile-note.md", (
        f"---\ntitle: {_yaml('Note ' + payloads('note-title'))}\nauthor: {_yaml(payloads('note-author'))}\n"
        f"date: 2025-05-04\ndigest: hostile\ntags: [{_yaml(payloads('note-tag'))}]\n---\n"
        f"{payloads('note-body')}\n\n<div markdown onmouseover=\"{RUN.format(id='note-div')}\">IA</div>\n\n"
        f"Voir [[hostile|{payloads('wiki-text')}]].\n\n```\n{payloads('note-fence')}\n"))
    _write(content / "notes/standalone-hostile.md", (
        f"---\ntitle: {_yaml('Page ' + payloads('page-title'))}\ndate: 2025-05-05\n---\n"
        f"{payloads('page-body')}\n\n[ref]: javascript:{RUN.format(id='ref')}\n\nVoir [le lien][ref].\n"))
    _write(content / "overrides/summary-trap.yml", (
        f"source: {_yaml(payloads('override-source'))}\nurl: {_yaml(' JAVASCRIPT:' + RUN.format(id='override-url'))}\n"
        f"tags: [{_yaml(payloads('override-tag'))}]\n"))
    out = project / "site"
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(out)], cwd=project,
                         capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr[-3000:]
    assert (out / "digests/hostile/index.html").is_file(), run.stderr[-3000:]
    with serve(out) as url:
        yield out, url


# Inside the page's content (not the theme's own chrome and scripts).
CHECK = """
const content = document.querySelector('.md-content') || document.body;
const bad = [];
for (const el of content.querySelectorAll('*')) {
  for (const attr of el.attributes) {
    if (/^on/i.test(attr.name)) bad.push(el.tagName + ' ' + attr.name);
  }
  // digest's own charts are SVG; their attributes and children are still checked.
  const ownChart = el.tagName.toUpperCase() === 'SVG' && el.classList.contains('digest-chart');
  if (!ownChart && ['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'SVG', 'IMG', 'STYLE'].includes(el.tagName.toUpperCase()))
    bad.push('element ' + el.tagName);
}
for (const a of content.querySelectorAll('a[href]')) {
  if (!['http:', 'https:', 'mailto:'].includes(a.protocol)) bad.push('link ' + a.getAttribute('href'));
}
for (const s of document.querySelectorAll('script')) {
  if ((s.textContent || '').includes('__pwned')) bad.push('script in DOM');
}
return {pwned: window.__pwned || null, title: document.title, bad: bad, ready: document.readyState};
"""


def test_no_hostile_input_runs_script_on_any_page(hostile_site, driver):
    out, url = hostile_site
    pages = sorted(p.parent.relative_to(out).as_posix() for p in out.rglob("index.html")
                   if "assets" not in p.parts and "search" not in p.parts and "pagefind" not in p.parts)
    assert len(pages) > 20 and "digests/hostile" in pages and "notes/standalone-hostile" in pages
    failures = {}
    for page in pages:
        driver.get(f"{url}/{page}/" if page != "." else f"{url}/")
        # "complete" comes after every image's load or error event, so a payload in an
        # onerror handler has run by then; waiting on that state, not on a time, holds under load.
        WebDriverWait(driver, 120).until(lambda d: d.execute_script("return document.readyState") == "complete")
        state = driver.execute_script(CHECK)
        if state["pwned"] or state["title"].startswith("pwned:") or state["bad"]:
            failures[page] = state
    assert failures == {}
    # The payloads are on the pages as visible text, not silently dropped.
    driver.get(f"{url}/digests/hostile/")
    text = driver.execute_script("return document.querySelector('.md-content').innerText")
    assert "<script>window.__pwned" in text and "onerror=" in text


def test_feeds_carry_no_markup(hostile_site):
    out, _ = hostile_site
    feed = (out / "feed.xml").read_text("utf-8")
    assert "<script" not in feed and "<img" not in feed and "&lt;script&gt;" in feed
    items = json.loads((out / "feed.json").read_text("utf-8"))["items"]
    for item in items:
        assert "<script" not in item.get("content_html", "")
        assert not str(item.get("url", "")).lower().startswith("javascript")
