"""The database refuses a journal entry that does not extend the chain, whoever writes it (the
ledger never does; an editor's or the owner's own SQL might): one junk row would otherwise break
`ledger verify` for good, since the journal's entries are never updated or deleted."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from ledger import db as ledger_db
from ledger import merkle, migrate
from ledger.config import normalise_url
from ledger.journal import GENESIS, canonical, entry_hash, leaf_of, tree_entry_hash

from conftest import counts, ok, run

REFUSED = "journal entry .*refused"


def _head(connection) -> tuple[int, str, int]:
    """The last entry's sequence number and hash, and the size of the tree."""
    head = connection.execute(
        text("SELECT seq, hash, first_leaf + leaf_count AS size FROM journal ORDER BY seq DESC LIMIT 1")
    ).first()
    return (head.seq, head.hash, head.size) if head else (0, GENESIS, 0)


def _old_entry(seq: int, prev_hash: str, **given) -> dict:
    """An entry as the ledger wrote it before the tree (its hash by `journal.entry_hash`), then `given`."""
    entry = {"seq": seq, "at": "2026-12-01T21:30:00.000000Z", "actor": "mallory", "action": "add",
             "entity": "party", "key": "XX", "state": canonical({"code": "XX", "voided": False}), "reason": None,
             "prev_hash": prev_hash}  # fmt: skip
    entry.update(given)
    hashed = {k: v for k, v in entry.items() if k != "hash"}
    entry.setdefault("hash", entry_hash(**hashed))
    return entry


def _entry(seq: int, prev_hash: str, **given) -> dict:
    """A single entry as the ledger writes it (one leaf, the next: `first_leaf` = seq - 1 in a
    ledger of single entries; its root its state's leaf; its hash by `journal.tree_entry_hash`), then `given`."""
    entry = {"seq": seq, "at": "2026-12-01T21:30:00.000000Z", "actor": "mallory", "action": "add",
             "entity": "party", "key": "XX", "state": canonical({"code": "XX", "voided": False}), "reason": None,
             "prev_hash": prev_hash, "before": None, "replaces": None, "first_leaf": seq - 1,
             "leaf_count": 1}  # fmt: skip
    entry.update(given)
    entry.setdefault("root", leaf_of(entry["state"]).hex() if entry["state"] is not None else None)
    hashed = {k: v for k, v in entry.items() if k not in ("hash", "leaves")}
    entry.setdefault("hash", tree_entry_hash(**hashed))
    return entry


def _batch(seq: int, prev_hash: str, first_leaf: int, states: list[str], **given) -> dict:
    """A load's batch entry of the leaves of `states`, then `given`."""
    leaves = [leaf_of(state) for state in states]
    fields = {"action": "load", "key": None, "state": None, "first_leaf": first_leaf, "leaf_count": len(leaves),
              "root": merkle.Tree(leaves).root().hex(), "leaves": b"".join(leaves), **given}  # fmt: skip
    return _entry(seq, prev_hash, **fields)


def _insert(url: str, entry: dict) -> None:
    engine = ledger_db.make_engine(normalise_url(url))
    statement = text(f"INSERT INTO journal ({', '.join(entry)}) VALUES ({', '.join(':' + c for c in entry)})")
    try:
        with engine.begin() as connection:
            connection.execute(statement, entry)
    finally:
        engine.dispose()


def _with_head(url: str, make) -> dict:
    engine = ledger_db.make_engine(normalise_url(url))
    try:
        with engine.connect() as connection:
            return make(*_head(connection))
    finally:
        engine.dispose()


STATES = [canonical({"code": f"X{i}", "voided": False}) for i in range(3)]
WRONG = {
    "a gap in the sequence": lambda seq, head, size: _entry(seq + 2, head, first_leaf=size),
    "another previous hash": lambda seq, head, size: _entry(seq + 1, "f" * 64, first_leaf=size),
    "an unknown entity": lambda seq, head, size: _entry(seq + 1, head, first_leaf=size, entity="nobody"),
    "a gap in the leaves": lambda seq, head, size: _entry(seq + 1, head, first_leaf=size + 1),
    # An entry of the form before the tree: its before and replaces are not in its hash.
    "an entry of the old form after the tree's": lambda seq, head, size: {
        **_old_entry(seq + 1, head),
        "first_leaf": size,
        "leaf_count": 1,
    },
    "a state before without the version it replaces": lambda seq, head, size: _entry(
        seq + 1, head, first_leaf=size, action="amend", before=canonical({"code": "XX", "voided": False})
    ),
}
# What PostgreSQL refuses besides (SQLite leaves these to `ledger verify`).
WRONG_ON_POSTGRESQL = {
    "a hash of nothing": lambda seq, head, size: _entry(seq + 1, head, first_leaf=size, hash="0" * 64),
    "a hash that is no hash": lambda seq, head, size: _entry(seq + 1, head, first_leaf=size, hash="junk"),
    "contents changed after hashing": lambda seq, head, size: {
        **_entry(seq + 1, head, first_leaf=size), "actor": "someone else"},
    "a state that is not JSON": lambda seq, head, size: _entry(seq + 1, head, first_leaf=size, state="{not json"),
    "a state that is not a JSON object": lambda seq, head, size: _entry(seq + 1, head, first_leaf=size, state="[1]"),
    "a root that is not its state's leaf": lambda seq, head, size: _entry(seq + 1, head, first_leaf=size,
                                                                          root="ab" * 32),
    "a replaced leaf changed after hashing": lambda seq, head, size: {
        **_entry(seq + 1, head, first_leaf=size, action="amend", replaces=0), "replaces": 1},
    "a batch of fewer leaves than it counts": lambda seq, head, size: {
        **_batch(seq + 1, head, size, STATES), "leaves": leaf_of(STATES[0])},
    "a batch with a state": lambda seq, head, size: _batch(seq + 1, head, size, STATES, state=STATES[0]),
    "an old entry changed after hashing": lambda seq, head, size: {
        **_old_entry(seq + 1, head), "first_leaf": size, "leaf_count": 1, "actor": "someone else"},
}  # fmt: skip


