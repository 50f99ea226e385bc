"""Glossary suggestions: acronyms with their expansion and frequent names not yet in the glossary."""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from .facts import acronyms
from .model import Digest, GlossaryTerm


@dataclass(frozen=True)
class Suggestion:
    term: str
    kind: str  # acronym, organisations, places, people
    count: int  # mentions across all articles
    aliases: tuple[str, ...] = ()


def _known_forms(glossary: tuple[GlossaryTerm, ...], glossary_file: Path) -> set[str]:
    forms = {f.casefold() for t in glossary for f in t.forms}
    if glossary_file.exists():  # drafts are not loaded as terms but must not be suggested twice
        try:
            data = yaml.safe_load(glossary_file.read_text("utf-8-sig")) or []
        except yaml.YAMLError:
            data = []
        if isinstance(data, dict):
            data = data.get("terms") or []
        for entry in data if isinstance(data, list) else []:
            if isinstance(entry, dict):
                forms |= {str(f).casefold() for f in [entry.get("term"), *(entry.get("aliases") or [])] if f}
    return forms


def _mentions(name: str, texts: list[str]) -> int:
    pattern = re.compile(rf"(?<![^\W_]){re.escape(name)}(?![^\W_])")
    return sum(len(pattern.findall(t)) for t in texts)


def suggest(digests: list[Digest], glossary: tuple[GlossaryTerm, ...], glossary_file: Path,
            min_count: int = 2) -> list[Suggestion]:
    known = _known_forms(glossary, glossary_file)
    texts = [d.article.title + "\n" + d.article.body for d in digests]
    found: dict[str, Suggestion] = {}
    for text in texts:
        for short, expansion in acronyms(text).items():
            if short.casefold() in known or expansion.casefold() in known or short in found:
                continue
            found[short] = Suggestion(short, "acronym", _mentions(short, texts), (expansion,))
    names: Counter = Counter()
    kinds: dict[str, str] = {}
    for d in digests:
        for kind in ("organisations", "places", "people"):
            for name in getattr(d.entities, kind):
                kinds.setdefault(name, kind)
                names[name] += 1
    expansions = {a for s in found.values() for a in s.aliases}
    for name in names:
        if name.casefold() in known or name in found or name in expansions:
            continue
        count = _mentions(name, texts)
        if count >= min_count:
            found[name] = Suggestion(name, kinds[name], count)
    return sorted(found.values(), key=lambda s: (-s.count, s.term.casefold()))


def list_indent(text: str, key: str) -> str | None:
    """How entries are indented in an existing YAML list file (glossary.yml, entities.yml): ""
    for a top-level list, the list's indent under `key:`, None when the file has another shape
    (nothing is appended then)."""
    try:
        data = yaml.safe_load(text) if text.strip() else []
    except yaml.YAMLError:
        return None
    if isinstance(data, list) or data is None:
        return ""
    if isinstance(data, dict) and list(data) == [key] and isinstance(data[key], list):
        m = re.search(rf"^{re.escape(key)}:\s*\n(\s*)- ", text, re.MULTILINE)
        return m.group(1) if m else None
    return None


def glossary_indent(text: str) -> str | None:
    return list_indent(text, "terms")


def draft_yaml(suggestions: list[Suggestion], indent: str = "") -> str:
    """YAML entries to append to glossary.yml: drafts are listed but not linked."""
    lines = []
    for s in suggestions:
        lines.append(f"- term: {json.dumps(s.term, ensure_ascii=False)}")
        if s.aliases:
            lines.append(f"  aliases: {json.dumps(list(s.aliases), ensure_ascii=False)}")
        lines.append('  definition: ""')
        lines.append("  draft: true  # suggested by `digest glossary suggest`: write the definition, then remove this line")
    return "".join(indent + line + "\n" for line in lines)
