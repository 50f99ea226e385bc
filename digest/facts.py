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

# --- numbers -----------------------------------------------------------------

SCALES = {
    "mille": 1e3, "thousand": 1e3, "mil": 1e3, "ألف": 1e3, "آلاف": 1e3,
    "million": 1e6, "millions": 1e6, "millón": 1e6, "millon": 1e6, "millones": 1e6,
    "مليون": 1e6, "ملايين": 1e6, "m": 1e6, "mn": 1e6,
    "milliard": 1e9, "milliards": 1e9, "billion": 1e9, "billions": 1e9, "millardo": 1e9,
    "millardos": 1e9, "mil millones": 1e9, "مليار": 1e9, "مليارات": 1e9, "md": 1e9,
    "mds": 1e9, "mmd": 1e9, "mm": 1e9, "bn": 1e9,
    # In the press "trillion" follows US usage (10^12), also in French ("un trillion de dollars").
    "trillion": 1e12, "trillions": 1e12, "billón": 1e12, "billones": 1e12, "تريليون": 1e12,
}
WORD_NUMBERS = {
    "un": 1, "une": 1, "one": 1, "a": 1, "uno": 1, "una": 1, "deux": 2, "two": 2, "dos": 2,
    "trois": 3, "three": 3, "tres": 3, "quatre": 4, "four": 4, "cuatro": 4, "cinq": 5,
    "five": 5, "cinco": 5, "six": 6, "seis": 6, "sept": 7, "seven": 7, "siete": 7,
    "huit": 8, "eight": 8, "ocho": 8, "neuf": 9, "nine": 9, "nueve": 9, "dix": 10,
    "ten": 10, "diez": 10, "douze": 12, "twelve": 12, "doce": 12, "quinze": 15,
    "vingt": 20, "twenty": 20, "veinte": 20, "trente": 30, "cinquante": 50, "cent": 100,
    "hundred": 100, "cien": 100, "dizaine": 10, "dozen": 12, "docena": 12, "centaine": 100,
    "dozens": 24, "centaines": 100, "hundreds": 100, "milliers": 1000, "thousands": 1000,
    "decenas": 10, "cientos": 100, "miles": 1000,
    "quinzaine": 15, "vingtaine": 20, "trentaine": 30, "quarantaine": 40, "cinquantaine": 50,
    "soixantaine": 60, "centenas": 100, "veintena": 20, "treintena": 30, "forty": 40, "fifty": 50,
    "thirty": 30, "eleven": 11, "fifteen": 15, "onze": 11, "once": 11, "quince": 15, "treinta": 30,
    "cuarenta": 40, "cincuenta": 50, "quarante": 40, "soixante": 60, "sixty": 60, "millier": 1000,
}
CURRENCIES = {
    "$": "USD", "us$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD", "dólar": "USD",
    "dólares": "USD", "دولار": "USD", "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR",
    "يورو": "EUR", "dirham": "MAD", "dirhams": "MAD", "dh": "MAD", "dhs": "MAD", "mad": "MAD",
    "درهم": "MAD", "دراهم": "MAD", "£": "GBP", "gbp": "GBP", "livres sterling": "GBP", "pounds": "GBP",
    "pound": "GBP", "libras": "GBP", "yuan": "CNY", "yuans": "CNY", "cny": "CNY",
    "francs cfa": "XOF", "fcfa": "XOF", "dinars": "DZD", "dinar": "DZD", "riyals": "SAR",
    "riyal": "SAR", "ريال": "SAR", "yen": "JPY", "pesos": "peso",
}
PERCENT_WORDS = ("%", "٪", "pour cent", "pourcent", "percent", "per cent", "por ciento",
                 "في المائة", "في المئة", "بالمائة", "بالمئة")

_NUM = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)*"
# Arabic-Indic and Persian digits, with the Arabic decimal and thousands separators ("٢٫٥" is
# 2.5, "٢٬٥٠٠" is 2,500), which `to_number` then reads as it reads "2.5" and "2,500" in Arabic
# text. One character for one, so positions in the text do not move.
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬", "01234567890123456789.,")
_ANY_ARABIC_DIGIT = re.compile("[٠-٩۰-۹٫٬]")
_GLUED_AND = re.compile(r"(?<!\w)و(?=\d)")  # Arabic "and" glued to a number ("و150")


