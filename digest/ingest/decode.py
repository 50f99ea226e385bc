"""Bytes to clean text, with the checks every reader needs first."""
from __future__ import annotations

import gzip
import io
import zlib

import ftfy
from charset_normalizer import from_bytes

from ..text import normalise


class InputError(Exception):
    """A file that cannot become an article; message says why, hint what to do."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def read_bytes(path, max_bytes: int) -> bytes:
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


def decode(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM), else the detected legacy charset; fix mojibake."""
    if not data.strip():
        raise InputError("the file holds only whitespace", "add the article text or delete the file")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("the file is binary, not text", "save the article as UTF-8 text, HTML or Markdown")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        if best is None:
            raise InputError(
                "the text encoding could not be recognised", "re-save the file as UTF-8"
            ) from None
        text = str(best)
    # ftfy repairs UTF-8 read as Windows-1252 ("Ã©" for "é"), common in scraped dumps.
    text = ftfy.fix_text(text, normalization="NFC", unescape_html=False, uncurl_quotes=False,
                         fix_line_breaks=True)
    text = normalise(text)
    controls = sum(1 for c in text[:4096] if ord(c) < 32 and c not in "\n\t")
    if controls > 16:
        raise InputError("the file is binary, not text", "save the article as UTF-8 text, HTML or Markdown")
    return text
