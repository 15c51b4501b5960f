"""Loading tables of rows (a data package) into the ledger: all or nothing.

Every row is checked by the same rules as `add`, in one write transaction, in dependency order,
so that a row may refer to one loaded before it. A row whose key is already in the ledger is
compared with it: the same record is left alone, a different one is refused unless the load
amends (`--update`). Every problem is collected with its file, line and column; if there is any,
or if this is a dry run, the transaction is rolled back and the ledger is exactly as before.
A package's corrections (`ledger.corrections`) come last, in the same transaction, once every
record is in and allocated: each is the amend or void the command line would make.

Dumping, the reverse, is `ledger.dump`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from ledger import bulk, corrections, db, queries
from ledger import models as m
from ledger.catalog import CachedCatalog
from ledger.changes import apply_corrections
from ledger.db_errors import describe_integrity_error
from ledger.dependencies import DEPENDED_ON, dependent_problems
from ledger.encoding import TERM_SHARED
from ledger.entities import ENTITIES, key_of
from ledger.errors import Conflict, Parameter, Said
from ledger.journal import Journal, default_actor, identified_states, json_string
from ledger.load_report import LoadReport
from ledger.load_report import summary as summary  # what `Operations.load` tells
from ledger.package import CORRECTION, Table, UnreadableRows, columns
from ledger.package_terms import OBLIGATION, Located, grouped_terms, in_base_order, term_raw
from ledger.package_terms import canonical as _canonical
from ledger.rules import TransferChecker
from ledger.shares import ALLOCATING, reallocate
from ledger.storage import link_texts, store_transfers

# A rule's name for a field, where the package's column has another name.
COLUMN_OF = {"term": {"key": "term", "obligations": "deliverer", "each": "quantity"}}


BATCH = 2000  # new transfers stored per round trip
# From this many new transfers on, a load sets aside what it can put back faster at the end than
# keep row by row (`bulk.Held`): on PostgreSQL the bulk tables' foreign keys; and, if the ledger
# held no more transfers than the file has rows, their indexes (building them again costs a pass
# over every transfer, old and new). A smaller load leaves others' reads free.
HOLD_KEYS_FROM = 20_000


def transfer_state(record: Any, catalog: CachedCatalog, texts: tuple[str, str, str]) -> str:
    """A new transfer's journal state, as canonical JSON, from its clean record and `link_texts`:
    what `journal.canonical(journal.state_of(...))` gives for it once stored, built without a dict."""
    names, s = catalog.names, json_string
    terms, intermediaries, sources = texts
    return (
        f'{{"category":{s(record.category)},"count":{s("undisclosed" if record.count is None else str(record.count))},'
        f'"date":{s(str(record.date))},"deliverer":{s(names["party", record.deliverer_id])},'
        f'"exchange":{s(record.exchange or "")},'
        f'"intermediaries":{s(intermediaries)},'
        f'"key":{s(record.key)},"location":{s(record.location or "")},"notes":{s(record.notes or "")},'
        f'"receiver":{s(names["party", record.receiver_id])},'
        f'"sources":{s(sources)},"terms":{s(terms)},"voided":false}}'
    )


class _Rollback(Exception):
    """Leaves the write transaction without committing (problems found, or a dry run)."""


def _identity(entity: str, raw: Mapping[str, Any]) -> str:
    """What tells a raw record from another (`Entity.identity_fields`), as one text."""
    return " ".join(_canonical(raw.get(name, "")) for name in ENTITIES[entity].identity_fields)


def _stored(session: Session, entity: str, raw: Mapping[str, Any]) -> dict[str, Any] | None:
    """The ledger's record with the same identity as `raw`, with its id, or None."""
    if ENTITIES[entity].named_by_id:
        claimant = _canonical(raw.get("claimant", "")) or None
        for row in queries.rows(
            session,
            "claim",
            subject=_canonical(raw.get("subject", "")),
            field=_canonical(raw.get("field", "")),
            source=_canonical(raw.get("source", "")),
            include_voided=True,
        ):
            if row["claimant"] == claimant:
                return row
        return None
    key = _identity(entity, raw)
    return queries.one(session, entity, key, with_id=True, include_voided=True) if key else None


def _differences(changes: Mapping[str, str]) -> str:
    return ", ".join(f"{name}: {change}" for name, change in changes.items()) or "values differ"


