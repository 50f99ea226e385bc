"""Reader for raw HTML pages, built on trafilatura.

trafilatura is the best-scoring open-source main-text extractor on news
benchmarks; hand-written boilerplate removal would be worse and unmaintained.
What this module adds on top, each step small and general:

- page metadata trafilatura does not return: the declared language
  (`<html lang>`, `og:locale`, `Content-Language`), the author when only a
  `<meta>`/schema.org tag or a byline line names it;
- the standfirst (chapô, lead, entradilla): the paragraph above the article
  proper, kept in its own field instead of the body. It is recognised either by
  its markup (a class such as `chapo`, `standfirst`, `lead`, `entradilla`, or
  schema.org `description`/`abstract`) or because the page's own teaser (a
  description or headline cut with "…") is the start of the first paragraph;
- line-level clean-up of what trafilatura lets through: bylines
  ("AFP, publié le …"), "read also" teasers, photo credits, calls to
  subscribe/follow/share (see `clean.is_page_debris`).
"""
from __future__ import annotations

import json
import re

import trafilatura
from lxml import etree
from trafilatura.utils import load_html

from ..clean import build_blocks, is_boilerplate, is_byline, parse_byline
from ..text import squash_spaces, words
from .decode import InputError

# Options for trafilatura: comments are readers' text, not the article; tables stay
# (they are part of many articles). Scored on ../shared/eval by `python -m digest.eval ingest`.
EXTRACT_OPTIONS = dict(include_comments=False, include_tables=True, deduplicate=False)
# Dates only from the page's structured metadata (meta tags, <time>, URL), the
# original publication rather than the last update. htmldate's extensive search
# guesses from free text ("2025" alone becomes 2025-01-01): no date is better
# than a wrong one, and a byline in the text is read below instead.
DATE_OPTIONS = {"extensive_search": False, "original_date": True}
MIN_ARTICLE_WORDS = 15  # fewer words of text than a news brief: a menu, an index or an error page

_OPEN_TAG = re.compile(rb"<(?:html|body)[\s>]", re.IGNORECASE)
_CLOSE_TAG = re.compile(rb"</(?:html|body)\s*>", re.IGNORECASE)

# Class or id words that mark a standfirst in news templates (fr, en, es, pt, it).
_STANDFIRST_WORDS = {
    "chapo", "chapeau", "chapô", "standfirst", "stand-first", "lede", "lead", "leadin", "lead-in",
    "intro", "introduction", "summary", "sumario", "entradilla", "entrada", "bajada", "copete",
    "dek", "deck", "subtitle", "subheadline", "sub-headline", "sous-titre", "soustitre", "excerpt",
    "teaser", "resume", "resumen", "abstract", "description", "desc", "occhiello", "sommario",
    "linha-fina", "olho",
}
_CLASS_PREFIXES = ("article", "post", "entry", "story", "news", "content", "c", "o", "m", "td", "single", "page")
_ELLIPSIS = ("...", "…", "[…]", "(…)", "[...]")
_MAX_MARKED = 1000  # characters in a standfirst its markup names
_MAX_TEASED = 500  # characters in a standfirst found from a teaser (a lead is a few sentences)


def _norm(text: str | None) -> str:
    return squash_spaces(" ".join((text or "").split()))


def is_truncated(raw: str) -> bool:
    """An HTML document that opens <html>/<body> but never closes either was cut off."""
    data = raw.encode("utf-8", "ignore")
    return bool(_OPEN_TAG.search(data[:200_000])) and not _CLOSE_TAG.search(data)


# -- page metadata -----------------------------------------------------------

def _meta(tree, *keys: str) -> list[str]:
    """Content of <meta name|property|itemprop|http-equiv=KEY>, in document order."""
    wanted = {k.lower() for k in keys}
    out = []
    for el in tree.iter("meta"):
        for attr in ("name", "property", "itemprop", "http-equiv"):
            if (el.get(attr) or "").strip().lower() in wanted:
                value = _norm(el.get("content"))
                if value:
                    out.append(value)
                break
    return out


