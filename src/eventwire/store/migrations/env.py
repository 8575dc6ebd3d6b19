"""Alembic environment: eventwire runs migrations itself at open, on the connection it passes in."""
from __future__ import annotations

from alembic import context

from eventwire.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
