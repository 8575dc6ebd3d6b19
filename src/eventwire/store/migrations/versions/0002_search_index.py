"""Full-text index over evidence sentences: SQLite FTS5 kept in step by triggers, or a PostgreSQL GIN index.

Revision ID: 0002
Revises: 0001
"""
from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# An external-content FTS5 table: the text stays in `sentences`, the triggers keep the index in step.
# The porter stemmer matches the English stemming PostgreSQL's to_tsvector('english', ...) does.
SQLITE_UP = [
    ("CREATE VIRTUAL TABLE sentences_fts USING fts5(text, content='sentences', content_rowid='id', "
     "tokenize='porter unicode61 remove_diacritics 2')"),
    ("CREATE TRIGGER sentences_fts_insert AFTER INSERT ON sentences BEGIN "
     "INSERT INTO sentences_fts(rowid, text) VALUES (new.id, new.text); END"),
    ("CREATE TRIGGER sentences_fts_delete AFTER DELETE ON sentences BEGIN "
     "INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.id, old.text); END"),
    ("CREATE TRIGGER sentences_fts_update AFTER UPDATE ON sentences BEGIN "
     "INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.id, old.text); "
     "INSERT INTO sentences_fts(rowid, text) VALUES (new.id, new.text); END"),
    "INSERT INTO sentences_fts(sentences_fts) VALUES ('rebuild')",   # index what older stores already hold
]
SQLITE_DOWN = ["DROP TRIGGER sentences_fts_update", "DROP TRIGGER sentences_fts_delete",
               "DROP TRIGGER sentences_fts_insert", "DROP TABLE sentences_fts"]
POSTGRES_UP = ["CREATE INDEX ix_sentences_text_fts ON sentences USING gin (to_tsvector('english'::regconfig, text))"]
POSTGRES_DOWN = ["DROP INDEX ix_sentences_text_fts"]


def _run(statements: dict[str, list[str]]) -> None:
    dialect = op.get_bind().dialect.name
    if dialect not in statements:
        raise NotImplementedError(f"no full-text index for {dialect}")
    for sql in statements[dialect]:
        op.execute(sql)


def upgrade() -> None:
    _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP})


def downgrade() -> None:
    _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN})
