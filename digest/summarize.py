"""Extractive summaries: centrality (TextRank) blended with position and length features.

News puts its essentials first, so the random walk restarts towards early sentences (a
personalised PageRank) and the final score adds a lead prior; sentences that are too
short, too long, or lean on the previous one ("Mais il…", "However, …") are demoted, and a
sentence that repeats one already chosen is skipped. The weights were tuned on the *dev*
third of OrangeSum and BBC News (`python -m digest.eval summaries` reports the held-out
rest next to Lead-N and sumy's LexRank). Language resources (stop words) ship in
`digest/data/`; nothing is downloaded.
"""
from __future__ import annotations

import math
from collections import Counter
from functools import lru_cache
from importlib import resources
from operator import itemgetter, mul

from .text import strip_accents, words

DEFAULT_SENTENCES = 3
DEFAULT_WORDS = 60  # a digest card: 40-70 words

# Tuned on the dev split (see the module docstring).
LEAD_WEIGHT = 1.0
CENTRALITY_WEIGHT = 1.5
LEAD_DECAY = 0.5
REDUNDANCY = 0.6
FIRST_BONUS = 0.0


@lru_cache(maxsize=None)
def _word_list(kind: str, language: str) -> frozenset[str]:
    """A word list shipped in digest/data/<kind>/<language>.txt (empty for other languages)."""
    try:
        data = resources.files("digest").joinpath(f"data/{kind}/{language}.txt").read_text("utf-8")
    except FileNotFoundError:
        return frozenset()
    return frozenset(strip_accents(w.lower()) for w in data.split())


def stopwords(language: str) -> frozenset[str]:
    return _word_list("stopwords", language)


def _openers(language: str) -> frozenset[str]:
    """Words that open a sentence leaning on the previous one ("Mais", "However")."""
    return _word_list("openers", language)


def terms(sentence: str, language: str) -> list[str]:
    """Content-word stems: lower case, no accents, no stop words, light truncation."""
    return _terms(words(sentence), language)


def _terms(tokens: list[str], language: str) -> list[str]:
    """`terms` of a sentence already split into words.

    A word's stem is looked up in a memo: news reuses its words, and the memo spares
    most of them the lower-casing, accent stripping and stop-word test.
    """
    memo = _stem_memo(language)
    stems = list(map(memo.get, tokens))  # None: a word not seen yet
    if None in stems:
        for k, token in enumerate(tokens):
            if stems[k] is None:
                if len(memo) >= _STEM_MEMO_SIZE:
                    memo.clear()  # bounded: a long serve session sees ever more words
                stems[k] = memo[token] = _stem(token, language)
    return list(filter(None, stems))  # "" is a dropped word


_STEM_MEMO_SIZE = 200_000


@lru_cache(maxsize=None)
def _stem_memo(language: str) -> dict[str, str]:
    return {}


def _stem(token: str, language: str) -> str:
    """The stem `terms` keeps for one word, or "" for a word it drops (a stem has two characters or more)."""
    token = strip_accents(token.lower())
    if language == "ar":
        for prefix in ("وال", "بال", "لل", "ال", "و"):
            if token.startswith(prefix) and len(token) - len(prefix) >= 3:
                token = token[len(prefix):]
                break
    if token in stopwords(language) or len(token) < 2 or token.isdigit():
        return ""
    return token[:7] if language != "ar" else token


def _norm(bag: Counter, idf: dict[str, float]) -> float:
    return math.sqrt(sum([(bag[t] * idf[t]) ** 2 for t in bag]))


def _pagerank(weights: list[list[float]], prior: list[float], damping: float = 0.85,
              iterations: int = 40) -> list[float]:
    n = len(prior)
    out_sums = [sum(row) for row in weights]
    # Column view of the normalised transition matrix, without the zero entries: for each
    # sentence, who links to it and with what weight (two lists, summed with map at C speed).
    sources = [[i for i in range(n) if weights[i][j] and out_sums[i]] for j in range(n)]
    shares = [[weights[i][j] / out_sums[i] for i in column] for j, column in enumerate(sources)]
    dangling = [i for i in range(n) if not out_sums[i]]
    # One itemgetter per column fetches its sources' scores in a single C call (a tuple),
    # cheaper than mapping __getitem__ over them; it returns a bare item for one index and
    # cannot be made for none, so those columns get a small function instead.
    gathers = [itemgetter(*column) if len(column) > 1
               else (lambda scores, i=column[0]: (scores[i],)) if column else (lambda scores: ())
               for column in sources]
    columns = list(zip(gathers, shares, prior))
    scores = prior[:]
    for _ in range(iterations):
        lost = sum(scores[i] for i in dangling)
        restart = 1 - damping + damping * lost
        scores = [restart * p + damping * sum(map(mul, gather(scores), share)) for gather, share, p in columns]
    return scores


