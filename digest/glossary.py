"""Editor-kept glossary: loading, validation and term linking.

Terms come from `content/glossary.yml` (a list) and/or `content/glossary/*.md`
(one term a file: front matter term/aliases/language/see_also, body = definition).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import markdown

from slugify import slugify

from .model import GlossaryTerm, Problem
from .text import as_list, safe_markdown, split_sentences

_ARABIC_PREFIX = "(?:وال|بال|لل|فال|كال|ال|و|ب|ل)?"


def _entries_from_yaml(path: Path, display: str) -> tuple[list[tuple[str, dict]], list[Problem]]:
    from .ingest.decode import InputError, refuse_links
    from .ingest.markdown import load_yaml

    try:
        refuse_links(path)
        data = load_yaml(path.read_text("utf-8-sig"), "the glossary", fix="fix the YAML; its terms are not linked until then")
    except UnicodeDecodeError:
        return [], [Problem(display, "the glossary is not UTF-8 text", "re-save it as UTF-8")]
    except InputError as exc:
        return [], [Problem(display, exc.message, exc.hint)]
    except OSError as exc:
        return [], [Problem(display, f"the glossary cannot be read ({exc.strerror})", "check its permissions")]
    if data is None:
        return [], []
    if isinstance(data, dict) and "terms" in data:
        data = data["terms"]
    if not isinstance(data, list):
        return [], [Problem(display, "the glossary must be a list of terms", "write one '- term: …' entry per term")]
    return [(f"{display} (entry {n})", e if isinstance(e, dict) else {}) for n, e in enumerate(data, 1)], []


def _entries_from_folder(folder: Path, root: Path) -> tuple[list[tuple[str, dict]], list[Problem]]:
    from .ingest.decode import InputError, decode_reported, read_bytes
    from .ingest.markdown import split_front_matter

    entries, problems = [], []
    for path in sorted(folder.glob("*.md")):
        display = str(path.relative_to(root))
        try:
            text, damage = decode_reported(read_bytes(path, 1_000_000))
            meta, body = split_front_matter(text)
            if damage is not None:
                problems.append(damage.problem(display))
        except InputError as exc:
            problems.append(Problem(display, exc.message, exc.hint))
            continue
        except OSError as exc:
            problems.append(Problem(display, f"the file cannot be read ({exc.strerror})", "check its permissions"))
            continue
        entry = dict(meta)
        entry.setdefault("id", path.stem)
        entry["definition"] = body.strip() or meta.get("definition")
        entries.append((display, entry))
    return entries, problems


def load_glossary(path: Path, display: str, folder: Path | None = None,
                  root: Path | None = None) -> tuple[tuple[GlossaryTerm, ...], list[Problem]]:
    """Read and validate every term; problems name the file (and entry) to fix."""
    entries, problems = ([], []) if not (path.exists() or path.is_symlink()) else _entries_from_yaml(path, display)
    if folder is not None and folder.is_dir():
        more, issues = _entries_from_folder(folder, root or folder.parent)
        entries += more
        problems += issues
    terms: list[GlossaryTerm] = []
    seen_ids: dict[str, str] = {}
    seen_forms: dict[str, str] = {}
    for where, entry in entries:
        term = str(entry.get("term") or "").strip()
        if not term:
            problems.append(Problem(where, "the entry has no 'term'", "add 'term: …' or remove the entry"))
            continue
        definition = safe_markdown(str(entry.get("definition") or "").strip())
        if entry.get("draft"):
            problems.append(Problem(where, f"{term!r} is a draft and is not linked yet",
                                    "write its definition and remove 'draft: true'", "info"))
            continue
        if not definition:
            problems.append(Problem(where, f"the term {term!r} has no definition", "add 'definition: …'"))
            continue
        term_id = slugify(str(entry.get("id") or term)) or "term"
        if term_id in seen_ids:
            problems.append(Problem(where, f"the id {term_id!r} is used twice (also in {seen_ids[term_id]})",
                                    "give each term its own 'id'"))
            continue
        forms = []
        for form in [term, *as_list(entry.get("aliases"))]:
            key = " ".join(form.split()).casefold()
            if not key:
                continue
            if key in seen_forms and seen_forms[key] != term_id:
                problems.append(Problem(where, f"{form!r} is already a form of {seen_forms[key]!r}",
                                        "remove the duplicate alias"))
                continue
            seen_forms[key] = term_id
            forms.append(" ".join(form.split()))
        see_also = as_list(entry.get("see_also", entry.get("see-also")))
        seen_ids[term_id] = where
        language = entry.get("language")
        terms.append(GlossaryTerm(term_id, term, tuple(dict.fromkeys(f for f in forms[1:] if f != term)),
                                  definition, where, str(language) if language else None, tuple(see_also)))
    # see_also may name a term by its id or by its term; both resolve to the id.
    ids = {t.id: t.id for t in terms} | {t.term.casefold(): t.id for t in terms}
    ids |= {slugify(t.term): t.id for t in terms}
    resolved = []
    for t in terms:
        targets = []
        for other in t.see_also:
            target = ids.get(other) or ids.get(other.casefold()) or ids.get(slugify(other))
            if target is None:
                problems.append(Problem(t.path, f"see_also names an unknown term {other!r}",
                                        "use the id or the term of another glossary entry"))
            elif target != t.id:
                targets.append(target)
        resolved.append(replace(t, see_also=tuple(dict.fromkeys(targets))))
    return tuple(sorted(resolved, key=lambda t: (t.term.casefold(), t.id))), problems


def _is_acronym(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(form) <= 8


def _is_arabic(form: str) -> bool:
    return bool(re.search(r"[\u0600-\u06ff]", form))


def _pieces(form: str) -> list[str]:
    """The form as regex pieces: one per character, escaped, and one per run of spaces (any run of spaces)."""
    pieces: list[str] = []
    for i, part in enumerate(form.split()):
        pieces += [r"\s+"] * bool(i) + [re.escape(c) for c in part]
    return pieces


def _form_pattern(form: str) -> str:
    body = "".join(_pieces(form))
    if _is_acronym(form):
        return body  # acronyms keep their case: "IA" is not "ia"
    if _is_arabic(form):
        return f"{_ARABIC_PREFIX}{body}"
    return f"(?i:{body}(?:s|x|es)?)"


def _opening(form: str) -> str:
    """What the first `_OPENING` characters of any match of *form* look like (fewer for a short form).

    Case rules as in `_form_pattern`; an Arabic prefix may come first. A run of
    spaces ends the opening: its length is not known.
    """
    pieces = _pieces(form)[:_OPENING]
    if r"\s+" in pieces:
        pieces = pieces[:pieces.index(r"\s+")] + [r"\s"]
    opening = "".join(pieces)
    if _is_acronym(form):
        return opening
    if _is_arabic(form):
        return f"[{_ARABIC_INITIALS}]|{opening}"
    return f"(?i:{opening})"


def _initials(form: str) -> tuple[str, bool]:
    """The characters that can open a match of *form*, as character-class text, and whether case is ignored."""
    first = _pieces(form)[0]
    if _is_acronym(form):
        return first, False
    if _is_arabic(form):
        return _ARABIC_INITIALS + first, False
    return first, True


def _starts(forms: list[str]) -> re.Pattern:
    """Where a form may begin: a word start with a character that can open one (only that character is matched:
    the next one may be another such start, as in "##MeToo")."""
    initials = [_initials(f) for f in forms]
    exact = "".join(sorted({chars for chars, folded in initials if not folded}))
    folded = "".join(sorted({chars for chars, folded in initials if folded}))
    classes = [f"[{exact}]"] * bool(exact) + [f"(?i:[{folded}])"] * bool(folded)
    return re.compile(rf"(?<![^\W_])(?:{'|'.join(classes)})")


@dataclass(frozen=True)
class Matcher:
    """Finds glossary forms in text.

    One alternation of every form tried at every character cost a second per
    thousand articles. Here a cheap scan finds the word starts whose character can
    open a form, and only the forms whose first characters fit are tried there,
    in the alternation's order (longest form first), so the result is the same.
    """

    starts: re.Pattern | None
    openings: tuple[tuple[re.Pattern, str], ...]  # (first characters, form pattern), longest form first
    lookup: dict[str, tuple[tuple[str, str], ...]]  # form key -> (form, term id), longest form first
    terms: dict[str, GlossaryTerm]
    _by_opening: dict[str, re.Pattern | None] = field(default_factory=dict, repr=False, compare=False)
    _by_surface: dict[str, str | None] = field(default_factory=dict, repr=False, compare=False)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Non-overlapping (start, end, term id), longest form first at each place."""
        if self.starts is None:
            return []
        out: list[tuple[int, int, str]] = []
        end = 0
        # This loop runs at every word start the scan finds, and few of them open a form:
        # the table lookup comes first and is one dict.get (_UNSEEN: not compiled yet).
        by_opening = self._by_opening
        for start in self.starts.finditer(text):
            at = start.start()
            opening = text[at:at + _OPENING]
            forms = by_opening.get(opening, _UNSEEN)
            if forms is None or at < end:
                continue
            if forms is _UNSEEN:
                forms = self._forms_opening(opening)
                if forms is None:
                    continue
            m = forms.match(text, at)
            if m is None:
                continue
            end = m.end()
            surface = m.group()
            term_id = self._by_surface[surface] if surface in self._by_surface else self._term_of(surface)
            if term_id:
                out.append((m.start(), end, term_id))
        return out

    def _forms_opening(self, opening: str) -> re.Pattern | None:
        """The alternation of the forms that can start with *opening*, compiled once per opening."""
        alternation = "|".join(pattern for first, pattern in self.openings if first.match(opening))
        found = re.compile(rf"(?:{alternation})(?![^\W_])") if alternation else None
        self._by_opening[opening] = found
        return found

    def _term_of(self, surface: str) -> str | None:
        """The term whose form the surface is: only forms that share its key are tried.

        A surface is a form, maybe with a plural ending or an Arabic prefix; trying
        every form in turn made 10,000 terms cost seconds per page.
        """
        key = _form_key(surface)
        keys = {key, key[:-1], key[:-2], *(key[len(p):] for p in _ARABIC_PREFIXES if key.startswith(p))}
        candidates = sorted({c for k in keys for c in self.lookup.get(k, ())}, key=lambda c: (-len(c[0]), c[0]))
        found = next((tid for form, tid in candidates if _compiled(form).fullmatch(surface)), None)
        self._by_surface[surface] = found
        return found


