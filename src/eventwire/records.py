"""Typed records that flow through the pipeline; every mention carries half-open offsets into `Document.text`."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import Any, Literal

Precision = Literal["day", "week", "month", "year"]
Factuality = Literal["asserted", "negated", "future", "possible"]


@dataclass(slots=True)
class RawInput:
    """One document as it arrives, before cleaning: exactly one of `text` / `html` is set."""

    doc_id: str
    origin: str                       # what the user named: a path, "path:line", "-" or a URL
    text: str | None = None
    html: str | None = None
    url: str | None = None
    title: str | None = None
    published: dt.date | None = None


@dataclass(slots=True)
class Span:
    start: int
    end: int


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    text: str
    heading: bool = False             # a bare section heading: no event is coded from it


@dataclass(slots=True)
class Timex:
    text: str
    start: int
    end: int
    value: str | None                 # YYYY-MM-DD, first day of the span for week/month/year
    end_value: str | None = None
    precision: Precision | None = None


@dataclass(slots=True)
class Place:
    name: str
    country: str | None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    feature: str | None = None        # country | admin1 | admin2 | city | site


@dataclass(slots=True)
class PlaceMention:
    text: str
    start: int
    end: int
    place: Place


@dataclass(slots=True)
class Actor:
    text: str
    country: str | None
    sector: list[str] = field(default_factory=list)
    name: str | None = None
    start: int | None = None          # offsets of `text` in Document.text, when it comes from there
    end: int | None = None
    inferred: bool = False            # a role no phrase names, read from the act and its place (docs/event-roles.md)


@dataclass(slots=True)
class ActorMention:
    actor: Actor
    start: int
    end: int
    kind: str = "entity"              # entity | agent | pronoun | metonym | country | organisation

    @property
    def text(self) -> str:
        return self.actor.text


@dataclass(slots=True)
class Evidence:
    sentence: str
    start: int
    end: int
    trigger: str | None = None
    trigger_start: int | None = None
    trigger_end: int | None = None


@dataclass(slots=True)
class Event:
    event_id: str
    event_type: str
    evidence: Evidence
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    source: Actor | None = None
    target: Actor | None = None
    date: str | None = None
    date_end: str | None = None
    date_precision: Precision | None = None
    date_source: Literal["stated", "context", "published"] | None = None
    location: Place | None = None
    location_precision: Literal["site", "city", "region", "country"] | None = None
    counts: dict[str, int] = field(default_factory=dict)
    reported_by: Actor | None = None
    factuality: Factuality = "asserted"
    confidence: float = 0.5
    from_caption: bool = False


@dataclass(slots=True)
class Document:
    """One cleaned document; stages fill the mention lists in order (see pipeline.STAGES)."""

    doc_id: str
    text: str
    origin: str = ""
    url: str | None = None
    title: str | None = None
    published: dt.date | None = None
    language: str | None = None
    captions: list[str] = field(default_factory=list)
    headings: list[Span] = field(default_factory=list)
    dateline: dict[str, Any] = field(default_factory=dict)      # {"place": ..., "date": ...} when the text had one
    warnings: list[str] = field(default_factory=list)
    spacy_doc: Any = None             # spaCy Doc over `text`; not serialised
    sentences: list[Sentence] = field(default_factory=list)
    dates: list[Timex] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    story_country: str | None = None  # ISO3 of the country the story is mostly about (places stage); not serialised
    actors: list[ActorMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def actors_in(self, start: int, end: int) -> list[ActorMention]:
        """Actor mentions lying inside [start, end), longest first."""
        found = [m for m in self.actors if start <= m.start and m.end <= end]
        return sorted(found, key=lambda m: m.start - m.end)

    def to_record(self) -> dict[str, Any]:
        """The contract record (shared/contract/document.schema.json)."""
        return {
            "doc_id": self.doc_id,
            "url": self.url,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "language": self.language,
            "text": self.text,
            "captions": list(self.captions),
            "dateline": self.dateline or None,
            "warnings": list(self.warnings),
            "dates": [_fields(t) for t in self.dates],
            "places": [{"text": m.text, "start": m.start, "end": m.end, **_fields(m.place)} for m in self.places],
            "actors": [{**_actor(m.actor), "start": m.start, "end": m.end, "kind": m.kind} for m in self.actors],
            "events": [_event(e) for e in self.events],
        }


def _actor(a: Actor | None) -> dict[str, Any] | None:
    if a is None:
        return None
    return {"text": a.text, "name": a.name, "country": a.country, "sector": list(a.sector),
            "start": a.start, "end": a.end, **({"inferred": True} if a.inferred else {})}


def _event(e: Event) -> dict[str, Any]:
    out = _fields(e)
    out.update(evidence=_fields(e.evidence), context=list(e.context), counts=dict(e.counts),
               source=_actor(e.source), target=_actor(e.target), reported_by=_actor(e.reported_by),
               location=_fields(e.location) if e.location else None)
    return out


def _fields(record: Any) -> dict[str, Any]:
    """A flat record's fields, uncopied (`asdict` deep-copies every value: most of to_record's time)."""
    return {f.name: getattr(record, f.name) for f in fields(record)}
