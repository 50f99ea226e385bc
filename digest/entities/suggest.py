"""`digest entities suggest`: merges and mistakes for an editor to confirm in entities.yml.

Likely merges: a surname alone in one digest and the one full name ending with it in
others (the registry keeps them apart: two people may share a surname), acronyms the
registry joined to an expansion, names that differ only by case or accents but landed on
different pages, and countries joined across languages. Likely mistakes: a name recognised
as different kinds in different digests, and names that are months, days or units.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import yaml

from .registry import SINGULAR, Registry, archive_expansions, fold, tables

UNITS = frozenset(fold(u) for u in (
    "km kg mw gw kw kwh mwh gwh twh mt mds md mmdh dh mad usd eur teu tep bbl ppm ha m3 "
    "euros dollars dirhams dinars pesos livres barils tonnes hectares megawatts gigawatts").split())


@dataclass(frozen=True)
class Suggestion:
    action: str  # "merge" or "mistake"
    reason: str  # surname, acronym, spelling, country, kinds, month, unit
    name: str  # the canonical name an entry would have
    kind: str  # people, organisations, places
    aliases: tuple[str, ...] = ()
    where: tuple[str, ...] = ()  # digest slugs

    def line(self) -> str:
        also = f" = {', '.join(self.aliases)}" if self.aliases else ""
        return f"{self.action:<7}  {self.reason:<8}  {SINGULAR[self.kind]:<12}  {self.name}{also}  ({', '.join(self.where[:3])}" \
               f"{', …' if len(self.where) > 3 else ''})"


@lru_cache(maxsize=1)
def calendar_words() -> frozenset[str]:
    from babel import Locale

    out = set()
    for language in ("fr", "en", "es", "ar"):
        locale = Locale.parse(language)
        for table in (locale.months, locale.days):
            for width in ("wide", "abbreviated"):
                out.update(fold(n) for n in table["format"][width].values())
    return frozenset(out)


def suggest(registry: Registry, items: list, known: set[str]) -> list[Suggestion]:
    """Suggestions over the registry of *items* (`registry.Mentions`, newest first); names in
    *known* (folded: the entities file's names, drafts included) are never suggested again."""
    out: list[Suggestion] = []
    seen: dict[tuple[str, str], set[str]] = {}  # (kind, name) -> digests
    for item in items:
        for kind in ("people", "organisations", "places"):
            for name in getattr(item.entities, kind):
                seen.setdefault((kind, name), set()).add(item.slug)

    def fresh(*names: str) -> bool:
        return not any(fold(n) in known for n in names)

    # A surname alone, and the one full name of the archive ending with it.
    full = {}
    for kind, name in seen:
        if kind == "people" and len(name.split()) > 1:
            full.setdefault(name.split()[-1], set()).add(name)
    for (kind, name), where in sorted(seen.items()):
        if kind == "people" and " " not in name and len(full.get(name, ())) == 1:
            whole = next(iter(full[name]))
            alone = sorted(s for s in where if registry.entity(s, kind, name).key != _key(registry, seen, whole))
            if alone and fresh(name, whole):
                out.append(Suggestion("merge", "surname", whole, "people", (name,), tuple(alone)))
    tab = tables()
    for short, long in sorted(archive_expansions(items, tab).items()):
        where = sorted(seen.get(("organisations", short), ()))
        if where and fresh(short, long) and short not in tab.exact:
            out.append(Suggestion("merge", "acronym", long, "organisations", (short,), tuple(where)))
    by_fold: dict[str, dict[str, set]] = {}
    for (kind, name), where in seen.items():
        for slug in where:
            entity = registry.entity(slug, kind, name)
            if entity is not None:
                by_fold.setdefault(fold(name), {}).setdefault(entity.key, set()).add(name)
    for key in sorted(by_fold):
        pages = by_fold[key]
        names = sorted({n for group in pages.values() for n in group})
        entities = [registry.entities[k] for k in sorted(pages)]
        # Two spellings of one kind on two pages ("Côte d’Ivoire", "Côte d'Ivoire"); one name on
        # pages of two kinds is the Jordan of a person and of a country, which is no merge.
        if len(names) > 1 and len({e.kind for e in entities}) == 1 and len(entities) > 1:
            if fresh(*names):
                out.append(Suggestion("merge", "spelling", entities[0].title, entities[0].kind, tuple(names[1:]),
                                      tuple(sorted({s for e in entities for s in e.digests}))))
    for entity in sorted(registry.entities.values(), key=lambda e: e.key):
        if entity.key.startswith("cldr:") and len(entity.spellings) > 1 and fresh(*entity.spellings):
            out.append(Suggestion("merge", "country", entity.title, "places",
                                  tuple(n for n in entity.spellings if n != entity.title), entity.digests))
    kinds: dict[str, Counter] = {}
    for (kind, name), where in seen.items():
        kinds.setdefault(name, Counter())[kind] += len(where)
    for name in sorted(kinds):
        if not fresh(name):
            continue
        where = tuple(sorted({s for k in kinds[name] for s in seen[(k, name)]}))
        if fold(name) in calendar_words():
            out.append(Suggestion("mistake", "month", name, kinds[name].most_common(1)[0][0], (), where))
        elif fold(name) in UNITS or re.fullmatch(r"\d+\s*\w{0,3}", name):
            out.append(Suggestion("mistake", "unit", name, kinds[name].most_common(1)[0][0], (), where))
        elif len(kinds[name]) > 1:
            kind = min(kinds[name], key=lambda k: (-kinds[name][k], k))
            out.append(Suggestion("mistake", "kinds", name, kind, (), where))
    return out


def _key(registry: Registry, seen: dict, name: str) -> str | None:
    for (kind, other), where in seen.items():
        if other == name and kind == "people":
            return registry.entity(min(where), kind, name).key
    return None


def known_names(text: str) -> set[str]:
    """Folded names of an entities.yml's entries, drafts included."""
    try:
        data = yaml.safe_load(text) if text.strip() else []
    except yaml.YAMLError:
        return set()
    if isinstance(data, dict):
        data = data.get("entities") or []
    out = set()
    for entry in data if isinstance(data, list) else []:
        if isinstance(entry, dict):
            names = entry.get("name", entry.get("names"))
            names = list(names.values()) if isinstance(names, dict) else [names]
            aliases = entry.get("aliases") or []
            out |= {fold(str(n)) for n in [*names, *(aliases if isinstance(aliases, list) else [aliases])] if n}
    return out


def entities_indent(text: str) -> str | None:
    """How entries are indented in an existing entities.yml (see `digest.suggest.list_indent`)."""
    from ..suggest import list_indent

    return list_indent(text, "entities")


def draft_yaml(suggestions: list[Suggestion], indent: str = "") -> str:
    """Entries to append to entities.yml as drafts: `digest check` lists them; they count once
    an editor has checked them and removed `draft: true`."""
    lines = []
    for s in suggestions:
        lines.append(f"- name: {json.dumps(s.name, ensure_ascii=False)}")
        if s.action == "mistake" and s.reason != "kinds":
            lines.append("  not_entity: true")
        else:
            lines.append(f"  type: {SINGULAR[s.kind]}")
        if s.aliases:
            lines.append(f"  aliases: {json.dumps(list(s.aliases), ensure_ascii=False)}")
        lines.append(f"  draft: true  # `digest entities suggest` ({s.reason}, in {', '.join(s.where[:3])}): "
                     "check it, then remove this line")
    return "".join(indent + line + "\n" for line in lines)

