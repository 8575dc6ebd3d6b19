"""One SQLAlchemy Core schema for SQLite and PostgreSQL: documents and what was coded from them.

Alembic revisions under migrations/ create these tables; a test checks the two agree. The full-text
index over `sentences.text` is backend-specific (SQLite FTS5 table, PostgreSQL GIN expression index),
so it lives only in revision 0002, not here.
"""
from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData(naming_convention={
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})

ROLES = ("source", "target", "reported_by")   # the actor roles an event carries, stored inline


def _document_ref() -> sa.Column[int]:
    return sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"),
                     nullable=False, index=True)


documents = sa.Table(
    "documents", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("doc_key", sa.String, nullable=False, unique=True),   # "url:<url>" or "sha256:<clean text digest>"
    sa.Column("doc_id", sa.String, nullable=False, index=True),
    sa.Column("url", sa.String),
    sa.Column("title", sa.Text),
    sa.Column("published", sa.Date),
    sa.Column("language", sa.String(16)),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("captions", sa.JSON, nullable=False),
    sa.Column("dateline", sa.JSON),
    sa.Column("warnings", sa.JSON, nullable=False),
    # What the pipeline was given, so `recode` can run it again: NULL source = the clean text itself.
    sa.Column("source_kind", sa.String(8), nullable=False),        # text | html
    sa.Column("source", sa.Text),
    sa.Column("source_hash", sa.String(64), nullable=False, index=True),
    sa.Column("content_hash", sa.String(64), nullable=False),      # record + source + producer: unchanged → no write
    sa.Column("eventwire_version", sa.String(32), nullable=False),
    sa.Column("rules_digest", sa.String(64), nullable=False),
)

# Evidence sentences, one row per distinct sentence that states an event; searched with --text.
sentences = sa.Table(
    "sentences", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _document_ref(),
    sa.Column("start_char", sa.Integer, nullable=False),
    sa.Column("end_char", sa.Integer, nullable=False),
    sa.Column("from_caption", sa.Boolean, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
)

actors = sa.Table(
    "actors", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _document_ref(),
    sa.Column("start_char", sa.Integer, nullable=False),
    sa.Column("end_char", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("name", sa.Text),
    sa.Column("country", sa.String(3), index=True),
    sa.Column("sector", sa.String, nullable=False),                # space-separated codes, e.g. "GOV MIL"
    sa.Column("kind", sa.String(16)),
    sa.Column("extra", sa.JSON),                                   # contract fields added after this schema
)

places = sa.Table(
    "places", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _document_ref(),
    sa.Column("start_char", sa.Integer, nullable=False),
    sa.Column("end_char", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("country", sa.String(3), index=True),
    sa.Column("admin1", sa.Text),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("geonames_id", sa.BigInteger),
    sa.Column("feature", sa.String(16)),
    sa.Column("extra", sa.JSON),
)


def _role_columns(role: str) -> list[sa.Column[object]]:
    return [sa.Column(f"{role}_text", sa.Text), sa.Column(f"{role}_name", sa.Text),
            sa.Column(f"{role}_country", sa.String(3)), sa.Column(f"{role}_sector", sa.String),
            sa.Column(f"{role}_start", sa.Integer), sa.Column(f"{role}_end", sa.Integer)]


events = sa.Table(
    "events", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _document_ref(),
    sa.Column("seq", sa.Integer, nullable=False),                  # position in the document's events list
    sa.Column("event_id", sa.String, nullable=False),
    sa.Column("event_type", sa.String(16), nullable=False, index=True),
    sa.Column("mode", sa.String(32)),
    sa.Column("context", sa.JSON, nullable=False),
    *(col for role in ROLES for col in _role_columns(role)),
    sa.Column("date", sa.Date, index=True),
    sa.Column("date_end", sa.Date),
    sa.Column("date_precision", sa.String(8)),
    sa.Column("date_source", sa.String(16)),
    sa.Column("place_name", sa.Text),
    sa.Column("country", sa.String(3), index=True),                # where it happened
    sa.Column("admin1", sa.Text),
    sa.Column("lat", sa.Float, index=True),
    sa.Column("lon", sa.Float),
    sa.Column("geonames_id", sa.BigInteger),
    sa.Column("place_feature", sa.String(16)),
    sa.Column("location_precision", sa.String(16)),
    sa.Column("counts", sa.JSON, nullable=False),
    sa.Column("factuality", sa.String(16), nullable=False),
    sa.Column("confidence", sa.Float),
    sa.Column("from_caption", sa.Boolean, nullable=False),
    sa.Column("sentence_id", sa.Integer, sa.ForeignKey("sentences.id", ondelete="CASCADE"),
              nullable=False, index=True),
    sa.Column("trigger", sa.Text),
    sa.Column("trigger_start", sa.Integer),
    sa.Column("trigger_end", sa.Integer),
    sa.Column("extra", sa.JSON),
)
