import gzip
import json

import pytest

from digest.ingest import assign_unique_slugs, make_slug, read_file
from digest.ingest.decode import InputError
from digest.ingest.markdown import split_front_matter

from .conftest import FIXTURES

NB = "\u00a0" * 4
DUMP = (
    f"Un titre du fil{NB}Another headline{NB}Otro titular{NB}\n\n\n\n"
    "Merci d'avoir signalé!\nCette image sera automatiquement bloquée après qu'elle soit signalée par plusieurs personnes.\n\n\n"
    "Le port de Safi double sa capacité\n"
    "Publié dans La Gazette du Sud le 05 - 03 - 2024\n\n"
    "Le port de Safi a annoncé mardi un plan de 2 milliards de dirhams pour doubler sa capacité d'ici 2028.\n"
    "Un chantier en trois phases\n"
    "La première phase, qui débutera en juin, concerne le quai nord et mobilisera 400 ouvriers.\n\n\n"
    "Cliquez ici pour lire l'article depuis sa source."
)


def read(tmp_path, name, data, max_bytes=1_000_000):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return read_file(path, name, max_bytes)


def test_dump_metadata_body_and_no_boilerplate(tmp_path):
    [article], problems = read(tmp_path, "a.txt", DUMP)
    assert problems == []
    assert article.title == "Le port de Safi double sa capacité"
    assert (article.source, article.date, article.language) == ("La Gazette du Sud", "2024-03-05", "fr")
    assert [b.kind for b in article.blocks] == ["paragraph", "heading", "paragraph"]
    for junk in ("Another headline", "Merci", "bloquée", "Cliquez", "Publié"):
        assert junk not in article.body


@pytest.mark.parametrize("variant", [
    lambda t: t.replace("\n", "\r\n"),                      # Windows line ends
    lambda t: t.split("\n", 1)[1],                           # no ticker
    lambda t: t.replace("\n\n", "\n\n\n\n"),                 # extra blank lines
    lambda t: t.replace("Un titre du fil", "عنوان آخر"),      # ticker in another language
])
def test_dump_variants(tmp_path, variant):
    [article], problems = read(tmp_path, "v.txt", variant(DUMP))
    assert article.title == "Le port de Safi double sa capacité"
    assert article.date == "2024-03-05"
    assert "Cliquez" not in article.body and "signalé" not in article.body


def test_dump_in_spanish_english_and_arabic_datelines(tmp_path):
    es = DUMP.replace("Publié dans La Gazette du Sud le", "Publicado en El Diario el")
    [a], _ = read(tmp_path, "es.txt", es)
    assert (a.source, a.date) == ("El Diario", "2024-03-05")
    en = DUMP.replace("Publié dans La Gazette du Sud le 05 - 03 - 2024", "Published in The Herald on 5 March 2024")
    [b], _ = read(tmp_path, "en.txt", en)
    assert (b.source, b.date) == ("The Herald", "2024-03-05")
    ar = DUMP.replace("Publié dans La Gazette du Sud le", "نشر في هسبريس يوم")
    [c], _ = read(tmp_path, "ar.txt", ar)
    assert (c.source, c.date) == ("هسبريس", "2024-03-05")


def test_seed_page(seed_path):
    [article], problems = read_file(seed_path, seed_path.name, 5_000_000)
    assert problems == []
    assert article.title.startswith("IA mondiale")
    assert (article.source, article.date, article.language) == ("InfoMagazine", "2025-07-02", "fr")
    assert sum(b.kind == "heading" for b in article.blocks) == 3
    for junk in ("Merci d'avoir", "Cette image", "Cliquez ici", "Bourse de Casablanca", "\u00a0"):
        assert junk not in article.body


