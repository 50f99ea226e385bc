"""Arabic names of places and international organisations, looked up in the gazetteers as
written (Arabic has no capitals to find names by), with the clitic prefixes و، ب، ل، ف allowed."""
from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import _places, organisation_names

_AR_PREFIXES = ("وب", "وال", "بال", "فال", "و", "ب", "ل", "ف")


@lru_cache(maxsize=1)
def _arabic_names() -> dict[str, tuple[str, int]]:
    """Arabic gazetteer names -> (type, word count); places first where both list a name."""
    names: dict[str, tuple[str, int]] = {}
    # The place table's keys are the names as written (lower case and accents leave Arabic as
    # it is); the organisations' keys lose the hamza, so their listed forms are used.
    for forms, kind in ((sorted(_places()), "places"), (sorted(organisation_names().values()), "organisations")):
        for name in forms:
            if re.search(r"[\u0600-\u06ff]", name):
                names.setdefault(name, (kind, len(name.split())))
    return names


def _forms(words: list[str]) -> list[str]:
    """The words as written, and without a clitic prefix (with the article put back)."""
    forms = [" ".join(words)]
    for prefix in _AR_PREFIXES:
        if words[0].startswith(prefix) and len(words[0]) > len(prefix) + 1:
            rest = words[0][len(prefix):]
            forms += [" ".join([rest, *words[1:]]), " ".join(["ال" + rest, *words[1:]])]
    return forms


def arabic_names(text: str) -> list[tuple[str, str]]:
    """(name, type) of each gazetteer name in *text*, the longest match first."""
    tokens = [t for t in re.findall(r"[^\W\d_]+", text) if re.match(r"[\u0600-\u06ff]", t)]
    names = _arabic_names()
    longest = max((size for _, size in names.values()), default=0)
    found, i = [], 0
    while i < len(tokens):
        for size in range(min(longest, len(tokens) - i), 0, -1):
            hit = next((c for c in _forms(tokens[i:i + size]) if c in names), None)
            if hit:
                found.append((hit, names[hit][0]))
                i += size
                break
        else:
            i += 1
    return found
