"""Bulk writes for the many: rows straight to the driver, past SQLAlchemy's per-row work.

A load of a million transfers writes several million rows (the transfers, their links, their
journal entries and allocation shares). Through SQLAlchemy's `insert()` each row is a dict that
the statement compiles and converts; here each row is a tuple handed to sqlite3's `executemany`
or to PostgreSQL's `COPY`, inside the caller's transaction. The rules have already checked every
value, and the database's own constraints still check them again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError


def next_ids(connection: Connection, table: str, count: int) -> list[int]:
    """Ids for `count` new rows of `table`, taken the way the database would take them.

    On SQLite the caller holds the write lock, so the ids after the largest are free; on
    PostgreSQL they are drawn from the column's sequence, which no other writer can draw again.
    """
    if count == 0:
        return []
    if connection.dialect.name == "postgresql":
        statement = text("SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :count)")
        return list(connection.execute(statement, {"table": table, "count": count}).scalars())
    last = connection.execute(text(f"SELECT coalesce(max(id), 0) FROM {table}")).scalar_one()
    return list(range(last + 1, last + 1 + count))


def insert_rows(connection: Connection, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Insert `rows` (tuples in the order of `columns`) into `table`; give dates as ISO text."""
    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    names = ", ".join(columns)
    driver_error = connection.dialect.loaded_dbapi.Error
    statement = f"COPY {table} ({names}) FROM STDIN"
    try:
        if connection.dialect.name == "postgresql":
            with cursor.copy(statement) as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            statement = f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})"
            cursor.executemany(statement, rows)
    except driver_error as error:  # a constraint: raised as SQLAlchemy raises it, for the caller to describe
        raise DBAPIError.instance(statement, None, error, driver_error) from None
    finally:
        cursor.close()


# The tables a load writes in bulk. On PostgreSQL each row copied into them fires a trigger for
# each of its foreign keys, which checks that one row: at a million transfers, most of a load.
BULK_TABLES = ("transfer", "transfer_intermediary", "transfer_source", "allocation", "allocation_share")
_OWNED = "SELECT bool_and(pg_has_role(relowner, 'USAGE')) FROM pg_class WHERE oid = ANY(CAST(:tables AS regclass[]))"
_KEYS = (
    "SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', conrelid::regclass, conname),"
    " format('ALTER TABLE %s ADD CONSTRAINT %I %s', conrelid::regclass, conname, pg_get_constraintdef(oid))"
    " FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY(CAST(:tables AS regclass[]))"
    " ORDER BY conrelid::regclass::text, conname"
)


@dataclass
class HeldKeys:
    """The foreign keys of the bulk tables, set aside for a large load on PostgreSQL.

    `hold` drops them inside the load's transaction and `restore` adds them back before it
    commits, which checks every row against each key again in one join (as pg_restore does), so a
    row that refers to nothing still fails the load. A failed or rolled-back load undoes the drop
    with the rest. Meanwhile the load holds these tables, and those they refer to, to itself:
    others' reads wait for it to commit. Only the tables' owner may drop their keys; for any other
    role (an editor from `ledger db roles`) the keys stay and check row by row.
    """

    restoring: list[str] = field(default_factory=list)
    held: bool = False

    def hold(self, connection: Connection) -> None:
        if self.held or connection.dialect.name != "postgresql":
            return
        self.held = True
        tables = {"tables": list(BULK_TABLES)}
        if not connection.execute(text(_OWNED), tables).scalar():
            return
        for drop, add in connection.execute(text(_KEYS), tables).all():
            connection.exec_driver_sql(drop)
            self.restoring.append(add)

    def restore(self, connection: Connection) -> None:
        while self.restoring:
            connection.exec_driver_sql(self.restoring.pop(0))
