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
from typing import NamedTuple

from ..text import strip_accents
from . import lexicon

LABELS = ("none", "people", "organisations", "places")

# Elided articles apart ("l'Université"), hyphens and inner apostrophes kept ("O'Brien",
# "Jean-Pierre"), a possessive "'s" split off.
_TOKEN = re.compile(r"(?:[LlDdJjMmNnSsTtCc]|[Qq]u)['’](?=\w)|[^\W\d_][\w\-]*(?:['’][^\W\d_]{2}[\w\-]*)*|\d[\d.,]*|[^\w\s]")
_OPENING = frozenset("«“\"'‘(¿¡-–—:")


class Token(NamedTuple):
    """A word or a punctuation mark (a tuple: an article has thousands, made once each)."""

    text: str
    low: str  # lower case, typographic apostrophe as "'"
    start: int
    end: int
    cap: bool


@dataclass
class Reading:
    """One reading of a candidate run: tokens [i, j) of its sentence."""

    sentence: int
    run: int  # readings of one run share it: the best one stands for the run
    i: int
    j: int
    text: str
    start: int  # character offsets in the sentence
    end: int
    features: list[str]
    title: str | None = None  # the title word stripped from its front, if any
    titled: str | None = None  # then the name with its title, as written ("M. Gambetta")
    lead_of: int | None = None  # an organisation before a title and a person: the person's run


_new = tuple.__new__


def tokenise(text: str) -> list[Token]:
    low_text = text.lower().replace("’", "'")  # one call per sentence, not per word (same length)
    if len(low_text) != len(text):  # a few characters change length in lower case ("İ")
        return [Token(m.group(), m.group().lower().replace("’", "'"), m.start(), m.end(), m.group()[0].isupper())
                for m in _TOKEN.finditer(text)]
    # tuple.__new__ skips NamedTuple's Python-level __new__: this runs once per word.
    return [_new(Token, (text[a:b], low_text[a:b], a, b, text[a].isupper()))
            for a, b in (m.span() for m in _TOKEN.finditer(text))]


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


# Adjectives that continue a French or Spanish organisation's or region's name in lower case
# ("Conseil fédéral", "Union européenne", "Suisse romande", "Comunidad Valenciana").
_ADJECTIVE = re.compile(r"(?:al|ale|ales|aux|ral|éenne|ienne|ien|ique|iques|aire|aires|elle|elles|nelle|ain|aine|"
                        r"ais|aise|ois|oise|ande|ée|ées|ies|ano|ana|ista|ario|aria|ense|eño|eña)$")


def _word_after(tokens: list[Token], k: int, capitals: bool) -> int:
    """The end of "[article] word" at tokens[k] ("l'eau", "la femme", "l'IA"), or 0."""
    if k < len(tokens) and tokens[k].low in ("la", "l'", "le", "les", "the", "los", "las"):
        k += 1
    if (k < len(tokens) and tokens[k].text[0].isalpha() and (capitals or not tokens[k].cap) and len(tokens[k].text) > 1
            and tokens[k].low not in lexicon.DETERMINERS):  # not "Banque mondiale et d'une"
        return k + 1
    return 0


def _lower_case_tail(tokens: list[Token], i: int, j: int) -> int:
    """Where the name tokens[i:j] ends if it goes on in lower case ("Chambre des lords",
    "Fonds marocain d'investissement stratégique", "Conseil régional de Casablanca-Settat")."""
    org = tokens[i].low in lexicon.ORG_WORDS
    n = len(tokens)
    end, after_and = j, False
    while end < n and end - j < 8:
        nxt = tokens[end]
        if not nxt.cap and _ADJECTIVE.search(nxt.low) and len(nxt.low) > 4 and (org or end - i == 1):
            end += 1
        elif org and nxt.low in ("des", "de", "du", "d'", "of", "del", "pour", "for") and _word_after(tokens, end + 1, not after_and):
            # "... de Casablanca-Settat", "... de l'IA", but not "Junta de Andalucía y de la Asociación"
            end = _word_after(tokens, end + 1, not after_and)
        elif org and nxt.low in ("et", "y", "and") and end + 1 < n and tokens[end + 1].low in ("de", "du", "des", "d'"):
            end, after_and = end + 1, True
        else:
            break
    while end > j and tokens[end - 1].low in lexicon.CONNECTORS:
        end -= 1
    return end


