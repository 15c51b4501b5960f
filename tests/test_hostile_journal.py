"""A hostile tester's findings on the journal as a Merkle tree, checkpoints and proofs: a file
written over the ledger itself, a proof whose record was renamed, JSON built to crash the
reader, and a forger with database rights writing values verify did not expect (SQLite keeps any
value in any column; an id far beyond the others; the ledger's origin removed)."""

from __future__ import annotations

import errno
import json
import sqlite3
from pathlib import Path

import pytest

from ledger.config import normalise_url, sqlite_path

from conftest import ok, refused, run, sql

POW = "2025-05-23-rus-ukr-pow"  # a transfer of the dataset: 270 prisoners of war, Russia to Ukraine
BODIES = "2025-06-16-rus-ukr-bodies"  # another, whose allocation is explicit


# PostgreSQL keeps each column's type: only SQLite takes such values, so these tests run on SQLite
# alone (the engine fixture's parameters overridden, rather than a test skipped on PostgreSQL).
SQLITE_ONLY = pytest.mark.parametrize("engine_name", ["sqlite"])


def _problems(db: str) -> list[str]:
    result = run(db, "verify")
    assert result.exit_code == 1, result.output
    return [line for line in result.stdout.splitlines() if line.startswith("FAIL ")]


# The output files of `checkpoint` and `proof show`.


@SQLITE_ONLY
def test_checkpoint_refuses_to_write_over_the_ledgers_database(istanbul: str, engine_name: str) -> None:
    database = Path(sqlite_path(normalise_url(istanbul)) or "")
    before = database.read_bytes()
    assert refused(istanbul, "checkpoint", "-o", str(database)) == (
        f"Error: -o: {database} is the ledger's database: give another file\n"
    )
    assert database.read_bytes() == before
    assert run(istanbul, "verify").exit_code == 0


def test_proof_show_refuses_to_write_over_its_checkpoint(istanbul: str, tmp_path: Path) -> None:
    published = tmp_path / "june.checkpoint"
    ok(istanbul, "checkpoint", "-o", str(published))
    kept = published.read_text(encoding="utf-8")
    error = refused(istanbul, "proof", "show", "transfer", POW, "--checkpoint", str(published), "-o", str(published))
    assert error == f"Error: -o: {published} is --checkpoint: give another file\n"
    assert published.read_text(encoding="utf-8") == kept


def test_an_output_file_the_system_refuses_is_a_refusal(
    istanbul: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(self: Path, *args: object, **kwargs: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")  # a full disk: no file name

    monkeypatch.setattr(Path, "write_text", full)
    target = tmp_path / "june.checkpoint"
    assert refused(istanbul, "checkpoint", "-o", str(target)) == f"Error: -o: {target}: No space left on device\n"


# Proofs edited, or built to crash the reader.


@pytest.mark.parametrize(
    ("field", "value", "said"),
    [
        ("key", "2025-05-23-rus-ukr-civilian",
         f"its state is not that of transfer 2025-05-23-rus-ukr-civilian: it names key '{POW}'"),
        ("entity", "assertion",
         "its state is not the state of a record of the kind assertion (its fields are not theirs)"),
        ("entity", "nation", "its entity 'nation' is not one the ledger holds (party, source,"),
    ],
)  # fmt: skip
def test_a_proof_names_the_record_its_state_is(
    istanbul: str, tmp_path: Path, field: str, value: str, said: str
) -> None:
    """The leaf hashes the state alone: a proof whose entity or key was edited must not prove that
    another record holds that state."""
    proof = tmp_path / "pow.proof"
    ok(istanbul, "proof", "show", "transfer", POW, "-o", str(proof))
    given = json.loads(proof.read_text(encoding="utf-8"))
    given[field] = value
    proof.write_text(json.dumps(given), encoding="utf-8")
    result = run(None, "proof", "check", str(proof))
    assert result.exit_code == 1, result.output
    assert result.stdout.startswith(f"FAIL {proof}: {said}")


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ("[" * 100_000 + "]" * 100_000, "is not a proof: its JSON is nested too deep"),
        ('{"size": 1' + "0" * 5000 + "}", "is not a proof: it holds a number of more than 4,300 digits"),
    ],
)
def test_json_built_to_crash_the_reader_is_refused(tmp_path: Path, content: str, said: str) -> None:
    proof = tmp_path / "odd.proof"
    proof.write_text(content, encoding="utf-8")
    result = run(None, "proof", "check", str(proof))
    assert result.exit_code == 2, result.output
    assert result.stderr == f"Error: {proof}: {said}\n"


