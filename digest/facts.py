"""Fact box: figures with units, dates and periods, entities and quotes.

Rule-based and language-aware (fr, en, es, ar). Each fact keeps the id of the
sentence it came from so the page can link it to the body. Entities (people, organisations,
places) come from the learned recogniser in digest.entities.
"""
from __future__ import annotations

import re
from .dates import MONTHS, parse_date
# The recogniser lives in digest.entities; its names stay importable from here.
from .entities import (ENTITY_BACKENDS, acronyms, canonical_place, capitalised_spans,  # noqa: F401
                       extract_entities, spacy_available)
from .model import Fact, Quote, Sentence
from .text import strip_accents

# --- figures -----------------------------------------------------------------
# Figures live in digest.annotate.figures; their names stay importable from here.
from .annotate.figures import CURRENCIES, _count_unit, _subject, extract_figures  # noqa: E402,F401
from .annotate.numbers import PERCENT_WORDS, SCALES, WORD_NUMBERS, _alt, to_number  # noqa: E402,F401
from .annotate.numbers import western_digits as _western_digits  # noqa: E402

YEAR_RANGE = re.compile(r"(?<![\d,.])((?:19|20)\d{2})\s*(?:[-–/]|\b(?:y|et|à|and|to|al)\b)\s*((?:19|20)\d{2})(?![\d%]|[,.]\d)")
YEAR = re.compile(r"(?<![\d,.\-])((?:19|20)\d{2})(?![\d%]|[,.]\d|\s*%)")
_MONTH_ALT = _alt([m for m in MONTHS if not m.isascii() or len(m) > 3] + ["février", "août", "décembre"])
FULL_DATE = re.compile(
    rf"\b(?:\d{{1,2}}(?:er|st|nd|rd|th)?\s+(?:de\s+)?(?:{_MONTH_ALT})\s+(?:de\s+)?(?:19|20)\d{{2}}"
    rf"|(?:{_MONTH_ALT})\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{{2}})",
    re.IGNORECASE,
)
MONTH_YEAR = re.compile(rf"\b({_MONTH_ALT})\s+(?:de\s+)?((?:19|20)\d{{2}})\b", re.IGNORECASE)
# Each date pattern above needs a year. Most sentences hold none, and this one cheap search
# spares them the month-name alternations.
_YEAR_DIGITS = re.compile(r"(?:19|20)\d{2}")


def extract_dates(sentence: Sentence) -> list[Fact]:
    text = _western_digits(sentence.text)
    if not _YEAR_DIGITS.search(text):
        return []
    facts, taken = [], []
    for m in YEAR_RANGE.finditer(text):
        a, b = int(m.group(1)), int(m.group(2))
        if a < b:
            facts.append(Fact("period", m.group(0), f"{a}/{b}", None, sentence.id))
        taken.append(m.span())
    for m in FULL_DATE.finditer(text):
        iso = parse_date(m.group(0))
        if iso:
            facts.append(Fact("date", m.group(0), iso, None, sentence.id))
            taken.append(m.span())
    for m in MONTH_YEAR.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        month = MONTHS.get(strip_accents(m.group(1).lower()), MONTHS.get(m.group(1)))  # noqa: E501
        if month:
            facts.append(Fact("date", m.group(0), f"{m.group(2)}-{month:02d}", None, sentence.id))
            taken.append(m.span())
    for m in YEAR.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        facts.append(Fact("date", m.group(0), m.group(1), None, sentence.id))
    return facts



# --- quotes ------------------------------------------------------------------

