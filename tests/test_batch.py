"""Batches: input order kept on many workers, failures passed through in place, bounded read-ahead."""
from __future__ import annotations

import os

import pytest

from eventwire import batch, settings
from eventwire.batch import extract_many
from eventwire.errors import Failure
from eventwire.pipeline import Pipeline
from eventwire.records import Document, RawInput

REPORTS = [
    "Police arrested 12 protesters in Lagos on Monday.",
    "Rebels shelled the northern town of Kidal overnight, the army said.",
    "Thousands marched in Santiago on Sunday to demand pension reform.",
    "The government of Peru declared a state of emergency in Puno.",
    "Troops fired tear gas at students outside the university in Dhaka.",
    "Two soldiers were killed when their convoy hit a mine near Gao.",
    "The foreign ministers of both countries met in Geneva on Tuesday.",
]


def raw(i: int, text: str | None = None) -> RawInput:
    return RawInput(doc_id=f"d{i}", origin=f"d{i}.txt", text=text or REPORTS[i % len(REPORTS)])


class Mark:
    """A stand-in stage that records where it was built and where it ran, and fails on cue."""

    name = "mark"
    requires = ("text",)
    provides = ("warnings",)

    def __init__(self) -> None:
        self.built_in = os.getpid()

    def __call__(self, doc: Document) -> Document:
        if "RAISE" in doc.text:
            raise ValueError("cannot read this one")
        if "DIE" in doc.text:
            os._exit(3)  # a worker killed outright, as by the out-of-memory killer
        doc.warnings.append(f"built {self.built_in} ran {os.getpid()}")
        return doc


@pytest.fixture
def marked(monkeypatch: pytest.MonkeyPatch) -> Pipeline:
    """Workers run a light pipeline of one `Mark` stage (patched in before they fork)."""
    light = Pipeline(stages=[Mark()])
    monkeypatch.setattr(batch, "process_pipeline", lambda: light)
    return light


def test_batch_two_workers_keep_input_order_and_code_as_one_does():
    inputs = [raw(i) for i in range(11)]
    records = list(extract_many(inputs, workers=2, chunk_size=2))
    assert [r["doc_id"] for r in records] == [r.doc_id for r in inputs]
    assert records == list(extract_many(inputs, workers=1))


@pytest.mark.parametrize("workers", [1, 2])
def test_batch_passes_reading_failures_through_in_place(marked, workers):
    unreadable = Failure("missing.txt", None, "ingest", "no such file or directory")
    inputs = [raw(0), unreadable, raw(1), raw(2), unreadable, raw(3)]
    out = list(extract_many(inputs, workers=workers, chunk_size=2))
    labels = [r if isinstance(r, Failure) else r["doc_id"] for r in out]
    assert labels == ["d0", unreadable, "d1", "d2", unreadable, "d3"]


@pytest.mark.parametrize("workers", [1, 2])
def test_batch_goes_on_after_a_bad_document(marked, workers):
    inputs = [raw(0), raw(1, "This one will RAISE an error."), raw(2), raw(3)]
    out = list(extract_many(inputs, workers=workers, chunk_size=2))
    assert [r["doc_id"] for r in out if not isinstance(r, Failure)] == ["d0", "d2", "d3"]
    assert isinstance(out[1], Failure) and out[1].stage == "mark" and "cannot read this one" in out[1].reason


def test_batch_survives_a_worker_dying_and_fails_only_its_document(marked):
    inputs = [raw(i, "This one makes the worker DIE." if i == 5 else None) for i in range(12)]
    out = list(extract_many(inputs, workers=2, chunk_size=2))
    assert [r.doc_id if isinstance(r, Failure) else r["doc_id"] for r in out] == [r.doc_id for r in inputs]
    assert [i for i, r in enumerate(out) if isinstance(r, Failure)] == [5]
    assert out[5].stage == "worker"


def test_batch_workers_share_the_pipeline_built_in_the_parent(marked):
    out = list(extract_many([raw(i) for i in range(6)], workers=2, chunk_size=1))
    notes = [r["warnings"][0].split() for r in out]
    assert {built for _, built, _, ran in notes} == {str(os.getpid())}
    assert str(os.getpid()) not in {ran for _, built, _, ran in notes}


@pytest.mark.parametrize("workers", [1, 2])
def test_batch_reads_a_bounded_window_ahead_of_its_caller(marked, workers):
    pulled = 0

    def stream():
        nonlocal pulled
        for i in range(80):
            pulled += 1
            yield raw(i)

    chunk = 2
    ahead = (workers * settings.WORKER_CHUNKS_IN_FLIGHT if workers > 1 else 1) * chunk
    for taken, _ in enumerate(extract_many(stream(), workers=workers, chunk_size=chunk)):
        assert pulled <= taken + ahead, f"{pulled} inputs read for {taken} results taken"
    assert pulled == 80
