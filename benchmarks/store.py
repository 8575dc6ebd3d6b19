"""The store: write rate (documents/s into SQLite and PostgreSQL) and filtered query latency on 100,000 events.

Records are synthetic but shaped like the pipeline's (real article text from benchmarks.corpus, ~25 events,
~40 actor and ~15 place mentions per document), so the figures measure the store alone, not extraction:
`eventwire ingest` runs at the pipeline's rate plus this cost per document. PostgreSQL runs when
$EVENTWIRE_TEST_PG names a server (.ci/postgres.sh starts one), in a schema dropped afterwards.
"""
from __future__ import annotations

import datetime as dt
import os
import random
import re
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa

from benchmarks.corpus import documents
from eventwire.store import Store, open_store
from eventwire.store.connect import store_url
from eventwire.store.query import EventFilter, Near, iter_events
from eventwire.store.writer import Source, write_document

QUERY_EVENTS = 100_000
EVENTS_PER_DOC = 25
QUERY_REPEATS = 5
SEED = 7
TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
# (ISO3, latitude, longitude) of a city per country: events scatter within ~3 degrees of it
COUNTRIES = (("NGA", 6.45, 3.39), ("KEN", -1.29, 36.82), ("PER", -12.05, -77.04), ("BGD", 23.81, 90.41),
             ("PAK", 24.86, 67.01), ("SDN", 15.5, 32.56), ("GEO", 41.72, 44.78), ("UKR", 49.99, 36.23),
             ("COD", -1.68, 29.22), ("MMR", 16.87, 96.2), ("FRA", 48.85, 2.35), ("KAZ", 43.25, 76.92))
QUERIES: dict[str, EventFilter] = {
    "type+country+since": EventFilter(event_type="PROTEST", country="NGA", since=dt.date(2024, 1, 1), limit=50),
    "type+country+since (all rows)": EventFilter(event_type="PROTEST", country="NGA", since=dt.date(2024, 1, 1)),
    "text": EventFilter(text="police protesters", limit=50),
    "near 100 km": EventFilter(near=Near(6.45, 3.39, 100), limit=50),
    "actor": EventFilter(actor="minister", limit=50),
}


def run(docs: int = 200, quick: bool = False) -> dict[str, Any]:
    n_write = 40 if quick else max(docs, 200)
    n_events = 10_000 if quick else QUERY_EVENTS
    out: dict[str, Any] = {"events_per_document": EVENTS_PER_DOC, "query_store_events": n_events}
    for backend, opened in _backends():
        with opened() as store:
            out[f"{backend}.write"] = _write_rate(store, n_write)
        with opened() as store:
            _fill(store, n_events // EVENTS_PER_DOC)
            out[f"{backend}.query_ms"] = {name: _latency_ms(store, where) for name, where in QUERIES.items()}
    return out


def _backends() -> Iterator[tuple[str, Callable[[], Any]]]:
    yield "sqlite", _sqlite_store
    if os.environ.get("EVENTWIRE_TEST_PG"):
        yield "postgresql", _postgres_store


@contextmanager
def _sqlite_store() -> Iterator[Store]:
    with tempfile.TemporaryDirectory() as tmp, open_store(f"sqlite:///{tmp}/bench.db") as store:
        yield store


@contextmanager
def _postgres_store() -> Iterator[Store]:
    base = store_url(os.environ["EVENTWIRE_TEST_PG"])
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(base)
    with admin.begin() as conn:
        conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
    try:
        url = base.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(False)
        with open_store(url) as store:
            yield store
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def _write_rate(store: Store, n: int) -> dict[str, float]:
    records = list(_records(n, seed=SEED))
    t0 = time.perf_counter()
    for rec in records:
        write_document(store, rec, _source(rec))
    added_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    for rec in records:                     # the same corpus again: every document is found unchanged
        write_document(store, rec, _source(rec))
    unchanged_s = time.perf_counter() - t0
    return {"docs_per_s": n / added_s, "events_per_s": n * EVENTS_PER_DOC / added_s,
            "unchanged_docs_per_s": n / unchanged_s}


def _fill(store: Store, n_docs: int) -> None:
    for rec in _records(n_docs, seed=SEED + 1):
        write_document(store, rec, _source(rec))


def _latency_ms(store: Store, where: EventFilter) -> dict[str, float]:
    times, found = [], 0
    for _ in range(QUERY_REPEATS):
        t0 = time.perf_counter()
        found = sum(1 for _ in iter_events(store, where))
        times.append((time.perf_counter() - t0) * 1000)
    return {"median": statistics.median(times), "min": min(times), "events": found}


def _source(rec: dict[str, Any]) -> Source:
    return Source("text", rec["text"], rec["doc_id"])


def _records(n: int, seed: int) -> Iterator[dict[str, Any]]:
    """n contract records on real article text, with events spread over types, countries and two years."""
    rng = random.Random(seed)
    for i, raw in enumerate(documents(n)):
        text = raw.text or ""
        sentences = [(m.start(), m.end()) for m in re.finditer(r"[^.!?\n]+[.!?]", text)] or [(0, len(text))]
        words = [(m.start(), m.end()) for m in re.finditer(r"[A-Za-z]{4,}", text)]
        actors = [_actor(text, *rng.choice(words), rng) for _ in range(40)]
        places = [{**_place(rng), "text": text[s:e], "start": s, "end": e}
                  for s, e in (rng.choice(words) for _ in range(15))]
        events = [_event(f"bench-{i}-{j}", text, rng.choice(sentences), actors, rng) for j in range(EVENTS_PER_DOC)]
        yield {"doc_id": f"bench-{seed}-{i}", "url": f"https://example.org/{seed}/{i}", "title": None,
               "published": "2024-06-01", "language": "en", "text": text, "captions": [], "dateline": None,
               "warnings": [], "dates": [], "places": places,
               "actors": [{**a, "kind": "entity"} for a in actors], "events": events}


def _actor(text: str, start: int, end: int, rng: random.Random) -> dict[str, Any]:
    return {"text": text[start:end], "name": None, "country": rng.choice(COUNTRIES)[0],
            "sector": [rng.choice(("GOV", "MIL", "COP", "CVL", "REB", "OPP"))], "start": start, "end": end}


def _place(rng: random.Random) -> dict[str, Any]:
    iso3, lat, lon = rng.choice(COUNTRIES)
    return {"name": f"Town {rng.randrange(1000)}", "country": iso3, "admin1": None,
            "lat": round(lat + rng.uniform(-3, 3), 4), "lon": round(lon + rng.uniform(-3, 3), 4),
            "geonames_id": None, "feature": "city"}


def _event(event_id: str, text: str, sentence: tuple[int, int], actors: list[dict[str, Any]],
           rng: random.Random) -> dict[str, Any]:
    start, end = sentence
    day = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(730))
    source, target = rng.sample(actors, 2)
    return {"event_id": event_id, "event_type": rng.choice(TYPES), "mode": None, "context": [],
            "source": source, "target": target, "date": day.isoformat(), "date_end": None,
            "date_precision": "day", "date_source": "stated", "location": _place(rng), "location_precision": "city",
            "counts": {"killed": rng.randrange(10)} if rng.random() < 0.2 else {}, "reported_by": None,
            "factuality": "asserted", "confidence": 0.7, "from_caption": False,
            "evidence": {"sentence": text[start:end], "start": start, "end": end, "trigger": None,
                         "trigger_start": None, "trigger_end": None}}
