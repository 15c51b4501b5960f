"""The journal: every change, as an append-only entry, hash-chained, over one Merkle tree.

The journal is a transparency log (RFC 9162): ONE Merkle tree over every version of every record,
in order. A leaf is a version: SHA-256(0x00 ‖ the record's canonical state JSON, with `voided`),
its index its place in the tree. Each entry covers a range of leaves (`first_leaf`, `leaf_count`;
the ranges are contiguous) and holds its sequence number, the UTC time, the actor, the action, the
entity, the reason, the previous entry's hash, the Merkle root of its own leaves, and its own hash:
SHA-256 over the canonical JSON of all of those (`tree_entry_hash`). A single entry (add, amend,
void: one record) holds the record's key and new state, and for an amend or a void the state
before and the leaf index of the version it replaces. A batch entry (a load: `load`) holds the
32-byte leaf hashes of the records it added, up to `BATCH_LEAVES`, and no state: each record
keeps its leaf hash and index (`leaf`, `leaf_index`), and its state is itself.

Entries written before the tree (schema 0008) keep their old hash (`entry_hash`); each is one
leaf. An entry is appended in the same transaction as the change it records, so both are
committed or neither. Writers take the journal's head one at a time (`take_write_lock`), so the
chain stays linear: no forks, no gaps.

`ledger.verification` recomputes the chain, each entry's leaves and root, and each record's leaf.
It cannot stop someone with full rights over the database from rewriting records and journal
alike and recomputing every hash; publishing the head hash (`ledger verify --print-head`) or a
checkpoint of the tree elsewhere lets anyone detect that later. The log is read by `leaves`, `tree`, `origin` and
`record_leaf` (checkpoints and inclusion proofs).
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

from sqlalchemy import bindparam, func, select, text
from sqlalchemy.orm import Session

from ledger import bulk, encoding, merkle, queries
from ledger import models as m
from ledger.config import utf8_text
from ledger.encoding import TERM_SHARED
from ledger.entities import ENTITIES, key_of
from ledger.errors import LedgerError, NotFound, Parameter, Said

GENESIS = "0" * 64
BATCH_LEAVES = 100_000  # the most leaves one batch entry of a load holds


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


def tree_entry_hash(seq: int, at: str, actor: str, action: str, entity: str, key: str | None, state: str | None,
                    reason: str | None, prev_hash: str, before: str | None, replaces: int | None, first_leaf: int,
                    leaf_count: int, root: str) -> str:  # fmt: skip
    """SHA-256 of the canonical JSON of `[seq, at, actor, action, entity, key, state, reason,
    prev_hash, before, replaces, first_leaf, leaf_count, root]`: the hash of an entry written since
    the tree (schema 0009). `state` and `before` are canonical JSON already, placed as they are.

    >>> state = canonical({"key": "t1", "count": "5", "voided": False})
    >>> tree_entry_hash(2, "at", "me", "amend", "transfer", "t1", state, "why", GENESIS, state, 0, 1, 1, "ab") == (
    ...     hashlib.sha256(canonical([2, "at", "me", "amend", "transfer", "t1", json.loads(state), "why", GENESIS,
    ...                               json.loads(state), 0, 1, 1, "ab"]).encode()).hexdigest())
    True
    """
    content = (
        f"[{seq}{_middle(at, actor, action, entity)}{'null' if key is None else json_string(key)},"
        f"{'null' if state is None else state}{_after(reason)}{json_string(prev_hash)},"
        f"{'null' if before is None else before},{'null' if replaces is None else int(replaces)},"
        f"{int(first_leaf)},{int(leaf_count)},{json_string(root)}]"
    )
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def leaf_of(state: str) -> bytes:
    """A version's leaf hash in the tree: `merkle.leaf_hash` of its canonical state, UTF-8."""
    return merkle.leaf_hash(state.encode("utf-8"))


def key_field(entity: str) -> str | None:
    """The field of an entity's state that holds its journal key (a party's `code`, the others'
    `key`), or None for a claim, named by its id, which its state does not hold."""
    return {"party": "code", "category": "code", "claim": None}.get(entity, "key")


def state_fields(entity: str) -> frozenset[str]:
    """The fields of every state of an entity (`state_of`): its package columns and `voided`; a
    term's obligations are one list, and a claim's id is not in its state."""
    if entity == "term":
        return frozenset(("key", *TERM_SHARED, "obligations", "voided"))
    return frozenset(c for c in ENTITIES[entity].columns if not (entity == "claim" and c == "id")) | {"voided"}


