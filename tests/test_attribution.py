"""reported_by on wire-style attribution: said / told / according to / reported / quoting / citing / carried by /
parenthetical and headline credits, and the speaker kept apart from the event's own parties."""
from __future__ import annotations

import pytest
from conftest import read_cases


@pytest.mark.parametrize("case", read_cases("attribution.jsonl"), ids=lambda c: c["text"])
def test_reported_by(run, case):
    doc = run(case["text"], published="2024-05-01")
    found = [e for e in doc.events if e.event_type == case["type"] and e.factuality == "asserted"]
    assert found, [(e.event_type, e.factuality, e.evidence.trigger) for e in doc.events]
    for event in found:
        reporter = event.reported_by
        if case["reported_by"] is None:
            assert reporter is None, reporter
            continue
        assert reporter is not None and case["reported_by"].lower() in reporter.text.lower(), reporter
        if "country" in case:
            assert reporter.country == case["country"], reporter
        if "sector" in case:
            assert set(case["sector"]) & set(reporter.sector), reporter
        if "source" in case:
            assert event.source is not None and case["source"].lower() in event.source.text.lower(), event.source
