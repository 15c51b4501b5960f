"""Reading records back as rows: one dict per record, keyed by the data package's column names.

`ledger ENTITY list` prints these rows; a later dump writes them. Lists inside a record (aliases,
participants, sources) are fetched with one query per list for all rows at once, never one query
per row. Dates come back as `PartialDate` (or `date`), counts as integers, lists as lists.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections import defaultdict
from collections.abc import Iterator
from typing import Any, ClassVar, NamedTuple

from sqlalchemy import Select, String, case, cast, false, func, or_, select, type_coerce
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.expression import ColumnElement
from sqlalchemy.sql.visitors import InternalTraversal

from ledger import domain
from ledger import models as m
from ledger.dates import StoredDates, on_or_after, stored
from ledger.domain import UNDISCLOSED, PartialDate

# The fields every row of one term repeats in a package (a term has one row per obligation).
TERM_SHARED = (
    "round", "category", "min_age", "max_age", "condition", "status", "supersedes", "deadline", "sources",
    "description",
)  # fmt: skip


def party_aliases() -> tuple[Any, Any]:
    """Two views of the party table, for the two sides of an obligation or a transfer."""
    return aliased(m.Party, name="deliverer"), aliased(m.Party, name="receiver")


_partial = stored  # the reading of a stored date, one for the ledger (ledger.dates)


def _grouped(session: Session, statement: Select) -> dict[int, list[Any]]:
    """Rows of (owner id, value), in order, as {owner id: [values]}."""
    grouped: dict[int, list[Any]] = defaultdict(list)
    for owner, value in driver_rows(session, statement):
        grouped[owner].append(value)
    return grouped


def _sources(session: Session, link: Any, owner_column: Any, ids: Any) -> dict[int, list[str]]:
    """The sources of each owner, for owners given as ids or as a subquery of ids."""
    return _grouped(
        session,
        select(owner_column, m.Source.key)
        .join(m.Source, m.Source.id == link.source_id)
        .where(owner_column.in_(ids))
        .order_by(owner_column, link.position),
    )


_on_or_after = on_or_after  # the month-overlap since filter, one for the ledger (ledger.dates)


def _party_rows(
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
    aliases = _grouped(
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


def _source_rows(
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
        statement = statement.where(_on_or_after(m.Source.published, m.Source.published_precision, since))
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
            "published": _partial(s.published, s.published_precision),
            "language": s.language,
            "kind": s.kind,
        }
        for s in session.scalars(statement)
    ]


def _process_rows(session: Session, *, key: str | None = None, include_voided: bool = False) -> list[dict]:
    statement = select(m.Process).order_by(code_point_order(m.Process.key))
    if not include_voided:
        statement = statement.where(m.Process.voided == false())
    if key:
        statement = statement.where(m.Process.key == key)
    return [
        {"id": p.id, "voided": p.voided, "key": p.key, "name": p.name, "description": p.description}
        for p in session.scalars(statement)
    ]


def _round_rows(
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
    heads = _grouped(
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


def _term_rows(
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
    statement = (
        select(
            m.Term,
            m.Round.key.label("round_key"),
            superseded.key.label("supersedes_key"),
            m.Obligation.quantity,
            m.Obligation.basis,
            deliverer.code.label("deliverer"),
            receiver.code.label("receiver"),
        )
        .join(m.Round, m.Round.id == m.Term.round_id)
        .join(m.Process, m.Process.id == m.Round.process_id)
        .outerjoin(superseded, superseded.id == m.Term.supersedes_id)
        .outerjoin(m.Obligation, m.Obligation.term_id == m.Term.id)
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
            "min_age": row.Term.min_age,
            "max_age": row.Term.max_age,
            "condition": row.Term.condition,
            "status": row.Term.status,
            "supersedes": row.supersedes_key,
            "deadline": _partial(row.Term.deadline, row.Term.deadline_precision),
            "sources": sources.get(row.Term.id, []),
            "description": row.Term.description,
        }
        for row in found
    ]


def _transfer_statement(
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
        statement = statement.where(_on_or_after(m.Transfer.date, m.Transfer.date_precision, since))
    if until:
        statement = statement.where(m.Transfer.date <= until)
    if not include_voided:
        statement = statement.where(m.Transfer.voided == false())
    if key:
        statement = statement.where(m.Transfer.key == key)
    return statement


def transfer_lists(session: Session, statement: Select | None = None) -> tuple[dict[int, list[str]], ...]:
    """The terms, intermediaries and sources of the transfers `statement` selects (else of every
    transfer) from their links, each as {id: [items]} in the order given (a term with its count as
    `term:count`): joined with `;`, what `services.link_texts` stores on each transfer.

    The lists are fetched for the same selection, as a subquery (a million ids would not fit in an
    IN list)."""
    ids = None if statement is None else statement.with_only_columns(m.Transfer.id).order_by(None).scalar_subquery()

    def linked(link: Any, target_id: Any, key: Any, suffix: Any = None) -> dict[int, list[str]]:
        text = key if suffix is None else key + suffix
        query = select(link.transfer_id, text).join(key.class_, key.class_.id == target_id)
        if ids is not None:
            query = query.where(link.transfer_id.in_(ids))
        return _grouped(session, query.order_by(link.transfer_id, link.position))

    count = case((m.Allocation.count.is_(None), ""), else_=":" + cast(m.Allocation.count, String))
    return (
        linked(m.Allocation, m.Allocation.term_id, m.Term.key, count),
        linked(m.TransferIntermediary, m.TransferIntermediary.party_id, m.Party.code),
        linked(m.TransferSource, m.TransferSource.source_id, m.Source.key),
    )


def _transfer_rows(session: Session, **filters: Any) -> list[dict]:
    statement = _transfer_statement(**filters)
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


_StoredDates = StoredDates


def transfer_cells(
    session: Session, *, running_total: bool = False, typed: bool = False, **filters: Any
) -> Iterator[tuple[Any, ...]]:
    """The live transfers that pass the filters as the text of their package cells, in date order,
    streamed: what a dump or a register of a million transfers writes, without a dict per row. The
    terms, intermediaries and sources are the text kept on each transfer (`services.link_texts`).

    With `running_total`, each row has after its count the receiver's running total in its
    category (an int), taken over every live transfer, so that a filtered register shows true totals.
    With `typed`, the date comes as a `PartialDate` and the count as an int (or "undisclosed"), as a
    frame or a sheet holds them, rather than as text to be read back.
    """
    statement = _transfer_statement(**filters)
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
    dates = _StoredDates()  # typed
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


class _CodePoint(ColumnElement):
    inherit_cache = True
    _traverse_internals: ClassVar = [("column", InternalTraversal.dp_clauseelement)]

    def __init__(self, column: Any) -> None:
        self.column = column
        self.type = column.type


@compiles(_CodePoint)
def _code_point(element: _CodePoint, compiler: Any, **kw: Any) -> str:
    return compiler.process(element.column, **kw)  # SQLite compares text by code point (BINARY)


@compiles(_CodePoint, "postgresql")
def _code_point_postgresql(element: _CodePoint, compiler: Any, **kw: Any) -> str:
    return f'{compiler.process(element.column, **kw)} COLLATE "C"'


def code_point_order(column: Any) -> Any:
    """A key (or code) ordered and compared by code point, as Python and SQLite sort them, on every
    engine: not by a PostgreSQL database's language collation, which would sort `t-2` and `t10`,
    or `b1` and `B2`, another way (and so allocate, list and dump in another order). Every ORDER BY
    on keys goes through here."""
    return _CodePoint(column)


def handovers(session: Session, **filters: Any) -> Iterator[Handover]:
    """The transfers that pass the filters, summed per day (or month, for a month-dated transfer),
    deliverer, receiver and category, in date order (then first key): the lines of the timeline."""
    statement = _transfer_statement(**filters)
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
    dates = _StoredDates()
    for day, precision, *row in driver_rows(session, statement):
        by, to, category, transfers, people, disclosed, first, last, notes = row
        yield Handover(
            dates[day, precision], by, to, category, transfers, int(people), transfers - disclosed, first, last, notes
        )


def driver_rows(session: Session, statement: Select) -> Iterator[tuple[Any, ...]]:
    """A statement's rows as the driver's tuples, for the million-row reads of a register, a dump or
    a reallocation.

    SQLAlchemy still builds and binds the statement; only the rows skip its Row objects, which
    cost more than the query itself. The columns read this way need no conversion (no Date: the
    callers read dates as text with `type_coerce`)."""
    connection = session.connection()
    compiled = statement.compile(dialect=connection.dialect, compile_kwargs={"render_postcompile": True})
    params: Any = compiled.construct_params()
    if connection.dialect.name == "sqlite":  # as SQLAlchemy's Date stores a date there: ISO text
        params = {name: v.isoformat() if isinstance(v, dt.date) else v for name, v in params.items()}
    if compiled.positional:
        params = [params[name] for name in compiled.positiontup or ()]
    driver = connection.connection.dbapi_connection
    # On PostgreSQL a named (server-side) cursor, so that the rows come as they are read rather
    # than all at once into memory; sqlite3 steps through its rows anyway.
    postgres = connection.dialect.name == "postgresql"
    cursor = driver.cursor(name=f"ledger_rows_{id(compiled)}") if postgres else driver.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(str(compiled), params)
        while chunk := cursor.fetchmany(5000):
            yield from chunk
    finally:
        cursor.close()


def _claim_rows(
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
                "stated_on": _partial(c.stated_on, c.stated_on_precision),
                "quote": c.quote,
            }
        )
    return rows


def _assertion_rows(
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


_READERS = {
    "party": _party_rows,
    "source": _source_rows,
    "process": _process_rows,
    "round": _round_rows,
    "term": _term_rows,
    "transfer": _transfer_rows,
    "claim": _claim_rows,
    "assertion": _assertion_rows,
}


def rows(session: Session, entity: str, **filters: Any) -> list[dict[str, Any]]:
    """Every record of one kind that passes the filters, in a stable order."""
    return _READERS[entity](session, **filters)


def one(
    session: Session, entity: str, key: str, *, with_id: bool = False, include_voided: bool = False
) -> dict[str, Any] | None:
    """One record by its key; a term's obligations come back as a list under `obligations`.

    The database id stays inside unless asked for (a claim's id is its key on the command line).
    """
    found = _READERS[entity](session, key=key, include_voided=include_voided)
    return _whole(entity, found, with_id, include_voided)[0] if found else None


def records(
    session: Session, entity: str, *, with_id: bool = False, include_voided: bool = False, **filters: Any
) -> list[dict[str, Any]]:
    """Every record of one kind that passes the filters (`filter_names`) as `one` gives it (a term
    whole, with its obligations), in one read."""
    found = _READERS[entity](session, include_voided=include_voided, **filters)
    return _whole(entity, found, with_id, include_voided)


def filter_names(entity: str) -> tuple[str, ...]:
    """The filters the records of one kind can be read with (`rows`, `records`)."""
    reader = _transfer_statement if entity == "transfer" else _READERS[entity]
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
                record = {k: v for k, v in r.items() if k not in ("deliverer", "receiver", "quantity", "basis")}
                record["obligations"] = []
                terms[r["term"]] = record
            if r["deliverer"] is not None:
                record["obligations"].append(
                    {"deliverer": r["deliverer"], "receiver": r["receiver"], "quantity": r["quantity"],
                     "basis": r["basis"]}
                )  # fmt: skip
        found = list(terms.values())
    hidden = (() if with_id else ("id",) if entity != "claim" else ()) + (() if include_voided else ("voided",))
    if not hidden:
        return found
    return [{k: v for k, v in record.items() if k not in hidden} for record in found]


def raw_of(entity: str, row: dict[str, Any]) -> dict[str, Any]:
    """A record as read here, as the text of its data-package row (what the rules check)."""
    from ledger import encoding

    return encoding.record_cells(entity, row)
