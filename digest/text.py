"""Text helpers shared by the stages: normalisation, sentences, words."""
from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

# Characters that look like spaces in scraped text; NBSP runs separate ticker items.
_SPACES = "\u00a0\u2007\u202f\u2009\u200a\u3000"
# C0 controls, lone UTF-16 surrogates (a truncated emoji from a scraper) and noncharacters:
# none is text, surrogates cannot even be written as UTF-8, and none is legal in XML (feeds);
# zero-width characters go too. One regex deletes them all: str.translate with a dict costs
# a lookup per character of the whole text, a regex only scans it.
_REMOVED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
                      "\u200b\u200c\u200d\u2060\ufeff]")


def normalise(text: str) -> str:
    """NFC, Unix line ends, no control or zero-width characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", _REMOVED.sub("", text))


_BLANKS = re.compile(r"[ \t]+")


def squash_spaces(line: str) -> str:
    """Collapse all space-like runs to one ASCII space and strip."""
    if not line.isascii():  # the other space-like characters are all beyond ASCII
        for ch in _SPACES:
            line = line.replace(ch, " ")
    if "  " in line or "\t" in line:  # else every run is one space already: the regex would copy the line
        line = _BLANKS.sub(" ", line)
    return line.strip()


# Abbreviations after which a period does not end a sentence (lower-cased, no dot).
ABBREVIATIONS = frozenset(
    """m mm mme mmes mlle dr pr prof me st ste sr sra srta dra dña mr mrs ms jr
    etc cf ex p pp vol no nº art al ap av env éd ed fig chap gén gal col cdt lt
    sgt capt gov sen rep inc ltd co corp dept univ approx vs jan feb fév mar apr avr
    aug août sep sept oct nov dec déc ene abr ago dic tel tél ibid op""".split()
)

_BOUNDARY = re.compile(r"([.!?…؟]+)((?:\s?[»”\"’')\]])*)(\s+)")
_OPENERS = "«“\"'(¿¡—–-"
_GLUED = re.compile(r"(?<=[a-zà-öø-ÿ][a-zà-öø-ÿ][.!?])(?=[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ])")


def _is_abbreviation(before: str) -> bool:
    before = before[-64:]  # an abbreviation is short: never rescan a long sentence
    word = re.search(r"(\w+)$", before)
    if not word:
        return False
    token = word.group(1)
    if token.lower() in ABBREVIATIONS:
        return True
    # Initials ("J. Smith") and dotted acronyms ("U.S.", "O.N.U.").
    if len(token) == 1 and token.isupper():
        return True
    return bool(re.search(r"(?:\b\w\.){1,}\w$", before))


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences.

    Handles French guillemets, common abbreviations in fr/en/es, initials,
    numbers written with dots or commas (2.600, 1,5) and Arabic punctuation.
    """
    text = squash_spaces(text)
    if not text:
        return []
    # Scraped text glues sentences: "son épouse.Le chef" (two lower-case letters, a stop,
    # then a capitalised word; "M.Dupont" and "U.S." do not match).
    text = _GLUED.sub(" ", text)
    sentences: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end(2)
        rest = text[m.end():]
        if not rest:
            break
        nxt = rest[0]
        if m.group(1) == "." and _is_abbreviation(text[start:m.start(1)]):
            continue
        if not (nxt.isupper() or nxt.isdigit() or nxt in _OPENERS or _is_arabic(nxt)):
            continue
        sentence = text[start:end].strip()
        if sentence:
            sentences.append(sentence)
        start = m.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def _is_arabic(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f"


_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def words(text: str) -> list[str]:
    """Unicode-aware word tokens (accents and Arabic letters count)."""
    return _WORD.findall(text)


def strip_accents(text: str) -> str:
    if text.isascii():  # most words: nothing to decompose (and this runs once per word)
        return text
    if len(text) <= 32:
        return _strip_word(text)
    return _strip(text)


def _strip(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    if _ASTRAL.search(decomposed):
        return "".join(c for c in decomposed if not unicodedata.combining(c))
    return _bmp_marks().sub("", decomposed)


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@lru_cache(maxsize=1)
def _bmp_marks() -> re.Pattern:
    """Every character of the BMP with a non-zero combining class: what NFD splits accents into.

    Long texts lose their marks in one regex pass instead of a Python test per
    character. Only BMP characters: the regex tests those in constant time, while
    one mark beyond it would turn the class into a slow list (`_strip` loops then).
    """
    marks = (chr(c) for c in range(0x10000) if unicodedata.combining(chr(c)))
    return re.compile("[" + "".join(map(re.escape, marks)) + "]")


@lru_cache(maxsize=65536)
def _strip_word(word: str) -> str:
    return _strip(word)


def as_list(value) -> list[str]:
    """A front-matter value meant as a list: a scalar becomes one item, blanks are dropped.

    Editors write `tags: energie` as often as `tags: [energie]`, and YAML turns
    `digest: 2025` into a number; both are accepted as text.
    """
    if value is None:
        return []
    items = value if isinstance(value, (list, tuple)) else [value]
    return [str(item).strip() for item in items
            if item is not None and not isinstance(item, (dict, list)) and str(item).strip()]


def next_free(name: str, taken) -> str:
    """*name*, or *name*-2, -3… whichever is not in *taken*: collisions never overwrite."""
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = f"{name}-{n}", n + 1
    return candidate


# --- editor Markdown made safe ---------------------------------------------------------
# Notes and glossary definitions are Markdown an editor writes, rendered as is; they may
# still come from a paste or a compromised account, so they never reach the site with
# script: only harmless HTML tags and attributes, and links to http(s), mailto or
# relative URLs. Code is checked too: whether a fence or a backtick is code depends on the
# site's Markdown extensions and on the raw HTML around it (a code span inside a <div> is
# not code), so "<" in code shows as "&lt;" rather than risk a live tag.

_SAFE_TAGS = frozenset(
    "a abbr b bdi bdo blockquote br caption cite code col colgroup dd del details dfn div dl dt em "
    "figcaption figure h1 h2 h3 h4 h5 h6 hr i ins kbd li mark ol p pre q rp rt ruby s samp small "
    "span strong sub summary sup table tbody td tfoot th thead time tr u ul var wbr".split())
_SAFE_ATTRIBUTES = frozenset("class id title lang dir markdown href alt colspan rowspan open datetime "
                             "cite abbr scope start reversed type".split())
_URL_ATTRIBUTES = frozenset({"href", "cite"})
_SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_ATTR = r"""\s+([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?"""
_TAG = re.compile(rf"<(?P<closing>/?)(?P<name>[A-Za-z][\w-]*)(?P<attributes>(?:{_ATTR})*)\s*(?P<empty>/?)>")
_ONE_ATTR = re.compile(_ATTR)
_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^\s<>]*>", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?-->")
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
_LINK_DEST = re.compile(r"(?<!\\)(\]\(\s*)(<[^>\n]*>|[^\s)]*)")
_REF_DEF = re.compile(r"^(\s{0,3}\[[^\]]+\]:\s*)(<[^>\n]*>|\S+)")
_ATTR_LIST = re.compile(r"(?<!\\)\{(:?)([^{}\n]*)\}")
_ATTR_LIST_ITEM = re.compile(r"""([^\s=]+)\s*=\s*("[^"]*"|'[^']*'|[^\s}]+)|\S+""")
_RISKY_ATTRIBUTE = re.compile(r"^(?:on.*|style|href|src|srcset|srcdoc|action|formaction|xlink:href|data|"
                              r"poster|background|ping|codebase|is|form)$", re.IGNORECASE)
