"""Use cases: open a ledger, add each kind of record, read records back. No click, no pandas.

Every add runs in one write transaction: the rules are checked against the ledger as it stands
inside that transaction, then the record and its links are stored, or nothing is. A constraint
the database still refuses (another writer took the key a moment earlier) comes back as a
`Conflict` with a one-line message.
"""

from __future__ import annotations

import datetime as dt
import getpass
import itertools
import json
import os
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, String, and_, delete, false, func, insert, or_, select, text, type_coerce, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, aliased

from ledger import bulk, db, queries, rules
from ledger import models as m
from ledger.config import normalise_url, sqlite_path, utf8_text
from ledger.dates import days
from ledger.domain import PartialDate
from ledger.errors import Conflict, InvalidInput, LedgerError, NotFound, SchemaError
from ledger.journal import Journal, Verification, verify


def display_url(url: str) -> str:
    """The database address as it may be printed: without its password."""
    return db.parse_url(url).render_as_string(hide_password=True)


def database_said(error: DBAPIError) -> str:
    """The first line of what the database (or its driver) said."""
    lines = str(error.orig if error.orig is not None else error).strip().splitlines()
    return lines[0] if lines else type(error.orig).__name__


def cannot(doing: str, url: str, error: DBAPIError) -> SchemaError:
    """Why the database at `url` could not be opened (or upgraded), in one line."""
    return SchemaError(f"cannot {doing} {display_url(url)}: {database_said(error)}")


# How each entity is named (a claim, which has no key, by its id).
KEY_COLUMNS: dict[str, Any] = {
    "party": m.Party.code,
    "source": m.Source.key,
    "process": m.Process.key,
    "round": m.Round.key,
    "term": m.Term.key,
    "transfer": m.Transfer.key,
    "claim": m.Claim.id,
    "assertion": m.Assertion.key,
}


class SessionCatalog:
    """The rules' view of the ledger, answered by queries in the caller's transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def _id(self, column: Any, key: str) -> int | None:
        """A live record's id: a voided record cannot be referred to."""
        table = column.class_
        return self.session.scalar(select(table.id).where(column == key, table.voided == false()))

    def exists(self, entity: str, key: str) -> bool:
        """Whether a key is taken, by a live or a voided record: a key is never used twice."""
        column = KEY_COLUMNS[entity]
        return self.session.scalar(select(column.class_.id).where(column == key)) is not None

    def party_id(self, code: str) -> int | None:
        return self._id(m.Party.code, code)

    def source_id(self, key: str) -> int | None:
        return self._id(m.Source.key, key)

    def process_id(self, key: str) -> int | None:
        return self._id(m.Process.key, key)

    def transfer_id(self, key: str) -> int | None:
        return self._id(m.Transfer.key, key)

    def assertion_id(self, key: str) -> int | None:
        return self._id(m.Assertion.key, key)

    def round_info(self, key: str) -> rules.RoundInfo | None:
        return self._round_infos(m.Round.key == key).get(key)

    def term_info(self, key: str) -> rules.TermInfo | None:
        return self._term_infos(m.Term.key == key).get(key)

    def _round_infos(self, *where: Any) -> dict[str, rules.RoundInfo]:
        """The live rounds that match `where` (all of them, given nothing), by key."""
        live = (m.Round.voided == false(), *where)
        roles: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for round_id, code, role in self.session.execute(
            select(m.RoundParticipant.round_id, m.Party.code, m.RoundParticipant.role)
            .join(m.Party, m.Party.id == m.RoundParticipant.party_id)
            .where(m.RoundParticipant.round_id.in_(select(m.Round.id).where(*live)))
            .order_by(m.RoundParticipant.round_id, m.RoundParticipant.position)
        ):
            roles[round_id].append((code, role))
        found = select(m.Round.id, m.Round.key, m.Round.process_id, m.Round.number, m.Round.start_date).where(*live)
        return {
            key: rules.RoundInfo(
                id, process, number, start, tuple(code for code, role in roles[id] if role == "party"),
                frozenset(code for code, _ in roles[id]),
            )
            for id, key, process, number, start in self.session.execute(found)
        }  # fmt: skip

    def _term_infos(self, *where: Any) -> dict[str, rules.TermInfo]:
        """The live terms that match `where` (all of them, given nothing), by key."""
        live = (m.Term.voided == false(), *where)
        deliverer, receiver = queries.party_aliases()
        directions: dict[int, set[tuple[str, str]]] = defaultdict(set)
        for term_id, *direction in self.session.execute(
            select(m.Obligation.term_id, deliverer.code, receiver.code)
            .join(deliverer, deliverer.id == m.Obligation.deliverer_id)
            .join(receiver, receiver.id == m.Obligation.receiver_id)
            .where(m.Obligation.term_id.in_(select(m.Term.id).where(*live)))
        ):
            directions[term_id].add(tuple(direction))  # type: ignore[arg-type]
        rounds = self._round_infos(m.Round.id.in_(select(m.Term.round_id).where(*live)))  # theirs, at once
        infos = {}
        for id, key, round_key in self.session.execute(
            select(m.Term.id, m.Term.key, m.Round.key).join(m.Round, m.Round.id == m.Term.round_id).where(*live)
        ):
            round_info = rounds.get(round_key)
            assert round_info is not None  # the foreign key guarantees the round
            infos[key] = rules.TermInfo(id, round_key, round_info, frozenset(directions[id]))
        return infos

    def alias_owner(self, alias: str) -> str | None:
        return self.session.scalar(select(m.Party.code).join(m.PartyAlias).where(m.PartyAlias.alias == alias))

    def round_number_taken(self, process_id: int, number: int) -> str | None:
        return self.session.scalar(
            select(m.Round.key).where(m.Round.process_id == process_id, m.Round.number == number)
        )

    def claim_exists(self, subject_type: str, subject_id: int, field: str, source_id: int, claimant: str) -> bool:
        column = {"round": m.Claim.round_id, "term": m.Claim.term_id, "transfer": m.Claim.transfer_id}[subject_type]
        found = self.session.scalar(
            select(m.Claim.id).where(
                m.Claim.subject_type == subject_type,
                column == subject_id,
                m.Claim.field == field,
                m.Claim.source_id == source_id,
                m.Claim.claimant == claimant,
            )
        )
        return found is not None


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