def _readings(tokens: list[Token], i: int, j: int, stops: frozenset[str],
              lower: set[str]) -> list[tuple[int, int, str | None]]:
    """(i, j, stripped title) readings of the run tokens[i:j]."""
    def trim_end(a: int, b: int) -> int:
        while b > a and (tokens[b - 1].low in lexicon.CONNECTORS or tokens[b - 1].text == "."):
            b -= 1
        return b

    start = i
    gaz = lexicon.gazetteer()
    while i < j and (strip_accents(tokens[i].low) in stops or tokens[i].low in lexicon.CONNECTORS) and not (
            j - i == 1 and len(tokens[i].text) > 1 and tokens[i].text.isupper()) and not (
            i + 1 < j and strip_accents(tokens[i].low + " " + tokens[i + 1].low) in gaz):  # "UN", "AI"; "New York" stay
        i += 1
    j = trim_end(i, j)
    if i >= j:
        return []
    out: list[tuple[int, int, str | None]] = [(i, j, None)]
    # A capitalised article inside a sentence belongs to the name: "La Chaux-de-Fonds", "Los Angeles".
    if i == start + 1 and start > 0 and tokens[start].low in lexicon.DETERMINERS and tokens[start - 1].text not in _OPENING:
        out.append((start, j, None))
    extended = _lower_case_tail(tokens, i, j)
    if extended > j:
        out.append((i, extended, None))
    k = i
    while k < j - 1 and (tokens[k].low.rstrip(".") in lexicon.PERSON_TITLES or tokens[k].text == "."):
        k += 1
    title = tokens[i].low if k > i else None
    if title and k < j:
        out.append((k, j, title))
    # "CARRILLO RESALTA INFLUENCIA Cáceres": a heading in capitals runs into a dateline.
    if j - i > 1 and tokens[i].text.isupper() and len(tokens[i].text) > 1 and not tokens[j - 1].text.isupper():
        k = j - 1
        while k > i and not (tokens[k - 1].text.isupper() and len(tokens[k - 1].text) > 1):
            k -= 1
        if k > i:
            out.append((k, j, None))
    if not title:
        split = _person_split(tokens, i, j)
        if split:
            out.append((split[1], j, tokens[split[1] - 1].low))
    # "Hier Macron": a sentence's first word may be an ordinary word the article also writes
    # in lower case; "Salma Idrissi" opening a sentence keeps her first name.
    if j - i > 1 and (i == 0 or tokens[i - 1].text in _OPENING) and not title and (tokens[i].low in lower or (
            j - i > 2 and strip_accents(tokens[i + 1].low) in lexicon.first_names()
            and strip_accents(tokens[i].low) not in lexicon.first_names())):  # "Guard Kevin Jordan"
        out.append((i + 1, j, None))
    # "Córdoba de la IX Asamblea": either side of a joiner may be the name.
    # (Not at a capitalised joiner: "Nadia El Fassi", "Ibn Battouta" are one name.)
    joins = [k for k in range(i + 1, j - 1) if tokens[k].low in lexicon.JOINERS and not tokens[k].cap and tokens[k - 1].cap]
    if joins:
        out.append((i, joins[0], None))
        last = joins[-1] + 1
        while last < j and tokens[last].low in lexicon.JOINERS:
            last += 1
        if last < j:
            out.append((last, j, None))
    return out


def _person_split(tokens: list[Token], i: int, j: int) -> tuple[int, int] | None:
    """(end of the lead, start of the person) when a run holds a title phrase or an
    organisation before a person's name:
    - a capitalised title inside the run ("Commission President Ursula von der Leyen", "IMF
      Managing Director Kristalina Georgieva"), not after a given name ("Jaime Mayor Oreja");
    - an acronym, or a portfolio after a lower-case title ("le ministre de l'Intérieur", "la
      presidenta de la Comisión Europea"), before a given name and a surname ("FMI Pierre Dupont")."""
    if j - i < 3:
        return None
    given = lexicon.first_names()
    m = next((m for m in range(i + 1, j - 1) if tokens[m].low.rstrip(".") in lexicon.PERSON_TITLES
              and tokens[m].cap and tokens[m + 1].cap and strip_accents(tokens[m - 1].low) not in given), None)
    if m is not None:
        q = m
        while q > i and (tokens[q - 1].low in TITLE_MODIFIERS or tokens[q - 1].low.rstrip(".") in lexicon.PERSON_TITLES):
            q -= 1
        while q > i and tokens[q - 1].low in lexicon.CONNECTORS:
            q -= 1
        start = m + 1  # "Secretary General Mark Rutte": the whole title phrase goes
        while start < j - 1 and (tokens[start].low.rstrip(".") in lexicon.PERSON_TITLES or tokens[start].low in TITLE_MODIFIERS):
            start += 1
        return q, start
    p = next((m for m in range(i + 1, j - 1) if tokens[m].cap and not tokens[m].text.isupper()
              and strip_accents(tokens[m].low) in given and (tokens[m + 1].cap or tokens[m + 1].low in lexicon.JOINERS)
              and tokens[m - 1].low not in lexicon.CONNECTORS), None)
    if p is not None and (lexicon.ACRONYM.match(tokens[p - 1].text) or _after_title(tokens, i)):
        return p, p
    return None


