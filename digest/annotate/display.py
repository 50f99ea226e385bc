"""A figure as a reader of the page's language writes it: "6 milliards d'euros",
"2.400 millones de euros", "10 000 ingénieurs", "27 km", "3 jours", "6 مليار يورو".

Numbers, percent signs, unit symbols and names, durations and country names come from CLDR
through Babel (never the system locale, so two builds give the same bytes); the magnitude words
and the few currency names newspapers shorten ("dollars", not CLDR's "dollars des États-Unis")
are written here. The normalised value stays in the fact (`digest inspect --json`).
"""
from __future__ import annotations

from functools import lru_cache

from babel import Locale
from babel.numbers import format_decimal, get_currency_name
from babel.units import format_unit, get_unit_name

from ..model import Fact
from .units import CODES

LANGUAGES = ("fr", "en", "es", "ar")

# (size, singular, plural) from the largest; French writes 10^12 as "1 000 milliards", Spanish
# newspapers 2.4 10^9 as "2.400 millones".
_MAGNITUDES = {
    "fr": ((1e9, "milliard", "milliards"), (1e6, "million", "millions")),
    "es": ((1e12, "billón", "billones"), (1e6, "millón", "millones")),
    "en": ((1e12, "trillion", "trillion"), (1e9, "billion", "billion"), (1e6, "million", "million")),
    "ar": ((1e12, "تريليون", "تريليونات"), (1e9, "مليار", "مليارات"), (1e6, "مليون", "ملايين"), (1e3, "ألف", "آلاف")),
}
_CURRENCY_NAMES = {
    "fr": {"USD": ("dollar", "dollars"), "EUR": ("euro", "euros"), "MAD": ("dirham", "dirhams"),
           "GBP": ("livre sterling", "livres sterling"), "CNY": ("yuan", "yuans"), "XOF": ("franc CFA", "francs CFA"),
           "DZD": ("dinar", "dinars"), "SAR": ("riyal", "riyals"), "JPY": ("yen", "yens")},
    "es": {"USD": ("dólar", "dólares"), "EUR": ("euro", "euros"), "MAD": ("dírham", "dírhams"),
           "GBP": ("libra esterlina", "libras esterlinas"), "CNY": ("yuan", "yuanes"), "JPY": ("yen", "yenes")},
    "en": {"USD": ("dollar", "dollars"), "EUR": ("euro", "euros"), "MAD": ("dirham", "dirhams"),
           "GBP": ("pound", "pounds"), "CNY": ("yuan", "yuan"), "JPY": ("yen", "yen")},
    "ar": {"USD": ("دولار", "دولارات"), "EUR": ("يورو", "يورو"), "MAD": ("درهم", "دراهم"),
           "GBP": ("جنيه إسترليني", "جنيهات إسترلينية"), "SAR": ("ريال", "ريالات"), "DZD": ("دينار", "دنانير"),
           "CNY": ("يوان", "يوان")},
}
_POINTS = {"fr": ("point de pourcentage", "points de pourcentage"), "es": ("punto porcentual", "puntos porcentuales"),
           "en": ("percentage point", "percentage points"), "ar": ("نقطة مئوية", "نقطة مئوية")}
_PER = {"yr": "duration-year", "mo": "duration-month", "wk": "duration-week", "d": "duration-day",
        "h": "duration-hour", "kg": "mass-kilogram", "km": "length-kilometer", "t": "mass-tonne",
        "l": "volume-liter", "m2": "area-square-meter"}
_PER_SYMBOLS = {
    "all": {"h": "h", "kg": "kg", "km": "km", "t": "t", "l": "l", "m2": "m²"},
    "fr": {"yr": "an", "mo": "mois", "wk": "semaine", "d": "jour", "person": "habitant"},
    "es": {"yr": "año", "mo": "mes", "wk": "semana", "d": "día", "person": "habitante"},
    "en": {"yr": "year", "mo": "month", "wk": "week", "d": "day", "person": "person"},
    "ar": {"yr": "سنة", "mo": "شهر", "wk": "أسبوع", "d": "يوم", "person": "فرد", "h": "ساعة"},
}
_APPROX = {"~": "≈", ">": ">", "<": "<"}
_POWERS = {"m2": "m²", "km2": "km²", "m3": "m³", "km3": "km³", "mi2": "mi²", "ft2": "ft²", "cm2": "cm²", "cm3": "cm³",
           "mm2": "mm²", "mm3": "mm³"}
_VOWELS = "aeiouyàâäéèêëîïôöùûüœh"


def _lang(language: str) -> str:
    return language if language in LANGUAGES else "en"


def _plural(language: str, n: float) -> bool:
    if language == "fr":
        return abs(n) >= 2
    if language == "ar":
        return 3 <= abs(n) <= 10 and n == int(n)
    return abs(n) != 1


def number(value: float, language: str) -> str:
    """A number with the locale's separators and at most three decimals ("10 000", "1,5", "2.400")."""
    return format_decimal(value, format="#,##0.###", locale=_lang(language))


def _magnitude(value: float, language: str) -> tuple[str, str | None]:
    """("2.400", "millones") for 2.4e9 in Spanish; ("500", None) under a million."""
    language = _lang(language)
    for size, one, many in _MAGNITUDES[language]:
        if abs(value) >= size:
            n = round(value / size, 3)
            return number(n, language), many if _plural(language, n) else one
    return number(value, language), None


def _of(language: str, word: str) -> str:
    """The connector between a magnitude word and what it counts: "milliards d'euros", "millones de euros"."""
    if language == "fr":
        return "d'" if word[:1].lower() in _VOWELS else "de "
    if language == "es":
        return "de "
    return ""


