"""Duplicate stories: the same news from several sources, in one or several languages.

Three tests, cheapest first, between each article and the digests kept so far
(in a fixed order: earliest date, then path, so the result never depends on
the order files were found; `decide` redoes only the decisions an edit can change):

1. **exact**: the same canonical URL, or the same body once case, accents,
   punctuation and spacing are ignored;
2. **near** (same language): MinHash over word 4-gram shingles (the bottom-k
   variant: one hash, the k smallest values) finds candidates; the exact
   Jaccard of the shingle sets (or the containment of the shorter in the longer,
   for a copy cut short) decides;
3. **cross-language**: a translation shares no shingles, so each article is also
   reduced to language-independent *anchors*: numbers (1,33 and 1.33 and 1 330
   normalised alike), acronyms (UNESCO, G20), capitalised names that are not
   sentence openers, URLs, e-mail addresses and handles. Two articles in
   different languages are the same story when their anchor sets overlap
   strongly and share enough anchors that are not mere years.

Both articles must be dated at most `MAX_DAYS_APART` days apart when both
have a date: a weekly column repeats its wording, not its story. Figures veto
a match too: a bulletin template filled with another week's numbers, or two
days' market reports naming the same companies, are different stories. A
site's homepage URL and short placeholder bodies never make an exact match.

Nothing is dropped silently: every merged article is reported as an "info"
Problem naming it and the digest it was folded into, and `merge_duplicates`
returns the mapping so the kept digest can list the other sources.
"""
from __future__ import annotations

import bisect
import datetime as _dt
import hashlib
import heapq
import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

from .ingest import ingest_summary
from .model import Article, Problem
from .text import split_sentences, strip_accents, words

__all__ = ["merge_duplicates", "decide", "Decision", "ingest_summary", "also_reported_by", "similarity", "Match", "Features",
           "features"]

SHINGLE = 4  # words per shingle
SKETCH = 128  # bottom-k MinHash size
NEAR_JACCARD = 0.5  # same language: share of shingles in common
NEAR_CONTAINMENT = 0.8  # same language: share of the shorter text found in the longer
MIN_SHINGLES = 20  # below this, containment is too easy to reach by chance
CROSS_JACCARD = 0.3  # different languages: share of anchors in common
CROSS_MIN_SHARED = 4  # … and at least this many shared anchors that are not years
CROSS_MIN_NUMBERS = 2  # … of which at least this many numbers that are not years
MAX_DAYS_APART = 3  # merge only articles dated at most this many days apart
MIN_EXACT_WORDS = 25  # a shorter body ("More details to follow.") is a placeholder, not a story
MIN_NUMBERS = 3  # numbers needed on both sides before differing figures can veto a match


@dataclass(frozen=True)
class Match:
    kind: str  # "exact", "near" or "cross-language"
    score: float
    reason: str


@dataclass(frozen=True)
class Features:
    """What duplicate detection needs of one article; computed once per article (and cached)."""

    key: str  # body with case, accents, punctuation and spacing removed
    shingles: frozenset[int]
    sketch: tuple[int, ...]
    anchors: frozenset[str]
    day: _dt.date | None


@dataclass
class _Profile:
    """One article's features and what every comparison derives from them, derived once."""

    article: Article
    key: str
    shingles: frozenset[int]
    sketch: tuple[int, ...]
    anchors: frozenset[str]
    day: _dt.date | None
    url: str | None  # canonical, None for a homepage
    exact_key: str  # the plain body when long enough to make an exact match, else ""
    strong: frozenset[str]  # anchors that are not years
    numbers: frozenset[str]  # numbers that are not years

    @cached_property
    def sketch_set(self) -> frozenset[int]:
        return frozenset(self.sketch)

    @cached_property
    def title_words(self) -> list[str]:
        return _plain_words(self.article.title or "")


# -- features -------------------------------------------------------------------

def _hash(token: str) -> int:
    return int.from_bytes(hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest(), "big")


