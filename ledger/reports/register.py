"""The register of transfers, streamed: a million rows to CSV without pandas or a dict per row.

`ledger report register --format csv` writes straight from the database cursor; the other
formats (and the workbook) build their frame from the same rows.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, Any

from sqlalchemy.orm import Session

from ledger import hxl, queries, render
from ledger.render import FORMULA_STARTS, neutralise
from ledger.reports.filters import Filters, transfer_filters

REGISTER_COLUMNS = [
    "key", "date", "deliverer", "receiver", "category", "count", "running_total", "terms", "exchange",
    "intermediaries", "location", "sources", "notes",
]  # fmt: skip
FREE_TEXT = (REGISTER_COLUMNS.index("location"), REGISTER_COLUMNS.index("notes"))  # the only cells a user writes


def register_rows(session: Session, f: Filters, *, typed: bool = False) -> Iterator[tuple[Any, ...]]:
    """Each transfer in date order as package cells, with the running total (an int) after its count;
    `typed`: its date and count as values (see `queries.transfer_cells`)."""
    return queries.transfer_cells(session, running_total=True, typed=typed, **transfer_filters(f))


def csv_writer(handle: IO[str], *, excel: bool = False) -> Any:
    """A CSV writer as every report uses; for Excel, a byte-order mark first and CRLF lines."""
    if excel:
        handle.write("\ufeff")  # so that Excel reads UTF-8 (Cyrillic, Turkish) correctly
    return csv.writer(handle, lineterminator="\r\n" if excel else "\n")


def write_cells(
    handle: IO[str], columns: Sequence[str], rows: Iterable[Iterable[Any]], *, excel: bool = False, hxl_of: str = ""
) -> None:
    """Rows of values as CSV, as every report but the register writes them: a header, then each
    value as the text of its package cell, a formula neutralised. With `hxl_of` (the report's
    name), the HXL hashtag row under the header, and no column that could name individuals."""
    writer = csv_writer(handle, excel=excel)
    if hxl_of:
        columns, row_tags, rows = hxl.tagged(columns, rows, hxl_of)
        writer.writerow(columns)
        writer.writerow(row_tags)
    else:
        writer.writerow(columns)
    writer.writerows([render.cell(neutralise(value)) for value in row] for row in rows)


def write_csv(session: Session, f: Filters, handle: IO[str], *, excel: bool = False, hxl: bool = False) -> None:
    """The register as CSV, as `ledger.reports.output.to_csv` writes every report (`hxl`: tagged,
    as `write_cells` writes it)."""
    f.known(session)
    if hxl:
        write_cells(handle, REGISTER_COLUMNS, register_rows(session, f), excel=excel, hxl_of="register")
        return
    writer = csv_writer(handle, excel=excel)
    writer.writerow(REGISTER_COLUMNS)
    location, notes = FREE_TEXT
    writer.writerows(
        tuple(neutralise(c) if i in FREE_TEXT else c for i, c in enumerate(row))
        if row[location].startswith(FORMULA_STARTS) or row[notes].startswith(FORMULA_STARTS)
        else row
        for row in register_rows(session, f)
    )
