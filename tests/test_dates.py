"""Dates: timexes found and resolved in sentence context (cases/dates.jsonl), and each event's date
(cases/event_dates.jsonl) on documents parsed up to the dates stage with hand-placed event triggers."""
from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from conftest import DEV_DOC, SHARED, read_cases

from eventwire.dates import DateStage, EventTimeStage, find_dates
from eventwire.dates.find import Lexicon, TimexFinder
from eventwire.errors import RuleError
from eventwire.records import Document, Event, Evidence, RawInput
from eventwire.resources import read_json

DATE_CASES = read_cases("dates.jsonl")
EVENT_CASES = read_cases("event_dates.jsonl")


@pytest.fixture(scope="module")
def finder() -> TimexFinder:
    return TimexFinder()


def _day(s: str | None) -> dt.date | None:
    return dt.date.fromisoformat(s) if s else None


@pytest.mark.parametrize("case", DATE_CASES,
                         ids=[f"{c['text']} [{c.get('timex') or c.get('absent')} @ {c['published']}]" for c in DATE_CASES])
def test_dates_find_and_resolve(case, nlp, finder):
    found = find_dates(nlp(case["text"]), _day(case["published"]), finder, case["text"])
    if "absent" in case:
        a = case["text"].index(case["absent"])
        b = a + len(case["absent"])
        assert [t for t in found if t.start < b and a < t.end] == []
        return
    hits = [t for t in found if t.text == case["timex"]]
    assert hits, f"{case['timex']!r} not found in {found}"
    t = hits[0]
    assert case["text"][t.start:t.end] == t.text
    assert (t.value, t.end_value, t.precision) == (case["value"], case["end_value"], case["precision"])


def test_dates_dev_document_gold(run):
    gold = json.loads((SHARED / "eval" / "dev" / "kazakhstan-2022-01-07.gold.json").read_text(encoding="utf-8"))
    doc = run(DEV_DOC.read_text(encoding="utf-8"), published=gold["published"])
    for g in gold["dates"]:
        want = g["date"] if isinstance(g["date"], dict) else {"start": g["date"], "end": None}
        spans = [(m.start(), m.end()) for m in re.finditer(re.escape(g["text"]), doc.text)]
        resolved = {(t.value, t.end_value) for t in doc.dates for a, b in spans if t.start < b and a < t.end}
        assert (want["start"], want["end"]) in resolved, g
    assert not any(re.search(r"minutes|days or weeks", t.text) for t in doc.dates)


def _parsed(pipeline, text: str, published: str | None) -> Document:
    """The document as the events stage sees it: cleaned, parsed, dates found."""
    doc = pipeline.clean(RawInput(doc_id="t", origin="t", text=text, published=_day(published)))
    for stage in pipeline.stages:
        doc = stage(doc)
        if isinstance(stage, DateStage):
            return doc
    raise AssertionError("the pipeline has no DateStage")


@pytest.mark.parametrize("case", EVENT_CASES, ids=[f"{c['trigger']}: {c['text']}" for c in EVENT_CASES])
def test_dates_event_date(case, pipeline):
    doc = _parsed(pipeline, case["text"], case["published"])
    starts = [m.start() for m in re.finditer(rf"\b{re.escape(case['trigger'])}\b", doc.text)]
    start = starts[case["nth"]]
    sentence = next(s for s in doc.sentences if s.start <= start < s.end)
    evidence = Evidence(sentence=sentence.text, start=sentence.start, end=sentence.end, trigger=case["trigger"],
                        trigger_start=start, trigger_end=start + len(case["trigger"]))
    doc.events = [Event(event_id="e1", event_type="ASSAULT", evidence=evidence)]
    event = EventTimeStage()(doc).events[0]
    assert (event.date, event.date_end, event.date_precision, event.date_source) == (
        case["date"], case["date_end"], case["precision"], case["source"])


def test_dates_unknown_macro_is_a_rule_error():
    lex = Lexicon(read_json("dates", "lexicon.json"))
    with pytest.raises(RuleError, match="NOSUCH"):
        lex.expand("(?P<day>{NOSUCH})", "test rule")