def _plain_words(text: str) -> list[str]:
    return words(strip_accents(text.lower()))  # once per text, not once per word


def shingles(text: str, size: int = SHINGLE) -> frozenset[int]:
    tokens = _plain_words(text)
    if len(tokens) < size:
        return frozenset({_hash(" ".join(tokens))}) if tokens else frozenset()
    grams = {" ".join(tokens[i:i + size]) for i in range(len(tokens) - size + 1)}  # a repeated phrase: one hash
    return frozenset(map(_hash, grams))


def sketch(values: frozenset[int], k: int = SKETCH) -> tuple[int, ...]:
    """Bottom-k MinHash: the k smallest shingle hashes."""
    return tuple(sorted(heapq.nsmallest(k, values)))


def estimate_jaccard(a: tuple[int, ...], b: tuple[int, ...], k: int = SKETCH) -> float:
    """Jaccard estimate from two bottom-k sketches (Broder 1997)."""
    if not a or not b:
        return 0.0
    union = heapq.nsmallest(k, set(a) | set(b))
    both = set(a) & set(b)
    return sum(1 for v in union if v in both) / len(union)


_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_ARABIC_DIGIT = re.compile("[\u0660-\u0669\u06f0-\u06f9]")  # translating costs more than looking
_NUMBER = re.compile(r"\d+(?:(?:[.,]|[\u00a0\u202f\u2009 ](?=\d{3}\b))\d+)*")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"')]+|[\w.+-]+@[\w-]+\.[\w.]+|(?<!\w)[@#]\w{2,}", re.IGNORECASE)
# Where a match of _URL must start; most texts have none, and _URL is slow to rule out.
_WEB = re.compile(r"https?://|www\.", re.IGNORECASE)
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]{1,9}$")
_TOKEN = re.compile(r"[^\W\d_][\w'’-]*")
# French elision (l'UNESCO, d'Addahre) and English possessives (UNESCO's) go.
_ELISION = re.compile(r"^(?:[a-zA-Z]|qu)['’](?=\w)|['’]s$")
_OPENERS = frozenset(".!?…؟:;\"«“([—–-")  # after one of these (and spaces) a capital is grammar


def _number(token: str) -> str:
    parts = re.split(r"[.,\u00a0\u202f\u2009 ]", token)
    if len(parts) > 1 and 1 <= len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:]):
        return "".join(parts)  # thousands: 10,000 = 10.000 = 10 000
    if len(parts) == 2:
        return f"{parts[0]}.{parts[1]}".rstrip("0").rstrip(".")  # decimals: 1,33 = 1.33
    return "".join(parts)


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    out: set[str] = set()
    for lang in ("fr", "en", "es", "ar"):
        try:
            data = resources.files("digest").joinpath(f"data/stopwords/{lang}.txt").read_text("utf-8")
        except FileNotFoundError:
            continue
        out.update(strip_accents(w.lower()) for w in data.split())
    return frozenset(out)


def anchors(text: str) -> frozenset[str]:
    """Language-independent markers of a story: numbers, acronyms, names, URLs."""
    if _ARABIC_DIGIT.search(text):
        text = text.translate(_ARABIC_DIGITS)
    found: set[str] = set()
    if "@" in text or "#" in text or _WEB.search(text):
        for m in _URL.finditer(text):
            found.add("url:" + m.group(0).lower().rstrip(".,;:").removeprefix("https://").removeprefix("http://"))
        text = _URL.sub(" ", text)
    for m in _NUMBER.finditer(text):
        value = _number(m.group(0))
        if len(value.replace(".", "")) >= 2:
            found.add("n:" + value)
    stops = _stop_words()
    for sentence in split_sentences(text):
        for m in _TOKEN.finditer(sentence):
            token = m.group(0)
            if "'" in token or "’" in token:
                token = _ELISION.sub("", token)
            elif not token[0].isupper():
                continue  # most words: lower case, so neither an acronym nor a name
            token = token.strip("'’-")
            if _ACRONYM.match(token):
                found.add("a:" + token)
                continue
            if len(token) < 3 or not token[0].isupper() or not token[0].isascii() and not token[0].isalpha():
                continue
            if not ("A" <= strip_accents(token[0]) <= "Z"):
                continue  # only Latin-script names are comparable across languages
            if _opens(sentence[: m.start()]):
                continue  # a sentence opener is capitalised for grammar, not because it is a name
            plain = strip_accents(token.lower())
            if plain not in stops:
                found.add("w:" + plain)
    return frozenset(found)


