"""Train the entity classifier shipped as digest/entities/data/model.json.

    .venv/bin/python tools/train_entities.py [--train-dir ../shared/train] [--epochs 8]

Data (only these; the evaluation sets in ../shared/eval are never read here):
- NewsEye French historical newspapers, HIPE-2022 v2.1 (dev, dev2, test), CC BY 4.0,
  doi 10.5281/zenodo.4573313;
- Europeana Newspapers, BnF French sample (enp_FR.bnf.bio), CC0.
It also writes data/territories.txt, CLDR's territory names (fr, en, es, ar) from Babel
(Unicode licence).

Deterministic: the same data gives a byte-identical model (fixed example order, a seeded
shuffle, sorted and rounded weights).
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from digest.entities import recognise  # noqa: E402
from digest.text import split_sentences  # noqa: E402

DATA = REPO / "digest" / "entities" / "data"
TYPES = {"pers": "people", "org": "organisations", "loc": "places",
         "PER": "people", "ORG": "organisations", "LOC": "places"}
# Not places however CLDR lists them: the world, unions of states, unknown regions.
_NOT_TERRITORIES = {"001", "EU", "EZ", "UN", "ZZ", "QO"}


# --- data ------------------------------------------------------------------------

def newseye_docs(folder: Path) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """(text, [(start, end, type)]) per document of the HIPE-2022 TSV files."""
    docs = []
    for path in sorted(folder.glob("*.tsv")):
        text, spans, open_span = "", [], None
        for line in path.read_text("utf-8").splitlines():
            if line.startswith("# hipe2022:document_id"):
                if open_span:
                    spans.append(open_span)
                if text:
                    docs.append((text, spans))
                text, spans, open_span = "", [], None
                continue
            if not line or line.startswith(("#", "TOKEN\t")):
                continue
            cols = line.split("\t")
            token, tag, misc = cols[0], cols[1], cols[-1]
            start = len(text)
            text += token
            kind = TYPES.get(tag[2:]) if tag[:2] in ("B-", "I-") else None
            if open_span and not (tag.startswith("I-") and kind == open_span[2]):
                spans.append(open_span)
                open_span = None
            if kind and open_span is None:
                open_span = (start, len(text), kind)
            elif open_span:
                open_span = (open_span[0], len(text), kind)
            if "NoSpaceAfter" not in misc:
                text += " "
        if open_span:
            spans.append(open_span)
        if text:
            docs.append((text, spans))
    return docs


_NO_SPACE_BEFORE = {",", ".", ";", ":", ")", "!", "?", "»"}


def europeana_docs(path: Path, size: int = 400) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """The BnF sample is one long IO-tagged stream: cut into pseudo-documents of *size* tokens."""
    rows = [line.split(" ") for line in path.read_text("utf-8").splitlines() if " " in line]
    docs = []
    for chunk in range(0, len(rows), size):
        text, spans, open_span = "", [], None
        for token, tag in rows[chunk:chunk + size]:
            if text and token not in _NO_SPACE_BEFORE and not text.endswith(("'", "’", "(")):
                text += " "
            start = len(text)
            text += token
            kind = TYPES.get(tag[2:]) if tag[:2] == "I-" else None
            if open_span and kind != open_span[2]:
                spans.append(open_span)
                open_span = None
            if kind:
                open_span = (open_span[0] if open_span else start, len(text), kind)
        if open_span:
            spans.append(open_span)
        docs.append((text, spans))
    return docs


def examples(docs, language: str = "fr") -> list[tuple[list[str], int]]:
    """(features, label index) for every candidate reading of every document."""
    out = []
    for text, spans in docs:
        sentences, offsets, pos = [], [], 0
        for sentence in split_sentences(text):
            at = text.find(sentence, pos)
            sentences.append(sentence)
            offsets.append(at)
            if at >= 0:
                pos = at + len(sentence)
        by_end = {end: (start, kind) for start, end, kind in spans}
        for reading in recognise.readings(sentences, language):
            base = offsets[reading.sentence]
            label = 0
            if base >= 0:
                gold = by_end.get(base + reading.end)
                # A gold name may keep its title ("M. Gambetta"): same end, starting earlier.
                if gold and gold[0] <= base + reading.start:
                    label = recognise.LABELS.index(gold[1])
            out.append((reading.features, label))
    return out


# --- training --------------------------------------------------------------------

def train(data: list[tuple[list[str], int]], epochs: int, seed: int = 13) -> dict[str, list[float]]:
    """Multiclass averaged perceptron."""
    n_labels = len(recognise.LABELS)
    weights: dict[str, list[float]] = {}
    totals: dict[str, list[float]] = {}
    stamps: dict[str, list[int]] = {}
    step = 0
    order = list(range(len(data)))
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(order)
        for index in order:
            feats, gold = data[index]
            step += 1
            guess = max(range(n_labels), key=lambda k: (recognise.scores(feats, weights)[k], -k))
            if guess == gold:
                continue
            for name in feats:
                w = weights.setdefault(name, [0.0] * n_labels)
                t = totals.setdefault(name, [0.0] * n_labels)
                s = stamps.setdefault(name, [0] * n_labels)
                for label, delta in ((gold, 1.0), (guess, -1.0)):
                    t[label] += (step - s[label]) * w[label]
                    s[label] = step
                    w[label] += delta
    averaged = {}
    for name, w in weights.items():
        t, s = totals[name], stamps[name]
        avg = [(t[k] + (step - s[k]) * w[k]) / step for k in range(n_labels)]
        if max(abs(v) for v in avg) >= 0.002:
            averaged[name] = [round(v, 3) for v in avg]
    return averaged


CUES_NOT_LEARNT = frozenset("place-head place-tail age coord-place abstract geo-first facility facility1 placeprep1 event acronym-bracket orgdesc".split())


def territories() -> list[str]:
    import babel

    names = set()
    for language in ("fr", "en", "es", "ar"):
        for code, name in babel.Locale(language).territories.items():
            if code not in _NOT_TERRITORIES and not re.search(r"[()]", name):
                names.add(name)
    return sorted(names)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--train-dir", default=str(REPO.parent / "shared" / "train"))
    parser.add_argument("--epochs", type=int, default=8)
    args = parser.parse_args()
    train_dir = Path(args.train_dir)
    if "eval" in train_dir.parts:
        print("refusing to train on evaluation data", file=sys.stderr)
        return 2
    DATA.mkdir(parents=True, exist_ok=True)
    header = "# CLDR territory names (fr, en, es, ar) via Babel; Unicode licence. Written by tools/train_entities.py\n"
    (DATA / "territories.txt").write_text(header + "\n".join(territories()) + "\n", encoding="utf-8")
    recognise.lexicon.gazetteer.cache_clear()

    docs = newseye_docs(train_dir / "newseye-fr") + europeana_docs(train_dir / "europeana-bnf-fr" / "enp_FR.bnf.bio")
    # The cues modern news needs and the French historical text cannot teach (teams named
    # after a place, portfolios, competitions...) stay priors of digest/entities/extract.py.
    data = [([f for f in feats if f not in CUES_NOT_LEARNT], label) for feats, label in examples(docs)]
    counts = [sum(1 for _, label in data if label == k) for k in range(len(recognise.LABELS))]
    print(f"{len(docs)} documents, {len(data)} readings, by label {dict(zip(recognise.LABELS, counts))}")
    models = {"portable": train(data, args.epochs)}
    model = {
        "about": "digest entity classifier (averaged perceptron over candidate names), "
                 "trained by tools/train_entities.py on NewsEye fr (CC BY 4.0) and Europeana BnF fr (CC0)",
        "labels": list(recognise.LABELS),
        "models": {name: dict(sorted(w.items())) for name, w in models.items()},
    }
    text = json.dumps(model, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    (DATA / "model.json").write_text(text + "\n", encoding="utf-8")
    print(f"{sum(len(w) for w in models.values())} features, {len(text) // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