def _store_party(session: Session, r: rules.PartyRecord, existing: int | None = None) -> int:
    party_id = _save(session, m.Party, existing, code=r.code, name=r.name, kind=r.kind)
    _links(session, m.PartyAlias, "party_id", party_id, [{"alias": a} for a in r.aliases], existing is not None)
    return party_id


def _store_source(session: Session, r: rules.SourceRecord, existing: int | None = None) -> int:
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


def _store_process(session: Session, r: rules.ProcessRecord, existing: int | None = None) -> int:
    return _save(session, m.Process, existing, key=r.key, name=r.name, description=r.description)


def _store_round(session: Session, r: rules.RoundRecord, existing: int | None = None) -> int:
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


def _store_term(session: Session, r: rules.TermRecord, existing: int | None = None) -> int:
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
    terms = ";".join(name("term", t) if n is None else f"{name('term', t)}:{n}" for t, n in r.allocations)
    return (
        terms,
        ";".join(name("party", p) for p in r.intermediary_ids),
        ";".join(name("source", s) for s in r.source_ids),
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


def _store_transfer(session: Session, r: rules.TransferRecord, existing: int | None = None) -> int:
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
    session: Session, records: list[rules.TransferRecord], texts: list[tuple[str, str, str]] | None = None
) -> list[int]:
    """Insert new transfers and their links in a few bulk statements, whatever their number; `texts`
    are their `link_texts`, if the caller has them already."""
    connection = session.connection()
    if texts is None:
        name = _link_names(session, records)
        texts = [link_texts(r, name) for r in records]
    ids = bulk.next_ids(connection, "transfer", len(records))
    bulk.insert_rows(
        connection, "transfer", TRANSFER_COLUMNS,
        ((id, r.key, r.date.value.isoformat(), r.date.precision, r.deliverer_id, r.receiver_id, r.category, r.count,
          r.exchange, r.location, r.notes, False, *lists) for id, r, lists in zip(ids, records, texts, strict=True)),
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
                    "exchange", "location", "notes", "voided", *LINK_TEXTS)  # fmt: skip


def _store_claim(session: Session, r: rules.ClaimRecord, existing: int | None = None) -> int:
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


def _store_assertion(session: Session, r: rules.AssertionRecord, existing: int | None = None) -> int:
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


Direction = tuple[int, int]  # (deliverer id, receiver id)


def _obligations(session: Session, directions: set[Direction] | None, *where: Any) -> list[Any]:
    from ledger import allocation

    superseding = aliased(m.Term)
    superseded = (
        select(superseding.id)
        .where(superseding.supersedes_id == m.Term.id, superseding.status == "agreed", superseding.voided == false())
        .exists()
    )
    statement = (
        select(
            m.Obligation.id, m.Term.id, m.Term.key, m.Term.status, superseded, m.Round.start_date,
            m.Round.number, m.Term.category, m.Obligation.deliverer_id, m.Obligation.receiver_id,
            m.Obligation.quantity, m.Obligation.basis,
        )
        .join(m.Term, m.Term.id == m.Obligation.term_id)
        .join(m.Round, m.Round.id == m.Term.round_id)
        .where(m.Term.voided == false(), *where)
    )  # fmt: skip
    if directions is not None:
        statement = statement.where(_in_directions(m.Obligation, directions))
    return [allocation.Obligation(*row) for row in session.execute(statement)]


def _in_directions(table: Any, directions: set[Direction]) -> Any:
    return or_(*(and_(table.deliverer_id == d, table.receiver_id == r) for d, r in directions))


SHARE_COPIES = ("deliverer_id", "receiver_id", "category", "date", "date_precision")  # of the share's transfer
SHARE_COLUMNS = ("transfer_id", "obligation_id", "amount", "explicit", *SHARE_COPIES)
Flow = tuple[int, int, str, Any, str]  # a transfer's deliverer, receiver, category, date (as stored) and precision


def _write_shares(session: Session, shares: list[Any], flows: Mapping[int, Flow]) -> None:
    """Store shares, each with its transfer's direction, category and date (from `flows`)."""
    if shares:
        rows = (share + flows[share.transfer_id] for share in shares)
        bulk.insert_rows(session.connection(), "allocation_share", SHARE_COLUMNS, rows)


