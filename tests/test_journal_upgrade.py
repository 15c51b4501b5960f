"""A ledger made before the journal became a Merkle tree (schema 0008) upgrades with `ledger
init`, still verifies, and its log continues from its old entries, on both engines.

`data/ledger-0008.sql` is such a ledger, made by the ledger's code at schema 0008 (`sqlite3
.dump`): the istanbul-2025 dataset loaded (one entry for each of its 121 records), a transfer
amended and another voided, a party amended, 124 entries in all. On PostgreSQL the same rows are
copied into a database migrated to 0008, where that schema's trigger checks every old entry's hash
as it comes in.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ledger import db as ledger_db
from ledger import journal, merkle, migrate
from ledger.config import normalise_url

from conftest import ISTANBUL, ok, run

FIXTURE = Path(__file__).resolve().parent / "data" / "ledger-0008.sql"
OLD_ENTRIES = 124
PARTY, TRANSFER = "RUS", "2025-05-23-rus-ukr-pow"


def _sqlite_0008(path: Path) -> None:
    connection = sqlite3.connect(path)
    try:
        connection.executescript(FIXTURE.read_text(encoding="utf-8"))
    finally:
        connection.close()


def _postgresql_0008(url: str, tmp_path: Path) -> None:
    """The fixture's rows in a PostgreSQL database migrated to 0008, table by table in the order
    of their foreign keys, the ids' sequences set past them."""
    source = tmp_path / "old.db"
    _sqlite_0008(source)
    migrate.upgrade(url, "0008")
    old, new = ledger_db.make_engine(f"sqlite:///{source}"), ledger_db.make_engine(url)
    try:
        with old.connect() as reading, new.begin() as writing:
            tables = sa.MetaData()
            tables.reflect(writing)
            for table in tables.sorted_tables:
                if table.name == "alembic_version":
                    continue
                flags = {c.name for c in table.columns if isinstance(c.type, sa.Boolean)}
                rows = [
                    {k: (bool(v) if k in flags and v is not None else v) for k, v in row.items()}
                    for row in reading.execute(sa.text(f'SELECT * FROM "{table.name}"')).mappings()
                ]
                if table.name == "journal":
                    rows.sort(key=lambda row: row["seq"])
                if rows:
                    writing.execute(table.insert(), rows)
                if "id" in table.columns:
                    writing.execute(sa.text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"(SELECT coalesce(max(id), 0) + 1 FROM {table.name}), false)"
                    ))  # fmt: skip
    finally:
        old.dispose()
        new.dispose()


def _old_ledger(empty_url: str, tmp_path: Path) -> str:
    if "://" in empty_url:
        _postgresql_0008(normalise_url(empty_url), tmp_path)
    else:
        _sqlite_0008(Path(empty_url))
    return empty_url


def _tree(db: str) -> merkle.Tree:
    engine = ledger_db.make_engine(normalise_url(db))
    try:
        with Session(engine) as session:
            return journal.tree(session)
    finally:
        engine.dispose()


def test_a_ledger_from_before_the_tree_upgrades_verifies_and_continues(empty_url: str, tmp_path: Path) -> None:
    db = _old_ledger(empty_url, tmp_path)
    assert ok(db, "init").endswith("from schema 0008 to 0012.\n")
    assert ok(db, "verify").startswith(f"Verified: {OLD_ENTRIES} journal entries chain correctly and 121 records")
    old = _tree(db)
    assert old.size == OLD_ENTRIES  # each old entry is one leaf, in its order
    # The log goes on from the old entries: an add, an amend of a record whose last version is an
    # old entry, a void, and a load (its batch entry), each verified.
    ok(db, "party", "add", "QAT", "--name", "Qatar", "--kind", "state")
    ok(db, "--actor", "carol", "party", "amend", PARTY, "--name", "Russia", "--reason", "short name again")
    ok(db, "--actor", "carol", "transfer", "amend", TRANSFER, "--count", "272", "--reason", "recounted")
    ok(db, "claim", "void", "1", "--reason", "withdrawn")
    package = tmp_path / "more"
    package.mkdir()
    (package / "transfers.csv").write_text(
        "key,date,deliverer,receiver,category,count\nnew-1,2025-07-01,RUS,UKR,pow,10\nnew-2,2025-07-02,UKR,RUS,pow,11\n",
        encoding="utf-8",
    )
    ok(db, "--actor", "loader", "load", str(package))
    assert ok(db, "verify").startswith(f"Verified: {OLD_ENTRIES + 5} journal entries chain correctly and 124 records")
    new = _tree(db)
    assert new.size == OLD_ENTRIES + 6  # four single entries and a batch of two
    assert merkle.verify_consistency(old.size, new.size, old.root(), new.root(), new.consistency(old.size))
    log = json.loads(ok(db, "log", "--format", "json"))
    assert [(e["action"], e["entity"], e["key"], e["records"]) for e in log[:2]] == [
        ("load", "transfer", None, 2), ("void", "claim", "1", 1)]  # fmt: skip
    # History runs across old entries and new ones.
    history = json.loads(ok(db, "party", "history", PARTY, "--format", "json"))
    assert [(v["actor"], v["action"], v["changes"]) for v in history] == [
        ("archivist", "add", []),
        ("bob", "amend", ["name: Russia → Russian Federation"]),
        ("carol", "amend", ["name: Russian Federation → Russia"]),
    ]
    history = json.loads(ok(db, "transfer", "history", TRANSFER, "--format", "json"))
    assert [(v["actor"], v["action"], v["reason"], v["changes"]) for v in history] == [
        ("archivist", "add", f"loaded from {Path('data') / 'istanbul-2025'}", []),
        ("archivist", "amend", "a later count", ["count: 270 → 271"]),
        ("carol", "amend", "recounted", ["count: 271 → 272"]),
    ]
    assert [v["seq"] for v in history][-1] == OLD_ENTRIES + 3
    history = json.loads(ok(db, "transfer", "history", "new-2", "--format", "json"))
    assert [(v["actor"], v["action"], v["state"]["count"]) for v in history] == [("loader", "load", "11")]


