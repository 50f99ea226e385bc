"""Figures in news text (fr, en, es, ar): money, percentages and points, counts, measures,
durations and ages, with ranges, approximations, changes and the subject each one measures.

One pass per sentence: a regular expression finds each number (digits in any of the three
scripts, a currency sign before it, or a written-out number), then plain code reads what follows
it (a magnitude word, a currency, "%", a unit of `units.py`, a counted noun) and what precedes it
("près de", "between", "+", "hausse de"). A bare number in a list after a figure ("les Etats-Unis
dépensent 500 milliards, l'Union européenne 200, la Chine 138") takes that figure's magnitude and
unit. Dates, years, times of day, phone numbers, ordinals and ranks are not figures.

Why rules and not a library: quantulum3 (MIT, maintained) reads English only and loads a 20 MB
classifier; Microsoft's recognizers-text on PyPI is an unmaintained 2019 alpha. Neither reads
Arabic, French elision or "500 milliards, l'Union européenne 200". quantulum3's own test
sentences score this module (`python -m digest.eval figures`).
"""
from __future__ import annotations

import re

from ..model import Fact, Sentence
from ..text import strip_accents
from .numbers import (NUMBER, PERCENT_WORDS, POINT_WORDS, SCALES, to_number, western_digits,
                      _APPROX_WORDS, _ARTICLES, _DIGIT_NUMBER, _GLUED_AND, _GLUED_AND_WORD,
                      _GLUED_SCALES, _SECOND_NUMBER, _SHORT_SCALES, _SIGNS, _TOKENS, _WORD_SET, _alt,
                      _clean_value, _valid_words)  # noqa: F401 (re-exported)
from .tail import _SCALE_RE, _read_tail
from .units import CURRENCIES, CURRENCY_SIGNS, SYMBOLS, WORDS

# --- what is not a figure ----------------------------------------------------------

from ..dates import MONTHS  # noqa: E402

_MONTH_ALT = _alt([m for m in MONTHS if not m.isascii() or len(m) > 3] + ["février", "août", "décembre"])
_NOT_FIGURES = re.compile(
    rf"(?=[\d+(])(?:(?<![\d,.])(?:19|20)\d{{2}}\s*(?:[-–/]|\b(?:y|et|à|and|to|al)\b)\s*(?:(?:19|20)\d{{2}}|\d{{2}}\b)(?![\d%]|[,.]\d)"  # 2025-2029, 2013-14
    rf"|\b\d{{1,2}}(?:er|st|nd|rd|th)?\s+(?:de\s+)?(?:{_MONTH_ALT})(?:\s+(?:de\s+)?\d{{4}})?\b"  # 2 juillet (2025)
    r"|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b"  # 02/07/2025, 2025-07-02
    r"|\b\d{1,2}\s?[:h]\s?\d{2}\b(?!\s?%)|\b\d{1,2}(?:[.:]\d{2})?\s?(?:a\.m\.|p\.m\.|am\b|pm\b)"  # 14h30, 2 pm
    r"|(?:\+\d{1,3}[\s.-]?)(?:\(?\d{1,4}\)?[\s.-]?){2,5}\d{2,4}|\b0\d(?:[\s.-]\d{2}){4}\b"  # phones
    r"|\(\d{3}\)\s?\d{3}-\d{4}|\b\d{3}-\d{3}-\d{4}\b"
    r"|\b\d+(?:er|ère|re|e|ème|eme|è|nd|nde|st|rd|th|º|ª|°(?=\s+[a-zé]))\b)",  # ordinals
    re.IGNORECASE,
)
_LABEL_BEFORE = re.compile(r"(?:\bn[°º]|\bno\.|#|\b(?:numéro|número|number|rank|rang|top|page|p\.|art\.|article|artículo))\s?$",
                           re.IGNORECASE)  # "No. 1", "page 3", "article 12": a label, not a figure
