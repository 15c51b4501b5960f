"""PostgreSQL roles: a reader that can only read, an editor that cannot rewrite history."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from ledger import db as ledger_db

from conftest import drop_roles, ok, run


def test_roles_are_for_postgresql_only(tmp_path) -> None:
    db = str(tmp_path / "l.db")
    ok(db, "init")
    result = run(db, "db", "roles")
    assert result.exit_code == 2 and "roles are for a PostgreSQL ledger" in result.stderr


def test_print_the_sql(pg_db: str) -> None:
    db = pg_db
    sql = ok(db, "db", "roles", "--print", "--reader", "r_x", "--editor", "e_x")
    assert "REVOKE UPDATE, DELETE, TRUNCATE ON journal FROM e_x;\n" in sql
    assert "GRANT SELECT ON ALL TABLES IN SCHEMA public TO r_x;\n" in sql
    assert run(db, "db", "roles", "--reader", "Robert'); DROP").exit_code == 2


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
        refused = run(as_reader, "party", "add", "UAE", "--name", "United Arab Emirates")
        assert refused.exit_code == 2 and "permission denied" in refused.stderr
        assert refused.stderr.count("\n") == 1
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
