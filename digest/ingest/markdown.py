"""Reader for cleaned articles: Markdown with YAML front matter."""
from __future__ import annotations

import re
from functools import lru_cache

import lxml.html
import markdown
import yaml

from ..model import Block
from .decode import InputError

# libyaml's safe loader when PyYAML was built with it: same results, several times faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FRONT = re.compile(r"\A---[ \t]*\n(?:(.*?)\n)??(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


MAX_YAML_NODES = 100_000  # values once aliases are expanded; a real glossary of 10,000 terms uses ~60,000


def _alias_problem(text: str) -> str | None:
    """Why aliases make this YAML unsafe to use, if they do.

    PyYAML shares an aliased value instead of copying it, so "billion laughs"
    loads in microseconds; the explosion comes later, when a stage walks or
    prints the value. Counting the expanded size from the parse events catches
    it before anything is built, and also catches an alias inside its own anchor.
    """
    if "*" not in text:
        return None
    sizes: dict[str, int] = {}
    stack: list[list] = [[None, 0]]  # [anchor, expanded size] per open collection
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, yaml.AliasEvent):
            if any(frame[0] == event.anchor for frame in stack):
                return f"the alias '*{event.anchor}' refers to itself"
            stack[-1][1] += sizes.get(event.anchor, 1)
        elif isinstance(event, yaml.ScalarEvent):
            stack[-1][1] += 1
            if event.anchor:
                sizes[event.anchor] = 1
        elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            stack.append([event.anchor, 1])
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            anchor, size = stack.pop()
            if anchor:
                sizes[anchor] = size
            stack[-1][1] += size
        if stack[0][1] > MAX_YAML_NODES:
            return f"its aliases expand to more than {MAX_YAML_NODES:,} values"
    return None


def load_yaml(text: str, what: str = "the YAML", first_line: int = 1, fix: str = "fix the YAML"):
    """Safe YAML for every editor file (front matter, glossary, overrides).

    Only plain data (no `!!python/...` tags); every failure is an InputError
    that says where (*what*, and the line: *first_line* is the file line of the
    text's first line) and never a bare Python exception.
    """
    try:
        problem = _alias_problem(text)
        if problem:
            raise InputError(f"{what} uses YAML aliases: {problem}",
                             "write the values out in full instead of using '&anchor' and '*alias'")
        return yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + first_line}" if mark is not None else ""
        tag = f" ({exc.problem})" if isinstance(exc, yaml.constructor.ConstructorError) else ""
        raise InputError(f"{what} is not valid YAML{where}{tag}",
                         f"{fix}; only plain text, numbers, dates, lists and mappings are allowed") from None
    except ValueError as exc:
        if "integer string conversion" in str(exc):
            raise InputError(f"a number in {what} is too large (over 4,300 digits)",
                             "quote it if it is text, or remove it") from None
        # YAML reads "2025-02-30" as a date and fails on it.
        raise InputError(f"{what} holds an impossible date or value ({exc})",
                         "check the dates (YYYY-MM-DD)") from None
    except RecursionError:
        raise InputError(f"{what} is nested too deeply", "flatten it: a value needs at most a few levels") from None


# Front matter as generators and most editors write it: only `key: "text"` and
# `key: ["text", "text"]` lines. Read without PyYAML, with exactly its result (tests compare):
# a lower-case key that is not one of YAML's booleans or null, double-quoted text without
# line breaks, control characters or escapes other than \" and \\.
_QUOTED = r'"(?:[^"\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]|\\["\\])*"'
_QUOTED_RE = re.compile(_QUOTED)
_SIMPLE_LINE = re.compile(rf"([a-z_][a-z0-9_]*): (?:({_QUOTED})|\[((?:{_QUOTED}(?:, {_QUOTED})*)?)\])")
_YAML_WORDS = frozenset({"yes", "no", "true", "false", "on", "off", "null"})
_ESCAPE = re.compile(r"\\(.)")


def _unquote(quoted: str) -> str:
    inner = quoted[1:-1]
    return _ESCAPE.sub(r"\1", inner) if "\\" in inner else inner


def _simple_front_matter(text: str) -> dict | None:
    """The front matter when every line is one of the simple forms above, else None."""
    meta: dict = {}
    for line in text.split("\n"):
        m = _SIMPLE_LINE.fullmatch(line)
        if m is None or m.group(1) in _YAML_WORDS:
            return None
        key, scalar, items = m.groups()
        meta[key] = _unquote(scalar) if scalar is not None else [_unquote(q) for q in _QUOTED_RE.findall(items or "")]
    return meta


