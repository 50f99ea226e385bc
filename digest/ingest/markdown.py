"""Reader for cleaned articles: Markdown with YAML front matter."""
from __future__ import annotations

import re

import yaml

from ..clean import build_blocks
from ..model import Block
from .decode import InputError

_FRONT = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


def split_front_matter(text: str) -> tuple[dict, str]:
    """Return (metadata, body). Broken YAML raises InputError with its line."""
    m = _FRONT.match(text)
    if not m:
        return {}, text
    try:
        meta = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        raise InputError(f"the front matter is not valid YAML{where}",
                         "fix the YAML between the two '---' lines") from None
    if not isinstance(meta, dict):
        raise InputError("the front matter is not a mapping of keys to values",
                         "write it as 'key: value' lines between two '---' lines")
    return meta, text[m.end():]


_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")
_LIST = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


def markdown_to_blocks(body: str) -> tuple[Block, ...]:
    """Reduce the body's light Markdown to text blocks.

    Article text is shown as text, never as HTML: links keep their words,
    emphasis markers go, headings become heading blocks.
    """
    blocks: list[Block] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.extend(build_blocks([" ".join(paragraph)]))
            paragraph.clear()

    for line in body.split("\n"):
        stripped = line.strip()
        heading = _HEADING.match(stripped)
        if heading:
            flush()
            blocks.append(Block("heading", _inline(heading.group(1))))
        elif not stripped:
            flush()
        elif _LIST.match(stripped):
            flush()
            paragraph.append(_inline(_LIST.sub("", stripped)))
            flush()
        else:
            paragraph.append(_inline(stripped))
    flush()
    # A lone short paragraph is not a heading unless the author marked it so.
    return tuple(Block("paragraph", b.text) if b.kind == "heading" and not _is_marked(b, body) else b
                 for b in blocks)


def _is_marked(block: Block, body: str) -> bool:
    return any(_HEADING.match(line.strip()) and _inline(_HEADING.match(line.strip()).group(1)) == block.text
               for line in body.split("\n"))


def _inline(text: str) -> str:
    text = _LINK.sub(r"\1", text)
    return _EMPHASIS.sub(r"\2", text)


def parse_markdown(text: str) -> dict:
    meta, body = split_front_matter(text)
    blocks = markdown_to_blocks(body)
    title = meta.get("title")
    if not title:
        headings = [b for b in blocks if b.kind == "heading"]
        if not headings:
            raise InputError("the article has no title",
                             "add 'title: …' to the front matter")
        title = headings[0].text
        blocks = tuple(b for b in blocks if b is not headings[0])
    if not blocks:
        raise InputError("the article has no body text", "write the article text below the front matter")
    return {
        "title": str(title),
        "source": meta.get("source"),
        "date_text": meta.get("date"),
        "language": meta.get("language") or meta.get("lang"),
        "url": meta.get("url"),
        "tags": meta.get("tags"),
        "slug": meta.get("slug"),
        "summary": meta.get("summary"),
        "author": meta.get("author"),
        "standfirst": meta.get("standfirst") or meta.get("lead"),
        "blocks": blocks,
    }
