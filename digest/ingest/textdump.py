"""Reader for aggregator text dumps (the `../shared/seeds/*.txt` format).

Layout: ticker line, "report this image" notice, title, a dateline such as
`Publié dans <Source> le DD - MM - YYYY`, the body (one paragraph a line, with
short sub-heading lines) and a "read at the source" footer.
"""
from __future__ import annotations

import re

from ..clean import build_blocks, is_boilerplate, is_footer, parse_byline
from ..text import squash_spaces
from .decode import InputError

DATELINE = re.compile(
    r"^(?:publi[ée]e?s? dans|published in|publicad[oa] en|نشر(?:ت)? (?:في|ب))\s+"
    r"(?P<source>.+?)\s+(?:le|on|el|يوم|بتاريخ|في)\s+(?P<date>[\w\s\-/.,:]+?)\s*$",
    re.IGNORECASE,
)


def parse_dump(text: str) -> dict:
    lines = text.split("\n")
    kept: list[str] = []
    for raw in lines:
        line = squash_spaces(raw)
        if is_footer(line):
            break  # everything after "read at the source" is site chrome
        if line and is_boilerplate(raw):
            continue
        kept.append(line)
    nonempty = [i for i, line in enumerate(kept) if line]
    if not nonempty:
        raise InputError("no article text is left once boilerplate is removed",
                         "check that the file is an article page, not a list of headlines")
    source = date_text = None
    dateline_at = next((i for i in nonempty if DATELINE.match(kept[i])), None)
    if dateline_at is not None:
        m = DATELINE.match(kept[dateline_at])
        source, date_text = m["source"].strip(), m["date"]
        before = [i for i in nonempty if i < dateline_at]
        if not before:
            raise InputError("the dateline has no title line above it",
                             "put the article title on the line before 'Publié dans …'")
        title = kept[before[-1]]
        body = kept[dateline_at + 1:]
    else:
        title = kept[nonempty[0]]
        body = kept[nonempty[0] + 1:]
    author = None
    # A byline right under the title ("Par X, publié le 2 juillet 2025") gives
    # the author, and the date when there was no dateline; it is not body text.
    first = next((i for i, line in enumerate(body) if line), None)
    if first is not None:
        byline = parse_byline(body[first])
        if byline is not None:
            author = byline[0]
            date_text = date_text or byline[1]
            body = body[first + 1:]
    blocks = build_blocks(body)
    if not blocks:
        raise InputError("the page has a title but no body text",
                         "check the scrape: the article body is missing")
    return {"title": title, "source": source, "date_text": date_text, "author": author, "blocks": blocks}
