"""`eventwire extract`: every kind of input, one error line per bad input, exit status, atomic output."""
from __future__ import annotations

import http.server
import json
import threading
from pathlib import Path

import pytest
from conftest import DEV_DOC
from test_ingest import TEXT, _Handler, closed_port_url
from typer.testing import CliRunner

from eventwire.cli.app import app

FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOOD = "Police arrested 12 protesters in Lagos on Monday, a police spokesman said."


def _records(stdout_or_path: str | Path) -> dict[str, dict]:
    text = stdout_or_path.read_text(encoding="utf-8") if isinstance(stdout_or_path, Path) else stdout_or_path
    return {r["doc_id"]: r for r in map(json.loads, text.splitlines())}


def _errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error: ")]


@pytest.fixture(scope="module")
def files_run(tmp_path_factory):
    """One run over good and bad files together (the pipeline loads once)."""
    d = tmp_path_factory.mktemp("inputs")
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    (d / "page.html").write_bytes((FIXTURES / "kazakhstan_page.html").read_bytes())
    (d / "cp1252.txt").write_bytes(TEXT.encode("cp1252"))
    (d / "utf16.txt").write_bytes(TEXT.encode("utf-16"))
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    with (d / "huge.txt").open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    (d / "docs.jsonl").write_text("\n".join([
        json.dumps({"id": "j1", "text": GOOD, "published": "2024-03-04"}),
        '{"id": "j2", "text": "broken',
        json.dumps({"text": "No id."}),
        json.dumps({"id": "j4"}),
        json.dumps({"id": "good", "text": "Same id as good.txt."}),
        json.dumps({"id": "fr", "text": "La police a arrêté douze manifestants à Lagos lundi, selon des témoins."}),
    ]) + "\n", encoding="utf-8")
    names = ["good.txt", "page.html", "cp1252.txt", "utf16.txt", "empty.txt", "binary.txt", "huge.txt", "docs.jsonl",
             "missing.txt"]
    out = d / "out.jsonl"
    result = CliRunner().invoke(app, ["extract", *[str(d / n) for n in names], "http://127.0.0.1:9/",
                                      "-o", str(out), "--workers", "1"])
    return d, result, _records(out)


def test_cli_good_inputs_are_written(files_run, contract):
    d, result, records = files_run
    assert set(records) == {"good", "page", "cp1252", "utf16", "j1", "fr"}
    for record in records.values():
        contract.validate(record)
    assert records["cp1252"]["text"] == TEXT and records["utf16"]["text"] == TEXT
    assert records["j1"]["published"] == "2024-03-04" and records["good"]["published"] is None
    assert records["page"]["published"] == "2022-01-07" and records["page"]["captions"][0].endswith("(Reuters)")
    assert records["page"]["text"].startswith("State television quoted")
    assert records["fr"]["language"] == "fr" and records["fr"]["events"] == []
    assert "warning: fr: language 'fr' is not English" in result.stderr


@pytest.mark.parametrize("origin, reason", [
    ("empty.txt", "empty file"),
    ("binary.txt", "binary file"),
    ("huge.txt", "over the 5,000,000-byte limit"),
    ("docs.jsonl:2", "not valid JSON"),
    ("docs.jsonl:3", 'no "id"'),
    ("docs.jsonl:4", 'neither "text" nor "html"'),
    ("docs.jsonl:5", "duplicate id 'good'"),
    ("missing.txt", "no such file or directory"),
    ("http://127.0.0.1:9/", "non-public address 127.0.0.1"),
])
def test_cli_bad_input_gets_one_error_line(files_run, origin, reason):
    d, result, _ = files_run
    name = origin if origin.startswith("http") else str(d / origin)
    lines = [line for line in _errors(result.stderr) if line.startswith((f"error: {name}:", f"error: {name} ["))]
    assert len(lines) == 1, result.stderr
    assert reason in lines[0]


def test_cli_exit_status_and_error_count(files_run):
    _, result, _ = files_run
    assert result.exit_code == 1
    assert len(_errors(result.stderr)) == 9
    assert result.stdout == ""


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_cli_urls_and_stdin_with_allow_private(server):
    unreachable = closed_port_url()
    stdin = json.dumps({"id": "s1", "text": GOOD}) + "\n"
    result = CliRunner().invoke(app, ["extract", server + "/redirect", unreachable, "-", "--allow-private",
                                      "--workers", "1", "--published", "2022-01-07"], input=stdin)
    records = _records(result.stdout)
    assert set(records) == {server + "/redirect", "s1"}
    page = records[server + "/redirect"]
    assert page["url"] == server + "/page" and page["title"].startswith("After bloody confrontations")
    assert page["published"] == "2022-01-07" and records["s1"]["published"] == "2022-01-07"
    assert _errors(result.stderr) == [f"error: {unreachable}: cannot connect: Connection refused"]
    assert result.exit_code == 1


def test_cli_dev_document_all_good(tmp_path):
    out = tmp_path / "k.jsonl"
    result = CliRunner().invoke(app, ["extract", str(DEV_DOC), "--published", "2022-01-07", "-o", str(out), "--workers", "1"])
    assert result.exit_code == 0, result.stderr
    (record,) = _records(out).values()
    assert record["doc_id"] == DEV_DOC.stem and len(record["captions"]) == 1 and "Leave a Reply" not in record["text"]


def test_cli_bad_published_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(app, ["extract", str(DEV_DOC), "--published", "7 Jan 2022"])
    assert result.exit_code == 2 and "is not a date YYYY-MM-DD" in result.stderr


def test_cli_crash_leaves_existing_output_untouched(tmp_path, monkeypatch):
    out = tmp_path / "out.jsonl"
    out.write_text("previous run\n", encoding="utf-8")

    def crash(inputs, workers=1):
        yield {"doc_id": "first", "text": "", "events": [], "warnings": []}
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("eventwire.api.extract_many", crash)
    result = CliRunner().invoke(app, ["extract", str(DEV_DOC), "-o", str(out), "--workers", "1"])
    assert isinstance(result.exception, RuntimeError)
    assert out.read_text(encoding="utf-8") == "previous run\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]
