"""What the entity pages and the fact-box links are made of, from a `Registry`.

Site-wide words only (`site.py` renders); a digest's fact box links each name to the page
of its canonical entity, or shows no link for a name an editor marked `not_entity`.
"""
from __future__ import annotations

from collections import Counter

from .registry import KINDS, EditorEntity, Mentions, Registry, build_registry

# Words of the entity pages the shared labels do not have (site language; English otherwise).
WORDS = {
    "en": {"also_written": "Also written", "related": "Often mentioned with", "digests": "Digests"},
    "fr": {"also_written": "Autres graphies", "related": "Souvent cité avec", "digests": "Digests"},
    "es": {"also_written": "También escrito", "related": "Citado a menudo con", "digests": "Resúmenes"},
    "ar": {"also_written": "أسماء أخرى", "related": "يرد غالبا مع", "digests": "الملخصات"},
}
RELATED = 8  # co-occurring entities listed on a page


def entity_words(language: str) -> dict[str, str]:
    return WORDS.get(language, WORDS["en"])


def mentions(digest) -> Mentions:
    return Mentions(digest.slug, digest.article.language, digest.entities)


def local_registry(digest, editor: tuple[EditorEntity, ...] = (), site_language: str = "en") -> Registry:
    """The registry of one digest alone: what its page links to before the archive is known."""
    return build_registry([mentions(digest)], editor, site_language)


def digest_links(registry: Registry, digest) -> dict[str, list[dict]]:
    """Fact-box names by kind, each with the path of its canonical entity's page; two names of
    one entity (an acronym and its expansion, two spellings) are listed once, by the longer."""
    out: dict[str, list[dict]] = {}
    for kind in KINDS:
        items, by_path = [], {}
        for name in getattr(digest.entities, kind):
            if registry.dropped(digest.slug, kind, name):
                continue
            entity = registry.entity(digest.slug, kind, name)
            path = entity.path if entity else None
            if path is not None and path in by_path:
                # "OCDE" and its expansion are one entity: named once, by the fuller name, where the first stood
                item = by_path[path]
                item["name"] = max(item["name"], name, key=len)
                continue
            item = {"name": name, "path": path}
            by_path[path] = item
            items.append(item)
        out[kind] = items
    return out


def entity_pages(registry: Registry, cards: dict[str, dict]) -> list[dict]:
    """One page context per canonical entity, sorted by (kind, title): its title, other spellings,
    digests (in registry order, newest first) and the entities it most often appears with."""
    together: dict[str, Counter] = {}
    keys_of: dict[str, list[str]] = {}
    for key, entity in registry.entities.items():
        for slug in entity.digests:
            keys_of.setdefault(slug, []).append(key)
    for keys in keys_of.values():
        for key in keys:
            counter = together.setdefault(key, Counter())
            counter.update(k for k in keys if k != key)
    out = []
    for key, entity in registry.entities.items():
        counts = together.get(key, Counter())
        near = sorted(counts, key=lambda k: (-counts[k], _sort_title(registry.entities[k].title), k))[:RELATED]
        out.append({
            "key": key, "name": entity.title, "path": entity.path, "kind": entity.kind,
            "other_names": _other_names(entity),
            "cards": [cards[s] for s in entity.digests if s in cards],
            "related": [{"name": registry.entities[k].title, "path": registry.entities[k].path,
                         "count": counts[k]} for k in near],
        })
    return sorted(out, key=lambda e: (e["kind"], _sort_title(e["name"]), e["path"]))


def _other_names(entity) -> list[str]:
    """Spellings besides the title, without those that only add a clitic ("بالمغرب" next to "المغرب")
    or differ only by case and accents from one listed before."""
    from .registry import _arabic_forms, fold

    kept, seen = [], {fold(entity.title)}
    for name in entity.spellings:
        if fold(name) in seen or any(fold(f) in seen for f in _arabic_forms(name)[1:]):
            continue
        kept.append(name)
        seen.add(fold(name))
    return kept


def _sort_title(title: str) -> str:
    from ..text import strip_accents

    return strip_accents(title).casefold()
