"""What follows a number in news text: a magnitude word, a currency, "%" or points, a unit of
`units.py` (with a power, a unit over a unit, "per year"), read into (end, scale, kind, unit).

Split from `figures.py`, which finds the numbers, ranges, lists and subjects.
"""
from __future__ import annotations

import re

from .numbers import PERCENT_WORDS, POINT_WORDS, SCALES, _GLUED_SCALES, _SHORT_SCALES, _SIGNS, _alt
from .units import CODES, CURRENCIES, CURRENCY_SIGNS, SYMBOLS, WORDS

_CONNECT = r"(?:\s*(?:de\s+|d['’]\s*|of\s+|del\s+|de\s+los\s+|de\s+las\s+|من\s+)?)"
_SCALE_RE = re.compile(rf"\s*(?P<scale>{_alt(SCALES)})(?![^\W\d_])\.?", re.IGNORECASE)
_GLUED_RE = re.compile(r"(?P<g>Mds|Md|mn|bn|tn|[kKMBTmb])(?![^\W\d_])")
_CUR_RE = re.compile(rf"{_CONNECT}(?P<cur>{_alt(CURRENCIES)})(?![^\W\d_])(?!\s?\d)", re.IGNORECASE)
_CUR_SIGN_AFTER = re.compile(rf"\s?(?P<cur>{_SIGNS})(?!\s?\d)")  # "15 €", never "in 2008 £5bn"
_PCT_RE = re.compile(rf"\s*(?P<pct>{_alt(PERCENT_WORDS)})", re.IGNORECASE)
_POINTS_RE = re.compile(rf"\s*(?P<pts>{_alt(POINT_WORDS)})(?![^\W\d_])", re.IGNORECASE)
_SYMBOL_RE = re.compile(rf"(?:\s?|-)(?P<sym>{_alt(SYMBOLS)})(?![^\W\d_]|[²³])")
_WORD_UNIT_RE = re.compile(rf"(?:\s*|-){_CONNECT}(?P<word>{_alt(WORDS)})(?![^\W\d_])", re.IGNORECASE)
_INCH_RE = re.compile(r"\s?in\.?(?=\s*(?:$|[,;)]|thick|long|wide|tall|deep|high|gap|in diameter))", re.IGNORECASE)
_PER_RE = re.compile(
    r"\s*(?:/|par\s+|per\s+|por\s+|a\s+|an\s+|al\s+|à\s+l['’]|في\s+)(?P<per>an|année|year|yr|año|h|heure|hour|hr|hora|"
    r"jour|day|día|mois|month|mes|semaine|week|semana|kg|km|tonne|ton|personne|person|habitant|capita|head|السنة|اليوم|الساعة)"
    r"(?![^\W\d_])", re.IGNORECASE)
_PER_WORDS = {"an": "yr", "année": "yr", "year": "yr", "yr": "yr", "año": "yr", "السنة": "yr", "h": "h",
              "heure": "h", "hour": "h", "hr": "h", "hora": "h", "الساعة": "h", "jour": "d", "day": "d",
              "día": "d", "اليوم": "d", "mois": "mo", "month": "mo", "mes": "mo", "semaine": "wk", "week": "wk",
              "semana": "wk", "kg": "kg", "km": "km", "tonne": "t", "ton": "t", "personne": "person",
              "person": "person", "habitant": "person", "capita": "person", "head": "person"}
_DAILY = re.compile(r"\s*(?:daily|a day|per day|par jour|al día|por día|يومياً|يوميا|في اليوم)(?![^\W\d_])", re.IGNORECASE)
_ANNUAL = re.compile(r"\s*(?:annually|yearly|a year|per year|par an|al año|por año|سنويا|سنويًا)\b", re.IGNORECASE)


_MONEY_PER = {"h", "kg", "t", "km", "person", "bbl", "MWh", "kWh", "l", "m2"}
_POWER = re.compile(r"(?:\^?(?P<two>2)|(?P<sq>²)|\s+(?P<squared>squared)|\^?(?P<three>3)|(?P<cu>³)|\s+(?P<cubed>cubed))(?![\w^])")
_SQUARES = {"km": ("km2", "km3"), "m": ("m2", "m3"), "mi": ("mi2", None), "ft": ("ft2", None), "cm": ("cm2", "cm3"),
            "mm": ("mm2", "mm3")}
_OVER = re.compile(rf"\s?/\s?(?P<sym>{_alt(SYMBOLS)})(?![^\W\d_])")
_PLUS_MINUS = re.compile(r"\s*(?:±|\+/-|\+-)\s*\d+(?:[.,]\d+)?")
_SCALE_NAME = re.compile(r"(?P<c>celsius|centigrade|centígrados|مئوية)|(?P<f>fahrenheit|فهرنهايت)", re.IGNORECASE)


def _money(text: str, end: int, scale: float, code: str):
    per = _PER_RE.match(text, end)
    if per:
        per_code = _PER_WORDS.get(per.group("per").lower(), per.group("per").lower())
        if per_code in _MONEY_PER:
            return per.end(), scale, "money", f"{code}/{per_code}"
    m = re.match(r"\s*/\s*(?P<u>bbl|baril|barrel|MWh|kWh|kg|t|l|m²|m2)\b", text[end:])
    if m:
        return end + m.end(), scale, "money", f"{code}/{SYMBOLS.get(m.group('u'), WORDS.get(m.group('u').lower(), m.group('u')))}"
    return end, scale, "money", code


