"""The editor's `content/entities.yml`: canonical names, aliases and names that are no entity.

```yaml
- id: nasser-bourita          # optional (from the name); the page's URL, kept when the name changes
  name: Nasser Bourita        # or per language: {fr: …, ar: …}; the site's language is the title
  type: person                # person, organisation or place
  aliases: [Bourita, ناصر بوريطة]
- name: Janvier
  not_entity: true            # never an entity (type optional: only for that kind)
```

Read like the glossary: every problem names the file and the entry and says what to do;
a bad entry is left out, the others still hold.
"""
from __future__ import annotations

from pathlib import Path

from ..model import Problem
from ..text import as_list
from .registry import TYPES, EditorEntity, entity_slug, fold

KEYS = frozenset({"id", "name", "names", "type", "aliases", "not_entity", "draft", "note"})


def entries(path: Path, display: str) -> tuple[list[tuple[str, dict]], list[Problem]]:
    """The file's entries as (where, mapping), or the problem that kept it from being read."""
    from ..ingest.decode import InputError, refuse_links
    from ..ingest.markdown import load_yaml

    if not (path.exists() or path.is_symlink()):
        return [], []
    try:
        refuse_links(path)
        data = load_yaml(path.read_text("utf-8-sig"), "the entities file",
                         fix="fix the YAML; its entries are not used until then")
    except UnicodeDecodeError:
        return [], [Problem(display, "the entities file is not UTF-8 text", "re-save it as UTF-8")]
    except InputError as exc:
        return [], [Problem(display, exc.message, exc.hint)]
    except OSError as exc:
        return [], [Problem(display, f"the entities file cannot be read ({exc.strerror})", "check its permissions")]
    if data is None:
        return [], []
    if isinstance(data, dict) and "entities" in data:
        data = data["entities"]
    if not isinstance(data, list):
        return [], [Problem(display, "the entities file must be a list of entries",
                            "write one '- name: …' entry per entity")]
    return [(f"{display} (entry {n})", e) for n, e in enumerate(data, 1)], []


def load_entities(path: Path, display: str) -> tuple[tuple[EditorEntity, ...], list[Problem]]:
    """Validated entries, in file order, and the problems of the others."""
    found, problems = entries(path, display)
    out: list[EditorEntity] = []
    ids: dict[str, str] = {}
    forms: dict[tuple[str | None, str], str] = {}
    for where, entry in found:
        if not isinstance(entry, dict):
            problems.append(Problem(where, "the entry is not a mapping", "write it as '- name: …' with 'type: …'"))
            continue
        unknown = sorted(set(map(str, entry)) - KEYS)
        if unknown:
            problems.append(Problem(where, f"unknown key {', '.join(map(repr, unknown))}",
                                    f"use only {', '.join(sorted(KEYS))}", "warning"))
        names = entry.get("names", entry.get("name"))
        if isinstance(names, dict):
            pairs = [(str(k), " ".join(str(v).split())) for k, v in names.items() if v is not None]
        else:
            pairs = [("", " ".join(str(n).split())) for n in as_list(names)]
        pairs = [(lang, name) for lang, name in pairs if name]
        if not pairs:
            problems.append(Problem(where, "the entry has no 'name'", "add 'name: …' or remove the entry"))
            continue
        label = pairs[0][1]
        if entry.get("draft"):
            problems.append(Problem(where, f"{label!r} is a draft and is not used yet",
                                    "check it and remove 'draft: true'", "info"))
            continue
        not_entity = entry.get("not_entity") is True
        kind_word = entry.get("type")
        kind = TYPES.get(str(kind_word).strip().lower()) if kind_word is not None else None
        if kind_word is not None and kind is None or (kind is None and not not_entity):
            problems.append(Problem(where, f"{label!r} has no valid 'type' ({kind_word!r})" if kind_word is not None
                                    else f"{label!r} has no 'type'",
                                    "write 'type: person', 'type: organisation' or 'type: place'"))
            continue
        entity_id = entity_slug(str(entry.get("id") or label), kind or "people")
        if entity_id in ids:
            problems.append(Problem(where, f"the id {entity_id!r} is used twice (also in {ids[entity_id]})",
                                    "give each entity its own 'id'"))
            continue
        aliases = [" ".join(str(a).split()) for a in as_list(entry.get("aliases"))]
        clash = None
        for form in [n for _, n in pairs] + aliases:
            key = (kind, fold(form))
            if form and forms.get(key, where) != where:
                clash = (form, forms[key])
                break
        if clash:
            problems.append(Problem(where, f"{clash[0]!r} is already a name in {clash[1]}",
                                    "keep each name in one entry (merge the two entries if they are one entity)"))
            continue
        for form in [n for _, n in pairs] + aliases:
            forms[(kind, fold(form))] = where
        ids[entity_id] = where
        out.append(EditorEntity(entity_id, kind, tuple(pairs), tuple(a for a in aliases if a), not_entity, where))
    return tuple(out), problems
