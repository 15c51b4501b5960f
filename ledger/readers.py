"""The entity readers: each entity's records as rows, one dict per record (a term: one per
obligation), keyed by the data package's column names, filtered and in a stable order.

Each is `ENTITY_rows(session, *, FILTERS..., key=None, include_voided=False)` and is bound to its
entity in `ledger.entities`; `ledger.queries` dispatches to them. Lists inside a record (aliases,
participants, sources) are fetched with one query per list for all rows at once, never one query
per row. Dates come back as `PartialDate` (or `date`), counts as integers, lists as lists.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from sqlalchemy import Select, false, or_, select
from sqlalchemy.orm import Session, aliased

from ledger import models as m
from ledger.dates import on_or_after, stored
from ledger.domain import UNDISCLOSED, PartialDate
from ledger.sql import code_point_order, grouped, party_aliases, transfer_lists
from ledger.statements import assertion_rows as assertion_rows  # bound in `ledger.entities` as readers'
from ledger.statements import claim_rows as claim_rows


def _sources(session: Session, link: Any, owner_column: Any, ids: Any) -> dict[int, list[str]]:
    """The sources of each owner, for owners given as ids or as a subquery of ids."""
    return grouped(
        session,
        select(owner_column, m.Source.key)
        .join(m.Source, m.Source.id == link.source_id)
        .where(owner_column.in_(ids))
        .order_by(owner_column, link.position),
    )


def party_rows(
    session: Session, *, kind: str | None = None, key: str | None = None, include_voided: bool = False
) -> list[dict]:
    statement = select(m.Party).order_by(code_point_order(m.Party.code))
    if kind:
        statement = statement.where(m.Party.kind == kind)
    if not include_voided:
        statement = statement.where(m.Party.voided == false())
    if key:
        statement = statement.where(m.Party.code == key)
    parties = list(session.scalars(statement))
    aliases = grouped(
        session,
        select(m.PartyAlias.party_id, m.PartyAlias.alias)
        .where(m.PartyAlias.party_id.in_([p.id for p in parties]))
        .order_by(m.PartyAlias.party_id, m.PartyAlias.position),
    )
    return [
        {
            "id": p.id,
            "voided": p.voided,
            "code": p.code,
            "name": p.name,
            "kind": p.kind,
            "aliases": aliases.get(p.id, []),
        }
        for p in parties
    ]


def source_rows(
    session: Session,
    *,
    kind: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    key: str | None = None,
    include_voided: bool = False,
) -> list[dict]:
    statement = select(m.Source).order_by(code_point_order(m.Source.key))
    if kind:
        statement = statement.where(m.Source.kind == kind)
    if since:
        statement = statement.where(on_or_after(m.Source.published, m.Source.published_precision, since))
    if until:
        statement = statement.where(m.Source.published <= until)
    if not include_voided:
        statement = statement.where(m.Source.voided == false())
    if key:
        statement = statement.where(m.Source.key == key)
    return [
        {
            "id": s.id,
            "voided": s.voided,
            "key": s.key,
            "publisher": s.publisher,
            "title": s.title,
            "url": s.url,
            "published": stored(s.published, s.published_precision),
            "language": s.language,
            "kind": s.kind,
        }
        for s in session.scalars(statement)
    ]


def process_rows(session: Session, *, key: str | None = None, include_voided: bool = False) -> list[dict]:
    statement = select(m.Process).order_by(code_point_order(m.Process.key))
    if not include_voided:
        statement = statement.where(m.Process.voided == false())
    if key:
        statement = statement.where(m.Process.key == key)
    return [
        {"id": p.id, "voided": p.voided, "key": p.key, "name": p.name, "description": p.description}
        for p in session.scalars(statement)
    ]


def category_rows(
    session: Session,
    *,
    kind: str | None = None,
    builtin: bool | None = None,
    key: str | None = None,
    include_voided: bool = False,
) -> list[dict]:
    """The categories in the order reports show them: the built-in ones first, then those added."""
    statement = select(m.Category).order_by(m.Category.position, m.Category.id)
    if kind:
        statement = statement.where(m.Category.kind == kind)
    if builtin is not None:
        statement = statement.where(m.Category.builtin == builtin)
    if not include_voided:
        statement = statement.where(m.Category.voided == false())
    if key:
        statement = statement.where(m.Category.code == key)
    return [
        {"id": c.id, "voided": c.voided, "code": c.code, "name": c.name, "kind": c.kind, "builtin": c.builtin}
        for c in session.scalars(statement)
    ]


def round_rows(
    session: Session,
    *,
    process: str | None = None,
    party: str | None = None,
    status: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    key: str | None = None,
    include_voided: bool = False,
) -> list[dict]:
    statement = (
        select(m.Round, m.Process.key)
        .join(m.Process, m.Process.id == m.Round.process_id)
        .order_by(code_point_order(m.Process.key), m.Round.number)
    )
    if process:
        statement = statement.where(m.Process.key == process)
    if party:
        statement = statement.where(
            m.Round.id.in_(
                select(m.RoundParticipant.round_id)
                .join(m.Party, m.Party.id == m.RoundParticipant.party_id)
                .where(m.Party.code == party)
            )
        )
    if status:
        statement = statement.where(m.Round.status == status)
    if since:
        statement = statement.where(m.Round.start_date >= since)
    if until:
        statement = statement.where(m.Round.start_date <= until)
    if not include_voided:
        statement = statement.where(m.Round.voided == false())
    if key:
        statement = statement.where(m.Round.key == key)
    found = session.execute(statement).all()
    ids = [r.id for r, _ in found]
    roles: dict[tuple[int, str], list[str]] = defaultdict(list)
    for round_id, role, code in session.execute(
        select(m.RoundParticipant.round_id, m.RoundParticipant.role, m.Party.code)
        .join(m.Party, m.Party.id == m.RoundParticipant.party_id)
        .where(m.RoundParticipant.round_id.in_(ids))
        .order_by(m.RoundParticipant.round_id, m.RoundParticipant.position)
    ):
        roles[(round_id, role)].append(code)
    heads = grouped(
        session,
        select(m.DelegationHead.round_id, m.Party.code + "=" + m.DelegationHead.name)
        .join(m.Party, m.Party.id == m.DelegationHead.party_id)
        .where(m.DelegationHead.round_id.in_(ids))
        .order_by(m.DelegationHead.round_id, m.DelegationHead.position),
    )
    sources = _sources(session, m.RoundSource, m.RoundSource.round_id, ids)
    return [
        {
            "id": r.id,
            "voided": r.voided,
            "key": r.key,
            "process": process_key,
            "number": r.number,
            "start_date": r.start_date,
            "end_date": r.end_date,
            "status": r.status,
            "venue": r.venue,
            "city": r.city,
            "country": r.country,
            "parties": roles[(r.id, "party")],
            "mediators": roles[(r.id, "mediator")],
            "hosts": roles[(r.id, "host")],
            "observers": roles[(r.id, "observer")],
            "heads": heads.get(r.id, []),
            "sources": sources.get(r.id, []),
            "notes": r.notes,
        }
        for r, process_key in found
    ]


def term_rows(
    session: Session,
    *,
    process: str | None = None,
    round: str | None = None,
    party: str | None = None,
    category: str | None = None,
    status: str | None = None,
    key: str | None = None,
    include_voided: bool = False,
) -> list[dict]:
    """One row per obligation (a term with none has one row with empty sides)."""
    deliverer, receiver = party_aliases()
    superseded = aliased(m.Term, name="superseded")
    base = aliased(m.Term, name="base")
    statement = (
        select(
            m.Term,
            m.Round.key.label("round_key"),
            superseded.key.label("supersedes_key"),
            m.Obligation.quantity,
            m.Obligation.basis,
            base.key.label("per"),
            deliverer.code.label("deliverer"),
            receiver.code.label("receiver"),
        )
        .join(m.Round, m.Round.id == m.Term.round_id)
        .join(m.Process, m.Process.id == m.Round.process_id)
        .outerjoin(superseded, superseded.id == m.Term.supersedes_id)
        .outerjoin(m.Obligation, m.Obligation.term_id == m.Term.id)
        .outerjoin(base, base.id == m.Obligation.per_id)
        .outerjoin(deliverer, deliverer.id == m.Obligation.deliverer_id)
        .outerjoin(receiver, receiver.id == m.Obligation.receiver_id)
        .order_by(m.Round.start_date, m.Round.number, code_point_order(m.Term.key), m.Obligation.id)
    )
    if process:
        statement = statement.where(m.Process.key == process)
    if round:
        statement = statement.where(m.Round.key == round)
    if party:
        statement = statement.where(or_(deliverer.code == party, receiver.code == party))
    if category:
        statement = statement.where(m.Term.category == category)
    if status:
        statement = statement.where(m.Term.status == status)
    if not include_voided:
        statement = statement.where(m.Term.voided == false())
    if key:
        statement = statement.where(m.Term.key == key)
    found = session.execute(statement).all()
    sources = _sources(session, m.TermSource, m.TermSource.term_id, list({row.Term.id for row in found}))
    return [
        {
            "id": row.Term.id,
            "voided": row.Term.voided,
            "term": row.Term.key,
            "round": row.round_key,
            "category": row.Term.category,
            "deliverer": row.deliverer,
            "receiver": row.receiver,
            "quantity": row.quantity,
            "basis": row.basis,
            "per": row.per,
            "min_age": row.Term.min_age,
            "max_age": row.Term.max_age,
            "condition": row.Term.condition,
            "status": row.Term.status,
            "supersedes": row.supersedes_key,
            "deadline": row.Term.deadline_duration or stored(row.Term.deadline, row.Term.deadline_precision),
            "sources": sources.get(row.Term.id, []),
            "description": row.Term.description,
        }
        for row in found
    ]


def transfer_statement(
    *,
    process: str | None = None,
    round: str | None = None,
    term: str | None = None,
    party: str | None = None,
    category: str | None = None,
    exchange: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    key: str | None = None,
    include_voided: bool = False,
) -> Select:
    """The transfers that pass the filters, in date order, as columns with the parties' codes."""
    deliverer, receiver = party_aliases()
    statement = (
        # Columns, not ORM objects: a register or dump reads every transfer.
        select(
            m.Transfer.id,
            m.Transfer.voided,
            m.Transfer.key,
            m.Transfer.date,
            m.Transfer.date_precision,
            m.Transfer.category,
            m.Transfer.count,
            m.Transfer.exchange,
            m.Transfer.location,
            m.Transfer.notes,
            deliverer.code.label("deliverer"),
            receiver.code.label("receiver"),
        )
        .join(deliverer, deliverer.id == m.Transfer.deliverer_id)
        .join(receiver, receiver.id == m.Transfer.receiver_id)
        .order_by(m.Transfer.date, code_point_order(m.Transfer.key))
    )
    if process or round or term:
        allocated = (
            select(m.Allocation.transfer_id)
            .join(m.Term, m.Term.id == m.Allocation.term_id)
            .join(m.Round, m.Round.id == m.Term.round_id)
            .join(m.Process, m.Process.id == m.Round.process_id)
        )
        if process:
            allocated = allocated.where(m.Process.key == process)
        if round:
            allocated = allocated.where(m.Round.key == round)
        if term:
            allocated = allocated.where(m.Term.key == term)
        statement = statement.where(m.Transfer.id.in_(allocated))
    if party:
        statement = statement.where(or_(deliverer.code == party, receiver.code == party))
    if category:
        statement = statement.where(m.Transfer.category == category)
    if exchange:
        statement = statement.where(m.Transfer.exchange == exchange)
    if since:
        statement = statement.where(on_or_after(m.Transfer.date, m.Transfer.date_precision, since))
    if until:
        statement = statement.where(m.Transfer.date <= until)
    if not include_voided:
        statement = statement.where(m.Transfer.voided == false())
    if key:
        statement = statement.where(m.Transfer.key == key)
    return statement


def transfer_rows(session: Session, **filters: Any) -> list[dict]:
    statement = transfer_statement(**filters)
    found = session.execute(statement).all()
    allocations, intermediaries, sources = transfer_lists(session, statement)
    rows = []
    for t in found:
        rows.append(
            {
                "id": t.id,
                "voided": t.voided,
                "key": t.key,
                "date": PartialDate(t.date, t.date_precision),  # type: ignore[arg-type]
                "deliverer": t.deliverer,
                "receiver": t.receiver,
                "category": t.category,
                "count": UNDISCLOSED if t.count is None else t.count,
                "terms": allocations.get(t.id, []),
                "exchange": t.exchange,
                "intermediaries": intermediaries.get(t.id, []),
                "location": t.location,
                "sources": sources.get(t.id, []),
                "notes": t.notes,
            }
        )
    return rows
