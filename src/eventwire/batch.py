"""Run the pipeline over a stream of inputs, on one core or many, in input order and bounded memory."""
from __future__ import annotations

import functools
import gc
import multiprocessing as mp
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import TYPE_CHECKING, Any

from . import settings
from .errors import Failure
from .records import Document, RawInput

if TYPE_CHECKING:
    from .pipeline import Pipeline

Result = dict[str, Any] | Failure
Item = RawInput | Failure
WORKER_DIED = "worker process died on this document (out of memory or a crash in a native library)"


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


@functools.cache
def process_pipeline() -> Pipeline:
    """This process's pipeline, built on first use; forked workers inherit the parent's, already built."""
    from .pipeline import Pipeline

    return Pipeline()


def extract_many(inputs: Iterable[Item], workers: int = 1,
                 chunk_size: int = settings.WORKER_CHUNK_SIZE) -> Iterator[Result]:
    """Yield one contract record (dict) or Failure per input, in input order.

    Inputs are read lazily and failures from reading them pass straight through. With workers > 1 the
    pipeline is built once, in this process, and forked workers share it copy-on-write; at most
    `settings.WORKER_CHUNKS_IN_FLIGHT` chunks per worker are read ahead of the caller, so memory does
    not grow with the size of the corpus. A worker that dies fails only the document that killed it.
    """
    chunks = _chunks(inputs, chunk_size)
    if workers <= 1:
        for chunk in chunks:
            yield from _merge(chunk, _run_chunk(_raws(chunk)))
    else:
        yield from _in_parallel(chunks, workers)


def _run_chunk(raws: list[RawInput]) -> list[Result]:
    return [r.to_record() if isinstance(r, Document) else r for r in process_pipeline().pipe(raws)]


def _in_parallel(chunks: Iterator[list[Item]], workers: int) -> Iterator[Result]:
    process_pipeline()  # built here, before the workers fork, so they share its models and indexes
    pool = _Workers(workers)
    pending: deque[tuple[list[Item], Future[list[Result]]]] = deque()
    try:
        for chunk in chunks:
            pending.append((chunk, pool.submit(_raws(chunk))))
            if len(pending) >= workers * settings.WORKER_CHUNKS_IN_FLIGHT:
                yield from _collect(pending, pool)
        while pending:
            yield from _collect(pending, pool)
    finally:
        pool.close()


def _collect(pending: deque[tuple[list[Item], Future[list[Result]]]], pool: _Workers) -> Iterator[Result]:
    """The oldest chunk's results; if its worker died, find the fatal document and resubmit the rest."""
    chunk, future = pending.popleft()
    try:
        results = future.result()
    except BrokenProcessPool:
        pool.restart()
        results = [pool.run_alone(raw) for raw in _raws(chunk)]
        for i, (later, done) in enumerate(pending):
            if not _succeeded(done):
                pending[i] = (later, pool.submit(_raws(later)))
    yield from _merge(chunk, results)


class _Workers:
    """A pool of forked worker processes, replaced whole when one of them dies."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.pool: ProcessPoolExecutor | None = None

    def submit(self, raws: list[RawInput]) -> Future[list[Result]]:
        """The chunk's future; if the pool is already broken, a future holding that error for `_collect`."""
        try:
            if self.pool is not None:
                return self.pool.submit(_run_chunk, raws)
            self.pool = ProcessPoolExecutor(self.size, mp_context=_context())
            # A forking pool starts its workers on the first submit; freezing the parent's objects first
            # keeps the workers' garbage collector off the pipeline's pages, so they stay shared.
            gc.freeze()
            try:
                return self.pool.submit(_run_chunk, raws)
            finally:
                gc.unfreeze()
        except BrokenProcessPool as e:
            broken: Future[list[Result]] = Future()
            broken.set_exception(e)
            return broken

    def run_alone(self, raw: RawInput) -> Result:
        try:
            return self.submit([raw]).result()[0]
        except BrokenProcessPool:
            self.restart()
            return Failure(raw.origin, raw.doc_id, "worker", WORKER_DIED)

    def restart(self) -> None:
        self.close()
        self.pool = None

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)


def _succeeded(future: Future[list[Result]]) -> bool:
    return future.done() and not future.cancelled() and future.exception() is None


def _context() -> mp.context.BaseContext:
    return mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _raws(chunk: list[Item]) -> list[RawInput]:
    return [r for r in chunk if isinstance(r, RawInput)]


def _merge(chunk: list[Item], results: list[Result]) -> Iterator[Result]:
    """Put the chunk's reading failures back between its processed results, in input order."""
    done = iter(results)
    for item in chunk:
        yield item if isinstance(item, Failure) else next(done)
