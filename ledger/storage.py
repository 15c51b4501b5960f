"""Storing clean records (`ledger.rules`' records) with their links, in the caller's transaction.

Each entity's `store_ENTITY(session, record, existing_id=None)` inserts a record, or rewrites
the one with that id, and replaces its link rows whole (aliases, participants, citations,
obligations, allocations). A transfer's lists are also kept as text on the transfer, for the
registers and dumps of a million transfers: `link_texts` (from a record) and `sql.transfer_lists`
(from the stored links) write that text with the same functions, `encoding.term_item` and `encoding.list_text`,
so that what is stored and what `ledger check` recomputes are the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from ledger import bulk
from ledger import models as m
from ledger.encoding import list_text, term_item

if TYPE_CHECKING:
    from ledger import rules


# Storing clean records: a new row, or (amending) the same row with new values. Link rows (aliases,
# participants, citations, allocations) are replaced whole, in the order given.


def _save(session: Session, model: Any, existing: int | None, **values: Any) -> int:
    if existing is None:
        return session.execute(insert(model).values(**values)).inserted_primary_key[0]
    session.execute(update(model).where(model.id == existing).values(**values))
    return existing


def _links(session: Session, model: Any, owner: str, owner_id: int, rows: list[dict], replace: bool) -> None:
    if replace:
        session.execute(delete(model).where(getattr(model, owner) == owner_id))
    if rows:
        session.execute(insert(model), [{owner: owner_id, "position": i, **row} for i, row in enumerate(rows)])


def _partial(value: Any, prefix: str) -> dict[str, Any]:
    """A PartialDate as its two columns."""
    return {prefix: value.value if value else None, f"{prefix}_precision": value.precision if value else None}


def store_party(session: Session, r: rules.PartyRecord, existing: int | None = None) -> int:
    party_id = _save(session, m.Party, existing, code=r.code, name=r.name, kind=r.kind)
    _links(session, m.PartyAlias, "party_id", party_id, [{"alias": a} for a in r.aliases], existing is not None)
    return party_id


def store_category(session: Session, r: rules.CategoryRecord, existing: int | None = None) -> int:
    """An added category, placed after every other (reports show categories in their order)."""
    if existing is not None:
        return _save(session, m.Category, existing, name=r.name, kind=r.kind)
    position = (session.scalar(select(func.max(m.Category.position))) or 0) + 1
    return _save(session, m.Category, None, code=r.code, name=r.name, kind=r.kind, position=position, builtin=False)


def store_source(session: Session, r: rules.SourceRecord, existing: int | None = None) -> int:
    return _save(
        session,
        m.Source,
        existing,
        key=r.key,
        publisher=r.publisher,
        title=r.title,
        url=r.url,
        language=r.language,
        kind=r.kind,
        **_partial(r.published, "published"),
    )


def store_process(session: Session, r: rules.ProcessRecord, existing: int | None = None) -> int:
    return _save(session, m.Process, existing, key=r.key, name=r.name, description=r.description)


def store_round(session: Session, r: rules.RoundRecord, existing: int | None = None) -> int:
    round_id = _save(
        session,
        m.Round,
        existing,
        key=r.key,
        process_id=r.process_id,
        number=r.number,
        start_date=r.start_date,
        end_date=r.end_date,
        status=r.status,
        venue=r.venue,
        city=r.city,
        country=r.country,
        notes=r.notes,
    )
    replace = existing is not None
    participants = [{"party_id": party_id, "role": role} for party_id, role in r.participants]
    _links(session, m.RoundParticipant, "round_id", round_id, participants, replace)
    heads = [{"party_id": party_id, "name": name} for party_id, name in r.heads]
    _links(session, m.DelegationHead, "round_id", round_id, heads, replace)
    _links(session, m.RoundSource, "round_id", round_id, [{"source_id": s} for s in r.source_ids], replace)
    return round_id


def store_term(session: Session, r: rules.TermRecord, existing: int | None = None) -> int:
    term_id = _save(
        session,
        m.Term,
        existing,
        key=r.key,
        round_id=r.round_id,
        category=r.category,
        min_age=r.min_age,
        max_age=r.max_age,
        condition=r.condition,
        status=r.status,
        supersedes_id=r.supersedes_id,
        description=r.description,
        deadline_duration=str(r.deadline_duration) if r.deadline_duration else None,
        **_partial(r.deadline, "deadline"),
    )
    if existing is not None:
        session.execute(delete(m.Obligation).where(m.Obligation.term_id == term_id))
    if r.obligations:
        session.execute(
            insert(m.Obligation),
            [
                {
                    "term_id": term_id,
                    "deliverer_id": o.deliverer_id,
                    "receiver_id": o.receiver_id,
                    "quantity": o.quantity,
                    "basis": o.basis,
                    "per_id": o.per_id,
                }
                for o in r.obligations
            ],
        )
    _links(session, m.TermSource, "term_id", term_id, [{"source_id": s} for s in r.source_ids], existing is not None)
    return term_id


def _transfer_columns(r: rules.TransferRecord) -> dict[str, Any]:
    return {
        "key": r.key, "date": r.date.value, "date_precision": r.date.precision, "deliverer_id": r.deliverer_id,
        "receiver_id": r.receiver_id, "category": r.category, "count": r.count, "exchange": r.exchange,
        "location": r.location, "notes": r.notes,
    }  # fmt: skip


# A transfer's lists as the text of their package cells, stored on the transfer beside its links
# (which the rules, filters and allocation read), so that a register or a dump of a million
# transfers reads them with the transfer rather than reading every link again.
LINK_TEXTS = ("terms_text", "intermediaries_text", "sources_text")

Names = Callable[[str, int], str]  # (entity, id) -> the key or code a link names


def link_texts(r: rules.TransferRecord, name: Names) -> tuple[str, str, str]:
    """A transfer's terms (a term given a count as `term:count`), intermediaries and sources."""
    return (
        list_text([term_item(name("term", t), n) for t, n in r.allocations]),
        list_text([name("party", p) for p in r.intermediary_ids]),
        list_text([name("source", s) for s in r.source_ids]),
    )


