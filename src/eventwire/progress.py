"""A rich progress bar on stderr for batches, only when stderr is a terminal."""
from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def progress(items: Iterable[T], label: str) -> Iterator[T]:
    if not sys.stderr.isatty():
        yield from items
        return
    from rich.console import Console
    from rich.progress import MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn(f"[bold]{label}"), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]} docs/s"), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=None, rate="-")
        for item in items:
            bar.advance(task)
            elapsed = bar.tasks[0].elapsed or 0
            bar.update(task, rate=f"{bar.tasks[0].completed / elapsed:.1f}" if elapsed else "-")
            yield item
