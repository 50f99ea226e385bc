"""Ingest: any supported input file becomes clean Article objects.

One reader per format (text dump, Markdown with front matter, HTML, JSON
Lines); this module only picks the reader and finishes the common metadata.
Every failure becomes a Problem naming the file; nothing here raises.
"""
from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

from slugify import slugify

from ..clean import build_blocks
from ..dates import parse_date
from ..lang import contradicts, detect_language, normalise_language
from ..model import Article, Block, Problem
from ..text import as_list, next_free, normalise, squash_spaces
from .decode import InputError, decode_reported, read_bytes
from .html import parse_html
from .markdown import parse_markdown
from .textdump import parse_dump

READERS = {
    ".txt": parse_dump,
    ".md": parse_markdown,
    ".markdown": parse_markdown,
    ".html": parse_html,
    ".htm": parse_html,
}
SUFFIXES = (*READERS, ".jsonl", ".html.gz", ".htm.gz")
RESERVED_SLUGS = frozenset({"index", "con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)),
                            *(f"lpt{n}" for n in range(10))})


def _suffix(path: Path) -> str:
    name = path.name.lower()
    for double in (".html.gz", ".htm.gz"):
        if name.endswith(double):
            return ".html"
    return path.suffix.lower()


def make_slug(title: str, fallback: str) -> str:
    return slugify(title, max_length=80, word_boundary=True) or slugify(fallback) or "article"


def _finish(fields: dict, display: str, stem: str, problems: list[Problem]) -> Article:
    """Common metadata for every reader: date, language, slug, tags, NFC text.

    `fields["language_from"]` says who declared the language: "front matter"
    (an editor: always wins) or "page" (HTML metadata: wins unless the text is,
    beyond doubt, in another language; see `lang.contradicts`).
    """
    title = _text(fields["title"])
    blocks: tuple[Block, ...] = tuple(Block(b.kind, _text(b.text)) for b in fields["blocks"])
    body = "\n\n".join(b.text for b in blocks)
    standfirst = _text(fields.get("standfirst")) or None
    date = None
    if fields.get("date_text"):
        date = parse_date(str(fields["date_text"]))
        if date is None:
            problems.append(Problem(display, f"the date {str(fields['date_text'])!r} is not a valid day",
                                    "write it as YYYY-MM-DD; the digest is shown without a date",
                                    "warning"))
    declared = normalise_language(fields.get("language"))
    if fields.get("language") and declared is None:
        problems.append(Problem(display, f"language {fields['language']!r} is not an ISO 639-1 code",
                                "use a two-letter code such as fr, en, es, ar; detected instead",
                                "warning"))
    text = "\n".join(filter(None, (title, standfirst, body)))
    language = declared
    if declared and fields.get("language_from", "front matter") == "page":
        detected = contradicts(declared, text)
        if detected:
            problems.append(Problem(display, f"the page declares language {declared!r} but its text is {detected!r}",
                                    f"using {detected!r}; the page's template probably hard-codes its lang",
                                    "info"))
            language = detected
    language = language or detect_language(text)
    if date and language == "en" and _ambiguous_numeric(str(fields.get("date_text"))):
        # "07/02/2025" is 7 February in Europe and July 2 in the US: an English page could be either.
        problems.append(Problem(display, f"the date {str(fields['date_text'])!r} reads both day-first and month-first",
                                "write it as YYYY-MM-DD; the digest is shown without a date", "warning"))
        date = None
    slug_value = fields.get("slug")
    slug = slugify(str(slug_value), max_length=80, word_boundary=True) if slug_value else make_slug(title, stem)
    if slug_value and not slug:
        problems.append(Problem(display, f"the slug {str(slug_value)!r} has no letters or digits",
                                "write 'slug:' with letters, digits and dashes; derived from the title instead",
                                "warning"))
    if (slug or make_slug(title, stem)) in RESERVED_SLUGS:
        # "index" would take the folder's own page; CON, NUL… cannot be file names on Windows.
        slug = (slug or make_slug(title, stem)) + "-article"
        if slug_value:
            problems.append(Problem(display, f"the slug {str(slug_value)!r} is a reserved name",
                                    f"published as {slug!r}; choose another 'slug:'", "warning"))
    tags = fields.get("tags")
    tags = [t.strip() for t in tags.split(",")] if isinstance(tags, str) else as_list(tags)
    summary = tuple(_text(s) for s in as_list(fields.get("summary")) if _text(s))
    url = _scalar(fields.get("url"))
    author = fields.get("author")
    if isinstance(author, (list, tuple)):
        author = ", ".join(str(a) for a in author if a)
    return Article(
        path=display,
        slug=slug or make_slug(title, stem),
        title=title,
        source=_text(_scalar(fields.get("source"))) or None,
        date=date,
        language=language,
        url=str(url).strip() if url else None,
        blocks=blocks,
        tags=tuple(sorted({str(t).strip().lower() for t in tags if str(t).strip()})),
        summary_override=summary or None,
        author=_text(author) or None if author else None,
        standfirst=standfirst,
        corrections=tuple(sorted(corrections.items())) if isinstance(corrections := fields.get("corrections"), dict)
        else (),
    )


