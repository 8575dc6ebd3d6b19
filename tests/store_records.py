"""Contract records written by hand for the store and export tests, where exact field values matter,
and a canonical dump of a store's content for comparing two stores."""
from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa

from eventwire.store import Store
from eventwire.store.schema import documents, metadata
from eventwire.store.writer import Source


def actor(text: str, country: str | None, *sector: str, name: str | None = None) -> dict[str, Any]:
    return {"text": text, "name": name, "country": country, "sector": list(sector), "start": None, "end": None}


def place(name: str, country: str, lat: float, lon: float, admin1: str | None = None) -> dict[str, Any]:
    return {"name": name, "country": country, "admin1": admin1, "lat": lat, "lon": lon, "geonames_id": None,
            "feature": "city"}


def event(event_id: str, event_type: str, sentence: str, text: str, trigger: str, **fields: Any) -> dict[str, Any]:
    start = text.index(sentence)
    t0 = start + sentence.index(trigger)
    return {"event_id": event_id, "event_type": event_type, "mode": None, "context": [], "source": None,
            "target": None, "date": None, "date_end": None, "date_precision": None, "date_source": None,
            "location": None, "location_precision": None, "counts": {}, "reported_by": None,
            "factuality": "asserted", "confidence": 0.7, "from_caption": False,
            "evidence": {"sentence": sentence, "start": start, "end": start + len(sentence), "trigger": trigger,
                         "trigger_start": t0, "trigger_end": t0 + len(trigger)}, **fields}


def record(doc_id: str, text: str, events: list[dict[str, Any]], url: str | None = None,
           published: str | None = "2024-05-20") -> dict[str, Any]:
    return {"doc_id": doc_id, "url": url, "title": text.split(".")[0], "published": published, "language": "en",
            "text": text, "captions": [], "dateline": None, "warnings": [], "dates": [], "places": [],
            "actors": [], "events": events}


def source(rec: dict[str, Any]) -> Source:
    return Source("text", rec["text"], f"test:{rec['doc_id']}")


def _one(doc_id: str, text: str, event_type: str, trigger: str, **fields: Any) -> dict[str, Any]:
    return record(doc_id, text, [event(f"{doc_id}-1", event_type, text, text, trigger, **fields)])


FILTER_CORPUS = [
    _one("lagos", "Police arrested 12 protesters in Lagos on Monday.", "COERCE", "arrested", mode="arrest",
         source=actor("Police", "NGA", "COP"), target=actor("protesters", "NGA", "CVL"), date="2024-03-04",
         date_precision="day", location=place("Lagos", "NGA", 6.45, 3.39), location_precision="city",
         counts={"arrested": 12}),
    _one("paris", "Tens of thousands of workers marched in Paris against the pension reform on 7 March.",
         "PROTEST", "marched", mode="demo", source=actor("workers", "FRA", "LAB"), date="2023-03-07",
         date_precision="day", location=place("Paris", "FRA", 48.85, 2.35), counts={"participants": 20000}),
    _one("kharkiv", "Russian drones struck Kharkiv overnight, killing three people, the regional governor said.",
         "ASSAULT", "struck", mode="aerial", source=actor("Russian drones", "RUS", "MIL"),
         target=actor("people", "UKR", "CVL"), date="2024-05-19", date_precision="day",
         location=place("Kharkiv", "UKR", 49.99, 36.23), counts={"killed": 3},
         reported_by=actor("the regional governor", "UKR", "GOV")),
    _one("borno", "Governor Babagana Zulum said troops clashed with militants near Maiduguri in March 2024.",
         "ASSAULT", "clashed", source=actor("troops", "NGA", "MIL", name="Nigerian Army"), target=actor("militants", "NGA", "REB"),
         reported_by=actor("Governor", "NGA", "GOV", name="Babagana Zulum"),
         date="2024-03-01", date_end="2024-03-31", date_precision="month",
         location=place("Maiduguri", "NGA", 11.85, 13.16)),
    # ~52 km from Lagos: inside the bounding box of a 50 km circle around Lagos, outside the circle
    _one("sagamu", "Gunmen attacked a bus near Sagamu on Tuesday, police said.", "ASSAULT", "attacked",
         source=actor("Gunmen", None, "UAF"), target=actor("a bus", None), date="2024-03-05",
         location=place("Sagamu", "NGA", 6.84, 3.65)),
    _one("talks", "Talks between the two sides are expected to resume.", "CONSULT", "Talks", factuality="future"),
]


def dump(store: Store) -> dict[str, list[str]]:
    """Every row of every table, surrogate keys replaced by what they point at, sorted: equal dumps mean
    equal content whatever order or ids the rows were written with."""
    out: dict[str, list[str]] = {}
    with store.read() as conn:
        doc_keys = dict(conn.execute(sa.select(documents.c.id, documents.c.doc_key)).all())
        sentence_table = metadata.tables["sentences"]
        sentence_text = dict(conn.execute(sa.select(sentence_table.c.id, sentence_table.c.text)).all())
        for table in metadata.sorted_tables:
            rows = []
            for row in conn.execute(sa.select(table)).mappings():
                item = {k: v for k, v in row.items() if k not in ("id", "document_id", "sentence_id")}
                if "document_id" in row:
                    item["document"] = doc_keys[row["document_id"]]
                if "sentence_id" in row:
                    item["sentence"] = sentence_text[row["sentence_id"]]
                rows.append(json.dumps(item, sort_keys=True, default=str))
            out[table.name] = sorted(rows)
    return out
