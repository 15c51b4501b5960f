"""`ledger verify` on a loaded ledger, whose records a load journaled as batches of leaves: what it
names when a record, a batch's leaves, an entry or a record's leaf columns are changed behind the
ledger's back; and the journal's log as checkpoints and proofs read it. On both engines.

The istanbul-2025 dataset loads as eight batch entries, one for each table, their leaves in the
order of the tables: parties 0-5, sources 6-40, the process 41, rounds 42-44, terms 45-56,
transfers 57-104 (entry 6), claims 105-119 (entry 7), the assertion 120.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from ledger import db as ledger_db
from ledger import journal, merkle
from ledger.config import normalise_url
from ledger.errors import NotFound

from conftest import ok, run, sql_rows

TRANSFERS = "journal entry 6 (load of 48 transfers)"
KEY = "2025-05-23-rus-ukr-pow"


def _session(db: str):
    return Session(ledger_db.make_engine(normalise_url(db)))


def _leaf_index(db: str, table: str, column: str, key: str) -> int:
    return sql_rows(db, f"SELECT leaf_index FROM {table} WHERE {column} = :key", key=key)[0][0]


def _problems(db: str) -> list[str]:
    result = run(db, "verify")
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert lines[-1] == f"{len(lines) - 1} problem{'s' if len(lines) > 2 else ''} found."
    assert all(line.startswith("FAIL ") for line in lines[:-1])
    return [line.removeprefix("FAIL ") for line in lines[:-1]]


pytestmark = pytest.mark.usefixtures("istanbul")


def test_a_loaded_ledger_verifies_and_each_record_keeps_its_leaf(db: str) -> None:
    assert ok(db, "verify").startswith("Verified: 8 journal entries chain correctly and 121 records match them")
    with _session(db) as session:
        leaves, tree = journal.leaves(session), journal.tree(session)
        index, state = journal.record_leaf(session, "transfer", KEY)
        origin = journal.origin(session)
        with pytest.raises(NotFound, match="no transfer 'nothing'"):
            journal.record_leaf(session, "transfer", "nothing")
    assert len(leaves) == tree.size == 121 and 57 <= index <= 104
    assert leaves[index] == journal.leaf_of(state) and json.loads(state)["key"] == KEY
    assert sql_rows(db, "SELECT leaf FROM transfer WHERE key = :key", key=KEY)[0][0] == leaves[index].hex()
    assert merkle.verify_inclusion(leaves[index], index, tree.size, tree.inclusion(index), tree.root())
    assert re.fullmatch(r"humanitarian-ledger/[0-9a-f]{32}", origin)
    # Each batch entry's root is its own leaves' root, and its range follows the one before.
    rows = sql_rows(db, "SELECT first_leaf, leaf_count, root FROM journal ORDER BY seq")
    assert [(r.first_leaf, r.leaf_count) for r in rows] == [
        (0, 6), (6, 35), (41, 1), (42, 3), (45, 12), (57, 48), (105, 15), (120, 1)]  # fmt: skip
    assert all(r.root == merkle.Tree(leaves[r.first_leaf : r.first_leaf + r.leaf_count]).root().hex() for r in rows)


def test_verify_names_a_loaded_record_edited_behind_the_ledgers_back(db: str) -> None:
    index = _leaf_index(db, "transfer", "key", KEY)
    sql_rows(db, "UPDATE transfer SET notes = 'edited' WHERE key = :key", key=KEY)
    assert _problems(db) == [f"transfer {KEY}: differs from leaf {index} of {TRANSFERS} (edited behind its back)"]


def test_verify_names_a_record_rewritten_with_its_leaf_hash(db: str) -> None:
    index = _leaf_index(db, "transfer", "key", KEY)
    sql_rows(db, "UPDATE transfer SET notes = 'edited' WHERE key = :key", key=KEY)
    with _session(db) as session:
        _, state = journal.record_leaf(session, "transfer", KEY)
    sql_rows(db, "UPDATE transfer SET leaf = :leaf WHERE key = :key", leaf=journal.leaf_of(state).hex(), key=KEY)
    assert _problems(db) == [
        f"transfer {KEY}: it and its leaf hash were rewritten behind the ledger's back: they do not match leaf "
        f"{index} of {TRANSFERS}"
    ]


def test_verify_names_a_batch_whose_leaves_were_altered(db: str) -> None:
    """One leaf of the batch replaced by the hash of the record's edited state: the record then
    matches the batch, but the batch no longer matches its root (nor its hash, which covers the root)."""
    index = _leaf_index(db, "transfer", "key", KEY)
    sql_rows(db, "UPDATE transfer SET notes = 'edited' WHERE key = :key", key=KEY)
    with _session(db) as session:
        _, state = journal.record_leaf(session, "transfer", KEY)
    blob = bytes(sql_rows(db, "SELECT leaves FROM journal WHERE seq = 6")[0][0])
    at = (index - 57) * 32
    blob = blob[:at] + journal.leaf_of(state) + blob[at + 32 :]
    sql_rows(db, "UPDATE journal SET leaves = :blob WHERE seq = 6", blob=blob)
    assert _problems(db) == [f"{TRANSFERS}: its leaves were altered (their Merkle root is not the entry's)"]


def test_verify_names_a_removed_batch_and_the_records_it_held(db: str) -> None:
    sql_rows(db, "DELETE FROM journal WHERE seq = 6")
    problems = _problems(db)
    assert problems[:3] == [
        "journal: entry 6 is missing (removed from the journal)",
        "journal entry 7 (load of 15 claims): does not follow the entry before it (the chain is broken)",
        "journal: leaves 57 to 104 are missing before journal entry 7 (load of 15 claims) (removed from the journal)",
    ]
    assert len(problems) == 4 and re.fullmatch(
        r"48 transfers \(\S+ … \S+\): have no journal entry: their leaves are among leaves 57 to 104, which no entry "
        r"holds \(removed from the journal\)",
        problems[3],
    )


def test_verify_names_a_record_deleted_behind_the_ledgers_back(db: str) -> None:
    sql_rows(db, "DELETE FROM claim WHERE leaf_index = 107")
    sql_rows(db, "DELETE FROM claim WHERE leaf_index = 108")
    assert _problems(db) == [
        "journal entry 7 (load of 15 claims): leaves 107 to 108: no record holds them any more (deleted behind the "
        "ledger's back)"
    ]


def test_verify_names_a_record_whose_leaf_is_not_in_the_log(db: str) -> None:
    index = _leaf_index(db, "party", "code", "UKR")
    sql_rows(db, "UPDATE party SET leaf_index = 1000 WHERE code = 'UKR'")
    sql_rows(db, "UPDATE party SET leaf_index = NULL, leaf = NULL WHERE code = 'TUR'")
    tur = _leaf_index(db, "party", "code", "USA") - 3  # the parties load in code order: TUR, UAE, UKR, USA
    assert _problems(db) == [
        "party TUR: has no journal entry (written behind the ledger's back)",
        "party UKR: has no journal entry (written behind the ledger's back, or its entry removed: its leaf 1000 is "
        "beyond the journal's 121)",
        f"journal entry 1 (load of 6 parties): leaf {tur}: no record holds it any more (deleted behind the ledger's "
        "back)",
        f"journal entry 1 (load of 6 parties): leaf {index}: no record holds it any more (deleted behind the "
        "ledger's back)",
    ]


def test_amends_and_voids_of_loaded_records_keep_their_state_before(db: str) -> None:
    index = _leaf_index(db, "transfer", "key", KEY)
    ok(db, "--actor", "alice", "transfer", "amend", KEY, "--count", "271", "--reason", "recounted")
    ok(db, "--actor", "bob", "transfer", "void", KEY, "--reason", "entered twice")
    assert ok(db, "verify").startswith("Verified: 10 journal entries chain correctly and 121 records match them")
    statement = "SELECT action, before, replaces, first_leaf FROM journal WHERE key = :key ORDER BY seq"
    rows = sql_rows(db, statement, key=KEY)
    assert [(r.action, json.loads(r.before)["count"], r.replaces, r.first_leaf) for r in rows] == [
        ("amend", "270", index, 121), ("void", "271", 121, 122)]  # fmt: skip
    history = json.loads(ok(db, "transfer", "history", KEY, "--format", "json"))
    assert [(v["seq"], v["action"], v["changes"], v["state"]["count"]) for v in history] == [
        (6, "load", [], "270"), (9, "amend", ["count: 270 → 271"], "271"),
        (10, "void", ["voided: False → True"], "271")]  # fmt: skip
    assert "#6  " in ok(db, "transfer", "history", KEY) and "  load — loaded from " in ok(
        db, "transfer", "history", KEY
    )
    # Put back as it was before the amend, leaf and all: the journal has replaced that version.
    sql_rows(
        db,
        "UPDATE transfer SET count = 270, voided = false, leaf_index = :index WHERE key = :key",
        index=index,
        key=KEY,
    )
    problems = _problems(db)
    assert f"transfer {KEY}: is back at a version a later entry replaced (leaf {index} of {TRANSFERS}): rewritten " \
        "behind the ledger's back" in problems  # fmt: skip


def test_a_load_cuts_its_batches_and_keeps_its_amends_in_order(db: str, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(journal, "BATCH_LEAVES", 2)
    package = tmp_path / "more"
    package.mkdir()
    (package / "transfers.csv").write_text(
        "key,date,deliverer,receiver,category,count\n"
        "n1,2025-07-01,RUS,UKR,pow,1\nn2,2025-07-02,RUS,UKR,pow,2\nn3,2025-07-03,RUS,UKR,pow,3\n"
        f"{KEY},2025-05-23,RUS,UKR,pow,275\nn4,2025-07-04,RUS,UKR,pow,4\n",
        encoding="utf-8",
    )
    ok(db, "--actor", "loader", "load", "--update", str(package))
    statement = "SELECT seq, action, entity, key, first_leaf, leaf_count FROM journal WHERE seq > 8 ORDER BY seq"
    rows = sql_rows(db, statement)
    assert [tuple(r) for r in rows] == [
        (9, "load", "transfer", None, 121, 2), (10, "load", "transfer", None, 123, 1),
        (11, "amend", "transfer", KEY, 124, 1), (12, "load", "transfer", None, 125, 1)]  # fmt: skip
    assert ok(db, "verify").startswith("Verified: 12 journal entries chain correctly and 125 records match them")
    history = json.loads(ok(db, "transfer", "history", KEY, "--format", "json"))
    assert [(v["seq"], v["action"]) for v in history] == [(6, "load"), (11, "amend")]
    assert json.loads(ok(db, "transfer", "history", "n3", "--format", "json"))[0]["seq"] == 10


def test_verify_writes_each_transfers_state_as_the_journal_does(db: str) -> None:
    """verify builds a transfer's state as text from its row (a million of them): it is the
    canonical state `journal.state_of` gives, for every kind of cell: a month date, an undisclosed
    count, lists, escaped and non-ASCII text, a voided transfer."""
    from ledger import verification

    ok(db, "transfer", "add", "odd", "--date", "2025-07", "--from", "UKR", "--to", "RUS", "--category", "bodies",
       "--undisclosed", "--via", "TUR", "--via", "ICRC", "--source", "pravda-7513734", "--source", "tass-1959169",
       "--location", 'Gomel, "border" \\ ü', "--note", "line\ttab 😀")  # fmt: skip
    ok(db, "transfer", "void", KEY, "--reason", "entered twice")
    with _session(db) as session:
        fast = list(verification._states(session, "transfer"))
        slow = list(journal.identified_states(session, "transfer"))
    assert sorted(fast) == sorted(slow) and len(fast) == 49
    assert any('"voided":true' in state for _, _, state in fast)
