"""Story threads: digests about the same developing story, over days or weeks, in any language.

Pure functions over frozen dataclasses. Each digest is reduced to *keys* (`story_keys`):

- `p:`, `o:`, `l:` its people, organisations and places, as the archive's entity registry
  resolves them (so Tanger, Tangier and Tánger are one key, and so are UE and EU);
- `n:` its figures (amounts, percentages, counts: values, not wording, so they match across
  languages; years are left out);
- `a:`, `w:`, `m:` acronyms, capitalised names and numbers as written in its title and summary
  (`dedup.anchors`);
- `g:` glossary terms (ids, the same in every language);
- `t:` content words of its title and summary, in its language (accents, case and plural
  endings ignored), which say *what* happened.

Two digests dated at most `WINDOW_DAYS` apart are candidates when they share `MIN_SHARED` keys
that no more than `MAX_POSTING` digests have (an inverted index over those keys, never all pairs). A
candidate pair is scored by the IDF-weighted cosine of their key sets; it is the *same story*
when the score reaches `THRESHOLD` and the shared keys say both *who or where* (names) and
*what* (words, figures, terms or acronyms), since a shared place or organisation alone (another
strike in another city, another report of the same agency) is a related story, not the same.
Each digest joins the thread of its best-scoring earlier match (date order, then slug: the
result never depends on input order or hash seed). Related coverage is the closest
other candidates (`RELATED_MIN` and up, at most `RELATED_MAX`) outside the thread that share a
name, a place, an acronym or a glossary term.

Editors decide last: `story: <id>` puts a digest in the thread `<id>` (its page is
`stories/<id>/`), `story: none` keeps it out of every thread.
"""
from __future__ import annotations

import bisect
import datetime as dt
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from slugify import slugify

from .dedup import _is_year, _stop_words, anchors
from .text import strip_accents

__all__ = ["StoryItem", "Story", "Stories", "Link", "story_keys", "item_of", "find_stories", "score",
           "STORY_ID", "NONE"]

WINDOW_DAYS = 28  # a follow-up at most this many days after a digest of the thread (pairwise)
RELATED_DAYS = 28  # related coverage: this far either way
MAX_POSTING = 40  # a key more digests than this have (a country, a big company) finds no candidates
MIN_SHARED = 2  # candidates share at least this many such keys
THRESHOLD = 0.30  # IDF-weighted cosine of two key sets for the same story (tuned on the dev part)
RELATED_MIN = 0.10  # … for related coverage
RELATED_MAX = 5
MERGE_HINT = 0.75  # `digest stories` lists pairs across threads scoring this share of THRESHOLD or more
# Weight of each kind of key (times its IDF).
WEIGHTS = {"p": 2.0, "o": 1.5, "l": 1.0, "n": 2.0, "m": 1.0, "a": 1.5, "w": 1.0, "g": 1.5, "t": 1.0}
WHAT_SHARE = 0.3  # same language: cosine of the content words, figures and terms alone
WHAT_MIN = 3  # … and how many of them at least
# Words of any news story (days, months, reporting verbs, "rise", "after"): they say nothing of which.
GENERIC = """lundi mardi mercredi jeudi vendredi samedi dimanche janvier fevrier mars avril mai juin juillet
aout septembre octobre novembre decembre monday tuesday wednesday thursday friday saturday sunday
january february march april june july august september october november december lunes martes
miercoles jueves viernes sabado domingo enero febrero marzo abril mayo junio julio agosto
septiembre octubre noviembre diciembre publie publier publiee annonce annoncer declare selon
hausse baisse atteint atteindre apres avant jours semaine semaines mois annee annees depuis contre
general generale note chiffre chiffres said says according rise rose fell after before days week weeks
month months year years since announced reported segun anuncio informo subida bajada tras antes dias
semana meses anos desde contra afirma asegura
president presidente presidenta vice chairman chairwoman
consejero consejera delegado delegada ministre ministro minister secretaire secretario secretary
porte-parole portavoz spokesman spokeswoman chief executive client clients cliente clientes
customer customers""".split()
# Role words (président, consejera delegada) and clients say who speaks or is served, in any story of
# the same organisation: another report of the same bank shares them all.
NONE = "none"
STORY_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,79}\Z")


