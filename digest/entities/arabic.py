"""Arabic names of places and international organisations, looked up in the gazetteers as
written (Arabic has no capitals to find names by): digest's place table, CLDR's territory
names (data/territories.txt: "الأردن", "إسبانيا", "أوروبا") and the organisations list.

A word may carry clitic prefixes: و (and), ف (so), ب (in, with), ل (for), ك (like), and
their pairs ("وب", "ول"); before the article, ل + ال is written لل ("للأمم المتحدة"). The
comparison ignores the hamza forms of alif (أ إ آ ٱ -> ا), final ى / ي and ة / ه, and the
tatweel, which news text writes either way; a name found is given as the list writes it.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from .lexicon import _places, organisation_names

# Longest first: "وبال" before "وب" before "و".
_AR_PREFIXES = ("وبال", "وكال", "فبال", "وال", "بال", "فال", "كال", "ولل", "فلل", "لل",
                "وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ـ": None})


def fold(text: str) -> str:
    """The comparison form of an Arabic name (hamza on alif, alif maqsura, ta marbuta, tatweel)."""
    return text.translate(_FOLD)


@lru_cache(maxsize=1)
def _territories() -> list[str]:
    data = resources.files("digest.entities").joinpath("data/territories.txt").read_text("utf-8")
    return sorted(line.strip() for line in data.splitlines() if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def _arabic_names() -> dict[str, tuple[str, str, int]]:
    """Folded Arabic gazetteer name -> (name as listed, type, word count); places first
    where both list a name."""
    names: dict[str, tuple[str, str, int]] = {}
    # CLDR's names as written first: the place table's keys have lost their hamza (accents
    # stripped), and the organisations' listed forms are used, not their keys.
    for forms, kind in ((_territories(), "places"), (sorted(_places()), "places"),
                        (sorted(organisation_names().values()), "organisations")):
        for name in forms:
            if _ARABIC.search(name):
                names.setdefault(fold(name), (name, kind, len(name.split())))
    return names


def _forms(words: list[str]) -> list[str]:
    """The (folded) words as written, and without a clitic prefix (with the article put back)."""
    forms = [" ".join(words)]
    rest_words = words[1:]
    for prefix in _AR_PREFIXES:
        if words[0].startswith(prefix) and len(words[0]) > len(prefix) + 1:
            rest = words[0][len(prefix):]
            if prefix.endswith("لل"):  # "للامم" is ل + "الامم"
                forms.append(" ".join(["ال" + rest, *rest_words]))
                continue
            forms += [" ".join([rest, *rest_words]), " ".join(["ال" + rest, *rest_words])]
            if prefix.endswith("ال"):
                forms.append(" ".join(["ال" + rest, *rest_words]))
    return forms


def arabic_names(text: str) -> list[tuple[str, str]]:
    """(name, type) of each gazetteer name in *text*, the longest match first."""
    if not _ARABIC.search(text):
        return []
    tokens = [fold(t) for t in re.findall(r"[^\W\d_]+", text) if _ARABIC.match(t)]
    names = _arabic_names()
    longest = max((size for _, _, size in names.values()), default=0)
    found, i = [], 0
    while i < len(tokens):
        for size in range(min(longest, len(tokens) - i), 0, -1):
            hit = next((c for c in _forms(tokens[i:i + size]) if c in names), None)
            if hit:
                found.append((names[hit][0], names[hit][1]))
                i += size
                break
        else:
            i += 1
    return found
