"""Run the pipeline into a store: `ingest` new inputs, `recode` stored documents after an upgrade.

Every document is written in its own transaction as soon as it is extracted, and inputs already stored
by this eventwire version and rules are not extracted again, so an interrupted run resumes where it stopped.
"""
from __future__ import annotations

import datetime as dt
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import sqlalchemy as sa

from ..api import read_inputs
from ..batch import Result, extract_many
from ..errors import Failure
from ..progress import progress
from ..records import RawInput
from .connect import Store
from .provenance import eventwire_version, rules_digest
from .schema import documents
from .writer import Source, is_current, source_of, write_document

_Pending = tuple[str | None, Source | None, str]   # stored key (recode) or None, source, origin


@dataclass(slots=True)
class IngestReport:
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    failed: int = 0

    def __str__(self) -> str:
        return (f"{self.added} added, {self.replaced} replaced, {self.unchanged} unchanged, "
                f"{self.failed} failed")


def report_failure(failure: Failure) -> None:
    print(str(failure), file=sys.stderr, flush=True)


def ingest(store: Store, names: Iterable[str], published: dt.date | None = None, workers: int = 1,
           allow_private: bool = False, on_failure: Callable[[Failure], None] = report_failure) -> IngestReport:
    """Extract every input and store it; inputs stored already (same source, version and rules) are skipped.

    Args:
        names: files, directories, '-' or URLs, as `eventwire extract` takes them.
        on_failure: called with each input that could not be read, extracted or stored.
    """
    report = IngestReport()
    pending: deque[_Pending] = deque()   # one per item handed to extract_many, in the same order

    def new_inputs() -> Iterator[RawInput | Failure]:
        for item in read_inputs(names, published, allow_private):
            source = source_of(item) if isinstance(item, RawInput) else None
            if source is not None and is_current(store, source):
                report.unchanged += 1
                continue
            pending.append((None, source, item.origin))
            yield item

    _store_results(store, extract_many(new_inputs(), workers=workers), pending, report, on_failure)
    return report


def recode(store: Store, everything: bool = False, workers: int = 1,
           on_failure: Callable[[Failure], None] = report_failure) -> IngestReport:
    """Extract stored documents again, from their stored source, and replace what was coded from them.

    Only documents coded by another eventwire version or other rules, unless `everything`. A document
    that now fails keeps what it had.
    """
    report = IngestReport()
    query = sa.select(documents.c.id).order_by(documents.c.id)
    if not everything:
        query = query.where(sa.or_(documents.c.eventwire_version != eventwire_version(),
                                   documents.c.rules_digest != rules_digest()))
    with store.read() as conn:
        ids = conn.execute(query).scalars().all()
    pending: deque[_Pending] = deque()

    def stored_inputs() -> Iterator[RawInput]:
        for doc_pk in ids:
            with store.read() as conn:
                doc = conn.execute(sa.select(documents).where(documents.c.id == doc_pk)).one()
            text = doc.source if doc.source is not None else doc.text
            origin = f"{store.url} [{doc.doc_key}]"
            pending.append((doc.doc_key, Source(doc.source_kind, text, doc.source_hash), origin))
            yield RawInput(doc_id=doc.doc_id, origin=origin,
                           text=text if doc.source_kind == "text" else None,
                           html=text if doc.source_kind == "html" else None,
                           url=doc.url, title=doc.title, published=doc.published)

    _store_results(store, extract_many(stored_inputs(), workers=workers), pending, report, on_failure)
    return report


def _store_results(store: Store, results: Iterable[Result], pending: deque[_Pending],
                   report: IngestReport, on_failure: Callable[[Failure], None]) -> None:
    """Write each result as it comes; `pending` holds, in the same order, each input's key, source, origin."""
    for result in progress(results, label="ingest"):
        key, source, origin = pending.popleft()
        if isinstance(result, Failure):
            report.failed += 1
            on_failure(result)
            continue
        assert source is not None   # only readable inputs are extracted
        try:
            outcome = write_document(store, result, source, key)
        except (KeyError, TypeError, ValueError, sa.exc.DataError) as e:   # a record the store cannot hold
            report.failed += 1
            on_failure(Failure(origin, result.get("doc_id"), "store",
                               f"{type(e).__name__}: {e}"))
            continue
        setattr(report, outcome, getattr(report, outcome) + 1)
