"""Candidate names and the learned classifier that types them.

A candidate is a run of capitalised words joined through connectors ("Banque de France",
"Harwood & Lyle Partners"), with a few readings of it: as written less its sentence-opening
ordinary words, less a leading title ("Mme Ouazzani" -> "Ouazzani"), less its first word when
that word opens the sentence ("Hier Macron" -> "Macron"). A linear model (averaged perceptron,
trained by tools/train_entities.py, weights in data/model.json) scores each reading as a
person, an organisation, a place or nothing, and the best reading of each run wins.

The features are chosen to carry over between languages: word shapes, the roles of the words
around the name (a title before it, a place preposition, a speech verb after it), gazetteer
hits and what the rest of the article says about the same words (is "Hier" written in lower
case elsewhere? is "Ouazzani" the last word of a longer name?).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..text import strip_accents
from . import lexicon

LABELS = ("none", "people", "organisations", "places")
# The context words themselves are French-specific in the training data: the portable model,
# used for the other languages, sees only their roles, shapes and the names' own words.
LEXICAL = ("p=", "nx=", "p3=", "f=", "l=", "s3=", "s4=")

# Elided articles apart ("l'Université"), hyphens and inner apostrophes kept ("O'Brien",
# "Jean-Pierre"), a possessive "'s" split off.
_TOKEN = re.compile(r"(?:[LlDdJjMmNnSsTtCc]|[Qq]u)['’](?=\w)|[^\W\d_](?:[\w\-]|['’](?=[^\W\d_]{2}))*|\d[\d.,]*|[^\w\s]")
_OPENING = frozenset("«“\"'‘(¿¡-–—:")


@dataclass(frozen=True)
class Token:
    text: str
    low: str
    start: int
    end: int
    cap: bool


@dataclass
class Reading:
    """One reading of a candidate run: tokens [i, j) of its sentence."""

    sentence: int
    i: int
    j: int
    text: str
    start: int  # character offsets in the sentence
    end: int
    features: list[str]
    title: str | None = None  # the title word stripped from its front, if any


def tokenise(text: str) -> list[Token]:
    out = []
    for m in _TOKEN.finditer(text):
        tok = m.group()
        first = tok[0]
        out.append(Token(tok, tok.lower().replace("’", "'"), m.start(), m.end(), first.isalpha() and first.isupper()))
    return out


def _is_abbreviation(tok: Token) -> bool:
    """An initial or an abbreviated title, which a full stop does not end the name after."""
    return (len(tok.text) == 1 and tok.cap) or tok.low in lexicon.PERSON_TITLES


def runs(tokens: list[Token]) -> list[tuple[int, int]]:
    """[i, j) spans of capitalised words, joined through connectors and initials' full stops."""
    spans, i, n = [], 0, len(tokens)
    while i < n:
        if not tokens[i].cap:
            i += 1
            continue
        j = i + 1
        while j < n:
            tok = tokens[j]
            if tok.cap or lexicon.ROMAN.match(tok.text):
                j += 1
            elif tok.text == "." and _is_abbreviation(tokens[j - 1]) and j + 1 < n and tokens[j + 1].cap:
                j += 1
            elif tok.low in lexicon.JOINERS:
                k = j + 1
                if k < n and tokens[k].low in lexicon.JOINERS and tokens[k].low != tok.low:
                    k += 1  # "de la", "of the"
                if k < n and tokens[k].cap:
                    j = k
                else:
                    break
            else:
                break
        spans.append((i, j))
        i = j
    return spans


def _shape(word: str) -> str:
    if word.isupper():
        return "X" if len(word) == 1 else "XX"
    if word[:1].isupper():
        return "Xx-" if "-" in word else "Xx"
    if word[:1].isdigit():
        return "d"
    return "x" if word[:1].isalpha() else "."


def _readings(tokens: list[Token], i: int, j: int, stops: frozenset[str]) -> list[tuple[int, int, str | None]]:
    """(i, j, stripped title) readings of the run tokens[i:j]."""
    def trim_end(a: int, b: int) -> int:
        while b > a and (tokens[b - 1].low in lexicon.CONNECTORS or tokens[b - 1].text == "."):
            b -= 1
        return b

    while i < j and (strip_accents(tokens[i].low) in stops or tokens[i].low in lexicon.CONNECTORS):
        i += 1
    j = trim_end(i, j)
    if i >= j:
        return []
    out = [(i, j, None)]
    title = None
    k = i
    while k < j - 1 and (tokens[k].low.rstrip(".") in lexicon.PERSON_TITLES or tokens[k].text == "."):
        title = title or tokens[k].low
        k += 1
    if title and k < j:
        out.append((k, j, title))
    if j - i > 1 and (i == 0 or tokens[i - 1].text in _OPENING) and not title:
        out.append((i + 1, j, None))
    return out


