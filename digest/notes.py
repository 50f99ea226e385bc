"""Editor notes: Markdown files in content/notes/, attached to digests or standalone."""
from __future__ import annotations

import re
from pathlib import Path

from slugify import slugify

from .dates import parse_date
from .ingest.decode import InputError, decode_reported, read_bytes
from .ingest.markdown import split_front_matter
from .model import Note, Problem
from .render import escape
from .text import as_list, safe_markdown


def load_note(path: Path, display: str, max_bytes: int) -> tuple[Note | None, list[Problem]]:
    try:
        text, damage = decode_reported(read_bytes(path, max_bytes))
        meta, body = split_front_matter(text)
    except InputError as exc:
        return None, [Problem(display, exc.message, exc.hint)]
    except OSError as exc:
        return None, [Problem(display, f"the note cannot be read ({exc.strerror})", "check its permissions")]
    problems = [damage.problem(display)] if damage is not None else []
    digests = as_list(meta.get("digest", meta.get("digests")))
    date = None
    if meta.get("date"):
        date = parse_date(str(meta["date"]))
        if date is None:
            problems.append(Problem(display, f"the date {meta['date']!r} is not a valid day",
                                    "write it as YYYY-MM-DD", "warning"))
    tags = as_list(meta.get("tags"))
    title = str(meta.get("title") or "").strip()
    if not title:
        if digests:
            title = "Editor's note"
        else:
            return None, [*problems, Problem(display, "a standalone note needs a title",
                                             "add 'title: …' to its front matter")]
    note = Note(
        path=display,
        slug=slugify(str(meta.get("slug") or path.stem), max_length=80, word_boundary=True) or "note",
        title=title,
        author=str(meta["author"]).strip() if meta.get("author") else None,
        date=date,
        digests=tuple(str(d).strip() for d in digests),
        tags=tuple(sorted({str(t).strip().lower() for t in tags if str(t).strip()})),
        body=safe_markdown(body.strip()) + "\n",
    )
    return note, problems


_WIKI = re.compile(r"\[\[([^\]|#]+)(?:\|([^\]]+))?\]\]")


def resolve_wiki_links(markdown: str, titles: dict[str, str], base: str) -> tuple[str, list[str]]:
    """`[[slug]]` and `[[slug|text]]` become Markdown links to digests.

    *base* is the path from the page to the `digests/` folder ("../digests/"
    from a note page, "" from a digest page). Unknown slugs are returned, not linked.
    """
    unknown: list[str] = []

    def link(m: re.Match) -> str:
        slug = m.group(1).strip()
        if slug not in titles:
            unknown.append(slug)
            return m.group(0)
        # The editor's own link text is trusted Markdown; an article title is not.
        text = m.group(2).strip() if m.group(2) else escape(titles[slug])
        return f"[{text}]({base}{slug}.md)"

    in_fence = False
    lines = []
    for line in markdown.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        lines.append(line if in_fence else _WIKI.sub(link, line))
    return "\n".join(lines), unknown


NOTE_TEMPLATE = """---
title: {title}
author: {author}
date: {date}
digest: {slug}
---

Write the note here, in Markdown. To link another digest, put its slug between double square brackets.
"""
