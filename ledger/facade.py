"""The facade (`ledger.open` gives a `Ledger`): open a ledger, add, amend and void each kind of
record, read records, history and reports back; what it does to a whole ledger (load, dump,
check, the workbook) it inherits from `ledger.operations`. No click, no pandas (a report imports
it when built). The command line calls this and nothing below it.

Every add runs in one write transaction: the rules are checked against the ledger as it stands
inside that transaction, then the record and its links are stored, or nothing is. A constraint
the database still refuses (another writer took the key a moment earlier) comes back as a
`Conflict` with a one-line message.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, false, func, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, defer

from ledger import db, queries, rules, sql
from ledger import models as m
from ledger.catalog import SessionCatalog
from ledger.changes import amend_record, void_record
from ledger.config import normalise_url, sqlite_path, utf8_text
from ledger.db_errors import cannot, describe_integrity_error, display_url, no_such_table
from ledger.dependencies import directions_of
from ledger.domain import PartialDate, ValueProblem
from ledger.entities import ENTITIES, key_of
from ledger.errors import Conflict, InvalidInput, NotFound, SchemaError
from ledger.journal import Journal, default_actor, versions
from ledger.operations import Operations
from ledger.shares import allocate_added_transfer, reallocate
from ledger.unjournaled import mistyped as verification_mistyped
from ledger.verification import Verification, verify
from ledger.writes import behaviour_of, render_value


class Ledger(Operations):
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
            if no_such_table(error):  # not a role without the right to read it: that is said as said
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

        `entity` is party, source, process, round, category, term, transfer, claim or assertion;
        `raw` holds its fields by their data-package column names (`ledger load` reads the same), as
        text or as Python values (`"count": 307`, `"date": datetime.date(2025, 6, 12)`, lists for lists).
        A record that breaks any rule raises `InvalidInput` with every problem (`.problems`,
        each with its `field` and `message`), and nothing is written."""
        check, store = behaviour_of(entity)
        raw, refused = rules.given_fields(entity, raw)
        if refused:
            raise InvalidInput(refused)
        with self._writing() as (session, journal):
            record, problems = check(raw, SessionCatalog(session))
            if problems:
                raise InvalidInput(problems)
            record_id = store(session, record)
            journal.record("add", entity, key_of(entity, record, record_id))
            if entity == "transfer":
                allocate_added_transfer(session, record_id)
            elif entity == "term":
                reallocate(session, directions_of(session, "term", record_id))
        return record

    def field_problems(self, entity: str, raw: Mapping[str, Any], name: str) -> list[str]:
        """What the rules of `add` refuse in one field of a record still being entered (other
        fields may be missing yet), so that each answer can be checked as it is given."""
        check, _ = behaviour_of(entity)
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

    def amend(self, entity: str, key: str, changes: Mapping[str, Any], reason: str) -> list[str]:
        """Change a record, checked by the rules of `add`; return what changed (`field: old → new`)."""
        behaviour_of(entity)
        with self._writing() as (session, journal):
            return amend_record(session, journal, entity, key, changes, reason)

    def void(self, entity: str, key: str, reason: str, cascade: bool = False) -> list[tuple[str, str]]:
        """Void a record (and, with `cascade`, what depends on it); return what was voided, in order."""
        behaviour_of(entity)
        with self._writing() as (session, journal):
            return void_record(session, journal, entity, key, reason, cascade)

    def history(self, entity: str, key: str) -> list[dict[str, Any]]:
        """Every version of a record, oldest first, with the fields each change touched: a version
        a load added is its batch entry's (`journal.versions`)."""
        with db.reading(self.engine) as session:
            entries = versions(session, entity, key)
            found = None if entries else queries.one(session, entity, key, include_voided=True)
        if not entries and found is not None and found.get("builtin"):
            raise NotFound(f"{entity} {key!r} is built in: it comes with the schema, never changes, and has no history")
        if not entries:
            raise NotFound(f"no {entity} {key!r} in the journal")
        found, previous = [], {}
        for entry in entries:
            if entry.state is None:  # unreadable, or not what its entry wrote: never shown as its version
                found.append({"seq": entry.seq, "at": entry.at, "actor": entry.actor, "action": entry.action,
                              "reason": entry.reason, "changes": [f"({entry.problem})"], "state": None})  # fmt: skip
                previous = {}
                continue
            state = json.loads(entry.state)
            changed = [
                f"{name}: {render_value(previous.get(name))} → {render_value(state.get(name))}"
                for name in state
                if previous and render_value(previous.get(name)) != render_value(state.get(name))
            ]
            found.append({"seq": entry.seq, "at": entry.at, "actor": entry.actor, "action": entry.action,
                          "reason": entry.reason, "changes": changed, "state": state})  # fmt: skip
            previous = state
        return found

    def log(self, since: str | None = None, actor: str | None = None) -> list[m.JournalEntry]:
        """The journal, newest first (a batch entry's leaf hashes left unread: `leaves` raises);
        `since` a day or a month (YYYY-MM-DD or YYYY-MM, UTC)."""
        statement = select(m.JournalEntry).options(defer(m.JournalEntry.leaves, raiseload=True))
        statement = statement.order_by(m.JournalEntry.seq.desc())
        if since:
            try:
                start = PartialDate.parse(since).first
            except ValueProblem as problem:
                raise InvalidInput([rules.Problem("since", str(problem))]) from None
            statement = statement.where(m.JournalEntry.at >= start.isoformat())
        if actor:
            statement = statement.where(m.JournalEntry.actor == actor)
        with db.reading(self.engine) as session:
            return list(session.scalars(statement))

    def verify(self, checkpoint: Any = None) -> Verification:
        """The journal's chain and records (`verification.verify`), then the derived tables recomputed
        from the records (`derived.differences`): each difference is a problem. Given a checkpoint
        (or its file), also whether the journal extends it, in the same snapshot: `.extended` (an
        `Extended`, as `verify_checkpoint` gives it)."""
        from ledger import checkpoints, derived
        from ledger.operations import Extended

        old = checkpoint
        if old is not None and not isinstance(old, checkpoints.Checkpoint):
            old = self.read_checkpoint(old)
        with db.reading(self.engine, snapshot=True) as session:
            verification = verify(session)
            if mistyped := verification_mistyped(session):  # the tables cannot be recomputed from these
                verification.problems += [
                    *mistyped,
                    "derived tables: not recomputed from cells that are not numbers",
                ]
            else:
                verification.problems += [f"{subject}: {how}" for subject, how in derived.differences(session)]
            if old is not None:
                verification.extended = Extended(old, *checkpoints.extension(session, old))
            return verification

    def rows(self, entity: str, **filters: Any) -> list[dict[str, Any]]:
        """The records of one kind that pass the filters; a filter value outside the vocabulary is
        refused (`InvalidInput`, each problem named by its filter)."""
        with db.reading(self.engine) as session:
            problems = rules.check_filters(entity, filters, SessionCatalog(session).categories())
            if problems:
                raise InvalidInput(problems)
            return queries.rows(session, entity, **{k: v for k, v in filters.items() if v not in (None, ())})

    def records(self, entity: str, **filters: Any) -> list[dict[str, Any]]:
        """The live records of one kind that pass the filters, as plain dicts in a stable order.

        The keys are the data-package columns (a term has its `obligations` as a list of dicts
        with deliverer, receiver, quantity and basis, and a ratio's base term as `per`); a date is
        a `ledger.PartialDate` (`.value` a `datetime.date`, `.precision` day or month), a count of
        undisclosed transfers the text `undisclosed`, a list a list. The filters
        (`queries.filter_names`) are those of `ledger ENTITY list`; `since` and `until` take dates
        or their text (`2025-06`). A filter the records do not have, or a value outside the
        vocabulary, raises `InvalidInput`."""
        behaviour_of(entity)
        names = queries.filter_names(entity)
        problems = [
            rules.Problem(name, f"is not a filter of {entity} records: give {', '.join(names) or 'none'}")
            for name in filters
            if name not in names
        ]
        values, dates = rules.date_filters(filters)
        with db.reading(self.engine) as session:
            problems += dates or rules.check_filters(entity, values, SessionCatalog(session).categories())
            if problems:
                raise InvalidInput(problems)
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
        discrepancies, timeline, deadlines); the filters are those of `ledger report` (`Filters.of`):
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
        behaviour_of(entity)
        with db.reading(self.engine) as session:
            found = queries.one(session, entity, key, include_voided=True)
        if found is None:
            raise NotFound(f"no {entity} {key!r}")
        voided = found.pop("voided")
        return {"voided": True, **found} if voided else found

    def keys(self, entity: str) -> list[str]:
        """The keys (or codes) of live records, for prompts that offer a choice."""
        column = ENTITIES[entity].key_attribute
        with db.reading(self.engine) as session:
            live = select(column).where(column.class_.voided == false())
            return list(session.scalars(live.order_by(sql.code_point_order(column))))

    def counts(self) -> dict[str, int]:
        """Rows in every table: what a refused write must leave unchanged."""
        with db.reading(self.engine) as session:
            return {
                table.name: session.scalar(select(func.count()).select_from(table)) or 0
                for table in m.Base.metadata.sorted_tables
            }
