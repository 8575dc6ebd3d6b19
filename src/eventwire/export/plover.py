"""PLOVER event records, one JSON object a line, compound-actor events grouped into actor lists.

Field names follow the PLOVER data format (id, date, actor, recipient, event, mode, context, event_loc,
size, text, text_info, cite_info); `actor`/`recipient` entries carry `code` (ISO3 country, or the
non-state code IGO/NGO/... when the actor has no country) and `sector` as a list of codes.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from ..store.provenance import eventwire_version
from .compound import Event, event_uid, group_compound, unique_actors

NON_STATE_CODES = ("IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC")   # PLOVER codes for actors without a country
SIZE_NAMES = {"killed": "dead"}                                     # contract count name → PLOVER size name


def plover_records(events: Iterable[Event]) -> Iterator[dict[str, Any]]:
    for group in group_compound(events):
        yield plover_record(group)


def plover_record(group: list[Event]) -> dict[str, Any]:
    """One PLOVER record from the dyadic pieces of one event (a group of one for a simple event)."""
    first = group[0]
    ev, loc, doc = first["evidence"], first["location"], first["document"]
    return {
        "id": event_uid(first),
        "date": first["date"],
        "date_end": first.get("date_end"),
        "date_precision": first.get("date_precision"),
        "actor": [_actor(a) for a in unique_actors(group, "source")],
        "recipient": [_actor(a) for a in unique_actors(group, "target")],
        "event": first["event_type"],
        "mode": first.get("mode") or "",
        "context": first.get("context") or [],
        "event_text": ev.get("trigger"),
        "event_loc": None if loc is None else {
            "name": loc["name"], "lat": loc.get("lat"), "lon": loc.get("lon"), "country": loc["country"],
            "admin1": loc.get("admin1"), "geonames_id": loc.get("geonames_id"),
            "precision": first.get("location_precision")},
        "size": {SIZE_NAMES.get(k, k): v for k, v in first["counts"].items()},
        "factuality": first["factuality"],
        "confidence": max((e.get("confidence") or 0.0 for e in group), default=None),
        "reported_by": _actor(first["reported_by"]) if first["reported_by"] else None,
        "text": ev["sentence"],
        "text_info": {"sentence_start": ev["start"], "sentence_end": ev["end"],
                      "trigger_start": ev.get("trigger_start"), "trigger_end": ev.get("trigger_end"),
                      "from_caption": bool(first.get("from_caption"))},
        "cite_info": {"doc_id": doc["doc_id"], "url": doc["url"], "title": doc["title"], "published": doc["published"]},
        "coder": "eventwire",
        "version": eventwire_version(),
        "event_ids": [e["event_id"] for e in group],
    }


def write_plover(events: Iterable[Event], out: IO[str]) -> int:
    n = 0
    for record in plover_records(events):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n


def _actor(a: dict[str, Any]) -> dict[str, Any]:
    code = a["country"] or next((s for s in a["sector"] if s in NON_STATE_CODES), None)
    return {"text": a["text"], "name": a.get("name"), "code": code, "sector": list(a["sector"])}
