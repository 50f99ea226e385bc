"""Ingest quality: OrangeSum (title, date, body) and trafilatura's evaldata (with/without).

Plain trafilatura (`bare_extraction(html, with_metadata=True)`, its defaults) is
scored side by side on the same pages, as the baseline to beat.

What is compared, and why:

- OrangeSum (`orangesum-valid`, 300 French news pages): `title` and `date` are
  exact-match rates against the parsed truth; `body_f1` is the mean bag-of-token
  F1 of the body against the truth `article`. OrangeSum's `heading` (the
  standfirst) is not part of its `article`; digest keeps the standfirst in its
  own field, so digest's body is scored alone, and `standfirst_f1` scores that
  field against `heading`. trafilatura has one text, scored as it is.
- evaldata (`trafilatura-evaldata-subset`, 135 pages in 6 languages): `with` is
  the share of snippets that must be kept that are found, `without` the share of
  boilerplate snippets that must go that are absent. The text searched is all
  the digest keeps from the page: title, standfirst and body (and, for
  trafilatura, its title and text).

Pages are scored in parallel, one process per core.
"""
from __future__ import annotations

import gzip
import json
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import trafilatura

from ..dates import parse_date
from ..ingest.decode import decode
from ..ingest.html import parse_html
from .common import mean, normalise_space, token_f1

SYSTEMS = ("digest", "trafilatura")


def ours(html: str) -> dict:
    fields = parse_html(html)
    return {"title": fields["title"], "date": parse_date(fields.get("date_text")) if fields.get("date_text") else None,
            "body": "\n\n".join(b.text for b in fields["blocks"]), "standfirst": fields.get("standfirst") or ""}


def plain(html: str) -> dict:
    doc = trafilatura.bare_extraction(html, with_metadata=True)
    if doc is None:
        return {"title": None, "date": None, "body": "", "standfirst": ""}
    return {"title": doc.title, "date": doc.date, "body": doc.text or "", "standfirst": ""}


def _safe(fn, html):
    try:
        return fn(html), False
    except Exception:  # a failed page scores zero, it does not stop the evaluation
        return {"title": None, "date": None, "body": "", "standfirst": ""}, True


def _read(path: Path) -> str:
    return decode(gzip.decompress(path.read_bytes()))


def _score_orangesum(args: tuple[str, str]) -> dict:
    html_path, truth_path = args
    truth = json.loads(Path(truth_path).read_text("utf-8"))
    html = _read(Path(html_path))
    out = {}
    for name, fn in (("digest", ours), ("trafilatura", plain)):
        got, failed = _safe(fn, html)
        out[name] = {
            "title": normalise_space(got["title"]) == normalise_space(truth["title"]),
            "date": got["date"] == truth["date"],
            "body_f1": token_f1(got["body"], truth["article"]),
            "failed": failed,
        }
        if name == "digest":
            out[name]["standfirst_f1"] = token_f1(got["standfirst"], truth["heading"])
    return out


def _score_evaldata(args: tuple[str, list, list]) -> dict:
    html_path, with_, without = args
    html = _read(Path(html_path))
    out = {}
    for name, fn in (("digest", ours), ("trafilatura", plain)):
        got, failed = _safe(fn, html)
        kept = normalise_space("\n\n".join(filter(None, (got["title"], got["standfirst"], got["body"]))))
        out[name] = {"with": [normalise_space(s) in kept for s in with_],
                     "without": [normalise_space(s) not in kept for s in without],
                     "failed": failed}
    return out


def _map(fn, items: list, workers: int | None):
    workers = workers or min(2, os.cpu_count() or 1)
    if workers <= 1 or len(items) < 8:
        return [fn(item) for item in items]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(fn, items, chunksize=8))


def orangesum(eval_dir: Path, limit: int | None = None, workers: int | None = None) -> dict:
    root = eval_dir / "orangesum-valid"
    ids = sorted(p.name.split(".")[0] for p in (root / "raw_html").glob("*.html.gz"))[:limit]
    items = [(str(root / "raw_html" / f"{i}.html.gz"), str(root / "parsed" / f"{i}.json")) for i in ids]
    results = _map(_score_orangesum, items, workers)
    scores = {}
    for name in SYSTEMS:
        rows = [r[name] for r in results]
        scores[name] = {k: round(mean(r[k] for r in rows), 4) for k in rows[0] if k != "failed"} if rows else {}
        scores[name]["failed"] = sum(r["failed"] for r in rows)
    return {"pages": len(ids), **scores}


def evaldata(eval_dir: Path, limit: int | None = None, workers: int | None = None) -> dict:
    root = eval_dir / "trafilatura-evaldata-subset"
    cases = json.loads((root / "evaldata.json").read_text("utf-8"))
    items = [(str(root / "html" / (case["file"] + ".gz")), case.get("with", []), case.get("without", []))
             for _key, case in sorted(cases.items())[:limit]]
    results = _map(_score_evaldata, items, workers)
    scores = {}
    for name in SYSTEMS:
        rows = [r[name] for r in results]
        scores[name] = {"with": round(mean(x for r in rows for x in r["with"]), 4),
                        "without": round(mean(x for r in rows for x in r["without"]), 4),
                        "failed": sum(r["failed"] for r in rows)}
    return {"pages": len(items), **scores}


def run(eval_dir: Path, limit: int | None = None) -> dict:
    return {"orangesum": orangesum(eval_dir, limit), "trafilatura_evaldata": evaldata(eval_dir, limit)}
