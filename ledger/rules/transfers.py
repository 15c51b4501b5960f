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
    # An allocation may cross categories (civilians counted towards a prisoners' term), not kinds.
    kinds, category = c.catalog.categories(), str(c.raw.get("category") or "").strip()
    kind, counted = kinds.get(category), kinds.get(term.category)
    if kind in domain.PEOPLE_KINDS and counted in domain.PEOPLE_KINDS and kind != counted:
        c.fail("terms", f"term {term_key!r} counts {_people(counted)} ({term.category}), and this transfer "
                        f"{_people(kind)} ({category}): remains never count with living people")  # fmt: skip
        return given, None
    return given, (term, share)


def _people(kind: str | None) -> str:
    return "living people" if kind == "living" else "remains"


def _direction(c: FieldChecker) -> tuple[str, str]:
    """The codes a transfer's terms are checked against: its deliverer's and receiver's, as given."""
    return str(c.raw.get("deliverer") or "").strip(), str(c.raw.get("receiver") or "").strip()


def _named_terms(
    c: FieldChecker, direction: tuple[str, str], undisclosed: bool
) -> tuple[int, list[tuple[str, TermInfo, int | None]]]:
    """A transfer's terms, whatever its date and count: what the items give in all, and each term
    found with its item and its count."""
    total, named = 0, []
    for item in c.items("terms"):
        key = ("term", item, direction, undisclosed, c.raw.get("category"))
        given, found = c.remembered(key, _term_share, item, direction, undisclosed)
        total += given
        if found is not None:
            named.append((item, *found))
    return total, named


def _allocations(
    c: FieldChecker, date: PartialDate | None, count: int | None, undisclosed: bool
) -> list[tuple[int, int | None]]:
    allocations: list[tuple[int, int | None]] = []
    total, named = _named_terms(c, _direction(c), undisclosed)
    for item, term, share in named:
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
    category = c.category(people=True)
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
    """`check_transfer` for the many rows of a load or of `ledger check`, each repeated value read once.

    A row is first read by columns of text: each cell's text (a date, a party, the category, the
    count, the lists of sources, intermediaries and terms with the direction they depend on) is
    read once by the same field readers, its value kept if it broke no rule; a row whose cells
    were all read cleanly and that passes the rules joining its cells (two sides that differ, an
    intermediary that is neither, terms its date and count allow) is clean at the cost of a few
    lookups. Any other row is checked again by the rules themselves (`_transfer`), with a checker
    that remembers its readings (`RememberingChecker`), so that the record and every message are
    those of `check_transfer`. The catalog must not change its parties, sources, categories or
    terms while this is in use.
    """

    def __init__(self, catalog: Catalog, *, amending: bool = False) -> None:
        self.catalog = catalog
        self.amending = amending
        self.memo: dict[tuple[Any, ...], tuple[Any, list[Problem]]] = {}
        # Each kind of reading: {text: its value, or _BROKEN}.
        self.readings: dict[str, dict[Any, Any]] = {what: {} for what in _READINGS}

    def __call__(self, raw: Mapping[str, str]) -> tuple[TransferRecord | None, list[Problem]]:
        try:
            record = self._clean(raw)
        except TypeError:  # a list given from Python, not a cell's text: not a reading to keep
            record = None
        if record is not None:
            return record, []
        return _transfer(RememberingChecker(raw, self.catalog, self.amending, memo=self.memo))

    def _read(self, what: str, text: Any) -> Any:
        found = self.readings[what][text] = _reading(self.catalog, what, text)
        return found

    def _clean(self, raw: Mapping[str, str]) -> TransferRecord | None:
        """The row's record if it breaks no rule, else None (for `_transfer` to say why)."""
        get, read = raw.get, self._read
        dates, parties, categories, counts, vias, sources, terms = self.readings.values()
        key, exchange, location, notes = get("key"), get("exchange"), get("location"), get("notes")
        if "\x00" in "".join(value for value in raw.values() if isinstance(value, str)):
            return None  # a NUL character: the rules name its field
        if not isinstance(key, str) or "\n" in key or "\r" in key:
            return None
        key = key.strip()
        if not KEY_PATTERN.match(key) or (not self.amending and self.catalog.exists("transfer", key)):
            return None
        if exchange is not None:
            if not isinstance(exchange, str) or "\n" in exchange or "\r" in exchange:
                return None
            exchange = exchange.strip() or None
            if exchange is not None and not KEY_PATTERN.match(exchange):
                return None
        if location is not None:
            if not isinstance(location, str):
                return None
            location = location.strip() or None
        if notes is not None:
            if not isinstance(notes, str):
                return None
            notes = notes if notes.strip() else None
        text = get("date")
        date = dates.get(text) or read("date", text)
        text = get("deliverer")
        deliverer = parties.get(text) or read("party", text)
        text = get("receiver")
        receiver = parties.get(text) or read("party", text)
        text = get("category")
        category = categories.get(text) or read("category", text)
        text = get("count")
        counted = counts.get(text) or read("count", text)
        text = get("intermediaries")
        via = vias.get(text) or read("intermediaries", text)
        text = get("sources")
        cited = sources.get(text) or read("sources", text)
        broken = _BROKEN
        if (
            date is broken or deliverer is broken or receiver is broken or category is broken or counted is broken
            or via is broken or cited is broken or deliverer == receiver
        ):  # fmt: skip
            return None
        via, cited = via[0], cited[0]
        if deliverer in via or receiver in via:
            return None
        count, undisclosed = counted
        allocations: list[tuple[int, int | None]] = []
        text = get("terms")
        if text:
            given = (text, get("deliverer"), get("receiver"), undisclosed, get("category"))
            named = terms.get(given) or read("terms", given)
            if named is broken:
                return None
            total, items = named
            if count is not None and total > count:
                return None
            for start, term_id, share in items:
                if start is not None and date.last < start:
                    return None
                allocations.append((term_id, share))
        return TransferRecord(key, date, deliverer, receiver, category, count, allocations, exchange, list(via),
                              location, list(cited), notes)  # fmt: skip


_BROKEN = object()  # a reading of a cell's text that broke a rule
_READINGS = ("date", "party", "category", "count", "intermediaries", "sources", "terms")


def _reading(catalog: Catalog, what: str, text: Any) -> Any:
    """One reading of a transfer's cells by the field readers of `_transfer`: its value, or
    _BROKEN if it broke a rule. Each clean value is true (a tuple, an id, a date), so that a
    reading kept is told from none at all (a list is given inside a tuple of one)."""
    if what == "terms":  # the text of the terms, deliverer and receiver, whether undisclosed, and the category
        terms, deliverer, receiver, undisclosed, category = text
        c = FieldChecker({"terms": terms, "deliverer": deliverer, "receiver": receiver, "category": category}, catalog)
        total, named = _named_terms(c, _direction(c), undisclosed)
        found: Any = (total, tuple((term.round.start_date, term.id, share) for _, term, share in named))
    else:
        c = FieldChecker({what: text}, catalog)
        if what == "date":
            found = c.date("date", required=True)
        elif what == "party":
            found = c.party("party")
        elif what == "category":
            found = c.category(people=True)
        elif what == "count":
            count_text = c.text("count", required=True)
            count = c.parse("count", domain.parse_count, count_text) if count_text is not None else None
            found = (count, count_text is not None and count_text.lower() == domain.UNDISCLOSED)
        elif what == "intermediaries":
            found = (tuple(party_id for _, party_id in c.parties("intermediaries")),)
        else:
            found = (tuple(c.sources("sources")),)
    return _BROKEN if c.problems else found
