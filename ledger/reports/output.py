"""Writing reports: terminal table, CSV, JSON, Markdown, and Excel (one sheet, or the workbook).

Text that a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage
return) is neutralised in CSV and Excel: prefixed with an apostrophe in CSV, and always written
as a string cell in Excel. Numbers stay numbers.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ledger import render
from ledger.domain import PartialDate
from ledger.reports.frames import Report
from ledger.reports.register import write_cells


def _plain(value: Any) -> Any:
    """A cell as a Python value: None for missing, int for whole numbers."""
    if value is None:
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return value
    if value is pd.NA or value is pd.NaT:
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        return value.item()
    return value


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{k: _plain(v) for k, v in row.items()} for row in frame.astype(object).to_dict("records")]


def _text(value: Any) -> str:
    value = _plain(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.1f}"
    return render.cell(value)


def to_table(report: Report, width: int = 80) -> str:
    parts = [report.title, ""]
    frame = report.frame if report.view is None else report.view
    rows = [{k: _text(v) for k, v in row.items()} for row in records(frame)]
    parts.append(render.table(rows, list(frame.columns), width) if rows else "(nothing)")
    for title, block in [*(report.view_blocks if report.view is not None else []), *report.blocks]:
        block_rows = [{k: _text(v) for k, v in row.items()} for row in records(block)]
        parts += ["", title, render.table(block_rows, list(block.columns), width)]
    return "\n".join(parts) + "\n"


def to_markdown(report: Report) -> str:
    def table(frame: pd.DataFrame) -> list[str]:
        columns = list(frame.columns)
        lines = ["| " + " | ".join(columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
        for row in records(frame):
            lines.append("| " + " | ".join(_text(row[c]).replace("|", "\\|") for c in columns) + " |")
        return lines

    parts = [f"## {report.title}", "", *table(report.frame)]
    for title, block in report.blocks:
        parts += ["", f"### {title}", "", *table(block)]
    return "\n".join(parts) + "\n"


def to_csv(report: Report, *, excel: bool = False) -> str:
    out = io.StringIO()
    rows = ((_plain(v) for v in row) for row in report.frame.astype(object).itertuples(index=False, name=None))
    write_cells(out, report.frame.columns, rows, excel=excel)
    return out.getvalue()


def _json(value: Any) -> Any:
    value = _plain(value)
    if isinstance(value, (PartialDate, dt.date)):
        return render.cell(value)
    return value


def to_json(report: Report) -> str:
    rows = [{k: _json(v) for k, v in row.items()} for row in records(report.frame)]
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


# Excel


class _Sheets:
    """Formats shared by every sheet of one workbook."""

    def __init__(self, book: Any) -> None:
        self.book = book
        self.header = book.add_format({"bold": True, "bottom": 1, "text_wrap": False})
        self.integer = book.add_format({"num_format": "#,##0"})
        self.decimal = book.add_format({"num_format": "#,##0.0"})
        self.day = book.add_format({"num_format": "yyyy-mm-dd"})
        self.month = book.add_format({"num_format": "yyyy-mm"})
        self.title = book.add_format({"bold": True, "font_size": 13})

    def write(self, name: str, frame: pd.DataFrame, *, start: int = 0, filters: bool = True) -> Any:
        sheet = self.book.get_worksheet_by_name(name) or self.book.add_worksheet(name)
        self.table(sheet, frame, start, filters)
        return sheet

    def table(self, sheet: Any, frame: pd.DataFrame, start: int, filters: bool) -> int:
        columns = list(frame.columns)
        return self.rows(sheet, columns, ([row[c] for c in columns] for row in records(frame)), start, filters)

    def rows(self, sheet: Any, columns: Sequence[str], rows: Iterable[Sequence[Any]], start: int, filters: bool) -> int:
        """A header and its rows, written as they come (a big sheet is never held); the next free row."""
        widths = [len(str(c)) for c in columns]
        for col, name in enumerate(columns):
            sheet.write_string(start, col, str(name), self.header)
        last, write = start, self.cell
        for last, row in enumerate(rows, start=start + 1):
            for col, value in enumerate(row):
                if value is not None:
                    width = write(sheet, last, col, value)
                    if width > widths[col]:
                        widths[col] = width
        for col, width in enumerate(widths):
            sheet.set_column(col, col, min(max(width + 2, 6), 60))
        if start == 0:
            sheet.freeze_panes(1, 0)
        if filters and columns:
            sheet.autofilter(start, 0, last, len(columns) - 1)
        return last + 1

    def cell(self, sheet: Any, row: int, col: int, value: Any) -> int:
        """Write one value as its kind of cell; the width of its text (as `_text` gives it)."""
        kind = type(value)
        if kind is str:
            # A string cell, never a formula: text starting with = stays text.
            sheet.write_string(row, col, value)
            return len(value)
        if kind is int:
            sheet.write_number(row, col, value, self.integer)
            return len(f"{value:,}")
        if kind is PartialDate:
            fmt = self.month if value.precision == "month" else self.day
            sheet.write_datetime(row, col, dt.datetime.combine(value.value, dt.time()), fmt)
            return 7 if value.precision == "month" else 10
        if kind is bool:
            sheet.write_boolean(row, col, value)
        elif isinstance(value, int):
            sheet.write_number(row, col, value, self.integer)
        elif isinstance(value, float):
            sheet.write_number(row, col, value, self.decimal)
        elif isinstance(value, dt.date):
            sheet.write_datetime(row, col, dt.datetime.combine(value, dt.time()), self.day)
        else:
            sheet.write_string(row, col, render.cell(value))
        return len(_text(value))


@dataclass
class Streamed:
    """A sheet written row by row as the database gives its rows: the register or the timeline of
    a ledger too big to hold as a frame. Values are what `_Sheets.cell` writes."""

    name: str
    columns: Sequence[str]
    rows: Iterable[Sequence[Any]]


def write_sheet(report: Report, path: Path) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    sheets = _Sheets(book)
    _report_sheet(sheets, report)
    book.close()


def register_values(session: Any, f: Any) -> Iterator[tuple[Any, ...]]:
    """The register's rows as the values its sheet holds: dates, numbers, and text (None if empty)."""
    from ledger.reports.register import register_rows

    for row in register_rows(session, f, typed=True):
        yield (*row[:7], *(c or None for c in row[7:]))