_IDENTIFIER = re.compile(r"[A-Za-z]+\d|[-/]?\d*[A-Za-z]*\d+[A-Za-z]")  # "06F6", "J1149": a name, not a figure
_YEAR = re.compile(r"(?:1[5-9]|20)\d{2}")
_ANY_DIGIT = re.compile(r"\d")
_TIME_BEFORE = re.compile(r"(?:\bà|\ba\s+las|\ba\s+la|\bat|\bvers|\bdès|\bjusqu'à|\bhasta\s+las|\bdesde\s+las|الساعة)\s*$",
                          re.IGNORECASE)


def _masked(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _NOT_FIGURES.finditer(text)]


# --- what follows a number -----------------------------------------------------------

_RANGE_SEP = re.compile(r"\s*(?:-|–|—|(?:and\s+up\s+to|jusqu['’]à|hasta|to|au|à|a|y|et|and|إلى|و)(?=\s))\s*(?=[-−]?[\d$€£]|[^\W\d_])",
                        re.IGNORECASE)
_RANGE_OPEN = re.compile(r"(?:\bentre|\bbetween|\bfrom|\bde|\bdesde|\bdu|\bبين|\bمن)\s+$", re.IGNORECASE)
_COUNT_NOUN = re.compile(r"(?:\s*|-)(?P<noun>(?:[^\W\d_](?:[^\W\d_]|[\u064b-\u065f\u0670])*[-’']?)+(?:\s+[^\W\d_]+)?)")
_GROUP_NOUNS = {"milliers": 1000, "thousands": 1000, "miles": 1000, "centaines": 100, "hundreds": 100, "cientos": 100,
                "millions": 1e6, "millones": 1e6, "الآلاف": 1000, "آلاف": 1000, "الملايين": 1e6, "ملايين": 1e6}
_ADJ_BEFORE_NOUN = {"nouveaux", "nouvelles", "nouveau", "nouvelle", "new", "nuevos", "nuevas",
                    "autres", "other", "grands", "grandes", "petits", "jeunes", "young", "more",
                    "plus", "millions", "milliers"}
_NOT_COUNTED = {"er", "ère", "e", "ème", "eme", "st", "nd", "rd", "th", "º", "fois", "times", "veces", "مرة", "مرات",
                "fold", "x", "pour", "for", "in", "on", "at", "to", "by", "and", "or", "et", "ou", "y", "o",
                "contre", "against", "frente", "sur", "out", "percent", "points", "point", "puntos", "punto",
                "whose", "which", "who", "whom", "that", "qui", "que", "dont", "où", "cuyo", "cuya", "cuyos", "cuyas",
                "third", "thirds", "quarter", "quarters", "half", "tiers", "quart", "quarts", "moitié", "tercio",
                "tercios", "cuarto", "cuartos", "mitad"}

# --- what precedes a number -----------------------------------------------------------

_APPROX = {
    "~": ("près de", "environ", "quelque", "quelques", "autour de", "approximativement", "à peu près", "presque",
          "about", "around", "roughly", "approximately", "nearly", "almost", "some", "circa", "an estimated",
          "estimated", "unos", "unas", "cerca de", "casi", "alrededor de", "aproximadamente", "en torno a",
          "حوالي", "حوالى", "نحو", "قرابة", "زهاء", "ما يقارب", "ما يناهز", "تقريبا"),
    ">": ("plus de", "au moins", "more than", "over", "at least", "upwards of", "above", "in excess of",
          "más de", "al menos", "por lo menos", "أكثر من", "ما لا يقل عن", "ازيد من", "أزيد من"),
    "<": ("moins de", "moins d'", "moins d’", "less than", "fewer than", "under", "below", "up to", "jusqu'à",
          "jusqu’à", "menos de", "hasta", "أقل من"),
}
_APPROX_RE = re.compile(
    "(?:" + "|".join(rf"(?P<a{i}>(?<![^\W\d_])(?:{_alt(words)}))" for i, words in enumerate(_APPROX.values()))
    + r")\s*$", re.IGNORECASE)
