"""What depends on what: the live records whose rules read a round or a term, checked again after
an amend (`dependent_problems`); the live records that refer to a record, which voiding it
would leave pointing at nothing (`live_dependents`); and the directions of the allocation a
record takes part in (`directions_of`), which a write to it reallocates.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import false, or_, select
from sqlalchemy.orm import Session, aliased

from ledger import models as m
from ledger import queries, rules
from ledger.catalog import CachedCatalog
from ledger.entities import ENTITIES
from ledger.shares import Direction
from ledger.sql import code_point_order

# The entities other records' rules read, with the fields those rules read (the option an amend that
# breaks them is refused on is the first of these it changes): `Entity.read_by_rules`.
DEPENDED_ON = {e.name: e.read_by_rules for e in ENTITIES.values() if e.read_by_rules}


MAX_DEPENDENT_PROBLEMS = 20


def dependent_problems(session: Session, entity: str, key: str) -> list[tuple[str, str, rules.Problem]]:
    """What the rules find wrong, as the ledger now stands, with the live records whose rules read a
    round or a term: a round's terms (a deadline, a lineage), the terms that supersede them or the
    term, the ratios that count per them (a direction), and the transfers that name them (a date,
    a direction). Each as (entity, key, problem).

    An amend checks them after storing the change, so that it obeys the rules a load of the
    resulting ledger would."""
    term, live = m.Term, m.Term.voided == false()
    by_key = code_point_order(term.key)
    if entity == "category":  # its kind: whether its terms have obligations, its transfers count people
        terms = list(session.scalars(select(term.key).where(term.category == key, live).order_by(by_key)))
        transfers = {t["key"]: t for t in queries.rows(session, "transfer", category=key)}
        for k in terms:  # and those of other categories counted towards its terms
            transfers.update((t["key"], t) for t in queries.rows(session, "transfer", term=k))
        dependents = {
            "term": [queries.one(session, "term", k) for k in terms],
            "transfer": list(transfers.values()),
            "assertion": queries.rows(session, "assertion", category=key),
        }
        return _problems(session, dependents)
    if entity == "round":
        own = select(term.id).join(m.Round, m.Round.id == term.round_id).where(m.Round.key == key)
        terms = list(session.scalars(select(term.key).where(term.id.in_(own), live).order_by(by_key)))
    else:
        own, terms = select(term.id).where(term.key == key), []
    terms += session.scalars(select(term.key).where(term.supersedes_id.in_(own), live).order_by(by_key))
    ratios = select(m.Obligation.term_id).where(m.Obligation.per_id.in_(own))  # that count per one of them
    terms += session.scalars(select(term.key).where(term.id.in_(ratios), live).order_by(by_key))
    dependents = {
        "term": [queries.one(session, "term", k) for k in dict.fromkeys(terms)],
        "transfer": queries.rows(session, "transfer", **{entity: key}),
    }
    return _problems(session, dependents)


def _problems(session: Session, dependents: dict[str, list[Any]]) -> list[tuple[str, str, rules.Problem]]:
    catalog = CachedCatalog(session)
    problems: list[tuple[str, str, rules.Problem]] = []
    for kind, rows in dependents.items():
        check = ENTITIES[kind].check
        for row in rows:
            _, found = check(queries.raw_of(kind, row), catalog, amending=True)
            problems += [(kind, row.get("term") or row["key"], p) for p in found]
    return problems


def directions_of(session: Session, entity: str, record_id: int) -> set[Direction]:
    """The directions whose allocation a record takes part in (none for most entities): a term's
    own, and those of the term it supersedes, which its status and lineage open or close."""
    if entity == "transfer":
        found = session.execute(
            select(m.Transfer.deliverer_id, m.Transfer.receiver_id).where(m.Transfer.id == record_id)
        ).first()
        return {tuple(found)} if found else set()  # type: ignore[arg-type]
    if entity in ("term", "round"):
        statement = select(m.Obligation.deliverer_id, m.Obligation.receiver_id).join(
            m.Term, m.Term.id == m.Obligation.term_id
        )
        if entity == "term":
            term = aliased(m.Term)
            superseded = select(term.supersedes_id).where(term.id == record_id).scalar_subquery()
            statement = statement.where(or_(m.Term.id == record_id, m.Term.id == superseded))
        else:
            statement = statement.where(m.Term.round_id == record_id)
        return {tuple(row) for row in session.execute(statement.distinct())}  # type: ignore[misc]
    return set()


def live_dependents(session: Session, entity: str, key: str) -> list[tuple[str, str]]:
    """The live records that refer to a record: what voiding it would leave pointing at nothing."""
    found: list[tuple[str, str]] = []

    def add(kind: str, statement: Any) -> None:
        found.extend((kind, str(k)) for k in session.scalars(statement.distinct()))

    live = {e.name: e.model.voided == false() for e in ENTITIES.values()}
    if entity == "party":
        party = select(m.Party.id).where(m.Party.code == key).scalar_subquery()
        add(
            "round",
            select(m.Round.key).join(m.RoundParticipant).where(m.RoundParticipant.party_id == party, live["round"]),
        )
        add("term", select(m.Term.key).join(m.Obligation, m.Obligation.term_id == m.Term.id).where(
            (m.Obligation.deliverer_id == party) | (m.Obligation.receiver_id == party), live["term"]))  # fmt: skip
        add("transfer", select(m.Transfer.key).outerjoin(m.TransferIntermediary).where(
            (m.Transfer.deliverer_id == party) | (m.Transfer.receiver_id == party)
            | (m.TransferIntermediary.party_id == party), live["transfer"]))  # fmt: skip
        add("assertion", select(m.Assertion.key).where(
            (m.Assertion.deliverer_id == party) | (m.Assertion.receiver_id == party), live["assertion"]))  # fmt: skip
    elif entity == "source":
        source = select(m.Source.id).where(m.Source.key == key).scalar_subquery()
        add("round", select(m.Round.key).join(m.RoundSource).where(m.RoundSource.source_id == source, live["round"]))
        add("term", select(m.Term.key).join(m.TermSource).where(m.TermSource.source_id == source, live["term"]))
        add("transfer", select(m.Transfer.key).join(m.TransferSource).where(
            m.TransferSource.source_id == source, live["transfer"]))  # fmt: skip
        add("claim", select(m.Claim.id).where(m.Claim.source_id == source, live["claim"]))
        add("assertion", select(m.Assertion.key).where(m.Assertion.source_id == source, live["assertion"]))
    elif entity == "category":
        add("term", select(m.Term.key).where(m.Term.category == key, live["term"]))
        add("transfer", select(m.Transfer.key).where(m.Transfer.category == key, live["transfer"]))
        add("assertion", select(m.Assertion.key).where(m.Assertion.category == key, live["assertion"]))
    elif entity == "process":
        process = select(m.Process.id).where(m.Process.key == key).scalar_subquery()
        add("round", select(m.Round.key).where(m.Round.process_id == process, live["round"]))
        add("assertion", select(m.Assertion.key).where(m.Assertion.process_id == process, live["assertion"]))
    elif entity == "round":
        round_ = select(m.Round.id).where(m.Round.key == key).scalar_subquery()
        add("term", select(m.Term.key).where(m.Term.round_id == round_, live["term"]))
        add("claim", select(m.Claim.id).where(m.Claim.round_id == round_, live["claim"]))
        add("assertion", select(m.Assertion.key).where(m.Assertion.round_id == round_, live["assertion"]))
    elif entity == "term":
        term = select(m.Term.id).where(m.Term.key == key).scalar_subquery()
        add("term", select(m.Term.key).where(m.Term.supersedes_id == term, live["term"]))
        add("term", select(m.Term.key).join(m.Obligation, m.Obligation.term_id == m.Term.id).where(
            m.Obligation.per_id == term, live["term"]))  # fmt: skip
        add("transfer", select(m.Transfer.key).join(m.Allocation).where(m.Allocation.term_id == term, live["transfer"]))
        add("claim", select(m.Claim.id).where(m.Claim.term_id == term, live["claim"]))
        add("assertion", select(m.Assertion.key).where(m.Assertion.term_id == term, live["assertion"]))
    elif entity == "transfer":
        transfer = select(m.Transfer.id).where(m.Transfer.key == key).scalar_subquery()
        add("claim", select(m.Claim.id).where(m.Claim.transfer_id == transfer, live["claim"]))
    return found
