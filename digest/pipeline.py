"""The whole pipeline, top to bottom: ingest -> annotate -> attach notes -> render.

Pure Python over the types in `model`; no MkDocs import. `build()` returns the
generated Markdown pages as {path: text}; callers decide where they go.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from slugify import slugify

from .config import DigestConfig
from .facts import extract_entities, extract_facts, extract_quotes, rank_facts
from .glossary import Matcher, load_glossary, make_matcher
from .ingest import SUFFIXES, assign_unique_slugs, read_file
from .model import Article, Digest, GlossaryTerm, Note, Problem, Sentence
from .notes import load_note
from .render import make_environment, render_digest
from .summarize import summarize
from .text import split_sentences


@dataclass(frozen=True)
class BuildResult:
    pages: dict[str, str]
    digests: tuple[Digest, ...]
    notes: tuple[Note, ...]
    glossary: tuple[GlossaryTerm, ...]
    problems: tuple[Problem, ...]
    inputs: tuple[str, ...]  # content-relative paths the pipeline consumed


def _display(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def sentences_of(article: Article) -> tuple[Sentence, ...]:
    out = []
    for i, block in enumerate(article.blocks):
        if block.kind != "paragraph":
            continue
        for text in split_sentences(block.text):
            out.append(Sentence(f"s{len(out) + 1}", i, text))
    return tuple(out)


def annotate(article: Article, matcher: Matcher | None = None, *, summary_sentences: int = 3,
             summary_words: int | None = None) -> Digest:
    """Summary, facts, entities, quotes and glossary terms for one article."""
    sentences = sentences_of(article)
    texts = [s.text for s in sentences]
    if article.summary_override:
        summary = article.summary_override
    else:
        summary = tuple(summarize(texts, article.language, max_sentences=summary_sentences,
                                  max_words=summary_words))
    summary_ids = {s.id for s in sentences if s.text in summary}
    order = {s.id: i for i, s in enumerate(sentences)}
    facts = rank_facts(extract_facts(list(sentences), article.language), summary_ids, order)
    entities = extract_entities(list(sentences), article.language)
    quotes = tuple(extract_quotes(list(sentences), entities.people))
    terms: list[str] = []
    if matcher is not None:
        for text in (*summary, *(b.text for b in article.blocks)):
            for _s, _e, term_id in matcher.find(text):
                if term_id not in terms:
                    terms.append(term_id)
    return Digest(article, sentences, summary, tuple(facts), entities, quotes, tuple(terms))


def discover(directory: Path) -> list[Path]:
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.rglob("*")
                  if p.is_file() and not any(part.startswith(".") for part in p.relative_to(directory).parts))


def ingest_all(config: DigestConfig) -> tuple[list[Article], list[Problem]]:
    articles, problems = [], []
    for path in discover(config.articles_dir):
        found, issues = read_file(path, _display(path, config.content_dir), config.max_file_size)
        articles.extend(found)
        problems.extend(issues)
    articles, slug_problems = assign_unique_slugs(articles)
    return articles, problems + slug_problems


def load_notes(config: DigestConfig) -> tuple[list[Note], list[Problem]]:
    notes, problems = [], []
    for path in discover(config.notes_dir):
        if path.suffix.lower() not in (".md", ".markdown"):
            problems.append(Problem(_display(path, config.content_dir), "a note must be a .md file",
                                    "rename it to .md", "warning"))
            continue
        note, issues = load_note(path, _display(path, config.content_dir), config.max_file_size)
        problems.extend(issues)
        if note:
            notes.append(note)
    return notes, problems


def _summary_text(digest: Digest) -> str:
    return " ".join(digest.summary)


def _sort_key(digest: Digest):
    return (digest.article.date or "0000-00-00", digest.slug)


def render_site(config: DigestConfig, digests: list[Digest], notes: list[Note],
                glossary: tuple[GlossaryTerm, ...], matcher: Matcher) -> dict[str, str]:
    env = make_environment(config.templates_dir)
    pages: dict[str, str] = {}
    newest = sorted(digests, key=_sort_key, reverse=True)
    for d in newest:
        pages[f"digests/{d.slug}.md"] = render_digest(env, d, matcher, config.facts_max,
                                                       config.glossary_first_only)
    cards = [{"article": d.article, "summary_text": _summary_text(d)} for d in newest]
    pages["index.md"] = env.get_template("home.md.j2").render(
        latest=cards[: config.home_latest], more=len(cards) > config.home_latest,
        total=len(cards), site_title=config.site_title)
    pages["archive.md"] = env.get_template("archive.md.j2").render(weeks=_weeks(cards))
    standalone = sorted((n for n in notes if not n.digests), key=lambda n: (n.date or "", n.slug), reverse=True)
    for note in standalone:
        pages[f"notes/{note.slug}.md"] = env.get_template("note.md.j2").render(note=note)
    pages["notes/index.md"] = env.get_template("notes.md.j2").render(notes=standalone)
    tags = _tags(newest, standalone)
    for tag in tags:
        pages[f"tags/{tag['slug']}.md"] = env.get_template("tag.md.j2").render(tag=tag)
    pages["tags.md"] = env.get_template("tags.md.j2").render(tags=tags)
    backlinks = {t.id: [] for t in glossary}
    for d in newest:
        for term_id in d.terms:
            backlinks.setdefault(term_id, []).append({"title": d.article.title, "path": f"digests/{d.slug}.md"})
    pages["glossary.md"] = env.get_template("glossary.md.j2").render(terms=glossary, backlinks=backlinks)
    return pages


def _weeks(cards: list[dict]) -> list[dict]:
    weeks: dict[str, dict] = {}
    for card in cards:
        date = card["article"].date
        if date and len(date) == 10:
            day = dt.date.fromisoformat(date)
            year, week, _ = day.isocalendar()
            wkey, wlabel = f"{year}-W{week:02d}", f"Week {week}, {year}"
            dlabel = day.strftime("%A %d %B %Y")  # English names: C locale, the same on every machine
        else:
            wkey, wlabel, dlabel, date = "0000", "Undated", "Undated", "0000"
        week_entry = weeks.setdefault(wkey, {"label": wlabel, "days": {}})
        week_entry["days"].setdefault(date, {"label": dlabel, "digests": []})["digests"].append(card)
    out = []
    for wkey in sorted(weeks, reverse=True):
        days = weeks[wkey]["days"]
        out.append({"label": weeks[wkey]["label"], "days": [days[k] for k in sorted(days, reverse=True)]})
    return out


def _tags(digests: list[Digest], notes: list[Note]) -> list[dict]:
    tags: dict[str, dict] = {}
    for d in digests:
        for tag in d.article.tags:
            entry = tags.setdefault(slugify(tag) or "tag", {"name": tag, "slug": slugify(tag) or "tag", "entries": []})
            entry["entries"].append({"title": d.article.title, "path": f"digests/{d.slug}.md", "date": d.article.date})
    for n in notes:
        for tag in n.tags:
            entry = tags.setdefault(slugify(tag) or "tag", {"name": tag, "slug": slugify(tag) or "tag", "entries": []})
            entry["entries"].append({"title": n.title, "path": f"notes/{n.slug}.md", "date": n.date})
    return [tags[k] for k in sorted(tags)]


def build(config: DigestConfig) -> BuildResult:
    """Run every stage over the content folder and return pages and problems."""
    articles, problems = ingest_all(config)
    glossary, glossary_problems = load_glossary(config.glossary_file, _display(config.glossary_file, config.content_dir))
    problems += glossary_problems
    matcher = make_matcher(glossary)
    digests = [annotate(a, matcher, summary_sentences=config.summary_sentences,
                        summary_words=config.summary_words) for a in articles]
    notes, note_problems = load_notes(config)
    problems += note_problems
    by_slug = {d.slug: d for d in digests}
    attached: dict[str, list[Note]] = {}
    for note in notes:
        for slug in note.digests:
            if slug in by_slug:
                attached.setdefault(slug, []).append(note)
            else:
                problems.append(Problem(note.path, f"the note is attached to an unknown digest {slug!r}",
                                        f"use one of the digest slugs, e.g. {', '.join(sorted(by_slug)[:3]) or 'none yet'}"))
    digests = [replace(d, notes=tuple(sorted(attached.get(d.slug, []), key=lambda n: (n.date or "", n.path))))
               for d in digests]
    pages = render_site(config, digests, notes, glossary, matcher)
    inputs = tuple(sorted({str(p.relative_to(config.content_dir)) for p in
                           discover(config.articles_dir) + discover(config.notes_dir)}
                          | ({"glossary.yml"} if config.glossary_file.exists() else set())))
    return BuildResult(pages, tuple(digests), tuple(notes), glossary, tuple(problems), inputs)