def _obligation_text(o: Mapping[str, Any]) -> str:
    """`RUS:UKR:3000:exact`, and a ratio's base after it (`ISR:HAM:30:ratio:hc`)."""
    return ":".join(t for k in OBLIGATION if (t := _canonical(o.get(k, ""))) or k != "per")


def _changes(entity: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, str]:
    """Each field that differs, with `before → after`."""
    changed = {}
    names = [n for n in columns(entity) if n not in ("term",)] if entity != "term" else [*TERM_SHARED, "obligations"]
    for name in names:
        before, after = old.get(name, ""), new.get(name, "")
        if name == "obligations":
            before, after = ";".join(map(_obligation_text, before)), ";".join(map(_obligation_text, after))
        if _canonical(before) != _canonical(after):
            changed[name] = f"{_canonical(before) or '(empty)'} → {_canonical(after) or '(empty)'}"
    return changed


def load(
    engine: Engine,
    tables: list[Table],
    *,
    update: bool = False,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
    actor: str | None = None,
    origin: str = "a data package",
) -> LoadReport:
    report = LoadReport()
    for table in tables:
        for line, message in table.problems:
            report.problem(Located(table.label, line, None, message))
        if table.problems:
            report.unread[table.entity] = table.label
    fixes = next((t for t in tables if t.entity == CORRECTION), None)
    todo = _corrections(fixes, report, progress) if fixes else []
    corrected: dict[tuple[str, str], list[corrections.Correction]] = {}
    for fix in todo:
        corrected.setdefault((fix.entity, fix.key), []).append(fix)
    began = time.monotonic()
    try:
        with db.writing(engine) as session:
            catalog = CachedCatalog(session)
            journal = Journal(session, actor or default_actor())
            held = bulk.Held()
            reason = f"loaded from {origin}"
            loaded: list[_Load] = []
            for table in tables:
                if table.entity != CORRECTION:
                    loaded.append(
                        _Load(session, catalog, journal, table, report, update, reason, held, corrected=corrected)
                    )
                    _load_table(loaded[-1], progress)
            _check_dependents(loaded)
            if report.refused or (dry_run and not todo):
                raise _Rollback
            journal.flush()
            # The allocation reads the transfers in date order; its shares are indexed once written.
            held.restore(session.connection(), but=("allocation_share",))
            if any(report.added[e] or report.changed[e] for e in ALLOCATING):
                reallocate(session)
            held.restore(session.connection())
            if todo:  # after every record is in, and allocated: as `amend` and `void` find a ledger
                _correct(session, journal, [f for f in todo if (f.entity, f.key) in corrected], report, fixes)
                if report.refused or dry_run:
                    raise _Rollback
                journal.flush()
    except _Rollback:
        pass
    except DBAPIError as error:  # a constraint, a role without the right to write, a lock held too long
        raise Conflict(describe_integrity_error(error, time.monotonic() - began)) from None
    return report


@dataclass
class _Load:
    """What loading one table works with."""

    session: Session
    catalog: CachedCatalog
    journal: Journal
    table: Table
    report: LoadReport
    update: bool
    reason: str
    held: bulk.Held
    existing: int = 0  # transfers in the ledger before the load's
    seen: dict[str, int] = field(default_factory=dict)  # identity -> line, within the table
    batch: list[Any] = field(default_factory=list)  # new transfers not yet stored
    added: list[str] = field(default_factory=list)  # the keys of other records stored, not yet journaled
    amended: list[tuple[str, int, str | None]] = field(default_factory=list)  # (key, line, column) of DEPENDED_ON
    # The package's corrections by record; a record the ledger holds as they leave it is taken out.
    corrected: dict[tuple[str, str], list[corrections.Correction]] = field(default_factory=dict)


def _corrections(
    table: Table, report: LoadReport, progress: Callable[[int], None] | None
) -> list[corrections.Correction]:
    """The rows of `corrections.csv`, each read as a `Correction`; the problems found reported."""
    found = []
    voids: dict[tuple[str, str], int] = {}  # the line voiding each record: a second void would be lost
    for line, row in _rows(table, report):
        if progress:
            progress(1)
        if "" in row:
            report.problem(Located(table.label, line, None, row[""]))
        elif any(cell.strip() for cell in row.values()):
            correction, problems = corrections.parse(line, row)
            if correction and correction.action == "void":
                first = voids.setdefault((correction.entity, correction.key), line)
                if first != line:
                    problems = [("key", f"{correction.entity} {correction.key!r} is voided on line {first} already")]
                    correction = None
            for column, message in problems:
                report.problem(Located(table.label, line, column, message))
            found += [correction] if correction else []
    return found