def _opens(prefix: str) -> bool:
    """Whether a word after *prefix* opens its sentence or a quote: nothing before it (or one line
    break), or an opener then spaces. (A regex anchored at the end scanned the whole prefix.)"""
    rest = prefix.rstrip()
    return rest[-1] in _OPENERS if rest else prefix in ("", "\n")


def _is_year(anchor: str) -> bool:
    return anchor.startswith("n:") and anchor[2:].isdigit() and 1900 <= int(anchor[2:]) <= 2100


def _key(article: Article) -> str:
    return " ".join(_plain_words(article.body))


def features(article: Article) -> Features:
    """Everything `merge_duplicates` compares, from the article's text, title, date and URL-free body."""
    text = "\n\n".join(filter(None, (article.standfirst, article.body)))
    grams = shingles(text)
    try:
        day = _dt.date.fromisoformat(article.date) if article.date else None
    except ValueError:
        day = None
    return Features(_key(article), grams, sketch(grams),
                    anchors("\n".join(filter(None, (article.title, text)))), day)


def _profile(article: Article, found: Features | None = None) -> _Profile:
    f = found or features(article)
    numbers = [x for x in f.anchors if x[:2] == "n:"]  # the few that can be years; most anchors are names
    years = {x for x in numbers if _is_year(x)}
    exact_key = f.key if len(f.key.split(maxsplit=MIN_EXACT_WORDS - 1)) >= MIN_EXACT_WORDS else ""  # enough words
    return _Profile(article, f.key, f.shingles, f.sketch, f.anchors, f.day, _canonical_url(article.url), exact_key,
                    f.anchors - years, frozenset(numbers).difference(years))


# -- comparison -----------------------------------------------------------------

def _canonical_url(url: str | None) -> str | None:
    """The URL without scheme, www, fragment and trailing slash; None for a homepage."""
    if not url:
        return None
    url = url.strip().lower().split("#")[0].rstrip("/")
    url = re.sub(r"^[a-z][a-z0-9+.-]*://(?:www\.)?", "", url)
    if "/" not in url and "?" not in url:
        return None  # "site.com" or "site.com/": a homepage, shared by every story of the site
    return url or None


def _figures_differ(a: _Profile, b: _Profile) -> bool:
    """Both texts carry figures and fewer than half of the smaller set are shared."""
    na, nb = a.numbers, b.numbers
    if len(na) < MIN_NUMBERS or len(nb) < MIN_NUMBERS:
        return False
    return 2 * len(na & nb) < min(len(na), len(nb))


