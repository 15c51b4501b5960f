"""Allocation: which obligation each transfer counts towards, and how much (DESIGN.md, "Allocation").

A pure function over plain rows, so that every rule can be tested by hand:

1. Explicit allocations first, transfers in order of date then key. A transfer's terms, in the
   order listed, each take their given count; terms named without a count take what their
   obligation (the one in the transfer's direction) still lacks, the last one taking the rest.
   Explicit allocations count in full, even past the quantity (the excess), and may cross
   categories. An `all` or `ratio` obligation lacks everything.
2. Then every transfer with no explicit allocation, in the same order, fills the earliest open
   obligation that matches it: its term agreed and not superseded by an agreed term, same
   deliverer, receiver and category, its round started on or before the transfer's date (for a
   transfer dated to a month, in that month or earlier), terms taken by round start, round
   number, then term key. It fills `exact` up to the quantity and `at-least` up to the floor,
   then moves on; an `all` or `ratio` obligation is never filled automatically. What is left is
   unallocated.
3. An undisclosed count adds nothing to any total: it counts as one undisclosed transfer for each
   obligation it names, or, naming none, for the first open obligation that matches it (else it
   is unallocated).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import NamedTuple

# The bases with no fixed quantity to fill: `all` (everyone who meets the criteria) and `ratio`
# (so many per person another term delivered). They take only explicit allocations, and named
# without a count they take whatever is left.
UNFILLED = ("all", "ratio")


class Obligation(NamedTuple):
    id: int
    term_id: int
    term_key: str
    status: str
    superseded: bool  # by an agreed term
    round_start: dt.date | None
    round_number: int
    category: str
    deliverer_id: int
    receiver_id: int
    quantity: int | None
    basis: str

    @property
    def fills_automatically(self) -> bool:
        """Whether a transfer that names no term may count towards it (rule 2)."""
        return (
            self.status == "agreed"
            and not self.superseded
            and self.basis not in UNFILLED
            and self.round_start is not None
        )


class Transfer(NamedTuple):
    id: int
    key: str
    date: dt.date  # the first day it may stand for
    last_day: dt.date  # the last (the month's end for a month-dated transfer)
    deliverer_id: int
    receiver_id: int
    category: str
    count: int | None  # None: undisclosed


class Explicit(NamedTuple):
    transfer_id: int
    term_id: int
    count: int | None
    position: int


class Share(NamedTuple):
    """Part of a transfer counted towards an obligation (or, with no obligation, unallocated).

    `amount` is None for an undisclosed transfer: it counts apart, as one undisclosed transfer.
    """

    transfer_id: int
    obligation_id: int | None
    amount: int | None
    explicit: bool


def allocate(
    obligations: Iterable[Obligation],
    transfers: Sequence[Transfer],
    explicit: Iterable[Explicit],
    delivered_before: Mapping[int, int] | None = None,
) -> list[Share]:
    """The shares of `transfers`; `delivered_before` is what earlier transfers already gave each
    obligation, when only a transfer that comes after all others is being allocated."""
    named: dict[int, list[Explicit]] = defaultdict(list)
    for item in explicit:
        named[item.transfer_id].append(item)
    ordered = sorted(transfers, key=lambda t: (t.date, t.key))
    return list(
        allocate_in_order(
            obligations,
            ((t, sorted(named[t.id], key=lambda e: e.position)) for t in ordered if t.id in named),
            (t for t in ordered if t.id not in named),
            delivered_before,
        )
    )


def allocate_in_order(
    obligations: Iterable[Obligation],
    explicit: Iterable[tuple[Transfer, list[Explicit]]],
    automatic: Iterable[Transfer],
    delivered_before: Mapping[int, int] | None = None,
) -> Iterator[Share]:
    """`allocate`, over transfers already in order of date then key: first those with explicit
    allocations (each with its items in the order given), then the others. The shares come as
    they are found, so that a ledger of millions of transfers is allocated without holding it."""
    obligations = list(obligations)
    by_term_direction = {(o.term_id, o.deliverer_id, o.receiver_id): o for o in obligations}
    delivered: dict[int, int] = defaultdict(int, delivered_before or {})

    def lacks(o: Obligation) -> int | None:
        return None if o.basis in UNFILLED or o.quantity is None else o.quantity - delivered[o.id]

    for transfer, items in explicit:
        targets = [(by_term_direction.get((e.term_id, transfer.deliverer_id, transfer.receiver_id)), e) for e in items]
        targets = [(o, e) for o, e in targets if o is not None]
        if transfer.count is None:
            yield from (Share(transfer.id, o.id, None, True) for o, _ in targets)
            continue
        remaining = transfer.count - sum(e.count or 0 for _, e in targets)
        countless = [o for o, e in targets if e.count is None]
        for o, e in targets:
            if e.count is not None:
                amount = e.count
            elif o is countless[-1]:
                amount = max(remaining, 0)
            else:
                lack = lacks(o)
                amount = max(remaining, 0) if lack is None else min(max(remaining, 0), max(lack, 0))
            if e.count is None:
                remaining -= amount
            delivered[o.id] += amount
            yield Share(transfer.id, o.id, amount, True)
        if not countless and remaining > 0:
            yield Share(transfer.id, None, remaining, True)

    candidates: dict[tuple[int, int, str], list[Obligation]] = defaultdict(list)
    for o in sorted(obligations, key=lambda o: (o.round_start or dt.date.max, o.round_number, o.term_key)):
        if o.fills_automatically:
            candidates[(o.deliverer_id, o.receiver_id, o.category)].append(o)

    first: dict[tuple[int, int, str], int] = {}  # per pool, the first obligation that may still lack something
    for transfer in automatic:
        flow = (transfer.deliverer_id, transfer.receiver_id, transfer.category)
        pool = candidates.get(flow, ())
        start = first.get(flow, 0)
        while start < len(pool) and (lacks(pool[start]) or 0) <= 0:
            start += 1  # filled: it stays filled, since what it received only grows
        first[flow] = start
        undisclosed = transfer.count is None
        remaining = transfer.count or 0
        target = None
        for index in range(start, len(pool)):
            o = pool[index]
            if o.round_start > transfer.last_day:  # type: ignore[operator]
                break  # the pool is in order of round start: no later obligation has begun either
            lack = lacks(o) or 0
            if lack <= 0:
                continue
            if undisclosed:
                target = o
                break
            if remaining == 0:
                break
            take = min(remaining, lack)
            delivered[o.id] += take
            remaining -= take
            yield Share(transfer.id, o.id, take, False)
        if undisclosed:
            yield Share(transfer.id, target.id if target else None, None, False)
        elif remaining > 0:
            yield Share(transfer.id, None, remaining, False)