def _length_factor(n_words: int) -> float:
    if n_words < 6:
        return 0.2
    if n_words < 10:
        return 0.7
    if n_words > 60:
        return 0.6
    return 1.0


def _features(sentences: list[str], language: str, tokens: list[list[str]] | None = None):
    """Term bags, idf and the similarity matrix; *tokens* are the sentences' `words` if known."""
    n = len(sentences)
    tokens = tokens if tokens is not None else [words(s) for s in sentences]
    bags = [Counter(_terms(t, language)) for t in tokens]
    df = Counter(t for bag in bags for t in bag)
    # A term's idf depends only on how many sentences hold it (0..n): n + 1 logarithms, not one per term.
    by_count = [math.log((n + 1) / (c + 0.5)) + 1.0 for c in range(n + 1)]
    idf = {t: by_count[c] for t, c in df.items()}
    norms = [_norm(bag, idf) for bag in bags]
    # The cosine of every pair of bags (0 when they share no term), written inline as this
    # runs for every pair; the norms are computed once per bag, and idf[t] ** 2 once per term
    # (a[t] * b[t] * idf[t] ** 2 multiplies a[t] * b[t] by it: the same floats as inline).
    weights = [[0.0] * n for _ in range(n)]
    squares = [v ** 2 for v in by_count]
    idf2 = {t: squares[c] for t, c in df.items()}
    for i in range(n):
        a, na, keys, row = bags[i], norms[i], bags[i].keys(), weights[i]
        for j in range(i + 1, n):
            b = bags[j]
            common = keys & b.keys()
            if common and na and norms[j]:
                row[j] = weights[j][i] = sum([a[t] * b[t] * idf2[t] for t in common]) / (na * norms[j])
    return bags, idf, weights


def rank_sentences(sentences: list[str], language: str) -> list[float]:
    """Score each sentence; higher is more worth a place in the summary."""
    n = len(sentences)
    if n == 0:
        return []
    _bags, _idf, weights = _features(sentences, language)
    return _scores(sentences, language, weights)


def _scores(sentences: list[str], language: str, weights: list[list[float]],
            tokens: list[list[str]] | None = None) -> list[float]:
    n = len(sentences)
    prior = [1.0 / (i + 1) ** 0.5 for i in range(n)]
    total = sum(prior)
    centrality = _pagerank(weights, [p / total for p in prior])
    top = max(centrality) or 1.0
    openers = _openers(language)
    out = []
    for i, s in enumerate(sentences):
        lead = math.exp(-LEAD_DECAY * i)
        score = LEAD_WEIGHT * lead + CENTRALITY_WEIGHT * centrality[i] / top + (FIRST_BONUS if i == 0 else 0.0)
        words_ = tokens[i] if tokens is not None else words(s)
        score *= _length_factor(len(words_))
        if i and words_ and strip_accents(words_[0].lower()) in openers:
            score *= 0.6  # leans on the sentence before it
        if s.rstrip().endswith(("?", "؟")):
            score *= 0.5
        out.append(score)
    return out


def summarize(sentences: list[str], language: str, *, max_sentences: int = DEFAULT_SENTENCES,
              max_words: int | None = None) -> list[str]:
    """Pick the best sentences, returned in the article's order.

    With *max_words*, sentences that would overflow it are skipped, but the
    summary always has at least one sentence. A sentence too similar to one
    already chosen is skipped too.
    """
    if max_sentences <= 0 or not sentences:
        return []
    # Very long articles: the summary comes from the first part, keeping it O(n²) bounded.
    pool = sentences[:150]
    tokens = [words(s) for s in pool]  # split once for the bags and the length scores
    _bags, _idf, weights = _features(pool, language, tokens)
    scores = _scores(pool, language, weights, tokens)
    order = sorted(range(len(pool)), key=lambda i: (-scores[i], i))
    return within_budget(order, pool, max_sentences, max_words,
                         too_similar=lambda i, j: weights[i][j] > REDUNDANCY)


def within_budget(ranked: list[int], sentences: list[str], max_sentences: int, max_words: int | None,
                  too_similar=lambda i, j: False) -> list[str]:
    """The length rule of every summary: best first, skip what overflows the word budget
    (one sentence always fits) or repeats a chosen one, then keep the article's order.

    Baselines in `digest.eval` use it too, so they are compared at the same length.
    """
    chosen: list[int] = []
    used = 0
    for i in ranked:
        if len(chosen) >= max_sentences:
            break
        length = len(words(sentences[i]))
        if max_words and chosen and used + length > max_words:
            continue
        if any(too_similar(i, j) for j in chosen):
            continue
        chosen.append(i)
        used += length
    return [sentences[i] for i in sorted(chosen)]
