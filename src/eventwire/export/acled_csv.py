"""ACLED-like CSV: one flat row per event (compound-actor events grouped), columns documented in docs/store.md."""
from __future__ import annotations

import csv
import functools
from collections.abc import Iterable, Iterator
from typing import IO, Any

import pycountry

from .compound import Event, event_uid, group_compound, unique_actors

COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "actor1_country", "actor1_sector",
    "actor2", "assoc_actor_2", "actor2_country", "actor2_sector",
    "iso3", "country", "admin1", "location", "latitude", "longitude", "geo_precision",
    "source", "source_url", "notes", "fatalities", "factuality", "doc_id", "published",
)
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}            # ACLED: 1 day, 2 week, 3 month or coarser
GEO_PRECISION = {"site": 1, "city": 1, "region": 2, "country": 3}       # ACLED: 1 town, 2 region, 3 province+


def acled_rows(events: Iterable[Event]) -> Iterator[dict[str, Any]]:
    for group in group_compound(events):
        yield acled_row(group)


def acled_row(group: list[Event]) -> dict[str, Any]:
    first = group[0]
    loc, doc = first["location"] or {}, first["document"]
    iso3 = loc.get("country")
    date = first["date"]
    return {
        "event_id_cnty": f"{iso3 or 'XXX'}-{event_uid(first)}",
        "event_date": date, "year": date[:4] if date else None,
        "time_precision": TIME_PRECISION.get(first.get("date_precision") or ""),
        "event_type": first["event_type"], "sub_event_type": first.get("mode"),
        **_actor_columns(unique_actors(group, "source"), "actor1", "assoc_actor_1"),
        **_actor_columns(unique_actors(group, "target"), "actor2", "assoc_actor_2"),
        "iso3": iso3, "country": country_name(iso3), "admin1": loc.get("admin1"), "location": loc.get("name"),
        "latitude": loc.get("lat"), "longitude": loc.get("lon"),
        "geo_precision": GEO_PRECISION.get(first.get("location_precision") or ""),
        "source": _label(first["reported_by"]), "source_url": doc["url"],
        "notes": first["evidence"]["sentence"], "fatalities": first["counts"].get("killed"),
        "factuality": first["factuality"], "doc_id": doc["doc_id"], "published": doc["published"],
    }


def write_csv(events: Iterable[Event], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in acled_rows(events):
        writer.writerow(row)
        n += 1
    return n


@functools.cache
def country_name(iso3: str | None) -> str | None:
    country = pycountry.countries.get(alpha_3=iso3) if iso3 else None
    return country.name if country else iso3


def _actor_columns(actors: list[dict[str, Any]], main: str, assoc: str) -> dict[str, Any]:
    """The first actor is the main one; the others of a compound event are its associates, as in ACLED."""
    first = actors[0] if actors else None
    return {main: _label(first), assoc: "; ".join(_label(a) or "" for a in actors[1:]) or None,
            f"{main}_country": first["country"] if first else None,
            f"{main}_sector": " ".join(first["sector"]) if first else None}


def _label(actor: dict[str, Any] | None) -> str | None:
    return (actor.get("name") or actor["text"]) if actor else None
