"""The whole pipeline, top to bottom: ingest -> annotate -> attach notes -> render.

Pure Python over the types in `model`; no MkDocs import. `build()` returns the
generated Markdown pages as {path: text}; callers decide where they go.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from email.utils import format_datetime
from xml.sax.saxutils import escape as xml_escape
from pathlib import Path


from .config import DigestConfig
from .facts import extract_entities, extract_facts, extract_quotes, rank_facts
from .glossary import Matcher, link_markdown, load_glossary, make_matcher
from .dedup import also_reported_by, merge_duplicates
from .ingest import assign_unique_slugs, count_skipped, ingest_summary, read_file, unique_slugs
from .model import Article, Digest, GlossaryTerm, Note, Problem, Sentence
from .notes import load_note, resolve_wiki_links
from .overrides import Override, apply_to_article, apply_to_digest, load_overrides
from .overrides import validate as validate_override
from .render import RTL_LANGUAGES, make_environment, render_digest, render_note, tag_slug
from .summarize import summarize
from .text import split_sentences, strip_accents


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


def _summary_text(digest: Digest) -> str:
    return " ".join(digest.summary)


def _sort_key(digest: Digest):
    return (digest.article.date or "0000-00-00", digest.slug)


def render_site(config: DigestConfig, digests: list[Digest], notes: list[Note],
                glossary: tuple[GlossaryTerm, ...], matcher: Matcher,
                note_body=lambda note, base: note.body) -> dict[str, str]:
    env = make_environment(config.templates_dir)
    pages: dict[str, str] = {}
    newest = sorted(digests, key=_sort_key, reverse=True)
    for d in newest:
        pages[f"digests/{d.slug}.md"] = render_digest(env, d, matcher, config.facts_max,
                                                       config.glossary_first_only, note_body)
    cards = [{"article": d.article, "summary_text": _summary_text(d),
              "direction": "rtl" if d.article.language in RTL_LANGUAGES else "ltr"} for d in newest]
    standalone = sorted((n for n in notes if not n.digests), key=lambda n: (n.date or "", n.slug), reverse=True)
    pages["index.md"] = env.get_template("home.md.j2").render(
        latest=cards[: config.home_latest], more=len(cards) > config.home_latest,
        total=len(cards), site_title=config.site_title, notes=standalone[:5])
    pages["archive.md"] = env.get_template("archive.md.j2").render(weeks=_weeks(cards))
    for note in standalone:
        pages[f"notes/{note.slug}.md"] = render_note(env, note, matcher, config.glossary_first_only,
                                                     note_body(note, "../digests/"))
    pages["notes/index.md"] = env.get_template("notes.md.j2").render(notes=standalone)
    tags = _tags(newest, standalone)
    for tag in tags:
        pages[f"tags/{tag['slug']}.md"] = env.get_template("tag.md.j2").render(tag=tag)
    pages["tags.md"] = env.get_template("tags.md.j2").render(tags=tags)
    pages["glossary.md"] = env.get_template("glossary.md.j2").render(
        letters=_letters(glossary), backlinks=_backlinks(newest, standalone, matcher),
        names={t.id: t.term for t in glossary})
    if config.site_url:  # RSS needs absolute links
        pages["feed.xml"] = render_feed(config, newest, standalone)
    return pages


def _backlinks(digests: list[Digest], notes: list[Note], matcher: Matcher) -> dict[str, list[dict]]:
    """Term id -> pages using it (digests with their attached notes, standalone notes), newest first."""
    found: dict[str, list[dict]] = {}
    items = [(d.article.date or "", d.article.title, f"digests/{d.slug}.md",
              list(d.terms) + [t for n in d.notes for t in note_terms(n, matcher)]) for d in digests]
    items += [(n.date or "", n.title, f"notes/{n.slug}.md", note_terms(n, matcher)) for n in notes]
    for date, title, path, terms in sorted(items, key=lambda i: (i[0], i[2]), reverse=True):
        for term_id in dict.fromkeys(terms):
            found.setdefault(term_id, []).append({"title": title, "path": path, "date": date})
    return found


def note_terms(note: Note, matcher: Matcher) -> list[str]:
    seen: list[str] = []

    def collect(text: str) -> str:
        seen.extend(t for _s, _e, t in matcher.find(text))
        return text

    link_markdown(note.body, collect)
    return list(dict.fromkeys(seen))


def _plain_excerpt(markdown: str, limit: int = 300) -> str:
    text = re.sub(r"\[\[([^\]|]+)(?:\|([^\]]+))?\]\]", lambda m: m.group(2) or m.group(1), markdown)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = " ".join(re.sub(r"[*_`#>|]+", "", text).split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def _letters(glossary: tuple[GlossaryTerm, ...]) -> list[dict]:
    groups: dict[str, list[GlossaryTerm]] = {}
    for term in glossary:
        first = strip_accents(term.term[:1]).upper() or "#"
        groups.setdefault(first if first.isalpha() else "#", []).append(term)
    # ASCII letters keep readable anchors; any other letter gets its code point, so that
    # Arabic "ب" and Latin "B" never share an id.
    return [{"letter": k, "anchor": "letter-" + (k.lower() if k.isascii() and k.isalpha() else f"u{ord(k):x}"),
             "terms": groups[k]} for k in sorted(groups)]


def render_feed(config: DigestConfig, digests: list[Digest], notes: list[Note], limit: int = 50) -> str:
    """RSS 2.0 of the newest digests and standalone notes (no build timestamp: output is reproducible)."""
    base = str(config.site_url).rstrip("/") + "/"
    entries = [(d.article.date or "", d.article.title, f"digests/{d.slug}/", _summary_text(d)) for d in digests]
    entries += [(n.date or "", n.title, f"notes/{n.slug}/", _plain_excerpt(n.body)) for n in notes]
    entries.sort(key=lambda e: (e[0], e[2]), reverse=True)
    items = []
    for date, title, path, text in entries[:limit]:
        pub = ""
        if len(date) == 10:
            day = dt.datetime.fromisoformat(date).replace(tzinfo=dt.timezone.utc)
            pub = f"<pubDate>{format_datetime(day)}</pubDate>"
        items.append(f"<item><title>{xml_escape(title)}</title><link>{xml_escape(base + path)}</link>"
                     f"<guid isPermaLink=\"false\">{xml_escape(path)}</guid>{pub}"
                     f"<description>{xml_escape(' '.join(text.split()))}</description></item>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
            f"<title>{xml_escape(config.site_title)}</title><link>{xml_escape(base or './')}</link>"
            f"<description>{xml_escape(config.site_title)}</description>\n" + "\n".join(items) +
            "\n</channel></rss>\n")


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
    """One page per tag slug; spellings that share a slug ("énergie", "energie") share the page."""
    tags: dict[str, dict] = {}
    items = [(d.article.tags, d.article.title, f"digests/{d.slug}.md", d.article.date) for d in digests]
    items += [(n.tags, n.title, f"notes/{n.slug}.md", n.date) for n in notes]
    for names, title, path, date in items:
        for name in names:
            slug = tag_slug(name)
            entry = tags.setdefault(slug, {"name": name, "slug": slug, "entries": []})
            if all(e["path"] != path for e in entry["entries"]):
                entry["entries"].append({"title": title, "path": path, "date": date})
    return [tags[k] for k in sorted(tags)]


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