_UP = ("hausse de", "augmentation de", "progression de", "croissance de", "en hausse de", "a augmenté de",
       "ont augmenté de", "a progressé de", "a grimpé de", "a bondi de", "gagné", "rose", "rose by", "rising",
       "risen", "increase of", "increased by", "increase by", "up", "gained", "jumped", "grew", "grew by",
       "surged", "climbed", "growth of", "aumento de", "aumento del", "subió", "subida de", "subida del", "creció",
       "crecimiento de", "crecimiento del", "alza de", "alza del", "incremento de", "incremento del",
       "ارتفاع بنسبة", "ارتفع بنسبة", "زيادة بنسبة", "ارتفاع", "زيادة", "نمو بنسبة")
_DOWN = ("baisse de", "recul de", "chute de", "diminution de", "en baisse de", "a baissé de", "a reculé de",
         "a chuté de", "perdu", "fell", "fell by", "dropped", "declined", "decline of", "decrease of",
         "decreased by", "down", "lost", "slipped", "shrank", "cut by", "cayó", "caída de", "caída del", "bajó",
         "descenso de", "descenso del", "retroceso de", "retroceso del", "disminución de", "disminución del",
         "baja de", "baja del", "انخفاض بنسبة", "انخفض بنسبة", "تراجع بنسبة", "انخفاض", "تراجع")
_CHANGE_RE = re.compile(rf"(?:(?P<up>(?<![^\W\d_])(?:{_alt(_UP)}))|(?P<down>(?<![^\W\d_])(?:{_alt(_DOWN)})))\s*(?:de\s+|of\s+|by\s+|en\s+|del\s+)?$",
                        re.IGNORECASE)
_CONNECTORS = {"de", "of", "by", "en", "del", "d'", "d’"}
_WORDS_AT_END = re.compile(r"[^\W\d_]+['’]?|['’]")
_APPROX_PHRASES = {tuple(_WORDS_AT_END.findall(p.lower())): sym for sym, phrases in _APPROX.items() for p in phrases}
_CHANGE_PHRASES = {**{tuple(_WORDS_AT_END.findall(p.lower())): "+" for p in _UP},
                   **{tuple(_WORDS_AT_END.findall(p.lower())): "-" for p in _DOWN}}


def _ending(before: str, phrases: dict[tuple, str]) -> str | None:
    """The value of the phrase of *phrases* that *before* ends with ("près de", "hausse de")."""
    last = before[-1:]
    if last and not (last.isspace() or last in "'’"):
        return None
    words_ = tuple(_WORDS_AT_END.findall(before[-40:].lower())[-5:])
    for k in range(len(words_), 0, -1):
        tail = words_[-k:]
        value = phrases.get(tail)
        if value is None and k > 1 and tail[-1] in _CONNECTORS:
            value = phrases.get(tail[:-1])
        if value is not None:
            return value
    return None


_MULTIPLY = re.compile(
    r"(?P<x2>a doublé|ont doublé|doublé|doubled|doubling|se ha duplicado|se duplicó|duplicó|تضاعف|تضاعفت)"
    r"|(?P<x3>a triplé|ont triplé|triplé|tripled|se ha triplicado|se triplicó|triplicó)"
    r"|(?P<half>(?:fell|dropped|cut|shrank|declined) by half|(?:a|ont) (?:baissé|chuté|reculé|diminué) de moitié"
    r"|halved|réduit de moitié|(?:cayó|se redujo|bajó) (?:a|en) la mitad)"
    r"|(?P<third>(?:fell|dropped|cut|shrank|declined) by a third|(?:a|ont) (?:baissé|chuté|reculé|diminué) d['’]un tiers)"
    r"|(?P<quarter>(?:fell|dropped|cut|shrank|declined) by a quarter|(?:a|ont) (?:baissé|chuté|reculé|diminué) d['’]un quart)",
    re.IGNORECASE)
