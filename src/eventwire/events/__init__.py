"""Stage 7: PLOVER events with roles, counts, factuality, attribution and evidence (`events[]`)."""
from __future__ import annotations

from ..records import Document


class EventStage:
    name = "events"
    requires = ("spacy_doc", "sentences", "actors", "dates")
    provides = ("events",)

    def __call__(self, doc: Document) -> Document:
        return doc
