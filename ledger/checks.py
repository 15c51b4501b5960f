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

from dataclasses import dataclass

from sqlalchemy import Engine, case, false, func, select
from sqlalchemy.orm import Session

from ledger import db, derived, queries, sql
from ledger import models as m
from ledger.catalog import CachedCatalog
from ledger.entities import ENTITIES


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
        records = 0
        catalog = CachedCatalog(session)  # each party, source, round and term looked up once
        catalog.know_every_term()
        for entity, spec in ENTITIES.items():
            check_rules = spec.check
            if entity == "term":
                stored = [
                    queries.one(session, "term", key)
                    for key in dict.fromkeys(r["term"] for r in queries.rows(session, "term"))
                ]
            else:
                stored = queries.rows(session, entity)
            for row in stored:
                records += 1
                _, problems = check_rules(queries.raw_of(entity, row), catalog, amending=True)
                name = row.get("code") or row.get("key") or row.get("term") or f"#{row.get('id')}"
                failures += [Failure(f"{entity} {name}", str(p)) for p in problems]
        failures += [Failure(*found) for found in derived.stored_lists(session) + derived.share_copies(session)]
    return CheckReport(failures, len(assertions), len(assertions) - failed_assertions, records)
