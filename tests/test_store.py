"""The store, on SQLite and PostgreSQL alike: idempotent ingest, replace per document, crash safety under
kill -9, schema upgrades, filters, recode, and the store commands."""
from __future__ import annotations

import datetime as dt
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from conftest import DEV_DOC, read_cases
from store_records import FILTER_CORPUS, actor, dump, event, place, record, source
from typer.testing import CliRunner

from eventwire.cli.app import app
from eventwire.store import Store, StoreError, open_store
from eventwire.store.connect import migrate, store_engine
from eventwire.store.ingest import ingest, recode
from eventwire.store.query import EventFilter, Near, iter_events
from eventwire.store.schema import documents, metadata
from eventwire.store.writer import write_document

PUBLISHED = dt.date(2024, 5, 20)
CITIES = [("Lagos", "Nigeria"), ("Nairobi", "Kenya"), ("Lima", "Peru"), ("Dhaka", "Bangladesh"),
          ("Karachi", "Pakistan"), ("Khartoum", "Sudan"), ("Tbilisi", "Georgia"), ("Kharkiv", "Ukraine"),
          ("Goma", "the Democratic Republic of the Congo"), ("Yangon", "Myanmar")]
LEADS = [
    ("Police in {city} arrested {n} protesters on Tuesday after demonstrations against rising fuel prices, "
     "officials said."),
    "Gunmen killed {n} villagers in an attack near {city}, {country}, on Sunday, local authorities said.",
    "Thousands of teachers marched through {city} on Monday to demand higher wages from the government of {country}.",
]
FOLLOW_UP = ("The interior minister of {country} said on Wednesday that security forces would restore order, "
             "and opposition leaders called for talks with the government.")


