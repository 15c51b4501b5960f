"""PostgreSQL roles: a reader that can only read, an editor that cannot rewrite history."""

from __future__ import annotations

import os
import re

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, ProgrammingError

from ledger import db as ledger_db

from conftest import counts, drop_roles, ok, run


def test_roles_are_for_postgresql_only(tmp_path) -> None:
    db = str(tmp_path / "l.db")
    ok(db, "init")
    result = run(db, "db", "roles")
    assert result.exit_code == 2 and "roles are for a PostgreSQL ledger" in result.stderr


def test_print_the_sql(pg_db: str) -> None:
    db = pg_db
    sql = ok(db, "db", "roles", "--print", "--reader", "r_x", "--editor", "e_x")
    assert "GRANT SELECT ON ALL TABLES IN SCHEMA public TO r_x, e_x;\n" in sql
    assert 'GRANT INSERT ON "journal" TO e_x;\n' in sql
    assert "DELETE ON ALL" not in sql and "TRUNCATE" not in sql
    assert run(db, "db", "roles", "--reader", "Robert'); DROP").exit_code == 2


def test_roles_of_their_own_for_the_reader_and_the_editor(pg_db: str) -> None:
    from sqlalchemy.engine import make_url

    owner = make_url(pg_db).username
    for reader, editor, said in [
        ("r_same", "r_same", "'r_same' for both"),
        (owner, "e_own", f"{owner!r} is the role running this command"),
        ("r_own", owner, f"{owner!r} is the role running this command"),
    ]:
        refused = run(pg_db, "db", "roles", "--reader", reader, "--editor", editor)
        assert (refused.exit_code, refused.stdout) == (2, ""), refused.output
        assert said in refused.stderr and refused.stderr.count("\n") == 1
    ok(pg_db, "party", "add", "UKR", "--name", "Ukraine")  # the owner keeps its rights
    assert ok(pg_db, "verify").startswith("Verified: 1 journal entries")


def test_the_reader_cannot_write_and_the_editor_cannot_rewrite_history(pg_db: str) -> None:
    from conftest import ROUND_1

    round1 = pg_db
    for command in ROUND_1:
        ok(round1, *command)
    suffix = os.getpid()
    reader, editor = f"ledger_test_reader_{suffix}", f"ledger_test_editor_{suffix}"
    ok(round1, "db", "roles", "--reader", reader, "--editor", editor)
    try:
        as_reader = make_url(round1).set(username=reader).render_as_string(hide_password=False)
        as_editor = make_url(round1).set(username=editor).render_as_string(hide_password=False)
        assert "r1-pow-exchange" in ok(as_reader, "term", "list")
        engine = ledger_db.make_engine(as_reader)
        try:  # the analysts' views read as the tables do
            with engine.connect() as connection:
                read = connection.execute(
                    text("SELECT term, deliverer, committed FROM fulfilment_v ORDER BY deliverer")
                )
                assert [tuple(row) for row in read] == [
                    ("r1-pow-exchange", "RUS", 1000),
                    ("r1-pow-exchange", "UKR", 1000),
                ]
                with pytest.raises(DBAPIError, match="cannot delete from view"):
                    connection.execute(text("DELETE FROM transfers_v"))
        finally:
            engine.dispose()
        refused = run(as_reader, "party", "add", "UAE", "--name", "United Arab Emirates")
        assert refused.exit_code == 2
        assert refused.stderr == (
            "Error: party: this database role may not write to the ledger (permission denied for table write_lock): "
            "write as the editor or the owner; after `ledger init` upgraded the ledger, run `ledger db roles` again\n"
        )
        ok(as_editor, "party", "add", "UAE", "--name", "United Arab Emirates")
        ok(as_editor, "party", "amend", "UAE", "--name", "UAE", "--reason", "short name")
        ok(as_editor, "party", "void", "UAE", "--reason", "not a party to these talks")
        engine = ledger_db.make_engine(as_editor)
        try:
            for statement in ("UPDATE journal SET actor = 'mallory'", "DELETE FROM journal WHERE seq = 1"):
                with pytest.raises(ProgrammingError, match="permission denied"), engine.begin() as connection:
                    connection.execute(text(statement))
        finally:
            engine.dispose()
        assert ok(round1, "verify").startswith("Verified: 12 journal entries")  # 9 adds, the editor's 3
    finally:
        drop_roles(round1, reader, editor)


def _as(url: str, role: str) -> str:
    return make_url(url).set(username=role).render_as_string(hide_password=False)


