"""Stage 4: temporal expressions (`dates[]`) and, after events, each event's date."""
from __future__ import annotations

from ..records import Document


class DateStage:
    name = "dates"
    requires = ("spacy_doc", "sentences", "published")
    provides = ("dates",)

    def __call__(self, doc: Document) -> Document:
        return doc


class EventTimeStage:
    name = "event_time"
    requires = ("events", "dates")
    provides = ("events.date",)

    def __call__(self, doc: Document) -> Document:
        return doc
