"""Events out of a store in one of four formats: PLOVER JSON lines, ACLED-like CSV, Parquet, JSON lines."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO

from ..api import open_output
from ..store import Store
from ..store.query import EventFilter, iter_events
from .acled_csv import write_csv
from .compound import Event
from .jsonl import write_jsonl
from .plover import write_plover

TEXT_FORMATS: dict[str, Callable[[Iterable[Event], IO[str]], int]] = {
    "plover": write_plover, "csv": write_csv, "jsonl": write_jsonl}
FORMATS = (*TEXT_FORMATS, "parquet")


def export_events(store: Store, fmt: str, output: Path | None, where: EventFilter | None = None) -> int:
    """Write the events matching `where` to `output` (atomically; stdout when None); return how many
    records were written (PLOVER and CSV records group compound-actor events, so may be fewer).

    Raises:
        ValueError: unknown format, or parquet without an output file.
    """
    events = iter_events(store, where or EventFilter())
    if fmt == "parquet":
        if output is None:
            raise ValueError("parquet is a binary format: name an output file with -o")
        from .parquet import write_parquet  # pyarrow loads only when asked for

        return write_parquet(events, output)
    if fmt not in TEXT_FORMATS:
        raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    with open_output(output) as out:
        return TEXT_FORMATS[fmt](events, out)
