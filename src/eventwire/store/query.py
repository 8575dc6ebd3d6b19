"""Read events back from a store with the filters the CLI and API share; counts for `stats`.

Each event comes back as its contract event record (exactly as it was written, see writer.py) plus a
`document` citation: {doc_id, key, url, title, published}.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from .connect import Store
from .schema import ROLES, documents, events, sentences

EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE = 111.32
_STREAM_ROWS = 1000


@dataclass(frozen=True, slots=True)
class Near:
    """A circle on the map: events within `km` of (lat, lon)."""

    lat: float
    lon: float
    km: float

    @classmethod
    def parse(cls, text: str) -> Near:
        """'LAT,LON,KM', e.g. '6.45,3.39,50'."""
        try:
            lat, lon, km = (float(part) for part in text.split(","))
        except ValueError:
            raise ValueError(f"{text!r} is not LAT,LON,KM (e.g. 6.45,3.39,50)") from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180 and km > 0):
            raise ValueError(f"{text!r}: latitude must be in [-90, 90], longitude in [-180, 180], km > 0")
        return cls(lat, lon, km)

    def box(self) -> tuple[float, float, float | None, float | None]:
        """(lat_min, lat_max, lon_min, lon_max) around the circle; no longitude bounds near a pole or
        where the box would cross the antimeridian."""
        dlat = self.km / KM_PER_DEGREE
        lat_min, lat_max = self.lat - dlat, self.lat + dlat
        if lat_min <= -90 or lat_max >= 90:
            return lat_min, lat_max, None, None
        dlon = self.km / (KM_PER_DEGREE * math.cos(math.radians(max(abs(lat_min), abs(lat_max)))))
        if self.lon - dlon < -180 or self.lon + dlon > 180:
            return lat_min, lat_max, None, None
        return lat_min, lat_max, self.lon - dlon, self.lon + dlon

    def contains(self, lat: float, lon: float) -> bool:
        return haversine_km(self.lat, self.lon, lat, lon) <= self.km


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to read; every field is optional and they combine with AND."""

    event_type: str | None = None      # PLOVER type, e.g. PROTEST
    country: str | None = None         # ISO3 of where the event happened
    actor: str | None = None           # words in the source's or target's text or canonical name
    since: dt.date | None = None       # events on or after this day (a span counts if it overlaps)
    until: dt.date | None = None
    near: Near | None = None
    text: str | None = None            # words all found in the evidence sentence (stemmed full-text search)
    limit: int | None = None


def iter_events(store: Store, where: EventFilter | None = None) -> Iterator[dict[str, Any]]:
    """Matching events (all by default) in date order (undated last), then document and reading order.

    Compound-actor events of one sentence and trigger come out next to each other.
    """
    where = where or EventFilter()
    query = _select(store.backend, where)
    left = where.limit
    if left is not None and left <= 0:
        return
    with store.read() as conn:
        rows = conn.execution_options(stream_results=True, yield_per=_STREAM_ROWS).execute(query)
        for row in rows:
            m = row._mapping
            if where.near and (m["lat"] is None or not where.near.contains(m["lat"], m["lon"])):
                continue
            yield _event(m)
            if left is not None:
                left -= 1
                if left == 0:
                    return


def count_events(store: Store) -> dict[str, Any]:
    """Totals and event counts by type, by country (None = unknown) and by day (None = undated)."""
    out: dict[str, Any] = {}
    with store.read() as conn:
        out["documents"] = conn.execute(sa.select(sa.func.count()).select_from(documents)).scalar_one()
        out["events"] = conn.execute(sa.select(sa.func.count()).select_from(events)).scalar_one()
        for key, column in (("by_type", events.c.event_type), ("by_country", events.c.country),
                            ("by_day", events.c.date)):
            n = sa.func.count().label("n")
            rows = conn.execute(sa.select(column, n).group_by(column).order_by(n.desc(), column.asc().nulls_last()))
            out[key] = [(value.isoformat() if isinstance(value, dt.date) else value, count) for value, count in rows]
    out["by_day"].sort(key=lambda item: (item[0] is None, item[0] or ""))
    return out