def names_key(entity: str, key: str | None, state: str) -> bool:
    """Whether a single entry's state (canonical JSON) names the entry's key. The canonical text
    of a flat object holds `"key":"K"` at its top level only: inside a string a quote is escaped,
    and no nested object of a state has that field."""
    field = key_field(entity)
    if field is None:
        return key is not None and key.isdigit()
    return key is not None and f"{json_string(field)}:{json_string(key)}" in state


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


Before = tuple[str | None, int | None]  # a record's state (canonical JSON) and leaf index, before a change


class Journal:
    """Appends entries within one write transaction, holding the head of the chain and the size
    of the tree; a load's new records gather in an open batch (`batched`) until it is full, until
    another table's or a single entry comes, or until `flush`."""

    def __init__(self, session: Session, actor: str) -> None:
        self.session = session
        self.actor = actor
        take_write_lock(session)
        self.pending: list[tuple[Any, ...]] = []
        self.batch: list[bytes] = []  # the open batch's leaves
        self.batch_of: tuple[str, str | None] | None = None  # its entity and reason
        e = m.JournalEntry
        head = session.execute(
            select(e.seq, e.hash, e.first_leaf + e.leaf_count).order_by(e.seq.desc()).limit(1)
        ).first()
        self.seq, self.hash, self.size = (head[0], head[1], head[2]) if head else (0, GENESIS, 0)

    def version(self, entity: str, key: str) -> Before:
        """A record's state and leaf index as they stand, taken before an amend or a void changes
        them: that entry's `before` and `replaces`."""
        self.session.flush()
        row = queries.one(self.session, entity, key, with_id=True, include_voided=True)
        assert row is not None, f"{entity} {key} vanished inside its own transaction"
        state, index = canonical(state_of(entity, row)), leaf_index(self.session, entity, row["id"], key)
        if index is None:
            raise LedgerError(f"{entity} {key} has no entry in the journal (it was written behind the ledger's back): "
                              "run `ledger verify`")  # fmt: skip
        if index >= (self.pending[0][COLUMNS.index("first_leaf")] if self.pending else self.size):
            self.flush()  # its last version is queued in this transaction (a second amend of it): write it to read it
        if journal_leaf(self.session, index) != leaf_of(state):
            raise LedgerError(f"{entity} {key} was changed behind the ledger's back since leaf {index} (the journal's "
                              "version differs): run `ledger verify`")  # fmt: skip
        return state, index

    def record(
        self, action: str, entity: str, key: str, reason: str | None = None, before: Before | None = None
    ) -> None:
        """Append a single entry with the record's state as it now stands in this transaction (an
        amend or a void with its `version` from before), and keep its leaf on the record."""
        self.session.flush()
        row = queries.one(self.session, entity, key, with_id=True, include_voided=True)
        assert row is not None, f"{entity} {key} vanished inside its own transaction"
        state, key = canonical(state_of(entity, row)), key_of(entity, row)
        assert (before is None) == (action == "add"), "an amend or a void takes the record's `version` first"
        leaf, index = self.single(action, entity, key, state, reason, before)
        model = ENTITIES[entity].model
        self.session.execute(
            model.__table__.update().where(model.id == row["id"]).values(leaf=leaf.hex(), leaf_index=index)
        )

    def single(self, action: str, entity: str, key: str, state: str, reason: str | None,
               before: Before | None = None) -> tuple[bytes, int]:  # fmt: skip
        """Queue a single entry (the open batch is closed first: the journal keeps the changes'
        order); return its leaf and leaf index."""
        self.close_batch()
        leaf, index = leaf_of(state), self.size
        was, replaces = before if before is not None else (None, None)
        self._entry(action, entity, key, state, reason, was, replaces, 1, leaf.hex(), None)
        return leaf, index

    def batched(self, entity: str, states: Iterable[str], reason: str | None) -> list[tuple[str, int]]:
        """Put the states of new records of a load in the open batch (a batch holds one entity, with
        one reason, and at most `BATCH_LEAVES` leaves); return each one's leaf hash (hex) and index,
        for the caller to store on the record."""
        if self.batch_of != (entity, reason):
            self.close_batch()
            self.batch_of = (entity, reason)
        placed, batch, hashed = [], self.batch, merkle.leaf_hash
        for state in states:
            leaf = hashed(state.encode("utf-8"))
            placed.append((leaf.hex(), self.size + len(batch)))
            batch.append(leaf)
            if len(batch) >= BATCH_LEAVES:
                self.close_batch()
                batch = self.batch
                self.batch_of = (entity, reason)
        return placed

    def added(self, entity: str, rows: Iterable[tuple[int, str]], reason: str | None) -> None:
        """Batch the new records `rows` (id, state as canonical JSON) and keep each one's leaf on it."""
        rows = list(rows)
        if not rows:
            return
        placed = self.batched(entity, (state for _, state in rows), reason)
        table = ENTITIES[entity].model.__table__
        statement = table.update().where(table.c.id == bindparam("b_id"))
        self.session.execute(
            statement.values(leaf=bindparam("b_leaf"), leaf_index=bindparam("b_index")),
            [
                {"b_id": id, "b_leaf": leaf, "b_index": index}
                for (id, _), (leaf, index) in zip(rows, placed, strict=True)
            ],
        )

    def close_batch(self) -> None:
        """Queue the open batch as one `load` entry."""
        if self.batch:
            assert self.batch_of is not None
            entity, reason = self.batch_of
            root = merkle.Tree(self.batch).root().hex()
            self._entry("load", entity, None, None, reason, None, None, len(self.batch), root, b"".join(self.batch))
        self.batch, self.batch_of = [], None

    def _entry(self, action: str, entity: str, key: str | None, state: str | None, reason: str | None,
               before: str | None, replaces: int | None, count: int, root: str,
               leaves: bytes | None) -> None:  # fmt: skip
        seq, at, actor, first = self.seq + 1, now(), self.actor, self.size
        digest = tree_entry_hash(seq, at, actor, action, entity, key, state, reason, self.hash, before, replaces,
                                 first, count, root)  # fmt: skip
        self.pending.append((seq, at, actor, action, entity, key, state, reason, self.hash, digest, before, replaces,
                             first, count, root, leaves))  # fmt: skip
        self.seq, self.hash, self.size = seq, digest, first + count
        if len(self.pending) >= 5000:
            self._write()

    def _write(self) -> None:
        if self.pending:
            bulk.insert_rows(self.session.connection(), "journal", COLUMNS, self.pending)
            self.pending = []

    def flush(self) -> None:
        """Write what is queued, the open batch too (before the transaction commits)."""
        self.close_batch()
        self._write()