def _after_title(tokens: list[Token], i: int) -> bool:
    """Does a lower-case title and "de", "of" stand just before tokens[i] ("le ministre de
    l'Intérieur", "the minister of the Interior", "el ministro del Interior")?"""
    k = i - 1
    if k >= 0 and tokens[k].low in lexicon.DETERMINERS:
        k -= 1
    if k < 0 or tokens[k].low not in ("de", "du", "des", "d'", "of", "del"):
        return False
    return any(not tokens[m].cap and tokens[m].low in lexicon.PERSON_TITLES for m in range(max(0, k - 3), k))


# Words of a title phrase before a capitalised title ("IMF Managing Director", "Deputy Prime
# Minister"): the words before them name the organisation the person speaks for.
TITLE_MODIFIERS = frozenset(
    """managing executive chief deputy vice prime first foreign interior finance general acting
    interim senior assistant associate adjoint adjointe délégué déléguée délégue adjunto adjunta
    primer primera""".split()
)


def _lead(tokens: list[Token], i: int, j: int) -> tuple[int, int] | None:
    """The organisation before a person's title or name inside a run: "IMF" in "IMF Managing
    Director Kristalina Georgieva", "European Commission" in "European Commission President
    Ursula von der Leyen" (the classifier then says whether it is one)."""
    split = _person_split(tokens, i, j)
    return (i, split[0]) if split and split[0] > i else None


def _mostly_capitals(tokens: list[Token]) -> bool:
    caps = sum(1 for t in tokens if len(t.text) > 1 and t.text.isupper())
    return caps >= 4 and caps * 2 > sum(1 for t in tokens if t.text[0].isalpha())


class Document:
    """What the whole article says about its words: lower-case uses, name counts."""

    def __init__(self, sentences: list[list[Token]]):
        self.lower = {t.low for toks in sentences for t in toks if not t.cap}
        self.inner_caps: dict[str, int] = {}
        for toks in sentences:
            for k, t in enumerate(toks):
                if t.cap and k > 0 and toks[k - 1].text not in _OPENING and toks[k - 1].text != ".":
                    self.inner_caps[t.text] = self.inner_caps.get(t.text, 0) + 1
        # Headings and OCR'd mastheads in capitals: their words are not names for being capitalised.
        self.caps_lines = {id(toks) for toks in sentences if _mostly_capitals(toks)}
        self.last_words: set[str] = set()
        self.first_words: set[str] = set()


