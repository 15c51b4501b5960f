"""Running the Alembic migrations from the application (`ledger init`) and from tests.

The migration scripts live in the repository's `alembic/` folder, shipped inside the package
(`ledger.resources`); `alembic` on the command line and `ledger init` run the same chain against
the same URL rules (see `ledger.config`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError

from ledger import db, resources
from ledger.config import sqlite_path
from ledger.errors import SchemaError


def alembic_config(url: str, connection: Connection | None = None) -> Config:
    """What `alembic.ini` says that the application needs: where the scripts are (no logging)."""
    scripts = resources.migrations()
    if not (scripts / "env.py").is_file():
        raise SchemaError(f"the ledger's migrations are missing from {scripts}: reinstall the ledger")
    config = Config()
    config.set_main_option("script_location", str(scripts))
    config.attributes["url"] = url
    config.attributes["configure_logger"] = False
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(url: str, revision: str = "head") -> tuple[str | None, str | None]:
    """Migrate the ledger at `url` (creating it if need be); return the revisions before and after.

    A SQLite file that this call created is removed again if the upgrade fails.
    """
    path = sqlite_path(url)
    if path is not None and not Path(path).resolve().parent.is_dir():
        raise SchemaError(f"cannot create a ledger at {path}: folder {Path(path).parent} does not exist")
    config = alembic_config(url)
    # A file that was there is left as it is, and so are its journal files (another writer's).
    created = [Path(path + suffix) for suffix in ("", "-wal", "-shm", "-journal")] if path else []
    if created and created[0].exists():
        created = []
    try:
        return _upgrade(url, config, revision)
    except BaseException:
        for file in created:
            file.unlink(missing_ok=True)
        raise


def _upgrade(url: str, config: Config, revision: str) -> tuple[str | None, str | None]:
    engine = db.make_engine(url)
    opened = False
    try:
        with _migrating(engine) as connection:
            opened = True
            config.attributes["connection"] = connection
            before = current_revision(connection)
            command.upgrade(config, revision)
            after = current_revision(connection)
            if before != after and after == db.SCHEMA_REVISION:
                _after_upgrade(connection)
    except DBAPIError as error:  # no server, a file that is not a database, no right to change the schema
        from ledger.db_errors import cannot

        raise cannot("upgrade the ledger at" if opened else "open", url, error) from None
    finally:
        engine.dispose()
    return before, after


@contextmanager
def _migrating(engine: Engine) -> Iterator[Connection]:
    """A connection in one transaction for the migrations. SQLite changes a table's constraints by
    rebuilding it (a copy, the old one dropped, the copy renamed), which its foreign keys would
    refuse for a table others refer to; as SQLite's documentation says, they are turned off for
    the rebuild (the pragma cannot change inside a transaction) and checked whole before the
    commit: a migration that breaks a reference fails and changes nothing."""
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            connection.connection.driver_connection.execute("PRAGMA foreign_keys = OFF")
        try:
            with connection.begin():
                yield connection
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        table, rowid, parent, _ = broken[0]
                        raise SchemaError(
                            f"the migration left {len(broken)} broken reference(s), the first from {table} row "
                            f"{rowid} to {parent}; nothing was changed"
                        )
        finally:
            if sqlite:
                connection.connection.driver_connection.execute("PRAGMA foreign_keys = ON")


def _after_upgrade(connection: Connection) -> None:
    """Data steps that need the application's code, run at the schema that code matches.

    A ledger from before the journal gets its records journaled (in the same transaction as the
    upgrade), a batch entry of each kind, and the derived allocation shares are computed afresh.
    """
    from sqlalchemy import func, select
    from sqlalchemy.orm import Session

    from ledger import models as m
    from ledger.entities import ENTITIES
    from ledger.journal import Journal, identified_states
    from ledger.shares import reallocate

    session = Session(bind=connection)
    if not session.scalar(select(func.count()).select_from(m.JournalEntry)):
        journal = Journal(session, "ledger init")
        for entity in ENTITIES:
            rows = [(id, state) for id, _, state in identified_states(session, entity)]
            journal.added(entity, rows, "recorded when the journal began")
        journal.flush()
    reallocate(session)
    session.flush()


def downgrade(url: str, revision: str) -> None:
    engine = db.make_engine(url)
    try:
        with _migrating(engine) as connection:
            command.downgrade(alembic_config(url, connection), revision)
    finally:
        engine.dispose()
