"""The journal: every change (add, amend, void) as an append-only entry, hash-chained.

Each entry holds its sequence number, the UTC time, the actor, the action, the entity and key, the
record's full new state (its data-package row as canonical JSON, with `voided`), the reason, the
previous entry's hash, and its own: SHA-256 over the canonical JSON of all of those. An entry is
appended in the same transaction as the change it records, so both are committed or neither.
Writers take the journal's head one at a time (`take_write_lock`), so the chain stays linear: no
forks, no gaps.

`verify` recomputes the chain and compares every record with the state the journal last gave it.
It cannot stop someone with full rights over the database from rewriting records and journal
alike and recomputing every hash; publishing the head hash elsewhere (`ledger verify
--print-head`) lets anyone detect that later.
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from ledger import bulk, encoding, queries
from ledger import models as m
from ledger.config import utf8_text
from ledger.entities import ENTITIES, key_of
from ledger.errors import LedgerError, Parameter, Said

GENESIS = "0" * 64


def take_write_lock(session: Session) -> None:
    """Wait for the other writers' transactions to end, then hold the ledger's writes until this
    one ends: the one place where a writer waits for another.

    On SQLite the transaction holds the database's write lock from its start (`BEGIN IMMEDIATE`,
    `ledger.db.writing`). On PostgreSQL it locks the empty table `write_lock` in a mode that only
    another writer's lock conflicts with (a reader's reads do not) and that only a role allowed to
    update the table may take: a reader cannot stall the writers, as it could with an advisory lock,
    which any role can take."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text(f"LOCK TABLE {m.WriteLock.__tablename__} IN EXCLUSIVE MODE"))


_CANONICAL = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))
_TEXT = json.JSONEncoder(ensure_ascii=False)


def canonical(value: Any) -> str:
    return _CANONICAL.encode(value)


def entry_hash(seq: int, at: str, actor: str, action: str, entity: str, key: str, state: str,
               reason: str | None, prev_hash: str) -> str:  # fmt: skip
    """SHA-256 of the canonical JSON of `[seq, at, actor, action, entity, key, state, reason, prev_hash]`.

    `state` is canonical JSON already, so it is placed in the list as it is: the same text as
    `canonical([..., json.loads(state), ...])` without decoding and encoding it again.

    >>> state = canonical({"key": "t1", "count": "5", "voided": False})
    >>> entry_hash(1, "at", "me", "add", "transfer", "t1", state, None, GENESIS) == hashlib.sha256(
    ...     canonical([1, "at", "me", "add", "transfer", "t1", json.loads(state), None, GENESIS]).encode()
    ... ).hexdigest()
    True
    """
    return _digest(seq, _middle(at, actor, action, entity), key, state, _after(reason), prev_hash)


# The parts of an entry's hashed text that a batch of entries shares, encoded once for the batch.
json_string = json.encoder.encode_basestring  # a str as JSON, non-ASCII kept (as ensure_ascii=False)


def _middle(at: str, actor: str, action: str, entity: str) -> str:
    return f",{json_string(at)},{json_string(actor)},{json_string(action)},{json_string(entity)},"


def _after(reason: str | None) -> str:
    return f",{_TEXT.encode(reason)},"


def _digest(seq: int, middle: str, key: str, state: str, after: str, prev_hash: str) -> str:
    content = f"[{seq}{middle}{json_string(key)},{state}{after}{json_string(prev_hash)}]"
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def state_of(entity: str, row: dict[str, Any]) -> dict[str, Any]:
    """The state the journal hashes: the record's cells in the canonical encoding, with `voided`."""
    state = encoding.record_cells(entity, row)
    if entity == "party":
        del state["key"]  # the code is the key; record_cells repeats it for the rules
    state["voided"] = bool(row.get("voided"))
    return state


def default_actor() -> str:
    """Who is writing: `LEDGER_ACTOR`, else the login name (refused if either is not UTF-8)."""
    actor = utf8_text("LEDGER_ACTOR", os.environ.get("LEDGER_ACTOR"))
    if actor:
        return actor
    login = getpass.getuser()
    try:
        login.encode("utf-8")
    except UnicodeEncodeError:
        raise LedgerError(Said(
            f"the login name {login.encode('utf-8', 'surrogateescape')!r} is not UTF-8 text: "
            "name who makes the change with ", Parameter("actor", "NAME"), " or LEDGER_ACTOR",
        )) from None  # fmt: skip
    return login


