"""Event coding: types, modes, roles, counts and factuality on real-style sentences (tests/cases/*.jsonl)."""
from __future__ import annotations

import pytest
from conftest import DEV_DOC, ROOT, SHARED, read_cases

from eventwire.events import EventStage
from eventwire.events.counts import parse_number
from eventwire.nlp import NLP
from eventwire.records import Document, Event


@pytest.fixture(scope="module")
def code(nlp):
    """Parse a text and code its events (no actor stage: roles are checked by their phrase)."""
    parse, stage = NLP(), EventStage()

    def _code(text: str) -> list[Event]:
        doc = parse(Document(doc_id="t", text=text))
        return stage(doc).events
    return _code


def _pick(events: list[Event], event_type: str) -> list[Event]:
    return [e for e in events if e.event_type == event_type]


@pytest.mark.parametrize("case", read_cases("events.jsonl") + read_cases("events_clauses.jsonl"), ids=lambda c: c["text"])
def test_events_type_mode_roles(code, case):
    events = code(case["text"])
    asserted = [e for e in events if e.factuality == "asserted"]
    if case["type"] is None:
        assert asserted == [], [(e.event_type, e.evidence.trigger) for e in asserted]
        return
    found = _pick(asserted, case["type"])
    assert found, [(e.event_type, e.evidence.trigger) for e in events]
    if case.get("only"):        # one event told by several verbs or nouns: one type
        assert {e.event_type for e in asserted} == {case["type"]}, [(e.event_type, e.evidence.trigger) for e in asserted]
    if "mode" in case:
        assert case["mode"] in {e.mode for e in found}
    for role in ("source", "target"):
        if role in case:
            texts = [getattr(e, role).text for e in found if getattr(e, role)]
            assert any(case[role] in t or t in case[role] for t in texts), (role, texts)


@pytest.mark.parametrize("case", read_cases("factuality.jsonl"), ids=lambda c: f'{c["type"]}: {c["text"]}')
def test_events_factuality(code, case):
    found = _pick(code(case["text"]), case["type"])
    assert found
    assert case["factuality"] in {e.factuality for e in found}


@pytest.mark.parametrize("case", read_cases("counts.jsonl"), ids=lambda c: f'{c["type"]}: {c["text"]}')
def test_events_counts(code, case):
    found = _pick(code(case["text"]), case["type"])
    assert found
    if case["counts"]:
        assert any(case["counts"].items() <= e.counts.items() for e in found), [e.counts for e in found]
    else:
        assert all(not e.counts for e in found)


@pytest.mark.parametrize("words, value", [("more than 3,000", 3000), ("a dozen", 12), ("1.5 million", 1500000),
                                          ("twenty-six", 26), ("hundreds", None), ("about 2,500", 2500)])
def test_events_parse_number(nlp, words, value):
    assert parse_number(list(nlp.make_doc(words))) == value


def test_events_dev_document_evidence_is_verbatim(code):
    text = DEV_DOC.read_text(encoding="utf-8")
    events = code(text)
    assert len(events) >= 15
    for e in events:
        ev = e.evidence
        assert text[ev.start:ev.end] == ev.sentence and len(ev.sentence) <= 600
        assert text[ev.trigger_start:ev.trigger_end] == ev.trigger
        assert 0 <= e.confidence <= 1
    assert len({e.event_id for e in events}) == len(events)
    assert not [e for e in events if "Leave a Reply" in e.evidence.sentence or "Video duration" in e.evidence.sentence]


def test_events_one_line_report_without_full_stop_is_coded(run):
    """A record that is one unpunctuated line is the report itself, not a heading above one."""
    doc = run("Police arrested 45 protesters in Nairobi on Tuesday")
    assert [e.event_type for e in doc.events] == ["COERCE"]
    doc = run("Kenya's parliament met on Monday.\n\nProtests erupt in the capital\n\n"
              "Police arrested 45 protesters in Nairobi on Tuesday.")
    assert "erupt" not in [e.evidence.trigger for e in doc.events]      # a section heading stays uncoded


@pytest.mark.skipif(not (SHARED / "data" / "petrarch2").is_dir(), reason="shared PETRARCH2 data not present")
def test_events_derived_lexicon_is_rebuilt_by_its_script():
    import importlib.util

    spec = importlib.util.spec_from_file_location("derive", ROOT / "scripts" / "derive_event_lexicon.py")
    derive = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(derive)
    assert derive.build(SHARED / "data") == derive.OUT.read_text(encoding="utf-8")
