"""Plain data types that flow between the pipeline stages.

Every stage is a pure function over these frozen dataclasses, so each one can
be tested alone and the whole pipeline stays independent of MkDocs.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """Something wrong with one input file: reported, never fatal to the build."""

    path: str
    message: str
    hint: str = ""
    severity: str = "error"  # "error", "warning" (both fail --strict) or "info" (a report only)

    def __str__(self) -> str:
        text = f"{self.path}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


@dataclass(frozen=True)
class Block:
    """A body block: a paragraph or a sub-heading, as plain text."""

    kind: str  # "paragraph" or "heading"
    text: str


@dataclass(frozen=True)
class Article:
    """A clean article, whatever format it came from."""

    path: str
    slug: str
    title: str
    source: str | None
    date: str | None  # ISO YYYY-MM-DD
    language: str
    url: str | None
    blocks: tuple[Block, ...]
    tags: tuple[str, ...] = ()
    summary_override: tuple[str, ...] | None = None
    fmt: str = "text"
    author: str | None = None  # from front matter, page metadata or a byline
    standfirst: str | None = None  # the page's lead paragraph (chapô), kept out of the body
    corrections: tuple = ()  # (key, value) pairs from front matter: facts, hide_facts, unpublish

    @property
    def body(self) -> str:
        return "\n\n".join(b.text for b in self.blocks)


@dataclass(frozen=True)
class Sentence:
    """A body sentence with a stable id used as an anchor on the digest page."""

    id: str
    block: int
    text: str


@dataclass(frozen=True)
class Fact:
    kind: str  # money, percent, count, measure, duration, age, change, date, period
    text: str  # as written
    value: float | str | None  # a range's lower bound
    unit: str | None  # ISO 4217 code, "%", "pp", a unit code of digest/annotate/units.py, or the counted noun
    sentence: str  # sentence id
    subject: str | None = None  # who or what the figure measures, when the sentence says it
    approx: str | None = None  # "~" about, ">" more than, "<" less than / up to
    low: float | None = None  # a range ("entre 3 et 5 %"): its bounds
    high: float | None = None
    change: str | None = None  # "+" a rise, "-" a fall ("+12 %", "hausse de 12 %", "fell by a third")


@dataclass(frozen=True)
class Quote:
    text: str
    speaker: str | None
    sentence: str


@dataclass(frozen=True)
class Entities:
    people: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    # (acronym, expansion) pairs the article spells out, "AHM" -> "Atlas Hydrogène Maroc": the
    # registry makes the acronym the same organisation in every digest (entities/registry.py).
    aliases: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class GlossaryTerm:
    id: str
    term: str
    aliases: tuple[str, ...]
    definition: str  # Markdown written by an editor
    path: str = ""
    language: str | None = None
    see_also: tuple[str, ...] = ()

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.term, *self.aliases)


@dataclass(frozen=True)
class Note:
    path: str
    slug: str
    title: str
    author: str | None
    date: str | None
    digests: tuple[str, ...]
    tags: tuple[str, ...]
    body: str  # editor Markdown, trusted


@dataclass(frozen=True)
class Digest:
    """An article with its annotations: what a digest page shows."""

    article: Article
    sentences: tuple[Sentence, ...]
    summary: tuple[str, ...]
    facts: tuple[Fact, ...]
    entities: Entities
    quotes: tuple[Quote, ...]
    terms: tuple[str, ...] = ()
    notes: tuple[Note, ...] = ()
    duplicates: tuple[str, ...] = field(default=())
    chart: bool = True  # an editor's `chart: false` keeps the fact box's chart off

    @property
    def slug(self) -> str:
        return self.article.slug
