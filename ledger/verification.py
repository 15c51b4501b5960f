"""`ledger verify`'s journal half: the chain, the tree's leaves, and every record against its leaf.

It reads each entry once, in order, without parsing a state where a hash settles it: the leaves
go in one byte array (32 bytes each, by index: 32 MB at a million), and each record's state is
hashed and compared with the leaf at its `leaf_index`. What it names: an entry altered (its hash),
removed (a gap in the sequence or in the leaves' ranges), a batch whose stored leaves are not its
root's; a record whose state is not its leaf (edited behind the ledger's back; with its fields,
where a single entry holds the state), rewritten with its leaf hash (the batch entry and the
leaf), with no entry (no leaf, or a leaf beyond the log or another's), whose leaf is another
record's entry; a single entry whose state names another record, an amend or a void whose state
before is not the earlier leaf of the same record it replaces (or that replaces a leaf twice), an
old-form entry with `before` or `replaces` (not in its hash) or after a new-form one; and a leaf
that no record holds and no later entry replaced (a record deleted behind the ledger's back). It
streams the journal and keeps only the leaves: a single entry's state is read again only for a
record that differs from it.
"""

from __future__ import annotations

import json
from array import array
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ledger import merkle, readers
from ledger import models as m
from ledger.entities import ENTITIES
from ledger.journal import (
    COLUMNS,
    GENESIS,
    entry_hash,
    identified_states,
    json_string,
    leaf_of,
    names_key,
    tree_entry_hash,
)
from ledger.sql import transfer_lists
from ledger.unjournaled import builtin_category_problems, origin_problems


@dataclass
class Verification:
    problems: list[str]
    entries: int
    records: int
    head: str
    leaves: int = 0  # the size of the journal's tree
    extended: Any = None  # whether the journal extends a checkpoint given (`Ledger.verify`'s `Extended`)


NONE = -1  # a record's leaf_index, NULL, in `_indexes`
MAX_GAP = 10_000_000  # the most leaves a gap in the ranges is filled with


@dataclass
class _Entry:
    seq: int
    action: str
    entity: str
    key: str | None
    first_leaf: int
    leaf_count: int

    def __str__(self) -> str:
        if self.key is not None:
            return f"journal entry {self.seq} ({self.action} {self.entity} {self.key})"
        stem = ENTITIES[self.entity].stem if self.entity in ENTITIES else self.entity
        return f"journal entry {self.seq} ({self.action} of {self.leaf_count} {stem})"


class _Log:
    """What `verify` learns from the journal: every leaf (32 bytes each, by index), the entries'
    ranges, and the leaves later versions replaced (a single entry's state is read again only for
    a record that differs from it)."""

    def __init__(self) -> None:
        self.leaves = bytearray()
        self.starts: list[int] = []
        self.entries: list[_Entry] = []
        self.replaced: set[int] = set()
        self.old_last: dict[tuple[str, str], int] = {}  # the last old-format entry's leaf of a record
        self.gaps: list[tuple[int, int]] = []  # the ranges of leaves no entry holds (first, last)

    def place(self, entry: _Entry, data: bytes) -> None:
        """The entry's leaves (`data`, as stored) from its first leaf on: what is missing before it
        stays zero, up to `MAX_GAP` leaves (a range altered further is named by the entry's hash)."""
        at = entry.first_leaf * 32
        if not 0 <= at <= len(self.leaves) + MAX_GAP * 32:
            return
        if len(self.leaves) < at:
            self.leaves.extend(bytes(at - len(self.leaves)))
        del self.leaves[at:]
        self.leaves += data
        self.starts.append(entry.first_leaf)
        self.entries.append(entry)

    @property
    def size(self) -> int:
        return len(self.leaves) // 32

    def leaf(self, index: int) -> bytes:
        return bytes(self.leaves[index * 32 : index * 32 + 32])

    def entry_of(self, index: int) -> _Entry | None:
        """The entry whose range holds leaf `index`, if any (none in a range removed)."""
        found = bisect_right(self.starts, index) - 1
        if found < 0:
            return None
        entry = self.entries[found]
        return entry if index < entry.first_leaf + entry.leaf_count else None


