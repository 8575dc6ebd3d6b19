"""The `eventwire` command: registers one module per subcommand."""
from __future__ import annotations

import typer

from . import events, export, extract, ingest, recode, stats

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Turn news reports into PLOVER-coded political event data.")
app.command("extract")(extract.extract_cli)
app.command("ingest")(ingest.ingest_cli)
app.command("events")(events.events_cli)
app.command("export")(export.export_cli)
app.command("stats")(stats.stats_cli)
app.command("recode")(recode.recode_cli)


@app.callback()
def _root() -> None:
    """Turn news reports into PLOVER-coded political event data."""


def main() -> None:
    app()
