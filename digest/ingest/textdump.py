"""Reader for aggregator text dumps (the `../shared/seeds/*.txt` format).

Layout: ticker line, "report this image" notice, title, a dateline such as
`Publié dans <Source> le DD - MM - YYYY`, the body (one paragraph a line, with
short sub-heading lines) and a "read at the source" footer.
"""
from __future__ import annotations

import re

from ..clean import build_blocks, is_boilerplate, is_footer, is_notice, is_ticker, parse_byline
from ..dates import parse_date
from ..text import squash_spaces
from .decode import InputError

DATELINE = re.compile(
    r"^(?:publi[ée]e?s? dans|published in|publicad[oa] en|نشر(?:ت)? (?:في|ب))\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
_DATE_SEPARATOR = re.compile(r"\s(?:le|on|el|يوم|بتاريخ|في)\s", re.IGNORECASE)
_CAPTION = re.compile(r"©|\((?:photo|crédit|credit|foto|ph\.)\b|^(?:photo|crédit photo|credit|foto|صورة)\s*[:|/]"
                      r"|\b(?:photo|foto)\s*:\s*\S+\s*\)?$", re.IGNORECASE)
HEADER_LINES = 12  # the dateline sits near the top; later "Published in …" is body text


def parse_dateline(line: str) -> tuple[str, str] | None:
    """(source, date text) when *line* is a dateline with a real date, else None.

    The source may itself contain "le"/"on" ("Aujourd'hui le Maroc"), so the date
    is what follows the last separator that leaves a valid date behind it.
    """
    if len(line) > 300:
        return None
    m = DATELINE.match(line)
    if not m:
        return None
    rest = m.group("rest")
    separators = [sep for sep in reversed(list(_DATE_SEPARATOR.finditer(rest))) if sep.start() > 0]
    for sep in separators:
        if parse_date(rest[sep.end():].strip()):
            return rest[:sep.start()].strip(), rest[sep.end():].strip()
    # A date-shaped but impossible date ("31 - 02 - 2024") still marks the dateline;
    # the date itself is then dropped with a warning.
    for sep in separators:
        date_text = rest[sep.end():].strip()
        if len(date_text) <= 40 and re.search(r"\d", date_text) and not re.search(r"[.!?]\s", date_text):
            return rest[:sep.start()].strip(), date_text
    return None


def _header_noise(raw: str) -> bool:
    """Lines above the title: tickers and "report this image" notices."""
    line = squash_spaces(raw)
    return not line or is_ticker(raw) or is_boilerplate(raw)


def parse_dump(text: str) -> dict:
    lines = text.split("\n")
    for i, raw in enumerate(lines):
        if is_footer(squash_spaces(raw)):
            lines = lines[:i]  # everything after "read at the source" is site chrome
            break
    squashed = [squash_spaces(raw) for raw in lines]
    nonempty = [i for i, line in enumerate(squashed) if line]
    if not nonempty:
        raise InputError("no article text is left once boilerplate is removed",
                         "check that the file is an article page, not a list of headlines")
    source = date_text = None
    dateline_at = next((i for i in nonempty[:HEADER_LINES] if parse_dateline(squashed[i])), None)
    if dateline_at is not None:
        source, date_text = parse_dateline(squashed[dateline_at])
        # The title is the nearest line above that is not a ticker or a notice;
        # it is never filtered as boilerplate itself ("Cookies : la CNIL…" is a title).
        above = [i for i in nonempty if i < dateline_at and not (is_ticker(lines[i]) or is_notice(squashed[i]))]
        if not above:
            raise InputError("the dateline has no title line above it",
                             "put the article title on the line before 'Publié dans …'")
        # A photo caption or credit can sit between the title and the dateline.
        while len(above) > 1 and _CAPTION.search(squashed[above[-1]]):
            above.pop()
        title_at = above[-1]
        body_from = dateline_at + 1
    else:
        title_at = next((i for i in nonempty if not _header_noise(lines[i])), None)
        if title_at is None:
            raise InputError("no article text is left once boilerplate is removed",
                             "check that the file is an article page, not a list of headlines")
        body_from = title_at + 1
    title = squashed[title_at]
    # Body lines are judged squashed: runs of non-breaking spaces inside a paragraph
    # are typography there, not a ticker.
    body = [line for line in squashed[body_from:] if not (line and is_boilerplate(line))]
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