_MULTIPLY_HINTS = ("doubl", "tripl", "duplic", "moiti", "half", "halved", "third", "tiers", "quart", "mitad", "تضاعف")
_AGE_BEFORE = re.compile(r"(?:âgée?s? de|à l['’]âge de|aged|at the age of|a los|de edad de|البالغ من العمر|عمره|عمرها)\s*$",
                         re.IGNORECASE)
_AGE_AFTER = re.compile(r"\s*(?:-?\s*(?:year|years)[- ]old|-old|\s+old|years of age|de edad|d['’]âge)", re.IGNORECASE)
_LIST_GAP = re.compile(r"^(?:\s*(?:,|;|،|\bet\b|\band\b|\by\b|\bو|\bou\b|\bor\b|\bo\b|\bcontre\b|\bagainst\b|\bfrente a\b)\s*)"
                       r"(?:[^\W\d_][\w'’\-]*\s*){0,4}$", re.IGNORECASE)
_BEFORE_NEXT = re.compile(r"\s*(?:,|or|ou|o|and|et|y|و|،)\s*(?:(?:-|–)\s*)?", re.IGNORECASE)
_BARE_AFTER = re.compile(r"\s*(?:$|[,;.)،؛]|\s(?:et|and|y|و|ou|or|contre|against|tandis|while|mientras)\b)", re.IGNORECASE)


def _stopwords(language: str):
    from ..summarize import stopwords

    return stopwords(language)


def _count_unit(phrase: str, language: str) -> str:
    words_ = phrase.split()
    if not words_:
        return ""
    first = words_[0].lower().strip("’'")
    stops = _stopwords(language)
    if (strip_accents(first) in stops or first in MONTHS or first in SCALES or first in CURRENCIES
            or first in _NOT_COUNTED or first in WORDS):
        return ""
    if "-" in first and len(words_) > 1 and strip_accents(words_[1].lower()) not in stops:
        return f"{words_[0]} {words_[1]}"  # "two deep-water berths"
    if len(first) < 2 and not "\u0600" <= first[:1] <= "\u06ff":
        return ""  # "1.92p", "25 x": a letter, not a thing counted
    if ((first in _ADJ_BEFORE_NOUN or language == "en" and first.endswith(("ed", "ing", "al", "ive", "ous", "ic", "ful")))
            and len(words_) > 1 and strip_accents(words_[1].lower()) not in stops and words_[1].isalpha()):
        return f"{words_[0]} {words_[1]}"  # "six unnamed men", "nouveaux ports"
    return words_[0]


_SUBJECT_STOP = re.compile(r"[,;:()«»“”\"،؛]|\b(?:et|and|y|tandis que|while|mientras)\b")
_SUBJECT_SKIP = {"selon", "according", "según", "mais", "but", "pero", "pour", "for", "para", "en", "in", "dans",
                 "le", "la", "les", "l", "el", "los", "las", "the", "un", "une", "a", "de", "du", "des", "of"}


_WEEKDAYS = {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "monday", "tuesday",
             "wednesday", "thursday", "friday", "saturday", "sunday", "lunes", "martes", "miercoles", "jueves",
             "viernes", "sabado", "domingo"}


def _organisations() -> dict[str, str]:
    try:
        from ..entities.lexicon import organisation_names
    except ImportError:  # the entity package without its list
        return {}
    return organisation_names()


