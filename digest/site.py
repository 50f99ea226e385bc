"""The reading site around the digest pages: home, issues, archive, tags, sources, entities,
glossary, notes and feeds.

Pure functions over digests and notes; `render_site` returns {path: text}. Every link a
generated page holds points at another generated page, so `mkdocs build --strict` has
nothing to warn about. Site-wide pages speak the site's language (`site_language`);
digest pages speak their article's.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from .cache import PageMemo, code_version, make_key
from .parallel import map_inherited
from .config import DigestConfig
from .entities.pages import digest_links, entity_pages, entity_words, mentions
from .entities.registry import build_registry
from .feeds import _feed_entries, _sort_key, _summary_text, render_feed, render_json_feed, story_feeds, topic_feeds
from .glossary import Matcher, link_markdown
from .labels import fill, format_day, format_month, labels_for, site_labels
from .model import Digest, GlossaryTerm, Note
from .render import (ENTITY_KINDS, RTL_LANGUAGES, STORY_MARKER, make_environment, render_digest, render_note,
                     source_path, tag_slug)
from .site_charts import month_chart, mentions_trend
from .stories import Stories, find_stories, item_of
from .text import strip_accents


# Below this many pages to render, forking workers costs more than it saves.
PARALLEL_PAGES = 200


def render_site(config: DigestConfig, digests: list[Digest], notes: list[Note],
                glossary: tuple[GlossaryTerm, ...], matcher: Matcher,
                note_body=lambda note, base: note.body, memo: PageMemo | None = None,
                made: dict[int, tuple[Digest, str, dict]] | None = None, editor: tuple = (),
                story_choices: dict[str, str] | None = None, report: dict | None = None) -> dict[str, str]:
    """Every generated page: digests and notes, then the pages that lead readers to them.

    With a *memo*, a page whose inputs are those of an earlier build is reused, not
    rendered: its key holds everything the page is made from apart from what the memo's
    base covers (settings, templates, glossary, code version). *made* holds digest pages
    rendered already, with the fact-box links they were rendered with, by id of the digest they
    were made from (used only for that very object, and only if the archive links it the same).
    *editor* is the editor's entities.yml (`entities.editor`). *story_choices* are the editors'
    `story:` values by digest slug; *report*, when given, receives the threads (`"stories"`).
    """
    env = make_environment(config.templates_dir, bytecode_dir(config))
    lang = config.site_language
    labels = site_labels(lang)
    pages: dict[str, str] = {}
    pending: list[tuple[str, str | None, object]] = []  # (path, key, make) of the pages to render

    def rendered(path: str, parts: tuple, make) -> None:
        """The page from the memo, or *make* listed to run once every page's key is known."""
        key, text = memo.lookup(parts) if memo is not None else (None, None)
        pages[path] = text  # the place of the page in the output; filled below when None
        if text is None:
            pending.append((path, key, make))

    newest = sorted(digests, key=_sort_key, reverse=True)
    # One canonical entity per real-world one, over the whole archive: the fact boxes link to it.
    registry = build_registry([mentions(d) for d in newest], editor, lang)
    links_of = {d.slug: digest_links(registry, d) for d in newest}
    # Threads of the same developing story, and related coverage (`stories`): each page shows its own.
    choices = story_choices or {}
    threads = find_stories([item_of(d, links_of[d.slug], choices.get(d.slug)) for d in newest])
    if report is not None:
        report["stories"] = threads
    by_slug = {d.slug: d for d in newest}
    for d in newest:
        path = f"digests/{d.slug}.md"
        # Attached notes are part of the page, with their [[links]] resolved against every title.
        notes_text = tuple(note_body(n, "") for n in d.notes)
        links = links_of[d.slug]
        # The thread is part of the page (and of its key): a follow-up renders the earlier pages again.
        block = story_block(env, d, threads, by_slug)
        early = made.get(id(d)) if made else None
        if early is not None and early[0] is d and early[2] == links:
            key = memo.lookup(("digest", path, d, notes_text, links, block))[0] if memo is not None else None
            pages[path] = with_story(early[1], block)
            if memo is not None:
                memo.store(key, pages[path])
            continue
        rendered(path, ("digest", path, d, notes_text, links, block), lambda d=d, links=links, block=block: with_story(
            render_digest(env, d, matcher, config.facts_max, config.glossary_first_only, note_body, links), block))
    standalone = sorted((n for n in notes if not n.digests), key=lambda n: (n.date or "", n.slug), reverse=True)
    for note in standalone:
        path = f"notes/{note.slug}.md"
        body = note_body(note, "../digests/")
        rendered(path, ("note", path, note, body, lang), lambda note=note, body=body: render_note(
            env, note, matcher, config.glossary_first_only, body, lang))
    note_items = [{"title": n.title, "author": n.author, "path": f"notes/{n.slug}.md",
                   "date_label": format_day(n.date, lang) if n.date else None} for n in standalone]
    cards = [card(d, lang) for d in newest]
    if memo is not None:  # a card is made from its digest and the language alone
        for d, c in zip(newest, cards):
            memo.fingerprints.assign(c, make_key(memo.fingerprints.digest_of(d), lang))

    def page(path: str, template: str, **context) -> None:
        rendered(path, ("page", path, template, lang, context), lambda: env.get_template(template).render(
            labels=labels, lang=lang, base=_base(path), **context))

    issues = group_issues(cards, config.issue_period, lang)
    marks = thread_marks(threads)
    for i, issue in enumerate(issues):
        page(issue["path"], "issue.md.j2", issue=issue, threads={c["path"]: marks[c["path"]] for c in issue["cards"]
                                                                  if c["path"] in marks},
             newer=issues[i - 1] if i > 0 else None, older=issues[i + 1] if i + 1 < len(issues) else None)
    by_card = {c["article"].slug: c for c in cards}
    feeds = {}
    for story in threads.stories:
        members = [by_card[s] for s in story.members if s in by_card]
        dates = [c["article"].date for c in members if c["article"].date]
        if config.site_url:
            feeds[story.slug] = story_feeds(story.slug)
        page(f"stories/{story.slug}.md", "story.md.j2", story=story, cards=members,
             count_label=fill(labels["story_count"], lang, n=len(members)),
             first_label=format_day(dates[0], lang) if dates else None,
             last_label=format_day(dates[-1], lang) if dates else None, feeds=feeds.get(story.slug))
    listed = sorted(threads.stories, key=lambda s: (max((by_card[m]["article"].date or "" for m in s.members),
                                                        default=""), s.slug), reverse=True)
    page("stories/index.md", "stories.md.j2", stories=[
        {"title": s.title, "path": f"stories/{s.slug}.md", "count_label": fill(labels["story_count"], lang, n=len(s.members)),
         "last_label": (lambda d: format_day(d, lang) if d else None)(max((by_card[m]["article"].date or "" for m in s.members),
                                                                           default=""))}
        for s in listed])
    page("issues/index.md", "issues.md.j2", months=_by_month(issues, lang))
    page("index.md", "home.md.j2", site_title=config.site_title, issues=home_issues(issues, config.home_issues,
         config.home_latest), latest=cards[: config.home_latest], more=len(cards) > config.home_latest,
         total=len(cards), notes=note_items[:5], feeds=bool(config.site_url))

    for path, context in archive_pages(cards, config.archive_page_size, lang).items():
        page(path, context.pop("template"), **context)

    tags = _tags(cards, standalone, lang)
    for tag in tags:
        page(f"tags/{tag['slug']}.md", "tag.md.j2", tag=tag)
    page("tags.md", "tags.md.j2", tags=tags)

    sources = named_pages(cards, lambda c: [c["article"].source] if c["article"].source else [], source_path)
    for source in sources:
        page(source["path"], "source.md.j2", source=source)
    page("sources/index.md", "sources.md.j2", sources=sources)

    entities = entity_pages(registry, {c["article"].slug: c for c in cards})
    words = entity_words(lang)
    for entity in entities:
        page(entity["path"], "entity.md.j2", entity=entity, kind=entity["kind"], singular=ENTITY_KINDS[entity["kind"]],
             words=words, trend=mentions_trend(entity["cards"], lang))
    groups = [{"kind": kind, "entities": [e for e in entities if e["kind"] == kind]} for kind in ENTITY_KINDS]
    page("entities/index.md", "entities.md.j2", groups=groups)

    page("glossary.md", "glossary.md.j2", letters=_letters(glossary),
         backlinks=_backlinks(newest, standalone, matcher, lang), names={t.id: t.term for t in glossary})
    page("notes/index.md", "notes.md.j2", notes=note_items)
    # Listing pages are most of a first build's rendering: on every core (workers forked from here,
    # so they have the contexts already; only the page texts travel back).
    texts, _used = map_inherited(lambda i: pending[i][2](), len(pending),
                                 config.workers if len(pending) >= PARALLEL_PAGES else 1)
    for (path, key, _make), text in zip(pending, texts):
        pages[path] = text
        if memo is not None:
            memo.store(key, text)
    if config.site_url:  # feeds need absolute links
        entries = _feed_entries(newest, standalone, directory_urls=config.directory_urls)
        pages["feed.xml"] = render_feed(config, entries)
        pages["feed.json"] = render_json_feed(config, entries)
        for story in threads.stories:
            entries = _feed_entries([by_slug[s] for s in reversed(story.members)], [], directory_urls=config.directory_urls)
            title = f"{config.site_title} — {story.title}"
            pages[feeds[story.slug]["rss"]] = render_feed(config, entries, title)
            pages[feeds[story.slug]["json"]] = render_json_feed(config, entries, title, feeds[story.slug]["json"])
        for _page, paths, name, items in topic_feeds(newest):  # a feed per tag and per source
            entries = _feed_entries(items, [], directory_urls=config.directory_urls)
            title = f"{config.site_title} — {name}"
            pages[paths["rss"]] = render_feed(config, entries, title)
            pages[paths["json"]] = render_json_feed(config, entries, title, paths["json"])
    return pages


