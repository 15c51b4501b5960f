"""Checkpoints and inclusion proofs, on both engines: `ledger checkpoint`, `ledger verify
--checkpoint` (a journal that only grew, one truncated, one whose history was rewritten), `ledger
proof show` and `ledger proof check` (with no database at all), from the command line and from
Python, and every bad file or option refused with exit 2.

The ledger is tampered with only by SQL that means the same whatever the journal's layout: the
last journal rows deleted, a record updated or deleted; and, as a forger would, a loaded record's
first version rewritten in its batch with every root and hash after it recomputed."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from sqlalchemy import text

import ledger
from ledger import checkpoints, merkle
from ledger import db as ledger_db
from ledger.config import normalise_url

from conftest import ok, refused, run
from conftest import sql as _sql

POW = "2025-05-23-rus-ukr-pow"  # a transfer of the dataset: 270 prisoners of war, Russia to Ukraine
LEAVES = 121  # the istanbul-2025 dataset loaded: one leaf per record


def _scalar(db: str, statement: str) -> object:
    engine = ledger_db.make_engine(normalise_url(db))
    try:
        with engine.connect() as connection:
            return connection.execute(text(statement)).scalar()
    finally:
        engine.dispose()


def _checkpoint(db: str, path: Path) -> list[str]:
    ok(db, "checkpoint", "-o", str(path))
    return path.read_text(encoding="utf-8").splitlines()[:3]  # origin, size, root (the journal line after)


def _amend_pow(db: str, count: str) -> None:
    ok(db, "transfer", "amend", POW, "--count", count, "--reason", "checked against the list")


def test_a_checkpoint_is_origin_size_and_root(istanbul: str, tmp_path: Path) -> None:
    printed = ok(istanbul, "checkpoint")
    origin, size, root, entry = printed.splitlines()
    assert origin.startswith("humanitarian-ledger/") and size == str(LEAVES)
    head = ok(istanbul, "verify", "--print-head").strip()
    assert entry == f"journal 8 {head}"  # the entry the tree ends with, and its chain hash
    assert len(base64.b64decode(root, validate=True)) == 32
    assert ok(istanbul, "checkpoint") == printed  # nothing written since: the same checkpoint
    written = tmp_path / "june.checkpoint"
    assert ok(istanbul, "checkpoint", "-o", str(written)) == f"Wrote the checkpoint ({LEAVES} leaves) to {written}.\n"
    assert written.read_text(encoding="utf-8") == printed
    _amend_pow(istanbul, "271")
    after = ok(istanbul, "checkpoint").splitlines()
    assert after[0] == origin and after[1] == str(LEAVES + 1) and after[2] != root


def test_verify_proves_that_the_journal_extends_a_checkpoint(istanbul: str, tmp_path: Path) -> None:
    _, _, then = _checkpoint(istanbul, tmp_path / "june.checkpoint")
    _amend_pow(istanbul, "271")
    ok(istanbul, "party", "add", "QAT", "--name", "Qatar")
    now = ok(istanbul, "checkpoint").splitlines()[2]
    result = run(istanbul, "verify", "--checkpoint", str(tmp_path / "june.checkpoint"))
    assert result.exit_code == 0, result.output
    verified, extends = result.stdout.splitlines()
    assert verified.startswith("Verified: ")
    assert extends == (
        f"The journal extends the checkpoint {tmp_path / 'june.checkpoint'}: {LEAVES} leaves then, {LEAVES + 2} now; "
        f"root {then} then, {now} now."
    )
    # A checkpoint of the ledger as it is now: extended by itself.
    _checkpoint(istanbul, tmp_path / "now.checkpoint")
    assert ok(istanbul, "verify", "--checkpoint", str(tmp_path / "now.checkpoint")).endswith(
        f"{LEAVES + 2} leaves then, {LEAVES + 2} now; root {now} then, {now} now.\n"
    )


def test_a_journal_truncated_since_a_published_checkpoint_fails(istanbul: str, tmp_path: Path) -> None:
    _amend_pow(istanbul, "271")
    _amend_pow(istanbul, "272")
    _checkpoint(istanbul, tmp_path / "published")
    # Someone with the database's rights removes the last two journal entries: the amends.
    _sql(istanbul, "DELETE FROM journal WHERE seq IN (SELECT seq FROM journal ORDER BY seq DESC LIMIT 2)")
    result = run(istanbul, "verify", "--checkpoint", str(tmp_path / "published"))
    assert result.exit_code == 1
    assert (
        f"FAIL checkpoint {tmp_path / 'published'}: it has {LEAVES + 2} leaves and the journal now has {LEAVES}: "
        "the journal was truncated (entries were removed since the checkpoint)\n"
    ) in result.stdout
    assert result.stdout.endswith(" problems found.\n")  # and the transfer no longer matches its journal


def test_a_history_rewritten_to_verify_again_fails_against_the_checkpoint(istanbul: str, tmp_path: Path) -> None:
    """The last record's journal entry and the record itself are removed, and the record added
    again with another name: the ledger verifies as a whole, and only the checkpoint published
    before shows the change."""
    ok(istanbul, "party", "add", "QAT", "--name", "Qatar")
    _, _, then = _checkpoint(istanbul, tmp_path / "published")
    _sql(
        istanbul,
        "DELETE FROM journal WHERE seq = (SELECT max(seq) FROM journal)",
        "DELETE FROM party WHERE code = 'QAT'",
    )
    ok(istanbul, "party", "add", "QAT", "--name", "State of Qatar")
    assert run(istanbul, "verify").exit_code == 0  # the chain and the records alone cannot tell
    result = run(istanbul, "verify", "--checkpoint", str(tmp_path / "published"))
    now_at_that_size = ok(istanbul, "checkpoint").splitlines()[2]
    assert (result.exit_code, result.stdout) == (1, (
        f"FAIL checkpoint {tmp_path / 'published'}: the journal's first {LEAVES + 1} leaves are not the ones it "
        f"names (root {then} then, {now_at_that_size} now): the history was rewritten\n1 problem found.\n"
    ))  # fmt: skip


def _rewrite_first_version(db: str, entity: str, key: str, state: str) -> None:
    """Make the journal say that a record's first version, loaded in a batch and amended since, was
    always `state`, as a forger with the database's rights would: its leaf in the batch, the amend's
    state before, each root and every hash from the batch on recomputed, so that the chain verifies."""
    from ledger.journal import entry_hash, leaf_of, tree_entry_hash

    engine = ledger_db.make_engine(normalise_url(db))
    columns = "seq, at, actor, action, entity, key, state, reason, prev_hash, before, replaces, first_leaf, leaf_count"
    try:
        with engine.begin() as connection:
            amend = connection.execute(text(
                "SELECT seq, replaces FROM journal WHERE entity = :entity AND key = :key AND action = 'amend'"
                " ORDER BY seq LIMIT 1"), {"entity": entity, "key": key}).one()  # fmt: skip
            batch = connection.execute(text(
                "SELECT seq FROM journal WHERE first_leaf <= :leaf AND first_leaf + leaf_count > :leaf"
            ), {"leaf": amend.replaces}).scalar_one()  # fmt: skip
            rows = connection.execute(text(
                f"SELECT {columns}, leaves, root FROM journal WHERE seq >= :seq ORDER BY seq"
            ), {"seq": batch}).mappings().all()  # fmt: skip
            previous = rows[0]["prev_hash"]
            for row in rows:
                entry = dict(row)
                if entry["seq"] == batch:
                    blob = bytearray(entry["leaves"])
                    at = (amend.replaces - entry["first_leaf"]) * 32
                    blob[at : at + 32] = leaf_of(state)
                    entry["leaves"] = bytes(blob)
                    pieces = [entry["leaves"][i : i + 32] for i in range(0, len(blob), 32)]
                    entry["root"] = merkle.Tree(pieces).root().hex()
                if entry["seq"] == amend.seq:
                    entry["before"] = state
                entry["prev_hash"] = previous
                fields = {name: entry[name] for name in columns.split(", ")}
                if entry["root"] is None:
                    previous = entry_hash(**{name: fields[name] for name in list(fields)[:9]})
                else:
                    previous = tree_entry_hash(**fields, root=entry["root"])
                connection.execute(text(
                    "UPDATE journal SET leaves = :leaves, root = :root, before = :before, prev_hash = :prev_hash,"
                    " hash = :hash WHERE seq = :seq"), {**entry, "hash": previous})  # fmt: skip
    finally:
        engine.dispose()


def test_an_early_entry_rewritten_with_the_chain_recomputed_fails_against_the_checkpoint(
    istanbul: str, tmp_path: Path
) -> None:
    ok(istanbul, "party", "amend", "RUS", "--name", "Russian Federation", "--reason", "its full name")
    _checkpoint(istanbul, tmp_path / "published")
    # Russia's first version said "Russia": make the journal say it was always the full name.
    _rewrite_first_version(
        istanbul, "party", "RUS",
        '{"aliases":"Россия","code":"RUS","kind":"state","name":"Russian Federation","voided":false}',
    )  # fmt: skip
    assert run(istanbul, "verify").exit_code == 0, "the rewrite verifies: the checkpoint is what shows it"
    result = run(istanbul, "verify", "--checkpoint", str(tmp_path / "published"))
    assert result.exit_code == 1
    assert result.stdout.endswith(": the history was rewritten\n1 problem found.\n")


def test_a_checkpoint_of_another_ledger_is_named(istanbul: str, tmp_path: Path) -> None:
    another = str(tmp_path / "another.db")  # made by init, not copied from the tests' template ledger
    ok(another, "init")
    ok(another, "party", "add", "UKR", "--name", "Ukraine")
    other, _, _ = _checkpoint(another, tmp_path / "other")
    mine = ok(istanbul, "checkpoint").splitlines()[0]
    result = run(istanbul, "verify", "--checkpoint", str(tmp_path / "other"))
    assert (result.exit_code, result.stdout) == (1, (
        f"FAIL checkpoint {tmp_path / 'other'}: it is of another ledger ({other}; this ledger is {mine})\n"
        "1 problem found.\n"
    ))  # fmt: skip
    assert "another ledger" in refused(
        istanbul, "proof", "show", "transfer", POW, "--checkpoint", str(tmp_path / "other")
    )


def test_an_inclusion_proof_is_checked_without_the_database(istanbul: str, engine_name: str, tmp_path: Path) -> None:
    _, size, root = _checkpoint(istanbul, tmp_path / "published")
    proof = tmp_path / "pow.proof"
    said = ok(istanbul, "proof", "show", "transfer", POW, "--checkpoint", str(tmp_path / "published"), "-o", str(proof))
    given = json.loads(proof.read_text(encoding="utf-8"))
    assert said == f"Wrote the proof of transfer {POW} (leaf {given['leaf_index']} of {LEAVES}) to {proof}.\n"
    assert (given["entity"], given["key"], given["size"], given["root"]) == ("transfer", POW, int(size), root)
    assert json.loads(given["state"])["count"] == "270"
    if engine_name == "sqlite":  # the ledger is gone: the proof stands alone
        for leftover in Path(istanbul).parent.glob(Path(istanbul).name + "*"):
            leftover.unlink()
    nowhere = tmp_path / "no-ledger-here.db"
    checked = run(str(nowhere), "proof", "check", str(proof), "--checkpoint", str(tmp_path / "published"))
    assert (checked.exit_code, checked.stdout) == (0, (
        f"Proved: this version of transfer {POW} was in the ledger by this checkpoint (it may have been amended "
        "since: see its history):\n"
        f"  origin  {given['origin']}\n  size    {LEAVES} leaves (this state is leaf {given['leaf_index']})\n"
        f"  root    {root}\n  state   {given['state']}\n"
    ))  # fmt: skip
    alone = run(str(nowhere), "proof", "check", str(proof))  # against the checkpoint it carries
    assert (alone.exit_code, alone.stdout) == (0, checked.stdout + (
        "The proof carries its checkpoint: compare these three lines with the one published.\n"))  # fmt: skip
    assert not nowhere.exists()


def _edited(proof: Path, **changes: object) -> Path:
    given = json.loads(proof.read_text(encoding="utf-8"))
    given.update(changes)
    edited = proof.with_name("edited.proof")
    edited.write_text(json.dumps(given), encoding="utf-8")
    return edited


def test_an_edited_proof_fails(istanbul: str, tmp_path: Path) -> None:
    proof = tmp_path / "pow.proof"
    ok(istanbul, "checkpoint", "-o", str(tmp_path / "published"))
    ok(istanbul, "proof", "show", "transfer", POW, "-o", str(proof))
    given = json.loads(proof.read_text(encoding="utf-8"))
    index, size, root = given["leaf_index"], given["size"], given["root"]

    def broken(at: int) -> str:
        return (
            f"its path does not lead from the state, as leaf {at}, to the root {root} of {size} leaves: the state, "
            "the leaf index or the path is not what the ledger gave"
        )

    edits = {
        "state": ({"state": given["state"].replace('"count":"270"', '"count":"2700"')}, broken(index)),
        "index": ({"leaf_index": index - 1}, broken(index - 1)),
        "path": ({"path": ["00" * 32, *given["path"][1:]]}, broken(index)),
        "a hash left out": ({"path": given["path"][:-1]}, broken(index)),
        "beyond the tree": ({"leaf_index": size}, f"leaf {size} is not in a tree of {size} leaves"),
    }
    for name, (change, said) in edits.items():
        edited = _edited(proof, **change)
        result = run(None, "proof", "check", str(edited))
        assert (result.exit_code, result.stdout) == (1, f"FAIL {edited}: {said}\n"), name
    # The size is bound to the root by the checkpoint alone: the published one shows an edited size.
    edited = _edited(proof, size=size + 1)
    result = run(None, "proof", "check", str(edited), "--checkpoint", str(tmp_path / "published"))
    assert result.exit_code == 1
    assert result.stdout.startswith(f"FAIL {edited}: it is against another checkpoint (")


def test_a_proof_against_another_checkpoint_than_the_one_given_fails(istanbul: str, tmp_path: Path) -> None:
    _, _, then = _checkpoint(istanbul, tmp_path / "june")
    ok(istanbul, "proof", "show", "transfer", POW, "--checkpoint", str(tmp_path / "june"), "-o", str(tmp_path / "p"))
    ok(istanbul, "party", "add", "QAT", "--name", "Qatar")
    origin, _, now = _checkpoint(istanbul, tmp_path / "july")
    result = run(None, "proof", "check", str(tmp_path / "p"), "--checkpoint", str(tmp_path / "july"))
    assert (result.exit_code, result.stdout) == (1, (
        f"FAIL {tmp_path / 'p'}: it is against another checkpoint ({origin}, size {LEAVES}, root {then}) than the "
        f"one given ({origin}, size {LEAVES + 1}, root {now})\n"
    ))  # fmt: skip


def test_a_version_that_came_after_the_checkpoint_has_no_proof_against_it(istanbul: str, tmp_path: Path) -> None:
    _checkpoint(istanbul, tmp_path / "june")
    _amend_pow(istanbul, "271")
    error = refused(istanbul, "proof", "show", "transfer", POW, "--checkpoint", str(tmp_path / "june"))
    assert error == (
        f"Error: transfer {POW}: its current version came later than the checkpoint (it is leaf {LEAVES}; the "
        f"checkpoint has {LEAVES} leaves, 0 to {LEAVES - 1}): make a new checkpoint\n"
    )
    assert json.loads(ok(istanbul, "proof", "show", "transfer", POW))["leaf_index"] == LEAVES  # against a new one


def test_a_record_changed_behind_the_ledgers_back_has_no_proof(istanbul: str) -> None:
    _sql(istanbul, f"UPDATE transfer SET count = 2700 WHERE key = '{POW}'")
    error = refused(istanbul, "proof", "show", "transfer", POW)
    assert error.startswith(f"Error: transfer {POW}: its state is not its leaf ")
    assert error.endswith(" in the journal (changed behind the ledger's back): see `ledger verify`\n")


def test_the_python_api_makes_and_checks_checkpoints_and_proofs(istanbul: str, tmp_path: Path) -> None:
    book = ledger.open(istanbul)
    try:
        published = book.checkpoint()
        assert (published.size, published.origin.startswith("humanitarian-ledger/")) == (LEAVES, True)
        (tmp_path / "cp").write_text(published.text(), encoding="utf-8")
        assert book.read_checkpoint(tmp_path / "cp") == published
        proof = book.proof("transfer", POW, tmp_path / "cp")
        book.amend("transfer", POW, {"count": 271}, "checked against the list")
        extended = book.verify_checkpoint(published)
        assert (extended.problem, extended.old, extended.now.size) == (None, published, LEAVES + 1)
        assert book.verify_checkpoint(tmp_path / "cp").problem is None
        with pytest.raises(ledger.InvalidInput, match="entity: must be one of party"):
            book.proof("nobody", "x")
        with pytest.raises(ledger.NotFound, match="no transfer 'x'"):
            book.proof("transfer", "x")
    finally:
        book.close()
    # The proof's own function needs nothing but the proof and the checkpoint.
    (tmp_path / "p").write_text(proof.text(), encoding="utf-8")
    assert checkpoints.check_proof(checkpoints.read_proof(tmp_path / "p"), checkpoints.read(tmp_path / "cp")) == []
    assert ledger.Ledger.check_proof(tmp_path / "p", tmp_path / "cp").problems == []
    leaf = merkle.leaf_hash(proof.state.encode("utf-8"))
    assert merkle.verify_inclusion(leaf, proof.leaf_index, LEAVES, proof.path, published.root)
    with pytest.raises(ledger.LedgerError, match="a checkpoint: give a file's path"):
        ledger.Ledger.read_checkpoint(None)


ROOT = base64.b64encode(b"\x01" * 32).decode()
BAD_CHECKPOINTS = {
    "empty": ("", "is empty: a checkpoint has three lines (origin, tree size, root hash)"),
    "two lines": ("humanitarian-ledger/x\n12\n", "is not a checkpoint: it has 2 lines, where a checkpoint has three "
                  "(origin, tree size, root hash)"),
    "a spaced origin": (f" humanitarian-ledger/x\n12\n{ROOT}\n", "line 1: the origin must be the ledger's name, "
                        "with no space around it, got ' humanitarian-ledger/x'"),
    "a size in words": (f"o\ntwelve\n{ROOT}\n", "line 2: the tree size must be a whole number of leaves, got 'twelve'"),
    "a negative size": (f"o\n-1\n{ROOT}\n", "line 2: the tree size must be a whole number of leaves, got '-1'"),
    "a size with a leading zero": (f"o\n012\n{ROOT}\n", "line 2: the tree size must be a whole number of leaves, "
                                   "got '012'"),
    "a root in hex": (f"o\n12\n{'ab' * 32}\n", f"line 3: the root must be a SHA-256 hash in base64 (44 characters), "
                      f"got '{'ab' * 32}'"),
    "a short root": ("o\n12\nAAAA\n", "line 3: the root must be a SHA-256 hash in base64 (44 characters), got 'AAAA'"),
}  # fmt: skip


@pytest.mark.parametrize("bad", list(BAD_CHECKPOINTS))
def test_a_bad_checkpoint_file_is_refused_naming_its_line(istanbul: str, tmp_path: Path, bad: str) -> None:
    content, said = BAD_CHECKPOINTS[bad]
    path = tmp_path / "bad.checkpoint"
    path.write_text(content, encoding="utf-8")
    assert refused(istanbul, "verify", "--checkpoint", str(path)) == f"Error: {path}: {said}\n"
    assert refused(istanbul, "proof", "show", "transfer", POW, "--checkpoint", str(path)) == f"Error: {path}: {said}\n"
    ok(istanbul, "proof", "show", "transfer", POW, "-o", str(tmp_path / "p"))
    checked = run(None, "proof", "check", str(tmp_path / "p"), "--checkpoint", str(path))
    assert (checked.exit_code, checked.stderr) == (2, f"Error: {path}: {said}\n")


def test_a_checkpoint_with_extension_lines_or_a_signature_is_read(istanbul: str, tmp_path: Path) -> None:
    made = ok(istanbul, "checkpoint")
    path = tmp_path / "signed"
    path.write_text(
        made + "an extension line\n\n— example.org Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe\n", encoding="utf-8"
    )
    assert run(istanbul, "verify", "--checkpoint", str(path)).exit_code == 0
    path.write_text("\ufeff" + made.replace("\n", "\r\n"), encoding="utf-8")  # as a Windows editor saves it
    assert run(istanbul, "verify", "--checkpoint", str(path)).exit_code == 0


def test_a_missing_or_unreadable_file_is_refused(istanbul: str, tmp_path: Path) -> None:
    missing = tmp_path / "missing"
    assert refused(istanbul, "verify", "--checkpoint", str(missing)) == f"Error: {missing}: No such file or directory\n"
    assert (
        refused(istanbul, "verify", "--checkpoint", str(tmp_path))
        == f"Error: {tmp_path}: is a folder, not a checkpoint\n"
    )
    binary = tmp_path / "binary"
    binary.write_bytes(b"origin\n\xff\xfe\n")
    assert refused(istanbul, "verify", "--checkpoint", str(binary)) == (
        f"Error: {binary}: is not a checkpoint: it is not UTF-8 text (byte 8)\n")  # fmt: skip
    large = tmp_path / "large"
    large.write_bytes(b"o\n1\n" + b"A" * 2**20)
    assert refused(istanbul, "verify", "--checkpoint", str(large)) == (
        f"Error: {large}: is not a checkpoint: it is larger than 1 MB\n")  # fmt: skip
    checked = run(None, "proof", "check", str(missing))
    assert (checked.exit_code, checked.stderr) == (2, f"Error: {missing}: No such file or directory\n")


BAD_PROOFS = {
    "not JSON": ("{", "is not a proof: line 1: not JSON (Expecting property name enclosed in double quotes)"),
    "a list": ("[]", "is not a proof: a proof is a JSON object with origin, size, root, entity, key, leaf_index, "
               "state, path"),
    "fields missing": ('{"origin": "o"}', "is not a proof: it has no size, root, entity, key, leaf_index, state, path"),
    "a size in text": ({"size": "121"}, "size: must be a whole number ≥ 0, got '121'"),
    "a negative index": ({"leaf_index": -1}, "leaf_index: must be a whole number ≥ 0, got -1"),
    "a state that is no text": ({"state": {"count": 270}}, "state: must be text, got {'count': 270}"),
    "a root in hex": ({"root": "ab" * 32}, f"root: must be a SHA-256 hash in base64, got '{'ab' * 32}'"),
    "an empty origin": ({"origin": ""}, "origin: must be the ledger's name, with no space around it, got ''"),
    "a path of words": ({"path": ["one", "two"]}, "path: must be a list of SHA-256 hashes in hex, got ['one', 'two']"),
}  # fmt: skip


@pytest.mark.parametrize("bad", list(BAD_PROOFS))
def test_a_bad_proof_file_is_refused_naming_what_is_wrong(istanbul: str, tmp_path: Path, bad: str) -> None:
    content, said = BAD_PROOFS[bad]
    proof = tmp_path / "p"
    if isinstance(content, dict):
        ok(istanbul, "proof", "show", "transfer", POW, "-o", str(proof))
        proof = _edited(proof, **content)
    else:
        proof.write_text(content, encoding="utf-8")
    checked = run(None, "proof", "check", str(proof))
    assert (checked.exit_code, checked.stdout, checked.stderr) == (2, "", f"Error: {proof}: {said}\n")


def test_bad_options_and_arguments_are_refused(istanbul: str, tmp_path: Path) -> None:
    nowhere = tmp_path / "no-such-folder" / "cp"
    assert (
        refused(istanbul, "checkpoint", "-o", str(nowhere))
        == f"Error: -o: {nowhere.parent} is not a folder; create it first\n"
    )
    assert (
        refused(istanbul, "checkpoint", "-o", str(tmp_path))
        == f"Error: -o: {tmp_path} is a folder; give the file to write in it\n"
    )
    assert refused(istanbul, "proof", "show", "transfer", POW, "-o", str(nowhere)).startswith("Error: -o: ")
    assert (
        refused(istanbul, "proof", "show", "transfer", "no-such-transfer") == "Error: no transfer 'no-such-transfer'\n"
    )
    assert "'nobody' is not one of 'party'" in refused(istanbul, "proof", "show", "nobody", "x")
    assert "Missing argument 'FILE'" in refused(istanbul, "proof", "check")
    assert "Option '--checkpoint' requires an argument" in refused(istanbul, "verify", "--checkpoint")
    assert not nowhere.parent.exists()