def split_front_matter(text: str) -> tuple[dict, str]:
    """Return (metadata, body). Broken YAML raises InputError with its line."""
    m = _FRONT.match(text)
    if not m:
        return {}, text
    meta = _simple_front_matter(m.group(1) or "")
    if meta is None:
        meta = load_yaml(m.group(1) or "", "the front matter", 2, "fix the YAML between the two '---' lines") or {}
    if not isinstance(meta, dict):
        raise InputError("the front matter is not a mapping of keys to values",
                         "write it as 'key: value' lines between two '---' lines")
    return meta, text[m.end():]


_BLOCK_TAGS = {"p", "li", "dd", "dt", "td", "th", "pre"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


# Anything that could make Python-Markdown render a paragraph as more than its own words:
# inline syntax (code, escapes, emphasis, links and images: see below, raw HTML), table pipes, characters
# its whitespace handling or the HTML parser treat specially, and a line that could open a
# heading, quote, list, rule, setext underline or code block. Two searches, each of which
# Python's regex engine runs fast (a character class; a literal "\n" first).
_SYNTAX_CHARACTER = re.compile(r"[`\\*_|<\r\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff"
                               r"\ufdd0-\ufdef\ufffe\uffff]")
_SYNTAX_LINE_START = re.compile(r"\n[ \t]*(?:[#>+\-=]|\d+\.)|\n[ \t]+[^ \t\n]")


def _has_markdown_syntax(body: str) -> bool:
    # Brackets alone ("he [President Bush] said") stay text: a link needs "](", and a
    # reference ("[text]", "[text][id]") a definition "[id]: url" in the same body.
    return bool(body.startswith((" ", "\t")) or _SYNTAX_CHARACTER.search(body)
                or _SYNTAX_LINE_START.search("\n" + body) or "](" in body or "]:" in body)


# Python-Markdown's block boundary: a line break, then lines of spaces and tabs only.
_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")


def _plain_blocks(body: str) -> tuple[Block, ...]:
    """What `markdown_to_blocks` gives for a body with no Markdown syntax at all (see
    `_has_markdown_syntax`), without the parser: each run of lines between blank lines is
    one paragraph of its own words. tests/test_ingest.py compares both ways."""
    return tuple(Block("paragraph", text) for text in (" ".join(chunk.split()) for chunk in _BLANK_LINES.split(body))
                 if text)


def markdown_to_blocks(body: str) -> tuple[Block, ...]:
    """Reduce the body's Markdown to text blocks, with Python-Markdown itself.

    Article text is shown as text, never as HTML: `<` and `&` are escaped before
    rendering, so raw HTML stays visible text; links keep their words, emphasis
    markers and backslash escapes go, headings become heading blocks. Parsing the
    real syntax (not regexes) keeps "a_b_c", "2*3*4" and "f(x)" intact.
    """
    if not _has_markdown_syntax(body):
        return _plain_blocks(body)  # most articles: plain paragraphs, in a fraction of the parser's time
    return _parsed_blocks(body)


def _parsed_blocks(body: str) -> tuple[Block, ...]:
    safe = body.replace("&", "&amp;").replace("<", "&lt;")
    blocks: list[Block] = []
    try:
        rendered = _render(safe)
        if not rendered.strip():
            return ()
        for element in lxml.html.fragments_fromstring(rendered):
            if isinstance(element, str):
                text = " ".join(element.split())
                if text:
                    blocks.append(Block("paragraph", text))
                continue
            _collect(element, blocks)
    except RecursionError:  # thousands of nested quotes or lists: hostile, or a broken export
        raise InputError("the Markdown is nested too deeply (quotes or lists inside each other)",
                         "flatten the nested quotes and lists") from None
    return tuple(blocks)


@lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    # One instance, reset between articles: building it (extensions, patterns) costs as
    # much as converting a short article.
    return markdown.Markdown(extensions=["tables", "sane_lists"])


def _render(text: str) -> str:
    md = _markdown()
    try:
        return md.reset().convert(text)
    except BaseException:
        _markdown.cache_clear()  # a parse cut short can leave the parser's nesting state behind
        raise


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
    if title is not None and not isinstance(title, (str, int, float)):
        raise InputError("'title' must be text, not a list or a mapping",
                         "write 'title: …' on one line; quote it if it starts with [ or {")
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
        "corrections": {k: meta[k] for k in ("facts", "hide_facts", "unpublish", "story", "chart") if k in meta},
    }