def _compare(a: _Profile, b: _Profile) -> Match | None:
    if a.day and b.day and abs((a.day - b.day).days) > MAX_DAYS_APART:
        return None
    if a.url and a.url == b.url:
        return Match("exact", 1.0, "the same URL")
    if a.exact_key and a.exact_key == b.exact_key:
        return Match("exact", 1.0, "the same text")
    if a.article.language == b.article.language:
        if not a.shingles or not b.shingles:
            return None
        if _figures_differ(a, b):
            return None  # the same template filled with other figures
        smaller = min(len(a.shingles), len(b.shingles))
        if smaller < MIN_SHINGLES and a.title_words != b.title_words:
            return None  # a short placeholder ("Plus de détails à suivre.") under two different titles
        common = len(a.shingles & b.shingles)
        jaccard = common / (len(a.shingles) + len(b.shingles) - common)  # the union's size, without building it
        if jaccard >= NEAR_JACCARD:
            return Match("near", jaccard, f"{jaccard:.0%} of their word sequences in common")
        containment = common / smaller
        if smaller >= MIN_SHINGLES and containment >= NEAR_CONTAINMENT:
            return Match("near", containment, f"{containment:.0%} of the shorter text is in the other")
        return None
    if len(a.strong & b.strong) < CROSS_MIN_SHARED:
        return None
    na, nb = a.numbers, b.numbers
    both = na & nb
    if len(both) < CROSS_MIN_NUMBERS:
        return None  # shared names alone (companies, places) make a topic, not a story
    if min(len(na - nb), len(nb - na)) >= MIN_NUMBERS and min(len(na - nb), len(nb - na)) > len(both):
        return None  # each side has many figures the other lacks
    shared = a.anchors & b.anchors
    jaccard = len(shared) / (len(a.anchors) + len(b.anchors) - len(shared))
    if jaccard >= CROSS_JACCARD:
        return Match("cross-language", jaccard,
                     f"{len(shared)} shared names, numbers and acronyms ({jaccard:.0%} of them), "
                     f"{a.article.language} and {b.article.language}")
    return None


def similarity(a: Article, b: Article) -> Match | None:
    """How two articles are the same story, or None when they are not."""
    return _compare(_profile(a), _profile(b))




@dataclass(frozen=True)
class Decision:
    """What became of one article, kept for the next build: kept (no target) or merged."""

    fingerprint: str  # the article's hash (`cache.Fingerprints`): an edited article has a new one
    day: int | None  # its date's ordinal: which later decisions it can change
    target: str | None = None  # the fingerprint of the kept article it was merged into
    match: Match | None = None


class _Index:
    """Kept items by key (a sketch value, an anchor), each key's items in the order they were kept.

    Most keys belong to one item, stored bare; a list is made only for a second
    one (a list per sketch value was a million lists for 10,000 articles).
    """

    def __init__(self, days: list[int | None]) -> None:
        self.items: dict[object, int | list[int]] = {}
        self.days = days  # day number of each kept item, None when undated

    def add(self, keys, index: int) -> None:
        items = self.items
        keys = set(keys)
        shared = items.keys() & keys
        items.update(dict.fromkeys(keys - shared, index))  # most keys are new: added at C speed
        for key in shared:
            seen = items[key]
            if type(seen) is list:
                seen.append(index)
            else:
                items[key] = [seen, index]

    def recent(self, keys, day: int | None) -> list[int]:
        """The items that have any of *keys* and can still match an article of *day* (a day number),
        each once for every such key it has.

        Articles are visited earliest first and undated last, so each key's items are
        in date order: a binary search finds the first one at most MAX_DAYS_APART days old
        (`_compare` would reject every one before it).
        This keeps a years-long archive linear instead of comparing every pair sharing a name.
        """
        out: list[int] = []
        days = self.days
        oldest = None if day is None else day - MAX_DAYS_APART
        for key in self.items.keys() & keys:
            seen = self.items[key]
            if type(seen) is int:
                if oldest is None or days[seen] is None or days[seen] >= oldest:
                    out.append(seen)
            elif oldest is None or days[seen[0]] is None:
                out += seen
            else:  # a dated article is visited before any undated one is kept: all these are dated
                out += seen[bisect.bisect_left(seen, oldest, key=days.__getitem__):]
        return out


def _exact_keys(profile: _Profile) -> list[tuple[str, str]]:
    return [("url", profile.url)] * bool(profile.url) + [("text", profile.key)] * bool(profile.key)


def _is_candidate(kept: _Profile, profile: _Profile) -> bool:
    """Whether a kept article within the date window is compared at all: what `_Kept.indexed` finds."""
    return (not kept.sketch_set.isdisjoint(profile.sketch)
            or bool(profile.url) and kept.url == profile.url or bool(profile.key) and kept.key == profile.key
            or len(kept.strong & profile.strong) >= CROSS_MIN_SHARED)