def _subject(before: str, language: str = "") -> str | None:
    """What a figure measures when its clause names it: a place (canonical English name, as the
    registry keys places) or, failing that, the organisation or name written there."""
    from ..entities import canonical_place, capitalised_spans

    clause = _SUBJECT_STOP.split(before[-200:])[-1]  # the clause just before the figure
    if not clause.strip() or language != "ar" and clause == clause.lower():
        return None  # no capital, no name: most clauses, at the cost of one lower()
    if language == "ar":  # no capitals: the last words of the clause, "و" ("and") parted from them
        words_ = [w[1:] if w.startswith("وال") else w for w in clause.split()[-3:]]
        for k in range(len(words_), 0, -1):
            text = " ".join(words_[-k:])
            place = canonical_place(text)
            if place or strip_accents(text.lower()) in _organisations():
                return place or text
    names = capitalised_spans(clause)
    for name in names:
        parts = name.split()
        for i in range(len(parts)):  # "Les Etats-Unis" -> "Etats-Unis"
            place = canonical_place(" ".join(parts[i:]))
            if place:
                return place
    stops = _stopwords(language) if language else frozenset()
    for name in reversed(names):
        low = name.lower()
        if (name in SYMBOLS or low in WORDS or low in CURRENCIES or strip_accents(low) in stops
                or strip_accents(low) in MONTHS or low in MONTHS or strip_accents(low) in _WEEKDAYS):
            continue
        words_ = re.sub(r"^(?:[lLdD]['’])", "", name).split()
        while words_ and words_[0].lower().strip("'’") in _SUBJECT_SKIP:
            words_ = words_[1:]
        if words_ and len(" ".join(words_)) > 1 and not any(c.isdigit() for c in words_[0]):
            text = " ".join(words_)
            if len(words_) == 1 and before.lstrip().startswith(name):
                continue
            rest = clause[clause.rfind(name) + len(name):].split()
            orgs = _organisations()
            for n in (2, 1):  # "l'Union européenne 200": the listed name runs past its capital
                longer = " ".join([text, *rest[:n]])
                if len(rest) >= n and strip_accents(longer.lower()) in orgs:
                    return longer
            if len(words_) > 1 or text.isupper() and len(text) > 1 or strip_accents(text.lower()) in orgs:
                return text  # a name of two words, an acronym ("ONU") or a listed organisation
            # one capitalised word ("Encadré", "Comité", "Face") is too often not a name
    return None


# --- one sentence ------------------------------------------------------------------

class _Figure:
    __slots__ = ("start", "end", "value", "kind", "unit", "scale", "approx", "low", "high", "change", "explicit",
                 "text_end")

    def __init__(self, start, end, value, kind, unit, scale, explicit):
        self.start, self.end, self.value, self.kind, self.unit = start, end, value, kind, unit
        self.scale, self.explicit = scale, explicit
        self.approx = self.low = self.high = self.change = None
        self.text_end = end


