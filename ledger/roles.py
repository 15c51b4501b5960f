"""PostgreSQL roles for a team: a reader that can only select, and an editor with only what the
ledger's own writes need.

The editor adds, amends and voids records (insert and update: nothing is ever deleted), replaces
a record's links and the derived allocation shares (insert and delete), appends to the journal
(insert only; the database itself refuses an entry that does not extend the chain, migration
0008) and takes the write lock (`ledger.journal.take_write_lock`, which needs the right to update
its empty table: the reader cannot take it). Updating a record includes its journal leaf columns
(`leaf`, `leaf_index`); the ledger's identity (`ledger_origin`) is read only, by both. Neither role
may change the schema or its revision.
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

from ledger import models as m
from ledger.errors import Conflict, Parameter, Said

NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")

# The records, voided but never deleted.
RECORDS = tuple(sorted(mp.local_table.name for mp in m.Base.registry.mappers if issubclass(mp.class_, m.Voidable)))
APPENDED, LOCKED, READ = m.JournalEntry.__tablename__, m.WriteLock.__tablename__, m.Origin.__tablename__
# A record's links (aliases, participants, citations, obligations, allocations) and the derived
# allocation shares: replaced whole when their record changes.
REPLACED = tuple(sorted(set(m.Base.metadata.tables) - {*RECORDS, APPENDED, LOCKED, READ}))


def _tables(names: tuple[str, ...]) -> str:
    return ", ".join(f'"{name}"' for name in names)


def statements(database: str, reader: str, editor: str) -> list[str]:
    for role in (reader, editor):
        if not NAME.match(role):
            raise ValueError(f"{role!r} is not a plain PostgreSQL role name (lower case letters, digits, _)")
    if reader == editor:  # one role with both grants would let the "reader" write
        raise ValueError(
            Said(Parameter("reader"), " and ", Parameter("editor"), f" must be two roles, got {reader!r} for both")
        )
    create = (
        "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') "
        "THEN CREATE ROLE {role} LOGIN; END IF; END $$"
    )
    return [
        create.format(role=reader),
        create.format(role=editor),
        f'GRANT CONNECT ON DATABASE "{database}" TO {reader}, {editor}',
        f"GRANT USAGE ON SCHEMA public TO {reader}, {editor}",
        # What an earlier `ledger db roles` granted goes first: then only what follows holds.
        f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {reader}, {editor}",
        f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {reader}, {editor}",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {reader}, {editor}",
        f"GRANT INSERT, UPDATE ON {_tables(RECORDS)} TO {editor}",
        f"GRANT INSERT, DELETE ON {_tables(REPLACED)} TO {editor}",
        f'GRANT INSERT ON "{APPENDED}" TO {editor}',
        f'GRANT UPDATE ON "{LOCKED}" TO {editor}',
        f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {editor}",
    ]


def _refuse_own_roles(connection: Connection, reader: str, editor: str) -> None:
    """Neither role may be the one running this, nor a superuser: revoking what an earlier run
    granted would take the owner's own rights, and a superuser's grants restrict nothing."""
    found = connection.execute(
        text("SELECT rolname, rolname = current_user, rolsuper FROM pg_roles WHERE rolname IN (:reader, :editor)"),
        {"reader": reader, "editor": editor},
    )
    for role, is_current, is_super in found:
        if is_current or is_super:
            who = "the role running this command" if is_current else "a superuser"
            raise ValueError(f"{role!r} is {who}: name roles of their own for the reader and the editor")


def grant(engine: Engine, reader: str, editor: str, *, execute: bool = True) -> list[str]:
    database = engine.url.database or ""
    sql = statements(database, reader, editor)
    if execute:
        try:
            with engine.begin() as connection:
                _refuse_own_roles(connection, reader, editor)
                for statement in sql:
                    connection.execute(text(statement))
        except DBAPIError as error:  # all or nothing: a role that may not create roles or grant on the tables
            from ledger.db_errors import database_said

            raise Conflict(
                f"db roles: the database refused ({database_said(error)}): run it as the ledger's owner with "
                "the right to create roles (CREATEROLE), or as a superuser"
            ) from None
    return sql
