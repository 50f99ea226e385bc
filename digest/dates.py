"""Dates as written in news pages (fr, en, es, ar) to ISO YYYY-MM-DD.

No date is better than a wrong one: anything ambiguous or impossible gives None.
"""
from __future__ import annotations

import datetime as _dt
import re

from .text import strip_accents

MONTHS = {
    # French
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
    # English
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    # Spanish
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12,
    # Arabic (Maghreb and Mashriq month names)
    "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "ابريل": 4, "إبريل": 4, "ماي": 5,
    "مايو": 5, "يونيو": 6, "يونيه": 6, "يوليوز": 7, "يوليو": 7, "يوليه": 7, "غشت": 8,
    "أغسطس": 8, "اغسطس": 8, "شتنبر": 9, "سبتمبر": 9, "أكتوبر": 10, "اكتوبر": 10,
    "نونبر": 11, "نوفمبر": 11, "دجنبر": 12, "ديسمبر": 12,
    "كانون الثاني": 1, "شباط": 2, "آذار": 3, "نيسان": 4, "أيار": 5, "حزيران": 6,
    "تموز": 7, "آب": 8, "أيلول": 9, "تشرين الأول": 10, "تشرين الثاني": 11,
    "كانون الأول": 12,
}

_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_ACCENTED = ("février", "août", "décembre")
_MONTH_ALT = "|".join(sorted((re.escape(m) for m in (*MONTHS, *_ACCENTED)), key=len, reverse=True))

_NUMERIC = re.compile(r"(?<![\d/.-])(\d{1,2})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{4})\b")
_ISO = re.compile(r"(?<!\d)(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d)")
# "2/07" style dual names ("تموز/يوليو") and a trailing Arabic or Latin comma are allowed.
_MONTH = rf"({_MONTH_ALT})\.?(?:\s*/\s*(?:{_MONTH_ALT}))?"
_DAY_MONTH_YEAR = re.compile(
    rf"(?<!\d)(\d{{1,2}})(?:er|st|nd|rd|th|º|°)?\s+(?:de\s+|of\s+)?{_MONTH}[\s,،]+(?:de\s+|del\s+)?(\d{{4}})(?!\d)",
    re.IGNORECASE,
)
_MONTH_DAY_YEAR = re.compile(
    rf"(?<![^\W\d_]){_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?[\s,،]+(\d{{4}})(?!\d)", re.IGNORECASE
)
_YEARS = range(1900, 2101)  # outside this a "date" is a misreading


def _valid(year: int, month: int, day: int) -> str | None:
    if year not in _YEARS:
        return None
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _month(name: str) -> int | None:
    return MONTHS.get(strip_accents(name.lower().rstrip(".")), MONTHS.get(name))


def parse_date(text: str | None) -> str | None:
    """Return the first unambiguous calendar date in *text*, as ISO, or None.

    Numeric dates are read day-first (DD - MM - YYYY), the order used by the
    French, Spanish and Arabic press this tool is fed.
    """
    if not text:
        return None
    text = str(text).translate(_ARABIC_DIGITS)
    m = _ISO.search(text)
    if m:
        return _valid(int(m[1]), int(m[3]), int(m[4]))
    m = _NUMERIC.search(text)
    if m:
        return _valid(int(m[4]), int(m[3]), int(m[1]))
    m = _DAY_MONTH_YEAR.search(text)
    if m:
        month = _month(m[2])
        return _valid(int(m[3]), month, int(m[1])) if month else None
    m = _MONTH_DAY_YEAR.search(text)
    if m:
        month = _month(m[1])
        return _valid(int(m[3]), month, int(m[2])) if month else None
    return None
