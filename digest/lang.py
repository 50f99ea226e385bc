"""Language identification with py3langid (a trained n-gram classifier).

py3langid ships its model inside the wheel, so nothing is downloaded at run time.
It knows 97 languages, fr, en, es and ar among them; nothing here counts stop words.
"""
from __future__ import annotations

import re
from functools import lru_cache

_ISO_639_1 = re.compile(r"^[a-z]{2}$")

# A declared language (the page's <html lang>, og:locale) is trusted unless the
# text says otherwise beyond doubt: enough text, a confident identifier, and the
# declared language all but excluded. CMS templates often hard-code lang="en-US".
OVERRIDE_MIN_CHARS = 200
OVERRIDE_MIN_PROB = 0.99
OVERRIDE_MAX_DECLARED_PROB = 1e-6


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def language_scores(text: str) -> dict[str, float]:
    """Probability of each known language for *text* (empty when there is no text)."""
    sample = text[:5000]
    if not sample.strip():
        return {}
    return dict(_identifier().rank(sample))


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language ('und' when there is no text)."""
    sample = text[:5000]
    if not sample.strip():
        return "und"
    lang, _prob = _identifier().classify(sample)
    return lang


def contradicts(declared: str, text: str) -> str | None:
    """The detected language when *text* is, beyond doubt, not in *declared*; else None."""
    if len(text.strip()) < OVERRIDE_MIN_CHARS:
        return None
    scores = language_scores(text)
    if not scores:
        return None
    best = max(scores, key=scores.get)
    if best != declared and scores[best] >= OVERRIDE_MIN_PROB \
            and scores.get(declared, 0.0) <= OVERRIDE_MAX_DECLARED_PROB:
        return best
    return None


def normalise_language(value) -> str | None:
    """Accept 'fr', 'FR', 'fr-FR', 'fr_MA'; None if not a language code."""
    if not value:
        return None
    code = str(value).strip().lower().replace("_", "-").split("-")[0]
    return code if _ISO_639_1.match(code) else None