def _select(backend: str, where: EventFilter) -> sa.Select[Any]:
    query = (sa.select(events, sentences.c.text.label("sentence"), sentences.c.start_char, sentences.c.end_char,
                       documents.c.doc_id, documents.c.doc_key, documents.c.url, documents.c.title,
                       documents.c.published)
             .select_from(events.join(sentences, events.c.sentence_id == sentences.c.id)
                          .join(documents, events.c.document_id == documents.c.id)))
    if where.event_type:
        query = query.where(events.c.event_type == where.event_type.upper())
    if where.country:
        query = query.where(events.c.country == where.country.upper())
    if where.actor:
        pattern = "%" + re.sub(r"([\\%_])", r"\\\1", where.actor.lower()) + "%"
        query = query.where(sa.or_(*(sa.func.lower(events.c[f"{role}_{field}"]).like(pattern, escape="\\")
                                     for role in ("source", "target") for field in ("text", "name"))))
    if where.since:
        query = query.where(sa.func.coalesce(events.c.date_end, events.c.date) >= where.since)
    if where.until:
        query = query.where(events.c.date <= where.until)
    if where.near:
        lat_min, lat_max, lon_min, lon_max = where.near.box()
        query = query.where(events.c.lat.between(lat_min, lat_max))
        if lon_min is not None:
            query = query.where(events.c.lon.between(lon_min, lon_max))
    if where.text is not None:
        query = query.where(_text_match(backend, where.text))
    query = query.order_by(events.c.date.asc().nulls_last(), events.c.document_id, sentences.c.start_char,
                           events.c.trigger_start.asc().nulls_last(), events.c.seq)
    if where.limit is not None and where.near is None:   # --near filters after SQL, so it limits in Python
        query = query.limit(where.limit)
    return query


def _text_match(backend: str, words: str) -> sa.ColumnElement[bool]:
    """All the words (stemmed) in the evidence sentence: FTS5 on SQLite, tsvector on PostgreSQL."""
    terms = re.findall(r"\w+", words)
    if not terms:
        return sa.false()
    if backend == "postgresql":
        english: sa.ColumnElement[str] = sa.literal_column("'english'::regconfig")
        return sa.func.to_tsvector(english, sentences.c.text).bool_op("@@")(
            sa.func.plainto_tsquery(english, " ".join(terms)))
    match = " ".join('"' + term.replace('"', '""') + '"' for term in terms)
    hits: sa.Select[Any] = sa.select(sa.literal_column("rowid")).select_from(sa.table("sentences_fts")).where(
        sa.literal_column("sentences_fts").op("MATCH")(match))
    return sentences.c.id.in_(hits)


def _event(m: sa.RowMapping) -> dict[str, Any]:
    """The contract event record a row was written from, plus its document citation."""
    extra = m["extra"] or {}
    location = None
    if m["place_name"] is not None:
        location = {"name": m["place_name"], "country": m["country"], "admin1": m["admin1"], "lat": m["lat"],
                    "lon": m["lon"], "geonames_id": m["geonames_id"], "feature": m["place_feature"],
                    **(extra.get("location") or {})}
    event: dict[str, Any] = {
        "event_id": m["event_id"], "event_type": m["event_type"], "mode": m["mode"], "context": m["context"],
        **{role: _actor(m, role, extra) for role in ROLES},
        "date": _iso(m["date"]), "date_end": _iso(m["date_end"]), "date_precision": m["date_precision"],
        "date_source": m["date_source"], "location": location, "location_precision": m["location_precision"],
        "counts": m["counts"], "factuality": m["factuality"], "confidence": m["confidence"],
        "from_caption": m["from_caption"],
        "evidence": {"sentence": m["sentence"], "start": m["start_char"], "end": m["end_char"],
                     "trigger": m["trigger"], "trigger_start": m["trigger_start"], "trigger_end": m["trigger_end"],
                     **(extra.get("evidence") or {})},
        **(extra.get("") or {}),
    }
    event["document"] = {"doc_id": m["doc_id"], "key": m["doc_key"], "url": m["url"], "title": m["title"],
                         "published": _iso(m["published"])}
    return event


def _actor(m: sa.RowMapping, role: str, extra: dict[str, Any]) -> dict[str, Any] | None:
    if m[f"{role}_text"] is None:
        return None
    return {"text": m[f"{role}_text"], "name": m[f"{role}_name"], "country": m[f"{role}_country"],
            "sector": (m[f"{role}_sector"] or "").split(), "start": m[f"{role}_start"], "end": m[f"{role}_end"],
            **(extra.get(role) or {})}


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None