_ENTRY_COLUMNS = tuple(getattr(m.JournalEntry, c) for c in COLUMNS)


def _read_journal(session: Session, problems: list[str]) -> tuple[_Log, int, str]:
    log = _Log()
    previous_seq, previous_hash, size, entries, tree_began = 0, GENESIS, 0, 0, False
    # Through the connection, in pieces: PostgreSQL would otherwise send the whole journal at once.
    # (The option for this statement only: set on the connection, it would stay for every later one.)
    rows = session.connection().execute(
        select(*_ENTRY_COLUMNS).order_by(m.JournalEntry.seq), execution_options={"yield_per": 20_000}
    )
    for row in rows:
        seq, at, actor, action, entity, key, state, reason, prev_hash, digest, before, replaces, first, count = row[:14]
        root, blob = row[14:]
        entries += 1
        entry = _Entry(seq, action, entity, key, first, count)
        wrong = _wrong_types(row)
        if wrong:
            problems.append(f"journal entry {seq}: altered (its {wrong})")
            if type(first) is int and type(count) is int and first == size:
                if count:
                    log.gaps.append((first, first + count - 1))  # its leaves are not read: no entry holds them
                size = first + count
            previous_seq, previous_hash = seq, digest
            continue
        if seq != previous_seq + 1:
            missing = f"{previous_seq + 1}" if seq == previous_seq + 2 else f"{previous_seq + 1} to {seq - 1}"
            problems.append(f"journal: entry {missing} is missing (removed from the journal)")
        if prev_hash != previous_hash:
            problems.append(f"{entry}: does not follow the entry before it (the chain is broken)")
        if first != size:
            if first > size:
                log.gaps.append((size, first - 1))
                missing = f"leaf {size} is" if first == size + 1 else f"leaves {size} to {first - 1} are"
                problems.append(f"journal: {missing} missing before {entry} (removed from the journal)")
            else:
                problems.append(f"{entry}: its leaves {first} on overlap those of the entries before it")
        if root is None:
            good = key is not None and state is not None and count == 1 and (
                entry_hash(seq, at, actor, action, entity, key, state, reason, prev_hash) == digest)  # fmt: skip
            if tree_began:
                problems.append(f"{entry}: is of the form written before the tree (no root) but comes after entries "
                                "of the tree's form: written behind the ledger's back")  # fmt: skip
            elif before is not None or replaces is not None:
                problems.append(f"{entry}: altered (an entry written before the tree has no `before` or `replaces`; "
                                "they are not in its hash)")  # fmt: skip
                before = replaces = None
        else:
            tree_began = True
            good = digest == tree_entry_hash(seq, at, actor, action, entity, key, state, reason, prev_hash, before,
                                             replaces, first, count, root)  # fmt: skip
        if not good:
            problems.append(f"{entry}: altered (its hash does not match its contents)")
        if blob is not None:
            data = bytes(blob)
            pieces = [data[i : i + 32] for i in range(0, len(data), 32)]
            if len(data) != 32 * count or merkle.Tree(pieces).root().hex() != root:
                problems.append(f"{entry}: its leaves were altered (their Merkle root is not the entry's)")
            if replaces is not None or before is not None:
                problems.append(f"{entry}: a load's entry replaces no version (written behind the ledger's back)")
            log.place(entry, data)
            size = first + count
        else:
            leaf = leaf_of(state or "")
            if state is None or not (state.startswith("{") and state.endswith("}")) or not _is_object(state):
                problems.append(f"{entry}: its state is not a JSON object (written behind the ledger's back)")
            elif entity in ENTITIES and not names_key(entity, key, state):
                problems.append(f"{entry}: its state is not that of {entity} {key} (it names another record): "
                                "written behind the ledger's back")  # fmt: skip
            elif root is not None and root != leaf.hex():
                problems.append(f"{entry}: its root is not its state's leaf (written behind the ledger's back)")
            if root is not None:
                _replacing(log, entry, before, replaces, problems)
            log.place(entry, leaf)
            if root is None and key is not None:
                earlier = log.old_last.get((entity, key))
                if earlier is not None:
                    log.replaced.add(earlier)
                log.old_last[entity, key] = first
            size = first + count
        previous_seq, previous_hash = seq, digest
    return log, entries, previous_hash


