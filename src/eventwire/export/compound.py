"""Compound-actor events grouped back into one event, and an id for an event unique across documents.

The pipeline codes "Russia and China signed ..." as one dyadic event per actor pair, all sharing the
sentence and trigger; PLOVER and ACLED-style rows want one event with actor lists instead.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

Event = dict[str, Any]   # a stored event: contract event record + "document" citation (store.query)


def event_uid(event: Event) -> str:
    """The event's id, prefixed with its document's id unless it already starts with it."""
    doc_id, event_id = event["document"]["doc_id"], event["event_id"]
    return event_id if event_id.startswith(doc_id) else f"{doc_id}-{event_id}"


def group_compound(events: Iterable[Event]) -> Iterator[list[Event]]:
    """Runs of consecutive events that differ only in source, target, id and confidence.

    `store.query.iter_events` yields the pieces of one compound event next to each other.
    """
    group: list[Event] = []
    for event in events:
        if group and _same_event(group[0]) != _same_event(event):
            yield group
            group = []
        group.append(event)
    if group:
        yield group


def unique_actors(group: list[Event], role: str) -> list[dict[str, Any]]:
    """The distinct actors in `role` across a group, in order of appearance."""
    seen: dict[str, dict[str, Any]] = {}
    for event in group:
        actor = event[role]
        if actor is not None:
            seen.setdefault(json.dumps([actor["text"], actor.get("name"), actor["country"], actor["sector"]]), actor)
    return list(seen.values())


def _same_event(e: Event) -> str:
    ev = e["evidence"]
    return json.dumps([e["document"]["key"], ev["start"], ev["end"], ev.get("trigger_start"), ev.get("trigger_end"),
                       e.get("from_caption"), e["event_type"], e.get("mode"), e["factuality"], e["date"],
                       e.get("date_end"), e["location"], e["counts"], e["reported_by"]], sort_keys=True)
