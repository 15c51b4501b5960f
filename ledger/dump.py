"""Dumping a ledger: every live record as the text of its package file's cells, the rows
`ledger.queries` reads, in the package's stable order (`dump_tables`), written as a package by
`ledger.package` (`write`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from ledger import db, encoding, package, queries
from ledger.entities import ENTITIES
from ledger.errors import InvalidInput, LedgerError, Parameter, Said, message_of
from ledger.package import OPTIONAL, columns
from ledger.rules import Problem


@dataclass(frozen=True)
class Dumped:
    """What a dump wrote: where (the folder, or the workbook; None if only the Datasette metadata),
    as what, how many files or sheets and how many rows in all; and the Datasette metadata's file,
    if any, with the name Datasette gives the database."""

    path: Path | None
    fmt: str | None
    tables: int
    rows: int
    metadata: Path | None = None
    database: str | None = None


def check_request(path: Path | None, fmt: str | None, metadata: Path | None, licensed: bool) -> None:
    """Refuse a dump that cannot be written as asked, before anything is: nothing to write, a
    format with no package, a licence with nowhere to state it (a workbook has no descriptor), or
    the Datasette metadata inside the CSV package's folder (it would replace the package's file)."""
    csv = path is not None and format_of(path, fmt) == "csv"
    if licensed and not (csv or metadata is not None):
        raise LedgerError(Said(Parameter("licence"), " goes into a CSV package's datapackage.json or Datasette "
                               "metadata: give ", Parameter("datasette_metadata", "FILE"), " too"))  # fmt: skip
    if path is None and metadata is None:
        raise LedgerError(Said("give the ", Parameter("path"), " to dump to, ",
                               Parameter("datasette_metadata", "FILE"), ", or both"))  # fmt: skip
    if path is None and fmt is not None:
        raise LedgerError(Said(Parameter("fmt"), " is the dump's: give its ", Parameter("path"), " too"))
    if csv and metadata is not None and path is not None and metadata.resolve().parent == path.resolve():
        raise LedgerError(Said(Parameter("datasette_metadata", "FILE"), f": {metadata} is inside the package "
                               f"folder {path}; write it elsewhere"))  # fmt: skip


def format_of(path: Path, fmt: str | None) -> str | None:
    """The format a dump to `path` is written in: `fmt`, else xlsx for a path ending .xlsx, else csv."""
    return fmt or ("xlsx" if path.suffix.lower() == ".xlsx" else "csv")


def licence_of(name: str | None, url: str | None) -> dict[str, str] | None:
    """A licence as datapackage.json states it: its name and, if given, its address (`path`)."""
    if name is None:
        return None
    return {"name": name.strip(), **({"path": url} if url else {})}


def write(engine: Engine, path: Path, fmt: str | None, licence: dict[str, str] | None = None) -> Dumped:
    """Every live record as a data package at `path`: `csv` (the default, unless `path` ends in
    .xlsx) a folder of one file per entity with `datapackage.json` (stating `licence`, if given);
    `xlsx` one workbook (`path`, or `ledger.xlsx` in the folder `path`)."""
    fmt = format_of(path, fmt)
    if fmt not in ("csv", "xlsx"):
        raise InvalidInput([Problem("format", f"must be csv or xlsx, got {fmt!r}")])
    if fmt == "csv" and path.exists() and not path.is_dir():
        raise LedgerError(f"{path}: is a file; a CSV package is written to a folder")
    with dump_tables(engine) as tables:
        counted = {entity: _Counting(rows) for entity, rows in tables.items()}
        if fmt == "csv":
            package.write_csv(path, counted, licence)
        else:
            path = path / "ledger.xlsx" if path.is_dir() or path.suffix.lower() != ".xlsx" else path
            try:
                package.write_workbook(path, counted)
            except package.PackageError as error:
                raise LedgerError(message_of(error)) from None
    return Dumped(path, fmt, len(tables), sum(c.count for c in counted.values()))


class _Counting:
    """An iterable that counts what has been taken from it."""

    def __init__(self, rows: Any) -> None:
        self.rows, self.count = rows, 0

    def __iter__(self) -> Any:
        for row in self.rows:
            self.count += 1
            yield row


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
