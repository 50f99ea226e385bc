"""Numbers as news writes them (fr, en, es, ar): digits in three scripts with their separators,
written-out numbers, magnitude words, fractions and scientific notation, read into values.

Split from `figures.py`, which finds figures and reads what surrounds each number.
"""
from __future__ import annotations

import re

from .units import CURRENCY_SIGNS

# --- numbers -----------------------------------------------------------------

SCALES = {
    "mille": 1e3, "thousand": 1e3, "mil": 1e3, "ألف": 1e3, "آلاف": 1e3, "ألفا": 1e3,
    "million": 1e6, "millions": 1e6, "millón": 1e6, "millon": 1e6, "millones": 1e6,
    "مليون": 1e6, "ملايين": 1e6, "مليونا": 1e6, "m": 1e6, "mn": 1e6, "mio": 1e6,
    "milliard": 1e9, "milliards": 1e9, "billion": 1e9, "billions": 1e9, "millardo": 1e9,
    "millardos": 1e9, "mil millones": 1e9, "مليار": 1e9, "مليارات": 1e9, "مليارا": 1e9, "md": 1e9,
    "mds": 1e9, "mmd": 1e9, "mm": 1e9, "bn": 1e9, "b": 1e9,
    # In the press "trillion" follows US usage (10^12), also in French ("un trillion de dollars").
    "trillion": 1e12, "trillions": 1e12, "billón": 1e12, "billones": 1e12, "تريليون": 1e12, "tn": 1e12,
}
_SHORT_SCALES = {"m", "mn", "md", "mds", "mmd", "mm", "bn", "b", "tn", "mio"}  # only with a currency
_GLUED_SCALES = {"k": 1e3, "K": 1e3, "M": 1e6, "m": 1e6, "mn": 1e6, "B": 1e9, "bn": 1e9, "b": 1e9,
                 "T": 1e12, "tn": 1e12, "Md": 1e9, "Mds": 1e9}

# Written-out numbers; the words each language reads ("once" is 11 in Spanish, "miles" 1000).
_UNITS_WORDS = {
    "en": {"zero": 0, "one": 1, "a": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
           "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
           "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
           "hundred": 100, "thousand": 1000, "dozen": 12, "dozens": 24, "hundreds": 100, "thousands": 1000,
           "half": 0.5},
    "fr": {"zéro": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
           "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15,
           "seize": 16, "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50,
           "soixante": 60, "quatre-vingt": 80, "quatre-vingts": 80, "quatrevingt": 80, "quatrevingts": 80, "cent": 100, "cents": 100, "mille": 1000,
           "dizaine": 10, "dizaines": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30,
           "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60, "centaine": 100, "centaines": 100,
           "millier": 1000, "milliers": 1000, "demi": 0.5},
    "es": {"cero": 0, "un": 1, "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
           "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14,
           "quince": 15, "dieciséis": 16, "veinte": 20, "veinticinco": 25, "treinta": 30, "cuarenta": 40,
           "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90, "cien": 100,
           "ciento": 100, "doscientos": 200, "doscientas": 200, "trescientos": 300, "trescientas": 300,
           "cuatrocientos": 400, "quinientos": 500, "quinientas": 500, "seiscientos": 600,
           "setecientos": 700, "ochocientos": 800, "novecientos": 900, "mil": 1000, "docena": 12,
           "docenas": 24, "decenas": 10, "veintena": 20, "treintena": 30, "centenar": 100,
           "centenares": 100, "cientos": 100, "miles": 1000, "medio": 0.5, "media": 0.5},
    "ar": {"واحد": 1, "اثنان": 2, "اثنين": 2, "ثلاثة": 3, "ثلاث": 3, "أربعة": 4, "أربع": 4, "خمسة": 5, "خمس": 5,
           "ستة": 6, "ست": 6, "سبعة": 7, "سبع": 7, "ثمانية": 8, "ثماني": 8, "تسعة": 9, "تسع": 9, "عشرة": 10,
           "عشر": 10, "عشرين": 20, "عشرون": 20, "ثلاثين": 30, "ثلاثون": 30, "أربعين": 40, "أربعون": 40,
           "خمسين": 50, "خمسون": 50, "مائة": 100, "مئة": 100, "مئات": 100, "آلاف": 1000, "عشرات": 10},
}
_ALL_WORDS = {w: v for table in _UNITS_WORDS.values() for w, v in table.items()}
_GLUED_AND_WORD = re.compile("(?<!\\w)و(?=(?:" + "|".join(sorted(_UNITS_WORDS["ar"], key=len, reverse=True)) + ")(?!\\w))")
WORD_NUMBERS = _ALL_WORDS  # kept for callers of digest.facts.WORD_NUMBERS
_APPROX_WORDS = {"dozens", "hundreds", "thousands", "dizaine", "dizaines", "douzaine", "quinzaine", "vingtaine",
                 "trentaine", "quarantaine", "cinquantaine", "soixantaine", "centaine", "centaines", "millier",
                 "milliers", "docenas", "decenas", "veintena", "treintena", "centenar", "centenares", "cientos",
                 "miles", "مئات", "آلاف", "عشرات"}