def page_language(tree) -> str | None:
    """The language the page declares: <html lang>, og:locale, Content-Language."""
    html = tree if tree.tag == "html" else tree.getroottree().getroot()
    for value in (html.get("lang"), html.get("xml:lang"), html.get("{http://www.w3.org/XML/1998/namespace}lang"),
                  *_meta(tree, "og:locale", "content-language", "language", "dc.language", "inlanguage")):
        if value and re.match(r"^[A-Za-z]{2}(?:[-_][A-Za-z0-9]+)*$", value.strip()):
            return value.strip()
    return None


def _json_ld(tree) -> list[dict]:
    found = []
    for el in tree.iter("script"):
        if (el.get("type") or "").lower() != "application/ld+json" or not el.text:
            continue
        try:
            data = json.loads(el.text)
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                found.append(item)
                stack.extend(v for k, v in item.items() if k == "@graph")
    return found


def _person(value) -> str | None:
    if isinstance(value, list):
        names = [n for n in (_person(v) for v in value) if n]
        return ", ".join(dict.fromkeys(names)) or None
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, str):
        value = _norm(value)
        if value and not re.match(r"^(?:https?:|www\.|@)", value) and len(value) <= 100:
            return value
    return None


def page_author(tree) -> str | None:
    """Author from <meta name=author>, article:author, schema.org (microdata or JSON-LD)."""
    for value in _meta(tree, "author", "article:author", "dc.creator", "byl", "sailthru.author"):
        name = _person(re.sub(r"^(?:by|par|por)\s+", "", value, flags=re.IGNORECASE))
        if name:
            return name
    for el in tree.xpath('//*[@itemprop="author"]'):
        names = el.xpath('.//*[@itemprop="name"]')
        name = _person(names[0].get("content") or names[0].text_content() if names else el.text_content())
        if name:
            return name
    for item in _json_ld(tree):
        if str(item.get("@type", "")).lower().endswith(("article", "newsarticle", "blogposting", "report")):
            name = _person(item.get("author"))
            if name:
                return name
    return None


# -- standfirst ---------------------------------------------------------------

# Every class or id token that names a standfirst: a word alone or after a template
# prefix ("article__chapo", "c-lead"). Built once: this is asked of every element of a page.
_STANDFIRST_TOKENS = frozenset(_STANDFIRST_WORDS) | frozenset(
    prefix + sep + word for prefix in _CLASS_PREFIXES for sep in ("__", "_", "-", "--") for word in _STANDFIRST_WORDS)


def _is_standfirst_class(value: str | None) -> bool:
    if not value:
        return False
    known = _CLASS_VERDICTS.get(value)
    if known is None:
        known = any(token.strip("_-") in _STANDFIRST_TOKENS for token in value.lower().split())
        if len(_CLASS_VERDICTS) < 100_000:
            _CLASS_VERDICTS[value] = known
    return known


# A page repeats its class names ("col-md-6" on hundreds of elements), and sites their templates.
_CLASS_VERDICTS: dict[str, bool] = {}


_CLASS_VALUES = etree.XPath("descendant-or-self::*/@class", smart_strings=False)
_ID_VALUES = etree.XPath("descendant-or-self::*/@id", smart_strings=False)
_ITEMPROP_VALUES = etree.XPath("descendant-or-self::*/@itemprop", smart_strings=False)


def _may_mark_standfirst(tree) -> bool:
    """Whether any element's class, id or itemprop could mark a standfirst."""
    return any(map(_is_standfirst_class, _CLASS_VALUES(tree))) or any(map(_is_standfirst_class, _ID_VALUES(tree))) \
        or any(value.lower() in ("description", "abstract") for value in _ITEMPROP_VALUES(tree))


