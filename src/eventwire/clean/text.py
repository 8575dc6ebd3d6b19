"""Plain text → paragraphs → clean text: furniture out, captions aside, dateline and headline lifted off."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from ..records import Span
from .captions import caption_kind
from .dateline import find_dateline, find_stamp
from .furniture import strip_furniture
from .structure import is_heading, is_headline

_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff]")
_ALNUM = re.compile(r"[^\W_]")
_SENTENCE_END = re.compile(r"[.!?:;][\"'”’)\]]*$")
_DATELINE_WITHIN = 3              # a dateline opens one of the first paragraphs of the body
_STAMP_WITHIN = 4                 # a bare date among the first paragraphs is the page's date stamp
_WRAP_MIN, _WRAP_MAX = 40, 100    # hard-wrapped text has lines of about this width


@dataclass(slots=True)
class CleanText:
    text: str
    title: str | None
    captions: list[str] = field(default_factory=list)
    headings: list[Span] = field(default_factory=list)
    dateline: dict[str, Any] = field(default_factory=dict)
    dateline_year: bool = False   # the dateline's date stated its year
    stamp: dt.date | None = None  # a bare date line at the top of the page


def split_paragraphs(text: str, unwrap: bool = True) -> list[str]:
    """Paragraphs: blocks between blank lines, or single lines when a block holds several paragraphs.

    With `unwrap`, a block of hard-wrapped lines (even widths, breaks mid-sentence) is one paragraph.
    """
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    paragraphs: list[str] = []
    for block in _BLANK_LINE.split(text):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if unwrap and _hard_wrapped(lines):
            paragraphs.append(" ".join(lines))
        else:
            paragraphs.extend(lines)
    return paragraphs


def _hard_wrapped(lines: list[str]) -> bool:
    if len(lines) < 2:
        return False
    width = max(len(line) for line in lines)
    if not _WRAP_MIN <= width <= _WRAP_MAX or any(len(line) < width / 2 for line in lines[:-1]):
        return False
    mid_sentence = sum(1 for line, nxt in zip(lines, lines[1:])
                       if not _SENTENCE_END.search(line) and (nxt[0].islower() or nxt[0].isdigit()))
    return mid_sentence * 2 >= len(lines) - 1


def clean_text(body: str, *, title: str | None = None, published: dt.date | None = None,
               captions: list[str] | None = None, unwrap: bool = True) -> CleanText:
    """The clean text of `body`, with what was lifted off it.

    `title`: a known headline (from the page or the input record), removed when the text repeats it;
    without one, a headline-like first paragraph becomes the title. `captions`: known captions (from
    the page), removed from the text where it repeats them.
    """
    out = CleanText(text="", title=title, captions=list(captions or []))
    known = {_key(c) for c in out.captions}
    paragraphs = split_paragraphs(body, unwrap)
    for i, paragraph in enumerate(paragraphs[:_STAMP_WITHIN]):
        if (stamp := find_stamp(paragraph)) is not None:
            out.stamp = out.stamp or stamp
            paragraphs[i] = ""
    published = published or out.stamp
    body_paragraphs: list[str] = []
    dateline_at = -1
    for paragraph in strip_furniture([p for p in paragraphs if p]):
        if not _ALNUM.search(paragraph) or _key(paragraph) in known:
            continue
        if not out.dateline and len(body_paragraphs) < _DATELINE_WITHIN:
            found = find_dateline(paragraph, published)
            if found is not None:
                out.dateline, paragraph, out.dateline_year = found
                if paragraph:
                    dateline_at = len(body_paragraphs)
                    body_paragraphs.append(paragraph)
                continue
        kind = caption_kind(paragraph)
        if kind == "caption":
            out.captions.append(paragraph)
        elif kind is None:
            body_paragraphs.append(paragraph)
    if body_paragraphs and title and _key(body_paragraphs[0]) == _key(title):
        body_paragraphs.pop(0)
    elif title is None and len(body_paragraphs) > 1 and dateline_at != 0 and is_headline(body_paragraphs[0]):
        out.title = body_paragraphs.pop(0)
    out.text, out.headings = _join(body_paragraphs)
    return out


def _join(paragraphs: list[str]) -> tuple[str, list[Span]]:
    """Paragraphs joined by a blank line, with the spans of those that are section headings."""
    headings, offset = [], 0
    for paragraph in paragraphs:
        if is_heading(paragraph):
            headings.append(Span(offset, offset + len(paragraph)))
        offset += len(paragraph) + 2
    return "\n\n".join(paragraphs), headings


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()