def extract_figures(sentence: Sentence, language: str, context_currency: str | None = None
                    ) -> tuple[list[Fact], str | None]:
    """The figures of one sentence, and the last currency seen, which carries over to
    elliptical amounts in the next sentences ("les Etats-Unis dépensent 500 milliards")."""
    raw_text = sentence.text
    text = western_digits(raw_text)
    if "و" in text:
        text = _GLUED_AND.sub(" ", text)  # "و150" -> " 150": "and" parted from the number, same length
        if language == "ar":
            text = _GLUED_AND_WORD.sub(" ", text)  # "وخمسة" -> " خمسة"
    scan = NUMBER if not _WORD_SET.isdisjoint(_TOKENS.split(text.lower())) else _DIGIT_NUMBER
    first = scan.search(text)
    if first is None:
        return _multiplied(text, sentence, language), context_currency
    masked = _masked(text) if _ANY_DIGIT.search(text) else []
    figures: list[_Figure] = []
    pos = 0
    while True:
        m, first = (first, None) if first is not None else (scan.search(text, pos), None)
        if not m:
            break
        pos = m.end()
        start_num = m.start("num")
        if (any(a <= start_num < b for a, b in masked) or _IDENTIFIER.match(text, m.end())
                or _LABEL_BEFORE.search(text, max(0, start_num - 12), start_num)):
            continue
        num_text = m.group("num")
        num_end = m.end()
        is_word = num_text[0].isalpha()
        if is_word and num_text.lower() in _ARTICLES and not _SCALE_RE.match(text, num_end):
            continue  # "un", "a": an article, unless a magnitude follows ("un trillion de dollars")
        if is_word:
            num_text = _valid_words(num_text, language)
            if not num_text:
                continue  # a word of another language ("once" in English, "a" in Spanish)
            num_end = start_num + len(num_text)
            pos = num_end
        number = to_number(num_text, language)
        if number is None:
            continue
        sign = m.group("sign") or m.group("sign2")
        if sign in ("-", "−"):
            number = -number
        pre = m.group("pre")
        pre_currency = None
        if pre:
            p = pre.strip()
            pre_currency = CURRENCY_SIGNS.get(p) or CURRENCIES.get(p.lower()) or {"DH": "MAD"}.get(p.upper())
        end, scale, kind, unit = _read_tail(text, num_end, pre_currency, language, is_word, abs(number))
        if is_word and scale == 1.0 and num_text.lower() in _ARTICLES:
            pos = num_end
            continue  # "a €1.8 billion plan", "a year", "un litre sur quatre": an article, not a figure
        explicit = kind is not None
        start = m.start() if (pre or sign) else start_num
        if unit == "h" and abs(number) <= 24 and _TIME_BEFORE.search(text[max(0, start - 16):start]):
            continue  # "à 18 heures": a time of day
        figure = _Figure(start, end, number * scale, kind, unit, scale, explicit)
        if sign == "+":
            figure.change = "+"
        # a range: "8 à 10 %", "between 44 and 50 mg", "2 to 3 million", "10-15 exabytes"
        sep = _RANGE_SEP.match(text, end)
        if sep:
            m2 = _SECOND_NUMBER.match(text, sep.end())
            connector = sep.group(0).strip().lower()
            window = max(0, start - 12)
            opened = _RANGE_OPEN.search(text[window:start])
            if m2 and (connector in ("-", "–", "—", "à", "to", "au", "a", "jusqu'à", "jusqu’à", "hasta", "إلى")
                       or opened and connector in ("et", "and", "y", "و")) and not (connector in ("a", "au") and not opened and not kind):
                n2 = to_number(m2.group("num"), language)
                if n2 is not None and not any(a <= m2.start("num") < b for a, b in masked):
                    if m2.group("sign") in ("-", "−") or m2.group("sign2"):
                        n2 = -n2
                    pre2 = m2.group("pre")
                    cur2 = (CURRENCY_SIGNS.get(pre2.strip()) or CURRENCIES.get(pre2.strip().lower())) if pre2 else None
                    end2, scale2, kind2, unit2 = _read_tail(text, m2.end(), cur2 or pre_currency, language,
                                                            m2.group("num")[0].isalpha(), abs(n2))
                    same = (kind2 == kind and unit2 == unit) or kind is None or (kind2 is None and end2 == m2.end())
                    if same and (kind or kind2):
                        if kind is None:
                            kind, unit = kind2, unit2
                            scale = scale2 if scale == 1.0 else scale
                        if scale2 == 1.0:
                            scale2 = scale
                        low, high = number * scale, n2 * scale2
                        if low != high and (low < high or kind == "measure" and unit in ("°C", "°F", "°")):
                            figure = _Figure(start, end2, low, kind, unit, scale, True)
                            figure.low, figure.high = min(low, high), max(low, high)
                            if opened:
                                figure.start = window + opened.start()
                            pos = end2
                            end = end2
        figure.kind, figure.unit = figure.kind or kind, figure.unit or unit
        before = text[max(0, figure.start - 40):figure.start]
        if figure.approx is None:
            figure.approx = _ending(before, _APPROX_PHRASES)
        if is_word and any(w in _APPROX_WORDS for w in num_text.lower().split()):
            figure.approx = figure.approx or "~"
        if figure.change is None and figure.kind in ("percent", "money", "measure"):
            figure.change = _ending(before, _CHANGE_PHRASES)
        if figure.kind == "duration" and (_AGE_BEFORE.search(before) or _AGE_AFTER.match(text, figure.end)):
            figure.kind = "age"
            a = _AGE_AFTER.match(text, figure.end)
            if a:
                figure.end = a.end()
        figure.explicit = figure.kind is not None
        figures.append(figure)
    for f, g in reversed(list(zip(figures, figures[1:]))):
        # "45 and 50 mg", "2, 3 or 4 days", "2 or 3 million": a bare number takes the next one's unit
        if (f.kind is None and f.scale == 1.0 and g.kind is not None and f.low is None
                and _BEFORE_NEXT.fullmatch(text, f.end, g.start) and not _YEAR.fullmatch(text[f.start:f.end].strip())):
            f.kind, f.unit, f.scale, f.value = g.kind, g.unit, g.scale, f.value * g.scale
    facts: list[Fact] = []
    previous: _Figure | None = None
    made: list[Fact | None] = []
    for f in figures:
        fact, context_currency = _to_fact(f, text, raw_text, sentence, language, context_currency, previous)
        made.append(fact)
        if fact is not None:
            previous = f
    for i in range(len(figures) - 2, -1, -1):  # "45 and 50 cases": the bare number counts the same things
        f, g, fact = figures[i], figures[i + 1], made[i + 1]
        if (made[i] is None and fact is not None and fact.kind == "count" and fact.unit and f.kind is None
                and f.scale == 1.0 and _BEFORE_NEXT.fullmatch(text, f.end, g.start)
                and not _YEAR.fullmatch(text[f.start:f.end].strip()) and not text[f.start].isalpha()):
            made[i] = Fact("count", raw_text[f.start:f.end].strip(), _clean_value(f.value), fact.unit, sentence.id,
                           fact.subject, approx=f.approx)
            f.kind = "count"
    facts, reach = [], -1
    for f, fact in zip(figures, made):
        if fact is not None and f.start >= reach:  # "dizaines de milliers": "milliers" is in the first
            facts.append(fact)
            reach = max(reach, f.end)
    facts.extend(_multiplied(text, sentence, language))
    return facts, context_currency


