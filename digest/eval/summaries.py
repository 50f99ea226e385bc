"""Summary quality: ROUGE-1/2/L of digest's summaries next to Lead-1, Lead-3, Lead-N at the
same length, and sumy's LexRank at the same length.

References: OrangeSum's `heading` (an abstract written by the editors, fr) and the BBC News
Summary extracts (en). Every system gets the same sentences (digest's splitter) and the same
budget: at most `SENTENCES` sentences and `WORDS` words, the digest card default, with at
least one sentence. Tokens are Unicode words, lower-cased, accents kept, no stemming.

Split: items are sorted by id; every third one (index % 3 == 0) is the *dev* part that the
summarizer's weights were tuned on, the rest is the *test* part. Both are reported.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from ..summarize import DEFAULT_SENTENCES, DEFAULT_WORDS, summarize, within_budget
from ..text import split_sentences
from .common import mean, tokens

SENTENCES = DEFAULT_SENTENCES
WORDS = DEFAULT_WORDS


# --- ROUGE ---------------------------------------------------------------------

def _ngrams(toks: list[str], n: int) -> Counter:
    return Counter(tuple(toks[i:i + n]) for i in range(len(toks) - n + 1))


def _f1(overlap: float, n_pred: int, n_ref: int) -> float:
    if not overlap or not n_pred or not n_ref:
        return 0.0
    p, r = overlap / n_pred, overlap / n_ref
    return 2 * p * r / (p + r)


def _lcs(a: list[str], b: list[str]) -> int:
    if not a or not b:
        return 0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def rouge(predicted: str, reference: str) -> dict[str, float]:
    """ROUGE-1, ROUGE-2 and ROUGE-L F1 over Unicode word tokens (accents count)."""
    p, r = tokens(predicted), tokens(reference)
    out = {}
    for n in (1, 2):
        pn, rn = _ngrams(p, n), _ngrams(r, n)
        out[f"rouge{n}"] = _f1(sum((pn & rn).values()), sum(pn.values()), sum(rn.values()))
    out["rougeL"] = _f1(_lcs(p, r), len(p), len(r))
    return out


# --- systems ---------------------------------------------------------------------

class _Tokenizer:
    """sumy's tokenizer interface over digest's splitter: no NLTK data needed."""

    def __init__(self, language: str):
        self.language = language

    def to_sentences(self, paragraph: str) -> list[str]:
        return split_sentences(paragraph)

    def to_words(self, sentence: str) -> list[str]:
        return tokens(sentence)


def _sumy_ranker(language: str):
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence as SumySentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words

    name = {"fr": "french", "en": "english", "es": "spanish"}[language]
    tokenizer = _Tokenizer(language)
    summarizer = LexRankSummarizer(Stemmer(name))
    summarizer.stop_words = get_stop_words(name)

    def rank(sentences: list[str]) -> list[int]:
        objs = [SumySentence(s, tokenizer) for s in sentences]
        document = ObjectDocumentModel([Paragraph(objs)])
        # LexRankSummarizer.__call__ without its final pick, so the budget rule is ours.
        sentence_words = [summarizer._to_words_set(o) for o in document.sentences]
        tf = summarizer._compute_tf(sentence_words)
        idf = summarizer._compute_idf(sentence_words)
        matrix = summarizer._create_matrix(sentence_words, summarizer.threshold, tf, idf)
        scores = list(summarizer.power_method(matrix, summarizer.epsilon))
        return sorted(range(len(sentences)), key=lambda i: (-scores[i], i))

    return rank


def systems(language: str) -> dict[str, dict]:
    """budget -> {name -> function(sentences) -> summary sentences}.

    "card": the digest default (SENTENCES sentences, WORDS words) for every system;
    "3 sentences": no word cap, where Lead-3 is the classic baseline.
    """
    card = {
        "digest": lambda s: summarize(s, language, max_sentences=SENTENCES, max_words=WORDS),
        "lead": lambda s: within_budget(list(range(len(s))), s, SENTENCES, WORDS),
    }
    three = {
        "digest": lambda s: summarize(s, language, max_sentences=3, max_words=None),
        "lead3": lambda s: s[:3],
        "lead1": lambda s: s[:1],
    }
    try:
        rank = _sumy_ranker(language)
    except ImportError:  # sumy is in the `eval` extra
        pass
    else:
        card["sumy_lexrank"] = lambda s: within_budget(rank(s), s, SENTENCES, WORDS)
        three["sumy_lexrank"] = lambda s: within_budget(rank(s), s, 3, None)
    return {f"card ({SENTENCES} sentences, {WORDS} words)": card, "3 sentences": three}


# --- data sets -------------------------------------------------------------------

def orangesum_items(eval_dir: Path) -> list[tuple[str, str, str]]:
    root = eval_dir / "orangesum-valid" / "parsed"
    items = []
    for path in sorted(root.glob("*.json")):
        doc = json.loads(path.read_text("utf-8"))
        items.append((path.stem, doc["article"], doc["heading"]))
    return items


def bbc_items(eval_dir: Path) -> list[tuple[str, str, str]]:
    root = eval_dir / "bbc-news-summary-dev"
    items = []
    for path in sorted((root / "News Articles").glob("*/*.txt")):
        rel = path.relative_to(root / "News Articles")
        ref = root / "Summaries" / rel
        if not ref.exists():
            continue
        text = path.read_text("utf-8", errors="replace").split("\n", 1)
        body = text[1] if len(text) > 1 else ""
        items.append((str(rel), body, ref.read_text("utf-8", errors="replace")))
    return items


def score(items, language: str, limit: int | None = None) -> dict:
    """{split: {budget: {system: {rouge1, rouge2, rougeL}}}}, means over the items."""
    budgets = systems(language)
    values: dict = {}
    count = {"dev": 0, "test": 0}
    for index, (_id, body, reference) in enumerate(items[:limit]):
        part = "dev" if index % 3 == 0 else "test"
        sentences = [s for para in body.split("\n") for s in split_sentences(para)]
        if not sentences:
            continue
        count[part] += 1
        for budget, fns in budgets.items():
            for name, fn in fns.items():
                for metric, value in rouge(" ".join(fn(sentences)), reference).items():
                    values.setdefault(part, {}).setdefault(budget, {}).setdefault(name, {}) \
                        .setdefault(metric, []).append(value)
    out = {}
    for part in ("test", "dev"):
        out[part] = {"items": count[part]}
        for budget, systems_ in values.get(part, {}).items():
            out[part][budget] = {name: {m: round(mean(v), 4) for m, v in metrics.items()}
                                 for name, metrics in systems_.items()}
    return out


def run(eval_dir: Path, limit: int | None = None) -> dict:
    """One entry per data set and split, so the CLI prints one line each."""
    out = {}
    for name, items, language in (("orangesum", orangesum_items(eval_dir), "fr"),
                                  ("bbc", bbc_items(eval_dir), "en")):
        for part, result in score(items, language, limit).items():
            out[f"{name} {part}"] = result
    return out
