"""`eventwire recode`: extract stored documents again after an eventwire or rules upgrade."""
from __future__ import annotations

import sys

import typer

from ..batch import default_workers
from ..store import DEFAULT_URL
from ..store.ingest import recode
from .store_options import Db, opened


def recode_cli(
    db: Db = DEFAULT_URL,
    everything: bool = typer.Option(False, "--all", help="Recode every document, not only outdated ones."),
    workers: int = typer.Option(0, "--workers", "-w", help="Worker processes (0 = all cores)."),
) -> None:
    """Re-run extraction on stored documents coded by another eventwire version or other coding rules.

    Each document is extracted from the text (or HTML) it was first given and replaced in one
    transaction; one that now fails keeps its old events.

    Example: eventwire recode --db sqlite:///eventwire.db
    """
    with opened(db) as store:
        report = recode(store, everything=everything, workers=workers or default_workers())
        print(f"{store.url}: recoded: {report}", file=sys.stderr)
    raise typer.Exit(1 if report.failed else 0)