def features(tokens: list[Token], i: int, j: int, title: str | None, doc: Document,
             language: str, roles: dict[str, str]) -> list[str]:
    words = tokens[i:j]
    first, last = words[0], words[-1]
    n = j - i
    f = ["bias", f"n={min(n, 4)}", "sh=" + "_".join(_shape(w.text) for w in words[:4])]
    # The names' own words, not the words around them: those are French in the training data,
    # where their roles (below) carry over to other languages.
    f += ["w=" + w.low for w in words if w.cap]
    prev = tokens[i - 1] if i > 0 else None
    before = tokens[i - 2] if i > 1 else None
    after = tokens[j] if j < len(tokens) else None
    if prev is None or prev.text in _OPENING or prev.text == ".":
        f.append("initial")
    if title:
        f += ["title", "role-=title"]
    elif prev is not None:
        f.append("role-=" + roles.get(prev.low, _shape(prev.text)))
        if before is not None:
            f.append("role--=" + roles.get(before.low, _shape(before.text)))
    if after is not None:
        f.append("role+=" + roles.get(after.low, _shape(after.text)))
        beyond = tokens[j + 1] if j + 1 < len(tokens) else None
        if beyond is not None:  # "Klaus Hartmann, directeur général": a title in apposition
            f.append("role++=" + roles.get(beyond.low, _shape(beyond.text)))
    gaz = lexicon.gazetteer()
    key = strip_accents(" ".join(w.low for w in words))
    if key in gaz:
        f.append("gaz")
    elif n > 1 and strip_accents(last.low) in gaz:
        f.append("gaz-last")
    if strip_accents(first.low) in lexicon.first_names() and not first.text.isupper():
        f.append("given" if n > 1 else "given1")
    lows = {w.low for w in words}
    if n > 1 and key not in gaz:
        f += _place_parts(words, key.split(" "), gaz, doc.lower)
    if after is not None and after.text in (",", "(") and j + 1 < len(tokens) and _is_age(tokens, j + 1):
        f.append("age")  # "Jordan, 41, signed": a person's age in apposition
    if _next_to_place(tokens, i, j, key, gaz):
        f.append("coord-place")  # "Tánger con Tarifa", "between Rabat and Salé"
    if n > 1 and first.low in lexicon.GEO_MODIFIERS and first.cap and key not in gaz and not last.low in lexicon.ORG_WORDS:
        f.append("geo-first")
    if first.low in lexicon.FACILITY_WORDS or (n > 1 and last.low in lexicon.FACILITY_WORDS):
        f.append("facility" if n > 1 else "facility1")
    if n > 1 and last.low in lexicon.PLACE_WORDS and first.low not in lexicon.ORG_WORDS:
        f.append("placeword-last")  # "Downing Street", "Guantanamo Bay"
    if key in lexicon.organisation_names():
        f.append("orggaz")
    if lows & lexicon.ORG_WORDS:
        if first.low in lexicon.ORG_WORDS:
            f.append("orgword" if n > 1 else "orgword1")
        else:  # "George Washington University"
            f.append("orgword-last" if last.low in lexicon.ORG_WORDS else "orgword-in")
    if n > 1 and (last.low in lexicon.COMPANY_WORDS or "&" in lows):
        f.append("company")
    if n > 1 and first.low in lexicon.EVENT_WORDS:
        f.append("event")  # "Copa del Rey", "Juegos Panamericanos": a competition, not scored as a name
    if n == 1 and lexicon.ACRONYM.match(first.text) and sum(c.isdigit() for c in first.text) < 3:
        f.append("acronym")
        if prev is not None and prev.text == "(" and after is not None and after.text == ")":
            f.append("acronym-bracket")  # "Mérida (EFE)": an acronym in brackets, even in a heading
    if all(w.text.isupper() for w in words if w.cap):
        f.append("allcaps")
    if prev is not None and not title and (prev.low in lexicon.ORG_DESCRIPTORS or (
            before is not None and before.low in lexicon.ORG_DESCRIPTORS and not prev.cap and prev.low.isalpha()
            and prev.low not in lexicon.DETERMINERS)):
        f.append("orgdesc")  # "search giant Google", "la multinacional española Telefónica"
    if n == 1 and prev is not None and roles.get(prev.low) == "placeprep" and not title and "given1" not in f and not first.text.isupper():
        f.append("placeprep1")  # "en Zafra", "in Padua": one unknown word after a place preposition
    if n == 1:
        if first.low.endswith(_ABSTRACT) and not first.text.isupper() and key not in gaz:
            f.append("abstract")  # "Justicia", "Educación", "Coordination": a portfolio, not a name
        if first.low in doc.lower:
            f.append("seen-lower")
        if first.text in doc.last_words:
            f.append("last-of-longer")
        if first.text in doc.first_words:
            f.append("first-of-longer")
    if doc.caps_lines and id(tokens) in doc.caps_lines and any(w.text.isupper() for w in words):
        f.append("caps-line")  # (not "Sevilla" of "... HEADING IN CAPITALS Sevilla (EFE)")
    seen = doc.inner_caps.get(first.text, 0) - (0 if "initial" in f else 1)
    f.append(f"inner={min(seen, 2)}")
    return f


# Endings of French, Spanish and English abstract nouns, which modern news capitalises for a
# portfolio or a field ("la consejera de Educación", "le ministère de la Justice").
_ABSTRACT = ("ción", "sión", "dad", "tad", "encia", "ancia", "icia", "ismo", "miento", "ation", "ité", "ment", "ture",
             "tura", "ness", "logía", "logie")


