"""A rich progress bar on stderr for batches, only when stderr is a terminal."""
from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from itertools import chain
from typing import TypeVar

T = TypeVar("T")


def progress(items: Iterable[T], label: str, total: int | None = None) -> Iterator[T]:
    """Yield `items`, showing count and documents/s, and a bar with time left when `total` is known."""
    if not sys.stderr.isatty():
        yield from items
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    it = iter(items)
    try:  # the first item starts the batch's worker processes: they must fork before the bar's thread starts
        first = next(it)
    except StopIteration:
        return
    columns = [SpinnerColumn(), TextColumn(f"[bold]{label}"), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]} docs/s"), TimeElapsedColumn()]
    if total is not None:
        columns[2:2] = [BarColumn()]
        columns.append(TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=total, rate="-")
        for item in chain([first], it):
            yield item
            bar.advance(task)
            elapsed = bar.tasks[0].elapsed or 0
            bar.update(task, rate=f"{bar.tasks[0].completed / elapsed:.1f}" if elapsed else "-")
