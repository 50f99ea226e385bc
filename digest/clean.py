"""Boilerplate removal and body structure for scraped text.

Scrapers of news aggregators leave the same debris on every page: a ticker of
other headlines, "report this image" notices, "read at the source" footers and
cookie banners. Each is recognised by a small, documented pattern here.
"""
from __future__ import annotations

import re

from .dates import parse_date
from .model import Block
from .text import squash_spaces, strip_accents, words

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
# Cookie banners are recognised by their own wording ("we use cookies", "accept all
# cookies", "cookie policy"), not by "cookie" and "use" anywhere in a line: articles
# about bakeries, browsers and ad tracking say those words too.
_COOKIE = re.compile(
    r"\b(?:nous utilisons (?:des |les )?(?:cookies|traceurs)|(?:ce|notre) site (?:web |internet )?utilise (?:des )?cookies"
    r"|we (?:use|and our partners use) cookies|(?:this|our) (?:web)?site uses cookies"
    r"|(?:utilizamos|usamos) (?:cookies|galletas)|(?:este|nuestro) sitio (?:web )?(?:utiliza|usa) cookies"
    r"|accept(?:er|ez)? (?:tous )?(?:les )?cookies|accept (?:all |the )?cookies"
    r"|acept(?:ar|a|o) (?:todas )?(?:las )?cookies|cookies? (?:settings|policy|preferences|consent|notice)"
    r"|politique (?:de |des |relative aux )?cookies|pol[íi]tica de cookies|configuraci[óo]n de (?:las )?cookies"
    r"|param[èe]tr(?:er|es?) (?:les |des )?cookies|g[ée]rer (?:les |mes )?cookies|manage (?:your )?cookies"
    r"|(?:by continuing|en poursuivant|si contin[úu]a)[^.]{0,80}cookies)\b"
    r"|ملفات تعريف الارتباط",
    re.IGNORECASE,
)

