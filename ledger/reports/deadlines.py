"""The deadlines report: the obligations with a deadline and something still outstanding, soonest
first, each with the day it is due, whether it is overdue, and the days left (below zero: the days
it is late), as of `--until` or today.

A deadline is a date or a duration from the round's start (`P42D`, `PT72H`), resolved to the day
it falls on (`fulfilment.due_date`); the figures are the fulfilment report's, with its filters.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy.orm import Session

from ledger.reports.filters import Filters
from ledger.reports.fulfilment import fulfilment_rows
from ledger.reports.report import Report

DEADLINE_COLUMNS = [
    "due", "overdue", "days_left", "term", "round", "category", "deliverer", "receiver", "basis", "committed",
    "delivered", "outstanding",
]  # fmt: skip


def deadlines(session: Session, f: Filters) -> Report:
    as_of = f.until or dt.date.today()
    rows = [
        {**r, "days_left": (r["due"].last - as_of).days}
        for r in fulfilment_rows(session, f)
        if r["due"] is not None and r["outstanding"]
    ]
    rows.sort(key=lambda r: (r["due"].last, r["due"].first))  # stable: the fulfilment order within a day
    frame = pd.DataFrame(rows, columns=DEADLINE_COLUMNS, dtype=object)
    view = pd.DataFrame(
        [
            {"due": r["due"], "late": "overdue" if r["overdue"] else "", "days": r["days_left"], "term": r["term"],
             "from": r["deliverer"], "to": r["receiver"], "committed": r["committed"], "delivered": r["delivered"],
             "short": r["outstanding"]}
            for r in rows
        ],
        columns=["due", "late", "days", "term", "from", "to", "committed", "delivered", "short"],
        dtype=object,
    )  # fmt: skip
    title = f"Deadlines: what is due or overdue as of {as_of.isoformat()}, soonest first"
    return Report("deadlines", title, frame, view=view)
