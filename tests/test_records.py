"""The contract: every record validates against the shared schema and every offset points at its text."""
from __future__ import annotations

from conftest import DEV_DOC


def test_records_dev_document_validates_and_offsets_hold(run, contract):
    doc = run(DEV_DOC.read_text(encoding="utf-8"), published="2022-01-07", doc_id="kazakhstan-2022-01-07")
    record = doc.to_record()
    contract.validate(record)
    text = record["text"]
    for key in ("dates", "places", "actors"):
        for m in record[key]:
            assert text[m["start"]:m["end"]] == m["text"], (key, m)
    for e in record["events"]:
        ev = e["evidence"]
        assert text[ev["start"]:ev["end"]] == ev["sentence"] or ev["sentence"] in record["captions"]
        if ev.get("trigger_start") is not None and not e.get("from_caption"):
            assert text[ev["trigger_start"]:ev["trigger_end"]] == ev["trigger"]
    for s in doc.sentences:
        assert text[s.start:s.end] == s.text