def _replacing(log: _Log, entry: _Entry, before: str | None, replaces: int | None, problems: list[str]) -> None:
    """An amend's or a void's `replaces` and `before`: an earlier leaf of the same record, whose
    state `before` is, replaced by no other entry; an add replaces nothing."""
    changes = entry.action in ("amend", "void")
    if replaces is None and before is None:
        if changes:
            problems.append(f"{entry}: does not name the version it replaces (written behind the ledger's back)")
        return
    if not changes:
        problems.append(f"{entry}: an add replaces no version (written behind the ledger's back)")
        return
    if replaces is None or before is None or not 0 <= replaces < entry.first_leaf:
        problems.append(f"{entry}: does not name an earlier version with its state before (written behind the "
                        "ledger's back)")  # fmt: skip
        return
    replaced = log.entry_of(replaces)
    if replaced is None or replaced.entity != entry.entity or replaced.key not in (None, entry.key):
        problems.append(f"{entry}: the version it replaces (leaf {replaces}) is not {entry.entity} {entry.key}'s "
                        "(written behind the ledger's back)")  # fmt: skip
    elif leaf_of(before) != log.leaf(replaces) or not names_key(entry.entity, entry.key, before):
        problems.append(f"{entry}: its state before is not the version it replaces (leaf {replaces} of {replaced}): "
                        "the record was changed behind the ledger's back before it")  # fmt: skip
    elif replaces in log.replaced:
        problems.append(f"{entry}: replaces leaf {replaces} of {replaced}, which an earlier entry replaced already "
                        "(written behind the ledger's back)")  # fmt: skip
    log.replaced.add(replaces)


_TEXTS = ("at", "actor", "action", "entity", "prev_hash", "hash")  # never NULL
_OPTIONAL_TEXTS = ("key", "state", "reason", "before", "root")


def _wrong_types(row: Any) -> str | None:
    """What in a journal row is not of its column's type (SQLite keeps any value in any column), or
    None: the entry is then named altered, not read further."""
    values = dict(zip(COLUMNS, row, strict=True))
    for column in ("first_leaf", "leaf_count"):
        if type(values[column]) is not int or values[column] < 0:
            return f"{column} is not a whole number ≥ 0: {values[column]!r}"
    if values["replaces"] is not None and type(values["replaces"]) is not int:
        return f"replaces is not a whole number: {values['replaces']!r}"
    for column in _TEXTS + _OPTIONAL_TEXTS:
        if not isinstance(values[column], str) and (values[column] is not None or column in _TEXTS):
            return f"{column} is not text: {values[column]!r:.40}"
    if values["leaves"] is not None and not isinstance(values["leaves"], bytes | memoryview):
        return f"leaves are not bytes: {values['leaves']!r:.40}"
    return None


def _is_object(state: str) -> bool:
    """Whether a state between braces is a JSON object: one that opens with a member is taken as
    one without parsing it (a million states parse slowly; its leaf is checked against its record
    anyway), any other is parsed."""
    if state.startswith('{"') or state == "{}":
        return True
    try:
        return isinstance(json.loads(state), dict)
    except ValueError:
        return False


def _differences(entity: str, key: str, journaled: str, state: str) -> str:
    """A record that differs from its single entry: the fields that differ, as they were."""
    try:
        was = json.loads(journaled)
    except ValueError:
        was = None
    now_ = json.loads(state)
    if not isinstance(was, dict):
        return f"{entity} {key}: differs from the journal (its entry's state is not a JSON object)"
    fields = [f for f in sorted(set(now_) | set(was)) if now_.get(f) != was.get(f)]
    shown = ", ".join(f"{f}: journal {was.get(f)!r}, ledger {now_.get(f)!r}" for f in fields)
    return f"{entity} {key}: differs from the journal ({shown})"


