"""`eventwire extract`: documents in, one contract record per line out."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer

from ..api import extract_to
from ..batch import default_workers


def extract_cli(
    inputs: list[str] = typer.Argument(..., help="Files (.txt .html .htm .jsonl), directories, '-' for stdin, or http(s) URLs."),
    output: Path | None = typer.Option(None, "-o", "--output", help="Write JSONL here (atomically) instead of stdout."),
    published: str | None = typer.Option(None, "--published", help="Publication date YYYY-MM-DD for every input."),
    workers: int = typer.Option(0, "--workers", "-w", help="Worker processes (0 = all cores)."),
    allow_private: bool = typer.Option(False, "--allow-private", help="Allow URLs on private or loopback addresses."),
) -> None:
    """Extract events from news documents into JSONL document records.

    Example: eventwire extract samples/ -o events.jsonl --workers 2

    Example: cat docs.jsonl | eventwire extract - --published 2022-01-07 > events.jsonl

    Each bad input gets one "error:" line on stderr and the rest goes on; exit status 1 if any failed.
    """
    try:
        pub = dt.date.fromisoformat(published) if published else None
    except ValueError:
        raise typer.BadParameter(f"{published!r} is not a date YYYY-MM-DD", param_hint="--published") from None
    failed = extract_to(inputs, output, published=pub, workers=workers or default_workers(),
                        allow_private=allow_private)
    raise typer.Exit(1 if failed else 0)
