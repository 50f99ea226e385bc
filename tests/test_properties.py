"""Properties that hold for any input, checked on generated text (hypothesis).

Each test is bounded (max_examples, deadline) so the file runs in well under 30 s.
"""
from __future__ import annotations

import html
import re

import lxml.html
import markdown
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from digest.glossary import link_markdown, make_matcher
from digest.ingest.decode import InputError
from digest.ingest.textdump import parse_dump
from digest.model import GlossaryTerm
from digest.render import Linker, escape, link_url
from digest.text import normalise, safe_markdown, split_sentences, squash_spaces

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
EXTENSIONS = ["attr_list", "md_in_html", "admonition", "abbr", "tables"]

# Text that looks like the inputs: words in several scripts, the punctuation Markdown and
# HTML care about, odd spaces, and the aggregator's boilerplate lines.
WORDS = st.sampled_from([
    "Le", "port", "de", "Safi", "IA", "ONU", "Union", "européenne", "l'IA", "M.", "U.S.", "2,5", "12 %",
    "«", "»", "—", "مرحبا", "الميناء", "niño", "<script>", "</b>", "&amp;", "&", "*", "_", "`", "[", "]",
    "(", ")", "{", "}", "{: onclick=x}", "#", "!", "?", ".", "…", "|", "~", "^", "\\", ">", "<", "\"", "'",
    "javascript:alert(1)", "[a](javascript:x)", "http://e.org/a_b", "\u00a0", "\u202e", "\t", "1.", "-",
])
TEXT = st.lists(st.one_of(WORDS, st.text(min_size=1, max_size=6)), max_size=40).map(" ".join)
LINES = st.lists(st.one_of(
    TEXT,
    st.sampled_from(["", "Merci d'avoir signalé!", "Publié dans La Gazette le 05 - 03 - 2024",
                     "Published in The Herald on 5 March 2024", "Cliquez ici pour lire l'article depuis sa source.",
                     "Par Karim B., publié le 2 juillet 2025", "Titre\u00a0\u00a0\u00a0\u00a0Autre titre",
                     "(Photo MAP)", "Lire aussi : un autre article"]),
), max_size=25).map("\n".join)


def visible(rendered_html: str) -> str:
    """What a reader sees: the text of the HTML, with whitespace collapsed."""
    if not rendered_html.strip():
        return ""
    root = lxml.html.fragment_fromstring(rendered_html, create_parent="div")
    return " ".join(root.text_content().split())


def render(md: str) -> str:
    return markdown.markdown(md, extensions=EXTENSIONS)


# --------------------------------------------------------------------------- the dump parser

@SETTINGS
@given(LINES)
def test_dump_parser_never_raises_and_never_invents_text(text):
    try:
        fields = parse_dump(normalise(text))
    except InputError:
        return  # a reported input, not a crash
    source = squash_spaces(normalise(text))
    produced = [fields["title"], fields.get("source") or "", fields.get("author") or "",
                *(b.text for b in fields["blocks"])]
    for piece in produced:
        for word in piece.split():
            assert word in source, (word, piece)
    assert fields["title"].strip() and fields["blocks"]


# --------------------------------------------------------------------------- sentences

@SETTINGS
@given(TEXT)
def test_sentence_splitter_loses_no_character_and_makes_no_empty_sentence(text):
    sentences = split_sentences(text)
    assert all(s and s == s.strip() for s in sentences)
    assert "".join("".join(s.split()) for s in sentences) == "".join(squash_spaces(text).split())


# --------------------------------------------------------------------------- glossary links

TERMS = (
    GlossaryTerm("ia", "IA", ("intelligence artificielle",), "Des machines qui apprennent."),
    GlossaryTerm("ue", "Union européenne", (), "Une union <b>de</b> pays [x](javascript:1)."),
    GlossaryTerm("union", "Union", (), "Une alliance."),
    GlossaryTerm("port", "port", ("الميناء",), "Un abri \"pour\" les navires."),
)
MATCHER = make_matcher(TERMS)


@SETTINGS
@given(TEXT, st.booleans())
def test_linking_article_text_changes_nothing_a_reader_sees(text, first_only):
    linked = Linker(MATCHER, "../glossary.md", first_only)(text)
    assert visible(render(linked)) == visible(render(escape(text)))
    # Every link added is a glossary link, nothing else.
    hrefs = re.findall(r'href="([^"]*)"', render(linked))
    assert all(h.startswith("../glossary.md#") for h in hrefs), hrefs


