"""Exports read back: PLOVER JSON lines, ACLED-like CSV, Parquet (pyarrow) and JSON lines, on both backends."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pyarrow as pa
import pyarrow.parquet as pq
from conftest import DEV_DOC
from store_records import FILTER_CORPUS, actor, event, place, record, source
from typer.testing import CliRunner

from eventwire.cli.app import app
from eventwire.export import export_events
from eventwire.export.acled_csv import COLUMNS, write_csv
from eventwire.export.parquet import SCHEMA
from eventwire.export.plover import write_plover
from eventwire.store.query import EventFilter, iter_events
from eventwire.store.writer import write_document

SIGNED = "Russia and China signed a trade agreement in Beijing on Monday, state media reported."
COMPOUND = record("beijing", SIGNED, [
    event(f"beijing-{i}", "AGREE", SIGNED, SIGNED, "signed", source=actor(name, code, "GOV"), date="2024-05-13",
          date_precision="day", location=place("Beijing", "CHN", 39.91, 116.40), location_precision="city",
          reported_by=actor("state media", "CHN", "JRN"), confidence=confidence)
    for i, (name, code, confidence) in enumerate([("Russia", "RUS", 0.6), ("China", "CHN", 0.8)], 1)])


def fill(store) -> None:
    for rec in [COMPOUND, *FILTER_CORPUS]:
        write_document(store, rec, source(rec))


def lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def test_export_plover_groups_compound_actors_into_lists(store):
    fill(store)
    out = io.StringIO()
    assert write_plover(iter_events(store), out) == len(FILTER_CORPUS) + 1
    records = {r["id"]: r for r in lines(out.getvalue())}
    signed = records["beijing-1"]
    assert [(a["text"], a["code"], a["sector"]) for a in signed["actor"]] == [("Russia", "RUS", ["GOV"]),
                                                                              ("China", "CHN", ["GOV"])]
    assert signed["recipient"] == [] and signed["event_ids"] == ["beijing-1", "beijing-2"]
    assert (signed["event"], signed["date"], signed["confidence"]) == ("AGREE", "2024-05-13", 0.8)
    assert signed["event_loc"] | {"precision": None} == {"name": "Beijing", "lat": 39.91, "lon": 116.40,
                                                       "country": "CHN", "admin1": None, "geonames_id": None,
                                                       "precision": None}
    info = signed["text_info"]
    assert SIGNED[info["trigger_start"]:info["trigger_end"]] == "signed" == signed["event_text"]
    assert signed["cite_info"] == {"doc_id": "beijing", "url": None, "title": SIGNED.split(".")[0],
                                   "published": "2024-05-20"}
    kharkiv = records["kharkiv-1"]
    assert kharkiv["size"] == {"dead": 3} and kharkiv["mode"] == "aerial"
    assert kharkiv["reported_by"]["text"] == "the regional governor"
    assert records["sagamu-1"]["actor"][0]["code"] is None   # no country, no non-state code: unknown


def csv_rows(store, where: EventFilter) -> tuple[list[str], list[dict[str, str]]]:
    out = io.StringIO()
    write_csv(iter_events(store, where), out)
    return out.getvalue().splitlines()[0].split(","), list(csv.DictReader(io.StringIO(out.getvalue())))


def test_export_csv_rows_are_acled_like(store):
    fill(store)
    header, rows = csv_rows(store, EventFilter(country="UKR"))
    assert header == list(COLUMNS) and len(rows) == 1
    kharkiv = rows[0]
    assert (kharkiv["event_id_cnty"], kharkiv["event_date"], kharkiv["time_precision"]) == \
        ("UKR-kharkiv-1", "2024-05-19", "1")
    assert (kharkiv["actor1"], kharkiv["actor1_country"], kharkiv["actor2"], kharkiv["actor2_sector"]) == \
        ("Russian drones", "RUS", "people", "CVL")
    assert (kharkiv["country"], kharkiv["location"], kharkiv["fatalities"], kharkiv["source"]) == \
        ("Ukraine", "Kharkiv", "3", "the regional governor")
    assert kharkiv["notes"] == FILTER_CORPUS[2]["text"] and kharkiv["sub_event_type"] == "aerial"
    _, signed = csv_rows(store, EventFilter(event_type="AGREE"))
    assert len(signed) == 1   # the two dyadic pieces are one ACLED event with an associated actor
    assert (signed[0]["actor1"], signed[0]["assoc_actor_1"], signed[0]["geo_precision"]) == ("Russia", "China", "1")
    _, talks = csv_rows(store, EventFilter(event_type="CONSULT"))
    assert (talks[0]["event_id_cnty"], talks[0]["event_date"], talks[0]["fatalities"]) == ("XXX-talks-1", "", "")


def test_export_parquet_reads_back_with_its_types(store, tmp_path):
    fill(store)
    path = tmp_path / "out" / "events.parquet"
    n = export_events(store, "parquet", path, EventFilter())
    table = pq.read_table(path)
    assert table.schema.equals(SCHEMA) and n == table.num_rows == len(list(iter_events(store)))
    assert table.schema.field("date").type == pa.date32() and table.schema.field("latitude").type == pa.float64()
    rows = {r["event_id"]: r for r in table.to_pylist()}
    kharkiv = rows["kharkiv-1"]
    assert (kharkiv["date"], kharkiv["killed"], kharkiv["latitude"], kharkiv["source_sector"]) == \
        (dt.date(2024, 5, 19), 3, 49.99, ["MIL"])
    assert dict(kharkiv["counts"]) == {"killed": 3} and kharkiv["injured"] is None
    assert rows["borno-1"]["date_end"] == dt.date(2024, 3, 31) and rows["talks-1"]["date"] is None
    assert list(tmp_path.joinpath("out").iterdir()) == [path]   # no temporary file left behind


def test_export_parquet_of_an_empty_selection_is_a_valid_file(store, tmp_path):
    path = tmp_path / "none.parquet"
    assert export_events(store, "parquet", path, EventFilter(country="ATA")) == 0
    assert pq.read_table(path).num_rows == 0


def test_export_jsonl_lines_are_the_stored_events(store, tmp_path):
    fill(store)
    path = tmp_path / "events.jsonl"
    export_events(store, "jsonl", path, EventFilter(since=dt.date(2024, 3, 5)))
    assert lines(path.read_text(encoding="utf-8")) == list(iter_events(store, EventFilter(since=dt.date(2024, 3, 5))))


def test_export_formats_agree_on_a_real_article(store, run, tmp_path):
    rec = run(DEV_DOC.read_text(encoding="utf-8"), published="2022-01-07", doc_id="kazakhstan").to_record()
    write_document(store, rec, source(rec))
    n_events = len(rec["events"])
    assert n_events > 0
    paths = {fmt: tmp_path / f"out.{fmt}" for fmt in ("plover", "csv", "parquet", "jsonl")}
    written = {fmt: export_events(store, fmt, path, EventFilter()) for fmt, path in paths.items()}
    plover = lines(paths["plover"].read_text(encoding="utf-8"))
    assert written["parquet"] == pq.read_table(paths["parquet"]).num_rows == n_events == written["jsonl"]
    assert sum(len(r["event_ids"]) for r in plover) == n_events
    assert written["csv"] == written["plover"] == len(plover)
    for r in plover:
        info = r["text_info"]
        assert info["from_caption"] or rec["text"][info["sentence_start"]:info["sentence_end"]] == r["text"]


def test_export_command_needs_a_file_for_parquet(fresh_store_url):
    result = CliRunner().invoke(app, ["export", "--format", "parquet", "--db", fresh_store_url()])
    assert result.exit_code == 2 and "-o" in result.output
