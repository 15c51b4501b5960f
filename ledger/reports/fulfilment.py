"""The fulfilment report's rows, summed in SQL, and the SQL helpers the obligation reports share.

Without pandas: `ledger report fulfilment --format csv` writes these rows as they are, and the
frames, subtotals and views of the other formats (`ledger.reports.frames`) are built from them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from fractions import Fraction
from typing import IO, Any

from sqlalchemy import Select, and_, case, distinct, false, func, join, or_, select
from sqlalchemy.orm import Session, aliased

from ledger import models as m
from ledger import queries, sql
from ledger.dates import as_date, on_or_after
from ledger.domain import Duration, PartialDate
from ledger.reports.filters import Filters
from ledger.reports.register import write_cells

FULFILMENT_COLUMNS = [
    "term", "round", "category", "deliverer", "receiver", "basis", "committed", "delivered", "undisclosed",
    "outstanding", "due", "overdue", "excess", "fulfilled_pct", "score", "first_transfer", "last_transfer",
]  # fmt: skip


def _month_or_day(first: Any, first_month: Any) -> PartialDate | None:
    """A date from SQL, shown to the month when the transfer it came from was dated to the month."""
    if first is None:
        return None
    first = as_date(first)
    if first_month is not None and as_date(first_month) == first:
        return PartialDate(first, "month")
    return PartialDate(first, "day")


def transfer_dates(statement: Select, transfer: Any, f: Filters) -> Select:
    """`statement` limited to the date filters, on the date and precision columns of `transfer`."""
    if f.since:
        statement = statement.where(on_or_after(transfer.date, transfer.date_precision, f.since))
    if f.until:
        statement = statement.where(transfer.date <= f.until)
    return statement


def obligations_joined(deliverer: Any, receiver: Any) -> Any:
    """Obligations with their term, round, process and both parties, for the obligation reports."""
    return (
        join(m.Obligation, m.Term, m.Term.id == m.Obligation.term_id)
        .join(m.Round, m.Round.id == m.Term.round_id)
        .join(m.Process, m.Process.id == m.Round.process_id)
        .join(deliverer, deliverer.id == m.Obligation.deliverer_id)
        .join(receiver, receiver.id == m.Obligation.receiver_id)
    )


def obligation_filters(statement: Select, f: Filters, deliverer: Any, receiver: Any) -> Select:
    """The filters of a report over obligations (joined with their term, round and process)."""
    if f.process:
        statement = statement.where(m.Process.key == f.process)
    if f.round:
        statement = statement.where(m.Round.key == f.round)
    if f.party:
        statement = statement.where(or_(deliverer.code == f.party, receiver.code == f.party))
    if f.category:
        statement = statement.where(m.Term.category == f.category)
    return statement


def score(delivered: int, committed: int) -> int:
    """The Peace Accords Matrix-style scale: 0 nothing, 1 under half, 2 half or more, 3 all or more."""
    if delivered <= 0:
        return 0 if committed > 0 else 3
    if delivered >= committed:
        return 3
    return 2 if 2 * delivered >= committed else 1


def _share_dates(f: Filters, *where: Any) -> Any:
    """The shares (allocated ones, or not) with their transfers' dates (stored with each share),
    within the date filters."""
    s = m.AllocationShare
    statement = select(
        s.obligation_id, s.amount, s.date, s.date_precision, s.deliverer_id, s.receiver_id, s.category
    ).where(*where)
    return transfer_dates(statement, s, f).subquery()


def _date_aggregates(shares: Any) -> list[Any]:
    month = case((shares.c.date_precision == "month", shares.c.date))
    undisclosed = shares.c.amount.is_(None)
    return [
        func.coalesce(func.sum(shares.c.amount), 0).label("delivered"),
        func.coalesce(func.sum(case((undisclosed, 1), else_=0)), 0).label("undisclosed"),
        func.min(shares.c.date).label("first"),
        func.min(month).label("first_month"),
        func.max(shares.c.date).label("last"),
        func.max(month).label("last_month"),
    ]  # fmt: skip


def fulfilment_rows(session: Session, f: Filters) -> list[dict[str, Any]]:
    """One row per obligation (`FULFILMENT_COLUMNS`), then one per direction and category for what
    is unallocated (term empty), as Python values: None where empty."""
    deliverer, receiver = sql.party_aliases()
    # Summed per obligation first (one pass over the shares, in the order of their index), then
    # joined to the few obligations: not the obligations joined to every share and grouped after.
    shares = _share_dates(f, m.AllocationShare.obligation_id.is_not(None))
    totals = select(shares.c.obligation_id, *_date_aggregates(shares)).group_by(shares.c.obligation_id).subquery()
    statement = (
        select(
            m.Term.key.label("term"), m.Round.key.label("round"), m.Term.category, deliverer.code.label("deliverer"),
            receiver.code.label("receiver"), m.Obligation.basis, m.Obligation.quantity.label("committed"),
            func.coalesce(totals.c.delivered, 0).label("delivered"),
            func.coalesce(totals.c.undisclosed, 0).label("undisclosed"),
            totals.c.first, totals.c.first_month, totals.c.last, totals.c.last_month,
            m.Obligation.per_id, m.Obligation.deliverer_id, m.Obligation.receiver_id, m.Round.start_date,
            m.Term.deadline, m.Term.deadline_precision, m.Term.deadline_duration,
        )
        .select_from(obligations_joined(deliverer, receiver))
        .outerjoin(totals, totals.c.obligation_id == m.Obligation.id)
        .where(m.Term.status == "agreed", m.Term.voided == false())
        .order_by(m.Round.start_date, m.Round.number, sql.code_point_order(m.Term.key), m.Obligation.id)
    )  # fmt: skip
    statement = obligation_filters(statement, f, deliverer, receiver)
    rows = [dict(row._mapping) for row in session.execute(statement)]
    if not (f.process or f.round):
        rows += _unallocated(session, f, _share_dates(f, m.AllocationShare.obligation_id.is_(None)))
    bases = ratio_bases(session, f, {row["per_id"] for row in rows if row.get("per_id") is not None})
    as_of = f.until or dt.date.today()
    records = []
    for row in rows:
        committed = None if row["committed"] is None else int(row["committed"])
        if row["basis"] == "ratio" and committed is not None:  # so many per person the base delivered back
            committed *= bases.get((row["per_id"], row["receiver_id"], row["deliverer_id"]), 0)
        delivered = int(row["delivered"])
        measured = row["basis"] in ("exact", "at-least", "ratio") and committed is not None
        scored = measured and (row["basis"] != "ratio" or bool(committed))  # a ratio of nothing yet: no score
        outstanding = max(committed - delivered, 0) if measured else None  # type: ignore[operator]
        due = due_date(row) if row["term"] is not None else None
        records.append({
            "term": row["term"], "round": row["round"], "category": row["category"],
            "deliverer": row["deliverer"], "receiver": row["receiver"], "basis": row["basis"],
            "committed": committed, "delivered": delivered, "undisclosed": int(row["undisclosed"]),
            "outstanding": outstanding, "due": due,
            "overdue": None if due is None or outstanding is None else bool(outstanding) and due.last < as_of,
            "excess": max(delivered - committed, 0) if measured else None,  # type: ignore[operator]
            "fulfilled_pct": percent(delivered, committed) if scored else None,
            "score": score(delivered, committed) if scored else None,  # type: ignore[arg-type]
            "first_transfer": _month_or_day(row["first"], row["first_month"]),
            "last_transfer": _month_or_day(row["last"], row["last_month"]),
        })  # fmt: skip
    return records


def ratio_bases(session: Session, f: Filters, terms: set[int]) -> dict[tuple[int, int, int], int]:
    """What each obligation of the base terms `terms` delivered, (term id, deliverer id, receiver
    id) -> people (disclosed counts): transfers dated up to `--until`, whatever the other filters,
    which narrow the rows shown, not what a ratio among them counts per."""
    if not terms:
        return {}
    s, o = m.AllocationShare, m.Obligation
    statement = (
        select(o.term_id, o.deliverer_id, o.receiver_id, func.coalesce(func.sum(s.amount), 0))
        .join(s, s.obligation_id == o.id)
        .where(o.term_id.in_(terms))
        .group_by(o.term_id, o.deliverer_id, o.receiver_id)
    )
    if f.until:
        statement = statement.where(s.date <= f.until)
    return {(term, a, b): int(n) for term, a, b, n in session.execute(statement)}


def due_date(row: Mapping[str, Any]) -> PartialDate | None:
    """A term's deadline as a date: its date, or its duration from the round's start resolved to
    the day it falls on (None when it has neither, or its round no start)."""
    if row["deadline_duration"]:
        start = row["start_date"]
        return PartialDate(Duration.parse(row["deadline_duration"]).due(as_date(start))) if start else None
    if row["deadline"] is None:
        return None
    return PartialDate(as_date(row["deadline"]), row["deadline_precision"] or "day")


def undisclosed_transfers(session: Session, f: Filters) -> dict[tuple[str, str, str], int]:
    """How many transfers of undisclosed count each side (deliverer, receiver) has of each kind
    (living people, remains) among the rows of `fulfilment_rows`: each transfer once, however many
    of those obligations it names."""
    s = m.AllocationShare
    giver, taker = aliased(m.Party), aliased(m.Party)
    listed = select(m.Obligation.id).select_from(obligations_joined(giver, taker))
    listed = obligation_filters(listed.where(m.Term.status == "agreed", m.Term.voided == false()), f, giver, taker)
    counted = s.obligation_id.in_(listed)
    if not (f.process or f.round):  # the unallocated rows are shown too
        unallocated = s.obligation_id.is_(None)
        counted = or_(counted, and_(unallocated, s.category == f.category) if f.category else unallocated)
    deliverer, receiver = sql.party_aliases()
    statement = (
        select(deliverer.code, receiver.code, s.category, func.count(distinct(s.transfer_id)))
        .join(deliverer, deliverer.id == s.deliverer_id)
        .join(receiver, receiver.id == s.receiver_id)
        .where(s.amount.is_(None), counted)
        .group_by(deliverer.code, receiver.code, s.category)
    )
    if f.party:
        statement = statement.where(or_(deliverer.code == f.party, receiver.code == f.party))
    statement = transfer_dates(statement, s, f)
    counts: dict[tuple[str, str, str], int] = {}
    kinds = queries.category_kinds(session)
    for a, b, category, n in session.execute(statement):  # a transfer has one category: no transfer twice
        key = (a, b, kinds[category])
        counts[key] = counts.get(key, 0) + int(n)
    return counts


def _unallocated(session: Session, f: Filters, shares: Any) -> list[dict[str, Any]]:
    # Summed per direction and category in the order of the shares' index, then named.
    flow = (shares.c.deliverer_id, shares.c.receiver_id, shares.c.category)
    totals = select(*flow, *_date_aggregates(shares)).group_by(*flow)
    if f.category:
        totals = totals.where(shares.c.category == f.category)
    sums = totals.subquery()
    deliverer, receiver = sql.party_aliases()
    statement = (
        select(
            deliverer.code.label("deliverer"), receiver.code.label("receiver"), sums.c.category,
            *(sums.c[name] for name in ("delivered", "undisclosed", "first", "first_month", "last", "last_month")),
        )
        .join(deliverer, deliverer.id == sums.c.deliverer_id)
        .join(receiver, receiver.id == sums.c.receiver_id)
        .order_by(*map(sql.code_point_order, (deliverer.code, receiver.code, sums.c.category)))
    )  # fmt: skip
    if f.party:
        statement = statement.where(or_(deliverer.code == f.party, receiver.code == f.party))
    return [
        {**dict(row._mapping), "term": None, "round": None, "basis": None, "committed": None, "per_id": None}
        for row in session.execute(statement)
    ]


def write_csv(session: Session, f: Filters, handle: IO[str], *, excel: bool = False, hxl: bool = False) -> None:
    """The fulfilment rows as CSV, as `ledger.reports.output.to_csv` writes every report (`hxl`: tagged)."""
    f.known(session)
    rows = ([row[name] for name in FULFILMENT_COLUMNS] for row in fulfilment_rows(session, f))
    write_cells(handle, FULFILMENT_COLUMNS, rows, excel=excel, hxl_of="fulfilment" if hxl else "")


def percent(delivered: int, committed: int) -> float:
    """delivered as a percentage of committed to one decimal, rounded exactly (a tie to even, as
    the `fulfilment_v` view rounds): 1 of 2,000 is 0.05, so 0.0, where floats gave 0.1."""
    return float(round(Fraction(100 * delivered, committed), 1)) if committed else 100.0
