"""Fixtures defined once: the pipeline (built once per run), the contract validator, paths."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from eventwire.pipeline import Pipeline
from eventwire.records import Document, RawInput

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLES = ROOT / "samples"
CASES = Path(__file__).resolve().parent / "cases"
DEV_DOC = SHARED / "eval" / "dev" / "kazakhstan-2022-01-07.txt"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="session")
def nlp():
    from eventwire.nlp import load

    return load()


@pytest.fixture(scope="session")
def contract() -> jsonschema.protocols.Validator:
    schema = json.loads((SHARED / "contract" / "document.schema.json").read_text())
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.fixture(scope="session")
def run(pipeline: Pipeline):
    """Process a text through the whole pipeline: run(text, published="YYYY-MM-DD") -> Document."""
    def _run(text: str, published: str | None = None, doc_id: str = "t") -> Document:
        pub = dt.date.fromisoformat(published) if published else None
        return pipeline(RawInput(doc_id=doc_id, origin=doc_id, text=text, published=pub))
    return _run


def read_cases(name: str) -> list[dict[str, Any]]:
    """Rows of tests/cases/<name>.jsonl (one case per line)."""
    path = CASES / name
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("//")]
