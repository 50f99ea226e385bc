"""Duplicate stories: the same news from several sources, in one or several languages.

Three tests, cheapest first, between each article and the digests kept so far
(in a fixed order: earliest date, then path, so the result never depends on
the order files were found):

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

__all__ = ["merge_duplicates", "ingest_summary", "also_reported_by", "similarity", "Match", "Features",
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
    strong = frozenset(x for x in f.anchors if not _is_year(x))
    exact_key = f.key if len(f.key.split(maxsplit=MIN_EXACT_WORDS - 1)) >= MIN_EXACT_WORDS else ""  # enough words
    return _Profile(article, f.key, f.shingles, f.sketch, f.anchors, f.day, _canonical_url(article.url), exact_key,
                    strong, frozenset(x for x in strong if x.startswith("n:")))


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


def _order(article: Article) -> tuple:
    return (article.date is None, article.date or "", article.path)


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
        for key in keys:
            seen = items.setdefault(key, index)
            if seen != index:  # the key was there already
                if type(seen) is list:
                    seen.append(index)
                else:
                    items[key] = [seen, index]

    def recent(self, keys, day: int | None) -> list[int]:
        """The items that have any of *keys* and can still match an article of *day* (a day number),
        each once for every such key it has.

        Articles are visited earliest first and undated last, so each key's items are
        in date order: walking them backwards, the first item more than MAX_DAYS_APART
        days old ends the walk (`_compare` would reject it and everything before it).
        This keeps a years-long archive linear instead of comparing every pair sharing a name.
        """
        out: list[int] = []
        days = self.days
        for key in self.items.keys() & keys:
            seen = self.items[key]
            if type(seen) is int:
                seen = [seen]
            start = len(seen)
            while start and (day is None or days[seen[start - 1]] is None
                             or day - days[seen[start - 1]] <= MAX_DAYS_APART):
                start -= 1
            out += seen[start:]
        return out


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
    profiles = [_profile(a, found.get(a.path)) for a in sorted(articles, key=_order)]
    kept: list[_Profile] = []
    days: list[int | None] = []
    by_url: dict[str, int] = {}
    by_key: dict[str, int] = {}
    by_sketch, by_anchor = _Index(days), _Index(days)
    merged: dict[str, list[Article]] = {}
    problems: list[Problem] = []
    for profile in profiles:
        day = profile.day.toordinal() if profile.day else None
        candidates = set(by_sketch.recent(profile.sketch, day))
        if profile.url in by_url:
            candidates.add(by_url[profile.url])
        if profile.key in by_key:
            candidates.add(by_key[profile.key])
        counts = Counter(by_anchor.recent(profile.strong, day))
        candidates.update(i for i, n in counts.items() if n >= CROSS_MIN_SHARED)
        best: tuple[float, int, Match] | None = None
        for i in sorted(candidates):
            match = _compare(kept[i], profile)
            if match and (best is None or (match.kind == "exact", match.score) > (best[2].kind == "exact", best[0])):
                best = (match.score, i, match)
        if best is not None:
            target = kept[best[1]].article
            merged.setdefault(target.slug, []).append(profile.article)
            problems.append(Problem(
                profile.article.path,
                f"merged into {target.path} as the same story ({best[2].kind} duplicate: {best[2].reason})",
                f"it is listed on the digest {target.slug!r} as another source; "
                "delete one of the files if this is wrong",
                "info",
            ))
            continue
        index = len(kept)
        kept.append(profile)
        days.append(day)
        if profile.url:
            by_url.setdefault(profile.url, index)
        if profile.key:
            by_key.setdefault(profile.key, index)
        by_sketch.add(profile.sketch, index)
        by_anchor.add(profile.strong, index)
    kept_ids = {id(p.article) for p in kept}
    out = [a for a in articles if id(a) in kept_ids]
    return out, {slug: tuple(items) for slug, items in merged.items()}, problems


def also_reported_by(merged: tuple[Article, ...]) -> tuple[str, ...]:
    """Labels for a kept digest's other sources: "Source (es, 2025-07-02)"."""
    labels = []
    for article in merged:
        name = article.source or article.title
        details = ", ".join(filter(None, (article.language, article.date)))
        labels.append(f"{name} ({details})" if details else name)
    return tuple(labels)