def test_markdown_front_matter(tmp_path):
    text = ("---\ntitle: A title\nsource: The Source\ndate: 2024-01-31\nlanguage: en\n"
            "url: https://example.org/a\ntags: [Ports, economy]\nslug: my-slug\n---\n"
            "First paragraph with **bold** and a [link](https://x.org).\n\n## A heading\n\nSecond one.\n")
    [a], problems = read(tmp_path, "a.md", text)
    assert problems == []
    assert (a.title, a.source, a.date, a.language, a.url, a.slug) == (
        "A title", "The Source", "2024-01-31", "en", "https://example.org/a", "my-slug")
    assert a.tags == ("economy", "ports")
    assert [(b.kind, b.text) for b in a.blocks] == [
        ("paragraph", "First paragraph with bold and a link."), ("heading", "A heading"), ("paragraph", "Second one.")]


def test_broken_front_matter_names_the_line(tmp_path):
    articles, [problem] = read(tmp_path, "bad.md", "---\ntitle: [unclosed\n---\nBody.\n")
    assert articles == []
    assert problem.path == "bad.md" and "line" in problem.message and problem.hint
    with pytest.raises(InputError, match="mapping"):
        split_front_matter("---\n- a list\n---\n")


@pytest.mark.parametrize("name,data,reason", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\n ", "whitespace"),
    ("binary.txt", bytes(range(256)) * 10, "binary"),
    ("huge.txt", b"a" * 2_000, "limit"),
    ("notes.docx", b"PK\x03\x04", "unknown file type"),
    ("nobody.txt", "Seulement un titre\nPublié dans X le 01 - 01 - 2024\n".encode(), "no body"),
    ("trunc.html.gz", b"\x1f\x8b\x08\x00broken", "gzip"),
])
def test_bad_input_is_reported_with_file_and_reason(tmp_path, name, data, reason):
    articles, problems = read(tmp_path, name, data, max_bytes=1_000)
    assert articles == []
    assert len(problems) == 1 and problems[0].path == name
    assert reason in str(problems[0]).lower() or reason in problems[0].message


def test_legacy_encodings_and_mojibake(tmp_path):
    [a], _ = read(tmp_path, "cp.txt", DUMP.encode("cp1252", errors="replace"))
    assert a.title == "Le port de Safi double sa capacité"
    [b], _ = read(tmp_path, "bom.txt", b"\xef\xbb\xbf" + DUMP.encode())
    assert b.title == a.title
    mojibake = DUMP.encode("utf-8").decode("cp1252", errors="replace").encode("utf-8")
    [c], _ = read(tmp_path, "moji.txt", mojibake)
    assert c.title == a.title


def test_html_page_with_trafilatura(tmp_path):
    [a], problems = read(tmp_path, "page.html.gz", gzip.compress((FIXTURES / "page.html").read_bytes()))
    assert a.title == "Harbour council approves a new ferry terminal"
    assert a.date == "2024-03-14" and a.language == "en"
    assert a.url == "https://example.org/news/ferry-terminal"
    assert "45 million euros" in a.body
    for junk in ("Most read", "cookies", "All rights reserved", "Weather"):
        assert junk not in a.body


def test_jsonl_export_one_article_per_line(tmp_path):
    lines = [json.dumps({"title": "Alpha story", "body": "First para here.\nSecond para here.",
                         "date": "2024-02-01", "source": "Wire", "url": "https://e.org/1"}),
             "{not json", json.dumps({"title": "No body"})]
    articles, problems = read(tmp_path, "feed.jsonl", "\n".join(lines))
    assert [a.title for a in articles] == ["Alpha story"]
    assert articles[0].date == "2024-02-01"
    assert [p.path for p in problems] == ["feed.jsonl:2", "feed.jsonl:3"]


def test_slugs_are_stable_readable_and_unique(tmp_path):
    assert make_slug("IA mondiale : le Maroc face à la fracture", "x") == "ia-mondiale-le-maroc-face-a-la-fracture"
    [a], _ = read(tmp_path, "a.txt", DUMP)
    [b], _ = read(tmp_path, "b.txt", DUMP)
    unique, problems = assign_unique_slugs([b, a])
    assert [u.slug for u in unique] == [a.slug, a.slug + "-2"]
    assert problems[0].path == "b.txt" and "a.txt" in problems[0].message


