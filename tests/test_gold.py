"""The gold gate: the whole pipeline on our gold documents (tests/gold) and on the shared dev document,
scored by the project scorer (../shared/eval/score.py) against the minimums in tests/floors.json; and the
bundled samples/ corpus extracted end to end."""
from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from conftest import SAMPLES, SHARED

from eventwire.errors import Failure
from eventwire.ingest import iter_inputs
from eventwire.pipeline import Pipeline
from eventwire.records import RawInput

# holdout: measurement only, never tuned to (tests/gold_holdout/README.md)
GOLD_DIRS = {"gold": Path(__file__).parent / "gold", "holdout": Path(__file__).parent / "gold_holdout",
             "dev": SHARED / "eval" / "dev"}
OUR_GOLD = ("gold", "holdout")
FLOORS_PATH = Path(__file__).parent / "floors.json"
FLOORS = json.loads(FLOORS_PATH.read_text(encoding="utf-8"))
TAXONOMY = json.loads((SHARED / "data" / "plover_taxonomy.json").read_text(encoding="utf-8"))
SECTORS = {"GOV", "MIL", "COP", "REB", "OPP", "CVL", "CRM", "IGO", "NGO", "JRN", "BUS", "ELI", "JUD", "LEG", "EDU",
           "LAB", "REF", "SPY", "REL", "PTY", "MED"}


def load_scorer() -> ModuleType:
    """The shared scorer, imported from its file: it is the judge, never a copy of it."""
    spec = importlib.util.spec_from_file_location("shared_eval_score", SHARED / "eval" / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


score = load_scorer()


def gold_digest(gold_dir: Path) -> str:
    """sha256 over the gold set's file names and bytes, pinned in floors.json."""
    h = hashlib.sha256()
    for p in sorted(gold_dir.iterdir()):
        if p.suffix in (".txt", ".json"):
            h.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def extract_records(pipeline: Pipeline, raws: list[RawInput], contract: Any) -> list[dict[str, Any]]:
    """Contract records for `raws`; a document the pipeline fails on, or a record off the contract, fails."""
    records = []
    for raw, result in zip(raws, pipeline.pipe(raws), strict=True):
        assert not isinstance(result, Failure), f"{raw.doc_id}: {result}"
        record = result.to_record()
        errors = sorted(contract.iter_errors(record), key=str)
        assert not errors, f"{raw.doc_id}: {errors[0].message} at {list(errors[0].absolute_path)}"
        records.append(record)
    return records


@pytest.fixture(scope="module")
def summaries(pipeline: Pipeline, contract: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """Scorer summary per gold set, with input built as `score.py input` builds it."""
    out = {}
    for name, gold_dir in GOLD_DIRS.items():
        raws = [RawInput(doc_id=g["doc_id"], origin=g["text"], text=g["_text"],
                         published=dt.date.fromisoformat(g["published"]) if g.get("published") else None)
                for g in score.load_gold(gold_dir)]
        pred = tmp_path_factory.mktemp(name) / "pred.jsonl"
        pred.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n"
                                for r in extract_records(pipeline, raws, contract)), encoding="utf-8")
        out[name] = score.score_docs(gold_dir, pred)
    return out


@pytest.mark.parametrize("name", sorted(GOLD_DIRS))
def test_gold_scores_meet_floors(summaries: dict[str, dict[str, Any]], name: str) -> None:
    s, floors = summaries[name], FLOORS[name]
    short = [f"{k} {s[k]} < {v}" for k, v in floors["at_least"].items() if s[k] < v]
    short += [f"{k} {s[k]} > {v}" for k, v in floors["at_most"].items() if s[k] > v]
    assert not short, "\n".join(
        [f"{name}: " + "; ".join(short), json.dumps({k: v for k, v in s.items()
                                                     if k not in ("missed", "false_positives")}),
         "missed:", *s["missed"], "false positives:", *s["false_positives"]])
    assert not s["missing_docs"], s["missing_docs"]


@pytest.mark.parametrize("name", OUR_GOLD)
def test_gold_digest_pinned(name: str) -> None:
    """Gold is written from the text alone; changing it is deliberate, never done to match output."""
    assert gold_digest(GOLD_DIRS[name]) == FLOORS[name]["digest"], (
        f"{GOLD_DIRS[name].name} changed: if the change is deliberate (and not made to match system output), "
        f"update {name}.digest in tests/floors.json")


