"""The allocation as stored: the shares (`allocation_share`) that `ledger.allocation` gives each
transfer, written for every transfer or for some directions (`reallocate`), for a transfer just
added (`allocate_added_transfer`), and walked afresh for `ledger verify` (`allocation_walk`).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator, Mapping
from typing import Any

from sqlalchemy import String, and_, delete, false, func, or_, select, type_coerce
from sqlalchemy.orm import Session, aliased

from ledger import allocation, bulk, dates
from ledger import models as m
from ledger.domain import PartialDate
from ledger.entities import ENTITIES
from ledger.sql import code_point_order, driver_rows

# What a write to each entity can change in the allocation (`Entity.allocating`).
ALLOCATING = tuple(e.name for e in ENTITIES.values() if e.allocating)


Direction = tuple[int, int]  # (deliverer id, receiver id)


def _obligations(session: Session, directions: set[Direction] | None, *where: Any) -> list[Any]:
    superseding = aliased(m.Term)
    superseded = (
        select(superseding.id)
        .where(superseding.supersedes_id == m.Term.id, superseding.status == "agreed", superseding.voided == false())
        .exists()
    )
    statement = (
        select(
            m.Obligation.id, m.Term.id, m.Term.key, m.Term.status, superseded, m.Round.start_date,
            m.Round.number, m.Term.category, m.Obligation.deliverer_id, m.Obligation.receiver_id,
            m.Obligation.quantity, m.Obligation.basis,
        )
        .join(m.Term, m.Term.id == m.Obligation.term_id)
        .join(m.Round, m.Round.id == m.Term.round_id)
        .where(m.Term.voided == false(), *where)
    )  # fmt: skip
    if directions is not None:
        statement = statement.where(_in_directions(m.Obligation, directions))
    return [allocation.Obligation(*row) for row in session.execute(statement)]


def _in_directions(table: Any, directions: set[Direction]) -> Any:
    return or_(*(and_(table.deliverer_id == d, table.receiver_id == r) for d, r in directions))


SHARE_COPIES = ("deliverer_id", "receiver_id", "category", "date", "date_precision")  # of the share's transfer


SHARE_COLUMNS = ("transfer_id", "obligation_id", "amount", "explicit", *SHARE_COPIES)


Flow = tuple[int, int, str, Any, str]  # a transfer's deliverer, receiver, category, date (as stored) and precision


def write_shares(session: Session, shares: list[Any], flows: Mapping[int, Flow]) -> None:
    """Store shares, each with its transfer's direction, category and date (from `flows`)."""
    if shares:
        rows = (share + flows[share.transfer_id] for share in shares)
        bulk.insert_rows(session.connection(), "allocation_share", SHARE_COLUMNS, rows)


def reallocate(session: Session, directions: set[Direction] | None = None) -> None:
    """Rewrite the allocation shares (see `ledger.allocation`), of every transfer or of the given
    directions only: a transfer counts only towards obligations in its own direction, so each
    direction is allocated on its own.

    The transfers are streamed in order of date and key (those with explicit allocations first,
    with their items) and the shares written in batches, so that memory does not grow with the
    ledger."""
    session.flush()
    transfers_in_scope = select(m.Transfer.id)
    if directions is not None:
        if not directions:
            return
        transfers_in_scope = transfers_in_scope.where(_in_directions(m.Transfer, directions))
    session.execute(delete(m.AllocationShare).where(m.AllocationShare.transfer_id.in_(transfers_in_scope)))
    flows: dict[int, Flow] = {}  # of the transfers read since the last batch of shares was written
    shares = allocation_walk(session, directions, flows)
    while batch := list(itertools.islice(shares, 20_000)):
        write_shares(session, batch, flows)
        # The walk gives each transfer's shares together, once it has read that transfer: every
        # transfer read so far but the last share's is done with.
        last = batch[-1].transfer_id
        kept = flows[last]
        flows.clear()
        flows[last] = kept