@dataclass(frozen=True)
class StoryItem:
    """What threading needs of one digest."""

    slug: str
    title: str
    source: str | None
    language: str
    date: str | None
    keys: frozenset[str]
    choice: str | None = None  # the editor's `story:`: a thread id, "none", or None
    title_keys: frozenset[str] = frozenset()  # the names and acronyms of its title


@dataclass(frozen=True)
class Link:
    a: str
    b: str
    score: float


@dataclass(frozen=True)
class Story:
    slug: str  # stories/<slug>/: the editor's id, or from the first digest's title
    title: str  # its most central title
    members: tuple[str, ...]  # digest slugs, date order
    editor: bool = False  # named by an editor's `story:`


@dataclass(frozen=True)
class Stories:
    stories: tuple[Story, ...]  # by first date, then slug
    thread: dict  # digest slug -> Story slug
    related: dict  # digest slug -> tuple of digest slugs, closest first
    hints: tuple[Link, ...] = ()  # close pairs in different threads (or none): for an editor

    def story_of(self, slug: str) -> Story | None:
        key = self.thread.get(slug)
        return None if key is None else self._by_slug().get(key)

    def _by_slug(self) -> dict:
        cached = self.__dict__.get("_index")
        if cached is None:
            cached = {s.slug: s for s in self.stories}
            object.__setattr__(self, "_index", cached)
        return cached


# -- keys -------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]{4,}")
_KIND = {"people": "p", "organisations": "o", "places": "l"}


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """Accents, case and a plural or feminine ending ignored; long words cut at 7 letters."""
    word = strip_accents(word.lower())
    for end in ("es", "s", "e"):
        if len(word) > 5 and word.endswith(end):
            word = word[: -len(end)]
            break
    return word[:7]


def _number(fact) -> str | None:
    if fact.kind not in ("money", "percent", "count") or not isinstance(fact.value, (int, float)):
        return None
    value = float(fact.value)
    if fact.kind == "count" and value.is_integer() and 1900 <= value <= 2100:
        return None  # a year
    if fact.kind == "count" and abs(value) < 10:
        return None  # "three ministers": too common to tell stories apart
    return f"n:{fact.kind[0]}{value:g}"


@lru_cache(maxsize=1)
def _generic() -> frozenset[str]:
    return frozenset(map(_stem, GENERIC))


def story_keys(digest, links: dict | None = None, terms=None) -> frozenset[str]:
    """A digest's keys (see the module's docstring); *links* are its fact-box names with their
    canonical pages (`entities.pages.digest_links`), *terms* its glossary term ids."""
    article = digest.article
    keys: set[str] = set()
    links = links or {}
    for kind, prefix in _KIND.items():
        items = links.get(kind)
        if items is None:
            items = [{"name": n, "path": None} for n in getattr(digest.entities, kind)]
        for item in items:
            ident = item.get("path") or strip_accents(str(item["name"]).casefold())
            keys.add(f"{prefix}:{ident}")
    for fact in digest.facts:
        number = _number(fact)
        if number:
            keys.add(number)
    for term in digest.terms if terms is None else terms:
        keys.add(f"g:{term}")
    text = "\n".join(filter(None, (article.title, article.standfirst, *digest.summary)))
    for anchor in anchors(text):
        if anchor[:2] in ("a:", "w:"):
            keys.add(anchor)
        elif anchor[:2] == "n:" and not _is_year(anchor):
            keys.add("m:" + anchor[2:])  # a number as written, whether or not a fact was made of it
    stops, generic = _stop_words(), _generic()
    # The lower-case words of its names ("bank" of Attijariwafa bank, "centrale" of Banque centrale
    # européenne) say who, not what: every story of that organisation has them.
    named = {_stem(w) for kind in _KIND for n in getattr(digest.entities, kind) for w in _WORD.findall(str(n))}
    lang = article.language
    for m in _WORD.finditer(text):
        word = m.group(0)
        if word[0].isupper() or strip_accents(word.lower()) in stops:
            continue  # names are keys of their own; grammar words say nothing
        stem = _stem(word)
        if stem not in generic and stem not in named:
            keys.add(f"t:{lang}:{stem}")
    return frozenset(keys)