def test_html_author_language_standfirst_and_page_debris(tmp_path):
    """og:locale gives the language, <meta name=author> the author, the chapô its own field."""
    [a], problems = read(tmp_path, "fr.html", (FIXTURES / "page_fr.html").read_bytes())
    assert problems == []
    assert a.title == "Tanger : un consortium mise 6 milliards d'euros sur l'hydrogène vert"
    assert (a.source, a.date, a.language, a.author) == ("L'Observateur du Détroit", "2025-04-08", "fr", "Sofia Bennani")
    assert a.url == "https://example.org/economie/hydrogene-vert-tanger"
    assert a.standfirst.startswith("Le projet, présenté mardi à Tanger") and a.standfirst not in a.body
    assert a.body.startswith("Un consortium germano-marocain")
    for junk in ("À lire aussi", "Crédits photos", "publié le", "Les plus lus", "Tous droits", a.title):
        assert junk not in a.body, junk


def test_arabic_html_date_from_the_byline_not_a_guess(tmp_path):
    [a], problems = read(tmp_path, "ar.html", (FIXTURES / "page_ar.html").read_bytes())
    assert problems == []
    assert (a.language, a.date, a.source) == ("ar", "2025-07-05", "جريدة الساحل")
    assert "اقرأ أيضا" not in a.body and "نشر في" not in a.body
    # Without the byline there is only a bare year in the text: no date, never 2025-01-01.
    html = (FIXTURES / "page_ar.html").read_text("utf-8").replace("<p>نشر في 5 يوليو 2025</p>", "")
    [b], _ = read(tmp_path, "ar2.html", html)
    assert b.date is None


def test_declared_language_wins_unless_the_text_clearly_disagrees(tmp_path):
    page = (FIXTURES / "page_fr.html").read_text("utf-8")
    [a], problems = read(tmp_path, "a.html", page.replace("<html>", '<html lang="en-US">'))
    assert a.language == "fr"  # a template's hard-coded lang="en-US" over a French article
    assert [p.severity for p in problems] == ["info"] and "'en'" in problems[0].message
    [b], problems = read(tmp_path, "b.html", page.replace('content="fr_FR"', 'content="fr_CA"'))
    assert b.language == "fr" and problems == []
    # Front matter is an editor's word: it always wins.
    [c], problems = read(tmp_path, "c.md", "---\ntitle: Un titre\nlanguage: es\n---\n" + a.body)
    assert c.language == "es" and problems == []
    # With nothing declared, the identifier decides (not a stop-word count).
    for text, lang in [("El Gobierno aprobó ayer un plan de inversiones para modernizar los puertos del país.", "es"),
                       ("أعلنت الحكومة أمس عن خطة استثمارية لتحديث موانئ البلاد.", "ar"),
                       ("Il governo ha approvato ieri un piano di investimenti per i porti del paese.", "it")]:
        [d], _ = read(tmp_path, f"{lang}.md", f"---\ntitle: T\n---\n{text}\n")
        assert d.language == lang