def _join(amount: str, scale: str | None, thing: str, language: str) -> str:
    if not thing:
        return f"{amount} {scale}" if scale else amount
    if scale:
        return f"{amount} {scale} {_of(language, thing)}{thing}"
    return f"{amount} {thing}"


def _currency_name(code: str, value: float, scaled: bool, language: str) -> str:
    names = _CURRENCY_NAMES.get(language, {}).get(code)
    # after a magnitude word Arabic keeps the singular ("مليار درهم"); the others the plural
    plural = not scaled and _plural(language, value) if language == "ar" else scaled or _plural(language, value)
    if names:
        return names[1] if plural else names[0]
    try:
        return get_currency_name(code, count=2 if plural else 1, locale=language)
    except Exception:  # an unknown code: keep it (an ISO code is no word of any language)
        return code


@lru_cache(maxsize=None)
def _unit_name(cldr: str, length: str, language: str) -> str | None:
    try:
        return get_unit_name(cldr, length=length, locale=language)
    except Exception:
        return None


def _unit_symbol(code: str, language: str) -> str:
    base, _, per = code.partition("/")
    info = CODES.get(base)
    symbol = (_unit_name(info[1], "short", language) if info and info[1] else None) or base
    symbol = _POWERS.get(symbol, symbol)
    if per in CODES or per in _POWERS:
        return f"{symbol}/{_POWERS.get(per, per)}"
    if per:
        per_name = _PER_SYMBOLS.get(language, {}).get(per) or _PER_SYMBOLS["all"].get(per)
        if per_name is None:
            per_name = _unit_name(_PER[per], "short", language) if per in _PER else per
        symbol = f"{symbol}/{per_name}"
    return symbol


def _amount(value: float, low, high, language: str) -> tuple[str, str | None]:
    """The number (or range) and its magnitude word, the range's bounds on the larger one's scale."""
    if low is not None and high is not None:
        top, scale = _magnitude(high, language)
        if scale is None:
            return f"{number(low, language)}–{top}", None
        size = next(s for s, one, many in _MAGNITUDES[_lang(language)] if scale in (one, many))
        return f"{number(round(low / size, 3), language)}–{top}", scale
    return _magnitude(value, language)


def figure_value(fact: Fact, language: str) -> str:
    """The fact-box text of a figure in *language* (dates and periods: their value as it is)."""
    language = _lang(language)
    value = fact.value
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return str(value)
    sign = ""
    if fact.change == "+" and value > 0 and fact.kind != "change":
        sign = "+"
    elif fact.change == "-" and value > 0:
        sign = "−"
    prefix = f"{_APPROX[fact.approx]} " if fact.approx in _APPROX else ""
    low, high = fact.low, fact.high
    if fact.kind == "change":
        return f"×{number(value, language)}"
    if fact.kind == "percent":
        amount = number(value, language) if low is None else f"{number(low, language)}–{number(high, language)}"
        if fact.unit == "pp":
            one, many = _POINTS[language]
            return f"{prefix}{sign}{amount} {many if _plural(language, high or value) else one}"
        pattern = Locale.parse(language).percent_formats[None].pattern
        return prefix + sign + pattern.replace("#,##0", amount, 1)
    if fact.kind == "money":
        code, _, per = (fact.unit or "").partition("/")
        amount, scale = _amount(value, low, high, language)
        text = _join(amount, scale, _currency_name(code, high or value, bool(scale), language), language)
        if per:
            text += "/" + _unit_symbol("x/" + per, language).partition("/")[2]
        return prefix + sign + text
    if fact.kind == "count":
        amount, scale = _amount(value, low, high, language)
        return prefix + _join(amount, scale, fact.unit or "", language)
    if fact.kind in ("measure", "duration", "age"):
        code = fact.unit or ""
        info = CODES.get(code)
        if fact.kind in ("duration", "age") and info and info[1] and low is None:
            return prefix + sign + format_unit(value, info[1], length="long", locale=language)
        if info and info[1] and low is None and abs(value) < (1e3 if language == "ar" else 1e6) and "/" not in code:
            return prefix + sign + format_unit(value, info[1], length="short", locale=language)
        amount, scale = _amount(value, low, high, language)
        return prefix + sign + _join(amount, scale, _unit_symbol(code, language), language)
    return str(value)


@lru_cache(maxsize=None)
def _territories(language: str) -> dict[str, str]:
    """English CLDR territory name -> the name in *language* ("United States" -> "États-Unis")."""
    english = Locale.parse("en").territories
    local = Locale.parse(language).territories
    return {name: local[code] for code, name in english.items() if code in local}


@lru_cache(maxsize=1)
def _place_names() -> dict[str, tuple[str, ...]]:
    """Canonical English name -> its other names, from the place gazetteer (digest/data/places.txt)."""
    from importlib import resources

    table = {}
    for line in resources.files("digest").joinpath("data/places.txt").read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            names = [n.strip() for n in line.split("|") if n.strip()]
            table[names[0]] = tuple(names[1:])
    return table


def subject_text(subject: str | None, language: str, sentence: str = "") -> str | None:
    """A figure's subject in *language*: a country or region by its CLDR name, a city of the
    gazetteer by the name its sentence gives it ("Tanger", not "Tangier"), any other as written."""
    if not subject:
        return None
    local = _territories(_lang(language)).get(subject)
    if local:
        return local
    if sentence and subject not in sentence:
        from ..text import strip_accents

        folded = strip_accents(sentence.lower())
        for name in _place_names().get(subject, ()):
            if strip_accents(name.lower()) in folded:
                return name
    return subject
