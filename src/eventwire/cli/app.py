"""The `eventwire` command: registers one module per subcommand."""
from __future__ import annotations

import typer

from . import extract

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Turn news reports into PLOVER-coded political event data.")
app.command("extract")(extract.extract_cli)


@app.callback()
def _root() -> None:
    """Turn news reports into PLOVER-coded political event data."""


def main() -> None:
    app()
