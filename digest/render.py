"""Render digests to Markdown with Jinja2 templates.

Every value reaching a template is escaped as Markdown text unless it is a
`Markdown` instance built here, so article text can never inject HTML or
Markdown syntax; templates stay free to arrange the page.
"""
from __future__ import annotations

import hashlib
import html
import json
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

import jinja2
from slugify import slugify

from .glossary import Matcher, link_markdown, short_definition
from .labels import format_day, labels_for
from .model import Digest, Fact, Note


RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "yi"})


class Markdown(str):
    """Trusted Markdown: editor-written text, or text already escaped here."""


_INLINE = str.maketrans({
    "\\": "\\\\", "`": "\\`", "*": "\\*", "_": "\\_", "[": "\\[", "]": "\\]",
    "{": "\\{", "}": "\\}", "<": "&lt;", ">": "&gt;", "&": "&amp;",
    "|": "&#124;", "~": "&#126;", "^": "&#94;",
})
_LINE_START = re.compile(r"^(\s*)([#!?=:%]|[+\-*](?=\s|$)|\d+[.)](?=\s|$))")


# Bidi embedding/override controls let a title display as something else ("gnp.exe").
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"), None)
# C0 controls are not allowed in HTML: a browser or feed reader would drop or reject them.
_BIDI_CONTROLS.update(dict.fromkeys((*range(0, 9), 11, 12, *range(14, 32), 127), None))


# What `escape` changes: controls, any whitespace but a lone space, Markdown and HTML syntax. Most
# names and sentences hold none of it, and three scans are far cheaper than the rewriting.
_SYNTAX_OR_CONTROL = re.compile(r"[\x00-\x1f\x7f\u202a-\u202e\u2066-\u2069\\`*_\[\]{}<>&|~^]")
_SPACE_BUT_BLANK = re.compile(r"[^\S ]")
_SPACES = re.compile(r"\s+")


def escape(text) -> Markdown:
    """Plain text as Markdown that shows exactly that text."""
    return _escape(text) if type(text) is str else _escape(str(text))


@lru_cache(maxsize=16384)  # a page repeats its labels and names, and every page repeats the site's
def _escape(text: str) -> Markdown:
    if (_SYNTAX_OR_CONTROL.search(text) is None and _SPACE_BUT_BLANK.search(text) is None
            and "  " not in text and _LINE_START.match(text) is None):
        return Markdown(text)
    text = _SPACES.sub(" ", text.translate(_BIDI_CONTROLS)).translate(_INLINE)
    text = _LINE_START.sub(lambda m: m.group(1) + "".join(f"&#{ord(c)};" for c in m.group(2)), text)
    return Markdown(text)


def _finalize(value):
    if type(value) is str:  # most values: skip the other tests and `escape`'s own
        return _escape(value)
    if value is None:
        return ""
    if isinstance(value, Markdown):
        return value
    return escape(value)


def yaml_string(value) -> Markdown:
    """A front-matter scalar (JSON is YAML), HTML-escaped.

    MkDocs themes print `page.meta.title` and `description` into the HTML
    without escaping (MkDocs' Jinja environment has no autoescape), so the
    value must already be safe HTML.
    """
    text = " ".join(str(value).translate(_BIDI_CONTROLS).split())
    return Markdown(json.dumps(html.escape(text, quote=False).replace('"', "&quot;"),
                               ensure_ascii=False))


def link_url(url) -> Markdown:
    """A URL safe inside Markdown link parentheses: http(s), mailto or relative only.

    Everything that could end the link or start Markdown or attr_list syntax
    (whitespace, quotes, brackets, braces, asterisks…) is percent-encoded.
    """
    text = str(url).strip()
    if not re.match(r"^(https?:|mailto:|/|\.|#)", text, re.IGNORECASE):
        return Markdown("#")  # never a javascript: or data: URL from article metadata
    return Markdown(quote(text, safe=":/?#&=%@+,;-._~!$"))


# ASCII words between single spaces ("Nasser Bourita", "G20"): what slugify would make of them is
# plain, and slugify costs 0.2 ms a name (thousands of entity pages a build); tests compare both.
_PLAIN_NAME = re.compile(r"[A-Za-z0-9]+(?: [A-Za-z0-9]+)*\Z")


@lru_cache(maxsize=65536)  # every digest links its names; slugify is slow and names repeat
def page_slug(name, kind: str) -> str:
    """The one slug of a named page (a tag, a source, an entity), for the page and every link to it.

    Names that slugify alike ("énergie", "Energie") share a page. A name with no letters
    or digits gets a stable hash, and "index" (each folder's listing) is never produced.
    """
    text = str(name)
    slug = "-".join(text.split()).lower() if _PLAIN_NAME.match(text) else slugify(text)
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
    if not slug:
        slug = f"{kind}-{digest}"
    elif len(slug) > 80:  # a file name has at most 255 bytes; a pasted paragraph as a source must not crash the build
        slug = slug[:71].rstrip("-") + "-" + digest
    return f"index-{kind}" if slug == "index" else slug