def test_truncated_html_and_pages_without_an_article_are_skipped(tmp_path):
    page = (FIXTURES / "page.html").read_text("utf-8")
    articles, [problem] = read(tmp_path, "cut.html", page[: len(page) // 2])
    assert articles == [] and problem.path == "cut.html" and "truncated" in problem.message
    empty = "<html><head><title>Index</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    articles, [problem] = read(tmp_path, "index.htm", empty)
    assert articles == [] and problem.path == "index.htm" and "no article" in problem.message
    articles, [problem] = read(tmp_path, "page.html.gz", gzip.compress(page[: len(page) // 2].encode()))
    assert articles == [] and "truncated" in problem.message


def test_html_legacy_charset_and_nfc(tmp_path):
    page = (FIXTURES / "page_fr.html").read_text("utf-8").replace('charset="utf-8"', 'charset="windows-1252"')
    page = page.replace("« Nous", "\u00ab Nous")
    [a], _ = read(tmp_path, "cp.html", page.encode("cp1252", errors="replace"))
    assert "hydrogène" in a.title and "électrolyse" in a.body
    nfd = DUMP.replace("capacité", "capacite\u0301")
    [b], _ = read(tmp_path, "nfd.txt", nfd)
    assert b.title == "Le port de Safi double sa capacité"  # composed é, not e + combining accent


@pytest.mark.parametrize("notice", [
    "Thank you for reporting!\nThis image will be automatically blocked after it is reported by several people.",
    "¡Gracias por informar!\nEsta imagen será bloqueada automáticamente después de que sea reportada por varias personas.",
    "شكرا على الإبلاغ!\nسيتم حظر هذه الصورة تلقائيا بعد أن يتم الإبلاغ عنها من طرف عدة أشخاص.",
])
def test_dump_notices_in_other_languages(tmp_path, notice):
    text = DUMP.replace("Merci d'avoir signalé!\nCette image sera automatiquement bloquée après qu'elle soit "
                        "signalée par plusieurs personnes.", notice)
    [a], problems = read(tmp_path, "n.txt", text)
    assert a.title == "Le port de Safi double sa capacité" and problems == []
    assert notice.split("\n")[0] not in a.body


def test_dump_without_dateline_takes_the_date_from_a_byline(tmp_path):
    text = DUMP.replace("Publié dans La Gazette du Sud le 05 - 03 - 2024",
                        "\nPar Nadia Amrani, publié le 5 mars 2024 à 09h30")
    [a], problems = read(tmp_path, "b.txt", text)
    assert (a.title, a.date, a.author, a.source) == ("Le port de Safi double sa capacité", "2024-03-05", "Nadia Amrani", None)
    assert "publié" not in a.body
    # A dump with an unreadable date: no date and a warning, never a guess.
    [b], [warning] = read(tmp_path, "c.txt", DUMP.replace("05 - 03 - 2024", "31 - 02 - 2024"))
    assert b.date is None and warning.severity == "warning" and "31 - 02 - 2024" in warning.message


def test_jsonl_keeps_author_and_language(tmp_path):
    line = json.dumps({"title": "Uno", "body": "Texto del artículo con varias palabras.", "date": "2024-02-01",
                       "source": "Wire", "url": "https://e.org/1", "author": "Ana Ruiz", "language": "es"})
    [a], problems = read(tmp_path, "feed.jsonl", line + "\n")
    assert (a.author, a.language, a.source) == ("Ana Ruiz", "es", "Wire") and problems == []


def test_read_counts_and_summary_line(tmp_path):
    from digest.ingest import count_skipped, ingest_summary

    problems = []
    for name, data in [("a.txt", DUMP), ("empty.txt", b""), ("x.docx", b"PK"), ("bad.txt", DUMP.replace("05 - 03", "31 - 02"))]:
        problems += read(tmp_path, name, data)[1]
    assert count_skipped(problems) == 2  # the empty file and the unknown type; bad.txt is kept without a date
    assert ingest_summary(12, 2, 3) == "digest: 12 articles ingested, 2 merged as duplicates (10 digests), 3 inputs skipped"
    assert ingest_summary(1, 0, 1) == "digest: 1 article ingested, 0 merged as duplicates (1 digest), 1 input skipped"


def test_markdown_body_keeps_its_words(tmp_path):
    text = ("---\ntitle: T\nlanguage: en\n---\n"
            "A [link](javascript:alert(10)) and \\*star\\* and a_b_c, f(x) and <b>raw</b> & co.\n\n"
            "- first item\n- second item\n\n> quoted line\n")
    [a], _ = read(tmp_path, "m.md", text)
    assert [b.text for b in a.blocks] == [
        "A link and *star* and a_b_c, f(x) and <b>raw</b> & co.", "first item", "second item", "quoted line"]


@pytest.mark.parametrize("front", [
    'title: "Rumeurs : la r\u00e9ponse (563)"\nslug: "mix-00563"\ndate: "2025-06-12"\ntags: ["mix", "fr"]',
    'title: "Il a dit \\"non\\" \\\\ fin"\ntags: ["a \\"b\\"", "c"]', 'tags: []', 'a1_: "x"\nb: "1"\nb: "2"',
    'title: "# : - [x] {y} &a *b !c |d >e %f @g `h ?i ~j \U0001f600 \u00a0\u3000"', 'title: ""', 'date: "12"',
])
def test_simple_front_matter_is_yamls(front):
    """The usual front matter is read without PyYAML: the result must be PyYAML's."""
    import yaml

    from digest.ingest.markdown import _LOADER, _simple_front_matter

    simple = _simple_front_matter(front)
    assert simple is not None
    expected = yaml.load(front, Loader=_LOADER)
    assert simple == expected and list(simple) == list(expected)
    assert [type(v) for v in simple.values()] == [type(v) for v in expected.values()]


@pytest.mark.parametrize("front", [
    "title: T", 'on: "x"', 'yes: "x"', 'null: "x"', 'Title: "x"', 'title: "a\\tb"', 'title: "a\tb"', 'title: "a\x85b"',
    'title: "a\u2028b"', 'title: "x" # comment', 'title: "x" ', 'title:  "x"', 'tags: ["a","b"]', 'tags: [a, b]',
    'title: "x"\n', '', 'title: "x"\n\ndate: "y"', 'date: 2025-06-12', 'n: 12', 't: "x\ufeff"', '&a title: "x"',
])
def test_other_front_matter_goes_to_yaml(front):
    from digest.ingest.markdown import _simple_front_matter

    assert _simple_front_matter(front) is None


@pytest.mark.parametrize("body", [
    "Le 21 mars, un enfant est arriv\u00e9.\n\nDeuxi\u00e8me paragraphe\nsur deux lignes.\n",
    "a & b &amp; c &lt; d &#12; e > f && g;", "two spaces  \nthen a line break", "a\n  \n\t\n \t \nb",
    "a\n\n\n\nb\n", "\n\nblank lines first", "tabs\tinside\ta line", "1) un\n2) deux", "2020 fut\n2021 aussi.",
    "l\u2019\u00e9t\u00e9 \u00ab\u00a0guillemets\u00a0\u00bb \u2014 tiret, a-t-il dit", "a ! b ( c ) { d } ~ ^ : ' \" . ] @",
    "\u00a0\nnbsp line\n\u00a0", "x\n\u00a0\ny", "x\n\u3000\n\ny", "emoji \U0001f600 and\u200bzero width", "", "\n",
    "trailing\n\n", "https://example.org/a?b=c#d mail@example.org", "he [President Bush] said [sic]",
    "[a] [b] and [c][d], ![e] [f]\n[g] (h) [] [ ] [!]", "a b e\u0301\u00e9", "x" * 5000,
])
def test_plain_markdown_shortcut_is_the_parser(body):
    """A body without Markdown syntax skips Python-Markdown: the blocks must be the parser's."""
    from digest.ingest.markdown import _has_markdown_syntax, _parsed_blocks, _plain_blocks, markdown_to_blocks

    assert not _has_markdown_syntax(body)
    assert _plain_blocks(body) == _parsed_blocks(body) == markdown_to_blocks(body)


@pytest.mark.parametrize("body", [
    "# Titre", "a\n> quote", "- item", "a\n* item", "+ item", "1. item", "a\n12.item", "a\n===", "a\n---", "a\n\n***",
    "    code", "a\n\n\tcode", " lead space", "a\n   indented", "a `code`", "a *em*", "a_b_c", "[link](x)", "![image](x)", "[a]\n\n[a]: http://x", "[a] [b]\n[b]:http://x",
    "a | b", "<b>x</b>", "a \\* b", "a\r\nb", "a\rb", "x\x0cy", "x\u2028y", "x\x1cy", "x\x85y", "x\ud800y", "\ufffe",
])
def test_markdown_syntax_goes_to_the_parser(body):
    from digest.ingest.markdown import _has_markdown_syntax

    assert _has_markdown_syntax(body)


@pytest.mark.parametrize("text", [
    "plain ASCII line\nand another\n",
    "d\u00e9j\u00e0 propre, \u00ab guillemets \u00bb et \u2019apostrophe\u2019\n",
    "Le march\u00c3\u00a9 a progress\u00c3\u00a9 de 3 %\nligne saine\n",  # mojibake on the first line only
    "\u00c3 la fin\n\u00c2 d\u00e9but\n",  # ftfy's pattern anchored at the start of a segment
    "ligature \ufb01n, pleine largeur \uff21\uff22, C1 \x85 et \x92\n",
    "Windows\r\nline ends\rand \u2028 separators\u2029\n",
    "controls \x00\x07\x1b[31mred\x1b[0m and \x7f\n",
    "not NFC: e\u0301t\u00e9\n\ud83d lone surrogate\n",
    "no final line break \u00e9",
    "",
    # the whole-text shortcut: accents side by side, lone Œ/Â, mojibake at a later line's start
    "l\u2019\u00e9t\u00e9 \u00ab\u00a0d\u00e9j\u00e0\u00a0\u00bb, c\u0153ur et \u0152uvre.\n",
    "ligne saine \u00e9\n\u00c3 la fin\nencore \u00e9\n",
    "propre\nfin \u00e9\n\u00c2 d\u00e9but\n",
    "a \u00c3 \n",
    "\u00e9\n" * 50 + "Le march\u00c3\u00a9\n",
])
def test_fix_text_is_ftfy(text):
    """Skipping the lines ftfy would leave alone gives exactly ftfy's result."""
    import ftfy

    from digest.ingest.decode import FTFY_OPTIONS, fix_text

    assert fix_text(text) == ftfy.fix_text(text, **FTFY_OPTIONS)


def test_fix_text_is_ftfy_on_lines_ftfy_cuts():
    import ftfy

    from digest.ingest.decode import FTFY_OPTIONS, fix_text

    line = "d\u00e9j\u00e0 " * 100_001 + "\u00c3 la fin\n"  # over ftfy's segment length: cut by ftfy itself
    assert fix_text(line) == ftfy.fix_text(line, **FTFY_OPTIONS)


def test_mojibake_search_window_fits_ftfys_pattern():
    """`decode._is_bad` searches only near non-ASCII characters: ftfy's pattern must never
    match more than `_MOJIBAKE_REACH` characters, nor without two non-ASCII ones side by
    side or one of `_MOJIBAKE_ALONE`, nor look at context (only `^` is allowed, which a
    search from a later position never meets, and `_BADNESS_LINES` meets at each line)."""
    from re import _constants as sre, _parser

    from ftfy.badness import BADNESS_RE

    from digest.ingest.decode import _MOJIBAKE_ALONE, _MOJIBAKE_REACH

    tree = _parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
    assert tree.getwidth()[1] <= _MOJIBAKE_REACH

    def non_ascii(op, av) -> bool:
        if op is sre.LITERAL:
            return av > 127
        return op is sre.IN and all((o is sre.LITERAL and a > 127) or (o is sre.RANGE and a[0] > 127)
                                    for o, a in av)

    def alone(op, av) -> bool:  # every character the item matches is one of _MOJIBAKE_ALONE
        if op is sre.LITERAL:
            return chr(av) in _MOJIBAKE_ALONE
        return op is sre.IN and all((o is sre.LITERAL and chr(a) in _MOJIBAKE_ALONE)
                                    or (o is sre.RANGE and all(chr(c) in _MOJIBAKE_ALONE
                                                               for c in range(a[0], a[1] + 1))) for o, a in av)

    [(op, (_, branches))] = tree.data
    assert op is sre.BRANCH
    for branch in branches:
        assert any(non_ascii(o, a) for o, a in branch.data), branch
        # `_is_bad` skips a lone non-ASCII character unless it is one of _MOJIBAKE_ALONE.
        items = branch.data
        assert any(alone(o, a) for o, a in items) or any(
            non_ascii(*items[i]) and non_ascii(*items[i + 1]) for i in range(len(items) - 1)), branch
        assert all(a is sre.AT_BEGINNING for o, a in branch.data if o is sre.AT), branch
        assert all(o in (sre.LITERAL, sre.IN, sre.ANY, sre.AT) or (
            o is sre.MAX_REPEAT and all(inner in (sre.LITERAL, sre.IN, sre.ANY) for inner, _ in a[2].data))
            for o, a in branch.data), branch


@pytest.mark.parametrize("line", [
    "d\u00e9j\u00e0 vu", "Ã© au milieu", "Ã  au début", "x" * 50 + "\u00e9" + "y" * 50 + "Ã©",
    "ГўВЂВ\u0099s", "\u00e9" * 20, "", "ascii only",
    "c\u0153ur", "\u0153.", "l\u2019\u00e9t\u00e9", "le \u00c2 ", "Ã", "\u00e9 " * 30 + "Ã©",
])
def test_windowed_mojibake_search_is_ftfys(line):
    from ftfy.badness import is_bad

    from digest.ingest.decode import _is_bad

    assert _is_bad(line) == is_bad(line)


@pytest.mark.parametrize("attribute, expected", [
    ('class="Article__Chapo big"', True), ('id="lead"', True), ('itemprop="Description"', True),
    ('class="col-md-6 lead-author"', False), ('id="main"', False), ('itemprop="headline"', False),
])
def test_standfirst_marked_by_class_id_or_itemprop(attribute, expected):
    """The attribute values are checked first (most pages mark no standfirst): each kind still counts."""
    from trafilatura.utils import load_html

    from digest.ingest.html import standfirst_candidates

    lead = "Le projet doit produire 200 000 tonnes d'hydrogène vert par an d'ici 2030."
    tree = load_html(f"<html><body><div class='x'><p {attribute}>{lead}</p><p>Texte.</p></div></body></html>")
    assert standfirst_candidates(tree) == ([lead] if expected else [])


# --------------------------------------------------------------------------- decoding damage

def test_invalid_utf8_is_replaced_counted_and_reported_with_its_line(tmp_path):
    data = DUMP.encode("utf-8").replace(b"Safi double", b"Safi \xff\xfe double", 1)
    [a], problems = read(tmp_path, "damaged.txt", data)
    assert "\ufffd" in a.title and "capacité" in a.title
    line = DUMP.encode("utf-8")[:DUMP.encode("utf-8").index(b"Safi double")].count(b"\n") + 1
    assert [str(p) for p in problems] == [
        f"damaged.txt: 2 bytes are not valid UTF-8 and were replaced (first at line {line}) (save the file as UTF-8)"]
    assert problems[0].severity == "warning"


def test_a_legacy_charset_is_read_and_noted_as_a_guess(tmp_path):
    [a], problems = read(tmp_path, "cp.txt", DUMP.encode("cp1252"))
    assert a.title == "Le port de Safi double sa capacité"
    [note] = problems
    assert note.severity == "info" and "not UTF-8" in note.message and "guessed" in note.message


def test_valid_utf8_has_no_report(tmp_path):
    _, problems = read(tmp_path, "ok.txt", DUMP.encode("utf-8"))
    assert problems == []
