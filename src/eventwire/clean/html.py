"""Main text, title and publication date of a web page (trafilatura + htmldate), and its photo captions.

trafilatura keeps one line per paragraph and drops figure captions, so captions are read from the
page's article element separately: <figcaption>, elements whose class names a caption, and long alt
texts of photos that have no caption.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import lxml.html
import trafilatura
from lxml.etree import ParserError

_SPACE = re.compile(r"\s+")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")   # lxml refuses str input that declares an encoding
_CAPTION_CLASS = ("//*[contains(concat(' ', translate(normalize-space(@class), 'CAPTION', 'caption'), ' '), 'caption')]"
                  "[not(ancestor::figcaption)][not(.//figcaption)]")
_NOT_CONTENT = "ancestor::aside or ancestor::nav or ancestor::footer or ancestor::form or ancestor::a"
_MIN_ALT_WORDS = 8                # shorter alt texts are labels ("Burnt building"), not captions


@dataclass(slots=True)
class Page:
    text: str                     # one paragraph a line
    title: str | None = None
    published: dt.date | None = None
    captions: list[str] = field(default_factory=list)


def extract_page(html: str, url: str | None = None) -> Page:
    """The article of a page; `text` is empty when no article text was found."""
    found = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False,
        include_images=False, date_extraction_params={"extensive_search": False, "original_date": True})
    if found is None:
        return Page(text="")
    published = None
    if found.date:
        try:
            published = dt.date.fromisoformat(found.date[:10])
        except ValueError:
            published = None
    return Page(text=found.text or "", title=found.title or None, published=published, captions=find_captions(html))


def find_captions(html: str) -> list[str]:
    """Photo captions of the page's main article, in page order, without repeats."""
    try:
        root = lxml.html.fromstring(_XML_DECLARATION.sub("", html))
    except (ParserError, ValueError):
        return []
    scope = _article(root)
    captions: list[str] = []
    for el in scope.xpath(f".//figcaption[not({_NOT_CONTENT})] | .{_CAPTION_CLASS}[not({_NOT_CONTENT})]"):
        _add(captions, "".join(el.itertext()))
    for img in scope.xpath(f".//img[@alt][not({_NOT_CONTENT})][not(ancestor::figure[.//figcaption])]"):
        alt = img.get("alt", "")
        if len(alt.split()) >= _MIN_ALT_WORDS:
            _add(captions, alt)
    return captions


def _article(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The <article> holding most text, else <main>, else the whole page."""
    articles = root.xpath("//article")
    if articles:
        return max(articles, key=lambda a: len(a.text_content()))
    mains = root.xpath("//main")
    return mains[0] if mains else root


def _add(captions: list[str], text: str) -> None:
    caption = _SPACE.sub(" ", text).strip()
    if caption and caption not in captions:
        captions.append(caption)