class _Indexes:
    """Every record's leaf_index by its id: in an array (`NONE` where NULL; a million take 8 MB),
    and, for an id far beyond the others or below 1, in a dict (a forger's id of 2,000,000,000
    would otherwise take 16 GB). A leaf_index that is not a whole number (SQLite keeps any value
    in any column) is `NOT_A_NUMBER`."""

    def __init__(self) -> None:
        self.dense = array("q")
        self.sparse: dict[int, int] = {}

    def put(self, id: int, index: Any) -> None:
        value = NONE if index is None else index if type(index) is int else NOT_A_NUMBER
        if type(id) is int and 0 <= id < len(self.dense) + DENSE_GAP:
            if len(self.dense) <= id:
                self.dense.extend([NONE] * (id + 1 - len(self.dense)))
            self.dense[id] = value
        else:
            self.sparse[id] = value

    def get(self, id: Any) -> int:
        if type(id) is int and 0 <= id < len(self.dense):
            return self.dense[id]
        return self.sparse.get(id, NONE)


NOT_A_NUMBER = -2  # a record's leaf_index that is not a whole number, in `_Indexes`
DENSE_GAP = 1_000_000  # the most ids missing between two records that the array fills


def _indexes(session: Session, entity: str) -> _Indexes:
    """Every record's leaf_index by its id."""
    model = ENTITIES[entity].model
    found = _Indexes()
    rows = session.connection().execute(select(model.id, model.leaf_index).order_by(model.id))  # unbuffered
    for id, index in rows:
        found.put(id, index)
    return found


CHUNK = 20_000  # transfers read at a time: verify's memory stays flat however many the ledger holds


def _states(session: Session, entity: str) -> Iterator[tuple[int, str, str]]:
    """Every record of one kind as (id, key, state as canonical JSON); the transfers a range of ids
    at a time, each state written as text from its columns and links (`_transfer_state`)."""
    if entity != "transfer":
        yield from identified_states(session, entity)
        return
    start = session.execute(select(func.min(m.Transfer.id))).scalar()
    while start is not None:
        # The id CHUNK places on: ranges follow the ids there are, however far apart they lie.
        after = session.execute(select(m.Transfer.id).where(m.Transfer.id >= start).order_by(m.Transfer.id)
                                .offset(CHUNK).limit(1)).scalar()  # fmt: skip
        statement = readers.transfer_statement(include_voided=True).where(m.Transfer.id >= start)
        if after is not None:
            statement = statement.where(m.Transfer.id < after)
        terms, intermediaries, sources = transfer_lists(session, statement)
        for t in session.execute(statement):
            lists = (";".join(terms.get(t.id, ())), ";".join(intermediaries.get(t.id, ())),
                     ";".join(sources.get(t.id, ())))  # fmt: skip
            yield t.id, t.key, _transfer_state(t, *lists)
        start = after


def _transfer_state(t: Any, terms: str, intermediaries: str, sources: str) -> str:
    """A stored transfer's state, as `canonical(state_of("transfer", row))` gives it from the row
    `queries` reads, built as text (a million of them): the same cells, in the same order."""
    s = json_string
    date = t.date.strftime("%Y-%m") if t.date_precision == "month" else t.date.isoformat()
    return (
        f'{{"category":{s(t.category)},"count":{s("undisclosed" if t.count is None else str(t.count))},'
        f'"date":{s(date)},"deliverer":{s(t.deliverer)},"exchange":{s(t.exchange or "")},'
        f'"intermediaries":{s(intermediaries)},"key":{s(t.key)},"location":{s(t.location or "")},'
        f'"notes":{s(t.notes or "")},"receiver":{s(t.receiver)},"sources":{s(sources)},"terms":{s(terms)},'
        f'"voided":{"true" if t.voided else "false"}}}'
    )


