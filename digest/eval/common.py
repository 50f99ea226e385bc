"""Shared scoring helpers: Unicode-aware tokens and bag-of-token F1."""
from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

from ..text import words


def default_eval_dir() -> Path:
    env = os.environ.get("DIGEST_EVAL_DIR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2].parent / "shared" / "eval"


def tokens(text: str) -> list[str]:
    return [w.lower() for w in words(text or "")]


def token_f1(predicted: str, reference: str) -> float:
    p, r = Counter(tokens(predicted)), Counter(tokens(reference))
    if not p and not r:
        return 1.0
    overlap = sum((p & r).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(p.values()), overlap / sum(r.values())
    return 2 * precision * recall / (precision + recall)


def normalise_space(text: str | None) -> str:
    return " ".join((text or "").split())


def mean(values) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0
