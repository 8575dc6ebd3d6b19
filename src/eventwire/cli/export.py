"""`eventwire export`: stored events to a file in PLOVER, ACLED-like CSV, Parquet or JSON lines."""
from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path

import typer

from ..export import export_events
from ..store import DEFAULT_URL
from .store_options import Actor, Country, Db, EventType, Limit, NearArea, Since, Until, Words, event_filter, opened


class ExportFormat(str, Enum):
    plover = "plover"
    csv = "csv"
    parquet = "parquet"
    jsonl = "jsonl"


def export_cli(
    fmt: ExportFormat = typer.Option(..., "--format", "-f", help="plover (JSON lines), csv (ACLED-like), parquet, jsonl."),
    output: Path | None = typer.Option(None, "-o", "--output", help="Write here (atomically) instead of stdout."),
    db: Db = DEFAULT_URL, event_type: EventType = None, country: Country = None, actor: Actor = None,
    since: Since = None, until: Until = None, near: NearArea = None, text: Words = None, limit: Limit = None,
) -> None:
    """Export stored events; the same filters as `eventwire events` choose which.

    plover and csv give one record per event, the pieces of a compound-actor event ("Russia and China
    signed ...") grouped into actor lists; parquet and jsonl give one row per stored (dyadic) event.

    Example: eventwire export --format parquet -o events.parquet --since 2024-01-01 --country SDN
    """
    where = event_filter(event_type, country, actor, since, until, near, text, limit)
    if fmt is ExportFormat.parquet and output is None:
        raise typer.BadParameter("parquet is a binary format: name an output file", param_hint="-o")
    with opened(db) as store:
        n = export_events(store, fmt.value, output, where)
    print(f"{n} {fmt.value} record{'s' if n != 1 else ''}" + (f" → {output}" if output else ""), file=sys.stderr)