def reallocate(session: Session, directions: set[Direction] | None = None) -> None:
    """Rewrite the allocation shares (see `ledger.allocation`), of every transfer or of the given
    directions only: a transfer counts only towards obligations in its own direction, so each
    direction is allocated on its own.

    The transfers are streamed in order of date and key (those with explicit allocations first,
    with their items) and the shares written in batches, so that memory does not grow with the
    ledger."""
    session.flush()
    transfers_in_scope = select(m.Transfer.id)
    if directions is not None:
        if not directions:
            return
        transfers_in_scope = transfers_in_scope.where(_in_directions(m.Transfer, directions))
    session.execute(delete(m.AllocationShare).where(m.AllocationShare.transfer_id.in_(transfers_in_scope)))
    flows: dict[int, Flow] = {}  # of the transfers read since the last batch of shares was written
    shares = allocation_walk(session, directions, flows)
    while batch := list(itertools.islice(shares, 20_000)):
        _write_shares(session, batch, flows)
        # The walk gives each transfer's shares together, once it has read that transfer: every
        # transfer read so far but the last share's is done with.
        last = batch[-1].transfer_id
        kept = flows[last]
        flows.clear()
        flows[last] = kept


def allocation_walk(
    session: Session, directions: set[Direction] | None = None, flows: dict[int, Flow] | None = None
) -> Iterator[Any]:
    """The shares (`allocation.Share`) the walk gives every live transfer, or those of the given
    directions, as they are found; each transfer read is put in `flows`, if given. What
    `reallocate` stores, and what `ledger verify` compares the stored shares with."""
    from ledger import allocation

    t = m.Transfer
    date = type_coerce(t.date, String)  # parsed once per distinct date below, not once per row
    columns = (t.id, t.key, date, t.date_precision, t.deliverer_id, t.receiver_id, t.category, t.count)
    live = [t.voided == false()]
    if directions is not None:
        live.append(_in_directions(t, directions))
    key = queries.code_point_order(t.key)
    named = (
        select(*columns, m.Allocation.term_id, m.Allocation.count, m.Allocation.position)
        .join(m.Allocation, m.Allocation.transfer_id == t.id)
        .join(m.Term, m.Term.id == m.Allocation.term_id)
        .where(*live, m.Term.voided == false())
        .order_by(t.date, key, m.Allocation.position)
    )
    with_terms = select(m.Allocation.transfer_id).join(m.Term, m.Term.id == m.Allocation.term_id)
    unnamed = select(*columns).where(*live, t.id.not_in(with_terms.where(m.Term.voided == false())))
    unnamed = unnamed.order_by(t.date, key)
    days: dict[Any, tuple[dt.date, dt.date]] = {}

    def transfer(row: Any) -> allocation.Transfer:
        id, key, day, precision, deliverer, receiver, category, count = row[:8]
        first, last = days.get((day, precision)) or days.setdefault((day, precision), _days(day, precision))
        if flows is not None:
            flows[id] = (deliverer, receiver, category, day, precision)
        return allocation.Transfer(id, key, first, last, deliverer, receiver, category, count)

    def explicit() -> Iterator[tuple[allocation.Transfer, list[allocation.Explicit]]]:
        current: allocation.Transfer | None = None
        items: list[allocation.Explicit] = []
        for row in queries.driver_rows(session, named):
            if current is None or row[0] != current.id:
                if current is not None:
                    yield current, items
                current, items = transfer(row), []
            items.append(allocation.Explicit(row[0], row[8], row[9], row[10]))
        if current is not None:
            yield current, items

    def automatic() -> Iterator[allocation.Transfer]:  # read once the explicit ones are done
        for row in queries.driver_rows(session, unnamed):
            yield transfer(row)

    return allocation.allocate_in_order(_obligations(session, directions), explicit(), automatic())


_days = days  # the first and last day a stored date stands for (ledger.dates)


def allocate_added_transfer(session: Session, transfer_id: int) -> None:
    """Allocate a transfer just added, walking as little of the ledger as its place allows.

    A transfer that names no terms and comes after every other transfer of its direction and
    category (the usual case: the latest swap) changes no earlier allocation, so it is allocated
    against what its obligations have already received. Any other is reallocated with its direction.
    """
    from ledger import allocation

    session.flush()
    t = session.get(m.Transfer, transfer_id)
    assert t is not None
    direction = {(t.deliverer_id, t.receiver_id)}
    named = session.scalar(select(func.count()).select_from(m.Allocation).where(m.Allocation.transfer_id == t.id))
    # Only a later transfer of the same direction and category can be allocated differently once
    # this one comes before it: other categories never draw on the same obligations automatically,
    # and explicit allocations are all made before any automatic one. (The flow index answers this.)
    later = session.scalar(
        select(
            select(m.Transfer.id)
            .where(
                m.Transfer.deliverer_id == t.deliverer_id, m.Transfer.receiver_id == t.receiver_id,
                m.Transfer.category == t.category, m.Transfer.date >= t.date, m.Transfer.id != t.id,
                m.Transfer.voided == false(),
                or_(m.Transfer.date > t.date,
                    and_(m.Transfer.date == t.date, queries.code_point_order(m.Transfer.key) > t.key)),
            )
            .exists()
        )
    )  # fmt: skip
    if named or later:
        reallocate(session, direction)
        return
    # Only those a transfer naming no term may count towards: of its category, and those that
    # `Obligation.fills_automatically`.
    obligations = [o for o in _obligations(session, direction, m.Term.category == t.category) if o.fills_automatically]
    delivered = dict(
        session.execute(
            select(m.AllocationShare.obligation_id, func.coalesce(func.sum(m.AllocationShare.amount), 0))
            .where(m.AllocationShare.obligation_id.in_([o.id for o in obligations]))
            .group_by(m.AllocationShare.obligation_id)
        ).all()
    )
    added = allocation.Transfer(t.id, t.key, t.date, PartialDate(t.date, t.date_precision).last,  # type: ignore[arg-type]
                                t.deliverer_id, t.receiver_id, t.category, t.count)  # fmt: skip
    flow = (t.deliverer_id, t.receiver_id, t.category, t.date.isoformat(), t.date_precision)
    _write_shares(session, allocation.allocate(obligations, [added], [], delivered), {t.id: flow})