def item_of(digest, links: dict | None = None, choice: str | None = None) -> StoryItem:
    a = digest.article
    title = frozenset(k for k in anchors(a.title or "") if k[:2] in ("a:", "w:"))
    return StoryItem(a.slug, a.title, a.source, a.language, a.date, story_keys(digest, links), choice, title)


# -- scores -----------------------------------------------------------------------

def _day(date: str | None) -> int | None:
    if not date:
        return None
    try:
        return dt.date.fromisoformat(date).toordinal()
    except ValueError:
        return None


class _Weights:
    """Each key's weight (its kind's times its IDF; 0 for a key of one digest, which no pair shares),
    and what every comparison needs of each item, derived once: its shared-able keys, their norm,
    the norm of its content words, figures and terms, its people, places and names."""

    def __init__(self, items: list[StoryItem]) -> None:
        self.df = df = Counter(k for item in items for k in item.keys)
        self.n = n = max(len(items), 1)
        # Squared weights of the keys two digests can share, computed once each.
        self.sq = sq = {k: (WEIGHTS[k[0]] * math.log(1 + n / c)) ** 2 for k, c in df.items() if c > 1}
        self.live = [frozenset(k for k in item.keys if k in sq) for item in items]
        # fsum: exactly rounded, so a set's order (the hash seed) never changes a score's last bit
        self.norm = [math.sqrt(math.fsum(map(sq.__getitem__, keys))) or 1.0 for keys in self.live]
        self.what = [math.sqrt(math.fsum(sq[k] for k in keys if k[0] in "tng")) or 1.0 for keys in self.live]
        self.people = [frozenset(k for k in item.keys if k[:2] == "p:") for item in items]
        self.places = [frozenset(k for k in item.keys if k[:2] == "l:") for item in items]
        self._names: dict[int, set[str]] = {}
        self.items = items

    def __call__(self, key: str) -> float:
        return math.sqrt(self.sq.get(key, 0.0))

    def names(self, i: int) -> set[str]:
        """The item's names as `w:` keys: its own, and the words of its entities' page names."""
        out = self._names.get(i)
        if out is None:
            keys = self.items[i].keys
            out = {k for k in keys if k[:2] in ("w:", "a:")}
            for k in keys:
                if k[:2] in ("p:", "o:", "l:"):
                    last = k[2:].rsplit("/", 1)[-1].removesuffix(".md")
                    out.update("w:" + w for w in last.split("-") if w)
            self._names[i] = out
        return out


def _score(i: int, j: int, weights: _Weights) -> tuple[float, bool]:
    """(cosine of items *i* and *j*, whether the shared keys make it the same story, not a related one).

    Beyond the score, the shared keys must name *who*: a person, an organisation or an acronym
    (or two name words), never a place alone; and say *what*: in one language, at least
    `WHAT_MIN` content words, figures or terms whose own cosine is at least `WHAT_SHARE`;
    across languages, where words differ, a figure or a glossary term. (An organisation and
    its head alone make another report of the same agency, not the same story.)
    """
    shared = weights.live[i] & weights.live[j]
    sq = weights.sq
    total = math.fsum(map(sq.__getitem__, shared))
    score = total / (weights.norm[i] * weights.norm[j])
    names = any(k[0] in "poa" for k in shared) or sum(1 for k in shared if k[0] == "w") >= 2
    if not names or _conflict(i, j, weights):
        return score, False
    a, b = weights.items[i], weights.items[j]
    if a.language == b.language:
        # A number as written ("18 ans", "18 %") is no figure in one language: the `n:` facts with
        # their units are; across languages it is all there is.
        mine = [k for k in shared if k[0] in "tng"]
        share = math.fsum(map(sq.__getitem__, mine)) / (weights.what[i] * weights.what[j])
        what = len(mine) >= WHAT_MIN and share >= WHAT_SHARE
    else:
        # One bare number ("10" of 10 euros and of 10 hours) is a coincidence; a figure with its unit,
        # a term, or two numbers are not.
        what = any(k[0] in "ng" for k in shared) or sum(1 for k in shared if k[0] == "m") >= 2
    return score, what


