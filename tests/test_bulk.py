"""A large load checks the bulk tables' foreign keys once, at the end, on PostgreSQL, and into a
ledger it at least doubles, builds their indexes once, at the end, on either engine (bulk.Held)."""

from __future__ import annotations

import csv
import os
import shutil
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from ledger import bulk, loading, shares
from ledger import db as ledger_db
from ledger.config import normalise_url

from conftest import counts, drop_roles, ok, run

DATA = Path(__file__).resolve().parent.parent / "data" / "istanbul-2025"
FOREIGN_KEYS = (
    "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint"
    " WHERE contype = 'f' ORDER BY 1, 2"
)
HELD_INDEXES = {  # the indexes of the bulk tables and the journal that a load may build at the end
    "sqlite": "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix%' AND tbl_name IN ({})",
    "postgresql": "SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE 'ix%' AND tablename IN ({})",
}


def _indexes(connection) -> list[tuple[str, str]]:
    tables = ", ".join(f"'{t}'" for t in bulk.INDEXED_TABLES)
    return sorted(tuple(row) for row in connection.execute(text(HELD_INDEXES[connection.dialect.name].format(tables))))


def _held_indexes(db: str) -> list[tuple[str, str]]:
    engine = ledger_db.make_engine(normalise_url(db))
    try:
        with engine.connect() as connection:
            return _indexes(connection)
    finally:
        engine.dispose()


def _foreign_keys(url: str) -> list[tuple[str, str, str]]:
    engine = ledger_db.make_engine(url)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(FOREIGN_KEYS))]
    finally:
        engine.dispose()


def _measured_at_each_batch(monkeypatch: pytest.MonkeyPatch, measure) -> list[int]:
    """Every load counts as large: what it holds is held from its first batch of transfers. The
    list gets `measure(connection)` as each batch is stored, inside the load."""
    monkeypatch.setattr(loading, "HOLD_KEYS_FROM", 1)
    seen: list[int] = []
    store = loading.store_transfers

    def measured(session, records, texts=None, leaves=None):
        seen.append(measure(session.connection()))
        return store(session, records, texts, leaves)

    monkeypatch.setattr(loading, "store_transfers", measured)
    return seen