class Document:
    """What the whole article says about its words: lower-case uses, name counts."""

    def __init__(self, sentences: list[list[Token]]):
        self.lower = {t.low for toks in sentences for t in toks if not t.cap}
        self.inner_caps: dict[str, int] = {}
        for toks in sentences:
            for k, t in enumerate(toks):
                if t.cap and k > 0 and toks[k - 1].text not in _OPENING and toks[k - 1].text != ".":
                    self.inner_caps[t.text] = self.inner_caps.get(t.text, 0) + 1
        self.last_words: set[str] = set()
        self.first_words: set[str] = set()


def features(tokens: list[Token], i: int, j: int, title: str | None, doc: Document,
             language: str, roles: dict[str, str]) -> list[str]:
    words = tokens[i:j]
    first, last = words[0], words[-1]
    n = j - i
    f = ["bias", f"n={min(n, 4)}", "sh=" + "_".join(_shape(w.text) for w in words[:4])]
    f += ["w=" + w.low for w in words if w.cap]
    f += [f"f={first.low}", f"l={last.low}", f"s3={last.low[-3:]}", f"s4={last.low[-4:]}",
          f"p3={first.low[:3]}"]
    prev = tokens[i - 1] if i > 0 else None
    before = tokens[i - 2] if i > 1 else None
    after = tokens[j] if j < len(tokens) else None
    if prev is None or prev.text in _OPENING or prev.text == ".":
        f.append("initial")
    if title:
        f += ["title", "role-=title"]
    elif prev is not None:
        f += [f"p={prev.low}", "role-=" + roles.get(prev.low, _shape(prev.text))]
        if before is not None:
            f.append("role--=" + roles.get(before.low, _shape(before.text)))
    if after is not None:
        f += [f"nx={after.low}", "role+=" + roles.get(after.low, _shape(after.text))]
    gaz = lexicon.gazetteer()
    key = strip_accents(" ".join(w.low for w in words))
    if key in gaz:
        f.append("gaz")
    elif n > 1 and strip_accents(last.low) in gaz:
        f.append("gaz-last")
    lows = {w.low for w in words}
    if lows & lexicon.ORG_WORDS:
        f.append("orgword" if first.low in lexicon.ORG_WORDS else "orgword-in")
    if last.low in lexicon.COMPANY_WORDS:
        f.append("company")
    if n == 1 and lexicon.ACRONYM.match(first.text):
        f.append("acronym")
    if all(w.text.isupper() for w in words if w.cap):
        f.append("allcaps")
    if n == 1:
        if first.low in doc.lower:
            f.append("seen-lower")
        if first.text in doc.last_words:
            f.append("last-of-longer")
        if first.text in doc.first_words:
            f.append("first-of-longer")
    seen = doc.inner_caps.get(first.text, 0) - (0 if "initial" in f else 1)
    f.append(f"inner={min(seen, 2)}")
    return f


def readings(sentences: list[str], language: str) -> list[Reading]:
    """Every reading of every candidate run of an article, with its features."""
    stops = lexicon.stopwords(language)
    roles = lexicon.roles(language)
    tokenised = [tokenise(s) for s in sentences]
    doc = Document(tokenised)
    spans = []
    for s, toks in enumerate(tokenised):
        for i, j in runs(toks):
            for a, b, title in _readings(toks, i, j, stops):
                if b - a == 1 and lexicon.never_a_name(toks[a].text):
                    continue
                spans.append((s, a, b, title))
                if b - a > 1:
                    doc.last_words.add(toks[b - 1].text)
                    doc.first_words.add(toks[a].text)
    out = []
    for s, a, b, title in spans:
        toks = tokenised[s]
        start, end = toks[a].start, toks[b - 1].end
        out.append(Reading(s, a, b, sentences[s][start:end], start, end,
                           features(toks, a, b, title, doc, language, roles), title))
    return out


@lru_cache(maxsize=1)
def _models() -> dict[str, dict[str, list[float]]]:
    return json.loads(resources.files("digest.entities").joinpath("data/model.json").read_text("utf-8"))["models"]


def model_for(language: str) -> tuple[dict[str, list[float]], bool]:
    """(weights, portable) for *language*: the full model for French, the portable one elsewhere."""
    models = _models()
    return (models["fr"], False) if language == "fr" else (models["portable"], True)


def portable(feats: list[str]) -> list[str]:
    return [f for f in feats if not f.startswith(LEXICAL)]


def scores(feats: list[str], weights: dict[str, list[float]]) -> list[float]:
    total = [0.0, 0.0, 0.0, 0.0]
    for name in feats:
        w = weights.get(name)
        if w is not None:
            total[0] += w[0]
            total[1] += w[1]
            total[2] += w[2]
            total[3] += w[3]
    return total
