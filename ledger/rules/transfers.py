"""The rules of a transfer, stated once (`_transfer`), and the two ways they run: `check_transfer`
for one record, `TransferChecker` for the many rows of a load, each repeated value read once."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ledger import domain
from ledger.domain import PartialDate
from ledger.rules.fields import KEY_PATTERN, FieldChecker, RememberingChecker
from ledger.rules.records import Catalog, Problem, Raw, TermInfo, TransferRecord


def _term_share(
    c: FieldChecker, item: str, direction: tuple[str, str], undisclosed: bool
) -> tuple[int, tuple[TermInfo, int | None] | None]:
    """One item of a transfer's `terms` (`TERM` or `TERM:COUNT`), whatever the transfer's date and
    count: what it adds to the counts given to terms, and the term with its count, or None when
    the item breaks a rule (its problem noted)."""
    term_key, sep, count_text = (part.strip() for part in item.partition(":"))
    share = None
    if sep:
        share = c.parse("terms", domain.parse_whole, count_text, minimum=1)
        if share is None:
            return 0, None
        if undisclosed:
            c.fail("terms", f"an undisclosed transfer cannot give a count to a term, got {item!r}")
            return 0, None
    given = share or 0
    term = c.reference("terms", "term", c.catalog.term_info, term_key)
    if term is None:
        return given, None
    if all(direction) and direction[0] != direction[1] and direction not in term.directions:
        c.fail("terms", f"term {term_key!r} has no obligation from {direction[0]} to {direction[1]}")
        return given, None
    return given, (term, share)


def _allocations(
    c: FieldChecker, date: PartialDate | None, count: int | None, undisclosed: bool
) -> list[tuple[int, int | None]]:
    allocations: list[tuple[int, int | None]] = []
    items = c.items("terms")
    if not items:
        return allocations
    total = 0
    direction = (str(c.raw.get("deliverer") or "").strip(), str(c.raw.get("receiver") or "").strip())
    for item in items:
        given, found = c.remembered(("term", item, direction, undisclosed), _term_share, item, direction, undisclosed)
        total += given
        if found is None:
            continue
        term, share = found
        if date is not None and term.round.start_date is not None and date.last < term.round.start_date:
            c.fail(
                "terms",
                f"the transfer ({date}) is dated before round {term.round_key!r} of term "
                f"{item.partition(':')[0].strip()!r} began ({term.round.start_date})",
            )
            continue
        allocations.append((term.id, share))
    if count is not None and total > count:
        c.fail("terms", f"the counts given to terms add up to {total}, more than the transfer's count {count}")
    return allocations


def check_transfer(
    raw: Raw, catalog: Catalog, *, amending: bool = False
) -> tuple[TransferRecord | None, list[Problem]]:
    return _transfer(FieldChecker(raw, catalog, amending))


def _transfer(c: FieldChecker) -> tuple[TransferRecord | None, list[Problem]]:
    """The rules of a transfer, stated once: `check_transfer` and `TransferChecker` both run them."""
    key = c.new_key("key", "transfer")
    date = c.date("date", required=True)
    deliverer, receiver = c.sides()
    category = c.choice("category", domain.PEOPLE_CATEGORIES, None)
    count_text = c.text("count", required=True)
    count = c.parse("count", domain.parse_count, count_text) if count_text is not None else None
    undisclosed = count_text is not None and count_text.lower() == domain.UNDISCLOSED
    allocations = _allocations(c, date, count, undisclosed)
    intermediaries = []
    for code, party_id in c.parties("intermediaries"):
        if party_id in (deliverer, receiver):
            c.fail("intermediaries", f"{code} hands over or receives this transfer, so it cannot be its intermediary")
        intermediaries.append(party_id)
    exchange = c.text("exchange")
    if exchange is not None and not KEY_PATTERN.match(exchange):
        c.fail("exchange", f"must be a key of letters, digits, '.', '_' or '-', got {exchange!r}")
    location, source_ids = c.label("location"), c.sources()
    if c.problems:
        return None, c.problems
    record = TransferRecord(
        key,
        date,
        deliverer,
        receiver,
        category,
        count,
        allocations,
        exchange,
        intermediaries,
        location,
        source_ids,
        c.prose("notes"),
    )
    return record, c.problems


class TransferChecker:
    """`check_transfer` for the many rows of a load, each repeated value read once.

    It runs the same rules (`_transfer`) with a checker that remembers what each field's text
    gave the first time it was read, value and problems alike: the date, each party, the
    category, the count, the lists of sources and intermediaries, each item of the terms with the
    direction it depends on. A row of values seen before costs a few lookups, and the result and
    every message are those of `check_transfer`. The catalog must not change its parties, sources
    or terms while this is in use.
    """

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.memo: dict[tuple[Any, ...], tuple[Any, list[Problem]]] = {}

    def __call__(self, raw: Mapping[str, str]) -> tuple[TransferRecord | None, list[Problem]]:
        return _transfer(RememberingChecker(raw, self.catalog, memo=self.memo))
