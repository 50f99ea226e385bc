"""Text helpers shared by the stages: normalisation, sentences, words."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Characters that look like spaces in scraped text; NBSP runs separate ticker items.
_SPACES = "\u00a0\u2007\u202f\u2009\u200a\u3000"
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalise(text: str) -> str:
    """NFC, Unix line ends, no control or zero-width characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text).translate(_ZERO_WIDTH)
    return unicodedata.normalize("NFC", text)


def squash_spaces(line: str) -> str:
    """Collapse all space-like runs to one ASCII space and strip."""
    for ch in _SPACES:
        line = line.replace(ch, " ")
    return re.sub(r"[ \t]+", " ", line).strip()


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
    return "".join(c for c in decomposed if not unicodedata.combining(c))


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