@pytest.mark.parametrize("wrong", list(WRONG))
def test_the_database_refuses_an_entry_that_does_not_extend_the_chain(round1: str, wrong: str) -> None:
    entries = counts(round1)["journal"]
    entry = _with_head(round1, WRONG[wrong])
    with pytest.raises(IntegrityError, match=REFUSED):
        _insert(round1, entry)
    assert counts(round1)["journal"] == entries
    assert ok(round1, "verify").startswith(f"Verified: {entries} journal entries")


@pytest.mark.parametrize("wrong", list(WRONG_ON_POSTGRESQL))
def test_postgresql_refuses_an_entry_whose_hash_or_state_is_wrong(pg_db: str, wrong: str) -> None:
    ok(pg_db, "party", "add", "UKR", "--name", "Ukraine")
    with pytest.raises(IntegrityError, match=REFUSED):
        _insert(pg_db, _with_head(pg_db, WRONG_ON_POSTGRESQL[wrong]))
    assert counts(pg_db)["journal"] == 1


def test_on_sqlite_verify_names_an_entry_whose_state_is_not_json(tmp_path) -> None:
    db = str(tmp_path / "ledger.db")
    ok(db, "init")
    ok(db, "party", "add", "UKR", "--name", "Ukraine")
    _insert(db, _with_head(db, WRONG_ON_POSTGRESQL["a state that is not JSON"]))
    result = run(db, "verify")
    assert result.exit_code == 1
    assert "FAIL journal entry 2 (add party XX): its state is not a JSON object" in result.stdout


# Text that JSON escapes: quotes, a backslash, control characters, other scripts; and a reason.
AWKWARD = {"actor": 'O\'Brien "the \\ analyst"\t\n\x01\x1f', "key": "Україна-ü-😀", "reason": "línea\r\nnext\x7f"}


def test_an_entry_that_extends_the_chain_is_taken_whatever_its_text(db: str) -> None:
    """The database hashes an entry's text as `journal.tree_entry_hash` does (on PostgreSQL), and an
    old entry's as `journal.entry_hash`: an entry made as the ledger makes it is taken, however
    awkward its strings; so is a batch of leaves, and an amend with its state before."""
    ok(db, "party", "add", "UKR", "--name", "Ukraine", "--alias", "Україна")
    state = canonical({"code": AWKWARD["key"], "name": 'a "quoted"\\ name\n', "aliases": ["Ωμέγα"], "voided": False})
    _insert(db, _with_head(db, lambda seq, head, size: _entry(seq + 1, head, first_leaf=size, state=state, **AWKWARD)))
    _insert(db, _with_head(db, lambda seq, head, size: _batch(seq + 1, head, size, STATES, reason="loaded")))
    voided = canonical({"code": "X2", "voided": True})
    _insert(db, _with_head(db, lambda seq, head, size: _entry(
        seq + 1, head, first_leaf=size, action="amend", key="X2", state=voided, before=STATES[2],
        replaces=size - 1)))  # fmt: skip
    assert counts(db)["journal"] == 4
    engine = ledger_db.make_engine(normalise_url(db))
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT seq, actor, state, first_leaf FROM journal ORDER BY seq")).all()
    finally:
        engine.dispose()
    assert rows[1].actor == AWKWARD["actor"] and json.loads(rows[1].state)["aliases"] == ["Ωμέγα"]
    assert [row.first_leaf for row in rows] == [0, 1, 2, 5]


@pytest.mark.usefixtures("istanbul")  # the db ledger holds the dataset, loaded
def test_the_ledgers_own_writes_extend_the_chain(db: str, tmp_path) -> None:
    ok(db, "party", "amend", "RUS", "--name", "Russian Federation", "--reason", "full name")
    ok(db, "transfer", "void", "2025-05-23-rus-ukr-civilian", "--reason", "entered twice")
    assert ok(db, "verify").startswith(f"Verified: {counts(db)['journal']} journal entries")


def test_the_chain_check_goes_with_migration_0008(empty_url: str) -> None:
    url = normalise_url(empty_url)
    migrate.upgrade(url)
    first = _entry(1, GENESIS)
    with pytest.raises(IntegrityError, match=REFUSED):
        _insert(url, {**first, "prev_hash": "f" * 64})
    with pytest.raises(IntegrityError, match=REFUSED):
        _insert(url, {**first, "first_leaf": 1})
    migrate.downgrade(url, "0007")
    _insert(url, {**_old_entry(1, GENESIS), "seq": 5, "prev_hash": "f" * 64})  # no check before 0008
    migrate.downgrade(url, "base")
    migrate.upgrade(url)
    _insert(url, first)
    with pytest.raises(IntegrityError, match=REFUSED):
        _insert(url, _entry(3, first["hash"]))
    with pytest.raises(IntegrityError, match=REFUSED):
        _insert(url, _entry(2, first["hash"], first_leaf=2))