_UNSEEN = object()
_ARABIC_PREFIXES = ("وال", "بال", "لل", "فال", "كال", "ال", "و", "ب", "ل")
_ARABIC_INITIALS = "".join(sorted({p[0] for p in _ARABIC_PREFIXES}))
_OPENING = 2  # characters that pick the forms to try at a place (three or four were no faster)


def _form_key(form: str) -> str:
    return " ".join(form.split()).casefold()


@lru_cache(maxsize=None)
def _compiled(form: str) -> re.Pattern:
    return re.compile(_form_pattern(form))


def make_matcher(terms: tuple[GlossaryTerm, ...]) -> Matcher:
    pairs = sorted({(f, t.id) for t in terms for f in t.forms if f.split()}, key=lambda p: (-len(p[0]), p[0]))
    if not pairs:
        return Matcher(None, (), {}, {})
    lookup: dict[str, list] = {}
    for form, tid in pairs:
        lookup.setdefault(_form_key(form), []).append((form, tid))
    forms = [f for f, _ in pairs]
    openings = tuple((re.compile(_opening(f)), _form_pattern(f)) for f in forms)
    return Matcher(_starts(forms), openings, {k: tuple(v) for k, v in lookup.items()}, {t.id: t for t in terms})


def plain_definition(term: GlossaryTerm) -> str:
    """The definition without Markdown syntax, for tooltips."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", term.definition)
    text = re.sub(r"[*_`#>]+", "", text)
    return " ".join(text.split())


def short_definition(term: GlossaryTerm, limit: int = 200) -> str:
    plain = plain_definition(term)
    sentences = split_sentences(plain)
    text = sentences[0] if sentences else plain
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


# --- linking inside editor Markdown -------------------------------------------

# Spans of a Markdown line that are never linked: code, links and images (link text may
# hold backslash escapes), [[wiki links]], whole <a>/<code> elements, any other raw HTML
# tag with its attributes, and bare URLs.
_BRACKETED = r"\[(?:\\.|[^\]\\])*\]"
_PROTECTED = re.compile(
    r"`+[^`]*`+"
    rf"|(?<!\\)!?{_BRACKETED}\((?:\\.|[^)\\])*\)(?:\{{[^}}]*\}})?"
    rf"|(?<!\\)!?{_BRACKETED}\[[^\]]*\]"
    r"|\[\[[^\]]+\]\]"
    r"|<(a|code|pre|kbd|script|style|abbr)\b[^>]*>.*?</\1\s*>"
    r"|<!--.*?-->"
    r"|<[^>]+>"
    r"|https?://\S+",
    re.IGNORECASE,
)
_FENCE = re.compile(r"^\s*(```|~~~)")
_SKIP_LINE = re.compile(r"^\s*(#|!!!|\?\?\?|===|\[[^\]]+\]:|\*\[)")
_SETEXT_UNDERLINE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_CONTAINER = re.compile(r"^\s*(!!!|\?\?\?|[-*+]\s|\d+[.)]\s)")
# Python-Markdown's block-level tags: a line opening one starts raw HTML up to its closing tag.
_BLOCK_HTML = frozenset(markdown.Markdown().block_level_elements)
_RAW_BLOCK = re.compile(r"^ {0,3}<([A-Za-z][\w-]*)\b[^>]*>?")
_OPEN_TAG = re.compile(r"<(?:!--(?!.*-->)|[A-Za-z/][^>]*$)")


def link_markdown(markdown: str, link_text) -> str:
    """Apply *link_text* (text -> Markdown) to the plain-text parts of editor Markdown.

    Left exactly as written: ATX and setext headings, fenced and indented code,
    admonition titles, link and image syntax, inline code, raw HTML (also tags
    spread over several lines, and the text of <a> and <code> elements), bare URLs.
    """
    lines = markdown.split("\n")
    out_lines = []
    in_fence = None
    in_tag = ""  # what closes the open tag: ">" or "-->"
    in_container = False
    raw_block, depth = "", 0
    for i, line in enumerate(lines):
        fence = _FENCE.match(line)
        blank = not line.strip()
        indented = line.startswith(("    ", "\t"))
        if in_fence:
            if fence and fence.group(1) == in_fence:
                in_fence = None
            out_lines.append(line)
            continue
        if fence:
            in_fence = fence.group(1)
            out_lines.append(line)
            continue
        if raw_block:  # raw HTML block: Markdown is not read there, so a link would show as text
            depth += len(re.findall(rf"<{raw_block}\b", line, re.I)) - len(re.findall(rf"</{raw_block}\s*>", line, re.I))
            raw_block = raw_block if depth > 0 else ""
            out_lines.append(line)
            continue
        block = _RAW_BLOCK.match(line)
        if block and block.group(1).lower() in _BLOCK_HTML and not re.search(r"\smarkdown\b", block.group(0)):
            raw_block = block.group(1)
            depth = len(re.findall(rf"<{raw_block}\b", line, re.I)) - len(re.findall(rf"</{raw_block}\s*>", line, re.I))
            raw_block = raw_block if depth > 0 else ""
            out_lines.append(line)
            continue
        if in_tag:  # inside an HTML tag or comment that opened on an earlier line
            in_tag = "" if in_tag in line else in_tag
            out_lines.append(line)
            continue
        if not blank and not indented:
            in_container = bool(_CONTAINER.match(line))
        following = lines[i + 1] if i + 1 < len(lines) else ""
        skip = (
            _SKIP_LINE.match(line)
            or (not blank and _SETEXT_UNDERLINE.match(following) and not _CONTAINER.match(line))
            or _SETEXT_UNDERLINE.match(line)
            or (indented and not in_container and _code_block(out_lines))
        )
        if skip or blank:
            out_lines.append(line)
            continue
        pieces, pos = [], 0
        for m in _PROTECTED.finditer(line):
            pieces.append(link_text(line[pos:m.start()]))
            pieces.append(m.group(0))
            pos = m.end()
        rest = line[pos:]
        tag = _OPEN_TAG.search(rest)
        if tag:  # a tag (or comment) opens here and closes on a later line
            pieces.append(link_text(rest[:tag.start()]))
            pieces.append(rest[tag.start():])
            in_tag = "-->" if rest[tag.start():].startswith("<!--") else ">"
        else:
            pieces.append(link_text(rest))
        out_lines.append("".join(pieces))
    return "\n".join(out_lines)


def _code_block(previous: list[str]) -> bool:
    """An indented line is code when it follows a blank line or more code (outside lists and admonitions)."""
    last = previous[-1] if previous else ""
    # An ATX heading, an HTML tag line, and abbreviation or link definitions (removed before
    # blocks are read) end a block: an indented line right after them is code too.
    return not last.strip() or last.startswith(("    ", "\t")) or bool(
        re.match(r" {0,3}(#{1,6}(\s|$)|<|\*\[|\[[^\]]+\]:)", last))