_ARTICLES = {"a", "un", "une", "uno", "una"}
_MULTIPLIERS = (_APPROX_WORDS | {"dozen", "douzaine", "docena"}) - {"miles", "thousands", "hundreds", "dozens"}
_JOIN = {"and", "et", "y"}

PERCENT_WORDS = ("%", "٪", "pour cent", "pourcent", "pour-cent", "percent", "per cent", "por ciento",
                 "في المائة", "في المئة", "بالمائة", "بالمئة", "pct")
POINT_WORDS = ("points de pourcentage", "point de pourcentage", "percentage points", "percentage point",
               "puntos porcentuales", "punto porcentual", "نقطة مئوية", "نقاط مئوية", "pp", "p.p.", "pts de %")

_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬", "01234567890123456789.,")
_ANY_ARABIC_DIGIT = re.compile("[٠-٩۰-۹٫٬]")
_GLUED_AND = re.compile(r"(?<!\w)و(?=\d)")  # Arabic "and" glued to a number ("و150")
_FRACTIONS = {"½": 0.5, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 0.25, "¾": 0.75, "⅕": 0.2, "⅛": 0.125}


def western_digits(text: str) -> str:
    """*text* with Arabic-Indic and Persian digits (and the Arabic separators) as 0-9 , .

    One character for one, so positions do not move. Most sentences hold no such digit, and
    one regex scan tells so at a fraction of the cost of str.translate.
    """
    return text.translate(_ARABIC_DIGITS) if _ANY_ARABIC_DIGIT.search(text) else text


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _by_first_letter(words) -> str:
    """An alternation grouped by first letter: the engine tests a handful of letters, not every word."""
    groups: dict[str, list[str]] = {}
    for word in sorted(words):
        groups.setdefault(word[0], []).append(word[1:])
    return "|".join(re.escape(first) + "(?:" + "|".join(map(re.escape, sorted(rests, key=len, reverse=True))) + ")"
                    for first, rests in groups.items())


_DIGITS = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)*"
_FRAC = "".join(_FRACTIONS)
_WORD = _by_first_letter(_ALL_WORDS)
_WORDSEQ = rf"(?:{_WORD})(?:(?:\s*-\s*|\s+(?:and\s+(?:a\s+)?|et\s+|y\s+)?)(?:{_WORD})(?![\w'’-]))*"
_SIGNS = _alt(CURRENCY_SIGNS)
_NUMBER = (
    rf"(?P<sign>[-−+](?=[\d$€£]))?(?P<pre>{_SIGNS}|(?:USD|EUR|GBP|MAD|CHF|JPY|CNY|DH)\s)?\s?"
    rf"(?P<sign2>[-−](?=\d))?"
    rf"(?P<num>\d+(?:[.,]\d+)?\s?[x×]\s?10\^?[-−]?\d+|\d+(?:\.\d+)?e[-−]?\d+(?![\w])|(?:\d+\s+)?\d+/\d+|\d*[{_FRAC}]|(?:{_DIGITS})(?:[{_FRAC}])?|(?:{_WORDSEQ})(?![\w'’]))")
# Every character a figure can open with: one class test turns most positions away before the
# alternations run.
_OPENERS = "$€£¥+\\-−\\d" + re.escape(_FRAC) + "".join(sorted({w[0] for w in _ALL_WORDS} | {w[0].upper() for w in _ALL_WORDS})) + "ACHRUEGMDJ"
NUMBER = re.compile(rf"(?<![\w.,/\-−+^])(?=[{_OPENERS}]){_NUMBER}", re.IGNORECASE)
_SECOND_NUMBER = re.compile(_NUMBER, re.IGNORECASE)  # the second number of a range ("10-15")
# Most sentences write no number in words: for them, the same pattern without the word alternation.
_DIGIT_NUMBER = re.compile(rf"(?<![\w.,/\-−+^])(?=[{_OPENERS}])" + _NUMBER.replace(rf"|(?:{_WORDSEQ})(?![\w'’])", ""),
                           re.IGNORECASE)