def verify(session: Session) -> Verification:
    """Recompute the chain (each entry's hash, its place, its range of leaves, a batch's root over
    its leaves), then each record's leaf against the log's, then name each leaf no record holds and
    no later version replaced. Each problem is a line naming the entry, the leaf or the record."""
    problems: list[str] = []
    log, entries, head = _read_journal(session, problems)
    held = bytearray(log.size)
    checked = 0
    for entity in ENTITIES:
        indexes, model = _indexes(session, entity), ENTITIES[entity].model
        orphans: dict[tuple[int, int], list[str]] = {}  # a gap in the leaves -> the keys of the records in it
        for id, key, state in _states(session, entity):
            checked += 1
            index = indexes.get(id)
            if index == NOT_A_NUMBER:
                problems.append(f"{entity} {key}: its leaf_index is not a whole number (written behind the ledger's "
                                "back)")  # fmt: skip
                continue
            if index == NONE:
                index = log.old_last.get((entity, key), NONE)
                if index == NONE:
                    problems.append(f"{entity} {key}: has no journal entry (written behind the ledger's back)")
                    continue
            if index >= log.size or index < 0:
                problems.append(f"{entity} {key}: has no journal entry (written behind the ledger's back, or its entry "
                                f"removed: its leaf {index} is beyond the journal's {log.size})")  # fmt: skip
                continue
            entry = log.entry_of(index)
            if entry is None:  # its entry was removed, or is not read
                gap = bisect_right(log.gaps, index, key=lambda gap: gap[0]) - 1
                orphans.setdefault(log.gaps[gap] if gap >= 0 else (index, index), []).append(key)
                continue
            held[index] = 1
            leaf = leaf_of(state)
            if log.leaf(index) == leaf:
                if entry.entity != entity or entry.key not in (None, key):
                    problems.append(f"{entity} {key}: has no journal entry of its own (its state is leaf {index}, "
                                    f"{entry}'s): rewritten behind the ledger's back")  # fmt: skip
                elif index in log.replaced:
                    problems.append(f"{entity} {key}: is back at a version a later entry replaced (leaf {index} of "
                                    f"{entry}): rewritten behind the ledger's back")  # fmt: skip
                continue
            if entry.key is not None and (entry.entity, entry.key) != (entity, key):
                problems.append(f"{entity} {key}: has no journal entry (its leaf {index} is {entry}'s)")
            elif session.scalar(select(model.leaf).where(model.id == id)) == leaf.hex():
                problems.append(f"{entity} {key}: it and its leaf hash were rewritten behind the ledger's back: "
                                f"they do not match leaf {index} of {entry}")  # fmt: skip
            elif entry.key is not None:
                journaled = session.scalar(select(m.JournalEntry.state).where(m.JournalEntry.first_leaf == index))
                problems.append(_differences(entity, key, journaled or "", state))
            else:
                problems.append(f"{entity} {key}: differs from leaf {index} of {entry} (edited behind its back)")
        problems += _orphaned(entity, orphans)
    problems += _unheld(log, held)
    problems += origin_problems(session)
    problems += builtin_category_problems(session)
    return Verification(problems, entries, checked, head, log.size)


def _orphaned(entity: str, orphans: dict[tuple[int, int], list[str]]) -> list[str]:
    """The records whose leaves are in a range no entry holds: one line for each range."""
    found = []
    for (first, last), keys in orphans.items():
        if len(keys) == 1:
            found.append(f"{entity} {keys[0]}: has no journal entry (written behind the ledger's back)")
        else:
            found.append(f"{len(keys)} {ENTITIES[entity].stem} ({keys[0]} … {keys[-1]}): have no journal entry: "
                         f"their leaves are among leaves {first} to {last}, which no entry holds (removed from the "
                         "journal)")  # fmt: skip
    return found


def _unheld(log: _Log, held: bytearray) -> list[str]:
    """Each run of leaves of one entry that no record holds and no later version replaced: the
    records deleted behind the ledger's back."""
    found: list[str] = []
    run: list[int] = []

    def said() -> None:
        entry = log.entry_of(run[0])
        assert entry is not None  # a leaf of no entry is zero, and left out
        if entry.key is not None:
            found.append(f"{entry.entity} {entry.key}: in the journal but missing from the ledger (deleted behind its "
                         f"back; leaf {run[0]} of {entry})")  # fmt: skip
        else:
            leaves = f"leaf {run[0]}" if len(run) == 1 else f"leaves {run[0]} to {run[-1]}"
            found.append(f"{entry}: {leaves}: no record holds {'it' if len(run) == 1 else 'them'} any more (deleted "
                         "behind the ledger's back)")  # fmt: skip
        run.clear()

    index = held.find(0)
    while index != -1:
        if index not in log.replaced and log.leaf(index) != bytes(32):
            if run and (index != run[-1] + 1 or log.entry_of(index) is not log.entry_of(run[0])):
                said()
            run.append(index)
        index = held.find(0, index + 1)
    if run:
        said()
    return found