def test_a_reader_cannot_stall_the_writers(pg_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    suffix = os.getpid()
    reader, editor = f"ledger_test_reader_{suffix}", f"ledger_test_editor_{suffix}"
    ok(pg_db, "db", "roles", "--reader", reader, "--editor", editor)
    # A writer that waits for a lock gives up after a few seconds rather than for ever.
    monkeypatch.setenv("PGOPTIONS", "-c lock_timeout=5000")
    as_reader, owner = ledger_db.make_engine(_as(pg_db, reader)), ledger_db.make_engine(pg_db)
    try:
        with as_reader.connect() as connection:
            for mode in ("EXCLUSIVE", "SHARE", "ROW SHARE"):  # what a writer takes, and what would block it
                with pytest.raises(ProgrammingError, match="permission denied"), connection.begin():
                    connection.execute(text(f"LOCK TABLE write_lock IN {mode} MODE"))
            # What a reader can do, held in a transaction left open: the old writers' advisory
            # lock (for the session), the weakest table lock, a read of the journal.
            with connection.begin():
                connection.execute(text("SELECT pg_advisory_lock(7317001)"))
                connection.execute(text("LOCK TABLE write_lock, journal IN ACCESS SHARE MODE"))
                connection.execute(text("SELECT count(*) FROM journal")).scalar()
                ok(_as(pg_db, editor), "party", "add", "UKR", "--name", "Ukraine")
                ok(pg_db, "party", "add", "RUS", "--name", "Russia")
        # Writers still wait for each other: while another holds the write lock, a write waits
        # (here until its lock timeout), and nothing of it is written.
        with owner.connect() as connection, connection.begin():
            connection.execute(text("LOCK TABLE write_lock IN EXCLUSIVE MODE"))
            monkeypatch.setenv("PGOPTIONS", "-c lock_timeout=1000")
            waited = run(_as(pg_db, editor), "party", "add", "TUR", "--name", "Türkiye")
            assert waited.exit_code == 2
            assert re.fullmatch(
                r"Error: party: another writer held the ledger for the \d+\.\d s this command waited for it; "
                r"nothing was written: try again\n",
                waited.stderr,
            ), waited.stderr
        assert counts(pg_db)["party"] == 2
        ok(_as(pg_db, editor), "party", "add", "TUR", "--name", "Türkiye")
        assert ok(pg_db, "verify").startswith("Verified: 3 journal entries")
    finally:
        as_reader.dispose()
        owner.dispose()
        drop_roles(pg_db, reader, editor)


def test_the_editor_has_only_what_the_ledgers_writes_need(pg_db: str, tmp_path) -> None:
    from pathlib import Path

    from sqlalchemy.exc import IntegrityError

    from ledger.journal import canonical, entry_hash

    suffix = os.getpid()
    reader, editor = f"ledger_test_reader_{suffix}", f"ledger_test_editor_{suffix}"
    ok(pg_db, "db", "roles", "--reader", reader, "--editor", editor)
    as_editor = _as(pg_db, editor)
    engine = ledger_db.make_engine(as_editor)
    try:
        # Everything the ledger writes, the editor can: a load, and amending and voiding each
        # kind of record whose links or derived shares are replaced.
        ok(as_editor, "load", str(Path(__file__).resolve().parent.parent / "data" / "istanbul-2025"))
        ok(as_editor, "party", "amend", "RUS", "--alias", "Россия", "--alias", "RF", "--reason", "an alias")
        ok(as_editor, "term", "amend", "r1-pow-1000-for-1000", "--each", "1001", "--reason", "a check")
        ok(as_editor, "transfer", "amend", "2025-05-23-rus-ukr-pow", "--count", "271", "--reason", "a check")
        ok(as_editor, "transfer", "void", "2025-05-23-rus-ukr-civilian", "--reason", "a check")
        entries = counts(pg_db)["journal"]
        # Nothing is deleted: not a record, not the journal, not by TRUNCATE.
        for statement in ("DELETE FROM party WHERE code = 'ICRC'", "DELETE FROM transfer", "TRUNCATE claim CASCADE",
                          "DELETE FROM journal", "UPDATE journal SET actor = 'mallory'", "TRUNCATE journal",
                          "UPDATE alembic_version SET version_num = '0000'", "DELETE FROM ledger_origin",
                          "UPDATE ledger_origin SET origin = 'another'",
                          "INSERT INTO ledger_origin VALUES ('another')"):  # fmt: skip
            with pytest.raises(ProgrammingError, match="permission denied"), engine.begin() as connection:
                connection.execute(text(statement))
        # And the journal takes only an entry that extends its chain: not a junk row.
        junk = (
            "INSERT INTO journal (seq, at, actor, action, entity, key, state, reason, prev_hash, hash, first_leaf, "
            "leaf_count) SELECT max(seq) + 1, 'now', 'mallory', 'add', 'party', 'XX', '{}', NULL, max(hash), 'junk', "
            "max(first_leaf + leaf_count), 1 FROM journal"
        )
        with pytest.raises(IntegrityError, match="does not extend the journal's chain"), engine.begin() as c:
            c.execute(text(junk))
        # Nor an entry hashed right but chained to a made-up head, which a temporary table named
        # journal offers in place of the real one.
        entry = ["mallory", "add", "party", "XX", canonical({"code": "XX"}), None, "f" * 64]
        at = "2026-12-01T21:30:00.000000Z"
        with engine.connect() as c:
            size = c.execute(text("SELECT max(first_leaf + leaf_count) FROM journal")).scalar_one()
        made_up = {"seq": entries + 1, "at": at, **dict(zip(("actor", "action", "entity", "key", "state", "reason",
                   "prev_hash"), entry, strict=True)), "hash": entry_hash(entries + 1, at, *entry),
                   "first_leaf": size, "leaf_count": 1}  # fmt: skip
        with pytest.raises(IntegrityError, match="does not extend the journal's chain"), engine.begin() as c:
            c.execute(text("CREATE TEMPORARY TABLE journal (seq integer, hash text, first_leaf integer, "
                           "leaf_count integer)"))  # fmt: skip
            c.execute(text(f"INSERT INTO pg_temp.journal VALUES ({entries}, '{'f' * 64}', {size - 1}, 1)"))
            c.execute(text(
                "INSERT INTO public.journal (seq, at, actor, action, entity, key, state, reason, prev_hash, hash, "
                "first_leaf, leaf_count) VALUES (:seq, :at, :actor, :action, :entity, :key, :state, :reason, "
                ":prev_hash, :hash, :first_leaf, :leaf_count)"
            ), made_up)  # fmt: skip
        assert counts(pg_db)["journal"] == entries
        assert ok(pg_db, "verify").startswith(f"Verified: {entries} journal entries")
    finally:
        engine.dispose()
        drop_roles(pg_db, reader, editor)