COLUMNS = ("seq", "at", "actor", "action", "entity", "key", "state", "reason", "prev_hash", "hash", "before",
           "replaces", "first_leaf", "leaf_count", "root", "leaves")  # fmt: skip


def leaf_index(session: Session, entity: str, id: int, key: str) -> int | None:
    """Where a record's current version is in the tree: its `leaf_index`, or, for a record whose
    last version is an entry written before the tree, that entry's leaf; None if neither."""
    model, e = ENTITIES[entity].model, m.JournalEntry
    index = session.scalar(select(model.leaf_index).where(model.id == id))
    if index is None:
        last = select(e.first_leaf).where(e.entity == entity, e.key == key, e.root.is_(None))
        index = session.scalar(last.order_by(e.seq.desc()).limit(1))
    return index


def journal_leaf(session: Session, index: int) -> bytes | None:
    """The journal's leaf at `index` (None if no entry holds it): a single entry's root (an old
    one's state hashed), a batch's 32 bytes of its leaves, read in the database."""
    e = m.JournalEntry
    found = session.execute(
        select(e.first_leaf, e.leaf_count, e.state, e.root, func.substr(e.leaves, 32 * (index - e.first_leaf) + 1, 32))
        .where(e.first_leaf <= index).order_by(e.first_leaf.desc()).limit(1)
    ).first()  # fmt: skip
    if found is None or index >= found[0] + found[1]:
        return None
    _, _, state, root, piece = found
    if piece is not None:
        return bytes(piece)
    if root is not None:
        return bytes.fromhex(root) if len(root) == 64 and all(c in "0123456789abcdef" for c in root) else None
    return leaf_of(state) if state is not None else None


# Reading the log (checkpoints and inclusion proofs read it through these).


def leaves(session: Session) -> list[bytes]:
    """Every leaf hash of the journal's tree, in order: the entries in sequence order, a single
    entry's leaf the hash of its state (`leaf_of`), a batch's its stored hashes, 32 bytes each."""
    found: list[bytes] = []
    e = m.JournalEntry
    # Through the connection, in pieces: the ORM's rows cost twice the time, and PostgreSQL would
    # otherwise send every state at once.
    # (The option for this statement only: set on the connection, it would stay for every later one.)
    rows = session.connection().execute(
        select(e.state, e.leaves).order_by(e.seq), execution_options={"yield_per": 20_000}
    )
    for state, blob in rows:
        if blob is None:
            found.append(leaf_of(state or ""))
        else:
            blob = bytes(blob)
            found.extend(blob[i : i + 32] for i in range(0, len(blob), 32))
    return found


