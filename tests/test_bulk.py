"""A large load on PostgreSQL checks the bulk tables' foreign keys once, at the end (bulk.HeldKeys)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from ledger import bulk, loading
from ledger import db as ledger_db

from conftest import counts, drop_roles, ok, run

DATA = Path(__file__).resolve().parent.parent / "data" / "istanbul-2025"
FOREIGN_KEYS = (
    "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint"
    " WHERE contype = 'f' ORDER BY 1, 2"
)


def _foreign_keys(url: str) -> list[tuple[str, str, str]]:
    engine = ledger_db.make_engine(url)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(FOREIGN_KEYS))]
    finally:
        engine.dispose()


@pytest.fixture
def large(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every load counts as large: the keys are held from its first batch of transfers. The value
    lists how many foreign keys the bulk tables had as each batch was stored, inside the load."""
    monkeypatch.setattr(loading, "HOLD_KEYS_FROM", 1)
    seen: list[int] = []
    store = loading.store_transfers

    def counting(session, records, texts=None):
        query = "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY(CAST(:t AS regclass[]))"
        seen.append(session.connection().execute(text(query), {"t": list(bulk.BULK_TABLES)}).scalar())
        return store(session, records, texts)

    monkeypatch.setattr(loading, "store_transfers", counting)
    return seen


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
    assert ok(pg_db, "verify").startswith("Verified: 121 journal entries")


def test_a_row_that_refers_to_nothing_still_fails_a_large_load(
    pg_db: str, large: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the keys held, the check comes when they are put back: the load is refused whole."""
    store = loading.store_transfers

    def store_and_cite_a_missing_source(session, records, texts=None):  # a bug the rules would not catch
        ids = store(session, records, texts)
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


def test_an_editor_that_does_not_own_the_tables_loads_with_the_keys_in_place(pg_db: str, large: list[int]) -> None:
    suffix = os.getpid()
    reader, editor = f"ledger_test_bulk_reader_{suffix}", f"ledger_test_bulk_editor_{suffix}"
    ok(pg_db, "db", "roles", "--reader", reader, "--editor", editor)
    try:
        as_editor = make_url(pg_db).set(username=editor).render_as_string(hide_password=False)
        before = _foreign_keys(pg_db)
        ok(as_editor, "load", str(DATA))
        assert large == [10]  # every key of the five tables, checking row by row
        assert _foreign_keys(pg_db) == before
        assert counts(pg_db)["transfer"] == 48
    finally:
        drop_roles(pg_db, reader, editor)
