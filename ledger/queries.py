"""The read side's entry points: the records of any entity as rows (`rows`, `one`, `records`,
dispatched to its reader in `ledger.readers` through `ledger.entities`), a record as the text of
its package row (`raw_of`), and the transfers streamed as package cells (`transfer_cells`) or
summed into handovers (`handovers`).

`ledger ENTITY list` prints these rows; a dump writes them. Dates come back as `PartialDate` (or
`date`), counts as integers, lists as lists.
"""

from __future__ import annotations

import inspect
from collections import defaultdict
from collections.abc import Iterator
from typing import Any, NamedTuple

from sqlalchemy import String, false, func, select, type_coerce
from sqlalchemy.orm import Session

from ledger import encoding, readers
from ledger import models as m
from ledger.dates import StoredDates
from ledger.domain import UNDISCLOSED, PartialDate
from ledger.entities import ENTITIES
from ledger.sql import code_point_order, driver_rows


def transfer_cells(
    session: Session, *, running_total: bool = False, typed: bool = False, **filters: Any
) -> Iterator[tuple[Any, ...]]:
    """The live transfers that pass the filters as the text of their package cells, in date order,
    streamed: what a dump or a register of a million transfers writes, without a dict per row. The
    terms, intermediaries and sources are the text kept on each transfer (`storage.link_texts`).

    With `running_total`, each row has after its count the receiver's running total in its
    category (an int), taken over every live transfer, so that a filtered register shows true totals.
    With `typed`, the date comes as a `PartialDate` and the count as an int (or "undisclosed"), as a
    frame or a sheet holds them, rather than as text to be read back.
    """
    statement = readers.transfer_statement(**filters)
    filtered = any(filters.values())
    # The date as stored (SQLite's text, PostgreSQL's date), not parsed again for each row.
    date = type_coerce(m.Transfer.date, String)
    t = m.Transfer
    parties = statement.selected_columns[-2:]
    columns = [t.key, date, t.date_precision, *parties, t.category, t.count, t.terms_text, t.exchange,
               t.intermediaries_text, t.location, t.sources_text, t.notes]  # fmt: skip
    windowed = running_total and filtered
    if windowed:  # the totals run over transfers the filters leave out: the database sums them
        running = (
            select(
                m.Transfer.id,
                func.sum(func.coalesce(m.Transfer.count, 0))
                .over(
                    partition_by=(m.Transfer.receiver_id, m.Transfer.category),
                    order_by=(m.Transfer.date, code_point_order(m.Transfer.key)),
                )
                .label("running_total"),
            ).where(m.Transfer.voided == false())
        ).subquery()
        statement = statement.join(running, running.c.id == m.Transfer.id)
        columns.append(running.c.running_total)
    totals: dict[tuple[str, str], int] = defaultdict(int)  # unfiltered, every row passes here in order
    dates = StoredDates()  # typed
    for row in driver_rows(session, statement.with_only_columns(*columns)):
        key, day, precision, deliverer, receiver, category, count, terms, exchange, via, place, cited, notes = row[:13]
        if typed:
            when: Any = dates[day, precision]
            number: Any = UNDISCLOSED if count is None else count
        else:
            day = day if isinstance(day, str) else day.isoformat()
            when, number = day[:7] if precision == "month" else day, UNDISCLOSED if count is None else str(count)
        cells: tuple[Any, ...] = (key, when, deliverer, receiver, category, number)
        if windowed:
            cells += (int(row[13]),)
        elif running_total:
            totals[receiver, category] += count or 0
            cells += (totals[receiver, category],)
        yield (*cells, terms, exchange or "", via, place or "", cited, notes or "")


class Handover(NamedTuple):
    """The live transfers of one day (or month), deliverer, receiver and category, summed."""

    date: PartialDate
    deliverer: str
    receiver: str
    category: str
    transfers: int
    people: int  # the disclosed counts summed
    undisclosed: int  # how many of the transfers are of undisclosed count
    first_key: str
    last_key: str  # in code-point order, as Python sorts them
    notes: str | None  # a lone transfer's