def allocation_walk(
    session: Session, directions: set[Direction] | None = None, flows: dict[int, Flow] | None = None
) -> Iterator[Any]:
    """The shares (`allocation.Share`) the walk gives every live transfer, or those of the given
    directions, as they are found; each transfer read is put in `flows`, if given. What
    `reallocate` stores, and what `ledger verify` compares the stored shares with."""
    t = m.Transfer
    date = type_coerce(t.date, String)  # parsed once per distinct date below, not once per row
    columns = (t.id, t.key, date, t.date_precision, t.deliverer_id, t.receiver_id, t.category, t.count)
    live = [t.voided == false()]
    if directions is not None:
        live.append(_in_directions(t, directions))
    key = code_point_order(t.key)
    named = (
        select(*columns, m.Allocation.term_id, m.Allocation.count, m.Allocation.position)
        .join(m.Allocation, m.Allocation.transfer_id == t.id)
        .join(m.Term, m.Term.id == m.Allocation.term_id)
        .where(*live, m.Term.voided == false())
        .order_by(t.date, key, m.Allocation.position)
    )
    with_terms = select(m.Allocation.transfer_id).join(m.Term, m.Term.id == m.Allocation.term_id)
    unnamed = select(*columns).where(*live, t.id.not_in(with_terms.where(m.Term.voided == false())))
    unnamed = unnamed.order_by(t.date, key)
    days: dict[Any, tuple[dt.date, dt.date]] = {}

    def transfer(row: Any) -> allocation.Transfer:
        id, key, day, precision, deliverer, receiver, category, count = row[:8]
        first, last = days.get((day, precision)) or days.setdefault((day, precision), dates.days(day, precision))
        if flows is not None:
            flows[id] = (deliverer, receiver, category, day, precision)
        return allocation.Transfer(id, key, first, last, deliverer, receiver, category, count)

    def explicit() -> Iterator[tuple[allocation.Transfer, list[allocation.Explicit]]]:
        current: allocation.Transfer | None = None
        items: list[allocation.Explicit] = []
        for row in driver_rows(session, named):
            if current is None or row[0] != current.id:
                if current is not None:
                    yield current, items
                current, items = transfer(row), []
            items.append(allocation.Explicit(row[0], row[8], row[9], row[10]))
        if current is not None:
            yield current, items

    def automatic() -> Iterator[allocation.Transfer]:  # read once the explicit ones are done
        for row in driver_rows(session, unnamed):
            yield transfer(row)

    return allocation.allocate_in_order(_obligations(session, directions), explicit(), automatic())


def allocate_added_transfer(session: Session, transfer_id: int) -> None:
    """Allocate a transfer just added, walking as little of the ledger as its place allows.

    A transfer that names no terms and comes after every other transfer of its direction and
    category (the usual case: the latest swap) changes no earlier allocation, so it is allocated
    against what its obligations have already received. Any other is reallocated with its direction.
    """
    session.flush()
    t = session.get(m.Transfer, transfer_id)
    assert t is not None
    direction = {(t.deliverer_id, t.receiver_id)}
    named = session.scalar(select(func.count()).select_from(m.Allocation).where(m.Allocation.transfer_id == t.id))
    # Only a later transfer of the same direction and category can be allocated differently once
    # this one comes before it: other categories never draw on the same obligations automatically,
    # and explicit allocations are all made before any automatic one. (The flow index answers this.)
    later = session.scalar(
        select(
            select(m.Transfer.id)
            .where(
                m.Transfer.deliverer_id == t.deliverer_id, m.Transfer.receiver_id == t.receiver_id,
                m.Transfer.category == t.category, m.Transfer.date >= t.date, m.Transfer.id != t.id,
                m.Transfer.voided == false(),
                or_(m.Transfer.date > t.date,
                    and_(m.Transfer.date == t.date, code_point_order(m.Transfer.key) > t.key)),
            )
            .exists()
        )
    )  # fmt: skip
    if named or later:
        reallocate(session, direction)
        return
    # Only those a transfer naming no term may count towards: of its category, and those that
    # `Obligation.fills_automatically`.
    obligations = [o for o in _obligations(session, direction, m.Term.category == t.category) if o.fills_automatically]
    delivered = dict(
        session.execute(
            select(m.AllocationShare.obligation_id, func.coalesce(func.sum(m.AllocationShare.amount), 0))
            .where(m.AllocationShare.obligation_id.in_([o.id for o in obligations]))
            .group_by(m.AllocationShare.obligation_id)
        ).all()
    )
    added = allocation.Transfer(t.id, t.key, t.date, PartialDate(t.date, t.date_precision).last,  # type: ignore[arg-type]
                                t.deliverer_id, t.receiver_id, t.category, t.count)  # fmt: skip
    flow = (t.deliverer_id, t.receiver_id, t.category, t.date.isoformat(), t.date_precision)
    write_shares(session, allocation.allocate(obligations, [added], [], delivered), {t.id: flow})
