"""What the database said, as one line a user can act on: a constraint it refused, a lock another
writer held, a database that could not be opened, with the address shown without its password.
"""

from __future__ import annotations

import re

from sqlalchemy.exc import DBAPIError

from ledger import db
from ledger.errors import SchemaError


def display_url(url: str) -> str:
    """The database address as it may be printed: without its password."""
    return db.parse_url(url).render_as_string(hide_password=True)


def database_said(error: DBAPIError) -> str:
    """The first line of what the database (or its driver) said."""
    lines = str(error.orig if error.orig is not None else error).strip().splitlines()
    return lines[0] if lines else type(error.orig).__name__


def cannot(doing: str, url: str, error: DBAPIError) -> SchemaError:
    """Why the database at `url` could not be opened (or upgraded), in one line."""
    return SchemaError(f"cannot {doing} {display_url(url)}: {database_said(error)}")


SQLITE_BUSY = 5  # "database is locked": the busy timeout ran out


def _held_by_another_writer(error: DBAPIError) -> bool:
    """Whether the write gave up waiting for a lock another writer held: SQLite's busy timeout
    ("database is locked"), or PostgreSQL's lock timeout (SQLSTATE 55P03)."""
    original = error.orig
    code = getattr(original, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF == SQLITE_BUSY
    return getattr(original, "sqlstate", None) == "55P03" or "database is locked" in str(original)


def _seconds(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds >= 10 else f"{seconds:.1f} s"


def describe_integrity_error(error: DBAPIError, waited: float | None = None) -> str:
    """One line a user can act on, from the constraint the database named, or from the lock it
    waited for (`waited` seconds since the write began, else the busy timeout)."""
    if _held_by_another_writer(error):
        waited = db.BUSY_TIMEOUT_MS / 1000 if waited is None else waited
        return (
            f"another writer held the ledger for the {_seconds(waited)} this command waited for it; "
            "nothing was written: try again"
        )
    original = error.orig
    diag = getattr(original, "diag", None)
    name = getattr(diag, "constraint_name", None) if diag is not None else None
    message = str(original).strip().splitlines()[0] if original is not None else str(error)
    if getattr(original, "sqlstate", None) == "42501":  # permission denied: a reader, or grants from before an upgrade
        return (
            f"this database role may not write to the ledger ({message}): write as the editor or the owner; "
            "after `ledger init` upgraded the ledger, run `ledger db roles` again"
        )
    if name is None:
        found = re.search(r"(?:CHECK constraint failed: |constraint )\"?(\w+)", message)
        name = found.group(1) if found else None
    unique = re.search(r"UNIQUE constraint failed: ([\w.]+(?:, [\w.]+)*)", message)
    if unique:
        return f"already exists: another record has the same {unique.group(1)}"
    if (name and name.startswith(("uq_", "pk_"))) or "duplicate key" in message:
        return f"already exists: another record has the same key ({name})"
    if name and name.startswith("ck_"):
        return f"the database refused the record: constraint {name} failed"
    if (name and name.startswith("fk_")) or "FOREIGN KEY" in message:
        return f"the database refused the record: it refers to a record that does not exist ({name or message})"
    return f"the database refused the record: {message}"


def no_such_table(error: DBAPIError) -> bool:
    """Whether the database said the table asked for does not exist (SQLite's "no such table",
    PostgreSQL's SQLSTATE 42P01)."""
    return getattr(error.orig, "sqlstate", None) == "42P01" or "no such table" in database_said(error)