def _multiplied(text: str, sentence: Sentence, language: str) -> list[Fact]:
    """"a doublé", "tripled", "fell by a third": a change without a number."""
    facts: list[Fact] = []
    low = text.lower()
    if not any(hint in low for hint in _MULTIPLY_HINTS):
        return facts  # most sentences: a few substring tests
    for m in _MULTIPLY.finditer(text):
        if m.group("x2") or m.group("x3"):
            facts.append(Fact("change", m.group(0), 2 if m.group("x2") else 3, "×", sentence.id,
                              _subject(text[:m.start()], language), change="+"))
        else:
            value = {"half": -50, "third": -33.3, "quarter": -25}[m.lastgroup]
            facts.append(Fact("percent", m.group(0), value, "%", sentence.id, _subject(text[:m.start()], language), change="-"))
    return facts


def _to_fact(f: _Figure, text: str, raw_text: str, sentence: Sentence, language: str,
             context_currency: str | None, previous: _Figure | None):
    number_text = text[f.start:f.end]
    is_word = number_text[:1].isalpha()
    kind, unit, value = f.kind, f.unit, f.value

    def fact(kind, unit, end=None, value=value):
        end = f.end if end is None else end
        f.kind, f.unit = kind, unit
        extra = {}
        if f.low is not None:
            extra = {"low": _clean_value(f.low), "high": _clean_value(f.high)}
        return Fact(kind, raw_text[f.start:end].strip(), _clean_value(value), unit, sentence.id,
                    _subject(text[:f.start], language), approx=f.approx, change=f.change, **extra)

    if is_word and f.scale == 1.0 and number_text.strip().lower() in _ARTICLES and kind != "measure":
        return None, context_currency  # "a €1.8 billion plan": an article, not "1 euro"
    if kind == "money":
        return fact("money", unit), unit
    if kind in ("percent", "measure", "duration", "age"):
        if kind in ("duration", "age") and is_word and abs(value) == 1 and number_text.split()[0].lower() in _ARTICLES | {"one"}:
            return None, context_currency  # "un an", "a year": a phrase, not a figure
        if kind == "measure" and unit == "°" and _YEAR.fullmatch(number_text):
            return None, context_currency
        return fact(kind, unit), context_currency
    # no unit after the number
    year_like = not is_word and f.scale == 1.0 and _YEAR.fullmatch(number_text.strip()) is not None
    if f.scale > 1.0 and context_currency and not is_word and not _counts_something(text, f.end, language):
        return fact("money", context_currency), context_currency
    if previous is not None and (previous.unit or previous.scale > 1) and f.scale == 1.0 and not year_like and f.low is None:
        gap = text[previous.end:f.start]
        if (_LIST_GAP.match(gap) and not any(c.isdigit() for c in gap) and _BARE_AFTER.match(text, f.end)
                and previous.kind in ("money", "measure", "percent", "count") and not is_word):
            if previous.kind == "count" and previous.unit:
                return None, context_currency  # "12 bancos y 3": too loose to inherit a noun
            scale = previous.scale if previous.scale > 1 and abs(f.value) < 1000 else 1.0
            f.kind, f.unit, f.scale = previous.kind, previous.unit, scale
            out = Fact(previous.kind, raw_text[f.start:f.end].strip(), _clean_value(f.value * scale), previous.unit,
                       sentence.id, _subject(text[:f.start], language), approx=f.approx)
            return out, context_currency
    if year_like:
        return None, context_currency  # a year: handled by dates
    if is_word and f.scale == 1.0 and abs(value) < 2:
        return None, context_currency  # "un", "a", "one": an article far more often than a count
    after = re.match(r"\s*(?:de |d['’]|of |del )", text[f.end:]) if f.scale > 1 or is_word else None
    noun = _COUNT_NOUN.match(text, f.end + (after.end() if after else 0))
    while noun and noun.group("noun").split()[0].lower() in _GROUP_NOUNS:
        # "dizaines de milliers de manifestants": the group multiplies, the noun comes after it
        group = noun.group("noun").split()[0]
        value *= _GROUP_NOUNS[group.lower()]
        f.approx = f.approx or "~"
        after = re.match(r"\s*(?:de |d['’]|of |del |من )", text[noun.start("noun") + len(group):])
        if not after:
            break
        noun = _COUNT_NOUN.match(text, noun.start("noun") + len(group) + after.end())
    counted = _count_unit(noun.group("noun") if noun else "", language)
    if counted and not is_word and noun.start("noun") == f.end and counted.isascii():
        counted = ""  # "1cds", "32K word": letters glued to digits abbreviate a unit, they count nothing
    if counted and len(counted) < 3 and counted.isascii():
        counted = ""  # "2.123 pm", "66 Ma", "5 fb": an abbreviation of a unit not in the tables
    if not counted and f.scale == 1.0:
        return None, context_currency
    end = noun.start("noun") + len(counted) if counted else f.end
    f.kind, f.unit = "count", counted or None
    out = fact("count", counted or None, end=end, value=value)
    f.end = max(f.end, end)
    return out, context_currency


def _counts_something(text: str, end: int, language: str) -> bool:
    m = re.match(r"\s*(?:(?:de |d['’]|of |del )\s*)?(?P<noun>[^\W\d_]+)", text[end:])
    return bool(m and m.group("noun").lower() not in CURRENCIES and _count_unit(m.group("noun"), language))