# Lines that point away from the article: "read also" teasers, photo credits,
# calls to subscribe, follow or share, paywall notices and copyright lines. Each
# is anchored at the start of a short line (`_DEBRIS_MAX` characters), so a
# sentence that merely contains these words is kept; teasers and credits must
# also be followed by a headline or a name, not by running text (see
# `_points_away`): "Lire aussi : Le Maroc…" and "Photo : AFP" go, "Voir aussi le
# rapport…" and "Image : le gouvernement tente…" stay.
_LEAD = r"^[\s»>›▶►•·*+\-–—|]*"
_TEASER = [
    # "see also" link teasers: fr, en, es, ar
    r"(?:[àa] lire (?:aussi|[ée]galement|ensuite)|lire (?:aussi|[ée]galement|la suite)|[àa] voir aussi|voir aussi)\b",
    r"(?:sur le m[êe]me (?:sujet|th[èe]me)|dans la m[êe]me rubrique)\s*(?:[:|\-–—»]|$)",
    r"(?:read (?:more|also|next)|see also|related(?: (?:articles?|stories|content|news))?|more on this(?: story)?"
    r"|recommended(?: for you)?|you (?:may|might) also like|also read)\s*[:|\-–—]",
    r"(?:lea|lee|leer|vea|ver|mira|mire) (?:tambi[ée]n|m[áa]s|adem[áa]s)\b|lea\s*:|(?:le|te) puede(?:n)? interesar\b|puede interesarte\b"
    r"|(?:vea|ver|mira|mire|puedes ver|no te pierdas|noticias? relacionadas?|contenido relacionado"
    r"|notas? relacionadas?|art[íi]culos? relacionados?)\s*[:|\-–—]",
    r"(?:اقرأ|إقرأ|اقرا) (?:أيضا|أيضاً|ايضا|المزيد)|(?:شاهد|طالع) (?:أيضا|أيضاً|ايضا)|مواضيع ذات صلة|أخبار ذات صلة",
]
_CREDIT = [
    r"(?:cr[ée]dits?(?: photos?)?|photos? ?(?:credits?|cr[ée]dit)?|illustration|image|foto(?:graf[íi]a)?|imagen"
    r"|source (?:photo|image))\s*[:©]",
    r"©(?=\s*\S)",
    r"(?:copyright\b|\(c\)(?= ?\d{4}))",
    r"(?:الصورة|صورة|مصدر الصورة)\s*[:：]",
]
_CALL = [
    r"(?:abonnez-vous|inscrivez-vous|suivez[- ]nous|t[ée]l[ée]chargez (?:notre|l'application)|partager (?:sur|cet)"
    r"|pour (?:lire la suite|acc[ée]der [àa] (?:cet article|l'article|la suite|l'int[ée]gralit[ée]|ce contenu|tous nos)"
    r"|continuer [àa] lire(?: cet article| la suite)?\s*(?:[,:.]|$))"
    r"|d[ée]j[àa] abonn[ée]|cet article est r[ée]serv[ée] aux abonn[ée]s)",
    r"(?:subscribe (?:now|to|for|today)|sign up (?:now|today|here|(?:for|to) (?:our|my|free|a free|updates"
    r"|(?:the |our )?(?:\w+ )?newsletter))|follow (?:us|[\w.&' ]{1,40}) on (?:twitter|x\b|facebook|instagram"
    r"|linkedin|tiktok|youtube|threads|telegram|whatsapp|google news|bluesky|mastodon|social media)"
    r"|share (?:this|on)\b|to (?:view|read) the full story|already a subscriber|click here to (?:subscribe|sign up)"
    r"|download (?:our|the) (?:free )?apps?)",
    r"(?:s[íi]guenos en|suscr[íi]bete|susc[ée]ribase|reg[íi]strate|hazte (?:miembro|socio)|ya eres (?:suscriptor|socio)"
    r"|comparte (?:esta|en)|descarga (?:nuestra|la) app|[úu]nete a nuestro canal)",
    # Arabic calls need their object: "شارك" and "اشترك في" alone also mean "took part (in)".
    r"(?:تابعونا|اشترك(?:وا)? في (?:النشرة|نشرتنا|قناتنا)|حمل(?:وا)? تطبيق|شارك(?:وا)? (?:المقال|هذا المقال|على))",
]
_RIGHTS = re.compile(
    r"all rights reserved|tous droits r[ée]serv[ée]s|todos los derechos reservados|جميع الحقوق محفوظة"
    r"|is the copyrighted property of|written permission must be obtained|reproduction (?:interdite|prohibited)"
    r"|prohibida (?:su|la) reproducci[óo]n",
    re.IGNORECASE,
)
TEASER_RE = re.compile(_LEAD + "(?:" + "|".join(_TEASER) + ")", re.IGNORECASE)
CREDIT_RE = re.compile(_LEAD + "(?:" + "|".join(_CREDIT) + ")", re.IGNORECASE)
CALL_RE = re.compile(_LEAD + "(?:" + "|".join(_CALL) + ")", re.IGNORECASE)