QUOTE = re.compile(r"«\s*(?P<a>[^«»]+?)\s*»|“(?P<b>[^“”]+)”|\"(?P<c>[^\"]+)\"")
_SPEECH_VERBS = (
    r"(?:a|avait|ont|aurait)\s+(?:averti|déclaré|dit|affirmé|souligné|expliqué|estimé|ajouté|"
    r"indiqué|rappelé|précisé|martelé|lancé|insisté|assuré|confié|noté|prévenu|résumé)|"
    r"déclare|affirme|explique|estime|ajoute|souligne|indique|selon|d'après|"
    r"said|says|told|added|warned|explained|stated|according to|"
    r"dijo|afirmó|declaró|señaló|explicó|aseguró|añadió|advirtió|según|"
    r"قال|قالت|أكد|أكدت|أوضح|أوضحت|صرح|صرحت|وفق|حسب"
)
SPEAKER_AFTER = re.compile(rf"(?:{_SPEECH_VERBS})\s+(?:le |la |l'|el |the )?(?P<name>[A-Z][\w\-’']+(?:\s+[A-Z][\w\-’']+)*)")
SPEAKER_BEFORE = re.compile(rf"(?P<name>[A-Z][\w\-’']+(?:\s+[A-Z][\w\-’']+)*)\s+(?:{_SPEECH_VERBS})")


def extract_quotes(sentences: list[Sentence], people: tuple[str, ...]) -> list[Quote]:
    quotes = []
    previous_speaker: str | None = None
    surnames = [(person.split() or [""])[-1] for person in people]  # split once, not once per sentence
    for s in sentences:
        quoted = False
        for m in QUOTE.finditer(s.text):
            quoted = True
            text = (m.group("a") or m.group("b") or m.group("c") or "").strip()
            if len(text.split()) < 4:
                continue  # a quoted phrase, not a statement
            outside = s.text[:m.start()] + " … " + s.text[m.end():]
            speaker = _speaker(outside, people) or previous_speaker
            quotes.append(Quote(text, speaker, s.id))
            previous_speaker = speaker
        if quoted:
            continue  # a sentence with a quote keeps the speaker found above
        words_ = None
        for person, surname in zip(people, surnames):
            if person in s.text:
                previous_speaker = person
            else:
                words_ = words_ if words_ is not None else frozenset(s.text.split())
                if surname in words_:
                    previous_speaker = person
    return quotes


def _resolve(name: str, people: tuple[str, ...]) -> str | None:
    for person in people:
        if name == person or name == person.split()[-1] or person.startswith(name + " "):
            return person
    return None


def _speaker(outside: str, people: tuple[str, ...]) -> str | None:
    for pattern in (SPEAKER_AFTER, SPEAKER_BEFORE):
        for m in pattern.finditer(outside):
            resolved = _resolve(m.group("name"), people)
            if resolved:
                return resolved
    for person in people:
        if person in outside:
            return person
    return None


# --- ranking -----------------------------------------------------------------

_KIND_WEIGHT = {"money": 5.0, "percent": 4.0, "change": 4.0, "measure": 3.5, "count": 3.0, "period": 2.5,
                "duration": 2.0, "age": 1.5, "date": 1.0}


def rank_facts(facts: list[Fact], summary_ids: set[str], order: dict[str, int]) -> list[Fact]:
    """Most useful first: money and rates over counts over dates, summary sentences first."""
    def score(f: Fact) -> tuple:
        weight = _KIND_WEIGHT.get(f.kind, 0) + (1.5 if f.sentence in summary_ids else 0)
        if f.kind == "count" and isinstance(f.value, (int, float)) and f.value < 10:
            weight -= 2.5  # "deux pays", "6 réservoirs": true but rarely what the box is for
        weight += 0.5 if f.subject else 0
        return (-weight, order.get(f.sentence, 0))

    seen, out = set(), []
    # sorted() is stable: facts that score alike keep the article's order ("500, 200, 138")
    for fact in sorted(facts, key=score):
        key = (fact.kind, str(fact.value), fact.unit)
        if key in seen:
            continue
        seen.add(key)
        out.append(fact)
    return out


def extract_facts(sentences: list[Sentence], language: str) -> list[Fact]:
    """Figures, dates and periods, in article order.

    The last currency named carries over to later elliptical amounts, across
    paragraphs too: an article about dollars keeps counting in dollars.
    """
    facts: list[Fact] = []
    currency = None
    for s in sentences:
        figures, currency = extract_figures(s, language, currency)
        facts.extend(figures)
        facts.extend(extract_dates(s))
    return facts
