"""Ingest: input kinds, encodings, size caps, JSONL line errors, duplicate ids, and the URL fetcher."""
from __future__ import annotations

import http.server
import io
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventwire import settings
from eventwire.errors import Failure, InputError
from eventwire.ingest import fetch as fetch_module
from eventwire.ingest import iter_inputs
from eventwire.ingest.decode import decode_bytes
from eventwire.ingest.fetch import fetch, is_public
from eventwire.records import RawInput

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TEXT = "Protesters in Almaty said “we will not leave” – the café owner’s son, naïve, was arrested."


def _only(items: list[RawInput | Failure]) -> RawInput | Failure:
    assert len(items) == 1, items
    return items[0]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16", "utf-32"])
def test_ingest_decodes_encodings(tmp_path, encoding):
    path = tmp_path / "doc.txt"
    path.write_bytes(TEXT.encode(encoding))
    item = _only(list(iter_inputs([str(path)])))
    assert isinstance(item, RawInput) and item.text == TEXT and item.doc_id == "doc"


def test_ingest_decodes_latin1():
    text = "Le président a déclaré à Almaty que l'ordre était rétabli."
    assert decode_bytes(text.encode("latin-1"), "x") == text


def test_ingest_html_honours_meta_charset(tmp_path):
    page = f"<html><head><meta charset='windows-1251'></head><body><p>Москва заявила {TEXT[:10]}</p></body></html>"
    path = tmp_path / "page.htm"
    path.write_bytes(page.encode("cp1251"))
    item = _only(list(iter_inputs([str(path)])))
    assert isinstance(item, RawInput) and item.html is not None and "Москва заявила" in item.html


