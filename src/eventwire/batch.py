"""Run the pipeline over a stream of inputs, on one core or many, in input order and bounded memory."""
from __future__ import annotations

import multiprocessing as mp
import os
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from . import settings
from .errors import Failure
from .records import Document, RawInput

Result = dict[str, Any] | Failure
_worker_pipeline = None


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _init_worker() -> None:
    global _worker_pipeline
    from .pipeline import Pipeline

    _worker_pipeline = Pipeline()


def _run_chunk(raws: list[RawInput]) -> list[Result]:
    assert _worker_pipeline is not None
    return [r.to_record() if isinstance(r, Document) else r for r in _worker_pipeline.pipe(raws)]


def _chunks(items: Iterable[RawInput | Failure], size: int) -> Iterator[list[RawInput | Failure]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def extract_many(inputs: Iterable[RawInput | Failure], workers: int = 1,
                 chunk_size: int = settings.WORKER_CHUNK_SIZE) -> Iterator[Result]:
    """Yield one contract record (dict) or Failure per input, in input order.

    Failures from reading inputs pass straight through. With workers > 1, each worker process builds
    the pipeline once; at most a few chunks per worker are in flight, so memory does not grow with
    the size of the corpus.
    """
    if workers <= 1:
        _init_worker()
        for chunk in _chunks(inputs, chunk_size):
            yield from _process_local(chunk)
        return
    with mp.get_context("fork").Pool(workers, initializer=_init_worker) as pool:
        pending: deque[tuple[list[RawInput | Failure], Any]] = deque()
        for chunk in _chunks(inputs, chunk_size):
            raws = [r for r in chunk if isinstance(r, RawInput)]
            pending.append((chunk, pool.apply_async(_run_chunk, (raws,))))
            while len(pending) >= workers * 3:
                chunk, done = pending.popleft()
                yield from _merge(chunk, done.get())
        while pending:
            chunk, done = pending.popleft()
            yield from _merge(chunk, done.get())


def _process_local(chunk: list[RawInput | Failure]) -> Iterator[Result]:
    yield from _merge(chunk, _run_chunk([r for r in chunk if isinstance(r, RawInput)]))


def _merge(chunk: list[RawInput | Failure], results: list[Result]) -> Iterator[Result]:
    """Put the chunk's reading failures back between its processed results, in input order."""
    done = iter(results)
    for item in chunk:
        yield item if isinstance(item, Failure) else next(done)
