"""Stage 5: place mentions (`places[]`) and, after events, each event's location."""
from __future__ import annotations

from ..records import Document, PlaceMention
from .attach import locate_events
from .find import find_mentions
from .gazetteer import Gazetteer, ensure_index
from .metonymy import is_metonymic
from .resolve import resolve

__all__ = ["EventPlaceStage", "Gazetteer", "PlaceStage", "ensure_index", "is_metonymic"]


class PlaceStage:
    """Toponyms resolved against the offline gazetteer; names standing for governments are left out."""

    name = "places"
    requires = ("spacy_doc", "sentences")
    provides = ("places", "story_country")

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or Gazetteer()

    def __call__(self, doc: Document) -> Document:
        mentions = find_mentions(doc.spacy_doc, self.gazetteer)
        lead_end = doc.sentences[min(1, len(doc.sentences) - 1)].end if doc.sentences else 0
        resolved, doc.story_country = resolve(mentions, self.gazetteer, doc.text, lead_end)
        doc.places = [PlaceMention(text=m.text, start=m.start, end=m.end, place=c.to_place())
                      for m, c in resolved if not m.metonymic]
        return doc


class EventPlaceStage:
    """Each event's `location` and `location_precision` (see docs/places.md for the rules)."""

    name = "event_place"
    requires = ("events", "places", "story_country")
    provides = ("events.location",)

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or Gazetteer()

    def __call__(self, doc: Document) -> Document:
        locate_events(doc, self.gazetteer)
        return doc
