"""The schema: migrations up and down on both engines, models and migrations in step, and the
refusals every command gives on a missing or outdated ledger."""

from __future__ import annotations

import json

import pytest
from alembic import command
from sqlalchemy import inspect, text

from ledger import db as ledger_db
from ledger import migrate
from ledger.config import normalise_url

from conftest import counts, ok, run

TABLES = {
    "alembic_version",
    "allocation",
    "allocation_share",
    "assertion",
    "claim",
    "category",
    "delegation_head",
    "journal",
    "ledger_origin",
    "obligation",
    "party",
    "party_alias",
    "process",
    "round",
    "round_participant",
    "round_source",
    "source",
    "term",
    "term_source",
    "transfer",
    "transfer_intermediary",
    "transfer_source",
    "write_lock",
}


VIEWS = {"fulfilment_v", "obligations_v", "transfers_v"}  # for analysts (migration 0012)


def _tables(url: str, views: bool = False) -> set[str]:
    """The names of the database's tables, or of its views."""
    engine = ledger_db.make_engine(url)
    try:
        found = inspect(engine)
        return set(found.get_view_names() if views else found.get_table_names())
    finally:
        engine.dispose()


def _views(url: str) -> set[str]:
    return _tables(url, views=True)


def test_migrations_go_up_down_and_up_again(empty_url: str) -> None:
    url = normalise_url(empty_url)
    migrate.upgrade(url)
    assert (_tables(url), _views(url)) == (TABLES, VIEWS)
    migrate.downgrade(url, "0011")
    assert (_tables(url), _views(url)) == (TABLES, set())
    migrate.downgrade(url, "base")
    assert (_tables(url), _views(url)) == ({"alembic_version"}, set())
    before, after = migrate.upgrade(url)
    assert (before, after) == (None, migrate.head_revision())
    assert (_tables(url), _views(url)) == (TABLES, VIEWS)


# Alembic cannot compare the claims' expression index on SQLite, and says so; the migration
# creates it (test_a_duplicate_claim_is_refused_by_the_database checks it works).
@pytest.mark.filterwarnings("ignore:.*expression-based index")
def test_models_and_migrations_agree(db: str) -> None:
    """`alembic check`: autogenerate finds nothing to add, on this engine."""
    engine = ledger_db.make_engine(normalise_url(db))
    try:
        with engine.connect() as connection:
            command.check(migrate.alembic_config(normalise_url(db), connection))
    finally:
        engine.dispose()


def test_the_revision_commands_check_is_alembics_head() -> None:
    assert ledger_db.SCHEMA_REVISION == migrate.head_revision()


def test_init_creates_then_reports_up_to_date(empty_url: str) -> None:
    first = ok(empty_url, "init")
    assert first.startswith("Created a ledger at ") and first.endswith("(schema 0012).\n")
    again = ok(empty_url, "init")
    assert again.startswith("The ledger at ") and again.endswith(" is up to date (schema 0012).\n")
    assert ok(empty_url, "party", "list") == "No party records.\n"


def test_init_upgrades_an_older_ledger(empty_url: str) -> None:
    url = normalise_url(empty_url)
    migrate.upgrade(url)
    migrate.downgrade(url, "base")
    assert ok(empty_url, "init").startswith("Created a ledger")  # base is no revision at all
    assert _tables(url) == TABLES


def test_a_missing_sqlite_ledger_is_refused_and_not_created(tmp_path) -> None:
    path = tmp_path / "nowhere.db"
    result = run(str(path), "party", "list")
    assert result.exit_code == 2
    assert result.stderr == f"Error: no ledger at {path}: create it with `ledger --db {path} init`\n"
    assert not path.exists()


def test_a_database_without_schema_is_refused(empty_url: str) -> None:
    engine = ledger_db.make_engine(normalise_url(empty_url))
    with engine.begin() as connection:  # a database that exists but holds no ledger
        connection.execute(text("CREATE TABLE unrelated (x INTEGER)"))
    engine.dispose()
    result = run(empty_url, "transfer", "list")
    assert result.exit_code == 2
    assert "holds no ledger: create it with `ledger --db " in result.stderr
    assert result.stderr.count("\n") == 1


def test_an_outdated_ledger_is_refused_with_the_fix(db: str) -> None:
    engine = ledger_db.make_engine(normalise_url(db))
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0000'"))
    engine.dispose()
    result = run(db, "party", "add", "UKR", "--name", "Ukraine")
    assert result.exit_code == 2
    assert (
        "has schema revision 0000, and this version of ledger needs 0012: upgrade it with `ledger --db" in result.stderr
    )


def test_init_in_a_missing_folder_is_refused(tmp_path) -> None:
    result = run(str(tmp_path / "no" / "such" / "ledger.db"), "init")
    assert result.exit_code == 2
    assert "folder" in result.stderr and "does not exist" in result.stderr


def test_an_unreachable_server_is_a_one_line_refusal() -> None:
    result = run("postgresql://nobody@127.0.0.1:1/none", "party", "list")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: cannot open postgresql+psycopg://nobody@127.0.0.1:1/none: ")
    assert result.stderr.count("\n") == 1


def test_the_default_ledger_is_ledger_db_in_the_current_folder(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("LEDGER_DATABASE_URL", raising=False)
    ok(None, "init")
    assert (tmp_path / "ledger.db").exists()


def test_the_environment_names_the_ledger_when_db_is_not_given(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("LEDGER_DATABASE_URL", f"sqlite:///{tmp_path / 'env.db'}")
    ok(None, "init")
    ok(None, "party", "add", "UKR", "--name", "Ukraine")
    assert counts(str(tmp_path / "env.db"))["party"] == 1


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO party (code, name, kind) VALUES ('XX', 'X', 'empire')",
        "INSERT INTO party (code, name, kind) VALUES ('', 'X', 'state')",
    ],
)
def test_the_database_refuses_what_the_rules_refuse(db: str, statement: str) -> None:
    """Constraints are the second line: a write that skips the rules still cannot land."""
    from sqlalchemy.exc import IntegrityError

    engine = ledger_db.make_engine(normalise_url(db))
    try:
        with pytest.raises(IntegrityError), engine.begin() as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()


