"""Fixtures defined once: the pipeline (built once per run), the contract validator, paths."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from eventwire.batch import process_pipeline
from eventwire.pipeline import Pipeline
from eventwire.records import Document, RawInput

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLES = ROOT / "samples"
CASES = Path(__file__).resolve().parent / "cases"
DEV_DOC = SHARED / "eval" / "dev" / "kazakhstan-2022-01-07.txt"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return process_pipeline()  # the one batch.extract_many uses: built once per test run


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


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_store_url(request: pytest.FixtureRequest, tmp_path: Path):
    """fresh_store_url() -> URL of a new, empty store on this test's backend.

    PostgreSQL: a fresh schema per store in the server named by $EVENTWIRE_TEST_PG (.ci/postgres.sh
    starts one); without it the test is skipped locally and fails in CI (CI=true).
    """
    import os
    import uuid

    import sqlalchemy as sa

    from eventwire.store.connect import store_url

    if request.param == "sqlite":
        yield lambda: f"sqlite:///{tmp_path / uuid.uuid4().hex[:8]}.db"
        return
    base = os.environ.get("EVENTWIRE_TEST_PG")
    unavailable = pytest.fail if os.environ.get("CI") == "true" else pytest.skip
    if not base:
        unavailable("EVENTWIRE_TEST_PG is not set: no PostgreSQL server for the store tests (.ci/postgres.sh)")
    admin = sa.create_engine(store_url(base))
    schemas: list[str] = []

    def make() -> str:
        name = f"t_{uuid.uuid4().hex[:12]}"
        with admin.begin() as conn:
            conn.execute(sa.text(f"CREATE SCHEMA {name}"))
        schemas.append(name)
        return store_url(base).update_query_dict({"options": f"-csearch_path={name}"}).render_as_string(False)

    try:
        with admin.connect():
            pass
    except sa.exc.OperationalError as e:
        unavailable(f"PostgreSQL at {base} is not reachable: {e.orig}")
    yield make
    with admin.begin() as conn:
        for name in schemas:
            conn.execute(sa.text(f"DROP SCHEMA {name} CASCADE"))
    admin.dispose()


@pytest.fixture
def store(fresh_store_url):
    """A fresh, empty, open store on each backend (see fresh_store_url)."""
    from eventwire.store import open_store

    with open_store(fresh_store_url()) as opened:
        yield opened
