"""A report's rows as a DataFrame with real dtypes, for analysis (`Ledger.report`).

The terminal, CSV, JSON and Excel views print `Report.frame` as it is; an analyst gets its
columns typed instead: counts as `Int64`, percentages and spreads as `Float64`, dates as
`datetime64` with a `<column>_precision` column (`day` or `month`: a month date stands at the
first of its month), lists joined by `;` as in a data package, and codes and text as `string`.
An undisclosed count is missing (`<NA>`) in `count`, and `True` in the `undisclosed` column
beside it; nothing in a column is a Python object.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ledger import domain
from ledger.domain import PartialDate
from ledger.reports.report import Report

COUNTS = ("committed", "delivered", "undisclosed", "outstanding", "excess", "score", "running_total", "values",
          "transfers", "count", "days_left")  # fmt: skip
FLAGS = ("overdue",)
FRACTIONS = ("fulfilled_pct", "spread")
DATES = ("date", "first_transfer", "last_transfer", "due")
LISTS = ("terms", "intermediaries", "sources")


def typed(report: Report) -> pd.DataFrame:
    """The rows of `report` (what its CSV holds), each column of one real dtype."""
    frame = report.frame
    columns: dict[str, Any] = {}
    for name in frame.columns:
        values = list(frame[name])
        if name in DATES:
            columns[name] = pd.Series(
                pd.to_datetime([_day(v) for v in values]), dtype="datetime64[ns]", index=frame.index
            )
            precision = [v.precision if isinstance(v, PartialDate) else None for v in values]
            columns[f"{name}_precision"] = pd.Series(precision, dtype="string", index=frame.index)
        elif name == "count":
            columns[name] = pd.Series([None if _missing(v) else v for v in values], dtype="Int64", index=frame.index)
            if "undisclosed" not in frame.columns:
                told = [None if v is None else v == domain.UNDISCLOSED for v in values]
                columns["undisclosed"] = pd.Series(told, dtype="boolean", index=frame.index)
        elif name in COUNTS:
            columns[name] = pd.Series([None if _missing(v) else v for v in values], dtype="Int64", index=frame.index)
        elif name in FLAGS:
            columns[name] = pd.Series([None if _missing(v) else bool(v) for v in values], dtype="boolean",
                                      index=frame.index)  # fmt: skip
        elif name in FRACTIONS:
            columns[name] = pd.Series([None if _missing(v) else v for v in values], dtype="Float64", index=frame.index)
        elif name in LISTS:
            joined = [";".join(v) or None if isinstance(v, list) else v for v in values]
            columns[name] = pd.Series(joined, dtype="string", index=frame.index)
        else:
            columns[name] = pd.Series([_text(v) for v in values], dtype="string", index=frame.index)
    return pd.DataFrame(columns, index=frame.index).reset_index(drop=True)


def _day(value: Any) -> Any:
    return value.first if isinstance(value, PartialDate) else None if _missing(value) else value


def _missing(value: Any) -> bool:
    return value is None or value == domain.UNDISCLOSED or (isinstance(value, float) and pd.isna(value))


def _text(value: Any) -> Any:
    return None if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
