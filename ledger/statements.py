"""The readers of what sources state about the record: claims (a figure as a source or speaker
stated it) and assertions (a published running total to check the ledger against). They follow
`ledger.readers`' pattern, which names them as its own."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import false, or_, select
from sqlalchemy.orm import Session

from ledger import domain
from ledger import models as m
from ledger.dates import stored
from ledger.sql import code_point_order, party_aliases


def claim_rows(
    session: Session,
    *,
    subject: str | None = None,
    field: str | None = None,
    source: str | None = None,
    key: str | None = None,
    include_voided: bool = False,
) -> list[dict]:
    subject_key = m.Round.key.label("round_key"), m.Term.key.label("term_key"), m.Transfer.key.label("transfer_key")
    statement = (
        select(m.Claim, m.Source.key.label("source_key"), *subject_key)
        .join(m.Source, m.Source.id == m.Claim.source_id)
        .outerjoin(m.Round, m.Round.id == m.Claim.round_id)
        .outerjoin(m.Term, m.Term.id == m.Claim.term_id)
        .outerjoin(m.Transfer, m.Transfer.id == m.Claim.transfer_id)
        .order_by(m.Claim.id)
    )
    if subject:
        kind, _, subject_name = subject.partition(":")
        column = {"round": m.Round.key, "term": m.Term.key, "transfer": m.Transfer.key}.get(kind)
        if column is None:
            return []
        statement = statement.where(m.Claim.subject_type == kind, column == subject_name)
    if field:
        statement = statement.where(m.Claim.field == field)
    if source:
        statement = statement.where(m.Source.key == source)
    if not include_voided:
        statement = statement.where(m.Claim.voided == false())
    if key:
        try:
            claim_id = domain.parse_whole(key, minimum=1)
        except domain.ValueProblem:  # not an id, or past any the ledger holds
            return []
        statement = statement.where(m.Claim.id == claim_id)
    rows = []
    for row in session.execute(statement):
        c = row.Claim
        name = {"round": row.round_key, "term": row.term_key, "transfer": row.transfer_key}[c.subject_type]
        rows.append(
            {
                "id": c.id,
                "voided": c.voided,
                "subject": f"{c.subject_type}:{name}",
                "field": c.field,
                "value": c.value,
                "source": row.source_key,
                "claimant": c.claimant or None,
                "stated_on": stored(c.stated_on, c.stated_on_precision),
                "quote": c.quote,
            }
        )
    return rows


def assertion_rows(
    session: Session,
    *,
    party: str | None = None,
    category: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    key: str | None = None,
    include_voided: bool = False,
) -> list[dict]:
    deliverer, receiver = party_aliases()
    statement = (
        select(
            m.Assertion,
            deliverer.code.label("deliverer"),
            receiver.code.label("receiver"),
            m.Source.key.label("source_key"),
            m.Term.key.label("term_key"),
            m.Round.key.label("round_key"),
            m.Process.key.label("process_key"),
        )
        .join(deliverer, deliverer.id == m.Assertion.deliverer_id)
        .join(receiver, receiver.id == m.Assertion.receiver_id)
        .outerjoin(m.Source, m.Source.id == m.Assertion.source_id)
        .outerjoin(m.Term, m.Term.id == m.Assertion.term_id)
        .outerjoin(m.Round, m.Round.id == m.Assertion.round_id)
        .outerjoin(m.Process, m.Process.id == m.Assertion.process_id)
        .order_by(m.Assertion.as_of, code_point_order(m.Assertion.key))
    )
    if party:
        statement = statement.where(or_(deliverer.code == party, receiver.code == party))
    if category:
        statement = statement.where(m.Assertion.category == category)
    if since:
        statement = statement.where(m.Assertion.as_of >= since)
    if until:
        statement = statement.where(m.Assertion.as_of <= until)
    if not include_voided:
        statement = statement.where(m.Assertion.voided == false())
    if key:
        statement = statement.where(m.Assertion.key == key)
    rows = []
    for row in session.execute(statement):
        a = row.Assertion
        scope_key = {"term": row.term_key, "round": row.round_key, "process": row.process_key}.get(a.scope_type or "")
        rows.append(
            {
                "id": a.id,
                "voided": a.voided,
                "key": a.key,
                "as_of": a.as_of,
                "deliverer": row.deliverer,
                "receiver": row.receiver,
                "category": a.category,
                "scope": f"{a.scope_type}:{scope_key}" if a.scope_type else None,
                "expected": a.expected,
                "source": row.source_key,
            }
        )
    return rows
