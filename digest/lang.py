"""Language identification with py3langid (a trained n-gram classifier).

py3langid ships its model inside the wheel, so nothing is downloaded at run time.
"""
from __future__ import annotations

import re
from functools import lru_cache

_ISO_639_1 = re.compile(r"^[a-z]{2}$")


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language ('und' when there is no text)."""
    sample = text[:5000]
    if not sample.strip():
        return "und"
    lang, _prob = _identifier().classify(sample)
    return lang


def normalise_language(value) -> str | None:
    """Accept 'fr', 'FR', 'fr-FR', 'fr_MA'; None if not a language code."""
    if not value:
        return None
    code = str(value).strip().lower().replace("_", "-").split("-")[0]
    return code if _ISO_639_1.match(code) else None
