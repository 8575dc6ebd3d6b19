"""Stage 4: temporal expressions (`dates[]`) and, after events, each event's date (docs/time.md)."""
from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc

from ..records import Document, Timex
from .attach import EventTimeStage
from .find import TimexFinder
from .resolve import resolve_all

__all__ = ["DateStage", "EventTimeStage", "find_dates"]


class DateStage:
    """Find every timex with the data rules and resolve it against the publication day."""

    name = "dates"
    requires = ("spacy_doc", "sentences", "published")
    provides = ("dates",)

    def __init__(self) -> None:
        self.finder = TimexFinder()

    def __call__(self, doc: Document) -> Document:
        doc.dates = find_dates(doc.spacy_doc, doc.published, self.finder, doc.text)
        return doc


def find_dates(sdoc: Doc, published: dt.date | None, finder: TimexFinder, text: str | None = None) -> list[Timex]:
    """The resolved timexes of one parsed text; without `published`, relative ones get value None."""
    return resolve_all(finder.find(sdoc, text), published)