_WORD_SET = frozenset(_ALL_WORDS)
_TOKENS = re.compile(r"[\s\-'’.,;:!?()«»\"“”]+")


_SCIENTIFIC = re.compile(r"(?P<m>\d+(?:[.,]\d+)?)\s?(?:[x×]\s?10\^?|e)(?P<e>[-−]?\d+)")


def to_number(text: str, language: str) -> float | None:
    """Read '10 000', '2.600' (fr/es), '2,600' (en), '1,5', '2 1/2', '½', 'twenty-one', 'un' as a number
    (None for what is no number, or one beyond 10^18: no figure of the news is that large)."""
    value = _to_number(text, language)
    return value if value is None or abs(value) < 1e18 else None


def _to_number(text: str, language: str) -> float | None:
    text = text.translate(_ARABIC_DIGITS).strip()
    if not text:
        return None
    if text[0].isalpha():
        return _words_value(text, language)
    sci = _SCIENTIFIC.fullmatch(text)
    if sci:
        mantissa, exponent = float(sci.group("m").replace(",", ".")), int(sci.group("e").replace("−", "-"))
        return mantissa * 10.0 ** exponent if abs(exponent) < 30 else None
    frac = 0.0
    if text[-1] in _FRACTIONS:
        frac, text = _FRACTIONS[text[-1]], text[:-1].strip()
        if not text:
            return frac
    if "/" in text:
        whole, _, rest = text.rpartition(" ")
        a, _, b = rest.partition("/")
        if not (a.isdigit() and b.isdigit()) or int(b) == 0 or len(a) > 6 or len(b) > 6:
            return None
        return (float(whole) if whole.strip().isdigit() else 0.0) + int(a) / int(b)
    text = re.sub(r"[ \u00a0\u202f]", "", text)
    thousands, decimal = (",", ".") if language in ("en", "ar") else (".", ",")
    if re.fullmatch(rf"\d{{1,3}}(?:\{thousands}\d{{3}})+(?:\{decimal}\d+)?", text):
        text = text.replace(thousands, "")
    elif language not in ("en", "ar") and re.fullmatch(r"\d{1,3}(?:,\d{3})+", text) and text.count(",") > 1:
        text = text.replace(",", "")  # "1,500,000" in a French text quoting an English one
    text = text.replace(decimal, ".")
    if text.count(".") > 1:
        return None
    try:
        return float(text) + frac
    except ValueError:
        return None


def _words_value(text: str, language: str) -> float | None:
    table = _UNITS_WORDS.get(language, _ALL_WORDS)
    tokens = [t for t in re.split(r"[\s\-]+", text.lower().replace("quatre-vingt", "quatrevingt")) if t]
    total = current = 0.0
    seen = joined = False
    for i, token in enumerate(tokens):
        if token in _JOIN:
            joined = True
            continue
        if token == "a" and i > 0:
            continue  # "two and a half"
        if i == 0 and token in _ARTICLES and len(tokens) > 1 and table.get(tokens[1], 100) < 100 and tokens[1] not in _JOIN:
            continue  # "a twenty pound bag": the article, not one more
        value = table.get(token)
        if value is None:
            value = _ALL_WORDS.get(token) if language not in _UNITS_WORDS else None
        if value is None:
            return None
        seen = True
        if value == 0.5 and i > 0:
            current = current + 0.5 if joined else (current or 1) * 0.5  # "two and a half", "one-half"
        elif token in _MULTIPLIERS:
            current = (current or 1) * value  # "une trentaine", "two dozen", "des centaines"
        elif value == 100:
            current = max(current, 1) * 100
        elif value >= 1000:
            total += max(current, 1) * value
            current = 0
        else:
            current += value
    return total + current if seen else None


def _valid_words(text: str, language: str) -> str:
    """The longest start of a written-out number that reads in *language* ("two and a half
    miles" -> "two and a half"; "miles" alone is 1000 in Spanish only)."""
    table = _UNITS_WORDS.get(language, _ALL_WORDS)
    cut = 0
    tokens = list(re.finditer(r"[^\s\-]+", text))
    for i, t in enumerate(tokens):
        w = t.group(0).lower()
        if w in _JOIN or w == "a" and i > 0:
            continue
        if w not in table:
            break
        cut = t.end()
    return text[:cut]


def _clean_value(value: float) -> float | int:
    return int(value) if value == int(value) and abs(value) < 1e18 else round(value, 6)
