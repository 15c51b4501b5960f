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


def cell_text(value: Any) -> str:
    """A cell as the terminal, Markdown and the page show it: thousands separators, one decimal."""
    value = _plain(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.1f}"
    return render.cell(value)


def to_table(report: Report, width: int = 80) -> str:
    parts = [report.title, ""]
    frame = report.frame if report.view is None else report.view
    rows = [{k: cell_text(v) for k, v in row.items()} for row in records(frame)]
    parts.append(render.table(rows, list(frame.columns), width) if rows else "(nothing)")
    for title, block in [*(report.view_blocks if report.view is not None else []), *report.blocks]:
        block_rows = [{k: cell_text(v) for k, v in row.items()} for row in records(block)]
        parts += ["", title, render.table(block_rows, list(block.columns), width)]
    return "\n".join(parts) + "\n"


def to_markdown(report: Report) -> str:
    def table(frame: pd.DataFrame) -> list[str]:
        columns = list(frame.columns)
        lines = ["| " + " | ".join(columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
        for row in records(frame):
            lines.append("| " + " | ".join(cell_text(row[c]).replace("|", "\\|") for c in columns) + " |")
        return lines

    parts = [f"## {report.title}", "", *table(report.frame)]
    for title, block in report.blocks:
        parts += ["", f"### {title}", "", *table(block)]
    return "\n".join(parts) + "\n"


def to_csv(report: Report, *, excel: bool = False, hxl: bool = False) -> str:
    """The report's rows as CSV; `hxl`: with the HXL hashtag row (see `ledger.hxl`)."""
    out = io.StringIO()
    rows = ((_plain(v) for v in row) for row in report.frame.astype(object).itertuples(index=False, name=None))
    write_cells(out, list(report.frame.columns), rows, excel=excel, hxl_of=report.name if hxl else "")
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
        self.wrap = book.add_format({"text_wrap": True, "valign": "top"})

    def add(self, name: str) -> Any:
        """A new sheet, printed landscape and fitted to the width of a page, its header on each page."""
        sheet = self.book.add_worksheet(name)
        sheet.set_landscape()
        sheet.fit_to_pages(1, 0)
        sheet.repeat_rows(0)
        return sheet

    def chart(self, name: str, chart: Any) -> None:
        """A chart on a sheet of its own: printed landscape on one page, never cut across two."""
        sheet = self.book.add_chartsheet(name)
        sheet.set_chart(chart)
        sheet.set_landscape()
        sheet.fit_to_pages(1, 1)

    def write(self, name: str, frame: pd.DataFrame) -> Any:
        """One table on a sheet of its own, so that each column holds one kind of value and its width
        fits every cell in it."""
        sheet = self.add(name)
        self.table(sheet, frame, 0, True)
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
        """Write one value as its kind of cell; the width of its text (as `cell_text` gives it)."""
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
        return len(cell_text(value))


@dataclass
class Streamed:
    """A sheet written row by row as the database gives its rows: the register or the timeline of
    a ledger too big to hold as a frame. Values are what `_Sheets.cell` writes."""

    name: str
    columns: Sequence[str]
    rows: Iterable[Sequence[Any]]
    title: str = ""


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


def _sheet_name(title: str) -> str:
    """A block's title as the name of its sheet: `Reciprocity per term (…)` → `Reciprocity per term`."""
    return title.split(" (")[0][:31]  # Excel's limit


def _report_sheet(sheets: _Sheets, report: Report | Streamed) -> list[tuple[str, str]]:
    """Each table of a report on a sheet of its own (its rows, as `report.sheets` splits them, then
    each block); the name and title of each sheet."""
    if isinstance(report, Streamed):
        sheets.rows(sheets.add(report.name), report.columns, report.rows, 0, True)
        return [(report.name, report.title)]
    tables = report.sheets or [(report.name.capitalize(), report.title, report.frame)]
    tables = [*tables, *((_sheet_name(title), title, block) for title, block in report.blocks)]
    for name, _, frame in tables:
        sheets.write(name, frame)
    return [(name, title) for name, title, _ in tables]


def write_workbook(
    reports: Sequence[Report | Streamed], path: Path, about: dict[str, str], returns: pd.DataFrame
) -> None:
    """Every report as sheets, native charts, and an About sheet that lists the sheets.

    In xlsxwriter's constant-memory mode: each row goes to disk once written, so the register of
    a big ledger does not sit in memory twice (as rows and as cells)."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheets = _Sheets(book)
    listed = [named for report in reports for named in _report_sheet(sheets, report)]
    listed += _returns_chart(book, sheets, returns)
    fulfilment = next((r for r in reports if isinstance(r, Report) and r.name == "fulfilment"), None)
    if fulfilment is not None:
        listed += _fulfilment_chart(book, sheets, fulfilment)
    info = sheets.add("About")
    info.set_column(0, 0, 18)
    info.set_column(1, 1, 100)
    about = {**about, "Sheets": "\n".join(f"{name}: {title}" if title else name for name, title in listed)}
    for row, (key, value) in enumerate(about.items()):
        info.write_string(row, 0, key, sheets.header)
        info.write_string(row, 1, value, sheets.wrap)
    book.close()


def _returns_chart(book: Any, sheets: _Sheets, returns: pd.DataFrame) -> list[tuple[str, str]]:
    """Cumulative returns to each side, living people and remains as lines of their own (never
    added), with a grey column and the round's name for each round."""
    if returns.empty:
        return []
    from xlsxwriter.utility import xl_rowcol_to_cell

    marked = returns["round"].notna() if "round" in returns.columns else pd.Series(False, index=returns.index)
    lines = [c for c in returns.columns if c not in ("date", "round")]
    top = int(returns[lines].to_numpy().max()) if lines else 0
    # The heights of the grey columns that mark the rounds: up to the highest line.
    table = returns.assign(**{"round (chart marker)": [top if m else None for m in marked]})
    sheet = sheets.write("Returns", table)
    marker = len(table.columns) - 1
    sheet.set_column(marker, marker, None, None, {"hidden": True})
    chart = book.add_chart({"type": "line"})
    last = len(table)
    categories = ["Returns", 1, 0, last, 0]
    for col, line in enumerate(table.columns):
        if line not in lines:
            continue
        chart.add_series({
            "name": ["Returns", 0, col], "categories": categories, "values": ["Returns", 1, col, last, col],
            "line": {"dash_type": "dash" if line.startswith("remains") else "solid", "width": 2},
        })  # fmt: skip
    if marked.any():
        label = list(table.columns).index("round")
        rounds = book.add_chart({"type": "column"})
        rounds.add_series({
            "name": "rounds", "categories": categories, "values": ["Returns", 1, marker, last, marker],
            "gap": 500, "fill": {"color": "#999999"},
            "data_labels": {
                "value": True, "position": "inside_base", "font": {"rotation": -90, "size": 8, "color": "#555555"},
                "custom": [{"value": "=Returns!" + xl_rowcol_to_cell(row + 1, label, True, True)} if m
                           else {"delete": True} for row, m in enumerate(marked)],
            },
        })  # fmt: skip
        chart.combine(rounds)
    # A few days' margin either side, so that a round on the first or last date is not on the axis.
    first, end = min(returns["date"]), max(returns["date"])
    margin = dt.timedelta(days=max(3, (end - first).days // 40))
    chart.set_title({"name": "Returned to each side (cumulative), living people and remains apart; rounds marked"})
    chart.set_x_axis({
        "date_axis": True, "num_format": "d mmm yyyy", "name": "date",
        "min": dt.datetime.combine(first - margin, dt.time()), "max": dt.datetime.combine(end + margin, dt.time()),
    })  # fmt: skip
    chart.set_y_axis({"num_format": "#,##0", "name": "people or remains returned (cumulative)"})
    chart.set_legend({"position": "bottom"})
    sheets.chart("Returns chart", chart)
    return [("Returns", "returned to each side by date, cumulative"), ("Returns chart", "the same as a chart")]


def _fulfilment_chart(book: Any, sheets: _Sheets, report: Report) -> list[tuple[str, str]]:
    """Committed against delivered for each obligation with a number (an `all` has none)."""
    measured = committed_against_delivered(report)
    if measured.empty:
        return []
    sheets.write("Committed vs delivered", measured)
    chart = book.add_chart({"type": "bar"})
    last = len(measured)
    for col, name in ((1, "committed"), (2, "delivered")):
        chart.add_series({
            "name": name, "categories": ["Committed vs delivered", 1, 0, last, 0],
            "values": ["Committed vs delivered", 1, col, last, col],
        })  # fmt: skip
    chart.set_title({"name": "Committed against delivered, per obligation"})
    chart.set_x_axis({"num_format": "#,##0", "name": "people or remains (each obligation on its own)"})
    chart.set_y_axis({"reverse": True, "name": "obligation (term, deliverer→receiver)"})
    sheets.chart("Committed vs delivered chart", chart)
    return [
        ("Committed vs delivered", "each obligation with a number"),
        ("Committed vs delivered chart", "the same as a chart"),
    ]


def committed_against_delivered(report: Report) -> pd.DataFrame:
    frame = report.frame
    measured = frame[frame["committed"].notna()]
    return pd.DataFrame({
        "obligation": measured["term"] + " " + measured["deliverer"] + "→" + measured["receiver"],
        "committed": measured["committed"].astype(int),
        "delivered": measured["delivered"].astype(int),
    }).reset_index(drop=True)  # fmt: skip
