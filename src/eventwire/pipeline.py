"""The pipeline: RawInput → clean → nlp → dates → places → actors → events → event time/place.

Each stage is a small object with `name`, `requires`, `provides` and `__call__(doc) -> doc`; the runner
checks the order once, times every stage, and turns an exception into a `Failure` for that document
while the batch goes on.
"""
from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol

from . import settings
from .errors import Failure, InputError
from .records import Document, RawInput


class Stage(Protocol):
    name: str
    requires: tuple[str, ...]
    provides: tuple[str, ...]

    def __call__(self, doc: Document) -> Document: ...


def default_stages() -> list[Stage]:
    """The analysis stages in data-flow order (cleaning is the runner's first step)."""
    from .actors import ActorStage
    from .dates import DateStage, EventTimeStage
    from .events import EventStage
    from .nlp import NLP
    from .places import EventPlaceStage, PlaceStage

    return [NLP(), DateStage(), PlaceStage(), ActorStage(), EventStage(), EventTimeStage(), EventPlaceStage()]


def check_order(stages: Sequence[Stage]) -> None:
    """Fail at build time when a stage needs a field no earlier stage provides."""
    have = {"text", "title", "published", "captions", "headings", "language", "dateline", "url"}
    for stage in stages:
        missing = set(stage.requires) - have
        if missing:
            raise ValueError(f"stage {stage.name!r} requires {sorted(missing)}, which no earlier stage provides")
        have |= set(stage.provides)


class Pipeline:
    """Build once per process (models and rules load here), then call on RawInput or pipe many."""

    def __init__(self, stages: Sequence[Stage] | None = None) -> None:
        from .clean import clean

        self.clean = clean
        self.stages = list(default_stages() if stages is None else stages)
        check_order(self.stages)
        self.timings: dict[str, float] = defaultdict(float)

    def __call__(self, raw: RawInput) -> Document:
        """Process one input; raise InputError (cleaning) or the stage's exception."""
        result = next(self.pipe([raw], batch_size=1))
        if isinstance(result, Failure):
            raise InputError(result.origin, result.reason)
        return result

    def pipe(self, raws: Iterable[RawInput], batch_size: int = settings.SPACY_BATCH_SIZE
             ) -> Iterator[Document | Failure]:
        """Process inputs in order, yielding a Document or a Failure for each."""
        batch: list[RawInput] = []
        for raw in raws:
            batch.append(raw)
            if len(batch) >= batch_size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    def _run_batch(self, raws: list[RawInput]) -> list[Document | Failure]:
        results: list[Document | Failure] = []
        t0 = time.perf_counter()
        for raw in raws:
            try:
                results.append(self.clean(raw))
            except InputError as e:
                results.append(Failure(raw.origin, raw.doc_id, "clean", e.reason))
            except Exception as e:  # noqa: BLE001 - one bad document must not stop the batch
                results.append(Failure(raw.origin, raw.doc_id, "clean", f"{type(e).__name__}: {e}"))
        self.timings["clean"] += time.perf_counter() - t0
        live = [r for r in results if isinstance(r, Document) and r.language in ("en", None)]
        if live and self.stages and hasattr(self.stages[0], "pipe"):
            self._batch_first_stage(live, results)
            rest = self.stages[1:]
        else:
            rest = self.stages
        for stage in rest:
            t0 = time.perf_counter()
            for i, r in enumerate(results):
                if isinstance(r, Document) and r.language in ("en", None):
                    results[i] = self._apply(stage, r)
            self.timings[stage.name] += time.perf_counter() - t0
        return results

    def _batch_first_stage(self, live: list[Document], results: list[Document | Failure]) -> None:
        """spaCy is fastest fed in batches; if a batch fails, retry its documents one at a time."""
        stage = self.stages[0]
        t0 = time.perf_counter()
        try:
            list(stage.pipe(live))  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001
            for doc in live:
                idx = results.index(doc)
                results[idx] = self._apply(stage, doc)
        self.timings[stage.name] += time.perf_counter() - t0

    @staticmethod
    def _apply(stage: Stage, doc: Document) -> Document | Failure:
        try:
            out = stage(doc)
        except Exception as e:  # noqa: BLE001 - the error becomes this document's record
            return Failure(doc.origin, doc.doc_id, stage.name, f"{type(e).__name__}: {e}")
        if not isinstance(out, Document):
            return Failure(doc.origin, doc.doc_id, stage.name, f"stage returned {type(out).__name__}, not Document")
        return out