# --------------------------------------------------------------------------- stories

def with_story(page: str, block: str) -> str:
    """A digest page with its story block where the template put `STORY_MARKER` (at the end if it
    put none: a user's template older than threads)."""
    marker = STORY_MARKER + "\n"
    if marker in page:
        return page.replace(marker, block, 1)
    return page + ("\n" + block if block else "")


STORY_SHOWN = 9  # a digest page lists at most this many digests of its thread (the thread page has all)


def story_block(env, digest: Digest, threads: Stories, by_slug: dict[str, Digest]) -> str:
    """The #story and #related blocks of one digest page, in its article's language ("" for none)."""
    story = threads.story_of(digest.slug)
    related = threads.related.get(digest.slug, ())
    if story is None and not related:
        return ""
    lang = digest.article.language

    def item(slug: str) -> dict:
        article = by_slug[slug].article
        return {"slug": slug, "title": article.title, "source": article.source or labels_for(lang)["unknown_source"],
                "language": article.language, "current": slug == digest.slug, "gap": False,
                "date_label": format_day(article.date, lang) if article.date else None}

    members = []
    if story:
        shown = story.members
        if len(shown) > STORY_SHOWN:  # a long thread: the first, the last and those around this one
            at = shown.index(digest.slug)
            low = max(1, min(at - STORY_SHOWN // 2 + 1, len(shown) - STORY_SHOWN + 1))
            keep = {0, len(shown) - 1, *range(low, low + STORY_SHOWN - 2)}
            shown = [s if n in keep else None for n, s in enumerate(shown)]
            shown = [s for n, s in enumerate(shown) if s is not None or shown[n - 1] is not None]
        members = [item(s) if s else {"gap": True} for s in shown]
    return env.get_template("_story.md.j2").render(
        story=story, members=members,
        related=[item(s) for s in related if s in by_slug], labels=labels_for(lang))


def thread_marks(threads: Stories) -> dict[str, dict]:
    """Card path -> how an issue marks the digest: the first of its thread (a new story) or a follow-up."""
    out = {}
    for story in threads.stories:
        for n, slug in enumerate(story.members):
            out[f"digests/{slug}.md"] = {"new": n == 0, "title": story.title, "path": f"stories/{story.slug}.md"}
    return out


def bytecode_dir(config: DigestConfig) -> Path | None:
    """Where compiled templates are kept: a folder per code version, which covers Jinja's version
    and the environment's options (Jinja itself checks only each template's source)."""
    if not config.cache_dir:
        return None
    folder = Path(config.cache_dir) / "templates" / code_version()[:16]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # an unusable cache folder only costs the compile time
    return folder


def _base(path: str) -> str:
    """From a generated page back to the site root, for its site-relative links."""
    return "../" * path.count("/")


class Card(dict):
    """What listings show of a digest. Never changed once made: page keys hash each card once."""


def card(digest: Digest, lang: str) -> Card:
    """What listings show of a digest; its date in the site's language."""
    article = digest.article
    return Card({"article": article, "path": f"digests/{digest.slug}.md", "summary_text": _summary_text(digest),
            "entities": digest.entities,
            "direction": "rtl" if article.language in RTL_LANGUAGES else "ltr",
            "date_label": format_day(article.date, lang) if article.date else None,
            "source_path": source_path(article.source) if article.source else None})


# --------------------------------------------------------------------------- issues

def issue_key(date: str, period: str) -> str:
    """The issue a day belongs to: '2025-07-02' (day), '2025-W27' (ISO week) or '2025-07' (month)."""
    if period == "month":
        return date[:7]
    if period == "week":
        year, week, _ = dt.date.fromisoformat(date).isocalendar()
        return f"{year}-W{week:02d}"
    return date


def issue_start(key: str) -> dt.date:
    """First day of an issue: the day, the Monday of the ISO week, or the 1st of the month."""
    if "-W" in key:
        year, week = key.split("-W")
        return dt.date.fromisocalendar(int(year), int(week), 1)
    if len(key) == 7:
        return dt.date(int(key[:4]), int(key[5:]), 1)
    return dt.date.fromisoformat(key)


def issue_title(key: str, period: str, lang: str) -> str:
    labels = site_labels(lang)
    start = issue_start(key)
    if period == "month":
        return fill(labels["issue_month"], lang, month=format_month(start.year, start.month, lang))
    return fill(labels["issue_day" if period == "day" else "issue_week"], lang,
                date=format_day(start.isoformat(), lang))


def group_issues(cards: list[dict], period: str, lang: str) -> list[dict]:
    """Dated digests grouped into issues, newest issue first; undated ones belong to none."""
    grouped: dict[str, list[dict]] = {}
    for item in cards:
        if item["article"].date:
            grouped.setdefault(issue_key(item["article"].date, period), []).append(item)
    return [{"key": key, "path": f"issues/{key}.md", "title": issue_title(key, period, lang),
             "start": issue_start(key), "cards": grouped[key]} for key in sorted(grouped, reverse=True)]


def home_issues(issues: list[dict], count: int, budget: int) -> list[dict]:
    """The newest `count` issues, showing at most `budget` digests in all; the rest is a link away."""
    shown = []
    for issue in issues[:count]:
        take = issue["cards"][:max(budget, 0)]
        budget -= len(take)
        shown.append({**issue, "shown": take, "hidden": len(issue["cards"]) - len(take)})
    return shown


def _by_month(issues: list[dict], lang: str) -> list[dict]:
    months: dict[tuple[int, int], list[dict]] = {}
    for issue in issues:
        months.setdefault((issue["start"].year, issue["start"].month), []).append(issue)
    return [{"label": _capital(format_month(y, m, lang)), "issues": months[(y, m)]}
            for y, m in sorted(months, reverse=True)]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


# --------------------------------------------------------------------------- archive

def paginate(items: list, size: int) -> list[list]:
    """Pages of `size` items; an empty list still has its one (empty) page."""
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def page_path(first: str, number: int) -> str:
    """archive/2025/07.md, then archive/2025/07/page/2.md, 3…"""
    return first if number == 1 else f"{first[:-3]}/page/{number}.md"


def archive_pages(cards: list[dict], page_size: int, lang: str) -> dict[str, dict]:
    """Archive index, one page per year, paginated month lists and the undated list."""
    labels = site_labels(lang)
    years: dict[str, dict[str, list[dict]]] = {}
    undated = []
    for item in cards:  # newest first already
        date = item["article"].date
        if date:
            years.setdefault(date[:4], {}).setdefault(date[5:7], []).append(item)
        else:
            undated.append(item)
    out: dict[str, dict] = {}
    index = []
    for year in sorted(years, reverse=True):
        months = [{"label": _capital(format_month(int(year), int(m), lang)), "path": f"archive/{year}/{m}.md",
                   "count": len(years[year][m])} for m in sorted(years[year], reverse=True)]
        entry = {"year": year, "path": f"archive/{year}.md", "months": months,
                 "count": sum(m["count"] for m in months)}
        index.append(entry)
        out[entry["path"]] = {"template": "archive_year.md.j2", "year": entry}
        for month in months:
            listed = years[year][month["path"][-5:-3]]
            chart = month_chart(listed, int(year), int(month["path"][-5:-3]), month["label"], lang)
            out.update(_listing(month["path"], month["label"], listed, page_size, lang, chart))
    undated_path = "archive/undated.md" if undated else None
    if undated:
        out.update(_listing(undated_path, labels["undated"], undated, page_size, lang))
    out["archive/index.md"] = {"template": "archive.md.j2", "years": index,
                               "undated": {"path": undated_path, "count": len(undated)} if undated else None}
    return out


def _listing(first: str, title: str, items: list[dict], page_size: int, lang: str, chart: str = "") -> dict[str, dict]:
    """A list of digests cut into pages, each linking to the previous and the next."""
    chunks = paginate(items, page_size)
    out = {}
    for n, chunk in enumerate(chunks, 1):
        out[page_path(first, n)] = {
            "template": "archive_month.md.j2", "items": chunk, "number": n, "pages": len(chunks),
            "chart": chart if n == 1 else "",
            "title": title if n == 1 else f"{title} ({fill(site_labels(lang)['page'], lang, n=n)})",
            "previous": page_path(first, n - 1) if n > 1 else None,
            "next": page_path(first, n + 1) if n < len(chunks) else None}
    return out


# --------------------------------------------------------------------------- named pages

def named_pages(cards: list[dict], names_of, path_of) -> list[dict]:
    """One page per path (sources, entities): names sharing a slug share the page.

    The page is named after its most frequent spelling (ties: the first in sorted order),
    and lists each digest once, newest first.
    """
    pages: dict[str, dict] = {}
    paths: dict[str, str] = {}  # a name recurs in many digests; its slug is computed once
    for item in cards:
        for name in names_of(item):
            path = paths.get(name) or paths.setdefault(name, path_of(name))
            entry = pages.setdefault(path, {"names": Counter(), "cards": []})
            entry["names"][name] += 1
            if not entry["cards"] or entry["cards"][-1] is not item:
                entry["cards"].append(item)
    out = []
    for path, entry in pages.items():
        name = min(entry["names"], key=lambda n: (-entry["names"][n], n))
        out.append({"name": name, "path": path, "cards": entry["cards"]})
    return sorted(out, key=lambda e: (strip_accents(e["name"]).casefold(), e["path"]))


def _tags(cards: list[dict], notes: list[Note], lang: str) -> list[dict]:
    """One page per tag slug; spellings that share a slug ("énergie", "energie") share the page."""
    tags: dict[str, dict] = {}
    listed: dict[str, set[str]] = {}  # paths already on each tag's page (a set: big tags list thousands)
    items = [(c["article"].tags, c["article"].title, c["path"], c["date_label"]) for c in cards]
    items += [(n.tags, n.title, f"notes/{n.slug}.md", format_day(n.date, lang) if n.date else None) for n in notes]
    for names, title, path, date_label in items:
        for name in names:
            slug = tag_slug(name)
            entry = tags.setdefault(slug, {"name": name, "slug": slug, "entries": []})
            if path not in listed.setdefault(slug, set()):
                listed[slug].add(path)
                entry["entries"].append({"title": title, "path": path, "date_label": date_label})
    return [tags[k] for k in sorted(tags)]


# --------------------------------------------------------------------------- glossary

def _backlinks(digests: list[Digest], notes: list[Note], matcher: Matcher, lang: str) -> dict[str, list[dict]]:
    """Term id -> pages using it (digests with their attached notes, standalone notes), newest first."""
    found: dict[str, list[dict]] = {}
    items = [(d.article.date or "", d.article.title, f"digests/{d.slug}.md",
              list(d.terms) + [t for n in d.notes for t in note_terms(n, matcher)]) for d in digests]
    items += [(n.date or "", n.title, f"notes/{n.slug}.md", note_terms(n, matcher)) for n in notes]
    for date, title, path, terms in sorted(items, key=lambda i: (i[0], i[2]), reverse=True):
        for term_id in dict.fromkeys(terms):
            found.setdefault(term_id, []).append({"title": title, "path": path, "date": date,
                                                  "date_label": format_day(date, lang) if date else None})
    return found


def note_terms(note: Note, matcher: Matcher) -> list[str]:
    seen: list[str] = []

    def collect(text: str) -> str:
        seen.extend(t for _s, _e, t in matcher.find(text))
        return text

    link_markdown(note.body, collect)
    return list(dict.fromkeys(seen))


def _letters(glossary: tuple[GlossaryTerm, ...]) -> list[dict]:
    groups: dict[str, list[GlossaryTerm]] = {}
    for term in glossary:
        first = strip_accents(term.term[:1]).upper() or "#"
        groups.setdefault(first if first.isalpha() else "#", []).append(term)
    # ASCII letters keep readable anchors; any other letter gets its code point, so that
    # Arabic "ب" and Latin "B" never share an id.
    return [{"letter": k, "anchor": "letter-" + (k.lower() if k.isascii() and k.isalpha() else f"u{ord(k):x}"),
             "terms": groups[k]} for k in sorted(groups)]
