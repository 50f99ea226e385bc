"""Editor-kept glossary: loading, validation and term matching in text."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from slugify import slugify

from .model import GlossaryTerm, Problem
from .text import split_sentences

_ARABIC_PREFIX = "(?:وال|بال|لل|فال|كال|ال|و|ب|ل)?"


def load_glossary(path: Path, display: str) -> tuple[tuple[GlossaryTerm, ...], list[Problem]]:
    """Read content/glossary.yml: a list of {term, id?, aliases?, definition}."""
    if not path.exists():
        return (), []
    try:
        data = yaml.safe_load(path.read_text("utf-8-sig"))
    except UnicodeDecodeError:
        return (), [Problem(display, "the glossary is not UTF-8 text", "re-save it as UTF-8")]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        return (), [Problem(display, f"the glossary is not valid YAML{where}", "fix the YAML; no term is linked until then")]
    if data is None:
        return (), []
    if isinstance(data, dict) and "terms" in data:
        data = data["terms"]
    if not isinstance(data, list):
        return (), [Problem(display, "the glossary must be a list of terms",
                            "write one '- term: …' entry per term")]
    terms: list[GlossaryTerm] = []
    problems: list[Problem] = []
    seen_ids: dict[str, int] = {}
    seen_forms: dict[str, str] = {}
    for n, entry in enumerate(data, 1):
        where = f"{display} (entry {n})"
        if not isinstance(entry, dict) or not str(entry.get("term") or "").strip():
            problems.append(Problem(where, "the entry has no 'term'", "add 'term: …' or remove the entry"))
            continue
        term = str(entry["term"]).strip()
        definition = str(entry.get("definition") or "").strip()
        if not definition:
            problems.append(Problem(where, f"the term {term!r} has no definition", "add 'definition: …'"))
            continue
        term_id = slugify(str(entry.get("id") or term)) or f"term-{n}"
        if term_id in seen_ids:
            problems.append(Problem(where, f"the id {term_id!r} is used twice (entries {seen_ids[term_id]} and {n})",
                                    "give each term its own 'id'"))
            continue
        aliases = entry.get("aliases") or []
        if isinstance(aliases, str):
            aliases = [aliases]
        forms = []
        for form in [term, *map(str, aliases)]:
            key = form.strip().casefold()
            if not key:
                continue
            if key in seen_forms and seen_forms[key] != term_id:
                problems.append(Problem(where, f"{form!r} is already a form of {seen_forms[key]!r}",
                                        "remove the duplicate alias"))
                continue
            seen_forms[key] = term_id
            forms.append(form.strip())
        seen_ids[term_id] = n
        terms.append(GlossaryTerm(term_id, term, tuple(f for f in forms[1:] if f != term), definition, display))
    return tuple(sorted(terms, key=lambda t: t.term.casefold())), problems


def _is_acronym(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(form) <= 8


def _form_pattern(form: str) -> str:
    body = r"\s+".join(re.escape(part) for part in form.split())
    if _is_acronym(form):
        return body  # acronyms keep their case: "IA" is not "ia"
    if re.search(r"[\u0600-\u06ff]", form):
        return f"{_ARABIC_PREFIX}{body}"
    return f"(?i:{body}(?:s|x|es)?)"


@dataclass(frozen=True)
class Matcher:
    pattern: re.Pattern | None
    ids: dict[str, str]  # casefolded form -> term id
    terms: dict[str, GlossaryTerm]

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Non-overlapping (start, end, term id), longest form first at each place."""
        if self.pattern is None:
            return []
        out = []
        for m in self.pattern.finditer(text):
            term_id = self._resolve(m.group(0))
            if term_id:
                out.append((m.start(), m.end(), term_id))
        return out

    def _resolve(self, surface: str) -> str | None:
        key = " ".join(surface.split()).casefold()
        if key in self.ids:
            return self.ids[key]
        for form, term_id in self.ids.items():
            if re.fullmatch(_form_pattern(form), " ".join(surface.split()), re.IGNORECASE if not _is_acronym(form) else 0):
                return term_id
        return None


def make_matcher(terms: tuple[GlossaryTerm, ...]) -> Matcher:
    forms = sorted({f for t in terms for f in t.forms}, key=lambda f: (-len(f), f))
    ids = {" ".join(f.split()).casefold(): t.id for t in terms for f in t.forms}
    # Acronym forms must match case-sensitively even in the lookup table.
    ids = {k: v for k, v in ids.items()}
    if not forms:
        return Matcher(None, {}, {})
    alternation = "|".join(_form_pattern(f) for f in forms)
    pattern = re.compile(rf"(?<![^\W_])(?:{alternation})(?![^\W_])")
    return Matcher(pattern, ids, {t.id: t for t in terms})


def short_definition(term: GlossaryTerm, limit: int = 200) -> str:
    sentences = split_sentences(term.definition.replace("\n", " "))
    text = sentences[0] if sentences else term.definition
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