# A forger with database rights.


@pytest.mark.parametrize(
    ("column", "value", "said"),
    [
        ("first_leaf", "'abc'", "first_leaf is not a whole number ≥ 0: 'abc'"),
        ("leaf_count", "'abc'", "leaf_count is not a whole number ≥ 0: 'abc'"),
        ("leaves", "'abc'", "leaves are not bytes: 'abc'"),
        ("state", "x'7b7d'", "state is not text: b'{}'"),
        ("actor", "x'ff'", "actor is not text: b'\\xff'"),
    ],
)
@SQLITE_ONLY
def test_verify_names_a_journal_value_of_the_wrong_type(
    istanbul: str, engine_name: str, column: str, value: str, said: str
) -> None:
    seq = 6  # the batch of the dataset's transfers
    if column in ("state", "actor"):
        ok(istanbul, "transfer", "amend", POW, "--count", "271", "--reason", "checked")
        seq = 9
    sql(istanbul, f"UPDATE journal SET {column} = {value} WHERE seq = {seq}")
    assert f"FAIL journal entry {seq}: altered (its {said})" in _problems(istanbul)


@SQLITE_ONLY
def test_verify_names_a_leaf_index_that_is_not_a_number(istanbul: str, engine_name: str) -> None:
    sql(istanbul, f"UPDATE transfer SET leaf_index = 'abc' WHERE key = '{BODIES}'")
    problems = _problems(istanbul)
    said = "its leaf_index is not a whole number (written behind the ledger's back)"
    assert problems[0] == f"FAIL transfer {BODIES}: {said}"


def test_verify_names_a_record_with_an_id_far_beyond_the_others(istanbul: str) -> None:
    """An id of two thousand million: verify must name the record, not reserve 16 GB for it."""
    sql(istanbul, "INSERT INTO party (id, code, name, kind, voided) VALUES (2000000000, 'ZZZ', 'Z', 'state', false)")
    assert _problems(istanbul) == ["FAIL party ZZZ: has no journal entry (written behind the ledger's back)"]


def test_verify_names_the_ledgers_origin_removed_or_doubled(istanbul: str) -> None:
    sql(istanbul, "INSERT INTO ledger_origin (origin) VALUES ('humanitarian-ledger/forged')")
    assert _problems(istanbul) == [
        "FAIL ledger_origin: holds 2 rows, where the ledger keeps its one name (altered behind its back)"
    ]
    sql(istanbul, "DELETE FROM ledger_origin")
    assert _problems(istanbul) == [
        "FAIL ledger_origin: holds 0 rows, where the ledger keeps its one name (altered behind its back)"
    ]


@SQLITE_ONLY
def test_verify_names_the_shares_of_a_transfer_whose_id_changed(istanbul: str, engine_name: str) -> None:
    """SQLite checks no foreign key for a forger's own connection: the shares keep the old id."""
    connection = sqlite3.connect(sqlite_path(normalise_url(istanbul)) or "")  # foreign keys off, as by default
    with connection:
        connection.execute(f"UPDATE transfer SET id = 2000000000 WHERE key = '{BODIES}'")
    connection.close()
    problems = _problems(istanbul)
    assert any(p.startswith("FAIL transfer (no transfer has id ") and "stored 1245 (explicit)" in p for p in problems)


@SQLITE_ONLY
def test_verify_names_a_count_that_is_not_a_number_and_does_not_crash(istanbul: str, engine_name: str) -> None:
    """SQLite stores text in an integer column when told to; the allocation could not be recomputed."""
    sql(istanbul, f"UPDATE transfer SET count = 'abc' WHERE key = '{BODIES}'")
    assert _problems(istanbul)[-2:] == [
        f"FAIL transfer {BODIES}: its count holds 'abc', not a whole number (written behind the ledger's back)",
        "FAIL derived tables: not recomputed from cells that are not numbers",
    ]
