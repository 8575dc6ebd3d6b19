"""`eventwire ingest`: run the pipeline over documents and store what it finds."""
from __future__ import annotations

import sys

import typer

from ..batch import default_workers
from ..store import DEFAULT_URL
from ..store.ingest import ingest
from .store_options import Db, opened, parse_day


def ingest_cli(
    inputs: list[str] = typer.Argument(..., help="Files (.txt .html .htm .jsonl), directories, '-' for stdin, or http(s) URLs."),
    db: Db = DEFAULT_URL,
    published: str | None = typer.Option(None, "--published", help="Publication date YYYY-MM-DD for every input."),
    workers: int = typer.Option(0, "--workers", "-w", help="Worker processes (0 = all cores)."),
    allow_private: bool = typer.Option(False, "--allow-private", help="Allow URLs on private or loopback addresses."),
) -> None:
    """Extract events from documents into a store; run it again and only new or changed documents change.

    A document is the same document when its URL (or, without one, its text) is the same: a new version
    replaces the old one's events. Each document is stored in its own transaction, so an interrupted
    ingest can simply be run again.

    Example: eventwire ingest samples/ --db sqlite:///eventwire.db --workers 2
    """
    pub = parse_day(published, "--published")
    with opened(db) as store:
        report = ingest(store, inputs, published=pub, workers=workers or default_workers(),
                        allow_private=allow_private)
        print(f"{store.url}: {report}", file=sys.stderr)
    raise typer.Exit(1 if report.failed else 0)
