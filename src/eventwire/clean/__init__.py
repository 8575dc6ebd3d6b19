"""Stage 2: RawInput → Document with final clean `text`, title, captions, headings, published, language."""
from __future__ import annotations

from ..records import Document, RawInput


def clean(raw: RawInput) -> Document:
    text = raw.text or ""
    return Document(doc_id=raw.doc_id, origin=raw.origin, text=text, url=raw.url, title=raw.title,
                    published=raw.published, language="en")