def _correct(
    session: Session, journal: Journal, todo: list[corrections.Correction], report: LoadReport, table: Table
) -> None:
    """Apply the corrections (`changes.apply_corrections`): each one applied is a change."""
    problems, applied = apply_corrections(session, journal, todo)
    for line, column, message in problems:
        report.problem(Located(table.label, line, column, message))
    counted = set()  # a record corrected twice is one record changed
    for fix, change in applied:
        if (fix.entity, fix.key) not in counted:
            counted.add((fix.entity, fix.key))
            report.changed[fix.entity] += 1
        report.changes.append(f"{fix.entity} {fix.key}: {change} ({table.label}:{fix.line})")


def _check_dependents(loaded: list[_Load]) -> None:
    """Refuse the amends of rounds and terms that break the records depending on them, as the
    ledger stands once loaded; those that come in a later table were checked on their own line."""
    for index, load in enumerate(loaded):
        later = {other.table.entity: other.seen for other in loaded[index + 1 :]}
        for key, line, column in load.amended:
            for kind, name, problem in dependent_problems(load.session, load.table.entity, key):
                if name not in later.get(kind, {}):
                    load.report.problem(Located(load.table.label, line, column, f"{kind} {name}: {problem}"))


def _rows(table: Table, report: LoadReport) -> Iterator[tuple[int, dict[str, str]]]:
    """The table's rows, up to where its file stops being readable (a problem, at that line)."""
    try:
        yield from table.rows
    except UnreadableRows as error:
        report.problem(Located(table.label, error.line, None, error.message))
        report.unread[table.entity] = table.label


def _load_table(load: _Load, progress: Callable[[int], None] | None) -> None:
    table = load.table
    if table.entity == "transfer":
        _load_transfers(load, progress)
    else:
        records: Iterable[tuple[list[tuple[int, Mapping[str, str]]], list[Located], dict[str, Any]]]
        if table.entity == "term":
            terms = in_base_order(grouped_terms(table.label, _rows(load.table, load.report)), table.label)
            records = ((lines, problems, term_raw(lines)) for lines, problems in terms)
        else:
            records = (([(line, row)], [], dict(row)) for line, row in _rows(load.table, load.report))
        for lines, early, raw in records:
            if progress:
                progress(len(lines))
            _load_record(load, lines, early, raw)
        _journal_added(load)


def _load_transfers(load: _Load, progress: Callable[[int], None] | None) -> None:
    """Transfers, the many: a row with a new key is checked by `TransferChecker` and stored in
    batches; any other row (blank, repeated, already in the ledger) goes the way of every record."""
    load.catalog.know_every_term()  # the terms come before the transfers, and none changes now
    load.existing = load.session.scalar(select(func.count()).select_from(m.Transfer)) or 0
    check = TransferChecker(load.catalog)
    seen, batch, report, label = load.seen, load.batch, load.report, load.table.label
    for line, row in _rows(load.table, load.report):
        if progress:
            progress(1)
        key = (row.get("key") or "").strip()
        if not key or key in seen or "" in row or load.catalog.exists("transfer", key):
            _load_record(load, [(line, row)], [], dict(row))
            continue
        seen[key] = line
        record, problems = check(row)
        if problems:
            report.rules_broken(label, "transfer", key, [(line, p.field, p) for p in problems])
            continue
        batch.append(record)
        report.added["transfer"] += 1
        if len(batch) >= BATCH:
            _store_batch(load)
    _store_batch(load)


def _store_batch(load: _Load) -> None:
    if not load.batch:
        return
    if load.report.added["transfer"] >= HOLD_KEYS_FROM:
        load.held.hold(load.session.connection(), indexes=load.existing <= load.table.size)
    names = load.catalog.names
    texts = [link_texts(r, lambda entity, id: names[entity, id]) for r in load.batch]
    encoded = (transfer_state(r, load.catalog, t) for r, t in zip(load.batch, texts, strict=True))
    leaves = load.journal.batched("transfer", encoded, load.reason)  # each transfer's leaf, stored with it
    store_transfers(load.session, load.batch, texts, leaves)
    load.batch.clear()


