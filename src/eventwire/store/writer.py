"""Store one contract record idempotently: a document and everything coded from it, replaced in one transaction.

A document is identified by its URL when known, else by a digest of its clean text. Writing a record
that is already stored, by the same eventwire version and rules, changes nothing; a changed one
replaces that document's rows atomically, so a killed process leaves each document old or new, never half.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

import sqlalchemy as sa

from ..records import RawInput
from .connect import Store
from .provenance import eventwire_version, rules_digest
from .schema import ROLES, actors, documents, events, places, sentences

Outcome = Literal["added", "replaced", "unchanged"]

_ACTOR_KEYS = ("text", "name", "country", "sector", "start", "end")
_PLACE_KEYS = ("name", "country", "admin1", "lat", "lon", "geonames_id", "feature")
_EVIDENCE_KEYS = ("sentence", "start", "end", "trigger", "trigger_start", "trigger_end")
_EVENT_KEYS = ("event_id", "event_type", "mode", "context", *ROLES, "date", "date_end", "date_precision",
               "date_source", "location", "location_precision", "counts", "factuality", "confidence",
               "from_caption", "evidence")
_MENTION_KEYS = ("text", "start", "end")
_CHILDREN = (events, sentences, actors, places)   # deleted in this order when a document is replaced


@dataclass(frozen=True, slots=True)
class Source:
    """What the pipeline was given for a document; `text` None means the clean text is the source."""

    kind: Literal["text", "html"]
    text: str | None
    digest: str


def source_of(raw: RawInput) -> Source:
    """The source of a raw input; its digest covers everything that can change what is extracted."""
    fields = {"doc_id": raw.doc_id, "text": raw.text, "html": raw.html, "url": raw.url, "title": raw.title,
              "published": raw.published.isoformat() if raw.published else None}
    kind: Literal["text", "html"] = "html" if raw.html is not None else "text"
    return Source(kind, raw.html if kind == "html" else raw.text, _digest(fields))


def document_key(record: dict[str, Any]) -> str:
    if record.get("url"):
        return f"url:{record['url']}"
    return "sha256:" + hashlib.sha256(record["text"].encode("utf-8")).hexdigest()


def is_current(store: Store, source: Source) -> bool:
    """Whether this very source is stored already, coded by this eventwire version and these rules."""
    query = (sa.select(documents.c.id)
             .where(documents.c.source_hash == source.digest,
                    documents.c.eventwire_version == eventwire_version(),
                    documents.c.rules_digest == rules_digest())
             .limit(1))
    with store.read() as conn:
        return conn.execute(query).first() is not None


def write_document(store: Store, record: dict[str, Any], source: Source, key: str | None = None) -> Outcome:
    """Store `record` (replacing the document with the same key) in one transaction.

    Args:
        record: a contract record (`Document.to_record()`).
        source: what the pipeline was given, kept so that `recode` can run it again.
        key: the document's identity; by default from its URL or text (see `document_key`).
    """
    key = key or document_key(record)
    row = _document_row(record, source, key)
    for attempt in (1, 2):
        try:
            with store.write() as conn:
                return _replace(conn, row, record)
        except sa.exc.IntegrityError:
            if attempt == 2:   # a concurrent writer added the same key first: the retry replaces it
                raise
    raise AssertionError("unreachable")


def _replace(conn: sa.Connection, row: dict[str, Any], record: dict[str, Any]) -> Outcome:
    found = conn.execute(sa.select(documents.c.id, documents.c.content_hash)
                         .where(documents.c.doc_key == row["doc_key"]).with_for_update()).first()
    if found is not None and found.content_hash == row["content_hash"]:
        return "unchanged"
    if found is None:
        doc_pk = conn.execute(sa.insert(documents).returning(documents.c.id), row).scalar_one()
    else:
        doc_pk = found.id
        for table in _CHILDREN:
            conn.execute(sa.delete(table).where(table.c.document_id == doc_pk))
        conn.execute(sa.update(documents).where(documents.c.id == doc_pk).values(row))
    _insert_children(conn, doc_pk, record)
    return "added" if found is None else "replaced"


def _insert_children(conn: sa.Connection, doc_pk: int, record: dict[str, Any]) -> None:
    mentions = [(actors, _actor_mention_row, record.get("actors") or []),
                (places, _place_mention_row, record.get("places") or [])]
    for table, make_row, items in mentions:
        if items:
            conn.execute(sa.insert(table), [make_row(doc_pk, m) for m in items])
    evidence = {_sentence_key(e): None for e in record["events"]}
    if not evidence:
        return
    sentence_rows = [{"document_id": doc_pk, "start_char": start, "end_char": end, "from_caption": caption,
                      "text": text} for start, end, caption, text in evidence]
    ids = conn.execute(sa.insert(sentences).returning(sentences.c.id, sort_by_parameter_order=True),
                       sentence_rows).scalars().all()
    sentence_ids = dict(zip(evidence, ids, strict=True))
    conn.execute(sa.insert(events), [_event_row(doc_pk, seq, e, sentence_ids[_sentence_key(e)])
                                     for seq, e in enumerate(record["events"])])


def _document_row(record: dict[str, Any], source: Source, key: str) -> dict[str, Any]:
    version, rules = eventwire_version(), rules_digest()
    return {
        "doc_key": key, "doc_id": record["doc_id"], "url": record.get("url"), "title": record.get("title"),
        "published": _date(record.get("published")), "language": record.get("language"),
        "text": record["text"], "captions": record.get("captions") or [], "dateline": record.get("dateline"),
        "warnings": record.get("warnings") or [],
        "source_kind": source.kind, "source": None if source.text == record["text"] else source.text,
        "source_hash": source.digest,
        "content_hash": _digest({"record": record, "source": source.digest, "version": version, "rules": rules}),
        "eventwire_version": version, "rules_digest": rules,
    }


def _sentence_key(event: dict[str, Any]) -> tuple[int, int, bool, str]:
    ev = event["evidence"]
    return ev["start"], ev["end"], bool(event.get("from_caption")), ev["sentence"]


def _actor_mention_row(doc_pk: int, m: dict[str, Any]) -> dict[str, Any]:
    return {"document_id": doc_pk, "start_char": m["start"], "end_char": m["end"], "text": m["text"],
            "name": m.get("name"), "country": m.get("country"), "sector": " ".join(m.get("sector") or []),
            "kind": m.get("kind"), "extra": _unknown(m, (*_ACTOR_KEYS, "kind"))}


def _place_mention_row(doc_pk: int, m: dict[str, Any]) -> dict[str, Any]:
    return {"document_id": doc_pk, "start_char": m["start"], "end_char": m["end"], "text": m["text"],
            **{k: m.get(k) for k in _PLACE_KEYS}, "extra": _unknown(m, (*_PLACE_KEYS, *_MENTION_KEYS))}


def _event_row(doc_pk: int, seq: int, e: dict[str, Any], sentence_id: int) -> dict[str, Any]:
    ev, loc = e["evidence"], e.get("location") or {}
    row = {
        "document_id": doc_pk, "seq": seq, "event_id": e["event_id"], "event_type": e["event_type"],
        "mode": e.get("mode"), "context": e.get("context") or [],
        "date": _date(e.get("date")), "date_end": _date(e.get("date_end")),
        "date_precision": e.get("date_precision"), "date_source": e.get("date_source"),
        "place_name": loc.get("name"), "country": loc.get("country"), "admin1": loc.get("admin1"),
        "lat": loc.get("lat"), "lon": loc.get("lon"), "geonames_id": loc.get("geonames_id"),
        "place_feature": loc.get("feature"), "location_precision": e.get("location_precision"),
        "counts": e.get("counts") or {}, "factuality": e["factuality"], "confidence": e.get("confidence"),
        "from_caption": bool(e.get("from_caption")), "sentence_id": sentence_id,
        "trigger": ev.get("trigger"), "trigger_start": ev.get("trigger_start"), "trigger_end": ev.get("trigger_end"),
    }
    # Fields the contract gains after this schema are kept, nested as in the record, and read back.
    extra = {"": _unknown(e, _EVENT_KEYS), "evidence": _unknown(ev, _EVIDENCE_KEYS),
             "location": _unknown(loc, _PLACE_KEYS)}
    for role in ROLES:
        actor = e.get(role) or {}
        row |= {f"{role}_{k}": actor.get(k) for k in _ACTOR_KEYS}
        row[f"{role}_sector"] = " ".join(actor["sector"]) if actor else None
        extra[role] = _unknown(actor, _ACTOR_KEYS)
    row["extra"] = {k: v for k, v in extra.items() if v} or None
    return row


def _unknown(d: dict[str, Any], known: Iterable[str]) -> dict[str, Any] | None:
    rest = {k: v for k, v in d.items() if k not in known}
    return rest or None


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _digest(value: Any) -> str:
    canonical = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