def test_foreign_keys_are_enforced(db: str) -> None:
    from sqlalchemy.exc import IntegrityError

    engine = ledger_db.make_engine(normalise_url(db))
    try:
        with pytest.raises(IntegrityError), engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO transfer (key, date, date_precision, deliverer_id, receiver_id, category, count) "
                    "VALUES ('t', '2025-05-23', 'day', 998, 999, 'pow', 1)"
                )
            )
    finally:
        engine.dispose()


def test_constraints_have_stable_names() -> None:
    from ledger.models import Base

    names = {c.name for t in Base.metadata.tables.values() for c in t.constraints}
    assert {
        "ck_transfer_count_non_negative",
        "ck_transfer_deliverer_not_receiver",
        "ck_round_end_not_before_start",
        "ck_term_age_range_ordered",
        "uq_party_code",
        "fk_transfer_deliverer_id_party",
        "pk_transfer",
    } <= names
    assert all(len(name) <= 63 for name in names)  # PostgreSQL's limit on identifiers


def test_a_duplicate_claim_is_refused_by_the_database(round1: str) -> None:
    from sqlalchemy.exc import IntegrityError

    insert = (
        "INSERT INTO claim (subject_type, term_id, field, value, source_id, claimant) "
        "SELECT 'term', term.id, 'quantity', '1000', source.id, '' FROM term, source "
        "WHERE term.key = 'r1-pow-exchange' AND source.key = 'tass-1959169'"
    )
    engine = ledger_db.make_engine(normalise_url(round1))
    try:
        with engine.begin() as connection:
            connection.execute(text(insert))
        with pytest.raises(IntegrityError), engine.begin() as connection:
            connection.execute(text(insert))
    finally:
        engine.dispose()


@pytest.mark.usefixtures("istanbul")  # the db ledger holds the dataset, loaded
def test_upgrading_an_0001_ledger_computes_its_allocation_shares(db: str) -> None:
    shares = counts(db)["allocation_share"]
    assert shares > 0
    migrate.downgrade(normalise_url(db), "0001")
    assert "allocation_share" not in _tables(normalise_url(db))
    assert ok(db, "init").endswith("from schema 0001 to 0012.\n")
    assert counts(db)["allocation_share"] == shares


@pytest.mark.usefixtures("istanbul")  # the db ledger holds the dataset, loaded
def test_upgrading_a_ledger_from_before_the_journal_journals_every_record(db: str) -> None:
    migrate.downgrade(normalise_url(db), "0002")
    assert "journal" not in _tables(normalise_url(db))
    assert ok(db, "init").endswith("from schema 0002 to 0012.\n")
    assert counts(db)["journal"] == 8  # one batch entry of each kind of record, of all 121
    assert ok(db, "verify").startswith("Verified: 8 journal entries chain correctly and 121 records match them")
    history = json.loads(ok(db, "transfer", "history", "2025-05-23-rus-ukr-pow", "--format", "json"))
    assert [(v["seq"], v["actor"], v["action"], v["reason"]) for v in history] == [
        (6, "ledger init", "load", "recorded when the journal began")
    ]


@pytest.mark.usefixtures("istanbul")  # the db ledger holds the dataset, loaded
def test_upgrading_a_ledger_from_before_the_transfer_lists_fills_them_from_the_links(db: str, tmp_path) -> None:
    ok(db, "transfer", "add", "x", "--date", "2025-12-01", "--from", "RUS", "--to", "UKR", "--category", "pow",
       "--count", "90", "--term", "r3-pow-1200-for-1200:60", "--term", "r1-pow-1000-for-1000", "--via", "TUR",
       "--via", "ICRC", "--source", "pravda-7513734", "--source", "tass-1959169")  # fmt: skip
    ok(db, "dump", str(tmp_path / "before"))
    migrate.downgrade(normalise_url(db), "0005")
    assert ok(db, "init").endswith("from schema 0005 to 0012.\n")
    ok(db, "dump", str(tmp_path / "after"))
    before = (tmp_path / "before" / "transfers.csv").read_bytes()
    assert b",r3-pow-1200-for-1200:60;r1-pow-1000-for-1000,,TUR;ICRC,,pravda-7513734;tass-1959169," in before
    assert (tmp_path / "after" / "transfers.csv").read_bytes() == before


@pytest.mark.usefixtures("istanbul")  # the db ledger holds the dataset, loaded
def test_upgrading_to_0007_copies_each_shares_transfer_values(db: str) -> None:
    """Without `ledger init`'s reallocation (a plain `alembic upgrade`), the shares keep their values."""
    url = normalise_url(db)
    query = text(
        "SELECT transfer_id, obligation_id, amount, explicit, deliverer_id, receiver_id, category, date, date_precision"
        " FROM allocation_share ORDER BY id"
    )
    engine = ledger_db.make_engine(url)
    try:
        with engine.connect() as connection:
            before = connection.execute(query).all()
        assert len(before) == 76 and {row.date_precision for row in before} == {"day", "month"}
        migrate.downgrade(url, "0006")
        with engine.begin() as connection:
            command.upgrade(migrate.alembic_config(url, connection), "0007")
        with engine.connect() as connection:
            assert connection.execute(query).all() == before
    finally:
        engine.dispose()