def standfirst_candidates(tree) -> list[str]:
    """Texts that a page marks, or teases, as its standfirst (most explicit first)."""
    out: list[str] = []
    # Only elements with one of the three attributes can be marked (XPath picks them in C),
    # and most pages mark none: their attribute values alone say so, without an element each.
    if _may_mark_standfirst(tree):
        for el in tree.xpath("descendant-or-self::*[@class or @id or @itemprop]"):
            if el.tag in ("meta", "script", "style", "body", "html", "article", "main"):
                continue
            if _is_standfirst_class(el.get("class")) or _is_standfirst_class(el.get("id")) \
                    or (el.get("itemprop") or "").lower() in ("description", "abstract"):
                text = _norm(el.text_content())
                if 30 <= len(text) <= _MAX_MARKED:
                    out.append(text)
    teasers = _meta(tree, "description", "og:description", "twitter:description", "headline", "description")
    paragraphs = None
    for teaser in teasers:
        prefix = teaser
        for mark in _ELLIPSIS:
            if prefix.endswith(mark):
                prefix = prefix[: -len(mark)].rstrip()
                break
        else:
            continue  # only a teaser cut short says where the standfirst ends
        if len(prefix) < 30:
            continue
        if paragraphs is None:
            paragraphs = [(p, _norm(p.text_content())) for p in tree.iter("p")]
        for element, text in paragraphs:
            if text.startswith(prefix):
                bold = _bold_lead(element)
                if bold and len(bold) >= 30:
                    out.append(bold)  # the chapô is the bold run that opens the paragraph
                elif len(text) <= _MAX_TEASED:
                    out.append(text)
                break
    return list(dict.fromkeys(out))


def _bold_lead(element) -> str | None:
    """Text of a <strong>/<b> that opens *element* (nothing before it), if any."""
    if (element.text or "").strip() or not len(element) or element[0].tag not in ("strong", "b"):
        return None
    return _norm(element[0].text_content()) or None


def split_standfirst(lines: list[str], candidates: list[str]) -> tuple[str | None, list[str]]:
    """If the body opens with a candidate standfirst, move it out of the body.

    The standfirst must be exactly the first one or more lines, and more body
    text than standfirst must stay (otherwise the page is all article).
    """
    content = [i for i, line in enumerate(lines) if line.strip()]
    for candidate in candidates:
        joined = ""
        for k, i in enumerate(content[:6]):
            joined = _norm(joined + " " + lines[i])
            if joined == candidate:
                rest = content[k + 1:]
                if rest and sum(len(lines[j]) for j in rest) > len(joined):
                    return joined, lines[rest[0]:]
                break
            if not candidate.startswith(joined):
                break
    return None, lines


# -- reader -------------------------------------------------------------------

def parse_html(text: str) -> dict:
    if is_truncated(text):
        raise InputError("the HTML page is truncated (it never closes <body> or <html>)",
                         "download the page again; a cut-off page would give a cut-off article")
    try:
        tree = load_html(text)
        # Given the tree, trafilatura works on a copy of it: the same tree as its own parse
        # of the text (load_html ignores its size limit for text), for a fraction of the time.
        doc = trafilatura.bare_extraction(text if tree is None else tree, with_metadata=True,
                                          date_extraction_params=DATE_OPTIONS, **EXTRACT_OPTIONS)
    except Exception:  # noqa: BLE001 - lxml asserts on some non-HTML (SVG, odd XML) markup
        raise InputError("no article text was found in the page (the markup is not an HTML page)",
                         "check that the file is an HTML article page") from None
    if doc is None or not (doc.text or "").strip():
        raise InputError("no article text was found in the page",
                         "check that the page is an article and not an index or an error page")
    if not doc.title:
        raise InputError("the page has no title", "add a <title> or <h1> to the page")
    author = doc.author
    date_text = doc.date
    title = _norm(doc.title)
    lines: list[str] = []
    for line in doc.text.split("\n"):
        clean = squash_spaces(line)
        if not any(lines) and clean == title:
            continue  # the page's <h1>, already the title
        byline = parse_byline(clean) if len(lines) < 3 or not any(lines) else None
        if byline is not None:
            author = author or byline[0]
            date_text = date_text or byline[1]
            continue
        if clean and (is_boilerplate(line) or (is_byline(clean) and len(clean) < 80)):
            continue
        lines.append(clean)
    standfirst, lines = split_standfirst(lines, standfirst_candidates(tree) if tree is not None else [])
    blocks = build_blocks(lines)
    count = sum(len(words(b.text)) for b in blocks)
    if count < MIN_ARTICLE_WORDS:
        raise InputError(f"no article text was found in the page (only {count} words once menus and "
                         "boilerplate are removed)",
                         "check that the page is an article and not an index or an error page")
    if tree is not None:
        author = author or page_author(tree)
    return {
        "title": doc.title,
        "source": doc.sitename or doc.hostname,
        "date_text": date_text,
        "language": page_language(tree) if tree is not None else None,
        "language_from": "page",
        "url": doc.url,
        "author": author,
        "standfirst": standfirst,
        "blocks": blocks,
    }
