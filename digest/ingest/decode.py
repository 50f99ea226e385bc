"""Bytes to clean text, with the checks every reader needs first."""
from __future__ import annotations

import gzip
import io
import re
import unicodedata
import zlib

import ftfy
from charset_normalizer import from_bytes
from ftfy.badness import BADNESS_RE
from ftfy.chardata import CONTROL_CHARS, LIGATURES, WIDTH_MAP

from ..text import normalise


class InputError(Exception):
    """A file that cannot become an article; message says why, hint what to do."""

    def __init__(self, message: str, hint: str = "", severity: str = "error") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.severity = severity

    def problem(self, path: str):
        from ..model import Problem
        return Problem(path, self.message, self.hint, self.severity)


def refuse_links(path) -> None:
    """Content is read from real files only: a link could publish any file on the machine
    (`articles/x.txt -> ~/.ssh/id_rsa`), and a link loop has nothing to read."""
    if path.is_symlink():
        target = "a missing or looping target" if not path.exists() else "another file"
        raise InputError(f"the file is a symbolic link to {target}",
                         "digest reads only real files in content/: copy the file here instead of linking it")


def read_bytes(path, max_bytes: int) -> bytes:
    refuse_links(path)
    size = path.stat().st_size
    if size == 0:
        raise InputError("the file is empty", "add the article text or delete the file")
    if size > max_bytes:
        raise InputError(
            f"the file is {size:,} bytes, over the {max_bytes:,}-byte limit",
            "split it, or raise `max_file_size` in the digest plugin config",
        )
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = _gunzip(data, max_bytes)
    return data


def _gunzip(data: bytes, max_bytes: int) -> bytes:
    """Unpack at most max_bytes + 1: a small gzip bomb must not fill the memory."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            out = stream.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(f"the gzip data is corrupt ({exc})", "re-download the page") from None
    if len(out) > max_bytes:
        raise InputError(
            f"the file unpacks to more than the {max_bytes:,}-byte limit",
            "split it, or raise `max_file_size` in the digest plugin config",
        )
    return out


def _utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" for Windows "Unicode" text saved without a BOM, else None.

    Latin-script UTF-16 has a zero in every other byte: zeros on one side only,
    which binary files do not show, and the whole file must then decode.
    """
    head = data[:4096]
    if len(data) % 2 or len(head) < 8:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    encoding = "utf-16-le" if odd > half * 0.3 and even == 0 else "utf-16-be" if even > half * 0.3 and odd == 0 else None
    if encoding:
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            return None
    return encoding


# ftfy repairs UTF-8 read as Windows-1252 ("Ã©" for "é"), common in scraped dumps.
FTFY_OPTIONS = dict(normalization="NFC", unescape_html=False, uncurl_quotes=False, fix_line_breaks=True)
_FTFY_SEGMENT = ftfy.TextFixerConfig().max_decode_length
# Printable ASCII lines are most of a page (markup, scripts): no ftfy step can change them.
_PLAIN_ASCII = re.compile(r"[\t\n\x20-\x7e]*")
# Every character some ftfy step other than the mojibake repair would rewrite: controls
# (C0, C1, terminal escapes), ligatures, full-width forms, line separators, surrogates.
_REWRITTEN = {*CONTROL_CHARS, *LIGATURES, *WIDTH_MAP, *range(0x80, 0xA0), 0x0D, 0x1B, 0x2028, 0x2029}
_FTFY_REWRITES = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_REWRITTEN)) + "\ud800-\udfff]")


# ftfy's mojibake pattern matches at most this many characters, and each of its matches
# holds two non-ASCII characters side by side or one of _MOJIBAKE_ALONE (tests/test_ingest.py
# checks all three on the installed ftfy).
_MOJIBAKE_REACH = 7
_MOJIBAKE_ALONE = frozenset(map(chr, range(0x80, 0xA0))) | frozenset("\u0152\u0153\u00c2\u00c3")  # C1, Œœ, ÂÃ
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
_NON_ASCII_PAIR = re.compile(r"[^\x00-\x7f][^\x00-\x7f]")
# A character ftfy would rewrite, or one a mojibake match can hold alone: one search for both.
_SUSPECT = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_REWRITTEN | set(map(ord, _MOJIBAKE_ALONE))))
                      + "\ud800-\udfff]")
# The same pattern for a whole text: its "^" then matches where each line (ftfy's segment) starts.
_BADNESS_LINES = re.compile(BADNESS_RE.pattern, BADNESS_RE.flags | re.MULTILINE)


def _is_bad(segment: str, pattern: re.Pattern = BADNESS_RE) -> bool:
    """ftfy's own `is_bad(segment)`, searching only within reach of the characters a match needs.

    Its pattern tries dozens of alternatives at every character, and most of a page
    is ASCII markup or script, or single accented letters, where none of them can match.
    """
    start = end = -1
    for run in _NON_ASCII_RUN.finditer(segment):
        if run.end() - run.start() == 1 and run.group() not in _MOJIBAKE_ALONE:
            continue  # no match holds a lone "é"
        low, high = max(run.start() - _MOJIBAKE_REACH + 1, 0), run.end() + _MOJIBAKE_REACH - 1
        if low <= end:  # overlaps the stretch being gathered
            end = high
            continue
        if end >= 0 and pattern.search(segment, start, end):
            return True
        start, end = low, high
    return end >= 0 and bool(pattern.search(segment, start, end))