def _ambiguous_numeric(text: str) -> bool:
    m = re.fullmatch(r"\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*\d{4}\s*", text)
    return bool(m) and int(m.group(1)) <= 12 and int(m.group(2)) <= 12 and m.group(1) != m.group(2)


def _scalar(value):
    """A metadata value that must be one piece of text (JSON Lines may hold objects or lists)."""
    return value if isinstance(value, (str, int, float)) and not isinstance(value, bool) else None


def _text(value) -> str:
    """One clean line of text: NFC, no control characters, single spaces."""
    return squash_spaces(normalise(str(value))) if value is not None else ""


def _jsonl_records(text: str, display: str, problems: list[Problem]):
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(Problem(f"{display}:{number}", f"the line is not valid JSON ({exc.msg})",
                                    "fix or remove that line"))
            continue
        if not isinstance(record, dict) or not isinstance(record.get("title"), (str, int, float)) \
                or not str(record.get("title")).strip() or not isinstance(record.get("body"), str) \
                or not record["body"].strip():
            problems.append(Problem(f"{display}:{number}", "the record needs 'title' and 'body' as text",
                                    "add both fields to that line"))
            continue
        fields = dict(record)
        fields["date_text"] = record.get("date")
        fields["language"] = record.get("language") or record.get("lang")
        fields["blocks"] = build_blocks(str(record["body"]).split("\n"))
        yield number, fields


def read_file(path: Path, display: str, max_bytes: int) -> tuple[list[Article], list[Problem]]:
    """Read one file into articles; problems name the file and what to do."""
    problems: list[Problem] = []
    suffix = _suffix(path)
    if suffix not in READERS and suffix != ".jsonl":
        return [], [Problem(display, f"unknown file type {path.suffix!r}",
                            "use .txt (scraped dump), .md (cleaned article), .html or .jsonl",
                            "warning")]
    try:
        text, damage = decode_reported(read_bytes(path, max_bytes))
        if damage is not None:
            problems.append(damage.problem(display))
        if suffix == ".jsonl":
            articles = []
            for n, fields in _jsonl_records(text, display, problems):
                try:
                    articles.append(_finish(fields, f"{display}:{n}", f"{path.stem}-{n}", problems))
                except Exception as exc:  # noqa: BLE001 - one odd record must not lose the others
                    problems.append(Problem(f"{display}:{n}", f"the record could not be read ({exc})",
                                            "fix or remove that line"))
            return articles, problems
        fields = READERS[suffix](text)
        return [_finish(fields, display, path.stem, problems)], problems
    except InputError as exc:
        return [], [*problems, Problem(display, exc.message, exc.hint)]
    except OSError as exc:
        return [], [*problems, Problem(display, f"the file cannot be read ({exc.strerror})",
                                       "check its permissions")]
    except Exception as exc:  # noqa: BLE001 - one odd file must never stop the whole site
        return [], [*problems, Problem(display, f"the file could not be read as an article ({type(exc).__name__}: {exc})",
                                       "check that it is an article in a supported format; report it if it is")]


def unique_slugs(items: list, seen: dict[str, str], message: str, hint: str) -> tuple[list, list[Problem]]:
    """Give every item (anything with .slug and .path) its own slug, in the order given.

    A taken slug gets -2, -3…; the renamed item is reported with *message* and
    *hint* (formatted with slug, owner and new). *seen* maps taken slugs to their owner.
    """
    out, problems = [], []
    for item in items:
        slug = next_free(item.slug, seen)
        if slug != item.slug:
            problems.append(Problem(item.path, message.format(slug=item.slug, owner=seen[item.slug]),
                                    hint.format(new=slug), "warning"))
            item = replace(item, slug=slug)
        seen[slug] = item.path
        out.append(item)
    return out, problems


def assign_unique_slugs(articles: list[Article]) -> tuple[list[Article], list[Problem]]:
    """Resolve slug collisions deterministically: in path order, later ones get -2, -3…"""
    return unique_slugs(sorted(articles, key=lambda a: a.path), {}, "slug {slug!r} is already used by {owner}",
                        "published as {new!r}; set a distinct 'slug:' to choose")


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def ingest_summary(ingested: int, merged: int, skipped: int) -> str:
    """The line printed at the end of a build.

    *ingested*: articles read from the inputs (before duplicates are merged);
    *merged*: of those, folded into another digest as the same story;
    *skipped*: inputs (files, or JSON Lines records) reported and left out.
    """
    published = ingested - merged
    return (f"digest: {_plural(ingested, 'article', 'articles')} ingested, "
            f"{merged} merged as duplicates ({_plural(published, 'digest', 'digests')}), "
            f"{_plural(skipped, 'input', 'inputs')} skipped")


def count_skipped(problems: list[Problem]) -> int:
    """Inputs that `read_file` reported and left out (not warnings about a kept article).

    `read_file` reports a skipped input with severity "error", or "warning" for an
    unknown file type; kept articles only get "warning"s about their metadata and
    "info" notes. Each skipped input is counted once.
    """
    skipped = set()
    for p in problems:
        if p.severity == "error" or p.message.startswith("unknown file type"):
            skipped.add(p.path)
    return len(skipped)
