"""Stage 6: actor mentions with country, sector and canonical name (`actors[]`)."""
from __future__ import annotations

from ..records import Document


class ActorStage:
    name = "actors"
    requires = ("spacy_doc", "sentences", "places")
    provides = ("actors",)

    def __call__(self, doc: Document) -> Document:
        return doc