@pytest.mark.parametrize("path", sorted(p for name in OUR_GOLD for p in GOLD_DIRS[name].glob("*.gold.json")),
                         ids=lambda p: p.stem)
def test_gold_annotation_is_well_formed(path: Path) -> None:
    """Every annotated string is in the text, evidence picks out one place, types and sectors exist."""
    g = json.loads(path.read_text(encoding="utf-8"))
    assert g["doc_id"] + ".gold.json" == path.name and g["text"] == g["doc_id"] + ".txt"
    dt.date.fromisoformat(g["published"])
    text = score.norm((path.parent / g["text"]).read_text(encoding="utf-8"))
    strings = [*g["boilerplate"], *g["captions"], *(x["text"] for key in ("dates", "places", "not_places", "actors")
                                                     for x in g[key])]
    assert [s for s in strings if score.norm(s) not in text] == []
    for e in g["events"] + g["forbidden"]:
        assert text.count(score.norm(e["evidence"])) == 1, e["evidence"]
        assert e["event_type"] == ["*"] or set(e["event_type"]) <= set(TAXONOMY["events"]), e
        for role in ("source", "target", "reported_by"):
            assert set((e.get(role) or {}).get("sector", [])) <= SECTORS, (e["evidence"], role)
    assert len({e["id"] for e in g["events"]}) == len(g["events"])
    assert all(set(a["sector"]) <= SECTORS for a in g["actors"])


def sample_ids() -> set[str]:
    """Every document in samples/: one per .txt or .html file, one per line of a .jsonl file."""
    ids = {p.stem for p in SAMPLES.iterdir() if p.suffix in (".txt", ".html")}
    for p in SAMPLES.glob("*.jsonl"):
        ids |= {json.loads(line)["id"] for line in p.read_text(encoding="utf-8").splitlines() if line.strip()}
    return ids


@pytest.fixture(scope="module")
def sample_records(pipeline: Pipeline, contract: Any) -> list[dict[str, Any]]:
    inputs = list(iter_inputs([str(SAMPLES)]))
    failures = [str(x) for x in inputs if isinstance(x, Failure)]
    assert not failures, failures
    return extract_records(pipeline, [x for x in inputs if isinstance(x, RawInput)], contract)


def test_samples_extract_and_validate(sample_records: list[dict[str, Any]]) -> None:
    assert {r["doc_id"] for r in sample_records} == sample_ids()
    assert len(sample_records) >= 12


def test_samples_are_dated_and_yield_events(sample_records: list[dict[str, Any]]) -> None:
    """Each sample states its publication date (dateline, HTML meta or JSONL field) and reports events."""
    assert [r["doc_id"] for r in sample_records if not r["published"]] == []
    assert [r["doc_id"] for r in sample_records
            if not any(e["factuality"] == "asserted" for e in r["events"])] == []


def test_plover_gsr_scores_meet_floors(pipeline: Pipeline, tmp_path: Path) -> None:
    """The PLOVER gold-standard sentences, input built as `score.py gsr-input` builds it; only the scorer's
    aggregate figures are shown, never the sentences (they are an evaluation set)."""
    gsr = SHARED / "data" / "plover_gsr.jsonl"
    raws = [RawInput(doc_id=r["id"], origin=f"plover_gsr:{r['id']}", text=r["text"].strip("{} \n"),
                     published=dt.date.fromisoformat(r["date"]) if r.get("date") else None)
            for r in score.load_gsr(gsr)]
    pred = tmp_path / "gsr.jsonl"
    with pred.open("w", encoding="utf-8") as out:
        for raw, result in zip(raws, pipeline.pipe(raws), strict=True):
            assert not isinstance(result, Failure), f"{raw.doc_id}: {result}"
            out.write(json.dumps(result.to_record(), ensure_ascii=False) + "\n")
    s = score.score_gsr(gsr, pred)
    short = [f"{k} {s[k]} < {v}" for k, v in FLOORS["gsr"]["at_least"].items() if s[k] < v]
    assert not short, f"gsr: {'; '.join(short)} {json.dumps(s)}"
