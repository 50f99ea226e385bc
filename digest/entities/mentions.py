"""One name and one type per entity inside an article.

The classifier types each mention on its own; an article names an entity several ways
("Leïla Ouazzani", "Mme Ouazzani", "Ouazzani"; "Atlas Hydrogène Maroc (AHM)", "AHM"). The
mentions are grouped here, each group is named by its fullest form and typed by a vote over
all its mentions, so one article never lists a name twice or under two types.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..model import Entities
from . import lexicon

KINDS = ("people", "organisations", "places")


@dataclass(frozen=True)
class Mention:
    text: str
    kind: str | None  # the classifier's type, None when it found no name here
    margins: tuple[float, float, float]  # each type's score less the score of "no name"
    titled: bool = False  # a title stood before it ("Mme", "le ministre")
    address: str | None = None  # the name with its form of address, when it had one ("M. Gambetta")


@dataclass
class Group:
    name: str
    mentions: list[Mention] = field(default_factory=list)

    def vote(self, acronyms: frozenset[str] = frozenset()) -> str | None:
        counts = Counter(m.kind for m in self.mentions if m.kind)
        counts["people"] += 2 * sum(1 for m in self.mentions if m.titled)
        if self.name in acronyms:  # "United Nations (UN)": a name with an acronym is an institution's
            counts["organisations"] += 1
        allowed = _allowed(self.name)
        ranked = sorted(((counts[k], sum(m.margins[i] for m in self.mentions), k)
                         for i, k in enumerate(KINDS) if k in allowed), reverse=True)
        if len(allowed) == 1:
            return allowed[0]  # "George Washington University", whatever its mentions were typed
        return ranked[0][2] if ranked and ranked[0][0] > 0 else None

    def display(self, kind: str) -> str:
        """A surname alone is named as the article addresses the person ("M. Gambetta")."""
        if kind == "people" and len(self.name.split()) == 1:
            return next((m.address for m in self.mentions if m.address), self.name)
        return self.name


def _allowed(name: str) -> tuple[str, ...]:
    """The types a name may take whatever its mentions say."""
    words = [w.lower().strip(".") for w in name.split()]
    if len(words) > 1 and (set(words) & lexicon.ORG_WORDS or words[-1] in lexicon.COMPANY_WORDS
                           or words[-1] == "&"):
        return ("organisations",)  # "Junta de Andalucía", "Lyle Partners": never a person
    if len(words) > 1 and "&" in name:
        return ("organisations",)
    if len(words) == 1 and words[0] in lexicon.ORG_WORDS:
        return ("organisations",)  # "el Gobierno", "le Sénat"
    return KINDS


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def _acronym_target(acronym: str, expansions: dict[str, str], names: list[str]) -> str | None:
    if acronym in expansions:
        return expansions[acronym]
    if not lexicon.ACRONYM.match(acronym):
        return None
    # "AHM" after "Atlas Hydrogène Maroc": the initials of a longer name in the article.
    return next((n for n in names if len(n.split()) > 1 and _initials(n) == acronym), None)


def _shorter_forms(people: list[str], orgs: list[str]) -> dict[str, str]:
    """Shorter form -> the full name it stands for, the first full name in article order winning.

    A person's surname or any run of words of the name ("Ortega" is Javier Ortega Lluch: Spanish
    names carry two surnames); an organisation's opening words when they are more than one word
    or start with an organisation word ("Asociación Ibérica" for "Asociación Ibérica de Banca
    Digital", "Helios Ibérica" for "Helios Ibérica Renovables", not "Paris" for "Paris Saint-Germain").
    """
    table: dict[str, str] = {}
    for full in orgs:
        parts = full.split()
        for k in range(1, len(parts)):
            if k > 1 or parts[0].lower() in lexicon.ORG_WORDS:
                table.setdefault(" ".join(parts[:k]), full)
    for full in people:
        parts = full.split()
        for size in range(1, len(parts)):
            for k in range(len(parts) - size + 1):
                table.setdefault(" ".join(parts[k:k + size]), full)
    return table


def consolidate(mentions: list[Mention], expansions: dict[str, str]) -> Entities:
    """Group *mentions* (in article order) into entities; *expansions* maps acronyms to names."""
    named = [m for m in mentions if m.kind]
    full_names = [m.text for m in named if " " in m.text]
    orgs = [m.text for m in named if m.kind == "organisations" and " " in m.text]
    # Full names a surname may join, the classifier's doubtful ones too ("Omar Hilale" at the
    # end of a long sentence, then "Hilale" as a speaker; "Klaus Hartmann", a near tie with
    # organisation): the group's vote still decides.
    people = [m.text for m in mentions if " " in m.text and "people" in _allowed(m.text) and (
        m.kind == "people" or m.margins[0] > 0 or m.kind is None and max(m.margins) == m.margins[0])]
    # The longest organisation first: "Alliance" joins "Alliance pour un littoral vivant".
    shorter = _shorter_forms(people, sorted(orgs + sorted(set(expansions.values())), key=lambda n: (-len(n), n)))
    groups: dict[str, Group] = {}
    alias: dict[str, str] = {}

    def target(text: str) -> str | None:
        if text in alias:
            return alias[text]
        head = _acronym_target(text, expansions, full_names)
        if head and head != text:
            return head
        return shorter.get(text)

    # A one-word person named last in a longer name of another type ("Hartmann" after "Klaus
    # Hartmann", typed an organisation once): the same entity, whose type the vote settles.
    last_words: dict[str, str] = {}
    for name in full_names:
        last_words.setdefault(name.split()[-1], name)

    for m in mentions:
        head = target(m.text) or (m.kind == "people" and last_words.get(m.text)) or (m.text if m.kind else None)
        if head is None:
            continue  # a weak mention of nothing named in the article
        seen = set()
        while head in alias and alias[head] != head and head not in seen:
            seen.add(head)
            head = alias[head]
        alias.setdefault(m.text, head)
        groups.setdefault(head, Group(head)).mentions.append(m)

    found: dict[str, Counter] = {k: Counter() for k in KINDS}
    for head, group in groups.items():
        kind = group.vote(frozenset(expansions.values()))
        if kind:
            found[kind][group.display(kind)] += len(group.mentions)
    _drop_people_inside_organisations(found)
    return Entities(*(tuple(name for name, _ in sorted(found[k].items(), key=lambda kv: (-kv[1], kv[0])))
                      for k in KINDS))


def _drop_people_inside_organisations(found: dict[str, Counter]) -> None:
    """A one-word "person" that is a word of an organisation's name is that organisation's."""
    org_words = {w for name in found["organisations"] for w in name.split()}
    for name in sorted(found["people"]):
        if len(name.split()) == 1 and name in org_words:
            del found["people"][name]