EDITOR = st.lists(st.one_of(
    TEXT, st.sampled_from(["", "# Titre IA", "```", "    code IA", "- liste IA", "> citation port",
                           "!!! note \"IA\"", "    IA dans une note", "[IA](https://e.org/ia)", "`IA`",
                           "<abbr title=\"IA\">IA</abbr>", "*[ONU]: Organisation", "Union européenne et Union",
                           "[[hydrogene|le port]]", "<div>", "</div>", "<div markdown>", "<p>port IA</p>",
                           "<details><summary>IA</summary>"])), max_size=12).map("\n".join)


@SETTINGS
@given(EDITOR)
def test_linking_editor_markdown_changes_nothing_a_reader_sees(md):
    # Known limit, reported: code spans are found line by line, so a span opened on one line
    # and closed on the next is not protected.
    # Known limit, reported: attr_list reads a "}" typed after a linked term as the end of the
    # link's "{ .digest-term }" and moves or swallows it.
    assume(all(line.count("`") % 2 == 0 for line in md.split("\n")) and "}" not in md)
    md = safe_markdown(md)  # as the pipeline does: notes and definitions are made safe when read
    linker = Linker(MATCHER, "../glossary.md", False)
    linked = link_markdown(md, lambda part: linker(part, trusted=True))
    assert visible(render(linked)) == visible(render(md))


# --------------------------------------------------------------------------- escaping

@SETTINGS
@given(TEXT)
def test_escaped_text_is_only_text(text):
    rendered = render(escape(text))
    root = lxml.html.fragment_fromstring(rendered or "<p></p>", create_parent="div")
    assert {el.tag for el in root.iter()} <= {"div", "p"}, rendered
    assert not any(el.attrib for el in root.iter() if el.tag != "div"), rendered
    shown = " ".join(re.sub("[\u202a-\u202e\u2066-\u2069\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text).split())
    assert visible(rendered) == shown


@SETTINGS
@given(st.one_of(TEXT, st.sampled_from([" JaVaScRiPt:alert(1)", "data:text/html,x", "vbscript:x", "java\tscript:x",
                                        "//evil.org/x", "https://e.org/a b(c)\"'<>{}*", "\x00javascript:x"])))
def test_link_urls_are_http_mailto_or_relative_and_cannot_escape_the_link(url):
    out = link_url(url)
    assert re.match(r"(https?:|mailto:|/|\.|#)", out, re.I) or ":" not in out.split("/")[0]
    assert not re.search(r"[\s()<>\"'{}*\[\]`\\]", out), out
    rendered = render(f"[x]({out})")
    hrefs = re.findall(r'href="([^"]*)"', rendered)
    assert len(hrefs) == 1 and not re.match(r"\s*(javascript|data|vbscript):", html.unescape(hrefs[0]), re.I)


@SETTINGS
@given(EDITOR)
def test_safe_editor_markdown_renders_without_script(md):
    hostile = md + "\n\n<img src=x onerror=alert(1)> [x](jav&#x61;script:alert(2)) <a href='javascript:alert(3)'>a</a>"
    rendered = render(safe_markdown(hostile))
    root = lxml.html.fragment_fromstring(rendered, create_parent="div")
    for el in root.iter():
        assert el.tag not in ("script", "img", "iframe", "svg", "object", "embed", "style"), rendered
        assert not any(name.lower().startswith("on") or name.lower() == "style" for name in el.attrib), rendered
        for name in ("href", "src"):
            value = re.sub(r"[\x00-\x20]", "", el.attrib.get(name, ""))
            assert not re.match(r"(javascript|data|vbscript):", value, re.I), rendered


@SETTINGS
@given(EDITOR)
def test_safe_markdown_keeps_harmless_editor_markdown_as_written(md):
    harmless = md.replace("<", "").replace("{", "").replace("javascript:", "").replace("&", "")
    assert safe_markdown(harmless) == harmless


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(alphabet="abcXYZ019", min_size=1, max_size=12), min_size=1, max_size=6).map(" ".join)
       | st.sampled_from(["Nasser Bourita", "G20", "ONU", "Rabat", "Maroc Telecom", "COVID 19", "A", "x1 Y2"]))
def test_plain_names_get_the_slug_slugify_gives_them(name):
    """page_slug skips slugify for ASCII words between single spaces: the result must be slugify's."""
    from slugify import slugify

    from digest.render import _PLAIN_NAME

    assert _PLAIN_NAME.match(name)
    assert "-".join(name.split()).lower() == slugify(name)