# A byline or dateline on its own line: "AFP, publié le lundi 6 novembre 2017 à 20h00",
# "Updated: March 3, 2024", "Publicado el 14 de marzo de 2024", "نشر في 5 يوليو 2025".
BYLINE_RE = re.compile(
    r"^(?:(?:par|by|por|بقلم|source|fuente|المصدر)\s*:?\s+)?(?:(?P<author>[^,|:]{1,80}?)\s*[,|–—-]\s*)?"
    r"(?P<verb>(?:publi[ée]e?|mis(?:e)? [àa] jour|modifi[ée]e?|actualis[ée]e?|posted|published|updated|last updated"
    r"|publicad[oa]|actualizad[oa]|modificad[oa]|نشر(?:ت)?|تم النشر|آخر تحديث|محدث)"
    r"(?:\s+(?:le|on|el|en|at|a las|في|يوم|بتاريخ))?\s*:?)\s+(?P<when>.*\d.*)$",
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


_DEBRIS_MAX = 120  # teasers, credits and calls are short lines
_SEPARATORS = ":|»›-–—©"


def _points_away(line: str, match: re.Match) -> bool:
    """After a teaser or credit trigger: nothing, a headline or a name — not running text.

    "Lire aussi : Le Maroc …", "» Lire aussi Le port de Safi", "Photo : AFP" and
    "Sur le même sujet :" point away; "Voir aussi le rapport …", "Related: the
    ministry also cut …", "Image : le gouvernement tente …" are sentences.
    """
    head, rest = match.group(0).rstrip(), line[match.end():]
    separated = head[-1:] in _SEPARATORS or rest.lstrip()[:1] in _SEPARATORS
    tail = rest.lstrip(" " + _SEPARATORS + "\u00a0").rstrip()
    if not tail:
        return True
    if tail[0].islower():
        # Lower case after the trigger: running text, unless a separator leads to a bare
        # name of a few words ("Photo : archives", "Foto: cortesía").
        return separated and len(tail.split()) <= 3 and not tail.endswith((".", "…"))
    return separated or not tail.endswith((".", "…"))


def is_teaser(line: str) -> bool:
    """A "read also" / "related" link teaser, in fr, en, es or ar."""
    m = TEASER_RE.match(line) if len(line) <= _DEBRIS_MAX else None
    return bool(m) and _points_away(line, m)


def is_credit(line: str) -> bool:
    """A photo credit or copyright line ("Crédits photos : AFP", "© Reuters")."""
    m = CREDIT_RE.match(line) if len(line) <= _DEBRIS_MAX else None
    return bool(m) and _points_away(line, m) or len(line) < 300 and bool(_RIGHTS.search(line))


def is_call_to_action(line: str) -> bool:
    """Subscribe, follow, share, download-the-app and paywall lines."""
    return len(line) <= _DEBRIS_MAX and bool(CALL_RE.match(line))


def parse_byline(line: str) -> tuple[str | None, str] | None:
    """(author or None, date text) when *line* is a byline/dateline, else None."""
    if len(line) > 160:
        return None
    m = BYLINE_RE.match(line)
    if not m:
        return None
    author = (m["author"] or "").strip() or None
    if author and parse_date(author):
        # "Publié le 02/07 à 10h - Mis à jour le 03/07": the first part is the date, not an author.
        when = line[m.start("author"):].strip()
        return (None, when) if _only_a_date(when) else None
    if author and (len(author.split()) > 8 or author.endswith(_END_PUNCT)):
        return None
    when = m["when"].strip()
    if parse_date(when) is None or not _only_a_date(when):
        return None  # "Publicado el informe 2024…" or "Le rapport, publié le 3 mars 2020, recommande…"
    return author, when


_DATE_WORDS = frozenset(
    """lundi mardi mercredi jeudi vendredi samedi dimanche monday tuesday wednesday thursday friday
    saturday sunday mon tue wed thu fri sat sun lunes martes miercoles jueves viernes sabado domingo
    le la les a at on el de del en las los h hrs am pm gmt utc cet cest est edt bst wet west heure heures
    hora horas mis jour modifie updated actualizado الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد
    يوم في على الساعة بتاريخ""".split()
)


def _only_a_date(text: str) -> bool:
    """True when *text* holds a date and time and nothing else worth reading."""
    from .dates import MONTHS

    other = [w for w in words(strip_accents(text.lower()))
             if not any(c.isdigit() for c in w) and w not in _DATE_WORDS and w not in MONTHS
             and strip_accents(w) not in MONTHS]
    return len(other) <= 1


def is_byline(line: str) -> bool:
    return parse_byline(line) is not None


def is_page_debris(line: str) -> bool:
    """Lines from a web page that are not article text (HTML and pasted pages)."""
    return is_teaser(line) or is_credit(line) or is_call_to_action(line)


def is_boilerplate(raw_line: str) -> bool:
    line = squash_spaces(raw_line)
    return (is_ticker(raw_line) or is_notice(line) or is_footer(line) or is_cookie(line)
            or is_page_debris(line))


_END_PUNCT = tuple(".,;:!?…»\"”)’'؟،%")  # a figure ends a sentence, not a heading


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