def _read_tail(text: str, pos: int, pre_currency: str | None, language: str, is_word: bool, number: float):
    """What follows a number at *pos*: (end, scale, kind, unit) with kind None when nothing does."""
    scale, end = 1.0, pos
    pm = _PLUS_MINUS.match(text, pos)
    if pm:
        pos = end = pm.end()  # "2,000.45±0.01 pounds": the unit follows the uncertainty
    glued = _GLUED_RE.match(text, pos) if not is_word else None
    m = _SCALE_RE.match(text, pos)
    if glued and (pre_currency or glued.group("g") in ("k", "K", "bn", "Md", "Mds", "tn")
                  or glued.group("g") in ("M", "B", "T") and _CUR_RE.match(text, glued.end())):
        scale, end = _GLUED_SCALES[glued.group("g")], glued.end()
    elif m:
        word = m.group("scale").lower()
        if word not in _SHORT_SCALES or pre_currency or _CUR_RE.match(text, m.end()) or _CUR_SIGN_AFTER.match(text, m.end()):
            if not (word == "mil" and language != "es") and not (word == "mille" and language == "es"):
                scale, end = SCALES[word], m.end()
                m2 = _SCALE_RE.match(text, end)  # "mil millones", "thousand million"
                if m2 and SCALES[m2.group("scale").lower()] > scale and m2.group("scale").lower() not in _SHORT_SCALES:
                    scale, end = scale * SCALES[m2.group("scale").lower()], m2.end()
    if pre_currency:
        m = _CUR_RE.match(text, end)
        if m and CURRENCIES[m.group("cur").lower()] == pre_currency:
            end = m.end()
        return _money(text, end, scale, pre_currency)
    m = _POINTS_RE.match(text, end)
    if m:
        return m.end(), scale, "percent", "pp"
    m = _PCT_RE.match(text, end)
    if m:
        return m.end(), scale, "percent", "%"
    m = _CUR_SIGN_AFTER.match(text, end)
    if m:
        return _money(text, m.end(), scale, CURRENCY_SIGNS[m.group("cur")])
    cur = _CUR_RE.match(text, end)
    word = _WORD_UNIT_RE.match(text, end)
    sym = _SYMBOL_RE.match(text, end)
    if cur and not (word and word.end() > cur.end()):
        written = cur.group("cur").lower()
        if written in ("pound", "pounds") or written == "libras":
            pass
        else:
            return _money(text, cur.end(), scale, CURRENCIES[written])
    if word and word.group("word").lower() in ("pound", "pounds"):
        # Pounds: money with a magnitude or in a sentence about sterling; otherwise a weight.
        if scale > 1 or re.search(r"£|\bsterling\b|\bUK\b|\bBritain\b|\bBritish\b|\bEngland\b", text) and not text[pos:word.start("word")].strip("- "):
            return _money(text, word.end(), scale, "GBP")
        return word.end(), scale, "measure", "lb"
    best = None
    if word and (not sym or word.end() >= sym.end()):
        best = (word.end(), WORDS[word.group("word").lower()])
    elif sym:
        code = SYMBOLS[sym.group("sym")]
        if not (code == "m" and scale > 1):
            best = (sym.end(), code)
    if best is None and not is_word:
        m = _INCH_RE.match(text, end)
        if m:
            best = (m.end(), "in")
    if best:
        end, code = best
        kind = CODES[code.partition("/")[0]][0]
        if code in _SQUARES:
            p = _POWER.match(text, end)
            if p:
                square, cube = _SQUARES[code]
                new = square if (p.group("two") or p.group("sq") or p.group("squared")) else cube
                if new:
                    code, end = new, p.end()
        elif code == "°":
            named = _SCALE_NAME.search(text, end, end + 40)
            if named:
                code = "°C" if named.group("c") else "°F"
        over = _OVER.match(text, end) if kind == "measure" and "/" not in code else None
        if over:  # "10 l/km", "5.5 kg/cm³": a unit over a unit
            below = SYMBOLS[over.group("sym")]
            end = over.end()
            if below in _SQUARES:
                p = _POWER.match(text, end)
                if p:
                    square, cube = _SQUARES[below]
                    below = (square if (p.group("two") or p.group("sq") or p.group("squared")) else cube) or below
                    end = p.end()
            return end, scale, kind, f"{code}/{below}"
        per = _PER_RE.match(text, end)
        if per and kind == "measure" and "/" not in code and CODES[code][2] not in ("speed",):
            per_code = _PER_WORDS.get(per.group("per").lower(), per.group("per").lower())
            if per_code != code:
                code, end = f"{code}/{per_code}", per.end()
        elif kind == "measure" and _ANNUAL.match(text, end):
            a = _ANNUAL.match(text, end)
            code, end = f"{code}/yr", a.end()
        elif kind == "measure" and _DAILY.match(text, end):
            a = _DAILY.match(text, end)
            code, end = f"{code}/d", a.end()
        return end, scale, kind, code
    return end, scale, None, None