def _conflict(i: int, j: int, weights: _Weights) -> bool:
    """Another story, whatever else is shared: both name people and places and share none of either
    (another city's budget, voted by another mayor); or, in one language, both titles put names
    forward and neither names anything the other digest names (another factory's closure, another
    bank's results). ("Bouches-du-Rhône : l'incendie de l'Étoile est fixé" names Marseille in its
    text, so it may follow "Un incendie menace Marseille".)"""
    people, places = weights.people, weights.places
    if (people[i] and people[j] and people[i].isdisjoint(people[j])
            and places[i] and places[j] and places[i].isdisjoint(places[j])):
        return True
    a, b = weights.items[i], weights.items[j]
    if a.language != b.language or not a.title_keys or not b.title_keys:
        return False  # titles in two languages spell names apart (BCE, ECB)
    return a.title_keys.isdisjoint(weights.names(j)) and b.title_keys.isdisjoint(weights.names(i))


def score(a: StoryItem, b: StoryItem, items: list[StoryItem]) -> tuple[float, bool]:
    """The score of two items within the archive *items* (which sets the weights)."""
    weights = _Weights(items)
    index = {item.slug: i for i, item in enumerate(items)}
    return _score(index[a.slug], index[b.slug], weights)


# -- threads ----------------------------------------------------------------------

def _candidates(items: list[StoryItem], days: list[int | None], weights: _Weights, window: int):
    """Pairs (i, j), i < j, within *window* days sharing at least `MIN_SHARED` indexed keys: keys of
    at most `MAX_POSTING` digests in the archive (a person, a figure, an acronym; not a country or a
    weekday's word), each key's digests in date order so the window is a binary search away."""
    order = sorted((i for i in range(len(items)) if days[i] is not None), key=lambda i: (days[i], items[i].slug))
    postings: dict[str, list[int]] = {}  # key -> indexes in date order
    pairs: dict[tuple[int, int], int] = {}
    df = weights.df
    for i in order:
        day = days[i]
        for key in weights.live[i]:
            if df[key] > MAX_POSTING:
                continue
            seen = postings.get(key)
            if seen is None:
                postings[key] = [i]
                continue
            start = bisect.bisect_left(seen, day - window, key=days.__getitem__)
            for j in seen[start:]:
                pair = (j, i) if j < i else (i, j)
                pairs[pair] = pairs.get(pair, 0) + 1
            seen.append(i)
    return order, {pair for pair, n in pairs.items() if n >= MIN_SHARED}