def _western_digits(text: str) -> str:
    """*text* with Arabic-Indic digits as 0-9.

    str.translate looks every character up in its table; most sentences hold no
    such digit, and one regex scan tells so at a fraction of the cost.
    """
    return text.translate(_ARABIC_DIGITS) if _ANY_ARABIC_DIGIT.search(text) else text


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _by_first_letter(words) -> str:
    """An alternation of *words* grouped by first letter ("b(?:ank|anque|anco)|c(?:…)").

    The regex engine then tests a handful of first letters at each place instead of
    every word in turn. Within a letter the longest word comes first, so where one
    word is the start of another ("un", "une") the longer is still tried first, as in
    `_alt`: the match is the same. The words must be lower case (the patterns using
    this ignore case), or two groups could share a letter.
    """
    groups: dict[str, list[str]] = {}
    for word in sorted(words):
        groups.setdefault(word[0], []).append(word[1:])
    return "|".join(re.escape(first) + "(?:" + "|".join(map(re.escape, sorted(rests, key=len, reverse=True))) + ")"
                    for first, rests in groups.items())


_SCALE_ALT = _alt(SCALES)
_CUR_ALT = _alt(CURRENCIES)
# Tried at every word start of every sentence: grouped by first letter, this scan costs half.
_WORDNUM_ALT = _by_first_letter(WORD_NUMBERS)
_PCT_ALT = _alt(PERCENT_WORDS)

# Every character a figure can open with (a currency sign, a space, a digit, a word number's
# first letter): one class test turns away most word starts before the alternations run.
_FIGURE_OPENERS = "$€£\\s\\d" + "".join(sorted({w[0] for w in WORD_NUMBERS}))
FIGURE = re.compile(
    rf"(?<![\w.,])(?=[{_FIGURE_OPENERS}])(?P<cur1>[$€£])?\s?(?P<num>{_NUM}|(?:{_WORDNUM_ALT})(?=\s+[^\W\d_]|\s*d['’]))"
    rf"(?:\s*(?:-|–|à|to|and|a|y|et)\s*(?P<num2>{_NUM}))?"
    rf"(?:\s*(?P<scale>{_SCALE_ALT})\b\.?)?"
    rf"(?:\s*(?:de |d['’]|of |del )?\s*(?P<cur2>{_CUR_ALT})(?!\w))?"
    rf"(?:\s*(?P<pct>{_PCT_ALT}))?",
    re.IGNORECASE,
)
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

_MARKS = "\u064b-\u065f\u0670"  # Arabic short vowels and tanween ("هكتاراً")
_COUNT_NOUN = re.compile(rf"(?:\s*|-)(?P<noun>(?:[^\W\d_](?:[^\W\d_]|[{_MARKS}])*[-’']?)+(?:\s+[^\W\d_]+)?)")
_ADJ_BEFORE_NOUN = {"nouveaux", "nouvelles", "nouveau", "nouvelle", "new", "nuevos", "nuevas",
                    "autres", "other", "grands", "grandes", "petits", "jeunes", "young", "more",
                    "plus", "millions", "milliers"}


def to_number(text: str, language: str) -> float | None:
    """Read '10 000', '2.600' (fr/es), '2,600' (en), '1,5', 'un' as a number."""
    text = text.translate(_ARABIC_DIGITS).strip()
    low = text.lower()
    if low in WORD_NUMBERS:
        return float(WORD_NUMBERS[low])
    text = re.sub(r"[ \u00a0\u202f]", "", text)
    thousands, decimal = (",", ".") if language in ("en", "ar") else (".", ",")
    if re.fullmatch(rf"\d{{1,3}}(?:\{thousands}\d{{3}})+(?:\{decimal}\d+)?", text):
        text = text.replace(thousands, "")
    text = text.replace(decimal, ".")
    if text.count(".") > 1:
        return None
    try:
        return float(text)
    except ValueError:
        return None


def _clean_value(value: float) -> float | int:
    return int(value) if value == int(value) and abs(value) < 1e18 else round(value, 6)