def write_corpus(folder: Path, n: int) -> Path:
    """n short wire-style reports, one .txt file each, all different."""
    folder.mkdir(parents=True)
    for i in range(n):
        city, country = CITIES[i % len(CITIES)]
        lead = LEADS[i // len(CITIES) % len(LEADS)]
        text = f"{lead} {FOLLOW_UP}".format(city=city, country=country, n=5 + i)
        (folder / f"report-{i:02d}.txt").write_text(text, encoding="utf-8")
    return folder


def test_store_gives_back_every_field_it_was_given(store, run):
    records = [run(DEV_DOC.read_text(encoding="utf-8"), published="2022-01-07", doc_id="kazakhstan").to_record(),
               run(LEADS[1].format(city="Goma", country="Congo", n=14), published="2024-05-20", doc_id="goma").to_record()]
    # a field the contract may gain later, on the event and inside its parts, is kept too
    text = "Police arrested 12 protesters in Lagos on Monday."
    later = event("later-1", "COERCE", text, text, "arrested", source=actor("Police", "NGA", "COP") | {"role": "x"},
                  location=place("Lagos", "NGA", 6.45, 3.39) | {"population": 8_000_000}, severity=2)
    later["evidence"]["clause"] = [0, 15]
    records.append(record("later", text, [later]))
    for rec in records:
        assert write_document(store, rec, source(rec)) == "added"
    stored = {}
    for e in iter_events(store):
        stored[e.pop("document")["doc_id"], e["event_id"]] = e
    expected = {(rec["doc_id"], e["event_id"]): e for rec in records for e in rec["events"]}
    assert len(expected) > 2
    assert stored == expected


def test_store_ingest_twice_changes_nothing(store, tmp_path):
    corpus = write_corpus(tmp_path / "in", 6)
    first = ingest(store, [str(corpus)], published=PUBLISHED)
    assert (first.added, first.failed) == (6, 0)
    before = dump(store)
    assert len(before["events"]) > 0
    second = ingest(store, [str(corpus)], published=PUBLISHED)
    assert (second.added, second.replaced, second.unchanged, second.failed) == (0, 0, 6, 0)
    assert dump(store) == before


def test_store_changed_document_replaces_its_events_only(store):
    url = "https://example.org/2024/05/lagos"
    old_text = "Police arrested 12 protesters in Lagos on Monday. Soldiers fired on the crowd."
    old = record("lagos", old_text, [
        event("lagos-1", "COERCE", "Police arrested 12 protesters in Lagos on Monday.", old_text, "arrested"),
        event("lagos-2", "ASSAULT", "Soldiers fired on the crowd.", old_text, "fired")], url=url)
    new_text = "Police released 12 protesters in Lagos on Monday."
    new = record("lagos", new_text, [event("lagos-3", "CONCEDE", new_text, new_text, "released")], url=url)
    other = FILTER_CORPUS[1]
    assert [write_document(store, r, source(r)) for r in (old, other, old)] == ["added", "added", "unchanged"]
    assert write_document(store, new, source(new)) == "replaced"
    assert sorted(e["event_id"] for e in iter_events(store)) == ["lagos-3", "paris-1"]
    assert list(iter_events(store, EventFilter(text="soldiers fired"))) == []   # old evidence left the index
    with store.read() as conn:
        assert conn.execute(sa.select(documents.c.text).order_by(documents.c.id)).scalars().all() == \
            [new_text, other["text"]]


def test_store_identifies_a_document_without_url_by_its_text(store):
    text = FILTER_CORPUS[0]["text"]
    renamed = {**FILTER_CORPUS[0], "doc_id": "lagos-copy"}
    edited = record("lagos", text.replace("12", "15"), [])
    outcomes = [write_document(store, r, source(r)) for r in (FILTER_CORPUS[0], renamed, edited)]
    assert outcomes == ["added", "replaced", "added"]
    with store.read() as conn:
        rows = conn.execute(sa.select(documents.c.doc_id, documents.c.text).order_by(documents.c.id)).all()
    assert [tuple(r) for r in rows] == [("lagos-copy", text), ("lagos", text.replace("12", "15"))]


def test_store_writes_a_document_all_or_nothing(store):
    url = "https://example.org/2024/05/kharkiv"
    good = {**FILTER_CORPUS[2], "url": url}
    write_document(store, good, source(good))
    before = dump(store)
    broken = {**good, "text": good["text"] + " More drones followed.",
              "events": [good["events"][0], {**good["events"][0], "event_id": "kharkiv-2", "date": "2024-02-30"}]}
    with pytest.raises(ValueError):
        write_document(store, broken, source(broken))
    assert dump(store) == before


def test_store_made_at_the_first_revision_upgrades_in_place(fresh_store_url):
    url = fresh_store_url()
    engine = store_engine(url)
    migrate(engine, "0001")
    with Store(engine) as old:
        write_document(old, FILTER_CORPUS[0], source(FILTER_CORPUS[0]))
    with open_store(url) as store, store.read() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == "0002"
    with open_store(url) as store:
        write_document(store, FILTER_CORPUS[1], source(FILTER_CORPUS[1]))
        # the search index added by 0002 covers sentences stored before it existed, and new ones
        assert [e["event_id"] for e in iter_events(store, EventFilter(text="arrested"))] == ["lagos-1"]
        assert [e["event_id"] for e in iter_events(store, EventFilter(text="marched"))] == ["paris-1"]


def test_store_migrations_build_exactly_schema_py(store):
    def ours(name: str | None, type_: str, parent: object) -> bool:
        return not (name or "").startswith(("sentences_fts", "ix_sentences_text_fts"))

    with store.read() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": ours})
        assert compare_metadata(context, metadata) == []


def test_store_refuses_a_store_from_a_newer_eventwire(fresh_store_url):
    url = fresh_store_url()
    with open_store(url) as store, store.write() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StoreError, match="newer than this eventwire"):
        open_store(url)


@pytest.mark.parametrize("case", read_cases("store_filters.jsonl"), ids=lambda case: json.dumps(case["filter"]))
def test_store_filters(store, case):
    for rec in FILTER_CORPUS:
        write_document(store, rec, source(rec))
    given = dict(case["filter"])
    for day in ("since", "until"):
        if day in given:
            given[day] = dt.date.fromisoformat(given[day])
    if "near" in given:
        given["near"] = Near.parse(given["near"])
    assert [e["event_id"] for e in iter_events(store, EventFilter(**given))] == case["expect"]


