"""One canonical entity per real-world person, organisation or place, across the archive.

Recognition gives each digest names as written ("UE", "Union européenne", "المغرب").
`build_registry` maps every (digest, kind, name) to one canonical entity, in this order:
the editor's `content/entities.yml`; an acronym expanded in the same article; the
built-in tables (CLDR country names in any language, through Babel; the multilingual list
of international organisations in `data/organisations.yml`; the place gazetteer in
`digest/data/places.txt`); an acronym expanded in another article of the archive; and
last the name itself, where names of the same slug share an entity as before.

Pure functions over frozen values: the same digests and editor file give the same entities,
paths and titles, whatever the order the digests come in.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

from ..text import strip_accents

KINDS = ("people", "organisations", "places")
# The editor's word for a kind, and the word hashed slugs use (as `render.ENTITY_KINDS`).
TYPES = {"person": "people", "organisation": "organisations", "organization": "organisations", "place": "places"}
SINGULAR = {"people": "person", "organisations": "organisation", "places": "place"}
# Recognition often calls a country an organisation and the other way round, never a person:
# a person called Jordan must not become the country.
GROUPS = {"people": ("people",), "organisations": ("organisations", "places"),
          "places": ("places", "organisations")}
BASE_LANGUAGES = ("fr", "en", "es", "ar")
DROPPED = "-"  # what an editor's `not_entity: true` resolves to

_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f]")
_HARAKAT = re.compile(r"[\u064b-\u065f\u0670\u0640]")  # short vowels, shadda, sukun, tatweel
_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي"})
_CLITICS = ("وبال", "وال", "بال", "فال", "كال", "لل", "و", "ب", "ل", "ف")
_NOT_WORD = re.compile(r"[^\w]+|_")
# CLDR "territories" that are no place a reader means (World, Unknown region) or are
# organisations, which the organisations list has with all their names.
_NOT_PLACES = frozenset({"001", "ZZ", "EU", "EZ", "UN", "QO"})


@lru_cache(maxsize=65536)  # names repeat across thousands of digests
def fold(name: str) -> str:
    """What two spellings of one name share: case, accents, apostrophes, Arabic letter variants
    and the article ال are ignored, punctuation is a space."""
    text = unicodedata.normalize("NFKC", name).replace("’", "'").casefold()
    if _ARABIC.search(text):
        text = _HARAKAT.sub("", text).translate(_ARABIC_LETTERS)
        text = " ".join(w[2:] if w.startswith("ال") and len(w) > 3 else w for w in text.split())
    return " ".join(_NOT_WORD.sub(" ", strip_accents(text)).split())


def _arabic_forms(name: str) -> list[str]:
    """The name, then without a clitic (و، ب، ل، ف, with or without ال) on its first word."""
    forms = [name]
    if _ARABIC.search(name):
        head, _, rest = name.partition(" ")
        for clitic in _CLITICS:
            if head.startswith(clitic) and len(head) > len(clitic) + 2:
                stem = head[len(clitic):]
                forms += [" ".join(filter(None, (stem, rest))), " ".join(filter(None, ("ال" + stem, rest)))]
    return forms


@lru_cache(maxsize=65536)
def is_acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return 2 <= len(letters) <= 8 and all(c.isupper() for c in letters) and " " not in name.strip()


# Small words an acronym usually skips: "Fonds marocain d'investissement stratégique" is FMIS.
_SKIPPED = frozenset("de du des d la le les l et en pour of the and for in on y del los las el e da do dos".split())


@lru_cache(maxsize=65536)
def initials(name: str) -> tuple[str, str]:
    """The initials of every word, and of the words an acronym keeps ("FDMDIS", "FMIS")."""
    words = [w for w in re.split(r"[\s\-'’]+", strip_accents(name)) if w and w[0].isalnum()]
    every = "".join(w[0] for w in words).upper()
    kept = "".join(w[0] for w in words if w.casefold() not in _SKIPPED).upper()
    return every, kept


@lru_cache(maxsize=65536)
def spells(acronym: str, name: str) -> bool:
    """Whether *acronym* is written from the initials of *name* ("AHM", "Atlas Hydrogène Maroc")."""
    letters = "".join(c for c in strip_accents(acronym) if c.isalnum()).upper()
    return len(name.split()) > 1 and len(letters) >= 2 and letters in initials(name)


def without_article(name: str) -> str:
    """'The Tagus Gateway Port Authority' is the Tagus Gateway Port Authority."""
    head, _, rest = name.partition(" ")
    return rest if head in ("The", "the") and rest else name


def _latin(ch: str) -> bool:
    return ch.isascii() or unicodedata.name(ch, "").startswith("LATIN")


@lru_cache(maxsize=65536)
def entity_slug(name: str, kind: str = "people") -> str:
    """A page name readable in every script: Latin names as before (`render.page_slug`, accents
    dropped), a name in another script keeps its letters ("المغرب", never "lmgrb")."""
    from ..render import page_slug

    if all(_latin(c) for c in name if c.isalpha()):
        return page_slug(name, SINGULAR.get(kind, kind))
    text = _HARAKAT.sub("", unicodedata.normalize("NFC", name)).casefold()
    text = "".join(strip_accents(c) if _latin(c) else c for c in text)
    slug = "-".join(_NOT_WORD.sub(" ", text).split())[:80].strip("-")
    return page_slug(name, SINGULAR.get(kind, kind)) if not slug else ("index-" + SINGULAR[kind] if slug == "index"
                                                                       else slug)


# --------------------------------------------------------------------------- built-in tables

@dataclass(frozen=True)
class Known:
    """An entity the package knows: a CLDR territory, a listed organisation, a gazetteer place."""

    id: str  # "cldr:MA", "org:eu", "place:Tangier"
    kind: str
    names: tuple[tuple[str, str], ...] = ()  # (language, name) pairs; the page title's candidates


@dataclass(frozen=True)
class Tables:
    known: dict[str, Known]
    exact: dict[str, str]  # acronyms, which keep their case: "UN" the organisation, not "un"
    folded: dict[tuple[str, str], str]  # (kind, fold(name)) -> id


def _add(table: dict, key, value: str, clashes: set) -> None:
    # A form two entities share ("Congo") names neither: better two pages than a wrong merge.
    if key in clashes:
        return
    if table.setdefault(key, value) != value:
        clashes.add(key)
        del table[key]


@lru_cache(maxsize=None)
def _cldr(language: str) -> dict[str, str]:
    """CLDR territory names of one language: {code: name}; {} for a language Babel lacks."""
    from babel import Locale, UnknownLocaleError

    try:
        names = Locale.parse(language).territories
    except (UnknownLocaleError, ValueError, TypeError):
        return {}
    return {code: name for code, name in names.items() if code not in _NOT_PLACES}


def _variants(name: str) -> list[str]:
    """'Myanmar (Birmanie)' is also 'Myanmar' and 'Birmanie'."""
    out = [name]
    m = re.fullmatch(r"(.+?)\s*\((.+)\)", name)
    if m:
        out += [m.group(1), m.group(2)]
    return out


@lru_cache(maxsize=16)
def tables(languages: tuple[str, ...] = BASE_LANGUAGES) -> Tables:
    """Every built-in form, for CLDR names in *languages* (the archive's and the site's)."""
    known: dict[str, Known] = {}
    exact: dict[str, str] = {}
    folded: dict[tuple[str, str], str] = {}
    clashes: set = set()
    for lang in sorted(set(languages) | set(BASE_LANGUAGES)):
        for code, name in sorted(_cldr(lang).items()):
            cid = f"cldr:{code}"
            known.setdefault(cid, Known(cid, "places"))
            for form in _variants(name):
                _add(folded, ("places", fold(form)), cid, clashes)
    data = resources.files("digest.entities").joinpath("data/organisations.yml").read_text("utf-8")
    for entry in yaml.safe_load(data) or []:
        oid = f"org:{entry['id']}"
        names = tuple(sorted((str(k), str(v)) for k, v in (entry.get("names") or {}).items()))
        known[oid] = Known(oid, "organisations", names)
        for form in [n for _, n in names] + [str(a) for a in entry.get("aliases") or ()]:
            if is_acronym(form):
                _add(exact, form, oid, clashes)
            else:
                _add(folded, ("organisations", fold(form)), oid, clashes)
    try:
        gazetteer = resources.files("digest").joinpath("data/places.txt").read_text("utf-8")
    except OSError:
        gazetteer = ""
    for line in gazetteer.splitlines():
        forms = [f.strip() for f in line.split("|") if f.strip()] if not line.startswith("#") else []
        if not forms:
            continue
        # A gazetteer line naming a CLDR country adds its forms (UK, EEUU) to that country.
        pid = next((folded[("places", fold(f))] for f in forms if ("places", fold(f)) in folded), None)
        if pid is None:
            pid = f"place:{forms[0]}"
            known[pid] = Known(pid, "places", (("en", forms[0]),))
        for form in forms:
            if is_acronym(form):
                _add(exact, form, pid, clashes)
            elif ("places", fold(form)) not in folded:
                _add(folded, ("places", fold(form)), pid, clashes)
    return Tables(known, exact, folded)


def lookup(name: str, kind: str, tab: Tables) -> str | None:
    """The built-in entity a name recognised as *kind* stands for, if any.

    A name recognised as a person is looked up among the organisations only, by a name of
    several words ("Naciones Unidas"): never among places, where Jordan would be the country.
    """
    if kind == "people":
        if len(name.split()) < 2:
            return None
        return tab.folded.get(("organisations", fold(name)))
    if name in tab.exact:
        return tab.exact[name]
    for form in _arabic_forms(" ".join(name.split())):
        for group in GROUPS[kind]:
            hit = tab.folded.get((group, fold(form)))
            if hit:
                return hit
    return None


# --------------------------------------------------------------------------- the editor's file

@dataclass(frozen=True)
class EditorEntity:
    """An entry of `content/entities.yml`."""

    id: str
    kind: str | None  # None only for a `not_entity` entry that holds for every kind
    names: tuple[tuple[str, str], ...]  # (language or "", canonical name)
    aliases: tuple[str, ...] = ()
    not_entity: bool = False
    where: str = ""

    @property
    def forms(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys([n for _, n in self.names] + list(self.aliases)))


# --------------------------------------------------------------------------- the registry

@dataclass(frozen=True)
class Mentions:
    """What a digest names: its slug, language, newest-first key and recognised entities."""

    slug: str
    language: str
    entities: object  # model.Entities


@dataclass(frozen=True)
class Entity:
    key: str  # "editor:ID", "cldr:MA", "org:eu", "place:Tangier", "name:KIND:SLUG"
    kind: str
    title: str
    path: str  # site-relative Markdown path, entities/KIND/SLUG.md
    spellings: tuple[str, ...]  # as written in the digests, most frequent first
    digests: tuple[str, ...]  # slugs, in the order of the items given


@dataclass(frozen=True)
class Registry:
    entities: dict = field(default_factory=dict)  # key -> Entity
    resolved: dict = field(default_factory=dict)  # (digest slug, kind, name) -> key, or DROPPED

    def entity(self, slug: str, kind: str, name: str) -> Entity | None:
        key = self.resolved.get((slug, kind, name))
        return self.entities.get(key) if key and key != DROPPED else None

    def dropped(self, slug: str, kind: str, name: str) -> bool:
        return self.resolved.get((slug, kind, name)) == DROPPED


def _editor_index(editor: tuple[EditorEntity, ...]) -> dict[tuple[str, str], EditorEntity]:
    index: dict[tuple[str, str], EditorEntity] = {}
    for entry in editor:
        for kind in (KINDS if entry.kind is None else GROUPS[entry.kind]):
            for form in entry.forms:
                # The entry's own kind first: an organisation entry wins a name over a place entry.
                if kind == entry.kind or (kind, fold(form)) not in index:
                    index[(kind, fold(form))] = entry
    return index


class _Resolver:
    def __init__(self, editor: tuple[EditorEntity, ...], tab: Tables, expansions: dict[str, str]) -> None:
        self.index = _editor_index(editor)
        self.tab = tab
        self.expansions = expansions  # acronym -> the archive's most frequent expansion
        self.expanded = frozenset(expansions.values())
        self.looked_up: dict[tuple[str, str], str | None] = {}
        # A built-in entity an editor entry names is that entry: its other forms join it.
        self.absorbed: dict[str, str] = {}
        for entry in editor:
            if entry.not_entity or entry.kind is None:
                continue
            for form in entry.forms:
                hit = lookup(form, entry.kind, tab)
                if hit:
                    self.absorbed.setdefault(hit, f"editor:{entry.id}")

    def editor(self, name: str, kind: str) -> str | None:
        if not self.index:
            return None
        for form in _arabic_forms(" ".join(name.split())):
            entry = self.index.get((kind, fold(form)))
            if entry is not None:
                return DROPPED if entry.not_entity else f"editor:{entry.id}"
        return None

    def lookup(self, name: str, kind: str) -> str | None:
        key = (name, kind)
        if key not in self.looked_up:  # the same few thousand names, over and over
            self.looked_up[key] = lookup(name, kind, self.tab)
        return self.looked_up[key]

    def resolve(self, name: str, kind: str, local: dict[str, str], people: tuple[str, ...],
                orgs: tuple[str, ...] = (), depth: int = 0) -> str:
        """The key of the entity *name* (recognised as *kind*) stands for, in a digest whose acronyms
        expand as *local* and that names *people* and *orgs*; DROPPED for a name that is none."""
        found = self.editor(name, kind)
        if found:
            return found
        words = name.split()
        # "Bourita" in an article that also names "Nasser Bourita": the same person, even typed as
        # a place ("Jordan, 41, signed…" after "Tyrell Jordan"). Across digests a surname alone
        # stays apart: two people may share it.
        full = {p for p in people if p != name and p.endswith(name)
                and len(p.split()) > len(words) and p.split()[-len(words):] == words}
        if len(full) == 1 and depth < 2 and (kind == "people" or len(words) == 1):
            return self.resolve(full.pop(), "people", local, people, orgs, depth + 1)
        if kind == "people":
            hit = self.lookup(name, kind)
            if hit:  # "United Nations" typed as a person
                return self.absorbed.get(hit, hit)
            if name in self.expanded or name in local.values():
                kind = "organisations"  # "Paris Saint-Germain", which the article shortens to PSG
            else:
                return f"name:people:{entity_slug(name, 'people')}"
        if depth < 2 and name in local and local[name] != name:
            return self.resolve(local[name], "organisations", local, people, orgs, depth + 1)
        hit = self.lookup(name, kind)
        if hit:
            return self.absorbed.get(hit, hit)
        if depth < 2 and name in self.expansions and self.expansions[name] != name:
            return self.resolve(self.expansions[name], "organisations", local, people, orgs, depth + 1)
        name = without_article(name)
        words = name.split()
        # "The Blaze" after "the Chicago Blaze": a short form of the one longer name it ends.
        longer = {o for o in orgs if o != name and o.endswith(name)
                  and len(o.split()) > len(words) and o.split()[-len(words):] == words}
        if kind == "organisations" and len(longer) == 1 and not is_acronym(name) and depth < 2:
            return self.resolve(longer.pop(), kind, local, people, orgs, depth + 1)
        # An expansion of an acronym is an organisation's name, whatever recognition typed it.
        group = "organisations" if name in self.expanded or name in local.values() else kind
        return f"name:{group}:{entity_slug(name, group)}"


def local_expansions(entities) -> dict[str, str]:
    """Acronym -> expansion in one article: those it writes out ("… Maroc (AHM)"), then an
    acronym whose letters are the initials of exactly one other organisation it names."""
    found = {short: without_article(long) for short, long in getattr(entities, "aliases", ()) or ()}
    names = [*entities.organisations, *entities.places]
    for short in names:
        if is_acronym(short) and short not in found:
            # Recognition may call the long form a person ("Paris Saint-Germain"): trusted from
            # three letters on, where initials rarely match by chance.
            others = names + [p for p in entities.people if len(short) >= 3]
            spelled = {without_article(n) for n in others if n != short and spells(short, n)}
            if len(spelled) == 1:
                found[short] = spelled.pop()
    return found


def archive_expansions(items: list[Mentions], tab: Tables | None = None, found: list[dict] | None = None) -> dict[str, str]:
    """Acronym -> its most frequent expansion across the archive (ties: the first in sorted order);
    an acronym no article expands, the one organisation of the archive it spells, if just one."""
    seen: dict[str, Counter] = {}
    acronyms: set[str] = set()
    names: set[str] = set()
    found = [local_expansions(item.entities) for item in items] if found is None else found
    for item, local in zip(items, found):
        for short, long in local.items():
            seen.setdefault(short, Counter())[long] += 1
        for name in item.entities.organisations:
            (acronyms if is_acronym(name) else names).add(name)
    out = {short: min(c, key=lambda e: (-c[e], e)) for short, c in seen.items()}
    for short in sorted(acronyms - set(out)):
        if tab is not None and short in tab.exact:
            continue  # a listed acronym (UN, OMS) is the listed organisation
        spelled = {without_article(n) for n in names if spells(short, n)}
        if len(spelled) == 1:
            out[short] = spelled.pop()
    return out


def build_registry(items: list[Mentions], editor: tuple[EditorEntity, ...] = (), site_language: str = "en",
                   expansions: dict[str, str] | None = None) -> Registry:
    """Every name of every digest mapped to its canonical entity, and the entities' titles and paths.

    *items* come newest first; an entity lists its digests in that order. *expansions*
    (acronym -> expansion) default to those of *items*: a digest rendered alone passes none.
    """
    # One table for every archive in the base languages (a digest rendered alone asks for the same).
    tab = tables(tuple(sorted({i.language for i in items} | {site_language} | set(BASE_LANGUAGES))))
    locals_ = [local_expansions(item.entities) for item in items]
    resolver = _Resolver(editor, tab, archive_expansions(items, tab, locals_) if expansions is None else expansions)
    resolved: dict[tuple[str, str, str], str] = {}
    spellings: dict[str, Counter] = {}
    by_language: dict[str, Counter] = {}
    kinds: dict[str, str] = {}
    digests: dict[str, list[str]] = {}
    for item, local in zip(items, locals_):
        people = tuple(item.entities.people)
        orgs = tuple(item.entities.organisations)
        for kind in KINDS:
            for name in getattr(item.entities, kind):
                key = resolver.resolve(name, kind, local, people, orgs)
                resolved[(item.slug, kind, name)] = key
                if key == DROPPED:
                    continue
                if key not in spellings:
                    spellings[key], by_language[key], kinds[key] = Counter(), Counter(), kind
                spellings[key][name] += 1
                if item.language == site_language:
                    by_language[key][name] += 1
                listed = digests.setdefault(key, [])
                if not listed or listed[-1] != item.slug:
                    listed.append(item.slug)
    editors = {f"editor:{e.id}": e for e in editor if not e.not_entity}
    entities: dict[str, Entity] = {}
    taken: set[str] = set()
    # Editor entities claim their paths first, then built-in ones, then plain names.
    order = sorted(spellings, key=lambda k: ({"editor": 0, "name": 2}.get(k.split(":")[0], 1), k))
    for key in order:
        counts = spellings[key]
        written = tuple(sorted(counts, key=lambda n: (-counts[n], n)))
        kind, title, slug = _naming(key, written, by_language[key], editors, tab, site_language, kinds[key])
        path = f"entities/{kind}/{slug}.md"
        n = 2
        while path in taken:  # two entities, one slug: the later one (in key order) is numbered
            path = f"entities/{kind}/{slug}-{n}.md"
            n += 1
        taken.add(path)
        entities[key] = Entity(key, kind, title, path, written, tuple(digests[key]))
    return Registry(entities, resolved)


def _naming(key: str, written: tuple[str, ...], local_counts: Counter, editors: dict, tab: Tables,
            site_language: str, first_kind: str) -> tuple[str, str, str]:
    """(kind, title, slug) of an entity: the title in the site's language, a slug that stays put."""
    source, _, rest = key.partition(":")
    if source == "editor":
        entry = editors[key]
        names = dict(entry.names)
        title = names.get(site_language) or names.get("") or next(iter(names.values()))
        return entry.kind, title, entity_slug(entry.id, entry.kind)
    if source == "cldr":
        title = _cldr(site_language).get(rest) or _cldr("en").get(rest) or written[0]
        return "places", title, entity_slug(title, "places")
    if source == "org":
        names = dict(tab.known[key].names)
        title = names.get(site_language) or names.get("en") or written[0]
        return "organisations", title, entity_slug(title, "organisations")
    if source == "place":
        # The gazetteer does not say which form is which language: the spelling the site's
        # language uses most, else the English one. The slug is the English one, which never moves.
        title = min(local_counts, key=lambda n: (-local_counts[n], n)) if local_counts else rest
        return "places", title, entity_slug(rest, "places")
    kind, _, slug = rest.partition(":")
    # The spelling the entity is keyed by ("Nasser Bourita", not "Bourita"; the expansion, not
    # the acronym), its most frequent form; any spelling when none has its slug.
    own = [n for n in written if entity_slug(n, kind) == slug]
    return kind or first_kind, (own or list(written))[0], slug
