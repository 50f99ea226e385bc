"""A corpus of bad and hostile inputs, each built next to one good article.

Every kind either gives a Problem that names the file and says what to do, or is
accepted and builds sensibly; in both cases the good digest is published, no page
carries markup from the input, and nothing under content/ changes.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from digest.config import make_config
from digest.pipeline import build

from .conftest import REPO, cpu_seconds

GOOD = ("---\ntitle: Le port de Safi double sa capacité\nslug: good\ndate: 2025-03-05\nlanguage: fr\n---\n"
        "Le port de Safi a annoncé mardi un plan de 2 milliards de dirhams pour doubler sa capacité.\n\n"
        "La première phase débutera en juin et mobilisera 400 ouvriers sur le quai nord.\n")
PLAIN = ("Le conseil municipal a voté le budget de l'eau pour l'année prochaine.\n"
         "Les travaux commenceront au printemps dans trois quartiers de la ville.\n")


def front(meta: str, body: str = PLAIN) -> str:
    return f"---\n{meta}\n---\n{body}"


def put(content: Path, rel: str, data) -> Path:
    path = content / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def snapshot(root: Path) -> dict[str, str]:
    """Every entry under *root*, symlinks as their target, files as a hash: any change shows."""
    out = {}
    for folder, dirs, files in os.walk(root):
        for name in sorted(dirs + files):
            path = Path(folder) / name
            rel = str(path.relative_to(root))
            if path.is_symlink():
                out[rel] = "-> " + os.readlink(path)
            elif path.is_file():
                out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                out[rel] = "dir"
    return out


_MARKUP = re.compile(r"<\s*/?\s*(script|img|iframe|svg|object|embed|style|form|math|body|link|meta|base)\b", re.I)
_BAD_LINK = re.compile(r"(?<!\\)\]\(\s*<?\s*(?:javascript|data|vbscript)\s*:|^ {0,3}\[[^\]]*\]:\s*<?(?:javascript|data|vbscript):",
                       re.I | re.M)
_ATTR_HANDLER = re.compile(r"(?<!\\)\{[^}\n]*\bon[a-z]+\s*=", re.I)
_RAW_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)
_FRONT = re.compile(r"\A---\n.*?\n---\n", re.S)
_OWN_CHART = re.compile(r'<svg class="digest-chart(?: [a-z-]+)*" xmlns="http://www\.w3\.org/2000/svg"[^<>]*>')


def assert_no_markup(pages: dict[str, str]) -> None:
    """No page carries active HTML, script links or event handlers that came from content."""
    for path, page in pages.items():
        if path.endswith(".json"):
            # JSON Feed: title, summary and content_text are plain text by the spec; HTML only in content_html.
            items = json.loads(page).get("items", [])
            page = "\n".join(str(item.get("content_html", "")) for item in items)
        elif path.endswith(".md"):
            meta = _FRONT.match(page)
            # Front matter is YAML that themes print as HTML: it must hold no raw "<" at all.
            assert meta is None or "<" not in meta.group(0), f"{path}: {meta.group(0)[:300]!r}"
            page = page[meta.end():] if meta else page
        # The charts digest draws are its own SVG (class "digest-chart"): their tags are
        # neutralised, and what they hold is still checked like everything else.
        page = _OWN_CHART.sub("<span>", page).replace("</svg>", "</span>") if _OWN_CHART.search(page) else page
        # Inline code shows as text, and quoted attribute values of our own tags are not markup
        # (a value that failed to escape its quote would end early and be caught).
        page = re.sub(r"(`+).+?\1", "``", page)
        page = re.sub(r"<[a-z][^<>]*>", lambda m: re.sub(r'="[^"]*"', '=""', m.group(0)), page)
        patterns = (_MARKUP, _BAD_LINK, _ATTR_HANDLER, _RAW_HANDLER)
        if path.endswith(".xml"):  # RSS has its own <link> elements
            patterns = (_RAW_HANDLER, re.compile(r"<\s*(script|img|iframe|svg)\b", re.I))
        for pattern in patterns:
            found = pattern.search(page)
            assert found is None, f"{path}: {page[max(0, found.start() - 80):found.end() + 80]!r}"


# --------------------------------------------------------------------------- the corpus

@dataclass
class Case:
    id: str
    setup: Callable[[Path], None]
    # Reported: (a fragment of the file's path, a fragment of the message); accepted: a check.
    reported: tuple[str, str] | None = None
    check: Callable[[Path, object], None] | None = None


def reported(name: str, message: str):
    return name, message


def _page(result, slug: str) -> str:
    assert f"digests/{slug}.md" in result.pages, sorted(result.pages)
    return result.pages[f"digests/{slug}.md"]


def _check_damaged(result) -> None:
    page = _page(result, "cafe-du-port")
    assert "Le Café ouvre." in page and "\ufffd" in page
    [problem] = [p for p in result.problems if "damaged.md" in p.path]
    assert problem.severity == "warning" and "(first at line 7)" in problem.message
    assert str(problem).endswith("(save the file as UTF-8)")


def _billion_laughs() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines)


def _glossary_10000(content: Path) -> None:
    terms = [{"term": f"Terme{n:05d}", "definition": f"Définition numéro {n}."} for n in range(10_000)]
    terms.append({"term": "Safi", "definition": "Un port de la côte atlantique."})
    put(content, "glossary.yml", json.dumps(terms, ensure_ascii=False))


def _check_10000_terms(content, result):
    assert len(result.glossary) == 10_001
    assert "[Safi](../glossary.md#safi" in _page(result, "good")


def _long_article(content: Path) -> None:
    sentence = ("Le conseil régional de Souss-Massa a approuvé {n} projets d'irrigation pour les "
                "agriculteurs de la plaine, selon le rapport annuel publié mardi à Agadir.")
    paragraphs = [" ".join(sentence.format(n=p * 5 + i) for i in range(5)) for p in range(800)]
    put(content, "articles/long.md", front("title: Un très long rapport\nlanguage: fr", "\n\n".join(paragraphs)))


def _check_long(content, result):
    page = _page(result, "un-tres-long-rapport")
    assert len(page.split()) > 100_000  # 800 paragraphs of 5 sentences of 26 words
    summary = page.split("{ #summary }", 1)[1].split("!!!", 1)[0]
    assert 0 < len(summary.split()) < 200


def _symlink_outside(content: Path) -> None:
    secret = content.parent / "secret.txt"
    secret.write_text("TOPSECRET\n\nThe private key is 1234 and must never be published.\n", encoding="utf-8")
    put(content, "articles/.keep", "")
    (content / "articles/leak.txt").symlink_to(secret)


def _check_no_secret(content, result):
    assert all("TOPSECRET" not in page and "private key" not in page for page in result.pages.values())


def _symlink_loop(content: Path) -> None:
    put(content, "articles/.keep", "")
    (content / "articles/loop.md").symlink_to(content / "articles/loop.md")
    (content / "articles/sub").mkdir()
    (content / "articles/sub/up").symlink_to(content / "articles", target_is_directory=True)


def _cycle(content: Path) -> None:
    put(content, "glossary.yml", "- {term: Port, id: port, see_also: [quai], definition: Un abri pour les navires.}\n"
                                 "- {term: Quai, id: quai, see_also: [port], definition: Le bord d'un port.}\n")


def _check_cycle(content, result):
    glossary = result.pages["glossary.md"]
    assert "[Quai](#quai)" in glossary and "[Port](#port)" in glossary


def _hostile_glossary(content: Path) -> None:
    put(content, "glossary.yml", json.dumps([
        {"term": "<img src=x onerror=alert(1)>", "definition": "<script>alert(1)</script> bad"},
        {"term": "Safi", "aliases": ["[x](javascript:alert(3))"],
         "definition": "Un port. [clic](javascript:alert(2)) <img src=x onerror=alert(4)> "
                       "[b](<javascript:alert(5)>) [c](jav&#x61;script:alert(6)) "
                       "<a href=\"javascript:alert(7)\">a</a> <svg onload=alert(8)></svg>\n\n"
                       "Un paragraphe.{: onclick=\"alert(9)\" }\n\n[ref]: javascript:alert(10)"},
    ]))


def _hostile_note(content: Path) -> None:
    put(content, "notes/hostile.md", front(
        "title: <script>alert(1)</script> [x](javascript:alert(2))\nauthor: <img src=x onerror=alert(3)>\n"
        "tags: ['<b>t</b>', '{: onclick=alert(4)}']\ndigest: good",
        "<script>alert(5)</script>\n\n<img src=x onerror=alert(6)>\n\n[clic](javascript:alert(7)) "
        "![i](data:image/svg+xml,<svg onload=alert(8)>)\n\n<div onmouseover=\"alert(9)\" markdown>x</div>\n\n"
        "Texte.{ onclick=alert(10) }\n\n<iframe src=\"javascript:alert(11)\"></iframe>\n\n"
        "`<script>shown as code</script>`\n"))
    put(content, "notes/standalone.md", front(
        "title: \"Note <svg onload=alert(12)>\"", "Voir [[good|<img src=x onerror=alert(13)>]] et "
        "<a href=' javascript:alert(14)'>ici</a>.\n"))


def _check_note(content, result):
    page = _page(result, "good")
    assert "Texte." in page and "shown as code" in page
    assert "notes/standalone.md" in result.pages


def _check_injection(content, result):
    page = next(p for path, p in result.pages.items() if path.startswith("digests/") and path != "digests/good.md")
    assert "&lt;script" in page or "alert" in page


def _reserved(slug):
    def setup(content):
        put(content, f"articles/r-{hashlib.md5(slug.encode()).hexdigest()[:6]}.md", front(f"title: Réservé\nslug: {json.dumps(slug)}"))
    return setup


def _check_paths(content, result):
    for path in result.pages:
        parts = path.split("/")
        assert ".." not in parts and not any(p.startswith(".") for p in parts), path
        assert parts[-1].lower() not in ("con.md", "nul.md", "prn.md", "aux.md"), path
    digests = [p for p in result.pages if p.startswith("digests/")]
    assert "digests/index.md" not in digests and len(digests) == 2, digests


CORPUS = [
    Case("empty", lambda c: put(c, "articles/empty.txt", b""), reported("empty.txt", "empty")),
    Case("whitespace-only", lambda c: put(c, "articles/blank.md", " \n\t\n\u00a0\n"), reported("blank.md", "whitespace")),
    Case("binary", lambda c: put(c, "articles/photo.txt", bytes(range(256)) * 64), reported("photo.txt", "binary")),
    Case("nul-bytes", lambda c: put(c, "articles/nul.txt", "Titre\x00 du\x00 jour\n\nUn\x00 texte.\n"),
         reported("nul.txt", "binary")),
    Case("file-50mb", lambda c: put(c, "articles/huge.txt", b"Titre\n\n" + b"mot " * 12_500_000),
         reported("huge.txt", "limit")),
    Case("cp1252-not-utf8", lambda c: put(c, "articles/latin.txt",
                                          ("Café à Paris\n\n" + PLAIN).encode("cp1252")),
         check=lambda c, r: _page(r, "cafe-a-paris")),
    # Invalid UTF-8 inside a UTF-8 article: the digest is built, the damage named with its line.
    Case("invalid-utf8", lambda c: put(c, "articles/damaged.md", front(
        "title: Café du port\ndate: 2025-03-05", "Le Caf\u00e9 ouvre.\n\nCaf\u00e9 ".encode("utf-8").decode("utf-8")
        + "et la suite.\n").encode("utf-8").replace(b"et la", b"Caf\xc3\x28 \xff\xfe\x81 \xed\xa0\x80 et la")),
         reported("damaged.md", "7 bytes are not valid UTF-8 and were replaced"),
         check=lambda c, r: _check_damaged(r)),
    Case("utf16-without-bom", lambda c: put(c, "articles/utf16.txt", ("Eau à Casablanca\n\n" + PLAIN).encode("utf-16-le")),
         check=lambda c, r: _page(r, "eau-a-casablanca")),
    Case("undecodable-bytes", lambda c: put(c, "articles/noise.md", bytes(range(128, 256)) * 3 + b"\x81\x8d\x8f" * 40),
         reported("noise.md", "")),
    Case("yaml-broken", lambda c: put(c, "articles/broken.md", front("title: [oops\ndate: 2025")),
         reported("broken.md", "not valid YAML at line")),
    Case("yaml-python-object", lambda c: put(c, "articles/evil.md", front(
        "title: !!python/object/apply:os.system ['touch PWNED']")), reported("evil.md", "not valid YAML")),
    Case("yaml-billion-laughs", lambda c: put(c, "articles/laughs.md", front(_billion_laughs() + "\ntitle: *i\nauthor: *i")),
         reported("laughs.md", "alias")),
    Case("yaml-recursive-alias", lambda c: put(c, "articles/rec.md", front("title: Boucle\ntags: &t [*t]\nauthor: &a [*a]")),
         reported("rec.md", "alias")),
    Case("yaml-huge-int", lambda c: put(c, "articles/bigint.md", front("title: " + "9" * 5000)),
         reported("bigint.md", "too large")),
    Case("yaml-deep-nesting", lambda c: put(c, "articles/deep.md", front("title: " + "[" * 20_000 + "]" * 20_000)),
         reported("deep.md", "not valid YAML")),
    Case("yaml-not-a-mapping", lambda c: put(c, "articles/list.md", front("- a\n- b")),
         reported("list.md", "not a mapping")),
    Case("yaml-title-not-text", lambda c: put(c, "articles/dict.md", front("title: {a: 1}")),
         reported("dict.md", "title")),
    Case("yaml-unclosed", lambda c: put(c, "articles/open.md", "---\ntitle: Ouvert\n" + PLAIN),
         reported("open.md", "title")),
    Case("script-in-title-and-body", lambda c: put(c, "articles/xss.md", front(
        "title: <script>alert(1)</script> Titre", "Corps <script>alert(2)</script> et <img src=x onerror=alert(3)>.\n")),
         check=_check_injection),
    Case("javascript-url", lambda c: put(c, "articles/js.md", front(
        "title: Lien\nurl: \" JaVaScRiPt:alert(1)\"", "Voir [ici](javascript:alert(2)) et <javascript:alert(3)>.\n")),
         check=lambda c, r: _page(r, "lien")),
    Case("data-url", lambda c: put(c, "articles/data.md", front(
        "title: Données\nurl: data:text/html;base64,PHNjcmlwdD4=", "![x](data:image/svg+xml,<svg onload=alert(1)>)\n" + PLAIN)),
         check=lambda c, r: _page(r, "donnees")),
    Case("markdown-injection-in-title-summary", lambda c: put(c, "articles/md.md", front(
        "title: \"[x](javascript:alert(1)) **gras** {: onclick=alert(2) } # <b>\"\n"
        "summary: ['<img src=x onerror=alert(3)>', '[y](javascript:alert(4)){ onclick=alert(5) }']")),
         check=lambda c, r: _page(r, "x-javascript-alert-1-gras-onclick-alert-2-b")),
    Case("injection-in-source-author-tags", lambda c: put(c, "articles/meta.md", front(
        "title: Méta\nsource: <script>alert(1)</script>\nauthor: '[a](javascript:alert(2))'\n"
        "tags: ['<img src=x onerror=alert(3)>', '{: onclick=alert(4)}', '../../etc']")),
         check=lambda c, r: _page(r, "meta")),
    Case("hostile-html-page", lambda c: put(c, "articles/page.html", (
        "<html lang=fr><head><title>Page <script>alert(1)</script></title></head><body><article>"
        "<h1 onclick=alert(2)>Titre de la page</h1><p>" + PLAIN.replace("\n", " ") +
        " <a href='javascript:alert(3)'>clic</a> <img src=x onerror=alert(4)></p><script>alert(5)</script>"
        "<p>Une deuxième phrase assez longue pour que la page soit un article et pas un menu.</p>"
        "</article></body></html>")), check=lambda c, r: None),
    Case("hostile-glossary", _hostile_glossary, check=lambda c, r: _page(r, "good")),
    Case("hostile-notes", _hostile_note, check=_check_note),
    Case("hostile-override", lambda c: put(c, "overrides/good.yml",
                                           "title: <script>alert(1)</script>\nurl: javascript:alert(2)\n"
                                           "source: '[s](javascript:alert(3))'\nsummary: ['<img src=x onerror=alert(4)>']\n"
                                           "tags: ['<svg onload=alert(5)>']\n"),
         check=lambda c, r: _page(r, "good")),
    Case("override-yaml-bomb", lambda c: put(c, "overrides/good.yml", _billion_laughs() + "\ntags: *i\n"),
         reported("good.yml", "alias")),
    Case("override-python-tag", lambda c: put(c, "overrides/good.yml", "title: !!python/object/apply:os.system ['x']\n"),
         reported("good.yml", "not valid YAML")),
    Case("override-huge-int", lambda c: put(c, "overrides/good.yml", "date: " + "1" * 5000 + "\n"),
         reported("good.yml", "too large")),
    Case("override-missing-digest", lambda c: put(c, "overrides/nothing.yml", "title: Rien\n"),
         reported("nothing.yml", "no digest")),
    Case("glossary-yaml-bomb", lambda c: put(c, "glossary.yml", _billion_laughs() + "\nterms:\n  - {term: *i, definition: x}\n"),
         reported("glossary.yml", "alias")),
    Case("glossary-huge-int", lambda c: put(c, "glossary.yml", "- {term: " + "7" * 5000 + ", definition: x}\n"),
         reported("glossary.yml", "too large")),
    Case("glossary-file-python-tag", lambda c: put(c, "glossary/evil.md", "---\nterm: !!python/name:os.system\n---\nDef.\n"),
         reported("evil.md", "not valid YAML")),
    Case("glossary-cycle", _cycle, check=_check_cycle),
    Case("glossary-10000-terms", _glossary_10000, check=_check_10000_terms),
    Case("path-traversal-slug", _reserved("../../etc/passwd"), check=_check_paths),
    Case("slug-index", _reserved("index"), check=_check_paths),
    Case("slug-con", _reserved("CON"), check=_check_paths),
    Case("slug-dot-git", _reserved(".git"), check=_check_paths),
    Case("slug-empty", _reserved("!!!"), check=_check_paths),
    Case("very-long-names", lambda c: put(c, "articles/longnames.md", front(
        "title: Noms longs\nslug: " + "s" * 300 + "\nsource: " + "Le Journal " * 100 + "\ntags: ['" + "mot " * 200 + "']")),
         check=lambda c, r: all(len(part.encode()) <= 100 for path in r.pages for part in path.split("/"))),
    Case("duplicate-slug", lambda c: put(c, "articles/twin.md", front("title: Jumeau\nslug: good")),
         reported("twin.md", "already used")),
    Case("symlink-outside-content", _symlink_outside, reported("leak.txt", "symbolic link"), check=_check_no_secret),
    Case("symlink-loop", _symlink_loop, reported("loop.md", "link")),
    Case("date-year-0", lambda c: put(c, "articles/y0.md", front("title: An zéro\ndate: 0000-01-01")),
         reported("y0.md", "date")),
    Case("date-year-9999", lambda c: put(c, "articles/y9.md", front("title: An 9999\ndate: 9999-12-31")),
         reported("y9.md", "date")),
    Case("date-huge-number", lambda c: put(c, "articles/dn.md", front("title: Nombre\ndate: 99999999999999999999")),
         reported("dn.md", "date")),
    Case("note-missing-digest", lambda c: put(c, "notes/orphan.md", front("title: Orpheline\ndigest: no-such-slug", "x")),
         reported("orphan.md", "unknown digest")),
    Case("note-binary", lambda c: put(c, "notes/bin.md", bytes(range(256)) * 8), reported("bin.md", "binary")),
    Case("article-100000-words", _long_article, check=_check_long),
    Case("article-1-word", lambda c: put(c, "articles/one.md", front("title: Un mot", "Mot\n")),
         check=lambda c, r: "Mot" in _page(r, "un-mot")),
    Case("deeply-nested-markdown", lambda c: put(c, "articles/nest.md", front(
        "title: Imbriqué", "> " * 2_000 + "citation\n\n" + "".join("  " * i + "- niveau\n" for i in range(500))
        + "[" * 5_000 + "x" + "]" * 5_000 + "\n\n" + "*" * 10_000 + "\n")),
         reported("nest.md", "nested too deeply")),
    Case("odd-file-name", lambda c: put(c, "articles/un nom é\nbizarre 🙂.md", front("title: Nom bizarre")),
         check=lambda c, r: _page(r, "nom-bizarre")),
    Case("unknown-extension", lambda c: put(c, "articles/report.pdf", b"%PDF-1.4\n%\xe2\xe3\n"),
         reported("report.pdf", "unknown file type")),
    Case("jsonl-mixed", lambda c: put(c, "articles/feed.jsonl", "\n".join([
        json.dumps({"title": "<b>Flux</b>", "body": PLAIN, "url": "javascript:alert(1)"}), "{not json", "[1, 2]",
        json.dumps({"title": "x", "body": PLAIN, "date": "9999-99-99"})])),
         reported("feed.jsonl:2", "not valid JSON")),
]


def run_build(tmp_path: Path, setup) -> tuple[Path, object, dict]:
    content = tmp_path / "content"
    put(content, "articles/good.md", GOOD)
    setup(content)
    before = snapshot(content)
    result = build(make_config({"content_dir": "content", "site_url": "https://news.example.org/"}, tmp_path))
    assert snapshot(content) == before, "the build changed content/"
    return content, result, before


@pytest.mark.parametrize("case", CORPUS, ids=[c.id for c in CORPUS])
def test_bad_input_is_reported_and_the_rest_builds(tmp_path, case):
    start = cpu_seconds()
    content, result, _ = run_build(tmp_path, case.setup)
    elapsed = cpu_seconds() - start
    good = _page(result, "good")
    assert "Le port de Safi" in good and "400 ouvriers" in good
    assert_no_markup(result.pages)
    if case.reported:
        name, message = case.reported
        matching = [p for p in result.problems if name in p.path and message in p.message]
        assert matching, [str(p) for p in result.problems]
        # Shown as "path: what (what to do)": the editor learns the file and the remedy.
        assert all(p.hint and str(p) == f"{p.path}: {p.message} ({p.hint})" for p in matching)
    if case.check:
        case.check(content, result)
    assert elapsed < 20, f"{case.id} took {elapsed:.1f} CPU s"
    assert not (tmp_path / "PWNED").exists() and not Path("PWNED").exists()


def test_the_corpus_has_at_least_thirty_kinds():
    assert len({c.id for c in CORPUS}) == len(CORPUS) >= 30


# --------------------------------------------------------------------------- determinism

def _export(project: Path, out: Path, env: dict) -> dict[str, bytes]:
    run = subprocess.run([sys.executable, "-c", "from digest.cli import main; main()", "export", str(out)], cwd=project,
                         env={**os.environ, **env}, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_export_is_byte_identical_whatever_the_tz_locale_and_hash_seed(project, tmp_path):
    """Same input, different machines' settings: the same Markdown, byte for byte."""
    put(project / "content", "articles/hostile.md", front("title: Déterminisme\ndate: 2025-12-31\ntags: [b, a, é, É]"))
    put(project / "content", "notes/late.md", front("title: Minuit\ndate: 2025-12-31\ndigest: hydrogene-vert-tanger"))
    trees = []
    for n, env in enumerate([
        {"TZ": "UTC", "PYTHONHASHSEED": "0", "LC_ALL": "C"},
        # UTC+14 against UTC: a date written at "midnight" would fall on another day.
        {"TZ": "Pacific/Kiritimati", "PYTHONHASHSEED": "12345", "LC_ALL": "fr_FR.UTF-8", "LANG": "ar_MA.UTF-8"},
    ]):
        trees.append(_export(project, tmp_path / f"out{n}", env))
    assert trees[0] and "digests/determinisme.md" in trees[0]
    for other in trees[1:]:
        assert sorted(other) == sorted(trees[0])
        assert [k for k in trees[0] if trees[0][k] != other[k]] == []