@pytest.mark.parametrize("content, reason", [
    (b"", "empty file"),
    (b" \n\n \t", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
    (bytes(range(1, 32)) * 40, "binary"),
])
def test_ingest_refuses_empty_and_binary(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    item = _only(list(iter_inputs([str(path)])))
    assert isinstance(item, Failure) and item.origin == str(path) and reason in item.reason


def test_ingest_refuses_oversized_file_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:          # sparse: 50 MB on paper, nothing on disk
        f.truncate(50 * 1024 * 1024)
    item = _only(list(iter_inputs([str(path)])))
    assert isinstance(item, Failure) and "over the" in item.reason and "52,428,800 bytes" in item.reason


def test_ingest_jsonl_bad_lines_fail_alone(tmp_path):
    path = tmp_path / "docs.jsonl"
    lines = ['{"id": "a", "text": "Police arrested 12 protesters.", "published": "2022-01-07", "url": "https://x.test/a"}',
             '{"id": "b", "text": "unterminated',
             '',
             '{"text": "no id here"}',
             '{"id": "d"}',
             '["not", "an", "object"]',
             '{"id": "f", "text": "Fine.", "published": "07/01/2022"}',
             '{"id": 7, "html": "<html><body><p>Seven.</p></body></html>", "title": "Seven"}',
             '{"id": "a", "text": "Same id again."}']
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(iter_inputs([str(path)]))
    by_origin = {i.origin: i for i in items}
    assert isinstance(by_origin[f"{path}:1"], RawInput) and by_origin[f"{path}:1"].url == "https://x.test/a"
    assert by_origin[f"{path}:1"].published.isoformat() == "2022-01-07"
    assert "not valid JSON" in by_origin[f"{path}:2"].reason
    assert f"{path}:3" not in by_origin                        # blank lines are skipped
    assert 'no "id"' in by_origin[f"{path}:4"].reason
    assert 'neither "text" nor "html"' in by_origin[f"{path}:5"].reason
    assert "must be an object" in by_origin[f"{path}:6"].reason
    assert "not a date" in by_origin[f"{path}:7"].reason
    seven = by_origin[f"{path}:8"]
    assert isinstance(seven, RawInput) and seven.doc_id == "7" and seven.html and seven.text is None
    assert "duplicate id 'a'" in by_origin[f"{path}:9"].reason and f"{path}:1" in by_origin[f"{path}:9"].reason
    assert len(items) == 8


def test_ingest_jsonl_overlong_line_is_skipped(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "MAX_DOCUMENT_BYTES", 100)
    path = tmp_path / "docs.jsonl"
    path.write_text('{"id": "big", "text": "' + "x" * 500 + '"}\n{"id": "ok", "text": "Short."}\n', encoding="utf-8")
    first, second = iter_inputs([str(path)])
    assert isinstance(first, Failure) and first.origin == f"{path}:1" and "over the 100-byte limit" in first.reason
    assert isinstance(second, RawInput) and second.doc_id == "ok"


def test_ingest_directory_recurses_kinds_and_skips_hidden(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "a.txt").write_text("Alpha.", encoding="utf-8")
    (tmp_path / "sub" / "b.html").write_text("<html><body><p>Beta.</p></body></html>", encoding="utf-8")
    (tmp_path / "sub" / "c.jsonl").write_text('{"id": "c", "text": "Gamma."}\n', encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    (tmp_path / ".git" / "d.txt").write_text("ignored", encoding="utf-8")
    items = list(iter_inputs([str(tmp_path)]))
    assert [(i.doc_id, i.html is not None) for i in items] == [("a", False), ("b", True), ("c", False)]


def test_ingest_duplicate_file_ids_and_published_override(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    (tmp_path / "x" / "same.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "y" / "same.txt").write_text("Two.", encoding="utf-8")
    import datetime as dt
    first, second = iter_inputs([str(tmp_path)], published=dt.date(2022, 1, 7))
    assert isinstance(first, RawInput) and first.published == dt.date(2022, 1, 7)
    assert isinstance(second, Failure) and "duplicate id 'same'" in second.reason


@pytest.mark.parametrize("name, reason", [("/no/such/file.txt", "no such file"),
                                          ("ftp://example.com/a.txt", "unsupported URL scheme 'ftp'"),
                                          ("file:///etc/passwd", "unsupported URL scheme 'file'")])
def test_ingest_bad_names(name, reason):
    item = _only(list(iter_inputs([name])))
    assert isinstance(item, Failure) and item.origin == name and reason in item.reason


@pytest.mark.parametrize("data, kind", [(b'{"id": "s1", "text": "One."}\n{"id": "s2", "text": "Two."}\n', "jsonl"),
                                        (TEXT.encode("utf-8"), "text"),
                                        (b"<!DOCTYPE html><html><body><p>Hi.</p></body></html>", "html")])
def test_ingest_stdin_is_sniffed(monkeypatch, data, kind):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    items = list(iter_inputs(["-"]))
    assert all(isinstance(i, RawInput) for i in items)
    if kind == "jsonl":
        assert [(i.doc_id, i.origin) for i in items] == [("s1", "<stdin>:1"), ("s2", "<stdin>:2")]
    else:
        assert len(items) == 1 and items[0].doc_id == "stdin" and (items[0].html is not None) == (kind == "html")


# --- the fetcher, against a server on 127.0.0.1 ---

class _Handler(http.server.BaseHTTPRequestHandler):
    routes = {"/redirect": "/page", "/loop": "/loop2", "/loop2": "/loop"}

    def do_GET(self) -> None:
        if self.path in self.routes:
            self.send_response(302)
            self.send_header("Location", self.routes[self.path])
            self.end_headers()
        elif self.path == "/page":
            self._send("text/html; charset=utf-8", (FIXTURES / "kazakhstan_page.html").read_bytes())
        elif self.path == "/plain":
            self._send("text/plain; charset=windows-1252", TEXT.encode("cp1252"))
        elif self.path == "/big":
            self._send("text/plain", b"a " * (settings.FETCH_MAX_BYTES // 2 + 1), length=False)
        elif self.path == "/pdf":
            self._send("application/pdf", b"%PDF-1.4 ...")
        else:
            self.send_error(404)

    def _send(self, ctype: str, body: bytes, length: bool = True) -> None:
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def closed_port_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


def test_fetch_page_with_allow_private(server):
    raw = fetch(server + "/redirect", allow_private=True)
    assert raw.html and "Collective Security Treaty Organization" in raw.html
    assert raw.doc_id == server + "/redirect" and raw.url == server + "/page"


def test_fetch_plain_text_uses_declared_charset(server):
    raw = fetch(server + "/plain", allow_private=True)
    assert raw.text == TEXT and raw.html is None


@pytest.mark.parametrize("path, reason", [("/loop", "too many redirects"), ("/big", "over the 5,000,000-byte limit"),
                                          ("/pdf", "unsupported content type 'application/pdf'"),
                                          ("/missing", "HTTP 404")])
def test_fetch_errors(server, path, reason):
    with pytest.raises(InputError, match=reason):
        fetch(server + path, allow_private=True)


@pytest.mark.parametrize("url", ["http://127.0.0.1/", "http://localhost:8080/x", "http://[::1]/", "http://10.1.2.3/",
                                 "http://169.254.169.254/latest/meta-data/", "http://[::ffff:192.168.0.1]/"])
def test_fetch_refuses_private_addresses(url):
    with pytest.raises(InputError, match="non-public address"):
        fetch(url)


def test_fetch_checks_the_connected_address(server, monkeypatch):
    """A host that resolved to a public address at check time but connects to a private one is refused."""
    monkeypatch.setattr(fetch_module, "check_url", lambda url, allow_private: None)
    with pytest.raises(InputError, match="connected to the non-public address 127.0.0.1"):
        fetch(server + "/page")


def test_fetch_unreachable():
    with pytest.raises(InputError, match="cannot connect: Connection refused"):
        fetch(closed_port_url(), allow_private=True)


@pytest.mark.parametrize("address, public", [("8.8.8.8", True), ("2606:4700:4700::1111", True), ("127.0.0.1", False),
                                             ("192.168.1.1", False), ("100.64.0.1", False), ("fe80::1%eth0", False),
                                             ("::ffff:10.0.0.1", False), ("0.0.0.0", False), ("224.0.0.1", False)])
def test_fetch_is_public(address, public):
    assert is_public(address) is public
