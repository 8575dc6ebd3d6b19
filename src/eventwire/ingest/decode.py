"""Bytes → text: BOMs, a declared charset, UTF-8, then charset-normalizer; binary content refused."""
from __future__ import annotations

import codecs
import re

import charset_normalizer

from ..errors import InputError

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_MAX_CONTROL_SHARE = 0.01         # text has next to no control characters; binary data has many


def decode_bytes(data: bytes, origin: str, declared: str | None = None) -> str:
    """Decode a document; raise InputError naming `origin` when it is binary or fits no encoding."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise InputError(origin, f"starts with a {encoding.upper()} byte-order mark but is not {encoding.upper()}") from None
    for encoding in (declared, "utf-8"):
        if encoding:
            try:
                return _checked(data.decode(encoding), origin)
            except (UnicodeDecodeError, LookupError):
                pass
    if b"\x00" in data:
        raise InputError(origin, "binary file (contains NUL bytes), not text")
    return _checked(_guess(data, origin), origin)


def html_charset(data: bytes) -> str | None:
    """The charset a page declares in a <meta> tag near its start."""
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii") if m else None


def _guess(data: bytes, origin: str) -> str:
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        raise InputError(origin, "binary or undecodable content: no text encoding fits")
    # Western text often fits cp1250 and cp1252 equally well; cp1252 is by far the more common on the web
    tied = [m for m in matches if m.chaos <= best.chaos]
    if any("cp1252" in m.could_be_from_charset for m in tied):
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    return str(best)


def _checked(text: str, origin: str) -> str:
    controls = len(_CONTROL.findall(text))
    if controls > _MAX_CONTROL_SHARE * max(len(text), 1):
        raise InputError(origin, "binary content (control characters), not text")
    return text