def _journal_added(load: _Load) -> None:
    """Journal the records stored since the last call in the load's batch, reading their states in
    one go, and keep each one's leaf on it."""
    if not load.added:
        return
    entity = load.table.entity
    load.session.flush()
    current = {key: (id, state) for id, key, state in identified_states(load.session, entity)}
    load.journal.added(entity, (current[key] for key in load.added), load.reason)
    load.added.clear()


def _load_record(
    load: _Load, lines: list[tuple[int, Mapping[str, str]]], early: list[Located], raw: dict[str, Any]
) -> None:
    """One record of any entity: checked, then added, compared or amended."""
    session, catalog, table, report, entity = load.session, load.catalog, load.table, load.report, load.table.entity
    check, store = ENTITIES[entity].check, ENTITIES[entity].store
    line = lines[0][0]
    for problem in early:
        report.problem(problem)
    surplus = next((row[""] for _, row in lines if "" in row), None)
    if surplus:
        report.problem(Located(table.label, line, None, surplus))
        return
    if not any(_canonical(v) for v in raw.values() if isinstance(v, str)) and not raw.get("obligations"):
        return  # a blank line
    if entity == "party":
        raw["key"] = raw.get("code", "")
    identity = _identity(entity, raw)
    if identity in load.seen:
        name = ENTITIES[entity].natural_key[0]
        report.problem(
            Located(table.label, line, name, f"{identity!r} is given twice (first on line {load.seen[identity]})")
        )
        return
    load.seen[identity] = line
    known = ENTITIES[entity].named_by_id or catalog.exists(entity, identity)
    existing = _stored(session, entity, raw) if identity and known else None
    if existing is not None and _already_corrected(load, raw, existing):
        report.unchanged[entity] += 1
        return
    if existing is not None and existing["voided"]:
        report.problem(Located(table.label, line, None, f"{entity} {identity} is voided; its key cannot be used again"))
        return
    record, problems = check(raw, catalog, amending=existing is not None)
    if problems:
        found = []
        for p in problems:
            at = lines[p.item][0] if p.item is not None and p.item < len(lines) else line
            found.append((at, COLUMN_OF.get(entity, {}).get(p.field, p.field), p))
        report.rules_broken(table.label, entity, identity, found)
        return
    if existing is None:
        if entity == "transfer":  # the many: stored in batches, journaled from the record
            load.batch.append(record)
            if len(load.batch) >= BATCH:
                _store_batch(load)
        else:
            record_id = store(session, record)
            load.added.append(key_of(entity, record, record_id))
        if not ENTITIES[entity].named_by_id:
            catalog.added(entity, key_of(entity, record))
        report.added[entity] += 1
        return
    old_record, _ = check(queries.raw_of(entity, existing), catalog, amending=True)
    if old_record == record:
        report.unchanged[entity] += 1
        return
    changes = _changes(entity, queries.raw_of(entity, existing), raw)
    change = f"{entity} {identity}: {_differences(changes)}"
    if not load.update:
        report.problem(
            Located(
                table.label,
                line,
                None,
                Said(f"{change}; it is already in the ledger: ", Parameter("update"), " amends it"),
            )
        )
        return
    _store_batch(load)  # the journal keeps the order of the changes
    _journal_added(load)
    key = identity if not ENTITIES[entity].named_by_id else str(existing["id"])
    before = load.journal.version(entity, key)
    store(session, record, existing["id"])
    if entity in DEPENDED_ON:
        changed = next((name for name in DEPENDED_ON[entity] if name in changes), None)
        load.amended.append((identity, line, COLUMN_OF.get(entity, {}).get(changed or "", changed)))
    load.journal.record("amend", entity, key, load.reason, before)
    catalog.amended(entity)
    report.changed[entity] += 1
    report.changes.append(change)


def _already_corrected(load: _Load, raw: dict[str, Any], existing: dict[str, Any]) -> bool:
    """Whether the ledger holds a row as the package's corrections leave it (it loaded the package
    before): the row is then unchanged, and its corrections are taken out of the load."""
    entity, identity = load.table.entity, _identity(load.table.entity, raw)
    fixes = load.corrected.get((entity, identity))
    if not fixes:
        return False
    after = corrections.corrected(raw, fixes)
    if after is None or existing["voided"]:
        held = after is None and existing["voided"]
    else:
        check, catalog = ENTITIES[entity].check, load.catalog
        record, problems = check(after, catalog, amending=True)
        held = not problems and record == check(queries.raw_of(entity, existing), catalog, amending=True)[0]
    if held:
        del load.corrected[entity, identity]
    return held