# What a write to each entity can change in the allocation.
ALLOCATING = ("round", "term", "transfer")
# The entities other records' rules read, with the fields those rules read (the option an amend that
# breaks them is refused on is the first of these it changes).
DEPENDED_ON = {"round": ("start_date", "number", "process"), "term": ("round", "obligations", "each")}
MAX_DEPENDENT_PROBLEMS = 20


def dependent_problems(session: Session, entity: str, key: str) -> list[tuple[str, str, rules.Problem]]:
    """What the rules find wrong, as the ledger now stands, with the live records whose rules read a
    round or a term: a round's terms (a deadline, a lineage), the terms that supersede them or the
    term, and the transfers that name them (a date, a direction). Each as (entity, key, problem).

    An amend checks them after storing the change, so that it obeys the rules a load of the
    resulting ledger would."""
    from ledger.loading import CachedCatalog  # loading builds on this module

    term, live = m.Term, m.Term.voided == false()
    by_key = queries.code_point_order(term.key)
    if entity == "round":
        own = select(term.id).join(m.Round, m.Round.id == term.round_id).where(m.Round.key == key)
        terms = list(session.scalars(select(term.key).where(term.id.in_(own), live).order_by(by_key)))
    else:
        own, terms = select(term.id).where(term.key == key), []
    terms += session.scalars(select(term.key).where(term.supersedes_id.in_(own), live).order_by(by_key))
    dependents = {
        "term": [queries.one(session, "term", k) for k in dict.fromkeys(terms)],
        "transfer": queries.rows(session, "transfer", **{entity: key}),
    }
    catalog = CachedCatalog(session)
    problems: list[tuple[str, str, rules.Problem]] = []
    for kind, rows in dependents.items():
        check, _ = ENTITIES[kind]
        for row in rows:
            _, found = check(queries.raw_of(kind, row), catalog, amending=True)
            problems += [(kind, row.get("term") or row["key"], p) for p in found]
    return problems


# Each entity: how its input is checked and how its clean record is stored.
ENTITIES: dict[str, tuple[Callable[..., Any], Callable[..., None]]] = {
    "party": (rules.check_party, _store_party),
    "source": (rules.check_source, _store_source),
    "process": (rules.check_process, _store_process),
    "round": (rules.check_round, _store_round),
    "term": (rules.check_term, _store_term),
    "transfer": (rules.check_transfer, _store_transfer),
    "claim": (rules.check_claim, _store_claim),
    "assertion": (rules.check_assertion, _store_assertion),
}


def _directions_of(session: Session, entity: str, record_id: int) -> set[Direction]:
    """The directions whose allocation a record takes part in (none for most entities): a term's
    own, and those of the term it supersedes, which its status and lineage open or close."""
    if entity == "transfer":
        found = session.execute(
            select(m.Transfer.deliverer_id, m.Transfer.receiver_id).where(m.Transfer.id == record_id)
        ).first()
        return {tuple(found)} if found else set()  # type: ignore[arg-type]
    if entity in ("term", "round"):
        statement = select(m.Obligation.deliverer_id, m.Obligation.receiver_id).join(m.Term)
        if entity == "term":
            term = aliased(m.Term)
            superseded = select(term.supersedes_id).where(term.id == record_id).scalar_subquery()
            statement = statement.where(or_(m.Term.id == record_id, m.Term.id == superseded))
        else:
            statement = statement.where(m.Term.round_id == record_id)
        return {tuple(row) for row in session.execute(statement.distinct())}  # type: ignore[misc]
    return set()


def _reason(reason: str | None) -> str:
    """The reason for an amend or a void, or a refusal when there is none."""
    text, problems = rules.check_reason(reason)
    if problems:
        raise InvalidInput(problems)
    return text


def default_actor() -> str:
    """Who is writing: `LEDGER_ACTOR`, else the login name (refused if either is not UTF-8)."""
    actor = utf8_text("LEDGER_ACTOR", os.environ.get("LEDGER_ACTOR"))
    if actor:
        return actor
    login = getpass.getuser()
    try:
        login.encode("utf-8")
    except UnicodeEncodeError:
        raise LedgerError(
            f"the login name {login.encode('utf-8', 'surrogateescape')!r} is not UTF-8 text: "
            "name who makes the change with --actor NAME or LEDGER_ACTOR"
        ) from None
    return login


