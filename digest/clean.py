"""Boilerplate removal and body structure for scraped text.

Scrapers of news aggregators leave the same debris on every page: a ticker of
other headlines, "report this image" notices, "read at the source" footers and
cookie banners. Each is recognised by a small, documented pattern here.
"""
from __future__ import annotations

import re

from .model import Block
from .text import squash_spaces

_NOTICE = [
    r"merci d'avoir signal[ée]\s*!?",
    r"cette image sera automatiquement bloqu[ée]e.*",
    r"signaler cette image.*",
    r"thanks? (you )?for (reporting|flagging)\s*!?",
    r"this image will (be )?automatically (be )?blocked.*",
    r"report this image.*",
    r"¡?gracias por (informar|reportar|denunciar|avisar)\s*!?",
    r"esta imagen (se bloqueará|será bloqueada) automáticamente.*",
    r"denunciar esta imagen.*",
    r"شكرا (لك )?على (الإبلاغ|التبليغ)\s*!?",
    r"سيتم حظر هذه الصورة تلقائيا.*",
    r"الإبلاغ عن هذه الصورة.*",
]
_FOOTER = [
    r"cliquez ici pour lire l'article (depuis|sur) (sa|la) source\.?",
    r"click here to read the (full )?(article|story)( (from|at|on) (its|the) (original )?source)?\.?",
    r"haga clic aquí para leer el artículo( (desde|en) su fuente)?\.?",
    r"(haz|pulse|pulsa) clic aquí para leer el artículo.*",
    r"(اضغط|انقر) هنا لقراءة (المقال|المقالة|الخبر)( من مصدره| من المصدر)?\.?",
]
_COOKIE = re.compile(
    r"\bcookies?\b.*\b(accept|accepter|acceptez|aceptar|acepta|utilis|use|usamos|utilizamos|consent)"
    r"|\b(accept|accepter|acceptez|aceptar|acepta|utilis|use|usamos|utilizamos)\w*\b.*\bcookies?\b"
    r"|ملفات تعريف الارتباط",
    re.IGNORECASE,
)

NOTICE_RE = re.compile("|".join(f"(?:{p})" for p in _NOTICE), re.IGNORECASE)
FOOTER_RE = re.compile("|".join(f"(?:{p})" for p in _FOOTER), re.IGNORECASE)
_TICKER_SEP = re.compile(r"(?:[ \t]*\u00a0[\u00a0 \t]*){2,}|[ \t]{4,}")


def is_ticker(raw_line: str) -> bool:
    """A line of several headlines joined by runs of (non-breaking) spaces."""
    parts = [p for p in _TICKER_SEP.split(raw_line.strip()) if p.strip()]
    return len(parts) >= 3 or (len(parts) >= 2 and raw_line.rstrip("\n").endswith("\u00a0"))


def is_notice(line: str) -> bool:
    return bool(NOTICE_RE.fullmatch(line))


def is_footer(line: str) -> bool:
    return bool(FOOTER_RE.fullmatch(line))


def is_cookie(line: str) -> bool:
    return len(line) < 400 and bool(_COOKIE.search(line))


def is_boilerplate(raw_line: str) -> bool:
    line = squash_spaces(raw_line)
    return is_ticker(raw_line) or is_notice(line) or is_footer(line) or is_cookie(line)


_END_PUNCT = tuple(".,;:!?…»\"”)’'؟،")


def looks_like_heading(line: str) -> bool:
    """Short, unpunctuated lines between paragraphs are sub-headings."""
    return (
        0 < len(line) <= 90
        and len(line.split()) <= 12
        and not line.endswith(_END_PUNCT)
        and (line[0].isupper() or line[0].isdigit() or not line[0].isalpha() or _rtl(line[0]))
    )


def _rtl(ch: str) -> bool:
    return "\u0590" <= ch <= "\u08ff"


def build_blocks(lines: list[str]) -> tuple[Block, ...]:
    """Group cleaned lines into paragraphs and sub-headings.

    A dump holds one paragraph per line; hard-wrapped text (a line that does
    not end a sentence followed by one starting in lower case) is re-joined.
    A heading needs a paragraph after it, so a trailing short line stays text.
    """
    paragraphs: list[str] = []
    for raw in lines:
        line = squash_spaces(raw)
        if not line:
            paragraphs.append("")
            continue
        if paragraphs and paragraphs[-1] and not paragraphs[-1].endswith(_END_PUNCT) \
                and line[0].islower() and not looks_like_heading(paragraphs[-1] + " " + line):
            paragraphs[-1] += " " + line
        else:
            paragraphs.append(line)
    texts = [p for p in paragraphs if p]
    blocks = []
    for i, text in enumerate(texts):
        following = texts[i + 1] if i + 1 < len(texts) else ""
        heading = looks_like_heading(text) and len(following) > len(text) and not looks_like_heading(following)
        blocks.append(Block("heading" if heading else "paragraph", text))
    return tuple(blocks)
