"""`eventwire stats`: what a store holds: documents, events, and event counts by type, country and day."""
from __future__ import annotations

import typer

from ..export.acled_csv import country_name
from ..store import DEFAULT_URL
from ..store.query import count_events
from .store_options import Db, opened


def stats_cli(
    db: Db = DEFAULT_URL,
    days: int = typer.Option(31, "--days", min=1, help="Show the most recent days this many."),
) -> None:
    """Show how many documents and events a store holds, by event type, country and day.

    Example: eventwire stats --db sqlite:///eventwire.db
    """
    from rich.columns import Columns
    from rich.console import Console
    from rich.table import Table

    with opened(db) as store:
        counts = count_events(store)
        url = store.url
    console = Console()
    console.print(f"[bold]{url}[/]: {counts['documents']} documents, {counts['events']} events")

    def table(title: str, rows: list[tuple[str, int]]) -> Table:
        t = Table(title=title, title_justify="left")
        t.add_column(title.split()[-1])
        t.add_column("events", justify="right")
        for label, n in rows:
            t.add_row(label, str(n))
        return t

    by_country = [(f"{iso3} {country_name(iso3)}" if iso3 else "unknown", n) for iso3, n in counts["by_country"]]
    dated = [(day, n) for day, n in counts["by_day"] if day is not None]
    undated = sum(n for day, n in counts["by_day"] if day is None)
    by_day = dated[-days:] + ([("undated", undated)] if undated else [])
    console.print(Columns([table("by type", counts["by_type"]), table("by country", by_country),
                           table("by day", by_day)]))
    if len(dated) > days:
        console.print(f"(the {days} most recent of {len(dated)} days with events; --days to see more)", style="dim")
