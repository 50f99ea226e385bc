"""Reader for cleaned articles: Markdown with YAML front matter."""
from __future__ import annotations

import re

import lxml.html
import markdown
import yaml

from ..model import Block
from .decode import InputError

# libyaml's safe loader when PyYAML was built with it: same results, several times faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FRONT = re.compile(r"\A---[ \t]*\n(?:(.*?)\n)??(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


def split_front_matter(text: str) -> tuple[dict, str]:
    """Return (metadata, body). Broken YAML raises InputError with its line."""
    m = _FRONT.match(text)
    if not m:
        return {}, text
    try:
        meta = yaml.load(m.group(1) or "", Loader=_LOADER) or {}
    except ValueError as exc:  # YAML reads "2025-02-30" as a date and fails on it
        raise InputError(f"the front matter holds an impossible value ({exc})",
                         "check the dates in the front matter (YYYY-MM-DD)") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        raise InputError(f"the front matter is not valid YAML{where}",
                         "fix the YAML between the two '---' lines") from None
    if not isinstance(meta, dict):
        raise InputError("the front matter is not a mapping of keys to values",
                         "write it as 'key: value' lines between two '---' lines")
    return meta, text[m.end():]


_BLOCK_TAGS = {"p", "li", "dd", "dt", "td", "th", "pre"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def markdown_to_blocks(body: str) -> tuple[Block, ...]:
    """Reduce the body's Markdown to text blocks, with Python-Markdown itself.

    Article text is shown as text, never as HTML: `<` and `&` are escaped before
    rendering, so raw HTML stays visible text; links keep their words, emphasis
    markers and backslash escapes go, headings become heading blocks. Parsing the
    real syntax (not regexes) keeps "a_b_c", "2*3*4" and "f(x)" intact.
    """
    safe = body.replace("&", "&amp;").replace("<", "&lt;")
    rendered = markdown.markdown(safe, extensions=["tables", "sane_lists"])
    if not rendered.strip():
        return ()
    blocks: list[Block] = []
    for element in lxml.html.fragments_fromstring(rendered):
        if isinstance(element, str):
            text = " ".join(element.split())
            if text:
                blocks.append(Block("paragraph", text))
            continue
        _collect(element, blocks)
    return tuple(blocks)


def _collect(element, blocks: list[Block]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _HEADINGS:
        text = " ".join(element.text_content().split())
        if text:
            blocks.append(Block("heading", text))
    elif tag in _BLOCK_TAGS or not any(isinstance(c.tag, str) and (c.tag in _BLOCK_TAGS | _HEADINGS
                                                                   or c.tag in ("ul", "ol", "blockquote", "table"))
                                       for c in element):
        text = " ".join(element.text_content().split())
        if text:
            blocks.append(Block("paragraph", text))
    else:
        for child in element:
            _collect(child, blocks)


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
        # Editor corrections of generated fields, validated with the overrides.
        "corrections": {k: meta[k] for k in ("facts", "hide_facts", "unpublish") if k in meta},
    }