def tag_slug(name) -> str:
    return page_slug(name, "tag")


# Fact-box field -> folder under entities/ and the word used in hashed slugs.
ENTITY_KINDS = {"people": "person", "organisations": "organisation", "places": "place"}


def source_path(name) -> str:
    """Site-relative Markdown path of a source's page."""
    return f"sources/{page_slug(name, 'source')}.md"


def entity_path(kind: str, name) -> str:
    """Site-relative Markdown path of the page of a name seen nowhere else, e.g.
    entities/people/nasser-bourita.md (`entities.registry` gives the canonical one)."""
    from .entities.registry import entity_slug

    return f"entities/{kind}/{entity_slug(str(name), kind)}.md"


def html_attr(value) -> Markdown:
    """Text for a double-quoted attribute of raw HTML (which Markdown passes through untouched)."""
    text = " ".join(str(value).translate(_BIDI_CONTROLS).split())
    return Markdown(html.escape(text, quote=False).replace('"', "&quot;"))


def bdi(text) -> Markdown:
    """Untrusted text isolated for bidi, so an Arabic title does not swallow its neighbours."""
    return Markdown(f"<bdi>{escape(text)}</bdi>")


def human_number(value) -> str:
    if not isinstance(value, (int, float)):
        return str(value)
    for size, name in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            scaled = value / size
            return f"{scaled:,.2f}".rstrip("0").rstrip(".") + f" {name}"
    return f"{value:,.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value):,}"


