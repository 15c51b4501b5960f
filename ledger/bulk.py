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
# Their secondary indexes and the journal's, which a load into a new ledger builds once at the end,
# each in one sort, rather than entry by entry (a tenth of a million-transfer load on either engine).
# Unique constraints stay: they check every row as it comes.
INDEXED_TABLES = (*BULK_TABLES, "journal")
_OWNED = "SELECT bool_and(pg_has_role(relowner, 'USAGE')) FROM pg_class WHERE oid = ANY(CAST(:tables AS regclass[]))"
_KEYS = (
    "SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', conrelid::regclass, conname),"
    " format('ALTER TABLE %s ADD CONSTRAINT %I %s', conrelid::regclass, conname, pg_get_constraintdef(oid))"
    " FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY(CAST(:tables AS regclass[]))"
    " ORDER BY conrelid::regclass::text, conname"
)


@dataclass
class Held:
    """What a large load sets aside until its rows are in: the foreign keys of the bulk tables (on
    PostgreSQL) and, for a load into a new or smaller ledger, their secondary indexes.

    `hold` drops them inside the load's transaction and `restore` puts them back before it
    commits: each index built from the rows in one pass, each key checked against every row in
    one join (as pg_restore does), so that a row that refers to nothing still fails the load. A
    failed or rolled-back load undoes the drop with the rest (DDL is transactional on both
    engines). Meanwhile, on PostgreSQL, the load holds these tables, and those they refer to, to
    itself: others' reads wait for it to commit; on SQLite others read the ledger as it was, as
    during any write. Only the tables' owner may drop their keys and indexes; for any other role
    (an editor from `ledger db roles`) they stay and are kept row by row.
    """

    restoring: list[str] = field(default_factory=list)
    indexes: list[Any] = field(default_factory=list)  # sqlalchemy Index objects, dropped
    held: bool = False

    def hold(self, connection: Connection, *, indexes: bool) -> None:
        if self.held:
            return
        self.held = True
        if connection.dialect.name == "postgresql":
            tables = {"tables": list(INDEXED_TABLES)}
            if not connection.execute(text(_OWNED), tables).scalar():
                return
            for drop, add in connection.execute(text(_KEYS), {"tables": list(BULK_TABLES)}).all():
                connection.exec_driver_sql(drop)
                self.restoring.append(add)
        if indexes:
            from ledger.models import Base

            for name in INDEXED_TABLES:
                for index in sorted(Base.metadata.tables[name].indexes, key=lambda i: i.name):
                    index.drop(connection)
                    self.indexes.append(index)

    def restore(self, connection: Connection, *, but: Sequence[str] = ()) -> None:
        """Build the indexes again but those of the tables in `but`; with none left out (the last
        call, once every row is in), then add the keys back."""
        for index in [i for i in self.indexes if i.table.name not in but]:
            index.create(connection)
            self.indexes.remove(index)
        while self.restoring and not but:
            connection.exec_driver_sql(self.restoring.pop(0))
