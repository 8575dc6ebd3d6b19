"""Stage 2: RawInput → Document with final clean `text`, title, captions, headings, published, language.

After this stage `text` never changes: every later offset points into it.
"""
from __future__ import annotations

import datetime as dt

from .. import settings
from ..errors import InputError
from ..records import Document, RawInput
from .html import extract_page
from .language import detect_language
from .text import clean_text


def clean(raw: RawInput) -> Document:
    """Clean one input; raise InputError when no article text is left.

    `published` comes from the input (or --published), else the page's metadata, else a dateline
    that states its year, else a bare date stamp at the top of the text; never from the clock.
    """
    if raw.html is not None:
        page = extract_page(raw.html, raw.url)
        if not page.text.strip():
            raise InputError(raw.origin, "no article text found in the HTML")
        body, title, captions, unwrap = page.text, raw.title or page.title, page.captions, False
        published = raw.published or page.published
    else:
        body, title, captions, unwrap, published = raw.text or "", raw.title, [], True, raw.published
        if not body.strip():
            raise InputError(raw.origin, "empty document")
    out = clean_text(body, title=title, published=published, captions=captions, unwrap=unwrap)
    if not out.text:
        raise InputError(raw.origin, "no article text left after removing page furniture")
    if len(out.text) > settings.MAX_DOCUMENT_CHARS:
        raise InputError(raw.origin, f"text is {len(out.text):,} characters, over the {settings.MAX_DOCUMENT_CHARS:,} limit")
    if published is None and out.dateline_year and out.dateline.get("date"):
        published = dt.date.fromisoformat(out.dateline["date"])
    published = published or out.stamp
    language = detect_language(out.text)
    warnings = [] if language == "en" else [f"language {language!r} is not English: no events coded"]
    return Document(doc_id=raw.doc_id, origin=raw.origin, text=out.text, url=raw.url, title=out.title,
                    published=published, language=language, captions=out.captions, headings=out.headings,
                    dateline=out.dateline, warnings=warnings)
