"""Parquet: one typed row per stored (dyadic) event, readable by pyarrow, DuckDB, pandas and Spark.

Dates are date32, coordinates float64, counts nullable int64, sectors and context lists of strings;
no unsigned or nanosecond types, which Spark cannot read.
"""
from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from .compound import Event, event_uid

BATCH_ROWS = 50_000                   # rows buffered per row group: bounded memory on any store size
COUNTS = ("killed", "injured", "arrested", "kidnapped", "displaced", "participants")
ROLES = ("source", "target", "reported_by")


def _actor_fields(role: str) -> list[pa.Field]:
    return [pa.field(f"{role}_text", pa.string()), pa.field(f"{role}_name", pa.string()),
            pa.field(f"{role}_country", pa.string()), pa.field(f"{role}_sector", pa.list_(pa.string()))]


SCHEMA = pa.schema([
    pa.field("event_id", pa.string(), nullable=False),
    pa.field("doc_id", pa.string(), nullable=False),
    pa.field("url", pa.string()),
    pa.field("title", pa.string()),
    pa.field("published", pa.date32()),
    pa.field("event_type", pa.string(), nullable=False),
    pa.field("mode", pa.string()),
    pa.field("context", pa.list_(pa.string())),
    *(f for role in ROLES for f in _actor_fields(role)),
    pa.field("date", pa.date32()),
    pa.field("date_end", pa.date32()),
    pa.field("date_precision", pa.string()),
    pa.field("date_source", pa.string()),
    pa.field("location", pa.string()),
    pa.field("country", pa.string()),
    pa.field("admin1", pa.string()),
    pa.field("latitude", pa.float64()),
    pa.field("longitude", pa.float64()),
    pa.field("geonames_id", pa.int64()),
    pa.field("location_precision", pa.string()),
    *(pa.field(name, pa.int64()) for name in COUNTS),
    pa.field("counts", pa.map_(pa.string(), pa.int64())),             # every stated count, these and others
    pa.field("factuality", pa.string(), nullable=False),
    pa.field("confidence", pa.float64()),
    pa.field("from_caption", pa.bool_()),
    pa.field("evidence", pa.string(), nullable=False),
    pa.field("evidence_start", pa.int32()),
    pa.field("evidence_end", pa.int32()),
    pa.field("trigger", pa.string()),
    pa.field("trigger_start", pa.int32()),
    pa.field("trigger_end", pa.int32()),
])


def parquet_row(e: Event) -> dict[str, Any]:
    ev, loc, doc = e["evidence"], e["location"] or {}, e["document"]
    row = {
        "event_id": event_uid(e), "doc_id": doc["doc_id"], "url": doc["url"], "title": doc["title"],
        "published": _date(doc["published"]), "event_type": e["event_type"], "mode": e.get("mode"),
        "context": e.get("context") or [],
        "date": _date(e["date"]), "date_end": _date(e.get("date_end")), "date_precision": e.get("date_precision"),
        "date_source": e.get("date_source"), "location": loc.get("name"), "country": loc.get("country"),
        "admin1": loc.get("admin1"), "latitude": loc.get("lat"), "longitude": loc.get("lon"),
        "geonames_id": loc.get("geonames_id"), "location_precision": e.get("location_precision"),
        **{name: e["counts"].get(name) for name in COUNTS}, "counts": list(e["counts"].items()),
        "factuality": e["factuality"], "confidence": e.get("confidence"), "from_caption": e.get("from_caption"),
        "evidence": ev["sentence"], "evidence_start": ev["start"], "evidence_end": ev["end"],
        "trigger": ev.get("trigger"), "trigger_start": ev.get("trigger_start"), "trigger_end": ev.get("trigger_end"),
    }
    for role in ROLES:
        actor = e[role] or {}
        row |= {f"{role}_text": actor.get("text"), f"{role}_name": actor.get("name"),
                f"{role}_country": actor.get("country"), f"{role}_sector": actor.get("sector")}
    return row


def write_parquet(events: Iterable[Event], output: Path) -> int:
    """Write `output` atomically (a temporary file beside it, renamed when complete); return the row count."""
    output.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=output.parent)
    os.close(fd)
    n = 0
    try:
        with pq.ParquetWriter(tmp, SCHEMA) as writer:   # snappy: every Parquet reader has it
            for batch in _batches(events):
                writer.write_table(pa.Table.from_pylist(batch, schema=SCHEMA))
                n += len(batch)
            if n == 0:
                writer.write_table(SCHEMA.empty_table())
        os.replace(tmp, output)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return n


def _batches(events: Iterable[Event]) -> Iterator[list[dict[str, Any]]]:
    rows = map(parquet_row, events)
    while batch := list(islice(rows, BATCH_ROWS)):
        yield batch


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None
