"""PostgreSQL roles for a team: a reader that can only select, and an editor that can write
everything but the journal's past (it may append entries, never update or delete them)."""

from __future__ import annotations

import re

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from ledger.errors import Conflict

NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def statements(database: str, reader: str, editor: str) -> list[str]:
    for role in (reader, editor):
        if not NAME.match(role):
            raise ValueError(f"{role!r} is not a plain PostgreSQL role name (lower case letters, digits, _)")
    create = (
        "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') "
        "THEN CREATE ROLE {role} LOGIN; END IF; END $$"
    )
    return [
        create.format(role=reader),
        create.format(role=editor),
        f'GRANT CONNECT ON DATABASE "{database}" TO {reader}, {editor}',
        f"GRANT USAGE ON SCHEMA public TO {reader}, {editor}",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {reader}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {editor}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {editor}",
        # History cannot be rewritten: the editor appends to the journal and nothing else.
        f"REVOKE UPDATE, DELETE, TRUNCATE ON journal FROM {editor}",
        # Only the owner migrates the schema.
        f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON alembic_version FROM {editor}",
    ]


def grant(engine: Engine, reader: str, editor: str, *, execute: bool = True) -> list[str]:
    database = engine.url.database or ""
    sql = statements(database, reader, editor)
    if execute:
        try:
            with engine.begin() as connection:
                for statement in sql:
                    connection.execute(text(statement))
        except DBAPIError as error:  # all or nothing: a role that may not create roles or grant on the tables
            from ledger.services import database_said

            raise Conflict(
                f"db roles: the database refused ({database_said(error)}): run it as the ledger's owner with "
                "the right to create roles (CREATEROLE), or as a superuser"
            ) from None
    return sql
