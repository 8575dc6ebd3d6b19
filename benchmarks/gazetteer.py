"""The gazetteer: index build time and size, open time, and what resolving places costs per mention and document."""
from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.corpus import documents
from eventwire.nlp import load
from eventwire.places import PlaceStage
from eventwire.places.gazetteer import Gazetteer, ensure_index
from eventwire.records import Document


def run(docs: int = 200, quick: bool = False) -> dict[str, Any]:
    n = 24 if quick else min(docs, 200)
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        path = ensure_index(Path(tmp))
        build_s = time.perf_counter() - t0
        size_mb = path.stat().st_size / 1e6
    path = ensure_index()                          # the shared cache, as the pipeline uses it
    nlp = load()
    parsed = [Document(doc_id=r.doc_id, text=r.text or "", spacy_doc=nlp(r.text or "")) for r in documents(n)]
    rss0 = _rss_mb()
    t0 = time.perf_counter()
    gazetteer = Gazetteer(path)
    gazetteer.lookup("Almaty")
    open_ms = (time.perf_counter() - t0) * 1000
    stage = PlaceStage(gazetteer)
    cold_s, mentions = _pass(stage, parsed)        # every name looked up in SQLite once
    warm_s, _ = _pass(stage, parsed)               # names served from the per-process memo
    return {
        "index_build_s": round(build_s, 2),
        "index_size_mb": round(size_mb, 1),
        "index_open_ms": {"value": round(open_ms, 2), "target": "< 1000", "met": open_ms < 1000},
        "documents": n,
        "place_mentions": mentions,
        "ms_per_mention_cold": round(cold_s * 1000 / max(mentions, 1), 3),
        "ms_per_mention_warm": round(warm_s * 1000 / max(mentions, 1), 3),
        "ms_per_document_warm": {"value": round(warm_s * 1000 / n, 2), "target": "< 5",
                                 "met": warm_s * 1000 / n < 5},
        "names_memoised": gazetteer.memo_size,
        "rss_added_mb": round(_rss_mb() - rss0, 1),     # open index pages, memo, place records
    }


def _pass(stage: PlaceStage, parsed: list[Document]) -> tuple[float, int]:
    t0 = time.perf_counter()
    mentions = sum(len(stage(doc).places) for doc in parsed)
    return time.perf_counter() - t0, mentions


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6
