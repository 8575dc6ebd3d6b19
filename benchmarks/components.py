"""CPU time of each spaCy component, as spaCy ships the model and as eventwire runs it (fast_pipes.py).

Both models parse the same corpus component by component: each component's `pipe` is timed alone over
all documents, so a component's figure does not depend on the others' batching. The best of `repeats`
rounds is kept; the two models are timed in turn, round after round, in this one process.
"""
from __future__ import annotations

import time
from typing import Any

import spacy

from eventwire import settings
from eventwire.clean import clean
from eventwire.nlp import load

from . import corpus


def run(docs: int = 200, quick: bool = False, repeats: int = 3) -> dict[str, Any]:
    if quick:
        docs, repeats = min(docs, 24), 1
    docs = min(docs, 100)                 # enough for per-component shares; the pipeline section times the rest
    texts = [clean(raw).text for raw in corpus.documents(docs)]
    shipped = spacy.load(settings.SPACY_MODEL)
    models = {"spacy": shipped, "eventwire": load()}
    best: dict[str, dict[str, float]] = {name: {} for name in models}
    for _ in range(repeats):
        for name, nlp in models.items():
            for component, seconds in _one_round(nlp, texts).items():
                best[name][component] = min(seconds, best[name].get(component, seconds))
    out: dict[str, Any] = {"documents": len(texts)}
    for name, times in best.items():
        out[name] = {f"{c}_ms_per_doc": round(1000 * s / len(texts), 2) for c, s in times.items()}
        out[name]["total_ms_per_doc"] = round(1000 * sum(times.values()) / len(texts), 2)
    return out


def _one_round(nlp: spacy.language.Language, texts: list[str]) -> dict[str, float]:
    docs = [nlp.make_doc(t) for t in texts]
    times: dict[str, float] = {}
    for name, component in nlp.pipeline:
        started = time.process_time()
        docs = list(component.pipe(docs, batch_size=settings.SPACY_BATCH_SIZE)) if hasattr(component, "pipe") \
            else [component(d) for d in docs]
        times[name] = time.process_time() - started
    return times