class _Kept:
    """The articles kept so far, in the order they were kept (earliest first, undated last).

    Candidates for a new article are the kept ones within MAX_DAYS_APART days of it (all
    of them when either is undated) that share a sketch value, the URL, the text or
    CROSS_MIN_SHARED anchors. A full decision finds them through indexes; an incremental
    one, which decides a handful of articles, scans the few kept in the window instead,
    loading only their features.
    """

    def __init__(self, profile_of, indexed: bool) -> None:
        self.profile_of = profile_of  # article position -> _Profile (loaded on demand)
        self.positions: list[int] = []
        self.days: list[int | None] = []
        self.dated = 0  # how many kept items have a day (they come first)
        self.indexed = indexed
        self.by_sketch, self.by_anchor, self.by_exact = _Index(self.days), _Index(self.days), _Index(self.days)

    def add(self, position: int, day: int | None) -> None:
        index = len(self.positions)
        self.positions.append(position)
        self.days.append(day)
        self.dated += day is not None
        if self.indexed:
            profile = self.profile_of(position)
            self.by_exact.add(_exact_keys(profile), index)
            self.by_sketch.add(profile.sketch, index)
            self.by_anchor.add(profile.strong, index)

    def candidates(self, profile: _Profile, day: int | None) -> list[int]:
        """Kept indexes to compare *profile* with, in the order they were kept."""
        if self.indexed:
            found = set(self.by_sketch.recent(profile.sketch, day))
            found.update(self.by_exact.recent(_exact_keys(profile), day))
            counts = Counter(self.by_anchor.recent(profile.strong, day))
            found.update(i for i, n in counts.items() if n >= CROSS_MIN_SHARED)
            return sorted(found)
        if day is None:
            window = range(len(self.positions))
        else:  # the dated items are in date order: the window is their tail
            start = bisect.bisect_left(self.days, day - MAX_DAYS_APART, 0, self.dated)
            window = range(start, len(self.positions))
        return [i for i in window if _is_candidate(self.profile_of(self.positions[i]), profile)]

    def best(self, profile: _Profile, day: int | None) -> tuple[int, Match] | None:
        """The position of the kept article *profile* duplicates, and how; exact matches first."""
        best: tuple[float, int, Match] | None = None
        for i in self.candidates(profile, day):
            match = _compare(self.profile_of(self.positions[i]), profile)
            if match and (best is None or (match.kind == "exact", match.score) > (best[2].kind == "exact", best[0])):
                best = (match.score, i, match)
        return None if best is None else (self.positions[best[1]], best[2])


class _Changes:
    """Days on which the kept set differs from the previous build's: only decisions near them can change."""

    def __init__(self) -> None:
        self.days: list[int] = []  # sorted
        self.undated = False

    def add(self, day: int | None) -> None:
        if day is None:
            self.undated = True
        else:
            bisect.insort(self.days, day)

    def near(self, day: int | None) -> bool:
        """Whether an article of *day* may decide otherwise than last time.

        A dated article is compared only with kept articles dated at most MAX_DAYS_APART days
        before it (undated ones are visited after it); an undated one with every kept article.
        """
        if day is None:
            return self.undated or bool(self.days)
        i = bisect.bisect_left(self.days, day - MAX_DAYS_APART)
        return i < len(self.days) and self.days[i] <= day


# An incremental decision scans date windows; past this share of changed articles a full one is cheaper.
INCREMENTAL_SHARE = 0.05