def test_two_builds_of_the_same_input_are_identical_and_order_free(tmp_path):
    """File-system order does not leak: the same files created in reverse order build the same pages."""
    names = ["b.md", "a.md", "c.md", "a b.md"]
    results = []
    for n, order in enumerate((names, list(reversed(names)))):
        root = tmp_path / str(n)
        content = root / "content"
        for name in order:
            put(content, f"articles/{name}", front("title: Même titre\ndate: 2025-01-02", f"Texte de {name}.\n\n" + PLAIN))
        results.append(build(make_config({"content_dir": "content"}, root)))
    again = build(make_config({"content_dir": "content"}, tmp_path / "0"))
    assert results[0].pages == results[1].pages == again.pages
    assert [str(p) for p in results[0].problems] == [str(p) for p in results[1].problems]


def test_repository_content_is_untouched_by_a_build():
    before = snapshot(REPO / "content")
    build(make_config({"content_dir": "content"}, REPO))
    assert snapshot(REPO / "content") == before


def test_note_titles_in_the_navigation_are_text():
    """MkDocs prints nav titles as HTML: a note titled with a tag must show the tag, not run it."""
    from digest.model import Note
    from digest.pipeline import notes_in_nav

    note = Note("n.md", "n", "<img src=x onerror=alert(1)> & co", None, "2025-01-01", (), (), "x\n")
    [section] = notes_in_nav([{"Notes": "notes/index.md"}], [note], 5)
    assert section["Notes"][1] == {"&lt;img src=x onerror=alert(1)&gt; &amp; co": "notes/n.md"}


def test_digest_check_lists_every_bad_file_of_the_corpus_at_once(project, monkeypatch):
    """All the reported kinds together: `digest check` names each file, exits 1, and never crashes."""
    from click.testing import CliRunner

    from digest.cli import main

    content = project / "content"
    slow = {"file-50mb", "article-100000-words", "glossary-10000-terms"}
    # Overrides and glossary cases share file names (overrides/good.yml, glossary.yml): one of each is enough.
    cases = [c for c in CORPUS if c.reported and c.id not in slow
             and (not c.id.startswith(("override-", "glossary-")) or c.id in ("override-yaml-bomb", "glossary-huge-int"))]
    for case in cases:
        case.setup(content)
    monkeypatch.chdir(project)
    run = CliRunner().invoke(main, ["check"])
    assert run.exit_code == 1, run.output
    for case in cases:
        assert case.reported[0] in run.stderr, case.id
    assert "Traceback" not in run.output and "Traceback" not in run.stderr
