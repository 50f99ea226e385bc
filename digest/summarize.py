"""Extractive summaries: TextRank over sentence similarity, with a lead prior.

News puts its essentials first, so the random walk restarts towards early
sentences (a personalised PageRank) instead of uniformly. Language resources
(stop words) ship in `digest/data/`, nothing is downloaded.
"""
from __future__ import annotations

import math
from collections import Counter
from functools import lru_cache
from importlib import resources

from .text import strip_accents, words


@lru_cache(maxsize=None)
def stopwords(language: str) -> frozenset[str]:
    try:
        data = resources.files("digest").joinpath(f"data/stopwords/{language}.txt").read_text("utf-8")
    except FileNotFoundError:
        return frozenset()
    return frozenset(strip_accents(w.lower()) for w in data.split())


def terms(sentence: str, language: str) -> list[str]:
    """Content-word stems: lower case, no accents, no stop words, light truncation."""
    stops = stopwords(language)
    out = []
    for token in words(sentence):
        token = strip_accents(token.lower())
        if language == "ar":
            for prefix in ("وال", "بال", "لل", "ال", "و"):
                if token.startswith(prefix) and len(token) - len(prefix) >= 3:
                    token = token[len(prefix):]
                    break
        if token in stops or len(token) < 2 or token.isdigit():
            continue
        out.append(token[:7] if language != "ar" else token)
    return out


def _similarity(a: Counter, b: Counter, idf: dict[str, float]) -> float:
    common = a.keys() & b.keys()
    if not common:
        return 0.0
    dot = sum(a[t] * b[t] * idf[t] ** 2 for t in common)
    na = math.sqrt(sum((a[t] * idf[t]) ** 2 for t in a))
    nb = math.sqrt(sum((b[t] * idf[t]) ** 2 for t in b))
    return dot / (na * nb) if na and nb else 0.0


def rank_sentences(sentences: list[str], language: str, *, damping: float = 0.85,
                   iterations: int = 50) -> list[float]:
    """Score each sentence; higher is more central to the article."""
    n = len(sentences)
    if n == 0:
        return []
    bags = [Counter(terms(s, language)) for s in sentences]
    df = Counter(t for bag in bags for t in bag)
    idf = {t: math.log((n + 1) / (c + 0.5)) + 1.0 for t, c in df.items()}
    weights = [[0.0 if i == j else _similarity(bags[i], bags[j], idf) for j in range(n)]
               for i in range(n)]
    out_sums = [sum(row) for row in weights]
    prior = [1.0 / math.sqrt(i + 1) for i in range(n)]
    total = sum(prior)
    prior = [p / total for p in prior]
    scores = prior[:]
    for _ in range(iterations):
        scores = [
            (1 - damping) * prior[j]
            + damping * sum(scores[i] * weights[i][j] / out_sums[i] for i in range(n) if out_sums[i])
            + damping * sum(scores[i] for i in range(n) if not out_sums[i]) * prior[j]
            for j in range(n)
        ]
    lengths = [len(words(s)) for s in sentences]
    return [score * prior[i] ** 0.5 * _length_factor(lengths[i]) for i, score in enumerate(scores)]


def _length_factor(n_words: int) -> float:
    if n_words < 6:
        return 0.2
    if n_words > 60:
        return 0.6
    return 1.0


def summarize(sentences: list[str], language: str, *, max_sentences: int = 3,
              max_words: int | None = None) -> list[str]:
    """Pick the best sentences, returned in the article's order.

    With *max_words*, sentences that would overflow it are skipped, but the
    summary always has at least one sentence.
    """
    if max_sentences <= 0 or not sentences:
        return []
    # Very long articles: the summary comes from the first part, keeping it O(n²) bounded.
    pool = sentences[:150]
    scores = rank_sentences(pool, language)
    order = sorted(range(len(pool)), key=lambda i: (-scores[i], i))
    chosen: list[int] = []
    used = 0
    for i in order:
        if len(chosen) >= max_sentences:
            break
        length = len(words(pool[i]))
        if max_words and chosen and used + length > max_words:
            continue
        chosen.append(i)
        used += length
    return [pool[i] for i in sorted(chosen)]
