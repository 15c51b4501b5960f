"""Engines and sessions, with the settings that let several processes share one ledger.

SQLite: foreign keys on (SQLite leaves them off by default), WAL so that readers never wait for
a writer, a busy timeout so that a writer waits for another instead of failing with "database is
locked", and `BEGIN IMMEDIATE` for writes so that two writers never deadlock upgrading a read
lock. PostgreSQL needs none of this.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session

from ledger.errors import SchemaError

BUSY_TIMEOUT_MS = 60_000
CACHE_KIB = 65_536
# The revision `ledger init` migrates to; a test checks it is Alembic's head, so that ordinary
# commands can check the schema without importing Alembic (which would slow every start).
SCHEMA_REVISION = "0012"


def parse_url(url: str) -> URL:
    """The database address as SQLAlchemy reads it; one it cannot read is refused (`SchemaError`)."""
    try:
        return make_url(url)
    except (ArgumentError, ValueError) as error:
        raise _unreadable(url, error) from None


def _unreadable(url: str, error: Exception) -> SchemaError:
    """A refusal of an address that cannot be read (a port that is not a number, an option of the
    wrong kind), naming its scheme only: the rest may hold a password."""
    scheme = url.split("://", 1)[0]
    said = str(error) if isinstance(error, ValueError) else "it does not parse"
    return SchemaError(f"cannot read the database address {scheme}://…: {said}")


def make_engine(url: str) -> Engine:
    try:
        if url.startswith("sqlite"):
            engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
            _configure_sqlite(engine)
            return engine
        return create_engine(url)
    except (ArgumentError, ValueError) as error:  # read when the engine is made, before any connection
        raise _unreadable(url, error) from None


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Take transactions out of the sqlite3 module's hands so that BEGIN is ours.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
            # 64 MB of page cache (the default is 2 MB): a load of a million transfers updates
            # indexes all over their tables, and each page read again from disk costs.
            cursor.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        mode = "IMMEDIATE" if connection.get_execution_options().get("ledger_write") else "DEFERRED"
        connection.exec_driver_sql(f"BEGIN {mode}")


@contextmanager
def reading(engine: Engine, snapshot: bool = False) -> Iterator[Session]:
    """A read; with `snapshot`, every statement sees the ledger as it stood at the first (SQLite's
    read transactions always do; PostgreSQL's need REPEATABLE READ), so that what several queries
    compare cannot be changed halfway by another writer."""
    with Session(engine) as session:
        if snapshot and engine.dialect.name == "postgresql":
            session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        yield session


@contextmanager
def writing(engine: Engine) -> Iterator[Session]:
    """One transaction: everything inside is committed together, or nothing is."""
    with Session(engine.execution_options(ledger_write=True)) as session:
        with session.begin():
            yield session
