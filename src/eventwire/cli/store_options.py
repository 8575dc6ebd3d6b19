"""Options shared by the store commands (ingest, events, export, stats, recode): --db and the event filters."""
from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer

from ..store import Store, StoreError, open_store
from ..store.query import EventFilter, Near

Db = Annotated[str, typer.Option(
    "--db", envvar="EVENTWIRE_DB", show_default=True,
    help="Store URL: sqlite:///FILE, a file path, or postgresql://USER@HOST[:PORT]/DB.")]
EventType = Annotated[str | None, typer.Option("--type", help="PLOVER event type, e.g. PROTEST.")]
Country = Annotated[str | None, typer.Option("--country", help="ISO3 code of where the event happened, e.g. NGA.")]
Actor = Annotated[str | None, typer.Option("--actor", help="Words in the source's or target's name.")]
Since = Annotated[str | None, typer.Option("--since", help="Events on or after this day, YYYY-MM-DD.")]
Until = Annotated[str | None, typer.Option("--until", help="Events on or before this day, YYYY-MM-DD.")]
NearArea = Annotated[str | None, typer.Option("--near", help="LAT,LON,KM: events within KM of a point.")]
Words = Annotated[str | None, typer.Option("--text", help="Words all found in the evidence sentence.")]
Limit = Annotated[int | None, typer.Option("--limit", min=0, help="At most this many events.")]


def event_filter(event_type: str | None, country: str | None, actor: str | None, since: str | None,
                 until: str | None, near: str | None, text: str | None, limit: int | None) -> EventFilter:
    """The filter the options describe; a malformed option is a usage error naming it."""
    if country is not None and not (len(country) == 3 and country.isalpha()):
        raise typer.BadParameter(f"{country!r} is not an ISO3 country code such as NGA", param_hint="--country")
    try:
        area = Near.parse(near) if near else None
    except ValueError as e:
        raise typer.BadParameter(str(e), param_hint="--near") from None
    return EventFilter(event_type=event_type, country=country, actor=actor, since=parse_day(since, "--since"),
                       until=parse_day(until, "--until"), near=area, text=text, limit=limit)


def parse_day(value: str | None, option: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date YYYY-MM-DD", param_hint=option) from None


@contextmanager
def opened(db: str) -> Iterator[Store]:
    """The store at `db`, closed afterwards; one error line and exit status 2 when it cannot be opened."""
    try:
        store = open_store(db)
    except StoreError as e:
        print(f"error: {e}", file=sys.stderr)
        raise typer.Exit(2) from None
    with store:
        yield store