def record_key(record: Any) -> str:
    return record.code if isinstance(record, rules.PartyRecord) else record.key


def render_value(value: Any) -> str:
    """A field's value as a change line shows it; an obligation as `RUS→UKR 6000 exact`."""
    if isinstance(value, list):
        return "; ".join(render_value(item) for item in value) or "(empty)"
    if isinstance(value, dict):
        quantity = value.get("quantity") or "all"
        return f"{value.get('deliverer')}→{value.get('receiver')} {quantity} {value.get('basis') or 'exact'}"
    return "(empty)" if value in (None, "") else str(value)


def live_dependents(session: Session, entity: str, key: str) -> list[tuple[str, str]]:
    """The live records that refer to a record: what voiding it would leave pointing at nothing."""
    found: list[tuple[str, str]] = []

    def add(kind: str, statement: Any) -> None:
        found.extend((kind, str(k)) for k in session.scalars(statement.distinct()))

    live = {e: KEY_COLUMNS[e].class_.voided == false() for e in KEY_COLUMNS}
    if entity == "party":
        party = select(m.Party.id).where(m.Party.code == key).scalar_subquery()
        add(
            "round",
            select(m.Round.key).join(m.RoundParticipant).where(m.RoundParticipant.party_id == party, live["round"]),
        )
        add("term", select(m.Term.key).join(m.Obligation).where(
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
        add("transfer", select(m.Transfer.key).join(m.Allocation).where(m.Allocation.term_id == term, live["transfer"]))
        add("claim", select(m.Claim.id).where(m.Claim.term_id == term, live["claim"]))
        add("assertion", select(m.Assertion.key).where(m.Assertion.term_id == term, live["assertion"]))
    elif entity == "transfer":
        transfer = select(m.Transfer.id).where(m.Transfer.key == key).scalar_subquery()
        add("claim", select(m.Claim.id).where(m.Claim.transfer_id == transfer, live["claim"]))
    return found


SQLITE_BUSY = 5  # "database is locked": the busy timeout ran out


def _held_by_another_writer(error: DBAPIError) -> bool:
    """Whether the write gave up waiting for a lock another writer held: SQLite's busy timeout
    ("database is locked"), or PostgreSQL's lock timeout (SQLSTATE 55P03)."""
    original = error.orig
    code = getattr(original, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF == SQLITE_BUSY
    return getattr(original, "sqlstate", None) == "55P03" or "database is locked" in str(original)


def _seconds(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds >= 10 else f"{seconds:.1f} s"


def describe_integrity_error(error: DBAPIError, waited: float | None = None) -> str:
    """One line a user can act on, from the constraint the database named, or from the lock it
    waited for (`waited` seconds since the write began, else the busy timeout)."""
    if _held_by_another_writer(error):
        waited = db.BUSY_TIMEOUT_MS / 1000 if waited is None else waited
        return (
            f"another writer held the ledger for the {_seconds(waited)} this command waited for it; "
            "nothing was written: try again"
        )
    original = error.orig
    diag = getattr(original, "diag", None)
    name = getattr(diag, "constraint_name", None) if diag is not None else None
    message = str(original).strip().splitlines()[0] if original is not None else str(error)
    if getattr(original, "sqlstate", None) == "42501":  # permission denied: a reader, or grants from before an upgrade
        return (
            f"this database role may not write to the ledger ({message}): write as the editor or the owner; "
            "after `ledger init` upgraded the ledger, run `ledger db roles` again"
        )
    if name is None:
        found = re.search(r"(?:CHECK constraint failed: |constraint )\"?(\w+)", message)
        name = found.group(1) if found else None
    unique = re.search(r"UNIQUE constraint failed: ([\w.]+(?:, [\w.]+)*)", message)
    if unique:
        return f"already exists: another record has the same {unique.group(1)}"
    if (name and name.startswith(("uq_", "pk_"))) or "duplicate key" in message:
        return f"already exists: another record has the same key ({name})"
    if name and name.startswith("ck_"):
        return f"the database refused the record: constraint {name} failed"
    if (name and name.startswith("fk_")) or "FOREIGN KEY" in message:
        return f"the database refused the record: it refers to a record that does not exist ({name or message})"
    return f"the database refused the record: {message}"


def _entity(entity: str) -> tuple[Callable[..., Any], Callable[..., None]]:
    """How a kind of record is checked and stored; a kind the ledger does not hold is refused."""
    if entity not in ENTITIES:
        raise InvalidInput([rules.Problem("entity", f"must be one of {', '.join(ENTITIES)}, got {entity!r}")])
    return ENTITIES[entity]


def _no_such_table(error: DBAPIError) -> bool:
    """Whether the database said the table asked for does not exist (SQLite's "no such table",
    PostgreSQL's SQLSTATE 42P01)."""
    return getattr(error.orig, "sqlstate", None) == "42P01" or "no such table" in database_said(error)


class Ledger:
    """A ledger in one database: the entry point of the library (`ledger.open`).

    Reads go through `report` (DataFrames) and `records` with one method per kind (`transfers`,
    `terms`, ...: plain dicts); writes through `add`, `amend` and `void`, each in one
    transaction, checked by the same rules as the command line. Every refusal is a
    `ledger.LedgerError`; a record that breaks rules raises its subclass `InvalidInput`."""

    def __init__(self, engine: Engine, actor: str | None = None) -> None:
        self.engine = engine
        self._actor = actor

    @property
    def actor(self) -> str:
        """Who the journal names for this ledger's writes (asked only when writing, so that a
        login name that is not UTF-8 does not stop a read)."""
        if self._actor is not None:  # the journal keeps it for good: no blank name, only UTF-8 text
            if not self._actor.strip():
                raise InvalidInput([rules.Problem("actor", "is empty: name who makes the change")])
            utf8_text("actor", self._actor)
        else:
            self._actor = default_actor()
        return self._actor

    @classmethod
    def open(cls, url: str | os.PathLike[str], actor: str | None = None) -> Ledger:
        """Open an existing ledger at a SQLite file's path or a database URL, refusing (with
        `SchemaError`) a missing ledger, a file that holds none, or an outdated schema, with the fix."""
        url = normalise_url(os.fspath(url))
        path = sqlite_path(url)
        init = f"ledger --db {path or display_url(url)} init"
        if path is not None and not os.path.exists(path):
            raise SchemaError(f"no ledger at {path}: create it with `{init}`")
        ledger = cls(db.make_engine(url), actor)
        try:
            with ledger.engine.connect() as connection:
                revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except DBAPIError as error:  # no server, no such database, or a file that is not a database
            ledger.close()
            if _no_such_table(error):  # not a role without the right to read it: that is said as said
                raise SchemaError(f"{display_url(url)} holds no ledger: create it with `{init}`") from None
            raise cannot("open", url, error) from None
        if revision != db.SCHEMA_REVISION:
            ledger.close()
            raise SchemaError(
                f"the ledger at {display_url(url)} has schema revision {revision}, and this version "
                f"of ledger needs {db.SCHEMA_REVISION}: upgrade it with `{init}` (or, if the ledger "
                "is newer, update ledger)"
            )
        return ledger

    def close(self) -> None:
        """Let go of the database's connections (a SQLite file is then closed)."""
        self.engine.dispose()

    def add(self, entity: str, raw: Mapping[str, Any]) -> Any:
        """Check a record against the rules and store it, in one transaction; return the record.

        `entity` is party, source, process, round, term, transfer, claim or assertion; `raw` holds
        its fields by their data-package column names (`ledger load` reads the same), as text or
        as Python values (`"count": 307`, `"date": datetime.date(2025, 6, 12)`, lists for lists).
        A record that breaks any rule raises `InvalidInput` with every problem (`.problems`,
        each with its `field` and `message`), and nothing is written."""
        check, store = _entity(entity)
        raw, refused = rules.given_fields(entity, raw)
        if refused:
            raise InvalidInput(refused)
        with self._writing() as (session, journal):
            record, problems = check(raw, SessionCatalog(session))
            if problems:
                raise InvalidInput(problems)
            record_id = store(session, record)
            journal.record("add", entity, str(record_id) if entity == "claim" else record_key(record))
            if entity == "transfer":
                allocate_added_transfer(session, record_id)
            elif entity == "term":
                reallocate(session, _directions_of(session, "term", record_id))
        return record

    def field_problems(self, entity: str, raw: Mapping[str, Any], name: str) -> list[str]:
        """What the rules of `add` refuse in one field of a record still being entered (other
        fields may be missing yet), so that each answer can be checked as it is given."""
        check, _ = _entity(entity)
        with db.reading(self.engine) as session:
            _, problems = check(raw, SessionCatalog(session))
        return [problem.message for problem in problems if problem.field == name]

    @contextmanager
    def _writing(self) -> Iterator[tuple[Session, Journal]]:
        """One write transaction with the journal's head held; a constraint error is a Conflict."""
        began = time.monotonic()
        try:
            with db.writing(self.engine) as session:
                journal = Journal(session, self.actor)
                yield session, journal
                journal.flush()
        except DBAPIError as error:  # a constraint, a role without the right to write, a lock held too long
            raise Conflict(describe_integrity_error(error, time.monotonic() - began)) from None

    def _live(self, session: Session, entity: str, key: str) -> dict[str, Any]:
        found = queries.one(session, entity, key, with_id=True, include_voided=True)
        if found is None:
            raise NotFound(f"no {entity} {key!r}")
        if found["voided"]:
            raise InvalidInput([rules.Problem("key", f"{entity} {key!r} is voided")])
        return found

    def amend(self, entity: str, key: str, changes: Mapping[str, Any], reason: str) -> list[str]:
        """Change a record, checked by the rules of `add`; return what changed (`field: old → new`)."""
        check, store = _entity(entity)
        changes, refused = rules.given_fields(entity, changes)
        if refused:
            raise InvalidInput(refused)
        reason = _reason(reason)
        with self._writing() as (session, journal):
            existing = self._live(session, entity, key)
            before = queries.raw_of(entity, existing)
            raw = {**before, **changes}
            if entity == "term" and "each" in changes:
                raw["obligations"] = []  # --each replaces the obligations
            elif entity == "term" and "basis" in changes and "obligations" not in changes:
                raw["obligations"] = [{**o, "basis": changes["basis"]} for o in before["obligations"]]
            catalog = SessionCatalog(session)
            record, problems = check(raw, catalog, amending=True)
            if problems:
                raise InvalidInput(problems)
            old, _ = check(before, catalog, amending=True)
            if old == record:
                return []
            directions = _directions_of(session, entity, existing["id"])
            store(session, record, existing["id"])
            if entity in DEPENDED_ON and (broken := dependent_problems(session, entity, key)):
                field = next((name for name in DEPENDED_ON[entity] if name in changes), next(iter(changes)))
                shown = [f"{kind} {name}: {problem}" for kind, name, problem in broken[:MAX_DEPENDENT_PROBLEMS]]
                if len(broken) > MAX_DEPENDENT_PROBLEMS:
                    more = len(broken) - MAX_DEPENDENT_PROBLEMS
                    shown.append(
                        f"and {more:,} more problem{'s' if more > 1 else ''} with the records that depend on it"
                    )
                raise InvalidInput([rules.Problem(field, message) for message in shown])
            journal.record("amend", entity, key, reason)
            if entity in ALLOCATING:
                reallocate(session, directions | _directions_of(session, entity, existing["id"]))
            after = queries.raw_of(entity, queries.one(session, entity, key, include_voided=True, with_id=True))
        return [
            f"{name}: {render_value(before.get(name))} → {render_value(after.get(name))}"
            for name in after
            if render_value(before.get(name)) != render_value(after.get(name))
        ]

    def void(self, entity: str, key: str, reason: str, cascade: bool = False) -> list[tuple[str, str]]:
        """Void a record (and, with `cascade`, what depends on it); return what was voided, in order."""
        _entity(entity)
        voided: list[tuple[str, str]] = []
        reason = _reason(reason)
        with self._writing() as (session, journal):
            found = self._live(session, entity, key)
            directions = _directions_of(session, entity, found["id"])
            self._void(session, journal, entity, key, reason, cascade, voided)
            if any(e in ("round", "term") for e, _ in voided):
                reallocate(session)
            elif any(e == "transfer" for e, _ in voided):
                for voided_entity, voided_key in voided:
                    if voided_entity == "transfer":
                        transfer_id = session.scalar(select(m.Transfer.id).where(m.Transfer.key == voided_key))
                        directions |= _directions_of(session, "transfer", transfer_id)
                reallocate(session, directions)
        return voided

    def _void(self, session: Session, journal: Journal, entity: str, key: str, reason: str, cascade: bool,
              voided: list[tuple[str, str]]) -> None:  # fmt: skip
        dependents = live_dependents(session, entity, key)
        if dependents and not cascade:
            shown = ", ".join(f"{e} {k}" for e, k in dependents[:5]) + (" …" if len(dependents) > 5 else "")
            raise InvalidInput([rules.Problem(
                "key", f"{len(dependents)} live record{'s' if len(dependents) > 1 else ''} depend on {entity} "
                f"{key} ({shown}): void them first, or give --cascade",
            )])  # fmt: skip
        for dependent, dependent_key in dependents:
            if (dependent, dependent_key) not in voided:
                self._void(session, journal, dependent, dependent_key, f"{reason} (with {entity} {key})", True, voided)
        column = KEY_COLUMNS[entity]
        value = int(key) if entity == "claim" else key
        session.execute(update(column.class_).where(column == value).values(voided=True))
        journal.record("void", entity, key, reason)
        voided.append((entity, key))

    def history(self, entity: str, key: str) -> list[dict[str, Any]]:
        """Every version of a record, oldest first, with the fields each change touched."""
        with db.reading(self.engine) as session:
            entries = list(session.scalars(
                select(m.JournalEntry).where(m.JournalEntry.entity == entity, m.JournalEntry.key == key)
                .order_by(m.JournalEntry.seq)
            ))  # fmt: skip
        if not entries:
            raise NotFound(f"no {entity} {key!r} in the journal")
        versions, previous = [], {}
        for entry in entries:
            state = json.loads(entry.state)
            changed = [
                f"{name}: {render_value(previous.get(name))} → {render_value(state.get(name))}"
                for name in state
                if previous and render_value(previous.get(name)) != render_value(state.get(name))
            ]
            versions.append({"seq": entry.seq, "at": entry.at, "actor": entry.actor, "action": entry.action,
                             "reason": entry.reason, "changes": changed, "state": state})  # fmt: skip
            previous = state
        return versions

    def log(self, since: str | None = None, actor: str | None = None) -> list[m.JournalEntry]:
        """The journal, newest first."""
        statement = select(m.JournalEntry).order_by(m.JournalEntry.seq.desc())
        if since:
            statement = statement.where(m.JournalEntry.at >= since)
        if actor:
            statement = statement.where(m.JournalEntry.actor == actor)
        with db.reading(self.engine) as session:
            return list(session.scalars(statement))

    def verify(self) -> Verification:
        """The journal's chain and records (`journal.verify`), then the derived tables recomputed
        from the records (`derived.differences`): each difference is a problem."""
        from ledger import derived

        with db.reading(self.engine, snapshot=True) as session:
            verification = verify(session)
            verification.problems += [f"{subject}: {how}" for subject, how in derived.differences(session)]
            return verification

    def rows(self, entity: str, **filters: Any) -> list[dict[str, Any]]:
        """The records of one kind that pass the filters; a filter value outside the vocabulary is
        refused (`InvalidInput`, each problem named by its filter)."""
        problems = rules.check_filters(entity, filters)
        if problems:
            raise InvalidInput(problems)
        with db.reading(self.engine) as session:
            return queries.rows(session, entity, **{k: v for k, v in filters.items() if v not in (None, ())})

    def records(self, entity: str, **filters: Any) -> list[dict[str, Any]]:
        """The live records of one kind that pass the filters, as plain dicts in a stable order.

        The keys are the data-package columns (a term has its `obligations` as a list of dicts
        with deliverer, receiver, quantity and basis); a date is a `ledger.PartialDate` (`.value`
        a `datetime.date`, `.precision` day or month), a count of undisclosed transfers the text
        `undisclosed`, a list a list. The filters (`queries.filter_names`) are those of `ledger
        ENTITY list`; `since` and `until` take dates or their text (`2025-06`). A filter the
        records do not have, or a value outside the vocabulary, raises `InvalidInput`."""
        _entity(entity)
        names = queries.filter_names(entity)
        problems = [
            rules.Problem(name, f"is not a filter of {entity} records: give {', '.join(names) or 'none'}")
            for name in filters
            if name not in names
        ]
        values, dates = rules.date_filters(filters)
        problems += dates or rules.check_filters(entity, values)
        if problems:
            raise InvalidInput(problems)
        with db.reading(self.engine) as session:
            return queries.records(session, entity, **{k: v for k, v in values.items() if v not in (None, ())})

    def parties(self, **filters: Any) -> list[dict[str, Any]]:
        """The parties (`records`), by `kind`."""
        return self.records("party", **filters)

    def sources(self, **filters: Any) -> list[dict[str, Any]]:
        """The sources (`records`), by `kind` and publication date (`since`, `until`)."""
        return self.records("source", **filters)

    def processes(self) -> list[dict[str, Any]]:
        """The processes (`records`)."""
        return self.records("process")

    def rounds(self, **filters: Any) -> list[dict[str, Any]]:
        """The rounds (`records`), by `process`, `party`, `status` and start date (`since`, `until`)."""
        return self.records("round", **filters)

    def terms(self, **filters: Any) -> list[dict[str, Any]]:
        """The terms (`records`), each with its obligations, by `process`, `round`, `party`,
        `category` and `status`."""
        return self.records("term", **filters)

    def transfers(self, **filters: Any) -> list[dict[str, Any]]:
        """The transfers (`records`) in date order, by `process`, `round`, `term`, `party`,
        `category`, `exchange` and date (`since`, `until`)."""
        return self.records("transfer", **filters)

    def claims(self, **filters: Any) -> list[dict[str, Any]]:
        """The claims (`records`), by `subject` (`term:KEY`), `field` and `source`."""
        return self.records("claim", **filters)

    def assertions(self, **filters: Any) -> list[dict[str, Any]]:
        """The published running totals (`records`), by `party`, `category` and as-of date."""
        return self.records("assertion", **filters)

    def report(self, name: str, **filters: Any) -> Any:
        """One report as a pandas DataFrame with real dtypes (`ledger.reports.typed`).

        `name` is one of `ledger.reports.TABLES` (commitments, fulfilment, register,
        discrepancies, timeline); the filters are those of `ledger report` (`Filters.of`):
        process, round, party, category, since, until and status. A name or filter the reports do
        not have raises `InvalidInput`. pandas is imported here, not with the package."""
        from ledger.reports import Filters
        from ledger.reports.typed import typed

        return typed(self.built_report(name, Filters.of(**filters)))

    def built_report(self, name: str, filters: Any) -> Any:
        """The report `name` for `filters` (a `ledger.reports.Filters`) with its terminal and
        workbook views: what `ledger report` prints, and `report` types."""
        from ledger import reports

        with db.reading(self.engine) as session:
            return reports.build(session, name, filters)

    def show(self, entity: str, key: str) -> dict[str, Any]:
        """One record by its key, a voided one too: it then starts with `voided: True`."""
        _entity(entity)
        with db.reading(self.engine) as session:
            found = queries.one(session, entity, key, include_voided=True)
        if found is None:
            raise NotFound(f"no {entity} {key!r}")
        voided = found.pop("voided")
        return {"voided": True, **found} if voided else found

    def keys(self, entity: str) -> list[str]:
        """The keys (or codes) of live records, for prompts that offer a choice."""
        column = KEY_COLUMNS[entity]
        with db.reading(self.engine) as session:
            live = select(column).where(column.class_.voided == false())
            return list(session.scalars(live.order_by(queries.code_point_order(column))))

    def counts(self) -> dict[str, int]:
        """Rows in every table: what a refused write must leave unchanged."""
        with db.reading(self.engine) as session:
            return {
                table.name: session.scalar(select(func.count()).select_from(table)) or 0
                for table in m.Base.metadata.sorted_tables
            }
