"""The allocation rules of DESIGN.md, on hand-built cases (no database)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from ledger.allocation import Explicit, Obligation, Share, Transfer, allocate

UKR, RUS = 1, 2


def ob(
    id: int,
    term: int,
    quantity: int | None,
    *,
    basis: str = "exact",
    start: str = "2025-05-16",
    number: int = 1,
    category: str = "pow",
    status: str = "agreed",
    superseded: bool = False,
    direction=(RUS, UKR),
) -> Obligation:
    return Obligation(id, term, f"t{term}", status, superseded, dt.date.fromisoformat(start), number, category,
                      direction[0], direction[1], quantity, basis)  # fmt: skip


def tr(
    id: int, count: int | None, date: str = "2025-05-23", *, category: str = "pow", direction=(RUS, UKR)
) -> Transfer:
    if len(date) == 7:
        first = dt.date.fromisoformat(date + "-01")
        last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    else:
        first = last = dt.date.fromisoformat(date)
    return Transfer(id, f"k{id:03}", first, last, direction[0], direction[1], category, count)


def totals(shares: list[Share]) -> dict[int | None, int]:
    found: dict[int | None, int] = {}
    for s in shares:
        if s.amount is not None:
            found[s.obligation_id] = found.get(s.obligation_id, 0) + s.amount
    return found


def test_explicit_with_counts_and_without() -> None:
    obligations = [ob(10, 1, 150), ob(20, 2, None, basis="all")]
    shares = allocate(obligations, [tr(1, 400)], [Explicit(1, 1, None, 0), Explicit(1, 2, None, 1)])
    # The first fills what it lacks (150), the last takes the rest.
    assert totals(shares) == {10: 150, 20: 250}
    shares = allocate(obligations, [tr(1, 400)], [Explicit(1, 1, 300, 0), Explicit(1, 2, None, 1)])
    assert totals(shares) == {10: 300, 20: 100}  # a given count counts in full, past the quantity


def test_explicit_counts_that_leave_a_remainder_leave_it_unallocated() -> None:
    shares = allocate([ob(10, 1, 1000)], [tr(1, 390)], [Explicit(1, 1, 300, 0)])
    assert totals(shares) == {10: 300, None: 90}


def test_explicit_allocation_crosses_categories_and_counts_past_the_quantity() -> None:
    obligations = [ob(10, 1, 1000)]
    transfers = [tr(1, 270), tr(2, 120, category="civilian"), tr(3, 307, "2025-05-24"), tr(4, 403, "2025-05-25")]
    shares = allocate(obligations, transfers, [Explicit(t, 1, None, 0) for t in (1, 2, 3, 4)])
    assert totals(shares) == {10: 1100}  # 100 past 1,000 is excess, still allocated


def test_automatic_allocation_fills_terms_in_round_order_then_leaves_the_rest() -> None:
    obligations = [ob(20, 2, 1200, start="2025-07-23", number=3), ob(10, 1, 1000)]
    transfers = [tr(1, 600, "2025-05-23"), tr(2, 600, "2025-05-24"), tr(3, 1500, "2025-08-01")]
    shares = allocate(obligations, transfers, [])
    # The first round's 1,000 fill first; the 24 May transfer cannot reach round 3 (not started):
    # 200 are unallocated. In August the rest of round 1 is full, round 3 takes 1,200.
    assert [(s.transfer_id, s.obligation_id, s.amount) for s in shares] == [
        (1, 10, 600), (2, 10, 400), (2, None, 200), (3, 20, 1200), (3, None, 300)]  # fmt: skip


def test_at_least_fills_up_to_its_floor() -> None:
    shares = allocate([ob(10, 1, 1000, basis="at-least")], [tr(1, 1200)], [])
    assert totals(shares) == {10: 1000, None: 200}


def test_an_all_obligation_takes_only_explicit_allocations() -> None:
    obligations = [ob(10, 1, None, basis="all")]
    assert totals(allocate(obligations, [tr(1, 50)], [])) == {None: 50}
    assert totals(allocate(obligations, [tr(1, 50)], [Explicit(1, 1, None, 0)])) == {10: 50}


def test_proposed_and_superseded_terms_are_skipped() -> None:
    obligations = [ob(10, 1, 100, status="proposed"), ob(20, 2, 100, superseded=True), ob(30, 3, 100, number=2)]
    assert totals(allocate(obligations, [tr(1, 150)], [])) == {30: 100, None: 50}


def test_other_categories_and_directions_do_not_match() -> None:
    obligations = [ob(10, 1, 100, category="bodies"), ob(20, 2, 100, direction=(UKR, RUS))]
    assert totals(allocate(obligations, [tr(1, 30)], [])) == {None: 30}


def test_a_month_dated_transfer_matches_rounds_started_that_month_or_before() -> None:
    obligations = [ob(10, 1, 6000, start="2025-06-02", category="bodies")]
    assert totals(allocate(obligations, [tr(1, 78, "2025-06", category="bodies")], [])) == {10: 78}
    assert totals(allocate(obligations, [tr(1, 78, "2025-05", category="bodies")], [])) == {None: 78}


def test_transfers_are_taken_in_date_then_key_order() -> None:
    obligations = [ob(10, 1, 100)]
    shares = allocate(obligations, [tr(2, 80, "2025-05-23"), tr(1, 80, "2025-05-23"), tr(3, 80, "2025-05-20")], [])
    assert [(s.transfer_id, s.obligation_id, s.amount) for s in shares if s.obligation_id] == [(3, 10, 80), (1, 10, 20)]


def test_undisclosed_counts_apart() -> None:
    obligations = [ob(10, 1, None, basis="all"), ob(20, 2, None, basis="all"), ob(30, 3, 1000)]
    named = allocate(obligations, [tr(1, None)], [Explicit(1, 1, None, 0), Explicit(1, 2, None, 1)])
    assert named == [Share(1, 10, None, True), Share(1, 20, None, True)]  # one for each obligation named
    assert allocate(obligations, [tr(1, None)], []) == [Share(1, 30, None, False)]  # the first open match
    full = allocate([ob(30, 3, 10)], [tr(1, 10, "2025-05-20"), tr(2, None)], [])
    assert full[-1] == Share(2, None, None, False)  # nothing open: unallocated


def automatic_by_the_letter(obligations: list[Obligation], transfers: list[Transfer]) -> list[Share]:
    """Rule 2 as DESIGN.md words it: each transfer looks at every matching obligation, every time."""
    delivered: dict[int, int] = {}
    open_in_order = sorted(
        (o for o in obligations if o.status == "agreed" and not o.superseded and o.basis != "all"),
        key=lambda o: (o.round_start, o.round_number, o.term_key),
    )
    shares = []
    for t in sorted(transfers, key=lambda t: (t.date, t.key)):
        matching = [
            o for o in open_in_order
            if (o.deliverer_id, o.receiver_id, o.category) == (t.deliverer_id, t.receiver_id, t.category)
            and o.round_start <= t.last_day and o.quantity is not None and o.quantity - delivered.get(o.id, 0) > 0
        ]  # fmt: skip
        if t.count is None:
            shares.append(Share(t.id, matching[0].id if matching else None, None, False))
            continue
        remaining = t.count
        for o in matching:
            if remaining == 0:
                break
            take = min(remaining, o.quantity - delivered.get(o.id, 0))  # type: ignore[operator]
            delivered[o.id] = delivered.get(o.id, 0) + take
            remaining -= take
            shares.append(Share(t.id, o.id, take, False))
        if remaining > 0:
            shares.append(Share(t.id, None, remaining, False))
    return shares


OBLIGATIONS = st.lists(
    st.builds(
        lambda term, quantity, basis, day, number, category, status, superseded, direction: (
            term, quantity, basis, day, number, category, status, superseded, direction
        ),
        st.integers(1, 6), st.one_of(st.none(), st.integers(0, 50)), st.sampled_from(["exact", "at-least", "all"]),
        st.sampled_from(["2025-05-16", "2025-06-02", "2025-07-23"]), st.integers(1, 3),
        st.sampled_from(["pow", "bodies"]), st.sampled_from(["agreed", "agreed", "proposed"]), st.booleans(),
        st.sampled_from([(RUS, UKR), (UKR, RUS)]),
    ),
    max_size=8,
)  # fmt: skip
TRANSFERS = st.lists(
    st.tuples(
        st.one_of(st.none(), st.integers(0, 40)),
        st.sampled_from(["2025-05-16", "2025-05-23", "2025-06", "2025-06-02", "2025-07-30", "2025-08"]),
        st.sampled_from(["pow", "bodies"]), st.sampled_from([(RUS, UKR), (UKR, RUS)]),
    ),
    max_size=25,
)  # fmt: skip


@settings(max_examples=300)
@given(OBLIGATIONS, TRANSFERS)
def test_automatic_allocation_gives_what_the_rule_says(obligations: list, transfers: list) -> None:
    # The walk skips obligations once filled; the rule read literally looks at all of them each time.
    obs = [
        ob(i, term, quantity if basis != "all" else None, basis=basis, start=day, number=number, category=category,
           status=status, superseded=superseded, direction=direction)
        for i, (term, quantity, basis, day, number, category, status, superseded, direction) in enumerate(obligations)
    ]  # fmt: skip
    trs = [tr(i, count, date, category=category, direction=d) for i, (count, date, category, d) in enumerate(transfers)]
    assert allocate(obs, trs, []) == automatic_by_the_letter(obs, trs)
