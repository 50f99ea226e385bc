"""Ingest quality: OrangeSum (title, date, body) and trafilatura's evaldata (with/without).

Plain trafilatura is scored side by side on the same pages, as the baseline to beat.
"""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import trafilatura

from ..ingest.decode import decode
from ..ingest.html import parse_html
from ..dates import parse_date
from .common import mean, normalise_space, token_f1


def ours(html: str) -> dict:
    fields = parse_html(html)
    return {"title": fields["title"], "date": parse_date(fields.get("date_text")) if fields.get("date_text") else None,
            "body": "\n\n".join(b.text for b in fields["blocks"])}


def plain(html: str) -> dict:
    doc = trafilatura.bare_extraction(html, with_metadata=True)
    if doc is None:
        return {"title": None, "date": None, "body": ""}
    return {"title": doc.title, "date": doc.date, "body": doc.text or ""}


def _safe(fn, html):
    try:
        return fn(html)
    except Exception:  # a failed page scores zero, it does not stop the evaluation
        return {"title": None, "date": None, "body": ""}


def orangesum(eval_dir: Path, limit: int | None = None) -> dict:
    root = eval_dir / "orangesum-valid"
    ids = sorted(p.name.split(".")[0] for p in (root / "raw_html").glob("*.html.gz"))[:limit]
    scores = {"digest": {"title": [], "date": [], "body_f1": []},
              "trafilatura": {"title": [], "date": [], "body_f1": []}}
    for doc_id in ids:
        truth = json.loads((root / "parsed" / f"{doc_id}.json").read_text("utf-8"))
        html = decode(gzip.decompress((root / "raw_html" / f"{doc_id}.html.gz").read_bytes()))
        for name, fn in (("digest", ours), ("trafilatura", plain)):
            got = _safe(fn, html)
            scores[name]["title"].append(normalise_space(got["title"]) == normalise_space(truth["title"]))
            scores[name]["date"].append(got["date"] == truth["date"])
            scores[name]["body_f1"].append(token_f1(got["body"], truth["article"]))
    return {"pages": len(ids), **{name: {k: round(mean(v), 4) for k, v in s.items()} for name, s in scores.items()}}


def evaldata(eval_dir: Path, limit: int | None = None) -> dict:
    root = eval_dir / "trafilatura-evaldata-subset"
    cases = json.loads((root / "evaldata.json").read_text("utf-8"))
    items = sorted(cases.items())[:limit]
    scores = {name: {"with": [], "without": []} for name in ("digest", "trafilatura")}
    for _key, case in items:
        html = decode(gzip.decompress((root / "html" / (case["file"] + ".gz")).read_bytes()))
        for name, fn in (("digest", ours), ("trafilatura", plain)):
            body = normalise_space(_safe(fn, html)["body"])
            scores[name]["with"].extend(normalise_space(s) in body for s in case.get("with", []))
            scores[name]["without"].extend(normalise_space(s) not in body for s in case.get("without", []))
    return {"pages": len(items), **{name: {k: round(mean(v), 4) for k, v in s.items()} for name, s in scores.items()}}


def run(eval_dir: Path, limit: int | None = None) -> dict:
    return {"orangesum": orangesum(eval_dir, limit), "trafilatura_evaldata": evaldata(eval_dir, limit)}