def extract_figures(sentence: Sentence, language: str, context_currency: str | None = None
                    ) -> tuple[list[Fact], str | None]:
    """Money, percentages and counts in one sentence.

    Returns the facts and the last currency seen, which carries over to
    elliptical amounts in the next sentences ("les Etats-Unis dépensent 500 milliards").
    """
    text = _western_digits(sentence.text)
    if "و" in text:
        text = _GLUED_AND.sub(" ", text)  # "و150" -> " 150": "and" parted from the number, same length
    facts: list[Fact] = []
    taken: list[tuple[int, int]] = []
    if _YEAR_DIGITS.search(text):
        taken += [m.span() for m in YEAR_RANGE.finditer(text)] + [m.span() for m in FULL_DATE.finditer(text)]
    for m in FIGURE.finditer(text):
        if not m.group("num") or any(a <= m.start("num") < b for a, b in taken):
            continue
        number = to_number(m.group("num"), language)
        if number is None:
            continue
        scale_word = (m.group("scale") or "").lower()
        cur = m.group("cur1") or m.group("cur2")
        is_word_number = m.group("num").lower() in WORD_NUMBERS
        scale = SCALES.get(scale_word, 1.0)
        if scale_word in ("m", "mm", "md", "mds", "mmd", "mn", "bn") and not cur:
            scale, scale_word = 1.0, ""  # a bare "M" is more often a letter than a unit
        value = number * scale
        end = m.end()
        raw = m.group(0).strip()
        if m.group("pct"):
            facts.append(Fact("percent", raw, _clean_value(number), "%", sentence.id))
        elif cur:
            context_currency = CURRENCIES[cur.lower()]
            facts.append(Fact("money", raw, _clean_value(value), context_currency, sentence.id,
                              _subject(text[:m.start()])))
        elif scale_word and context_currency and not is_word_number and not _counts_something(text, end, language):
            facts.append(Fact("money", raw, _clean_value(value), context_currency, sentence.id,
                              _subject(text[:m.start()])))
        elif YEAR.fullmatch(m.group("num")) and not scale_word:
            continue  # a year: handled by dates
        else:
            if is_word_number and not scale_word and number < 2:
                continue  # "un", "a", "one": an article far more often than a count
            after = (re.match(r"\s*(?:de |d['’]|of |del )", text[end:])
                     if scale_word or is_word_number else None)
            noun = _COUNT_NOUN.match(text, end + (after.end() if after else 0))
            unit = _count_unit(noun.group("noun") if noun else "", language)
            if not unit and not scale_word:
                continue
            count_text = text[m.start():noun.start("noun") + len(unit)].strip() if unit else raw
            facts.append(Fact("count", count_text, _clean_value(value), unit or None, sentence.id,
                              _subject(text[:m.start()])))
        taken.append(m.span())
    return facts, context_currency


def _counts_something(text: str, end: int, language: str) -> bool:
    m = re.match(r"\s*(?:(?:de |d['’]|of |del )\s*)?(?P<noun>[^\W\d_]+)", text[end:])
    return bool(m and m.group("noun").lower() not in CURRENCIES and _count_unit(m.group("noun"), language))


def _count_unit(phrase: str, language: str) -> str:
    from .summarize import stopwords

    words_ = phrase.split()
    if not words_:
        return ""
    first = words_[0].lower().strip("’'")
    stops = stopwords(language)
    if (strip_accents(first) in stops or first in MONTHS or first in SCALES or first in CURRENCIES
            or first in ("er", "ère", "e", "ème", "eme", "st", "nd", "rd", "th", "º", "ans", "years", "años", "heures", "hours", "h", "fois", "times", "veces",
                         "jours", "days", "días", "mois", "months", "meses")):
        return ""
    if "-" in first and len(words_) > 1 and strip_accents(words_[1].lower()) not in stops:
        return f"{words_[0]} {words_[1]}"  # "two deep-water berths"
    if first in _ADJ_BEFORE_NOUN and len(words_) > 1 and strip_accents(words_[1].lower()) not in stops:
        return f"{words_[0]} {words_[1]}"
    return words_[0]


_SUBJECT_STOP = re.compile(r"[,;:()«»“”\"]")


def _subject(before: str) -> str | None:
    """The place or organisation a figure belongs to, when its clause names it."""
    clause = _SUBJECT_STOP.split(before[-200:])[-1]  # the clause just before the figure
    for name in capitalised_spans(clause):
        parts = name.split()
        for i in range(len(parts)):  # "Les Etats-Unis" -> "Etats-Unis"
            place = canonical_place(" ".join(parts[i:]))
            if place:
                return place
    return None


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

_KIND_WEIGHT = {"money": 5.0, "percent": 4.0, "count": 3.0, "period": 2.5, "date": 1.0}


def rank_facts(facts: list[Fact], summary_ids: set[str], order: dict[str, int]) -> list[Fact]:
    """Most useful first: money and rates over counts over dates, summary sentences first."""
    def score(f: Fact) -> tuple:
        weight = _KIND_WEIGHT.get(f.kind, 0) + (1.5 if f.sentence in summary_ids else 0)
        if f.kind == "count" and isinstance(f.value, (int, float)) and f.value < 10:
            weight -= 2.5  # "deux pays", "6 réservoirs": true but rarely what the box is for
        weight += 0.5 if f.subject else 0
        return (-weight, order.get(f.sentence, 0), f.text)

    seen, out = set(), []
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
