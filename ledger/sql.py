"""SQL helpers every reader and writer shares: keys ordered by code point on every engine, a
statement's rows as the driver's tuples (for million-row reads), the two sides of a flow, and
(owner, value) rows gathered into lists, and a transfer's lists read from its links (what
`ledger.storage` keeps as their text, and `ledger check` recomputes).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from typing import Any, ClassVar

from sqlalchemy import Select, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.expression import ColumnElement
from sqlalchemy.sql.visitors import InternalTraversal

from ledger import models as m
from ledger.encoding import term_item


def party_aliases() -> tuple[Any, Any]:
    """Two views of the party table, for the two sides of an obligation or a transfer."""
    return aliased(m.Party, name="deliverer"), aliased(m.Party, name="receiver")


def grouped(session: Session, statement: Select) -> dict[int, list[Any]]:
    """Rows of (owner id, value), in order, as {owner id: [values]}."""
    grouped: dict[int, list[Any]] = defaultdict(list)
    for owner, value in driver_rows(session, statement):
        grouped[owner].append(value)
    return grouped


class _CodePoint(ColumnElement):
    inherit_cache = True
    _traverse_internals: ClassVar = [("column", InternalTraversal.dp_clauseelement)]

    def __init__(self, column: Any) -> None:
        self.column = column
        self.type = column.type


@compiles(_CodePoint)
def _code_point(element: _CodePoint, compiler: Any, **kw: Any) -> str:
    return compiler.process(element.column, **kw)  # SQLite compares text by code point (BINARY)


@compiles(_CodePoint, "postgresql")
def _code_point_postgresql(element: _CodePoint, compiler: Any, **kw: Any) -> str:
    return f'{compiler.process(element.column, **kw)} COLLATE "C"'


def code_point_order(column: Any) -> Any:
    """A key (or code) ordered and compared by code point, as Python and SQLite sort them, on every
    engine: not by a PostgreSQL database's language collation, which would sort `t-2` and `t10`,
    or `b1` and `B2`, another way (and so allocate, list and dump in another order). Every ORDER BY
    on keys goes through here."""
    return _CodePoint(column)


def driver_rows(session: Session, statement: Select) -> Iterator[tuple[Any, ...]]:
    """A statement's rows as the driver's tuples, for the million-row reads of a register, a dump or
    a reallocation.

    SQLAlchemy still builds and binds the statement; only the rows skip its Row objects, which
    cost more than the query itself. The columns read this way need no conversion (no Date: the
    callers read dates as text with `type_coerce`)."""
    connection = session.connection()
    compiled = statement.compile(dialect=connection.dialect, compile_kwargs={"render_postcompile": True})
    params: Any = compiled.construct_params()
    if connection.dialect.name == "sqlite":  # as SQLAlchemy's Date stores a date there: ISO text
        params = {name: v.isoformat() if isinstance(v, dt.date) else v for name, v in params.items()}
    if compiled.positional:
        params = [params[name] for name in compiled.positiontup or ()]
    driver = connection.connection.dbapi_connection
    # On PostgreSQL a named (server-side) cursor, so that the rows come as they are read rather
    # than all at once into memory; sqlite3 steps through its rows anyway.
    postgres = connection.dialect.name == "postgresql"
    cursor = driver.cursor(name=f"ledger_rows_{id(compiled)}") if postgres else driver.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(str(compiled), params)
        while chunk := cursor.fetchmany(5000):
            yield from chunk
    finally:
        cursor.close()


def transfer_lists(session: Session, statement: Select | None = None) -> tuple[dict[int, list[str]], ...]:
    """The terms, intermediaries and sources of the transfers `statement` selects (else of every
    transfer) from their links, each as {id: [items]} in the order given (a term with its count as
    `term:count`): joined with `;` (`list_text`), what `link_texts` stores on each transfer.

    The lists are fetched for the same selection, as a subquery (a million ids would not fit in an
    IN list)."""
    ids = None if statement is None else statement.with_only_columns(m.Transfer.id).order_by(None).scalar_subquery()

    def linked(link: Any, target_id: Any, key: Any, *more: Any) -> Select:
        query = select(link.transfer_id, key, *more).join(key.class_, key.class_.id == target_id)
        if ids is not None:
            query = query.where(link.transfer_id.in_(ids))
        return query.order_by(link.transfer_id, link.position)

    terms: dict[int, list[str]] = defaultdict(list)
    for transfer_id, term, count in driver_rows(session, linked(m.Allocation, m.Allocation.term_id, m.Term.key,
                                                                 m.Allocation.count)):  # fmt: skip
        terms[transfer_id].append(term_item(term, count))
    return (
        terms,
        grouped(session, linked(m.TransferIntermediary, m.TransferIntermediary.party_id, m.Party.code)),
        grouped(session, linked(m.TransferSource, m.TransferSource.source_id, m.Source.key)),
    )


def linked_transfers(session: Session, statement: Select) -> Iterator[tuple[tuple[Any, ...], list[list[str]]]]:
    """Each row of `statement` (transfers, the id first, in order of id) with the transfer's terms,
    intermediaries and sources from its links, as `transfer_lists` gives them: every transfer of
    the ledger read in one pass, its links read beside it in the same order, so that memory does
    not grow with the ledger (`ledger check` and `ledger verify`)."""

    def linked(link: Any, target_id: Any, key: Any, *more: Any) -> Iterator[tuple[Any, ...]]:
        query = select(link.transfer_id, key, *more).join(key.class_, key.class_.id == target_id)
        return driver_rows(session, query.order_by(link.transfer_id, link.position))

    streams = [
        linked(m.Allocation, m.Allocation.term_id, m.Term.key, m.Allocation.count),
        linked(m.TransferIntermediary, m.TransferIntermediary.party_id, m.Party.code),
        linked(m.TransferSource, m.TransferSource.source_id, m.Source.key),
    ]
    heads: list[Any] = [next(stream, None) for stream in streams]
    for row in driver_rows(session, statement):
        id, lists = row[0], []
        for i, stream in enumerate(streams):
            head, items = heads[i], []
            while head is not None and head[0] < id:  # the links of a transfer the statement leaves out
                head = next(stream, None)
            while head is not None and head[0] == id:
                items.append(term_item(head[1], head[2]) if i == 0 else head[1])
                head = next(stream, None)
            heads[i] = head
            lists.append(items)
        yield row, lists