def test_store_recode_redoes_only_outdated_documents(store, tmp_path):
    ingest(store, [str(write_corpus(tmp_path / "in", 3))], published=PUBLISHED)
    before = dump(store)
    with store.write() as conn:   # as if the first report had been coded by older rules
        conn.execute(sa.update(documents).where(documents.c.doc_id == "report-00")
                     .values(rules_digest="older", content_hash="older"))
    report = recode(store)
    assert (report.replaced, report.unchanged, report.failed) == (1, 0, 0)
    assert dump(store) == before
    assert recode(store, everything=True).unchanged == 3


def _stored_documents(engine: sa.Engine) -> int:
    try:
        with engine.connect() as conn:
            return conn.execute(sa.text("SELECT count(*) FROM documents")).scalar_one()
    except sa.exc.DBAPIError:   # the ingest process has not created the tables yet
        return 0


def test_store_survives_kill9_at_random_points_of_an_ingest(fresh_store_url, tmp_path):
    corpus = write_corpus(tmp_path / "in", 30)
    reference_url, url = fresh_store_url(), fresh_store_url()

    def command(db: str) -> list[str]:
        return [sys.executable, "-c", "from eventwire.cli.app import main; main()", "ingest", str(corpus),
                "--db", db, "--workers", "1", "--published", PUBLISHED.isoformat()]

    # One hash seed for every run: what is compared is the store, not the pipeline's run-to-run stability.
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    subprocess.run(command(reference_url), env=env, check=True, capture_output=True)
    with open_store(reference_url) as reference:
        expected = dump(reference)
    rng = random.Random(20240520)
    poll = store_engine(url)
    kills = []
    for target in sorted(rng.sample(range(1, 23), 5)):   # leaves one more chunk of work to interrupt
        proc = subprocess.Popen(command(url), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        while proc.poll() is None and _stored_documents(poll) < target:
            time.sleep(0.02)
        time.sleep(rng.uniform(0, 0.05))   # land anywhere: between documents or inside a transaction
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills.append(_stored_documents(poll))
        proc.communicate()
    poll.dispose()
    assert len(kills) == 5, kills
    finished = subprocess.run(command(url), env=env, check=False, capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    assert "0 replaced" in finished.stderr and "0 failed" in finished.stderr
    with open_store(url) as store:
        assert dump(store) == expected
    assert len(expected["documents"]) == 30


def test_store_commands_ingest_stats_events(fresh_store_url, tmp_path):
    url, runner = fresh_store_url(), CliRunner()
    corpus = write_corpus(tmp_path / "in", 3)
    ingested = runner.invoke(app, ["ingest", str(corpus), "--db", url, "--workers", "1", "--published", "2024-05-20"])
    assert ingested.exit_code == 0, ingested.output
    assert "3 added" in ingested.output
    stats = runner.invoke(app, ["stats", "--db", url])
    assert stats.exit_code == 0 and "3 documents" in stats.output
    listed = runner.invoke(app, ["events", "--db", url, "--limit", "2", "--format", "jsonl"])
    lines = [json.loads(line) for line in listed.output.splitlines()]
    assert len(lines) == 2 and all(line["document"]["published"] == "2024-05-20" for line in lines)
    table = runner.invoke(app, ["events", "--db", url, "--text", "arrested"])
    assert table.exit_code == 0 and "Lagos" in table.output
    bad = runner.invoke(app, ["events", "--db", url, "--near", "6.45,3.39"])
    assert bad.exit_code == 2 and "LAT,LON,KM" in bad.output


def test_store_commands_name_a_store_they_cannot_open():
    result = CliRunner().invoke(app, ["stats", "--db", "mysql://localhost/events"])
    assert result.exit_code == 2 and "only SQLite and PostgreSQL" in result.output
