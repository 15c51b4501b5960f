"""The holes a cold review of the journal found, each forged as the reviewer did, and what the
ledger now says: verify names it (on both engines, with the database's trigger out of the way
where it would refuse the forgery first), PostgreSQL refuses what an editor could append, and
history, checkpoints and proofs no longer vouch for what the journal does not hold.

The istanbul-2025 dataset loads as eight batch entries: transfers are leaves 57-104 (entry 6),
claims 105-119 (entry 7)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from test_journal_upgrade import _old_ledger

from ledger import db as ledger_db
from ledger import journal
from ledger.config import normalise_url
from ledger.journal import entry_hash, leaf_of, tree_entry_hash

from conftest import drop_roles, ok, run, sql_rows

Y, X = "2025-05-23-rus-ukr-pow", "2025-05-23-rus-ukr-civilian"
TRANSFERS = "journal entry 6 (load of 48 transfers)"


LAST_ENTRY = "SELECT seq, hash, first_leaf + leaf_count FROM journal ORDER BY seq DESC LIMIT 1"


def _record_leaf(db: str, entity: str, key: str) -> tuple[int, str]:
    engine = ledger_db.make_engine(normalise_url(db))
    try:
        with Session(engine) as session:
            return journal.record_leaf(session, entity, key)
    finally:
        engine.dispose()


def _no_trigger(db: str) -> None:
    """Out of the way of a forgery that only `verify` must find (someone with the database's rights)."""
    if "://" in db:
        sql_rows(db, "ALTER TABLE journal DISABLE TRIGGER journal_extends_chain")
    else:
        sql_rows(db, "DROP TRIGGER journal_extends_chain")


def _entry(db: str, action: str, entity: str, key: str, state: str, before: str | None, replaces: int | None,
           actor: str = "mallory", root: str | None = None) -> dict:  # fmt: skip
    """The next single entry, hashed as the ledger hashes one."""
    seq, head, size = sql_rows(db, LAST_ENTRY)[0]
    at, root = journal.now(), root or leaf_of(state).hex()
    digest = tree_entry_hash(seq + 1, at, actor, action, entity, key, state, "x", head, before, replaces, size, 1, root)
    return {"seq": seq + 1, "at": at, "actor": actor, "action": action, "entity": entity, "key": key, "state": state,
            "reason": "x", "prev_hash": head, "hash": digest, "before": before, "replaces": replaces,
            "first_leaf": size, "leaf_count": 1, "root": root}  # fmt: skip


def _insert(db: str, entry: dict) -> None:
    sql_rows(db, f"INSERT INTO journal ({', '.join(entry)}) VALUES ({', '.join(':' + c for c in entry)})", **entry)


def _failures(result) -> list[str]:
    assert result.exit_code == 1, result.output
    return [line.removeprefix("FAIL ") for line in result.stdout.splitlines() if line.startswith("FAIL ")]


pytestmark = pytest.mark.usefixtures("istanbul")


def _mislabel(db: str) -> int:
    """forge.py mislabel: Y's count changed, journaled as an amend of X with Y's new state."""
    old_index, _ = _record_leaf(db, "transfer", Y)
    sql_rows(db, "UPDATE transfer SET count = 999 WHERE key = :key", key=Y)
    _, y_state = _record_leaf(db, "transfer", Y)
    _, x_state = _record_leaf(db, "transfer", X)
    entry = _entry(db, "amend", "transfer", X, y_state, x_state, old_index)
    _insert(db, entry)
    sql_rows(db, "UPDATE transfer SET leaf = :leaf, leaf_index = :index WHERE key = :key", leaf=entry["root"],
         index=entry["first_leaf"], key=Y)  # fmt: skip
    return entry["seq"]


def test_1_a_figure_journaled_as_another_records_amend_is_named(db: str, tmp_path: Path) -> None:
    ok(db, "checkpoint", "-o", str(tmp_path / "cp"))
    _no_trigger(db)
    seq = _mislabel(db)
    failures = _failures(run(db, "verify", "--checkpoint", str(tmp_path / "cp")))
    entry = f"journal entry {seq} (amend transfer {X})"
    assert f"{entry}: its state is not that of transfer {X} (it names another record): written behind the ledger's " \
           "back" in failures  # fmt: skip
    assert f"transfer {Y}: has no journal entry of its own (its state is leaf 121, {entry}'s): rewritten behind the " \
           "ledger's back" in failures  # fmt: skip
    # Y's history does not give the forged count as what the load wrote.
    history = run(db, "transfer", "history", Y)  # no entry of Y's holds its leaf: no version to give
    assert (history.exit_code, history.stdout) == (2, "")
    assert history.stderr == f"Error: no transfer '{Y}' in the journal\n"


def test_2_an_honest_amend_after_an_edit_behind_the_ledgers_back_is_refused(db: str, tmp_path: Path) -> None:
    ok(db, "checkpoint", "-o", str(tmp_path / "cp"))
    index, _ = _record_leaf(db, "transfer", Y)
    sql_rows(db, "UPDATE transfer SET location = 'Kyiv (forged)' WHERE key = :key", key=Y)
    refused = run(db, "transfer", "amend", Y, "--count", "271", "--reason", "a check")
    assert refused.exit_code == 2
    assert refused.stderr == (
        f"Error: transfer {Y} was changed behind the ledger's back since leaf {index} (the journal's version "
        "differs): run `ledger verify`\n"
    )
    assert sql_rows(db, "SELECT count(*) FROM journal")[0][0] == 8  # nothing written
    # An amend forged to carry the edited state as its `before` is named by verify.
    _no_trigger(db)
    _, forged = _record_leaf(db, "transfer", Y)
    sql_rows(db, "UPDATE transfer SET count = 271 WHERE key = :key", key=Y)
    _, now = _record_leaf(db, "transfer", Y)
    entry = _entry(db, "amend", "transfer", Y, now, forged, index)
    _insert(db, entry)
    sql_rows(db, "UPDATE transfer SET leaf = :leaf, leaf_index = 121 WHERE key = :key", leaf=entry["root"], key=Y)
    assert _failures(run(db, "verify", "--checkpoint", str(tmp_path / "cp"))) == [
        f"journal entry 9 (amend transfer {Y}): its state before is not the version it replaces (leaf {index} of "
        f"{TRANSFERS}): the record was changed behind the ledger's back before it",
        f"transfer {Y}: allocation to term r1-pow-1000-for-1000 RUS→UKR: stored 270 (explicit), recomputed 271 "
        "(explicit)",  # not reallocated: the forger wrote only the record and the journal
    ]


def test_2_a_leaf_replaced_twice_or_by_another_kind_is_named(db: str) -> None:
    _no_trigger(db)
    index, state = _record_leaf(db, "transfer", Y)
    _insert(db, _entry(db, "amend", "transfer", Y, state, state, index))
    _insert(db, _entry(db, "void", "transfer", Y, state, state, index))
    _, claim = _record_leaf(db, "claim", "1")
    _insert(db, _entry(db, "amend", "claim", "1", claim, state, index))
    failures = _failures(run(db, "verify"))
    assert f"journal entry 10 (void transfer {Y}): replaces leaf {index} of {TRANSFERS}, which an earlier entry " \
           "replaced already (written behind the ledger's back)" in failures  # fmt: skip
    assert f"journal entry 11 (amend claim 1): the version it replaces (leaf {index}) is not claim 1's (written " \
           "behind the ledger's back)" in failures  # fmt: skip


def test_3_an_old_entry_given_a_replaced_leaf_cannot_hide_a_deletion(empty_url: str, tmp_path: Path) -> None:
    """old.py: an upgraded ledger, checkpointed; entry 1 (old form) made to `replace` claim 1's leaf,
    and the claim deleted."""
    db = _old_ledger(empty_url, tmp_path)
    ok(db, "init")
    ok(db, "checkpoint", "-o", str(tmp_path / "cp"))
    claim = sql_rows(db, "SELECT min(id) FROM claim")[0][0]
    leaf = sql_rows(db, "SELECT first_leaf FROM journal WHERE entity = 'claim' AND key = :key ORDER BY seq DESC",
                key=str(claim))[0][0]  # fmt: skip
    sql_rows(db, "UPDATE journal SET replaces = :leaf WHERE seq = 1", leaf=leaf)
    sql_rows(db, "DELETE FROM claim WHERE id = :id", id=claim)
    failures = _failures(run(db, "verify", "--checkpoint", str(tmp_path / "cp")))
    assert any(f.startswith("journal entry 1 (add ") and "altered (an entry written before the tree has no `before` "
               "or `replaces`" in f for f in failures), failures  # fmt: skip
    assert any(f.startswith(f"claim {claim}: in the journal but missing from the ledger") for f in failures), failures


def test_3_an_entry_of_the_old_form_after_the_trees_is_refused_and_named(db: str) -> None:
    seq, head, size = sql_rows(db, LAST_ENTRY)[0]
    state = json.dumps({"code": "XX", "voided": False}, separators=(",", ":"))
    old = {"seq": seq + 1, "at": "at", "actor": "ed", "action": "add", "entity": "party", "key": "XX", "state": state,
           "reason": None, "prev_hash": head, "first_leaf": size, "leaf_count": 1}  # fmt: skip
    old["hash"] = entry_hash(**{k: v for k, v in old.items() if k not in ("first_leaf", "leaf_count")})
    with pytest.raises(IntegrityError, match=r"journal entry .*refused"):
        _insert(db, old)
    _no_trigger(db)
    _insert(db, old)
    assert (
        f"journal entry {seq + 1} (add party XX): is of the form written before the tree (no root) but comes "
        "after entries of the tree's form: written behind the ledger's back"
    ) in _failures(run(db, "verify"))


def test_4_a_checkpoint_names_its_journal_entry_and_finds_a_rewritten_actor(db: str, tmp_path: Path) -> None:
    """forge.py metadata: entry 6's actor and reason rewritten, the chain re-hashed after it."""
    ok(db, "checkpoint", "-o", str(tmp_path / "cp"))
    head = ok(db, "verify", "--print-head").strip()
    assert (tmp_path / "cp").read_text().splitlines()[3] == f"journal 8 {head}"
    three = tmp_path / "three"
    three.write_text("".join((tmp_path / "cp").read_text().splitlines(keepends=True)[:3]))
    said = ok(db, "verify", "--checkpoint", str(three)).splitlines()
    assert said[-1] == ("The checkpoint has no journal line (it is of three lines): it covers the records' states, "
                        "and cannot check who made each change, when or why.")  # fmt: skip
    _no_trigger(db)
    rows = sql_rows(db, "SELECT seq, at, actor, action, entity, key, state, reason, prev_hash, before, replaces, "
                    "first_leaf, leaf_count, root FROM journal ORDER BY seq")  # fmt: skip
    previous = journal.GENESIS
    for row in rows:
        row = list(row)
        if row[0] == 6:
            row[2], row[7] = "someone-else", "copied from a blog"
        row[8] = previous
        previous = tree_entry_hash(*row)
        sql_rows(db, "UPDATE journal SET actor = :actor, reason = :reason, prev_hash = :prev, hash = :hash WHERE seq = "
                 ":seq", actor=row[2], reason=row[7], prev=row[8], hash=previous, seq=row[0])  # fmt: skip
    assert ok(db, "verify").startswith("Verified: 8 journal entries")  # the chain alone cannot tell
    assert _failures(run(db, "verify", "--checkpoint", str(tmp_path / "cp"))) == [
        f"checkpoint {tmp_path / 'cp'}: the journal's entries up to 8 were rewritten (who, when or why changed): "
        f"entry 8 has hash {previous} and ends at leaf 121, where the checkpoint names hash {head} ending at leaf 121"
    ]


def test_5_history_does_not_give_an_edit_behind_the_ledgers_back_as_the_loads(db: str) -> None:
    sql_rows(db, "UPDATE transfer SET location = 'Kyiv (forged)' WHERE key = :key", key=Y)
    history = ok(db, "transfer", "history", Y)
    assert "Kyiv (forged)" not in history
    index, _ = _record_leaf(db, "transfer", Y)
    assert history.splitlines()[1] == (
        f"    (the transfer differs from what the load wrote (leaf {index}): it was changed behind the ledger's back; "
        "run `ledger verify`)"
    )


def test_6_history_says_a_stored_state_before_is_unreadable(db: str) -> None:
    """pg2.py: an amend whose `before` is not JSON: history says so, with no traceback."""
    _no_trigger(db)
    index, state = _record_leaf(db, "transfer", X)
    entry = _entry(db, "amend", "transfer", X, state, "oops", index)
    _insert(db, entry)
    sql_rows(db, "UPDATE transfer SET leaf = :leaf, leaf_index = 121 WHERE key = :key", leaf=entry["root"], key=X)
    result = run(db, "transfer", "history", X)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == (
        "    (its state in the journal is unreadable (not a JSON object): run `ledger verify`)"
    )
    assert any("its state before is not the version it replaces" in f for f in _failures(run(db, "verify")))


def _editor(db: str, name: str) -> str:
    ok(db, "db", "roles", "--reader", f"{name}_r", "--editor", name)
    return make_url(normalise_url(db)).set(username=name).render_as_string(hide_password=False)


@pytest.mark.parametrize("engine_name", ["postgres"])  # roles and the trigger's checks: PostgreSQL's alone
def test_1_6_postgresql_refuses_what_an_editor_could_append(db: str, engine_name: str) -> None:
    """pg.py, pg2.py and forge.py mislabel as the editor: each entry is refused (SQLite has no
    roles: whoever can write the file can do anything, and verify names it)."""
    name = f"ledger_test_editor_{os.getpid()}"
    as_editor = _editor(db, name)
    try:
        index, y_state = _record_leaf(db, "transfer", Y)
        _, x_state = _record_leaf(db, "transfer", X)
        wrong = {
            "another record's state": _entry(db, "amend", "transfer", X, y_state, x_state, index),
            "a state with a space before it": _entry(db, "add", "claim", "99", " " + y_state, None, None),
            "a state before that is not JSON": _entry(db, "amend", "transfer", Y, y_state, "oops", index),
            "a state before that is not the replaced leaf's": _entry(db, "amend", "transfer", Y, y_state, x_state,
                                                                     index),
            "a state before with nothing replaced": _entry(db, "amend", "transfer", Y, y_state, y_state, None),
            "an add that replaces": _entry(db, "add", "transfer", Y, y_state, y_state, index),
            "an amend replacing another record's leaf": _entry(db, "amend", "transfer", X, x_state, y_state, index),
        }  # fmt: skip
        for what, entry in wrong.items():
            with pytest.raises(IntegrityError, match=r"journal entry .*refused"):
                _insert(as_editor, entry)
            assert sql_rows(db, "SELECT count(*) FROM journal")[0][0] == 8, what
        _insert(as_editor, _entry(db, "amend", "transfer", Y, y_state, y_state, index))  # a no-op amend: taken
    finally:
        drop_roles(db, f"{name}_r", name)


def test_7_a_proof_relabelled_to_another_record_fails(db: str, tmp_path: Path) -> None:
    ok(db, "proof", "show", "transfer", Y, "-o", str(tmp_path / "pow.proof"))
    given = json.loads((tmp_path / "pow.proof").read_text())
    for entity, key, said in [
        ("assertion", "2025-06-01-ukr-rus-pow-FAKE", "its state is not the state of a record of the kind assertion "
                                                     "(its fields are not theirs)"),
        ("transfer", X, f"its state is not that of transfer {X}: it names key '{Y}'"),
        ("claim", "1", "its state is not the state of a record of the kind claim (its fields are not theirs)"),
        ("nothing", Y, "its entity 'nothing' is not one the ledger holds"),
    ]:  # fmt: skip
        (tmp_path / "relabelled.proof").write_text(json.dumps({**given, "entity": entity, "key": key}))
        result = run(str(tmp_path / "none.db"), "proof", "check", str(tmp_path / "relabelled.proof"))
        assert result.exit_code == 1
        assert result.stdout.splitlines()[0].startswith(f"FAIL {tmp_path / 'relabelled.proof'}: {said}")
        assert "Proved" not in result.stdout


def test_a_second_origin_is_named(db: str) -> None:
    sql_rows(db, "INSERT INTO ledger_origin (origin) VALUES ('humanitarian-ledger/another')")
    assert _failures(run(db, "verify")) == [
        "ledger_origin: holds 2 rows, where the ledger keeps its one name (altered behind its back)"
    ]
    refused = run(db, "checkpoint")
    assert refused.exit_code == 2 and re.search("more than one origin", refused.stderr)