def handovers(session: Session, **filters: Any) -> Iterator[Handover]:
    """The transfers that pass the filters, summed per day (or month, for a month-dated transfer),
    deliverer, receiver and category, in date order (then first key): the lines of the timeline."""
    statement = readers.transfer_statement(**filters)
    t = m.Transfer
    deliverer, receiver = statement.selected_columns[-2:]
    key = code_point_order(t.key)
    lowest = func.min(key)
    statement = (
        statement.with_only_columns(
            type_coerce(t.date, String), t.date_precision, deliverer, receiver, t.category,
            func.count(), func.coalesce(func.sum(t.count), 0), func.count(t.count), lowest, func.max(key),
            func.max(t.notes),
        )
        .group_by(t.date, t.date_precision, deliverer.element, receiver.element, t.category)
        .order_by(None)
        .order_by(t.date, lowest)
    )  # fmt: skip
    dates = StoredDates()
    for day, precision, *row in driver_rows(session, statement):
        by, to, category, transfers, people, disclosed, first, last, notes = row
        yield Handover(
            dates[day, precision], by, to, category, transfers, int(people), transfers - disclosed, first, last, notes
        )


def rows(session: Session, entity: str, **filters: Any) -> list[dict[str, Any]]:
    """Every record of one kind that passes the filters, in a stable order."""
    return ENTITIES[entity].reader(session, **filters)


def one(
    session: Session, entity: str, key: str, *, with_id: bool = False, include_voided: bool = False
) -> dict[str, Any] | None:
    """One record by its key; a term's obligations come back as a list under `obligations`.

    The database id stays inside unless asked for (a claim's id is its key on the command line).
    """
    found = ENTITIES[entity].reader(session, key=key, include_voided=include_voided)
    return _whole(entity, found, with_id, include_voided)[0] if found else None


def records(
    session: Session, entity: str, *, with_id: bool = False, include_voided: bool = False, **filters: Any
) -> list[dict[str, Any]]:
    """Every record of one kind that passes the filters (`filter_names`) as `one` gives it (a term
    whole, with its obligations), in one read."""
    found = ENTITIES[entity].reader(session, include_voided=include_voided, **filters)
    return _whole(entity, found, with_id, include_voided)


def category_kinds(session: Session) -> dict[str, str]:
    """The live categories' kinds (living, remains, none) by code, in the order reports show them."""
    return {row["code"]: row["kind"] for row in readers.category_rows(session)}


def filter_names(entity: str) -> tuple[str, ...]:
    """The filters the records of one kind can be read with (`rows`, `records`)."""
    reader = readers.transfer_statement if entity == "transfer" else ENTITIES[entity].reader
    return tuple(
        name
        for name, parameter in inspect.signature(reader).parameters.items()
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY and name not in ("key", "include_voided")
    )


def _whole(entity: str, found: list[dict[str, Any]], with_id: bool, include_voided: bool) -> list[dict[str, Any]]:
    if entity == "term":
        terms: dict[str, dict[str, Any]] = {}
        for r in found:
            record = terms.get(r["term"])
            if record is None:
                record = {k: v for k, v in r.items() if k not in ("deliverer", "receiver", "quantity", "basis", "per")}
                record["obligations"] = []
                terms[r["term"]] = record
            if r["deliverer"] is not None:
                # A ratio's base is in its state only when set, so that older states hash as they did.
                record["obligations"].append(
                    {"deliverer": r["deliverer"], "receiver": r["receiver"], "quantity": r["quantity"],
                     "basis": r["basis"], **({"per": r["per"]} if r["per"] is not None else {})}
                )  # fmt: skip
        found = list(terms.values())
    hidden = (() if with_id else ("id",) if entity != "claim" else ()) + (() if include_voided else ("voided",))
    if not hidden:
        return found
    return [{k: v for k, v in record.items() if k not in hidden} for record in found]


def raw_of(entity: str, row: dict[str, Any]) -> dict[str, Any]:
    """A record as read here, as the text of its data-package row (what the rules check)."""
    return encoding.record_cells(entity, row)
