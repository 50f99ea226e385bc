"""Arabic place names, looked up in the gazetteer as written (Arabic has no capitals to find
names by), with the clitic prefixes و، ب، ل، ف allowed."""
from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import _places

_AR_PREFIXES = ("وب", "وال", "بال", "فال", "و", "ب", "ل", "ف")


@lru_cache(maxsize=1)
def _arabic_place_names() -> dict[str, int]:
    """Arabic gazetteer names by their word count, longest tried first."""
    return {name: len(name.split()) for name in _places() if re.search(r"[\u0600-\u06ff]", name)}


def _forms(words: list[str]) -> list[str]:
    """The words as written, and without a clitic prefix (with the article put back)."""
    forms = [" ".join(words)]
    for prefix in _AR_PREFIXES:
        if words[0].startswith(prefix) and len(words[0]) > len(prefix) + 1:
            rest = words[0][len(prefix):]
            forms += [" ".join([rest, *words[1:]]), " ".join(["ال" + rest, *words[1:]])]
    return forms


def arabic_places(text: str) -> list[str]:
    tokens = [t for t in re.findall(r"[^\W\d_]+", text) if re.match(r"[\u0600-\u06ff]", t)]
    names = _arabic_place_names()
    longest = max(names.values(), default=0)
    found, i = [], 0
    while i < len(tokens):
        for size in range(min(longest, len(tokens) - i), 0, -1):
            hit = next((c for c in _forms(tokens[i:i + size]) if c in names), None)
            if hit:
                found.append(hit)
                i += size
                break
        else:
            i += 1
    return found