def now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class Journal:
    """Appends entries within one write transaction, holding the head of the chain."""

    def __init__(self, session: Session, actor: str) -> None:
        self.session = session
        self.actor = actor
        take_write_lock(session)
        self.pending: list[tuple[Any, ...]] = []
        head = session.execute(
            select(m.JournalEntry.seq, m.JournalEntry.hash).order_by(m.JournalEntry.seq.desc()).limit(1)
        ).first()
        self.seq, self.hash = (head.seq, head.hash) if head else (0, GENESIS)

    def record(self, action: str, entity: str, key: str, reason: str | None = None) -> None:
        """Append the record's state as it now stands in this transaction."""
        self.session.flush()
        row = queries.one(self.session, entity, key, with_id=True, include_voided=True)
        assert row is not None, f"{entity} {key} vanished inside its own transaction"
        self.append(action, entity, key_of(entity, row), state_of(entity, row), reason)

    def append(self, action: str, entity: str, key: str, state: dict[str, Any], reason: str | None) -> None:
        """Queue an entry; `flush` writes the queue (before the transaction commits)."""
        self.append_encoded(action, entity, [(key, canonical(state))], reason)

    def append_encoded(self, action: str, entity: str, changes: Iterable[tuple[str, str]], reason: str | None) -> None:
        """Queue one entry for each (key, state already as canonical JSON), all made at the same moment."""
        at, seq, head, actor = now(), self.seq, self.hash, self.actor
        middle, after = _middle(at, actor, action, entity), _after(reason)
        pending = self.pending
        for key, body in changes:
            seq += 1
            digest = _digest(seq, middle, key, body, after, head)
            pending.append((seq, at, actor, action, entity, key, body, reason, head, digest))
            head = digest
        self.seq, self.hash = seq, head
        if len(pending) >= 5000:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            bulk.insert_rows(self.session.connection(), "journal", COLUMNS, self.pending)
            self.pending = []


COLUMNS = ("seq", "at", "actor", "action", "entity", "key", "state", "reason", "prev_hash", "hash")


@dataclass
class Verification:
    problems: list[str]
    entries: int
    records: int
    head: str


def states(session: Session, entity: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every record of one kind, live or voided, as (journal key, state)."""
    for row in queries.records(session, entity, with_id=True, include_voided=True):
        yield key_of(entity, row), state_of(entity, row)


def records(session: Session) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Every record, live or voided, as (entity, journal key, state)."""
    for entity in ENTITIES:
        for key, state in states(session, entity):
            yield entity, key, state


def verify(session: Session) -> Verification:
    problems: list[str] = []
    latest: dict[tuple[str, str], dict[str, Any]] = {}
    previous_seq, previous_hash, entries = 0, GENESIS, 0
    for e in session.scalars(select(m.JournalEntry).order_by(m.JournalEntry.seq)):
        entries += 1
        name = f"journal entry {e.seq} ({e.action} {e.entity} {e.key})"
        if e.seq != previous_seq + 1:
            missing = f"{previous_seq + 1}" if e.seq == previous_seq + 2 else f"{previous_seq + 1} to {e.seq - 1}"
            problems.append(f"journal: entry {missing} is missing (removed from the journal)")
        if e.prev_hash != previous_hash:
            problems.append(f"{name}: does not follow the entry before it (the chain is broken)")
        if entry_hash(e.seq, e.at, e.actor, e.action, e.entity, e.key, e.state, e.reason, e.prev_hash) != e.hash:
            problems.append(f"{name}: altered (its hash does not match its contents)")
        try:
            state = json.loads(e.state)
        except ValueError:
            state = None
        if isinstance(state, dict):
            latest[(e.entity, e.key)] = state
        else:
            problems.append(f"{name}: its state is not a JSON object (written behind the ledger's back)")
        previous_seq, previous_hash = e.seq, e.hash
    checked = 0
    seen = set()
    for entity, key, state in records(session):
        checked += 1
        seen.add((entity, key))
        journaled = latest.get((entity, key))
        if journaled is None:
            problems.append(f"{entity} {key}: has no journal entry (written behind the ledger's back)")
        elif journaled != state:
            fields = [f for f in sorted(set(state) | set(journaled)) if state.get(f) != journaled.get(f)]
            shown = ", ".join(f"{f}: journal {journaled.get(f)!r}, ledger {state.get(f)!r}" for f in fields)
            problems.append(f"{entity} {key}: differs from the journal ({shown})")
    for entity, key in latest.keys() - seen:
        problems.append(f"{entity} {key}: in the journal but missing from the ledger (deleted behind its back)")
    return Verification(problems, entries, checked, previous_hash)
