"""`ledger check`: every assertion against the ledger, and every rule over every record.

An assertion sums the transfers of its deliverer, receiver and category dated on or before its
as-of date (a transfer dated to a month counts from the first of that month); with a scope, only
the amounts allocated, explicitly or automatically, to the terms in that scope. Undisclosed
counts add nothing and are mentioned apart. The rules are those every write passes through,
applied again to what is stored, for records written before a rule existed or behind the
ledger's back. Each transfer's lists as stored for reports and dumps are compared with its links,
and the copy of its direction, category and date in each of its allocation shares with its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, String, case, false, func, select, type_coerce
from sqlalchemy.orm import Session

from ledger import db, derived, queries, sql
from ledger import models as m
from ledger.catalog import CachedCatalog
from ledger.domain import UNDISCLOSED, PartialDate
from ledger.encoding import list_text
from ledger.entities import ENTITIES
from ledger.rules import TransferChecker


@dataclass(frozen=True)
class Failure:
    subject: str
    message: str

    def __str__(self) -> str:
        return f"{self.subject}: {self.message}"


@dataclass
class CheckReport:
    failures: list[Failure]  # the failing assertions first, then the records a rule refuses
    assertions: int  # live assertions checked
    held: int  # of them, those whose total the ledger gives
    records: int  # records the rules were run over


def _total(session: Session, assertion: m.Assertion) -> tuple[int, int]:
    """The ledger's total for an assertion, and how many undisclosed transfers it leaves out."""
    transfer = m.Transfer
    matching = (
        transfer.deliverer_id == assertion.deliverer_id,
        transfer.receiver_id == assertion.receiver_id,
        transfer.category == assertion.category,
        transfer.date <= assertion.as_of,
        transfer.voided == false(),
    )
    if assertion.scope_type is None:
        statement = select(
            func.coalesce(func.sum(transfer.count), 0),
            func.coalesce(func.sum(case((transfer.count.is_(None), 1), else_=0)), 0),
        ).where(*matching)
    else:
        share = m.AllocationShare
        scope = {
            "term": m.Term.id == assertion.term_id,
            "round": m.Round.id == assertion.round_id,
            "process": m.Round.process_id == assertion.process_id,
        }[assertion.scope_type]
        statement = (
            select(
                func.coalesce(func.sum(share.amount), 0),
                func.coalesce(func.sum(case((share.amount.is_(None), 1), else_=0)), 0),
            )
            .select_from(share)
            .join(transfer, transfer.id == share.transfer_id)
            .join(m.Obligation, m.Obligation.id == share.obligation_id)
            .join(m.Term, m.Term.id == m.Obligation.term_id)
            .join(m.Round, m.Round.id == m.Term.round_id)
            .where(*matching, scope)
        )
    total, undisclosed = session.execute(statement).one()
    return int(total), int(undisclosed)


def _transfers(session: Session, catalog: CachedCatalog) -> tuple[list[Failure], list[Failure], int]:
    """Every transfer read once with its links, not held: the rules over each live one, as the
    text of its package row (`queries.raw_of` of its `queries.rows` row), in the order
    `queries.rows` gives; each one's list texts compared with its links (`derived.stored_lists`);
    and how many the rules were run over."""
    t = m.Transfer
    deliverer, receiver = sql.party_aliases()
    statement = (
        select(t.id, t.key, type_coerce(t.date, String), t.date_precision, deliverer.code, receiver.code, t.category,
               t.count, t.exchange, t.location, t.notes, t.voided, t.terms_text, t.intermediaries_text, t.sources_text)
        .join(deliverer, deliverer.id == t.deliverer_id)
        .join(receiver, receiver.id == t.receiver_id)
        .order_by(t.id)
    )  # fmt: skip
    check = TransferChecker(catalog, amending=True)
    dates: dict[tuple[Any, str], str] = {}
    broken: list[tuple[Any, str, Failure]] = []
    lists: list[derived.Difference] = []
    checked = 0
    for row, linked in sql.linked_transfers(session, statement):
        _, key, day, precision, by, to, category, count, exchange, location, notes, voided, *texts = row
        terms, via, sources = (list_text(items) for items in linked)
        if texts != [terms, via, sources]:
            lists += derived.list_differences(key, texts, linked)
        if voided:
            continue
        date = dates.get((day, precision))
        if date is None:
            value = day if isinstance(day, dt.date) else dt.date.fromisoformat(day)
            date = dates[day, precision] = str(PartialDate(value, precision))
        raw = {
            "key": key, "date": date, "deliverer": by, "receiver": to, "category": category or "",
            "count": UNDISCLOSED if count is None else str(count), "terms": terms, "exchange": exchange or "",
            "intermediaries": via, "location": location or "", "sources": sources, "notes": notes or "",
        }  # fmt: skip
        checked += 1
        _, problems = check(raw)
        broken += [(day, key, Failure(f"transfer {key}", str(p))) for p in problems]
    broken.sort(key=lambda failure: failure[:2])  # by date, then key, each record's in its order
    return [failure for _, _, failure in broken], [Failure(*found) for found in derived.by_key(lists)], checked


def check(engine: Engine) -> CheckReport:
    failures: list[Failure] = []
    with db.reading(engine) as session:
        stated = {row["key"]: row for row in queries.rows(session, "assertion")}
        order = m.Assertion.as_of, sql.code_point_order(m.Assertion.key)
        assertions = list(session.scalars(select(m.Assertion).where(m.Assertion.voided == false()).order_by(*order)))
        for assertion in assertions:
            total, undisclosed = _total(session, assertion)
            if total != assertion.expected:
                row = stated[assertion.key]
                scope = f", scope {row['scope']}" if row["scope"] else ""
                source = f", source {row['source']}" if row["source"] else ""
                apart = (
                    f" (and {undisclosed} undisclosed transfer{'s' if undisclosed != 1 else ''})" if undisclosed else ""
                )
                failures.append(Failure(
                    f"assertion {assertion.key}",
                    f"expected {assertion.expected:,} {row['category']} {row['deliverer']} → {row['receiver']} "
                    f"by {assertion.as_of}{scope}{source}; the ledger has {total:,}{apart}",
                ))  # fmt: skip
        failed_assertions = len(failures)  # one failure per assertion that does not hold
        records, lists = 0, []
        catalog = CachedCatalog(session)  # each party, source, round and term looked up once
        catalog.know_every_term()
        for entity, spec in ENTITIES.items():
            if entity == "transfer":  # the many: read with their links in one pass, not held
                found, lists, checked = _transfers(session, catalog)
                failures += found
                records += checked
                continue
            check_rules = spec.check
            # Not the built-in categories: the schema's, not records anyone entered (`Entity.recorded`).
            recorded = spec.recorded
            stored = queries.records(session, "term") if entity == "term" else queries.rows(session, entity, **recorded)
            for row in stored:
                records += 1
                _, problems = check_rules(queries.raw_of(entity, row), catalog, amending=True)
                name = row.get("code") or row.get("key") or row.get("term") or f"#{row.get('id')}"
                failures += [Failure(f"{entity} {name}", str(p)) for p in problems]
        failures += lists + [Failure(*found) for found in derived.share_copies(session)]
    return CheckReport(failures, len(assertions), len(assertions) - failed_assertions, records)
