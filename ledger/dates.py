"""Dates as the ledger stores them, read in one place.

A date is stored as two columns: the day (a month-dated record holds the first of its month) and
its precision, `day` or `month`. SQL gives the day as a `date` (PostgreSQL, or SQLite through the
ORM) or as its ISO text (SQLite's driver rows). A period's `since` takes a month-dated record
whose month it starts within: the record may stand for any day of that month.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import and_, or_

from ledger.domain import PartialDate


def as_date(value: Any) -> dt.date:
    """A date as SQL gives it: a date (PostgreSQL) or its ISO text (SQLite)."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def stored(value: Any, precision: str | None) -> PartialDate | None:
    """A stored day and its precision as a `PartialDate`; None when there is no date.

    >>> str(stored("2025-06-01", "month")), str(stored(dt.date(2025, 6, 12), "day")), stored(None, None)
    ('2025-06', '2025-06-12', None)
    """
    return None if value is None else PartialDate(as_date(value), precision or "day")  # type: ignore[arg-type]


class StoredDates(dict):
    """{(day as stored, precision): PartialDate}, each read once: a million rows hold a few
    thousand dates (SQLite gives its text, PostgreSQL a date)."""

    def __missing__(self, key: tuple[Any, str]) -> PartialDate:
        day, precision = key
        date = self[key] = stored(day, precision)
        return date  # type: ignore[return-value]


def days(value: Any, precision: str) -> tuple[dt.date, dt.date]:
    """The first and the last day a stored date may stand for.

    >>> days("2025-02-01", "month")
    (datetime.date(2025, 2, 1), datetime.date(2025, 2, 28))
    """
    first = as_date(value)
    return first, PartialDate(first, precision).last  # type: ignore[arg-type]


def on_or_after(column: Any, precision: Any, since: dt.date) -> Any:
    """The SQL condition that a date (its day and precision columns) is not before `since`: a
    month-dated record overlaps a period that starts within its month."""
    return or_(column >= since, and_(precision == "month", column >= since.replace(day=1)))
