"""Entity pages across an archive: is each real-world entity on exactly one page?

`python -m digest.eval archive` builds the digests of a small multilingual corpus of wire
stories (`tests/fixtures/wire/`: fr, en, es, ar) through `pipeline.build`, resolves their
names as the site does (`entities.registry.build_registry`), and scores them against the
corpus's `truth.yml`:

- one page: the share of truth entities whose mentions, in every digest the truth lists,
  all land on one page of the right type (a page that also covers all those digests);
- merged: pages that hold two distinct truth entities (Paris and Paris Saint-Germain);
- missed: (entity, digest) pairs where recognition found none of the entity's names, which
  no registry can mend; split: entities spread over several pages.

`wire_oracle` scores the registry alone: each digest's names are the truth names its text
holds, with their true type, as a perfect recogniser would give them.

A recognised name belongs to a truth entity in a digest the truth lists for it when it is
one of its names (ignoring case, accents and Arabic clitics).
"""
from __future__ import annotations

import shutil
from dataclasses import replace
import tempfile
from pathlib import Path

import yaml

CORPUS = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "wire"
KIND = {"person": "people", "organisation": "organisations", "place": "places"}


def load_truth(corpus: Path) -> list[dict]:
    entries = yaml.safe_load((corpus / "truth.yml").read_text("utf-8")) or []
    return [{"id": str(e["id"]), "kind": KIND[e["type"]], "names": [str(n) for n in e["names"]],
             "digests": [str(d) for d in e["digests"]]} for e in entries]


def build_corpus(corpus: Path, site_language: str = "fr", entities_file: Path | None = None):
    """(BuildResult, Registry) of the corpus built as a site in *site_language*."""
    from ..config import make_config
    from ..entities.editor import load_entities
    from ..entities.pages import mentions
    from ..entities.registry import build_registry
    from ..pipeline import build
    from ..feeds import _sort_key

    with tempfile.TemporaryDirectory(prefix="digest-archive-") as tmp:
        content = Path(tmp) / "content"
        (content / "articles").mkdir(parents=True)
        for path in sorted(corpus.glob("*.md")):
            shutil.copy(path, content / "articles" / path.name)
        if entities_file is not None:
            shutil.copy(entities_file, content / "entities.yml")
        config = make_config({"content_dir": str(content), "workers": 1, "site_language": site_language}, Path(tmp))
        result = build(config)
        editor, _problems = load_entities(content / "entities.yml", "entities.yml")
    newest = sorted(result.digests, key=_sort_key, reverse=True)
    return result, build_registry([mentions(d) for d in newest], editor, site_language)


def score(result, registry, truth: list[dict]) -> dict:
    from ..entities.registry import _arabic_forms, fold

    by_slug = {d.slug: d for d in result.digests}
    pages_of: dict[str, set] = {}
    missed, split, wrong = [], [], []
    good = 0
    for entity in truth:
        names = {fold(n) for n in entity["names"]}
        landed: dict[str, set] = {}  # page key -> digests it covers for this entity
        for slug in entity["digests"]:
            digest = by_slug.get(slug)
            hits = set()
            for kind in ("people", "organisations", "places"):
                for name in getattr(digest.entities, kind) if digest else ():
                    if any(fold(f) in names for f in _arabic_forms(name)):
                        found = registry.entity(slug, kind, name)
                        if found is not None:
                            hits.add(found.key)
            if not hits:
                missed.append(f"{entity['id']} in {slug}")
            for key in hits:
                landed.setdefault(key, set()).add(slug)
        pages_of[entity["id"]] = set(landed)
        if len(landed) == 1:
            key = next(iter(landed))
            page = registry.entities[key]
            if page.kind != entity["kind"]:
                wrong.append(f"{entity['id']}: a {page.kind} page ({page.path})")
            elif landed[key] == set(entity["digests"]):
                good += 1
        elif len(landed) > 1:
            split.append(f"{entity['id']}: " + ", ".join(sorted(registry.entities[k].path for k in landed)))
    holders: dict[str, list[str]] = {}
    for entity_id, keys in pages_of.items():
        for key in keys:
            holders.setdefault(key, []).append(entity_id)
    merged = sorted(f"{registry.entities[k].path}: {' + '.join(sorted(ids))}" for k, ids in holders.items()
                    if len(ids) > 1)
    return {"entities": len(truth), "one_page": good, "percent": round(100 * good / max(len(truth), 1), 1),
            "merged": merged, "split": sorted(split), "wrong_type": sorted(wrong), "missed": sorted(missed)}


def oracle_registry(result, truth: list[dict], site_language: str = "fr"):
    """The registry built from the truth's names as written in each digest, with their true kind."""
    import re
    from dataclasses import replace

    from ..entities.pages import mentions
    from ..entities.registry import build_registry
    from ..feeds import _sort_key

    digests = []
    for d in sorted(result.digests, key=_sort_key, reverse=True):
        text = " ".join(s.text for s in d.sentences)
        found = {"people": [], "organisations": [], "places": []}
        for entity in truth:
            if d.slug in entity["digests"]:
                found[entity["kind"]] += [n for n in entity["names"]
                                          if re.search(rf"(?<!\w)(?:[وبلف]|وب|ول)?{re.escape(n)}(?!\w)", text)]
        digests.append(replace(d, entities=replace(d.entities, **{k: tuple(dict.fromkeys(v)) for k, v in found.items()})))
    return digests, build_registry([mentions(d) for d in digests], (), site_language)


def run(eval_dir=None, limit: int | None = None) -> dict:
    """The corpus next to the tests (or *eval_dir* when it holds a truth.yml), as `python -m digest.eval` wants."""
    corpus = Path(eval_dir) if eval_dir and (Path(eval_dir) / "truth.yml").exists() else CORPUS
    truth = load_truth(corpus)[:limit] if limit else load_truth(corpus)
    result, registry = build_corpus(corpus)
    digests, perfect = oracle_registry(result, truth)
    return {"wire": score(result, registry, truth),
            "wire_oracle": score(replace(result, digests=tuple(digests)), perfect, truth)}