def find_stories(items: list[StoryItem], threshold: float = THRESHOLD) -> Stories:
    """Threads, related coverage and merge hints of an archive of items."""
    items = sorted(items, key=lambda x: x.slug)
    weights = _Weights(items)
    days = [_day(x.date) for x in items]
    order, pairs = _candidates(items, days, weights, max(WINDOW_DAYS, RELATED_DAYS))
    rank = {i: n for n, i in enumerate(order)}
    scored: dict[tuple[int, int], tuple[float, bool]] = {}
    for i, j in sorted(pairs):
        scored[(i, j)] = _score(i, j, weights)

    # Editors first: named threads, and digests kept out of all.
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    named: dict[int, str] = {}  # root -> editor's id
    first_of: dict[str, int] = {}
    for i, item in enumerate(items):
        if item.choice and item.choice != NONE:
            if item.choice in first_of:
                parent[find(i)] = find(first_of[item.choice])
            else:
                first_of[item.choice] = i
                named[i] = item.choice
    out = {i for i, item in enumerate(items) if item.choice == NONE}

    def same(i: int, j: int) -> bool:
        s, ok = scored.get((i, j)) or scored.get((j, i)) or (0.0, False)
        return ok and s >= threshold and abs(days[i] - days[j]) <= WINDOW_DAYS

    best: dict[int, tuple[float, int]] = {}
    for (i, j), (s, _ok) in scored.items():
        if same(i, j):
            later, earlier = (j, i) if rank[j] > rank[i] else (i, j)
            if later not in best or (s, -rank[earlier]) > (best[later][0], -rank[best[later][1]]):
                best[later] = (s, earlier)
    for later in sorted(best, key=rank.__getitem__):
        earlier = best[later][1]
        if later in out or earlier in out:
            continue
        if items[later].choice and items[later].choice != NONE:
            continue  # an editor placed it
        a, b = find(later), find(earlier)
        if a == b or (a in named and b in named):
            continue
        if a in named:
            a, b = b, a
        parent[a] = b  # the named root stays the root
    groups: dict[int, list[int]] = {}
    for i in range(len(items)):
        if i not in out:
            groups.setdefault(find(i), []).append(i)

    def member_key(i: int):
        return (days[i] is None, days[i] or 0, items[i].slug)

    stories: list[tuple[tuple, Story, list[int]]] = []
    for root, members in groups.items():
        if len(members) < 2 and root not in named:
            continue
        members.sort(key=member_key)
        central = max(members, key=lambda i: (sum(scored.get((min(i, j), max(i, j)), (0.0,))[0]
                                                  for j in members if j != i), -member_key(i)[1], items[i].slug))
        title = items[central].title
        stories.append((member_key(members[0]), Story(named.get(root, ""), title,
                                                        tuple(items[i].slug for i in members), root in named),
                        members))
    stories.sort(key=lambda s: s[0])
    taken = {"index"} | {s.slug for _k, s, _m in stories if s.editor}  # stories/index.md lists them all
    final: list[Story] = []
    thread: dict[str, str] = {}
    for _k, story, members in stories:
        slug = story.slug
        if not slug:
            # From its first digest's title, not the central one: a follow-up never moves the page.
            base = slugify(items[members[0]].title, max_length=60, word_boundary=True) or "story"
            slug, n = base, 2
            while slug in taken:
                slug, n = f"{base}-{n}", n + 1
            taken.add(slug)
            story = Story(slug, story.title, story.members, False)
        final.append(story)
        for i in members:
            thread[items[i].slug] = slug

    related: dict[str, list[tuple[float, int]]] = {}
    hints: list[Link] = []
    for (i, j), (s, ok) in scored.items():
        a, b = items[i].slug, items[j].slug
        if thread.get(a) is not None and thread.get(a) == thread.get(b):
            continue
        if s >= RELATED_MIN and any(k[0] in "polag" for k in weights.live[i] & weights.live[j]):
            related.setdefault(a, []).append((s, j))
            related.setdefault(b, []).append((s, i))
        if s >= MERGE_HINT * threshold and abs(days[i] - days[j]) <= WINDOW_DAYS:
            hints.append(Link(a, b, round(s, 3)))
    near = {slug: tuple(items[j].slug for _s, j in sorted(found, key=lambda x: (-x[0], member_key(x[1])))[:RELATED_MAX])
            for slug, found in sorted(related.items())}
    hints.sort(key=lambda h: (-h.score, h.a, h.b))
    return Stories(tuple(final), thread, near, tuple(hints))