@pytest.fixture
def large(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many foreign keys the bulk tables had as each batch was stored (PostgreSQL)."""
    query = "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY(CAST(:t AS regclass[]))"
    return _measured_at_each_batch(
        monkeypatch, lambda connection: connection.execute(text(query), {"t": list(bulk.BULK_TABLES)}).scalar()
    )


@pytest.fixture
def indexed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many of the indexes a load may hold were in place as each batch was stored."""
    return _measured_at_each_batch(monkeypatch, lambda connection: len(_indexes(connection)))


def test_a_load_into_a_new_ledger_builds_the_indexes_at_the_end_as_they_were(db: str, indexed: list[int]) -> None:
    before = _held_indexes(db)
    assert [name for name, _ in before] == [
        "ix_allocation_share_totals", "ix_allocation_share_transfer_id", "ix_allocation_term_id",
        "ix_journal_first_leaf", "ix_journal_record", "ix_transfer_date_key", "ix_transfer_exchange",
        "ix_transfer_flow", "ix_transfer_intermediary_party_id", "ix_transfer_receiver_id",
        "ix_transfer_source_source_id",
    ]  # fmt: skip
    ok(db, "load", str(DATA))
    assert indexed == [0]  # the one batch of 48 transfers went into tables without them
    assert _held_indexes(db) == before
    assert ok(db, "check") == "1 of 1 assertion holds; 121 records checked against every rule: all pass.\n"
    # The reports read through the rebuilt indexes: the first transfers in date order.
    register = ok(db, "report", "register", "--format", "csv").splitlines()
    assert register[1].startswith("2025-05-23-rus-ukr-civilian,2025-05-23,RUS,UKR,civilian,120,120,")


def test_a_load_smaller_than_the_ledger_keeps_the_indexes(db: str, indexed: list[int], tmp_path: Path) -> None:
    ok(db, "load", str(DATA))
    # The same transfers again under other keys: 48 rows against 48 transfers would double the
    # ledger, so one more transfer first.
    ok(db, "transfer", "add", "extra", "--date", "2025-12-01", "--from", "RUS", "--to", "UKR", "--category", "pow",
       "--count", "1")  # fmt: skip
    indexed.clear()
    ok(db, "load", str(_renamed_transfers(tmp_path)))
    assert indexed == [11]  # 49 transfers in the ledger, 48 rows in the file: kept entry by entry
    assert counts(db)["transfer"] == 48 + 1 + 48


def test_a_refused_load_leaves_the_indexes_as_they_were(db: str, indexed: list[int], tmp_path: Path) -> None:
    before, rows = _held_indexes(db), counts(db)
    package = tmp_path / "refused"
    shutil.copytree(DATA, package)
    with (package / "assertions.csv").open("a", encoding="utf-8") as handle:  # after the transfers
        handle.write("bad-assertion,not-a-date,RUS,UKR,bodies,,1,pravda-7517351\n")
    result = run(db, "load", str(package))
    assert result.exit_code == 2, result.output
    assert "assertions.csv" in result.stderr
    assert indexed == [0]  # the transfers were stored without them, then the load was refused
    assert _held_indexes(db) == before
    assert counts(db) == rows


def test_a_large_load_puts_back_every_foreign_key_as_it_was(pg_db: str, large: list[int]) -> None:
    before = _foreign_keys(pg_db)
    assert (
        "transfer_source",
        "fk_transfer_source_source_id_source",
        "FOREIGN KEY (source_id) REFERENCES source(id)",
    ) in before
    assert (
        "allocation_share", "fk_allocation_share_transfer_id_transfer",
        "FOREIGN KEY (transfer_id) REFERENCES transfer(id) ON DELETE CASCADE",
    ) in before  # fmt: skip
    ok(pg_db, "load", str(DATA))
    assert large == [0]  # one batch of 48 transfers, stored with the keys held
    assert _foreign_keys(pg_db) == before
    found = counts(pg_db)
    assert (found["transfer"], found["allocation"]) == (48, 60)
    assert ok(pg_db, "verify").startswith("Verified: 8 journal entries chain correctly and 121 records")


def test_a_large_load_writes_its_shares_before_the_keys_come_back(
    pg_db: str, large: list[int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Into a ledger larger than the file the indexes stay, but the keys are still held until the
    allocation's shares are in."""
    ok(pg_db, "load", str(DATA))
    ok(pg_db, "transfer", "add", "extra", "--date", "2025-12-01", "--from", "RUS", "--to", "UKR", "--category", "pow",
       "--count", "1")  # fmt: skip
    before, seen, write = _foreign_keys(pg_db), [], shares.write_shares

    def counting(session, shares, flows):
        keys = session.connection().execute(text(FOREIGN_KEYS))
        seen.append(len([key for key in keys if key[0] in bulk.BULK_TABLES]))
        return write(session, shares, flows)

    monkeypatch.setattr(shares, "write_shares", counting)
    large.clear()
    ok(pg_db, "load", str(_renamed_transfers(tmp_path)))
    assert large == [0] and seen and set(seen) == {0}
    assert _foreign_keys(pg_db) == before


def test_a_row_that_refers_to_nothing_still_fails_a_large_load(
    pg_db: str, large: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the keys held, the check comes when they are put back: the load is refused whole."""
    store = loading.store_transfers

    def store_and_cite_a_missing_source(session, records, texts=None, leaves=None):  # a bug the rules miss
        ids = store(session, records, texts, leaves)
        session.connection().execute(
            text("INSERT INTO transfer_source (transfer_id, source_id, position) VALUES (:t, 999999, 9)"), {"t": ids[0]}
        )
        return ids

    monkeypatch.setattr(loading, "store_transfers", store_and_cite_a_missing_source)
    before, keys = counts(pg_db), _foreign_keys(pg_db)
    result = run(pg_db, "load", str(DATA))
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        "Error: the database refused the record: it refers to a record that does not exist "
        "(fk_transfer_source_source_id_source)\n"
    )
    assert counts(pg_db) == before
    assert _foreign_keys(pg_db) == keys


def test_an_editor_that_does_not_own_the_tables_loads_with_the_keys_in_place(
    pg_db: str, large: list[int], indexed: list[int]
) -> None:
    suffix = os.getpid()
    reader, editor = f"ledger_test_bulk_reader_{suffix}", f"ledger_test_bulk_editor_{suffix}"
    ok(pg_db, "db", "roles", "--reader", reader, "--editor", editor)
    try:
        as_editor = make_url(pg_db).set(username=editor).render_as_string(hide_password=False)
        before = _foreign_keys(pg_db)
        ok(as_editor, "load", str(DATA))
        assert large == [11]  # every key of the five tables, checking row by row
        assert indexed == [11]  # and every index, kept entry by entry
        assert _foreign_keys(pg_db) == before
        assert counts(pg_db)["transfer"] == 48
    finally:
        drop_roles(pg_db, reader, editor)


def _renamed_transfers(folder: Path) -> Path:
    """The Istanbul transfers alone, each under a new key."""
    with (DATA / "transfers.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    path = folder / "transfers.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows({**row, "key": "again-" + row["key"]} for row in rows)
    return path
