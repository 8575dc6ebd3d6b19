"""Dispatch inputs by kind: .txt / .html / .jsonl files, directories, stdin, URLs → RawInput records.

Every problem becomes a Failure naming the input (path, path:line, or URL) and the reason, and the
other inputs go on. Sizes are checked before anything is read whole.
"""
from __future__ import annotations

import datetime as dt
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from .. import settings
from ..errors import Failure, InputError
from ..records import RawInput
from .decode import decode_bytes, html_charset
from .fetch import fetch

_TEXT, _HTML, _JSONL = (".txt",), (".html", ".htm"), (".jsonl",)
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*)://")
_LOOKS_HTML = re.compile(rb"^\s*(<!doctype html|<html|<head|<body|<!--)", re.IGNORECASE)
_STDIN = "<stdin>"


def iter_inputs(names: Iterable[str], published: dt.date | None = None,
                allow_private: bool = False) -> Iterator[RawInput | Failure]:
    """Yield a RawInput per document, or a Failure naming the input and the reason; ids are unique.

    `published` (from --published) overrides every document's own date.
    """
    first_seen: dict[str, str] = {}
    for name in names:
        for item in _expand(name, allow_private):
            if isinstance(item, RawInput):
                if item.doc_id in first_seen:
                    item = Failure(item.origin, item.doc_id, "ingest",
                                   f"duplicate id {item.doc_id!r} (first used by {first_seen[item.doc_id]})")
                else:
                    first_seen[item.doc_id] = item.origin
                    if published is not None:
                        item.published = published
            yield item


def _expand(name: str, allow_private: bool) -> Iterator[RawInput | Failure]:
    if name == "-":
        yield from _read_stdin()
        return
    scheme = _SCHEME.match(name)
    if scheme:
        if scheme.group(1).lower() not in ("http", "https"):
            yield Failure(name, None, "ingest", f"unsupported URL scheme {scheme.group(1)!r}: only http and https")
            return
        try:
            yield fetch(name, allow_private)
        except InputError as e:
            yield Failure(name, None, "ingest", e.reason)
        return
    path = Path(name)
    if path.is_dir():
        files = [p for p in sorted(path.rglob("*")) if p.is_file() and p.suffix.lower() in _TEXT + _HTML + _JSONL
                 and not any(part.startswith(".") for part in p.relative_to(path).parts)]
        if not files:
            yield Failure(name, None, "ingest", "directory holds no .txt, .html, .htm or .jsonl files")
        for p in files:
            yield from _read_file(p)
    elif path.is_file():
        yield from _read_file(path)
    elif path.exists():
        yield Failure(name, None, "ingest", "not a regular file or directory")
    else:
        yield Failure(name, None, "ingest", "no such file or directory")


def _read_file(path: Path) -> Iterator[RawInput | Failure]:
    origin = str(path)
    try:
        if path.suffix.lower() in _JSONL:
            with path.open("rb") as f:
                yield from _read_jsonl(f, origin)
            return
        size = path.stat().st_size
        if size > settings.MAX_DOCUMENT_BYTES:
            yield Failure(origin, None, "ingest", _too_big(size))
            return
        data = path.read_bytes()
    except OSError as e:
        yield Failure(origin, None, "ingest", e.strerror or str(e))
        return
    kind = "html" if path.suffix.lower() in _HTML else "text" if path.suffix.lower() in _TEXT else None
    yield _document(data, path.stem, origin, kind)


def _read_stdin() -> Iterator[RawInput | Failure]:
    """Standard input holds JSONL (first character "{") or one text or HTML document."""
    stream: IO[bytes] = sys.stdin.buffer
    if not hasattr(stream, "peek"):
        stream = io.BufferedReader(stream)  # type: ignore[arg-type]
    if stream.peek(4096).lstrip()[:1] == b"{":  # type: ignore[attr-defined]
        yield from _read_jsonl(stream, _STDIN)
        return
    data = stream.read(settings.MAX_DOCUMENT_BYTES + 1)
    if len(data) > settings.MAX_DOCUMENT_BYTES:
        yield Failure(_STDIN, None, "ingest", _too_big(settings.MAX_DOCUMENT_BYTES, at_least=True))
        return
    yield _document(data, "stdin", _STDIN, None)


def _document(data: bytes, doc_id: str, origin: str, kind: str | None) -> RawInput | Failure:
    """One whole-file document; `kind` None sniffs HTML from the first bytes."""
    if kind is None:
        kind = "html" if _LOOKS_HTML.match(data[:1024]) else "text"
    try:
        text = decode_bytes(data, origin, declared=html_charset(data) if kind == "html" else None)
    except InputError as e:
        return Failure(origin, doc_id, "ingest", e.reason)
    if not text.strip():
        return Failure(origin, doc_id, "ingest", "empty file")
    if kind == "html":
        return RawInput(doc_id=doc_id, origin=origin, html=text)
    return RawInput(doc_id=doc_id, origin=origin, text=text)


def _read_jsonl(stream: IO[bytes], name: str) -> Iterator[RawInput | Failure]:
    """One document a line; a bad line fails alone, and an over-long line is skipped unread."""
    limit = settings.MAX_DOCUMENT_BYTES
    records = 0
    for n, line in enumerate(iter(lambda: stream.readline(limit + 1), b""), 1):
        origin = f"{name}:{n}"
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield Failure(origin, None, "ingest", f"line is over the {limit:,}-byte limit")
            continue
        if line.strip():
            records += 1
            yield _record(line, origin)
    if records == 0:
        yield Failure(name, None, "ingest", "empty file: no JSONL records")


def _record(line: bytes, origin: str) -> RawInput | Failure:
    def fail(reason: str, doc_id: str | None = None) -> Failure:
        return Failure(origin, doc_id, "ingest", reason)

    try:
        rec: Any = json.loads(line.decode("utf-8-sig").strip())
    except UnicodeDecodeError:
        return fail("line is not UTF-8 (JSONL must be)")
    except json.JSONDecodeError as e:
        return fail(f"not valid JSON ({e.msg}, column {e.colno})")
    if not isinstance(rec, dict):
        return fail(f"a JSONL line must be an object, not {type(rec).__name__}")
    doc_id = rec.get("id")
    if isinstance(doc_id, bool) or not isinstance(doc_id, (str, int)) or str(doc_id).strip() == "":
        return fail('record has no "id" (a non-empty string or integer)')
    doc_id = str(doc_id)
    for key in ("text", "html", "url", "title", "published"):
        if rec.get(key) is not None and not isinstance(rec[key], str):
            return fail(f'"{key}" must be a string', doc_id)
    if not rec.get("text") and not rec.get("html"):
        return fail('record has neither "text" nor "html"', doc_id)
    published = None
    if rec.get("published"):
        try:
            published = dt.date.fromisoformat(rec["published"][:10])
        except ValueError:
            return fail(f'"published" {rec["published"]!r} is not a date YYYY-MM-DD', doc_id)
    text = rec.get("text") or None
    return RawInput(doc_id=doc_id, origin=origin, text=text, html=None if text else rec["html"],
                    url=rec.get("url"), title=rec.get("title"), published=published)


def _too_big(size: int, at_least: bool = False) -> str:
    more = "more than " if at_least else ""
    return f"{more}{size:,} bytes, over the {settings.MAX_DOCUMENT_BYTES:,}-byte limit for one document"
