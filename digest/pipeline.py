"""The whole pipeline, top to bottom: ingest -> annotate -> attach notes -> render.

Pure Python over the types in `model`; no MkDocs import. `build()` returns the
generated Markdown pages as {path: text}; callers decide where they go.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path


from .config import DigestConfig
from .facts import extract_entities, extract_facts, extract_quotes, rank_facts
from .glossary import Matcher, load_glossary, make_matcher
from .dedup import also_reported_by, merge_duplicates
from .ingest import assign_unique_slugs, count_skipped, ingest_summary, read_file, unique_slugs
from .model import Article, Digest, GlossaryTerm, Note, Problem, Sentence
from .notes import load_note, resolve_wiki_links
from .overrides import Override, apply_to_article, apply_to_digest, load_overrides
from .overrides import validate as validate_override
from .site import render_site
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
    summary: str = ""  # "N articles ingested, M merged as duplicates, K inputs skipped"


def _display(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


STANDFIRST_BLOCK = -1


def sentences_of(article: Article) -> tuple[Sentence, ...]:
    """Sentences of the standfirst (block -1) and of the body paragraphs, numbered s1, s2…"""
    out = []
    if article.standfirst:
        for text in split_sentences(article.standfirst):
            out.append(Sentence(f"s{len(out) + 1}", STANDFIRST_BLOCK, text))
    for i, block in enumerate(article.blocks):
        if block.kind != "paragraph":
            continue
        for text in split_sentences(block.text):
            out.append(Sentence(f"s{len(out) + 1}", i, text))
    return tuple(out)


def annotate(article: Article, matcher: Matcher | None = None, *, summary_sentences: int = 3,
             summary_words: int | None = None, entities: str = "rules") -> Digest:
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
    found = extract_entities(list(sentences), article.language, entities)
    quotes = tuple(extract_quotes(list(sentences), found.people))
    terms: list[str] = []
    if matcher is not None:
        for text in (*summary, *(b.text for b in article.blocks)):
            for _s, _e, term_id in matcher.find(text):
                if term_id not in terms:
                    terms.append(term_id)
    return Digest(article, sentences, summary, tuple(facts), found, quotes, tuple(terms))


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
    return _unique_note_slugs(notes, problems)


def _unique_note_slugs(notes: list[Note], problems: list[Problem]) -> tuple[list[Note], list[Problem]]:
    """Two notes never share a page; "index" is the notes listing's own page."""
    standalone = [n for n in notes if not n.digests]  # attached notes have no page of their own
    renamed, issues = unique_slugs(standalone, {"index": "the notes index"},
                                   "the page name {slug!r} is already used by {owner}",
                                   "published as notes/{new}/; rename the file or set 'slug:'")
    by_path = {n.path: n for n in renamed}
    return [by_path.get(n.path, n) for n in notes], problems + issues


def notes_in_nav(nav: list, notes: list[Note], limit: int) -> list:
    """Turn the nav entry for `notes/index.md` into a section with the newest standalone notes.

    Only a few notes go in the sidebar (digests never do): the index lists them all.
    """
    standalone = sorted((n for n in notes if not n.digests), key=lambda n: (n.date or "", n.slug),
                        reverse=True)[:limit]
    if not standalone:
        return nav
    out = []
    for item in nav:
        if isinstance(item, dict) and len(item) == 1 and list(item.values())[0] == "notes/index.md":
            title = list(item)[0]
            out.append({title: ["notes/index.md"] + [{n.title: f"notes/{n.slug}.md"} for n in standalone]})
        else:
            out.append(item)
    return out


def build(config: DigestConfig) -> BuildResult:
    """Run every stage over the content folder and return pages and problems."""
    root = config.content_dir.parent
    articles, problems = ingest_all(config)
    ingested = len(articles)
    articles, merged, dedup_problems = merge_duplicates(articles)
    problems += dedup_problems
    summary = ingest_summary(ingested, ingested - len(articles), count_skipped(problems))
    overrides, override_problems = load_overrides(config.content_dir / "overrides", root)
    problems += override_problems
    known = {a.slug for a in articles}
    for article in articles:
        if article.corrections:  # front-matter corrections; a file in overrides/ wins over them
            values, issues = validate_override(dict(article.corrections), article.path)
            problems += issues
            file_values = overrides[article.slug].values if article.slug in overrides else {}
            path = overrides[article.slug].path if article.slug in overrides else article.path
            overrides[article.slug] = Override(path, article.slug, {**values, **file_values})
    for slug, override in sorted(overrides.items()):
        if slug not in known:
            problems.append(Problem(override.path, f"there is no digest with the slug {slug!r}",
                                    "rename the file to an existing slug (see `digest inspect`)"))
    articles = [apply_to_article(a, overrides[a.slug].values) if a.slug in overrides else a for a in articles]
    glossary, glossary_problems = load_glossary(config.glossary_file, _display(config.glossary_file, config.content_dir),
                                                config.content_dir / "glossary", root)
    problems += glossary_problems
    matcher = make_matcher(glossary)
    digests = []
    for article in articles:
        digest = annotate(article, matcher, summary_sentences=config.summary_sentences,
                          summary_words=config.summary_words, entities=config.entities)
        values = overrides[article.slug].values if article.slug in overrides else {}
        if values:
            missing = set(values.get("hide_facts", ())) - {f.text for f in digest.facts}
            for text in sorted(missing):
                problems.append(Problem(overrides[article.slug].path, f"hide_facts names no fact {text!r}",
                                        "copy the fact text exactly as the fact box shows it", "warning"))
            digest = apply_to_digest(digest, values)
        if values.get("unpublish"):
            problems.append(Problem(overrides[article.slug].path, f"{article.slug!r} is unpublished", "", "info"))
            continue
        if article.slug in merged:
            digest = replace(digest, duplicates=also_reported_by(merged[article.slug]))
        digests.append(digest)
    notes, note_problems = load_notes(config)
    problems += note_problems
    by_slug = {d.slug: d for d in digests}
    titles = {slug: d.article.title for slug, d in by_slug.items()}
    attached: dict[str, list[Note]] = {}
    for note in notes:
        for slug in note.digests:
            if slug in by_slug:
                attached.setdefault(slug, []).append(note)
            else:
                problems.append(Problem(note.path, f"the note is attached to an unknown digest {slug!r}",
                                        f"use one of the digest slugs, e.g. {', '.join(sorted(by_slug)[:3]) or 'none yet'}"))
        _body, unknown = resolve_wiki_links(note.body, titles, "")
        for slug in dict.fromkeys(unknown):
            problems.append(Problem(note.path, f"[[{slug}]] links to an unknown digest",
                                    "use an existing digest slug", "warning"))
    digests = [replace(d, notes=tuple(sorted(attached.get(d.slug, []), key=lambda n: (n.date or "", n.path))))
               for d in digests]

    def note_body(note: Note, base: str) -> str:
        return resolve_wiki_links(note.body, titles, base)[0]

    pages = render_site(config, digests, notes, glossary, matcher, note_body)
    inputs = tuple(sorted({str(p.relative_to(config.content_dir)) for p in
                           discover(config.articles_dir) + discover(config.notes_dir)
                           + discover(config.content_dir / "overrides") + discover(config.content_dir / "glossary")}
                          | ({"glossary.yml"} if config.glossary_file.exists() else set())))
    return BuildResult(pages, tuple(digests), tuple(notes), glossary, tuple(problems), inputs, summary)
