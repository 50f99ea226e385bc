"""Editor notes: Markdown files in content/notes/, attached to digests or standalone."""
from __future__ import annotations

from pathlib import Path

from slugify import slugify

from .dates import parse_date
from .ingest.decode import InputError, decode, read_bytes
from .ingest.markdown import split_front_matter
from .model import Note, Problem


def load_note(path: Path, display: str, max_bytes: int) -> tuple[Note | None, list[Problem]]:
    try:
        meta, body = split_front_matter(decode(read_bytes(path, max_bytes)))
    except InputError as exc:
        return None, [Problem(display, exc.message, exc.hint)]
    problems = []
    digests = meta.get("digest") or meta.get("digests") or ()
    if isinstance(digests, str):
        digests = [digests]
    date = None
    if meta.get("date"):
        date = parse_date(str(meta["date"]))
        if date is None:
            problems.append(Problem(display, f"the date {meta['date']!r} is not a valid day",
                                    "write it as YYYY-MM-DD", "warning"))
    tags = meta.get("tags") or ()
    if isinstance(tags, str):
        tags = [tags]
    title = str(meta.get("title") or "").strip()
    if not title:
        if digests:
            title = "Editor's note"
        else:
            return None, [*problems, Problem(display, "a standalone note needs a title",
                                             "add 'title: …' to its front matter")]
    note = Note(
        path=display,
        slug=slugify(str(meta.get("slug") or path.stem)) or "note",
        title=title,
        author=str(meta["author"]).strip() if meta.get("author") else None,
        date=date,
        digests=tuple(str(d).strip() for d in digests),
        tags=tuple(sorted({str(t).strip().lower() for t in tags if str(t).strip()})),
        body=body.strip() + "\n",
    )
    return note, problems
