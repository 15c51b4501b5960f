"""Dumping a ledger: every live record as the text of its package file's cells (`ledger.package`
writes them), the rows `ledger.queries` reads, in the package's stable order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine

from ledger import db, encoding, queries
from ledger.entities import ENTITIES
from ledger.package import OPTIONAL, columns


@contextmanager
def dump_tables(engine: Engine) -> Iterator[dict[str, Iterable[tuple[Any, ...]]]]:
    """Every live record as the cells of its package file, in the package's stable order.

    The transfers are streamed from the database while the tables are written, inside this block.
    Records that come with the schema (the built-in categories) are not written, and a file that
    would hold nothing else (`OPTIONAL`) is left out.
    """
    with db.reading(engine) as session:
        tables: dict[str, Iterable[tuple[Any, ...]]] = {}
        for entity, spec in ENTITIES.items():
            if entity == "transfer":
                continue
            rows = queries.rows(session, entity, **spec.recorded)
            if rows or entity not in OPTIONAL:
                tables[entity] = [tuple(encoding.cell(row.get(name)) for name in columns(entity)) for row in rows]
        transfers = queries.transfer_cells(session)
        tables["transfer"] = transfers
        try:
            yield tables
        finally:  # a dump that stops early (refused) closes the stream while the session is open
            transfers.close()