def _ftfy_unchanged(segment: str) -> bool:
    """True when ftfy.fix_text would return *segment* as it is, found far more cheaply.

    A segment ftfy leaves alone has no mojibake (ftfy's own test), no character
    another of its steps rewrites, and is already NFC.
    """
    return bool(_PLAIN_ASCII.fullmatch(segment)) or (
        len(segment) <= _FTFY_SEGMENT and not _FTFY_REWRITES.search(segment)
        and unicodedata.is_normalized("NFC", segment) and not _is_bad(segment))


def _text_unchanged(text: str) -> bool:
    """`_ftfy_unchanged` for every line of *text* at once (False: ask line by line).

    Each test holds for the lines when it holds for the whole: no rewritten character,
    NFC (a line break never combines with its neighbours), and no mojibake: whole-text
    windows cover each line's, and `_BADNESS_LINES` sees each line's start.
    """
    if len(text) > _FTFY_SEGMENT or not unicodedata.is_normalized("NFC", text):
        return False
    if not _SUSPECT.search(text) and not _NON_ASCII_PAIR.search(text):
        return True  # nothing ftfy rewrites nor a mojibake match needs (most texts): no Python loop
    return not _FTFY_REWRITES.search(text) and not _is_bad(text, _BADNESS_LINES)


def fix_text(text: str) -> str:
    """ftfy.fix_text(text, **FTFY_OPTIONS), skipping the lines it would not change.

    ftfy fixes each line on its own (a segment ends after "\n"), so the lines it
    would leave alone can be kept without calling it; the others go through it.
    """
    if _text_unchanged(text):
        return text
    pieces = text.split("\n")
    out = []
    for i, piece in enumerate(pieces):
        segment = piece + "\n" if i < len(pieces) - 1 else piece
        out.append(segment if _ftfy_unchanged(segment) else ftfy.fix_text(segment, **FTFY_OPTIONS))
    return "".join(out)


def decode(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM), else the detected legacy charset; fix mojibake."""
    return decode_reported(data)[0]


UTF8_HINT = "save the file as UTF-8"


def decode_reported(data: bytes) -> tuple[str, InputError | None]:
    """`decode`, with what decoding had to replace or guess (None when nothing).

    The report is an InputError whose `problem(path)` the caller files: the text is used,
    but the editor must learn that some characters are not what the file meant (bytes
    replaced: a warning; a legacy charset guessed: a note).
    """
    if not data.strip():
        raise InputError("the file holds only whitespace", "add the article text or delete the file")
    bom_less = _utf16_without_bom(data)
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")) and not bom_less:
        raise InputError("the file is binary, not text", "save the article as UTF-8 text, HTML or Markdown")
    report = None
    try:
        text = data.decode(bom_less) if bom_less else data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text, report = _decode_damaged(data, exc)
    text = normalise(fix_text(text))
    if not text.strip():  # non-breaking and zero-width spaces are invisible too
        raise InputError("the file holds only whitespace", "add the article text or delete the file")
    return text, report


def _decode_damaged(data: bytes, first: UnicodeDecodeError) -> tuple[str, InputError]:
    """Text that is not valid UTF-8: mostly UTF-8 with some bad bytes, or a legacy charset.

    A file that holds well-formed multi-byte UTF-8 sequences was written as UTF-8: its bad
    bytes are damage, replaced with U+FFFD and counted. A file with none is in a legacy
    charset (Windows-1252, Latin-1...), which charset-normalizer guesses.
    """
    line = data.count(b"\n", 0, first.start) + 1
    best = None if _UTF8_SEQUENCE.search(data) else from_bytes(data).best()
    if best is None:
        text, invalid = _replace_invalid_utf8(data)
        return text, InputError(f"{invalid:,} byte{'s' * (invalid != 1)} {'are' if invalid != 1 else 'is'} "
                                f"not valid UTF-8 and {'were' if invalid != 1 else 'was'} replaced "
                                f"(first at line {line})", UTF8_HINT, "warning")
    return str(best), InputError(f"the file is not UTF-8 (first non-UTF-8 byte at line {line}); "
                                 f"its characters were guessed as {best.encoding}",
                                 f"check the accented letters, or {UTF8_HINT}", "info")


# A well-formed multi-byte UTF-8 character (two to four bytes): legacy text almost never has one.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


_ESCAPED_BYTE = re.compile("[\udc80-\udcff]+")


def _replace_invalid_utf8(data: bytes) -> tuple[str, int]:
    """UTF-8 text with each run of invalid bytes as one U+FFFD, and how many bytes were invalid.

    surrogateescape turns each undecodable byte into one lone surrogate, so they can be
    counted byte for byte (a U+FFFD the file itself holds is not counted).
    """
    escaped = data.decode("utf-8", errors="surrogateescape").removeprefix("\ufeff")
    count = sum(m.end() - m.start() for m in _ESCAPED_BYTE.finditer(escaped))
    return _ESCAPED_BYTE.sub("\ufffd", escaped), count