def _place_parts(words: list[Token], keys: list[str], gaz: frozenset[str], lower: set[str]) -> list[str]:
    """A known place opening or closing a longer name that is no place itself: "Chicago Blaze",
    "New York Times", "Paris Saint-Germain" (a team, a paper: "place-head"); "Real Madrid",
    "Atlético Madrid" ("place-tail"), unless the other words are a given name ("Tyrell Jordan")
    or a geographical modifier ("Europa Central", "Irlanda del Norte")."""
    n = len(words)
    for k in range(min(n - 1, 3), 0, -1):
        if " ".join(keys[:k]) in gaz:
            rest = [m for m in range(k, n) if words[m].cap]
            if rest and " ".join(keys[m] for m in rest) not in gaz and not any(
                    words[m].low in lexicon.GEO_MODIFIERS or words[m].low in lexicon.PLACE_WORDS
                    or words[m].low in lexicon.ORG_WORDS for m in rest):
                return ["place-head"]
            return []
    if n == 2 and keys[1] in gaz and keys[0] not in gaz:
        first = words[0].low
        if (first not in lexicon.GEO_MODIFIERS and first not in lexicon.PLACE_WORDS and first not in lower
                and first not in lexicon.ORG_WORDS and first.rstrip(".") not in lexicon.PERSON_TITLES
                and keys[0] not in lexicon.first_names() and len(first) > 1):
            return ["place-tail"]
    return []


def _is_age(tokens: list[Token], k: int) -> bool:
    """"41," or "41 ," or "41)" at tokens[k] (numbers keep a trailing comma: "41,")."""
    text = tokens[k].text
    number = text.rstrip(",")
    if not (number.isdigit() and 15 <= int(number) <= 99):
        return False
    return text.endswith(",") or (k + 1 < len(tokens) and tokens[k + 1].text in (",", ")"))


_COORDINATORS = frozenset("y e et and con o ou or a à to hasta jusqu'à entre".split())


def _next_to_place(tokens: list[Token], i: int, j: int, key: str, gaz: frozenset[str]) -> bool:
    """Is the name coordinated with a known place ("Tánger con Tarifa", "de Rabat à Salé")?"""
    before = i > 1 and tokens[i - 1].low in _COORDINATORS and tokens[i - 2].cap
    after = (j + 1 < len(tokens) and tokens[j].low in _COORDINATORS and tokens[j].low not in ("a", "à", "to")
             and tokens[j + 1].cap and not (j + 2 < len(tokens) and tokens[j + 2].cap))
    if not (before or after) or key in gaz:
        return False
    return bool(before and strip_accents(tokens[i - 2].low) in gaz or after and strip_accents(tokens[j + 1].low) in gaz)


def _titled(tokens: list[Token], a: int, text: str) -> str:
    k = a
    while k > 0 and (tokens[k - 1].low.rstrip(".") in lexicon.PERSON_TITLES or tokens[k - 1].text == "."):
        k -= 1
    return text[tokens[k].start:]


def readings(sentences: list[str], language: str) -> list[Reading]:
    """Every reading of every candidate run of an article, with its features."""
    stops = lexicon.stopwords(language)
    roles = lexicon.roles(language)
    tokenised = [tokenise(s) for s in sentences]
    doc = Document(tokenised)
    spans = []
    for s, toks in enumerate(tokenised):
        for i, j in runs(toks):
            run = len(spans)
            for a, b, title in _readings(toks, i, j, stops, doc.lower):
                if b - a == 1 and lexicon.never_a_name(toks[a].text):
                    continue
                spans.append((s, run, a, b, title, None))
                if b - a > 1:
                    doc.last_words.add(toks[b - 1].text)
                    doc.first_words.add(toks[a].text)
            lead = _lead(toks, i, j) if j - i > 2 else None
            if lead:
                a, b = lead
                while a < b and (strip_accents(toks[a].low) in stops or toks[a].low in lexicon.CONNECTORS) and not toks[a].text.isupper():
                    a += 1
                if a < b and not (b - a == 1 and lexicon.never_a_name(toks[a].text)):
                    spans.append((s, len(spans), a, b, None, run))
    out = []
    for s, run, a, b, title, lead_of in spans:
        toks = tokenised[s]
        start, end = toks[a].start, toks[b - 1].end
        titled = _titled(toks, a, sentences[s][:end]) if title else None
        out.append(Reading(s, run, a, b, sentences[s][start:end], start, end,
                           features(toks, a, b, title, doc, language, roles), title, titled, lead_of))
    return out


@lru_cache(maxsize=1)
def _models() -> dict[str, dict[str, list[float]]]:
    return json.loads(resources.files("digest.entities").joinpath("data/model.json").read_text("utf-8"))["models"]


def weights() -> dict[str, list[float]]:
    """The model's weights: feature -> (none, people, organisations, places).

    One model serves every language. A lexical variant (the context words themselves) was
    barely better on the HIPE-2020 fr dev half (typed F1 0.464 against 0.459) and learnt from
    19th-century OCR that acronyms and modern institutions are not names.
    """
    return _models()["portable"]


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
