"""`eventwire events`: list stored events matching filters, as a table with evidence, CSV or JSON lines."""
from __future__ import annotations

import sys
from enum import Enum
from typing import Any

import typer

from ..store import DEFAULT_URL
from ..store.query import iter_events
from .store_options import Actor, Country, Db, EventType, Limit, NearArea, Since, Until, Words, event_filter, opened

SNIPPET_CHARS = 160


class ListFormat(str, Enum):
    table = "table"
    csv = "csv"
    jsonl = "jsonl"


def events_cli(
    db: Db = DEFAULT_URL, event_type: EventType = None, country: Country = None, actor: Actor = None,
    since: Since = None, until: Until = None, near: NearArea = None, text: Words = None, limit: Limit = 50,
    fmt: ListFormat = typer.Option(ListFormat.table, "--format", help="table (with evidence), csv or jsonl."),
) -> None:
    """List stored events, oldest first, with the sentence that states each one.

    Example: eventwire events --type PROTEST --country FRA --since 2023-01-01 --text "pension reform"
    """
    where = event_filter(event_type, country, actor, since, until, near, text, limit)
    with opened(db) as store:
        events = iter_events(store, where)
        if fmt is ListFormat.table:
            _print_table(events)
        else:
            from ..export.acled_csv import write_csv
            from ..export.jsonl import write_jsonl

            (write_csv if fmt is ListFormat.csv else write_jsonl)(events, sys.stdout)


def _print_table(events: Any) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(show_lines=True, expand=True)
    table.add_column("date", no_wrap=True)
    table.add_column("event", no_wrap=True)
    table.add_column("who → whom", ratio=2)
    table.add_column("where", ratio=1)
    table.add_column("evidence", ratio=4)
    n = 0
    for e in events:
        loc = e["location"]
        where = f"{loc['name']} ({loc['country'] or '?'})" if loc else ""
        kind = "\n".join(filter(None, [e["event_type"], e.get("mode"),
                                       None if e["factuality"] == "asserted" else f"[{e['factuality']}]",
                                       *(f"{k} {v}" for k, v in e["counts"].items())]))
        table.add_row(e["date"] or "undated", kind, f"{_who(e['source'])} → {_who(e['target'])}", where,
                      _snippet(e["evidence"], Text))
        n += 1
    console = Console()
    if n:
        console.print(table)
    console.print(f"{n} event{'s' if n != 1 else ''}", style="dim")


def _who(actor: dict[str, Any] | None) -> str:
    if actor is None:
        return "—"
    label = actor.get("name") or actor["text"]
    return f"{label} ({actor['country']})" if actor["country"] else label


def _snippet(evidence: dict[str, Any], text_type: Any) -> Any:
    """The evidence sentence, cut to a window around the trigger, the trigger in bold."""
    sentence, start = evidence["sentence"], evidence["start"]
    t0, t1 = evidence.get("trigger_start"), evidence.get("trigger_end")
    if t0 is None or t1 is None or not (start <= t0 < t1 <= start + len(sentence)):
        t0 = t1 = start
    lo = max(0, min(t0 - start - SNIPPET_CHARS // 3, len(sentence) - SNIPPET_CHARS))
    hi = min(len(sentence), lo + SNIPPET_CHARS)
    out = text_type("…" if lo else "")
    out.append(sentence[lo:t0 - start])
    out.append(sentence[t0 - start:t1 - start], style="bold")
    out.append(sentence[t1 - start:hi])
    if hi < len(sentence):
        out.append("…")
    return out
