"""Rows to text: a terminal table, CSV, JSON, or one record as `field: value` lines.

The one place that decides how a value is written: lists joined with `;` (as in the data
package), dates in ISO form (`2025-06` for a month), nothing for an unknown value.

>>> print(table([{"code": "UKR", "name": "Ukraine"}], ("code", "name")))
code  name
----  -------
UKR   Ukraine
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ledger import encoding, hxl
from ledger.domain import PartialDate

ELLIPSIS = "…"
MIN_WIDTH = 4
# Shorter headings in a terminal table, the words of the --from and --to options.
TABLE_LABELS = {"deliverer": "from", "receiver": "to"}
# How a cell starts that a spreadsheet would run as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> str:
    """A value as shown: as its package cell holds it (`encoding.cell`), the one place that decides."""
    return encoding.cell(value)


def neutralise(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula, with an apostrophe before it."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _json_value(value: Any) -> Any:
    if isinstance(value, (PartialDate, dt.date)):
        return cell(value)
    if isinstance(value, (list, tuple)):
        return [_json_value(item) for item in value]
    if isinstance(value, Mapping):
        return {key: _json_value(item) for key, item in value.items()}
    return value


def to_csv(rows: Iterable[Mapping[str, Any]], columns: Sequence[str], *, hxl_of: str = "") -> str:
    """Rows as CSV for a spreadsheet, a formula neutralised (a dump writes its cells raw instead).
    With `hxl_of` (the kind of record listed), the HXL hashtag row under the header, and no
    column that could name individuals (`ledger.hxl`)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    names = list(columns)  # the rows' values are read by every column, the personal ones too
    cells: Iterable[Sequence[Any]] = ([row.get(column) for column in names] for row in rows)
    if hxl_of:
        columns, row_tags, cells = hxl.tagged(names, cells, hxl_of)
        writer.writerow(columns)
        writer.writerow(row_tags)
    else:
        writer.writerow(columns)
    for values in cells:
        writer.writerow([_csv_cell(value) for value in values])
    return out.getvalue()


def _csv_cell(value: Any) -> str:
    text = cell(value)
    return text if isinstance(value, (int, float)) else neutralise(text)  # a list as its joined text


def to_json(rows: Iterable[Mapping[str, Any]], columns: Sequence[str] | None = None) -> str:
    records = [{column: _json_value(row.get(column)) for column in (columns or row.keys())} for row in rows]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def to_json_record(row: Mapping[str, Any]) -> str:
    return json.dumps(_json_value(row), ensure_ascii=False, indent=2) + "\n"


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())  # a note's line breaks would break the table
    return text if len(text) <= width else text[: width - 1] + ELLIPSIS


def table(rows: Sequence[Mapping[str, Any]], columns: Sequence[str], width: int = 80) -> str:
    """Aligned columns that fit `width`, clipping long values with an ellipsis."""
    labels = [TABLE_LABELS.get(column, column) for column in columns]
    cells = [[_clip(cell(row.get(column)), 10_000) for column in columns] for row in rows]
    widths = [max([len(label)] + [len(line[i]) for line in cells]) for i, label in enumerate(labels)]
    gaps = 2 * (len(columns) - 1)
    # Clip from the right, where the less important columns are, down to a floor that keeps
    # headings whole; the first column, the record's key, goes last.
    floors = [max(len(label), 8) for label in labels]
    excess = sum(widths) + gaps - width
    for i in range(len(widths) - 1, -1, -1):
        if excess <= 0:
            break
        cut = min(excess, max(widths[i] - floors[i], 0))
        widths[i] -= cut
        excess -= cut
    while excess > 0 and max(widths) > MIN_WIDTH:
        widths[widths.index(max(widths))] -= 1
        excess -= 1
    lines = [[_clip(label, widths[i]) for i, label in enumerate(labels)]]
    lines.append(["-" * w for w in widths])
    lines += [[_clip(value, widths[i]) for i, value in enumerate(line)] for line in cells]
    return "\n".join("  ".join(value.ljust(widths[i]) for i, value in enumerate(line)).rstrip() for line in lines)


def record(row: Mapping[str, Any]) -> str:
    """One record, a field a line; a list of sub-records (a term's obligations) indented."""
    lines = []
    label_width = max(len(key) for key in row)
    for key, value in row.items():
        if value and isinstance(value, list) and isinstance(value[0], Mapping):
            lines.append(f"{key}:")
            lines += ["  " + "  ".join(f"{k}={cell(v)}" for k, v in item.items()) for item in value]
        else:
            shown = ("yes" if value else "no") if isinstance(value, bool) else cell(value)  # a category's builtin
            lines.append(f"{key + ':':<{label_width + 1}} {shown}".rstrip())
    return "\n".join(lines)