def test_an_upgraded_ledger_edited_behind_its_back_is_named(empty_url: str, tmp_path: Path) -> None:
    db = _old_ledger(empty_url, tmp_path)
    ok(db, "init")
    engine = ledger_db.make_engine(normalise_url(db))
    try:
        with engine.begin() as connection:
            connection.execute(sa.text(f"UPDATE transfer SET notes = 'five' WHERE key = '{TRANSFER}'"))
            connection.execute(sa.text("DELETE FROM journal WHERE seq = 3"))  # party TUR's only entry
    finally:
        engine.dispose()
    result = run(db, "verify")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:-1] == [
        "FAIL journal: entry 3 is missing (removed from the journal)",
        "FAIL journal entry 4 (add party UAE): does not follow the entry before it (the chain is broken)",
        "FAIL journal: leaf 2 is missing before journal entry 4 (add party UAE) (removed from the journal)",
        "FAIL party TUR: has no journal entry (written behind the ledger's back)",
        f"FAIL transfer {TRANSFER}: differs from the journal (notes: journal '', ledger 'five')",
    ]


def test_the_fixture_is_the_istanbul_dataset() -> None:
    """The fixture holds what its docstring says: a check that it was not made from other data."""
    text = FIXTURE.read_text(encoding="utf-8")
    assert "INSERT INTO alembic_version VALUES('0008');" in text
    assert text.count("INSERT INTO journal VALUES") == OLD_ENTRIES
    keys = [line.split(",")[0] for line in (ISTANBUL / "transfers.csv").read_text(encoding="utf-8").splitlines()[1:]]
    assert all(f"'{key}'" in text for key in keys)


def test_going_down_to_0008_keeps_the_old_entries_and_drops_what_0008_cannot_hold(
    empty_url: str, tmp_path: Path
) -> None:
    db = _old_ledger(empty_url, tmp_path)
    url = normalise_url(db)
    ok(db, "init")
    ok(db, "party", "add", "QAT", "--name", "Qatar", "--kind", "state")
    migrate.downgrade(url, "0008")
    engine = ledger_db.make_engine(url)
    try:
        with engine.connect() as connection:
            columns = {c["name"] for c in sa.inspect(connection).get_columns("journal")}
            party = {c["name"] for c in sa.inspect(connection).get_columns("party")}
            entries = connection.execute(sa.text("SELECT count(*) FROM journal")).scalar_one()
            tables = set(sa.inspect(connection).get_table_names())
    finally:
        engine.dispose()
    assert columns == {"seq", "at", "actor", "action", "entity", "key", "state", "reason", "prev_hash", "hash"}
    assert "leaf" not in party and "leaf_index" not in party and "ledger_origin" not in tables
    assert entries == OLD_ENTRIES  # the new entry went with the schema that could hold it
    assert ok(db, "init").endswith("from schema 0008 to 0012.\n")
    assert _problems_of(db) == ["FAIL party QAT: has no journal entry (written behind the ledger's back)"]


def _problems_of(db: str) -> list[str]:
    result = run(db, "verify")
    assert result.exit_code == 1
    return result.stdout.splitlines()[:-1]
