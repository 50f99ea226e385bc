"""Feeds: RSS 2.0 and JSON Feed 1.1 of the site, of each story, tag and source, and the
`<link rel="alternate">` tags that announce them in page heads.

Pure functions; no feed holds a build time, so a feed changes only when its entries do.
Feed links are absolute, so nothing is written without `site_url`.
"""
from __future__ import annotations

import datetime as dt
import html
import json
import re
from email.utils import format_datetime
from xml.sax.saxutils import escape as xml_escape

from .config import DigestConfig
from .model import Digest, Note
from .render import source_path, tag_slug
from .stories import Stories


def topic_feeds(newest: list[Digest]) -> list[tuple[str, dict[str, str], str, list[Digest]]]:
    """(page path, feed paths, name, digests newest first) of each tag and each source: their feeds
    are `feeds/tags/<slug>.xml` and `.json`, `feeds/sources/<slug>.xml` and `.json`."""
    topics: dict[str, tuple[dict, str, list]] = {}
    for d in newest:
        names = [(f"tags/{tag_slug(t)}.md", t) for t in dict.fromkeys(d.article.tags)]
        if d.article.source:
            names.append((source_path(d.article.source), d.article.source))
        for path, name in names:
            entry = topics.get(path)
            if entry is None:
                stem = path[:-3]
                entry = topics[path] = ({"rss": f"feeds/{stem}.xml", "json": f"feeds/{stem}.json"}, name, [])
            if len(entry[2]) < 50:  # the feeds' length
                entry[2].append(d)
    return [(path, *topics[path]) for path in sorted(topics)]


def story_feeds(slug: str) -> dict[str, str]:
    """Site-relative paths of a story's feeds."""
    return {"rss": f"feeds/stories/{slug}.xml", "json": f"feeds/stories/{slug}.json"}


def alternate_links(threads: Stories | None, config: DigestConfig, digests=()) -> dict[str, list[tuple[str, str, str]]]:
    """Page path -> its feeds as (type, title, absolute URL), for `<link rel="alternate">` in the head:
    the site's feeds on every page ("" holds them), a story's on its page and its digests' pages,
    a tag's or a source's on its page (*digests* give them). Nothing without `site_url` (feed links
    must be absolute)."""
    if not config.site_url:
        return {}
    base = _site_base(config)
    site = [("application/rss+xml", config.site_title, base + "feed.xml"),
            ("application/feed+json", config.site_title, base + "feed.json")]
    out: dict[str, list] = {"": site}
    for story in threads.stories if threads else ():
        paths = story_feeds(story.slug)
        title = f"{config.site_title} — {story.title}"
        mine = [("application/rss+xml", title, base + paths["rss"]),
                ("application/feed+json", title, base + paths["json"])] + site
        out[f"stories/{story.slug}.md"] = mine
        for slug in story.members:
            out[f"digests/{slug}.md"] = mine
    for page, paths, name, _items in topic_feeds(sorted(digests, key=_sort_key, reverse=True)):
        title = f"{config.site_title} — {name}"
        out[page] = [("application/rss+xml", title, base + paths["rss"]),
                     ("application/feed+json", title, base + paths["json"])] + site
    return out


def feed_tags(feeds: list[tuple[str, str, str]]) -> str:
    """`<link rel="alternate">` tags, every value escaped."""
    return "\n".join(f'<link rel="alternate" type="{kind}" title="{html.escape(" ".join(title.split()), quote=True)}" '
                     f'href="{html.escape(url, quote=True)}">' for kind, title, url in feeds)


def _summary_text(digest: Digest) -> str:
    return " ".join(digest.summary)


def _sort_key(digest: Digest):
    return (digest.article.date or "0000-00-00", digest.slug)


def _plain_excerpt(markdown: str, limit: int = 300) -> str:
    text = re.sub(r"\[\[([^\]|]+)(?:\|([^\]]+))?\]\]", lambda m: m.group(2) or m.group(1), markdown)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = " ".join(re.sub(r"[*_`#>|]+", "", text).split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def page_url(name: str, directory_urls: bool = True) -> str:
    """Where MkDocs publishes a page ("digests/x" -> "digests/x/" or "digests/x.html")."""
    return f"{name}/" if directory_urls else f"{name}.html"


def _feed_entries(digests: list[Digest], notes: list[Note], limit: int = 50,
                  directory_urls: bool = True) -> list[dict]:
    """The newest digests and standalone notes, as the feeds list them."""
    entries = [{"date": d.article.date or "", "title": d.article.title,
                "path": page_url(f"digests/{d.slug}", directory_urls),
                "text": " ".join(_summary_text(d).split()), "language": d.article.language,
                "tags": list(dict.fromkeys(d.article.tags))} for d in digests]
    entries += [{"date": n.date or "", "title": n.title, "path": page_url(f"notes/{n.slug}", directory_urls),
                 "text": " ".join(_plain_excerpt(n.body).split()), "language": None,
                 "tags": list(dict.fromkeys(n.tags))} for n in notes]
    entries.sort(key=lambda e: (e["date"], e["path"]), reverse=True)
    return entries[:limit]


def _site_base(config: DigestConfig) -> str:
    return str(config.site_url).rstrip("/") + "/"


def render_feed(config: DigestConfig, entries: list[dict], title: str | None = None) -> str:
    """RSS 2.0 (no build timestamp: output is reproducible); *title* names a topic's feed."""
    base = _site_base(config)
    title = title or config.site_title
    items = []
    for e in entries:
        pub = ""
        if e["date"]:
            day = dt.datetime.fromisoformat(e["date"]).replace(tzinfo=dt.timezone.utc)
            pub = f"<pubDate>{format_datetime(day)}</pubDate>"
        items.append(f"<item><title>{xml_escape(e['title'])}</title><link>{xml_escape(base + e['path'])}</link>"
                     f"<guid isPermaLink=\"false\">{xml_escape(e['path'])}</guid>{pub}"
                     f"<description>{xml_escape(e['text'])}</description></item>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
            f"<title>{xml_escape(title)}</title><link>{xml_escape(base)}</link>"
            f"<description>{xml_escape(title)}</description>"
            f"<language>{xml_escape(config.site_language)}</language>\n" + "\n".join(items) +
            "\n</channel></rss>\n")


def render_json_feed(config: DigestConfig, entries: list[dict], title: str | None = None,
                     path: str = "feed.json") -> str:
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1) of the same entries as the RSS feed
    (*title* and *path*: a topic's feed)."""
    base = _site_base(config)
    items = []
    for e in entries:
        item = {"id": base + e["path"], "url": base + e["path"], "title": e["title"],
                "summary": e["text"], "content_text": e["text"]}
        if e["date"]:
            item["date_published"] = f"{e['date']}T00:00:00Z"
        if e["language"]:
            item["language"] = e["language"]
        if e["tags"]:
            item["tags"] = e["tags"]
        items.append(item)
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": title or config.site_title,
            "home_page_url": base, "feed_url": base + path, "language": config.site_language,
            "items": items}
    return json.dumps(feed, ensure_ascii=False, indent=2) + "\n"