class _BytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja's, except that a damaged entry is a miss and a full or read-only disk costs only time."""

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - truncated or foreign: compile the template again
            bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def make_environment(user_templates: Path | None, bytecode_dir: Path | None = None) -> jinja2.Environment:
    """User templates first, file by file, then the package's defaults.

    With *bytecode_dir*, compiled templates are kept there (compiling them is a tenth of a
    rebuild's time). Jinja checks each template's source against its stored code, but not
    this environment's options: the caller gives a folder per code version.
    """
    loaders = []
    if user_templates and user_templates.is_dir():
        loaders.append(jinja2.FileSystemLoader(str(user_templates)))
    loaders.append(jinja2.PackageLoader("digest", "templates"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=False,
        finalize=_finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        auto_reload=False,  # one environment per build: no need to stat templates at every include
        bytecode_cache=_BytecodeCache(str(bytecode_dir)) if bytecode_dir else None,
    )
    env.filters.update(yaml=yaml_string, url=link_url, human=human_number, md=escape,
                       trusted=Markdown, slug=slugify, tag_slug=tag_slug, bdi=bdi, attr=html_attr, indent_md=lambda t, n=4: Markdown(
                           "\n".join((" " * n + line) if line.strip() else "" for line in str(t).splitlines())))
    return env


class Linker:
    """Glossary links for one page: first occurrence of each term only (by default).

    Article text is escaped around the links; editor Markdown (``trusted=True``)
    is kept as written.
    """

    def __init__(self, matcher: Matcher, base: str, first_only: bool = True) -> None:
        self.matcher = matcher
        self.base = base
        self.first_only = first_only
        self.linked: list[str] = []

    def __call__(self, text: str, trusted: bool = False) -> Markdown:
        keep = (lambda t: t) if trusted else escape
        out, pos = [], 0
        for start, end, term_id in self.matcher.find(text):
            if self.first_only and term_id in self.linked:
                continue
            term = self.matcher.terms[term_id]
            out.append(keep(text[pos:start]))
            title = escape(short_definition(term)).replace('"', "&quot;")
            out.append(f'[{keep(text[start:end])}]({self.base}#{term_id} "{title}")'
                       '{ .digest-term }')
            if term_id not in self.linked:
                self.linked.append(term_id)
            pos = end
        out.append(keep(text[pos:]))
        return Markdown("".join(out))

    def markdown(self, markdown: str) -> Markdown:
        """Link terms in editor Markdown, never inside code, links, headings or HTML."""
        return Markdown(link_markdown(markdown, lambda part: self(part, trusted=True)))


def fact_value(fact: Fact, language: str = "en") -> str:
    """A figure as a reader of *language* writes it ("6 milliards d'euros", "27 km"); dates as they are."""
    from .annotate.display import figure_value

    return figure_value(fact, language)


def fact_chart(digest: Digest) -> Markdown:
    """An inline SVG bar chart when the digest's figures compare (one unit, several subjects)."""
    from .annotate.display import subject_text
    from .charts import bar_chart, comparison

    language = digest.article.language
    compared = comparison(digest.facts)
    names = ", ".join(subject_text(f.subject, language) or "" for f in compared)
    return Markdown(bar_chart(compared, language, labels_for(language).get("chart", "{names}").format(names=names)))


def fact_item(fact: Fact, language: str, sentence: str = "") -> dict:
    """What the fact box shows of one fact: the value in the page's language (none when the text
    already says it so) and the subject by its name in that language."""
    from .annotate.display import subject_text

    value = fact_value(fact, language)
    same = "".join(value.split()).lower() == "".join(fact.text.split()).lower()
    return {"fact": fact, "value": None if same else value, "subject": subject_text(fact.subject, language, sentence)}


# Where a digest page's story and related-coverage blocks go (`site.with_story`): pages are rendered
# before the archive's threads are known (on the annotating cores), and the blocks are put in after.
STORY_MARKER = "<!-- digest:story -->"


def render_digest(env, digest: Digest, matcher: Matcher, facts_max: int, first_only: bool,
                  note_body=lambda note: note.body, links: dict[str, list[dict]] | None = None) -> str:
    """One digest page. Links follow reading order: summary, editor notes, article.

    *links* are the fact-box names with their canonical pages (`entities.pages.digest_links`);
    without them, the digest's own names resolve as if it were the whole archive. The page holds
    `STORY_MARKER` where its thread goes.
    """
    linker = Linker(matcher, "../glossary.md", first_only)
    anchored = {f.sentence for f in digest.facts} | {q.sentence for q in digest.quotes}
    by_block: dict[int, list] = {}
    for s in digest.sentences:
        by_block.setdefault(s.block, []).append(s)
    summary = [linker(s) for s in digest.summary]
    standfirst = Markdown(" ".join(_anchored(linker, s, anchored) for s in by_block.get(-1, [])))
    notes = [{"note": n, "markdown": linker.markdown(note_body(n, "")),
              "date_label": format_day(n.date, digest.article.language) if n.date else None}
             for n in digest.notes]
    body = []
    for i, block in enumerate(digest.article.blocks):
        if block.kind == "heading":
            body.append({"kind": "heading", "markdown": escape(block.text)})
            continue
        pieces = [_anchored(linker, s, anchored) for s in by_block.get(i, [])]
        body.append({"kind": "paragraph", "markdown": Markdown(" ".join(pieces))})
    text_of = {s.id: s.text for s in digest.sentences}
    facts = [fact_item(f, digest.article.language, text_of.get(f.sentence, "")) for f in digest.facts[:facts_max]]
    chart = fact_chart(digest) if facts and digest.chart else ""
    terms = [matcher.terms[t] for t in digest.terms if t in matcher.terms]
    article = digest.article
    links = entity_links(digest) if links is None else links
    people = {item["name"]: item["path"] for item in links.get("people", ())}
    quotes = [{"quote": q, "path": people.get(q.speaker)} for q in digest.quotes[:3]]
    return env.get_template("digest.md.j2").render(
        digest=digest, article=article, summary=summary, body=body, facts=facts, chart=chart,
        entities=links, quotes=quotes, notes=notes, terms=terms, standfirst=standfirst,
        summary_text=" ".join(digest.summary), labels=labels_for(article.language), story=Markdown(STORY_MARKER),
        direction="rtl" if article.language in RTL_LANGUAGES else "ltr",
        date_label=format_day(article.date, article.language) if article.date else None,
        source_path=source_path(article.source) if article.source else None,
        search=search_data("digest", article.title, article.date, article.language, article.tags,
                           article.source, article.language),
    )


def entity_links(digest: Digest) -> dict[str, list[dict]]:
    """Fact-box names with the site-relative path of their canonical page, by kind, for a digest alone."""
    from .entities.pages import digest_links, local_registry

    return digest_links(local_registry(digest), digest)


def search_data(kind: str, title: str, date: str | None, date_language: str, tags=(), source: str | None = None,
                language: str | None = None) -> dict[str, list[tuple[str, str]]]:
    """Pagefind filters, metadata and sort keys of one indexed page, as (key, value) pairs.

    Templates write one empty element per pair with an inline `key:value`, the one form
    Pagefind reads whole whatever the value holds (commas, colons).
    """
    filters = [("type", kind)]
    if source:
        filters.append(("source", source))
    if language:
        filters.append(("language", language))
    filters += [("tag", tag) for tag in dict.fromkeys(tags)]
    meta = [("title", title)]
    sort = []
    if date:
        filters += [("year", date[:4]), ("month", date[:7])]
        meta += [("date", date), ("date_label", format_day(date, date_language))]
        sort.append(("date", date))
    else:
        sort.append(("date", "0000-00-00"))  # Pagefind drops pages without the sort key when sorting
    if source:
        meta.append(("source", source))
    return {"filters": filters, "meta": meta, "sort": sort}


def _anchored(linker: Linker, sentence, anchored: set[str]) -> Markdown:
    """A sentence with its glossary links, wrapped in an anchor when a fact cites it."""
    text = linker(sentence.text)
    if sentence.id in anchored:
        text = Markdown(f'<span class="digest-sentence" id="{sentence.id}">{text}</span>')
    return text


def render_note(env, note: Note, matcher: Matcher, first_only: bool, body: str, language: str = "en") -> str:
    """A standalone note's page; its date is written in the site's language."""
    linker = Linker(matcher, "../glossary.md", first_only)
    return env.get_template("note.md.j2").render(
        note=note, body=linker.markdown(body), date_label=format_day(note.date, language) if note.date else None,
        search=search_data("note", note.title, note.date, language, note.tags))
