"""Open a store by URL: SQLite (default) or PostgreSQL, upgraded to the newest schema revision at open."""
from __future__ import annotations

import os
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any, Self

import sqlalchemy as sa
from sqlalchemy import event

DEFAULT_URL = "sqlite:///eventwire.db"
SQLITE_BUSY_TIMEOUT_S = 30.0          # a reader or second writer waits this long for the lock, not fail at once
_MIGRATION_LOCK = 4_207_731           # PostgreSQL advisory lock id: one process upgrades, the others wait


class StoreError(Exception):
    """A store that cannot be opened or used; the message names the store and the reason."""


def store_url(url: str | None) -> sa.URL:
    """The SQLAlchemy URL for what the user typed: a URL, plain postgresql://, or a bare SQLite path."""
    text = url or DEFAULT_URL
    if "://" not in text:
        text = f"sqlite:///{text}"
    try:
        parsed = sa.make_url(text)
    except sa.exc.ArgumentError:
        raise StoreError(f"{text!r} is not a database URL (sqlite:///FILE or postgresql://...)") from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise StoreError(f"{parsed.render_as_string()}: only SQLite and PostgreSQL stores are supported")
    return parsed


class Store:
    """An open event store: an engine at the newest schema; `read()` and `write()` hand out connections."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        self.backend = engine.dialect.name
        self.url = engine.url.render_as_string(hide_password=True)
        # Worker processes forked while this engine holds connections must not reuse the parent's sockets.
        ref = weakref.ref(engine)

        def forget_parent_connections() -> None:
            if (forked := ref()) is not None:
                forked.dispose(close=False)

        os.register_at_fork(after_in_child=forget_parent_connections)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def read(self) -> Iterator[sa.Connection]:
        with self.engine.connect() as conn:
            yield conn

    @contextmanager
    def write(self) -> Iterator[sa.Connection]:
        """One transaction, committed on success; on SQLite it takes the write lock up front (BEGIN IMMEDIATE)
        so two writers queue on the busy timeout instead of one failing when it upgrades its read lock."""
        with self.engine.connect() as conn:
            conn.execution_options(eventwire_immediate=True)
            with conn.begin():
                yield conn


def open_store(url: str | None = None) -> Store:
    """Open (creating if need be) the store at `url` and upgrade its schema to the newest revision.

    Args:
        url: sqlite:///FILE (default ./eventwire.db), a bare file path, or postgresql[+psycopg]://...
    Raises:
        StoreError: the database cannot be reached, or was made by a newer eventwire.
    """
    engine = store_engine(url)
    shown = engine.url.render_as_string(hide_password=True)
    try:
        migrate(engine)
    except sa.exc.OperationalError as e:
        engine.dispose()
        raise StoreError(f"{shown}: cannot open: {str(e.orig).strip().splitlines()[0]}") from None
    except StoreError as e:
        engine.dispose()
        raise StoreError(f"{shown}: {e}") from None
    return Store(engine)


def store_engine(url: str | None) -> sa.Engine:
    """An engine for the store at `url`, set up as the store needs; `migrate` brings its schema up to date."""
    parsed = store_url(url)
    return _sqlite_engine(parsed) if parsed.get_backend_name() == "sqlite" else sa.create_engine(parsed)


def _sqlite_engine(url: sa.URL) -> sa.Engine:
    if url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None           # we emit BEGIN ourselves (sqlite3 would skip it for DDL)
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")    # readers do not block the writer, nor it them
        cursor.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: a killed process loses no commit
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        immediate = conn.get_execution_options().get("eventwire_immediate")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def migrate(engine: sa.Engine, revision: str = "head") -> None:
    """Run the Alembic revisions the store lacks up to `revision` (the newest by default), in one transaction."""
    from alembic import command
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(resources.files("eventwire.store") / "migrations"))
    script = ScriptDirectory.from_config(config)
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
    if current == (script.get_current_head() if revision == "head" else revision):
        return
    if current is not None and current not in {rev.revision for rev in script.walk_revisions()}:
        raise StoreError(f"schema revision {current} is newer than this eventwire knows: upgrade eventwire")
    with engine.connect() as conn:
        conn.execution_options(eventwire_immediate=True)
        with conn.begin():
            if engine.dialect.name == "postgresql":
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:id)"), {"id": _MIGRATION_LOCK})
            config.attributes["connection"] = conn
            command.upgrade(config, revision)