def _link_names(session: Session, records: list[rules.TransferRecord]) -> Names:
    """The keys the records' links name, read in one query for each kind."""
    wanted = {
        m.Term.key: {t for r in records for t, _ in r.allocations},
        m.Party.code: {p for r in records for p in r.intermediary_ids},
        m.Source.key: {s for r in records for s in r.source_ids},
    }
    names: dict[tuple[str, int], str] = {}
    for column, ids in wanted.items():
        if ids:
            table = column.class_
            found = session.execute(select(table.id, column).where(table.id.in_(ids)))
            names.update(((table.__tablename__, id), key) for id, key in found)
    return lambda entity, id: names[entity, id]


def store_transfer(session: Session, r: rules.TransferRecord, existing: int | None = None) -> int:
    if existing is None:
        return store_transfers(session, [r])[0]
    texts = dict(zip(LINK_TEXTS, link_texts(r, _link_names(session, [r])), strict=True))
    _save(session, m.Transfer, existing, **_transfer_columns(r), **texts)
    allocations = [{"term_id": term_id, "count": count} for term_id, count in r.allocations]
    _links(session, m.Allocation, "transfer_id", existing, allocations, True)
    via = [{"party_id": party_id} for party_id in r.intermediary_ids]
    _links(session, m.TransferIntermediary, "transfer_id", existing, via, True)
    _links(session, m.TransferSource, "transfer_id", existing, [{"source_id": s} for s in r.source_ids], True)
    return existing


def store_transfers(
    session: Session,
    records: list[rules.TransferRecord],
    texts: list[tuple[str, str, str]] | None = None,
    leaves: list[tuple[str, int]] | None = None,
) -> list[int]:
    """Insert new transfers and their links in a few bulk statements, whatever their number; `texts`
    are their `link_texts`, if the caller has them already, and `leaves` their journal leaves (hex
    leaf hash, leaf index: `Journal.batched`), written in the same statement (else NULL until the
    journal records them)."""
    connection = session.connection()
    if texts is None:
        name = _link_names(session, records)
        texts = [link_texts(r, name) for r in records]
    ids = bulk.next_ids(connection, "transfer", len(records))
    placed = leaves if leaves is not None else [(None, None)] * len(records)
    bulk.insert_rows(
        connection, "transfer", TRANSFER_COLUMNS,
        ((id, r.key, r.date.value.isoformat(), r.date.precision, r.deliverer_id, r.receiver_id, r.category, r.count,
          r.exchange, r.location, r.notes, False, *lists, *leaf)
         for id, r, lists, leaf in zip(ids, records, texts, placed, strict=True)),
    )  # fmt: skip
    pairs = list(zip(ids, records, strict=True))
    allocations = [(id, t, n, i) for id, r in pairs for i, (t, n) in enumerate(r.allocations)]
    if allocations:
        bulk.insert_rows(connection, "allocation", ("transfer_id", "term_id", "count", "position"), allocations)
    via = [(id, p, i) for id, r in pairs for i, p in enumerate(r.intermediary_ids)]
    if via:
        bulk.insert_rows(connection, "transfer_intermediary", ("transfer_id", "party_id", "position"), via)
    cited = [(id, s, i) for id, r in pairs for i, s in enumerate(r.source_ids)]
    if cited:
        bulk.insert_rows(connection, "transfer_source", ("transfer_id", "source_id", "position"), cited)
    return ids


TRANSFER_COLUMNS = ("id", "key", "date", "date_precision", "deliverer_id", "receiver_id", "category", "count",
                    "exchange", "location", "notes", "voided", *LINK_TEXTS, "leaf", "leaf_index")  # fmt: skip


def store_claim(session: Session, r: rules.ClaimRecord, existing: int | None = None) -> int:
    subjects = {f"{kind}_id": None for kind in ("round", "term", "transfer")}
    subjects[f"{r.subject_type}_id"] = r.subject_id
    return _save(
        session,
        m.Claim,
        existing,
        subject_type=r.subject_type,
        field=r.field,
        value=r.value,
        source_id=r.source_id,
        claimant=r.claimant,
        quote=r.quote,
        **subjects,
        **_partial(r.stated_on, "stated_on"),
    )


def store_assertion(session: Session, r: rules.AssertionRecord, existing: int | None = None) -> int:
    scopes = {f"{kind}_id": None for kind in ("term", "round", "process")}
    if r.scope_type:
        scopes[f"{r.scope_type}_id"] = r.scope_id
    return _save(
        session,
        m.Assertion,
        existing,
        key=r.key,
        as_of=r.as_of.value,
        deliverer_id=r.deliverer_id,
        receiver_id=r.receiver_id,
        category=r.category,
        scope_type=r.scope_type,
        expected=r.expected,
        source_id=r.source_id,
        **scopes,
    )
