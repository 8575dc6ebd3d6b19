"""Documents, evidence sentences, actor and place mentions, events.

Revision ID: 0001
Revises:
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _document_ref(table: str) -> sa.Column:
    return sa.Column("document_id", sa.Integer,
                     sa.ForeignKey("documents.id", ondelete="CASCADE", name=f"fk_{table}_document_id_documents"),
                     nullable=False)


def _mention_columns(table: str) -> list[sa.Column]:
    return [sa.Column("id", sa.Integer, primary_key=True), _document_ref(table),
            sa.Column("start_char", sa.Integer, nullable=False), sa.Column("end_char", sa.Integer, nullable=False),
            sa.Column("text", sa.Text, nullable=False)]


def _role_columns(role: str) -> list[sa.Column]:
    return [sa.Column(f"{role}_text", sa.Text), sa.Column(f"{role}_name", sa.Text),
            sa.Column(f"{role}_country", sa.String(3)), sa.Column(f"{role}_sector", sa.String),
            sa.Column(f"{role}_start", sa.Integer), sa.Column(f"{role}_end", sa.Integer)]


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("doc_key", sa.String, nullable=False),
        sa.Column("doc_id", sa.String, nullable=False),
        sa.Column("url", sa.String),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.Date),
        sa.Column("language", sa.String(16)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("captions", sa.JSON, nullable=False),
        sa.Column("dateline", sa.JSON),
        sa.Column("warnings", sa.JSON, nullable=False),
        sa.Column("source_kind", sa.String(8), nullable=False),
        sa.Column("source", sa.Text),
        sa.Column("source_hash", sa.String(64), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("eventwire_version", sa.String(32), nullable=False),
        sa.Column("rules_digest", sa.String(64), nullable=False),
        sa.UniqueConstraint("doc_key", name="uq_documents_doc_key"),
    )
    op.create_index("ix_documents_doc_id", "documents", ["doc_id"])
    op.create_index("ix_documents_source_hash", "documents", ["source_hash"])

    op.create_table(
        "sentences", *_mention_columns("sentences"),
        sa.Column("from_caption", sa.Boolean, nullable=False),
    )
    op.create_index("ix_sentences_document_id", "sentences", ["document_id"])

    op.create_table(
        "actors", *_mention_columns("actors"),
        sa.Column("name", sa.Text),
        sa.Column("country", sa.String(3)),
        sa.Column("sector", sa.String, nullable=False),
        sa.Column("kind", sa.String(16)),
        sa.Column("extra", sa.JSON),
    )
    op.create_index("ix_actors_document_id", "actors", ["document_id"])
    op.create_index("ix_actors_country", "actors", ["country"])

    op.create_table(
        "places", *_mention_columns("places"),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("country", sa.String(3)),
        sa.Column("admin1", sa.Text),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("geonames_id", sa.BigInteger),
        sa.Column("feature", sa.String(16)),
        sa.Column("extra", sa.JSON),
    )
    op.create_index("ix_places_document_id", "places", ["document_id"])
    op.create_index("ix_places_country", "places", ["country"])

    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True),
        _document_ref("events"),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("event_id", sa.String, nullable=False),
        sa.Column("event_type", sa.String(16), nullable=False),
        sa.Column("mode", sa.String(32)),
        sa.Column("context", sa.JSON, nullable=False),
        *_role_columns("source"), *_role_columns("target"), *_role_columns("reported_by"),
        sa.Column("date", sa.Date),
        sa.Column("date_end", sa.Date),
        sa.Column("date_precision", sa.String(8)),
        sa.Column("date_source", sa.String(16)),
        sa.Column("place_name", sa.Text),
        sa.Column("country", sa.String(3)),
        sa.Column("admin1", sa.Text),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("geonames_id", sa.BigInteger),
        sa.Column("place_feature", sa.String(16)),
        sa.Column("location_precision", sa.String(16)),
        sa.Column("counts", sa.JSON, nullable=False),
        sa.Column("factuality", sa.String(16), nullable=False),
        sa.Column("confidence", sa.Float),
        sa.Column("from_caption", sa.Boolean, nullable=False),
        sa.Column("sentence_id", sa.Integer,
                  sa.ForeignKey("sentences.id", ondelete="CASCADE", name="fk_events_sentence_id_sentences"),
                  nullable=False),
        sa.Column("trigger", sa.Text),
        sa.Column("trigger_start", sa.Integer),
        sa.Column("trigger_end", sa.Integer),
        sa.Column("extra", sa.JSON),
    )
    for column in ("document_id", "event_type", "date", "country", "lat", "sentence_id"):
        op.create_index(f"ix_events_{column}", "events", [column])


def downgrade() -> None:
    for table in ("events", "places", "actors", "sentences", "documents"):
        op.drop_table(table)