def tree(session: Session) -> merkle.Tree:
    """The journal's Merkle tree over `leaves`: its size and root are a checkpoint's."""
    return merkle.Tree(leaves(session))


def origin(session: Session) -> str:
    """The ledger's identity in its checkpoints (`humanitarian-ledger/<uuid4 hex>`, made by 0009)."""
    found = session.scalars(select(m.Origin.origin).limit(2)).all()
    if not found:
        raise NotFound("the ledger has no origin (its table ledger_origin is empty): it was altered")
    if len(found) > 1:
        raise LedgerError("the ledger has more than one origin (its table ledger_origin holds one row): it was altered")
    return found[0]


def record_leaf(session: Session, entity: str, key: str) -> tuple[int, str]:
    """Where a record's current state is in the log, and that state's canonical text: `(leaf_index,
    state)`, so that `leaf_of(state)` is the tree's leaf at `leaf_index` (an inclusion proof's leaf).
    `NotFound` if the ledger has no such record, or the journal no leaf for it."""
    if entity not in ENTITIES:
        raise NotFound(f"no {entity} {key!r}: the ledger holds {', '.join(ENTITIES)}")
    row = queries.one(session, entity, key, with_id=True, include_voided=True)
    if row is None:
        raise NotFound(f"no {entity} {key!r}")
    index = leaf_index(session, entity, row["id"], key_of(entity, row))
    if index is None:
        raise NotFound(f"{entity} {key!r} has no leaf in the journal")
    return index, canonical(state_of(entity, row))


@dataclass
class Version:
    """One version of a record, as `history` gives it; `problem` says why its state cannot be
    shown as that entry's (then `state` is None)."""

    seq: int
    at: str
    actor: str
    action: str
    reason: str | None
    state: str | None  # canonical JSON
    problem: str | None = None


def _readable(state: str | None) -> bool:
    if state is None or not state.startswith("{") or not state.endswith("}"):
        return False
    try:
        return isinstance(json.loads(state), dict)
    except ValueError:
        return False


UNREADABLE = "its state in the journal is unreadable (not a JSON object): run `ledger verify`"


def versions(session: Session, entity: str, key: str) -> list[Version]:
    """Every version of a record, oldest first: its single entries, and, for a record a load added,
    first the version its batch entry holds (found through the leaf index), whose state is the
    `before` of the first later amend or void, or the record's state now, if its leaf is the one
    the batch holds (else the version says the record differs from what the load wrote)."""
    e = m.JournalEntry
    singles = session.execute(
        select(e.seq, e.at, e.actor, e.action, e.reason, e.state, e.before, e.replaces)
        .where(e.entity == entity, e.key == key).order_by(e.seq)
    ).all()  # fmt: skip
    found = [
        Version(s.seq, s.at, s.actor, s.action, s.reason, s.state)
        if _readable(s.state) else Version(s.seq, s.at, s.actor, s.action, s.reason, None, UNREADABLE)
        for s in singles
    ]  # fmt: skip
    if singles and singles[0].action == "add":
        return found
    index, state = None, None
    if singles:
        index, state = singles[0].replaces, singles[0].before
    elif entity in ENTITIES:
        row = queries.one(session, entity, key, with_id=True, include_voided=True)
        if row is not None:
            index, state = leaf_index(session, entity, row["id"], key), canonical(state_of(entity, row))
    if index is not None:
        batch = session.execute(
            select(e.seq, e.at, e.actor, e.action, e.reason)
            .where(e.first_leaf <= index, index < e.first_leaf + e.leaf_count, e.leaves.is_not(None))
        ).first()  # fmt: skip
        if batch is not None:
            problem = None
            if not _readable(state):
                state, problem = None, UNREADABLE
            elif journal_leaf(session, index) != leaf_of(state):
                state, problem = (
                    None,
                    (
                        f"the {entity} differs from what the load wrote (leaf {index}): it was changed behind the "
                        "ledger's back; run `ledger verify`"
                    ),
                )
            found.insert(0, Version(batch.seq, batch.at, batch.actor, batch.action, batch.reason, state, problem))
    return found


def identified_states(session: Session, entity: str) -> Iterator[tuple[int, str, str]]:
    """Every record of one kind, live or voided, as (id, journal key, state as canonical JSON); not
    those that come with the schema (`Entity.recorded`), which no journal entry holds."""
    recorded = ENTITIES[entity].recorded
    for row in queries.records(session, entity, with_id=True, include_voided=True, **recorded):
        yield row["id"], key_of(entity, row), canonical(state_of(entity, row))
