"""Stage 5: place mentions (`places[]`) and, after events, each event's location."""
from __future__ import annotations

from ..records import Document


class PlaceStage:
    name = "places"
    requires = ("spacy_doc", "sentences")
    provides = ("places",)

    def __call__(self, doc: Document) -> Document:
        return doc


class EventPlaceStage:
    name = "event_place"
    requires = ("events", "places")
    provides = ("events.location",)

    def __call__(self, doc: Document) -> Document:
        return doc