def decide(articles: list[Article], fingerprints: list[str], features_of, previous: tuple[Decision, ...] = (),
           incremental_share: float = INCREMENTAL_SHARE) -> tuple[list[Article], dict[str, tuple[Article, ...]], list[Problem], tuple[Decision, ...]]:
    """`merge_duplicates`, redoing only what edits since *previous* (the last build's decisions) can change.

    Articles are visited earliest first; each is compared with the articles kept before it
    within MAX_DAYS_APART days. So an article whose fingerprint is unchanged keeps its last
    decision unless the kept set changed within that window before it (an article added,
    removed or edited, or one whose own decision changed); those are decided again, which
    may change the kept set further on. The result equals a decision from scratch
    (tests/test_dedup.py compares them on random edits). *features_of* maps an article's
    position to its `Features`, or None to compute them; it is asked only for the articles compared.
    Returns what `merge_duplicates` returns, plus the decisions to pass as *previous* next time.
    """
    count = len(articles)
    old = {d.fingerprint: d for d in previous}
    present = set(fingerprints)
    if len(old) != len(previous) or len(present) != count:
        old = {}  # two articles with one fingerprint: nothing to tell them apart by, decide afresh
    changed = sum(fp not in old for fp in fingerprints)
    if changed > incremental_share * count:
        old = {}
    profiles: dict[int, _Profile] = {}

    def profile_of(position: int) -> _Profile:
        profile = profiles.get(position)
        if profile is None:
            profile = profiles[position] = _profile(articles[position], features_of(position))
        return profile

    changes = _Changes()
    if old:
        for d in previous:
            if d.target is None and d.fingerprint not in present:
                changes.add(d.day)  # a kept article removed or edited
    kept = _Kept(profile_of, indexed=not old)
    position_of = {fp: i for i, fp in enumerate(fingerprints)}
    merged: dict[str, list[Article]] = {}
    problems: list[Problem] = []
    decisions: list[Decision] = []
    days = [_day(a.date) for a in articles]
    # Earliest first, undated last, then by path: the result never depends on the input order.
    for position in sorted(range(count), key=lambda i: (days[i] is None, days[i] or 0, articles[i].path)):
        article, fp, day = articles[position], fingerprints[position], days[position]
        before = old.get(fp)
        if before is not None and not changes.near(day):
            target = None if before.target is None else position_of[before.target]
            match = before.match
        else:
            found = kept.best(profile_of(position), day)
            target, match = found if found else (None, None)
            if (target is None) if before is None else ((before.target is None) != (target is None)):
                changes.add(day)  # kept now and new or edited, or unchanged with another outcome
        if target is None:
            kept.add(position, day)
            decisions.append(Decision(fp, day))
            continue
        decisions.append(Decision(fp, day, fingerprints[target], match))
        into = articles[target]
        merged.setdefault(into.slug, []).append(article)
        problems.append(Problem(
            article.path,
            f"merged into {into.path} as the same story ({match.kind} duplicate: {match.reason})",
            f"it is listed on the digest {into.slug!r} as another source; "
            "delete one of the files if this is wrong",
            "info",
        ))
    kept_positions = set(kept.positions)
    out = [a for i, a in enumerate(articles) if i in kept_positions]
    return out, {slug: tuple(items) for slug, items in merged.items()}, problems, tuple(decisions)


def _day(date: str | None) -> int | None:
    if not date:
        return None
    try:
        return _dt.date.fromisoformat(date).toordinal()
    except ValueError:
        return None


def merge_duplicates(articles: list[Article], found: dict[str, Features] | None = None,
                     ) -> tuple[list[Article], dict[str, tuple[Article, ...]], list[Problem]]:
    """Keep one article per story; report and return the others.

    Returns (kept articles in their input order, {kept slug: merged articles},
    one info Problem per merged article). The kept one is the earliest dated,
    then the first by path; every other copy is compared with the kept ones only,
    so a chain of loosely similar articles never merges two different stories.
    *found* maps article paths to their precomputed `features` (missing ones are computed).
    """
    found = found or {}
    out, merged, problems, _ = decide(articles, [str(i) for i in range(len(articles))],
                                      lambda i: found.get(articles[i].path))
    return out, merged, problems


def also_reported_by(merged: tuple[Article, ...]) -> tuple[str, ...]:
    """Labels for a kept digest's other sources: "Source (es, 2025-07-02)"."""
    labels = []
    for article in merged:
        name = article.source or article.title
        details = ", ".join(filter(None, (article.language, article.date)))
        labels.append(f"{name} ({details})" if details else name)
    return tuple(labels)