_TOKEN = re.compile(f"{_AUTOLINK.pattern}|{_COMMENT.pattern}|{_TAG.pattern}", re.IGNORECASE)


def safe_url(url: str) -> bool:
    """True for http(s), mailto and relative URLs, however the scheme is disguised."""
    plain = re.sub(r"[\x00-\x20\x7f]+", "", html.unescape(url.strip("<> \t")))
    scheme = re.match(r"([A-Za-z][A-Za-z0-9+.\-]*):", plain)
    return scheme is None or scheme.group(1).lower() in _SAFE_SCHEMES


def _clean_tag(m: re.Match) -> str:
    closing, name, attributes, self_closing = m.group("closing", "name", "attributes", "empty")
    if name.lower() not in _SAFE_TAGS:
        return "&lt;" + m.group(0)[1:]
    kept = []
    for attr in _ONE_ATTR.finditer(attributes):
        key, value = attr.group(1).lower(), attr.group(2)
        if key not in _SAFE_ATTRIBUTES:
            continue
        if value is None:
            kept.append(f" {key}")
            continue
        value = value[1:-1] if value[:1] in "\"'" else value
        if key in _URL_ATTRIBUTES and not safe_url(value):
            value = "#"
        kept.append(f' {key}="{html.escape(html.unescape(value), quote=True)}"')
    return f"<{closing}{name}{''.join(kept)}{' /' if self_closing else ''}>"


def _clean_attr_list(m: re.Match) -> str:
    items = [i.group(0) for i in _ATTR_LIST_ITEM.finditer(m.group(2))
             if not (i.group(1) and _RISKY_ATTRIBUTE.match(i.group(1)))]
    return "{" + m.group(1) + (" " + " ".join(items) + " " if items else " ") + "}"


def _clean_text(text: str) -> str:
    """One stretch of a line outside code: tags, links and attribute lists checked."""
    pieces, pos = [], 0
    for m in _TOKEN.finditer(text):
        pieces.append(_TAG_START.sub("&lt;", text[pos:m.start()]))
        token = m.group(0)
        keep = _AUTOLINK.fullmatch(token) or _COMMENT.fullmatch(token)
        pieces.append(token if keep else _clean_tag(_TAG.fullmatch(token)))
        pos = m.end()
    pieces.append(_TAG_START.sub("&lt;", text[pos:]))
    text = "".join(pieces)
    text = _LINK_DEST.sub(lambda m: m.group(1) + (m.group(2) if safe_url(m.group(2)) else "#"), text)
    text = _REF_DEF.sub(lambda m: m.group(1) + (m.group(2) if safe_url(m.group(2)) else "#"), text)
    return _ATTR_LIST.sub(_clean_attr_list, text)


def safe_markdown(markdown: str) -> str:
    """Editor Markdown without script: see the comment above."""
    return "\n".join(_clean_text(line) for line in markdown.split("\n"))
