"""Stage 8: contract records → rows in an event store (SQLite by default, PostgreSQL for teams).

`open_store(url)` opens one, upgrading its schema; `writer` stores documents idempotently, `query` reads
events back with the filters the CLI offers, `ingest` runs the pipeline into a store.
"""
from __future__ import annotations

from .connect import DEFAULT_URL, Store, StoreError, open_store

__all__ = ["DEFAULT_URL", "Store", "StoreError", "open_store"]