def timeline_values(session: Any, f: Any) -> Iterator[list[Any]]:
    from ledger.reports.frames import TIMELINE_COLUMNS, timeline_events

    for event in timeline_events(session, f):
        yield [event[name] for name in TIMELINE_COLUMNS]


def _report_sheet(sheets: _Sheets, report: Report | Streamed) -> Any:
    if isinstance(report, Streamed):
        sheet = sheets.book.add_worksheet(report.name)
        sheets.rows(sheet, report.columns, report.rows, 0, True)
        return sheet
    sheet = sheets.write(report.name.capitalize(), report.frame)
    row = len(report.frame) + 3
    for title, block in report.blocks:
        sheet.write_string(row, 0, title, sheets.title)
        row = sheets.table(sheet, block, row + 1, filters=False) + 2
    return sheet


def write_workbook(
    reports: Sequence[Report | Streamed], path: Path, about: dict[str, str], returns: pd.DataFrame
) -> None:
    """Every report as a sheet, native charts, and an About sheet.

    In xlsxwriter's constant-memory mode: each row goes to disk once written, so the register of
    a big ledger does not sit in memory twice (as rows and as cells)."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheets = _Sheets(book)
    for report in reports:
        _report_sheet(sheets, report)
    _returns_chart(book, sheets, returns)
    fulfilment = next((r for r in reports if isinstance(r, Report) and r.name == "fulfilment"), None)
    if fulfilment is not None:
        _fulfilment_chart(book, sheets, fulfilment)
    info = book.add_worksheet("About")
    info.set_column(0, 0, 18)
    info.set_column(1, 1, 80)
    for row, (key, value) in enumerate(about.items()):
        info.write_string(row, 0, key, sheets.header)
        info.write_string(row, 1, value)
    book.close()


def _returns_chart(book: Any, sheets: _Sheets, returns: pd.DataFrame) -> None:
    """Cumulative people returned to each side, with the rounds marked."""
    if returns.empty:
        return
    sheet = sheets.write("Returns", returns)
    chart = book.add_chart({"type": "line"})
    last = len(returns)
    sides = [c for c in returns.columns if c not in ("date", "round")]
    for col, side in enumerate(returns.columns):
        if side not in sides:
            continue
        chart.add_series({
            "name": ["Returns", 0, col],
            "categories": ["Returns", 1, 0, last, 0],
            "values": ["Returns", 1, col, last, col],
        })  # fmt: skip
    if "round" in returns.columns:
        col = list(returns.columns).index("round")
        rounds = book.add_chart({"type": "column"})
        rounds.add_series({
            "name": "rounds", "categories": ["Returns", 1, 0, last, 0], "values": ["Returns", 1, col, last, col],
            "gap": 500, "fill": {"color": "#999999"},
        })  # fmt: skip
        chart.combine(rounds)
    chart.set_title({"name": "People returned to each side (cumulative), rounds marked"})
    chart.set_x_axis({"date_axis": True, "num_format": "yyyy-mm-dd"})
    chart.set_y_axis({"num_format": "#,##0"})
    chart.set_size({"width": 900, "height": 420})
    sheet.insert_chart(1, len(returns.columns) + 1, chart)


def _fulfilment_chart(book: Any, sheets: _Sheets, report: Report) -> None:
    """Committed against delivered for each obligation with a number (an `all` has none)."""
    measured = committed_against_delivered(report)
    if measured.empty:
        return
    sheet = sheets.write("Committed vs delivered", measured)
    chart = book.add_chart({"type": "bar"})
    last = len(measured)
    for col, name in ((1, "committed"), (2, "delivered")):
        chart.add_series({
            "name": name, "categories": ["Committed vs delivered", 1, 0, last, 0],
            "values": ["Committed vs delivered", 1, col, last, col],
        })  # fmt: skip
    chart.set_title({"name": "Committed against delivered, per obligation"})
    chart.set_x_axis({"num_format": "#,##0"})
    chart.set_y_axis({"reverse": True})
    chart.set_size({"width": 900, "height": max(320, 28 * last)})
    sheet.insert_chart(1, 4, chart)


def committed_against_delivered(report: Report) -> pd.DataFrame:
    frame = report.frame
    measured = frame[frame["committed"].notna()]
    return pd.DataFrame({
        "obligation": measured["term"] + " " + measured["deliverer"] + "→" + measured["receiver"],
        "committed": measured["committed"].astype(int),
        "delivered": measured["delivered"].astype(int),
    }).reset_index(drop=True)  # fmt: skip
