"""Input a careless or hostile user gives: numbers past what the database holds, bytes that are not
UTF-8, a --db that is no ledger, a ledger held by another writer, an empty reason. Each is one line
on standard error, exit 2, and nothing written."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from ledger.db import make_engine

from conftest import counts, drop_roles, ok, refused, run

HUGE = "9223372036854775808"  # one past SQLite's largest integer
PAST = "2147483648"  # one past PostgreSQL's INTEGER, which SQLite would store
TOO_MANY = "≤ 2147483647 (the most the ledger holds)"
TRANSFER = ["transfer", "add", "t", "--date", "2025-05-24", "--from", "RUS", "--to", "UKR", "--category", "pow"]
TERM = ["term", "add", "t9", "--round", "istanbul-2025-r1", "--category", "pow"]


def transfer(key: str, *options: str) -> list[str]:
    return ["transfer", "add", key, *TRANSFER[3:], *options]


# Numbers the database cannot hold: one limit on every engine and at every entry point


@pytest.mark.parametrize(
    ("args", "error"),
    [
        ([*TRANSFER, "--count", HUGE], f"Error: --count: must be a whole number {TOO_MANY}, got '{HUGE}'\n"),
        ([*TRANSFER, "--count", PAST], f"Error: --count: must be a whole number {TOO_MANY}, got '{PAST}'\n"),
        (
            [*TRANSFER, "--count", "5", "--term", f"r1-pow-exchange:{10**30}"],
            f"Error: --term: must be a whole number {TOO_MANY}, got '{10**30}'\n",
        ),
        (
            ["round", "add", "r9", "--process", "istanbul-2025", "--number", str(10**30)],
            f"Error: --number: must be a whole number {TOO_MANY}, got '{10**30}'\n",
        ),
        (
            [*TERM, "--each", PAST],
            f"Error: --each: must be a whole number {TOO_MANY}, got '{PAST}'\n",
        ),
        (
            [*TERM, "--obligation", f"RUS:UKR:{HUGE}"],
            f"Error: --obligation: must be a whole number {TOO_MANY}, got '{HUGE}'\n",
        ),
        (
            [*TERM, "--each", "5", "--min-age", HUGE],
            f"Error: --min-age: must be a whole number {TOO_MANY}, got '{HUGE}'\n",
        ),
        (
            ["assertion", "add", "a9", "--as-of", "2025-06-01", "--from", "RUS", "--to", "UKR", "--category", "pow",
             "--expected", "9" * 5000],  # past the 4,300 digits Python reads as an integer
            f"Error: --expected: must be a whole number {TOO_MANY}, got '{'9' * 5000}'\n",
        ),
        (
            ["transfer", "amend", "t1", "--count", HUGE, "--reason", "recount"],
            f"Error: --count: must be a whole number {TOO_MANY}, got '{HUGE}'\n",
        ),
        (
            ["term", "amend", "r1-pow-exchange", "--each", PAST, "--reason", "recount"],
            f"Error: --each: must be a whole number {TOO_MANY}, got '{PAST}'\n",
        ),
    ],
)  # fmt: skip
def test_a_number_past_the_limit_is_refused_on_every_engine(round1: str, args: list[str], error: str) -> None:
    ok(round1, *transfer("t1", "--count", "5"))
    assert refused(round1, *args) == error


def test_the_largest_number_is_stored_and_summed_on_every_engine(round1: str) -> None:
    for key in ("t1", "t2"):
        ok(round1, *transfer(key, "--count", "2147483647", "--term", "r1-pow-exchange"))
    assert ok(round1, "transfer", "show", "t1").splitlines()[5] == "count:          2147483647"
    fulfilment = ok(round1, "report", "fulfilment", "--format", "csv").splitlines()
    assert fulfilment[2] == (
        "r1-pow-exchange,istanbul-2025-r1,pow,RUS,UKR,exact,1000,4294967294,0,0,,,4294966294,429496729.4,3,2025-05-24,"
        "2025-05-24"
    )


@pytest.mark.parametrize("command", ["show", "history", "amend", "void"])
def test_a_claim_id_past_the_limit_is_no_claim(round1: str, command: str) -> None:
    extra = {"amend": ["--claimant", "x", "--reason", "typo"], "void": ["--reason", "typo"]}.get(command, [])
    error = refused(round1, "claim", command, str(10**30), *extra)
    assert error in (f"Error: no claim '{10**30}'\n", f"Error: no claim '{10**30}' in the journal\n")


def _transfers_csv(folder: Path, count: str) -> Path:
    folder.mkdir()
    (folder / "transfers.csv").write_text(
        f"key,date,deliverer,receiver,category,count\nt1,2025-05-24,RUS,UKR,pow,{count}\n", encoding="utf-8"
    )
    return folder


@pytest.mark.parametrize("dry_run", [[], ["--dry-run"]], ids=["load", "dry-run"])
def test_a_package_with_a_number_past_the_limit_is_refused(round1: str, tmp_path: Path, dry_run: list[str]) -> None:
    folder = _transfers_csv(tmp_path / "package", PAST)
    assert refused(round1, "load", str(folder), *dry_run) == (
        f"transfers.csv:2: count: must be a whole number {TOO_MANY}, got '{PAST}'\n"
        f"Error: {folder}: 1 problem; nothing was loaded\n"
    )


def test_a_workbook_cell_of_1e20_is_refused(round1: str, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "transfers"
    sheet.append(["key", "date", "deliverer", "receiver", "category", "count"])
    sheet.append(["t1", "2025-05-24", "RUS", "UKR", "pow", 1e20])
    book.save(tmp_path / "t.xlsx")
    assert refused(round1, "load", str(tmp_path / "t.xlsx")) == (
        f"t.xlsx[transfers]:2: count: must be a whole number {TOO_MANY}, got '100000000000000000000'\n"
        f"Error: {tmp_path / 't.xlsx'}: 1 problem; nothing was loaded\n"
    )


# Bytes that are not UTF-8, as the shell passes them (`--note $'\xff'`): Python keeps them as lone
# surrogates, which no database takes


@pytest.mark.parametrize(
    ("args", "error"),
    [
        ([*TRANSFER, "--count", "5", "--note", "\udcff"], "Error: --note: must be UTF-8 text, got b'\\xff'\n"),
        (["party", "add", "BLR", "--name", "B\udce9larus"], "Error: --name: must be UTF-8 text, got b'B\\xe9larus'\n"),
        (["party", "add", "BLR", "--name", "B", "--alias", "x", "--alias", "\udce9"],
         "Error: --alias: must be UTF-8 text, got b'\\xe9'\n"),
        (["--actor", "\udcff", "party", "add", "BLR", "--name", "Belarus"],
         "Error: --actor: must be UTF-8 text, got b'\\xff'\n"),
        (["party", "amend", "UKR", "--name", "Ukraina", "--reason", "\udcff"],
         "Error: --reason: must be UTF-8 text, got b'\\xff'\n"),
        (["party", "void", "ICRC", "--reason", "\udcff"], "Error: --reason: must be UTF-8 text, got b'\\xff'\n"),
        (["party", "amend", "UK\udcff", "--name", "Ukraina", "--reason", "typo"],
         "Error: CODE: must be UTF-8 text, got b'UK\\xff'\n"),
        (["transfer", "list", "--party", "\udcff"], "Error: --party: must be UTF-8 text, got b'\\xff'\n"),
        (["report", "register", "-o", "\udcff.csv"], "Error: --output: must be UTF-8 text, got b'\\xff.csv'\n"),
    ],
)  # fmt: skip
def test_an_argument_that_is_not_utf8_is_refused_naming_its_option(
    round1: str, args: list[str], error: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert refused(round1, *args) == error
    assert not (tmp_path / "\udcff.csv").exists()


def test_an_environment_variable_that_is_not_utf8_is_refused_naming_it(
    round1: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEDGER_ACTOR", "\udcff")
    assert refused(round1, "party", "add", "BLR", "--name", "Belarus") == (
        "Error: LEDGER_ACTOR: must be UTF-8 text, got b'\\xff'\n"
    )
    assert "UKR" in ok(round1, "party", "list")  # a read names no actor
    monkeypatch.delenv("LEDGER_ACTOR")
    for name in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        monkeypatch.setenv(name, "\udcff")
    assert refused(round1, "party", "add", "BLR", "--name", "Belarus") == (
        "Error: the login name b'\\xff' is not UTF-8 text: name who makes the change with --actor NAME or "
        "LEDGER_ACTOR\n"
    )
    ok(round1, "--actor", "analyst", "party", "add", "BLR", "--name", "Belarus")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    monkeypatch.setenv("LEDGER_DATABASE_URL", "sqlite:///\udcff.db")
    for command in (["init"], ["verify"]):
        result = run(None, *command)
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == "Error: LEDGER_DATABASE_URL: must be UTF-8 text, got b'sqlite:///\\xff.db'\n"
    assert list((tmp_path / "elsewhere").iterdir()) == []


# A --db that is no ledger: one line saying what the database said


@pytest.mark.parametrize("command", [["verify"], ["init"], ["party", "add", "UKR", "--name", "Ukraine"]])
def test_a_file_that_is_not_a_database_is_refused_and_left_as_it_was(tmp_path: Path, command: list[str]) -> None:
    notes = tmp_path / "README.md"
    notes.write_text("# Notes\n\nNot a database.\n", encoding="utf-8")
    result = run(str(notes), *command)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"Error: cannot open sqlite:///{notes}: file is not a database\n"
    assert notes.read_text(encoding="utf-8") == "# Notes\n\nNot a database.\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README.md"]


@pytest.mark.parametrize("url", ["mysql://analyst:secret@db.example.org/ledger", "postgresql+psycopg2://u@h/db"])
@pytest.mark.parametrize("command", [["verify"], ["init"], ["party", "list"]])
def test_a_database_the_ledger_does_not_run_on_is_refused(url: str, command: list[str]) -> None:
    result = run(url, *command)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"Error: {url.split('://')[0]}:// is not a database the ledger runs on: give a SQLite file (PATH or "
        "sqlite:///PATH) or postgresql://USER@HOST/DB\n"
    )


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("postgresql://analyst:secret@db.example.org:5432x/ledger", "invalid literal for int() with base 10: '5432x'"),
        ("postgresql://analyst:secret@[::1/ledger", "invalid literal for int() with base 10: ':1'"),
        ("sqlite:///ledger.db?timeout=soon", "could not convert string to float: 'soon'"),
    ],
)
@pytest.mark.parametrize("command", [["verify"], ["init"]])
def test_an_address_that_cannot_be_read_is_refused_without_its_password(
    url: str, said: str, command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ledger.db").write_bytes(b"")
    result = run(url, *command)
    assert (result.exit_code, result.stdout) == (2, "")
    scheme = "postgresql+psycopg" if url.startswith("postgresql") else "sqlite"
    assert result.stderr == f"Error: cannot read the database address {scheme}://…: {said}\n"
    assert [(p.name, p.stat().st_size) for p in tmp_path.iterdir()] == [("ledger.db", 0)]


@pytest.mark.parametrize("command", [["init"], ["party", "add", "BLR", "--name", "Belarus"]])
@pytest.mark.parametrize("given", ["", " "])
def test_an_empty_db_is_refused_not_taken_for_the_default(
    given: str, command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # where the default ledger.db would be made
    result = run(None, "--db", given, *command)  # `--db "$LEDGER"`, the variable unset
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "Error: --db: is empty: give a SQLite file (PATH or sqlite:///PATH) or postgresql://USER@HOST/DB\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_an_empty_actor_is_refused_not_taken_for_the_login_name(db: str) -> None:
    for given in ("", "  "):
        result = run(db, "--actor", given, "party", "add", "UKR", "--name", "Ukraine")
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == "Error: --actor: is empty: name who makes the change, or leave the option out\n"
    assert counts(db)["party"] == 0


def test_init_on_an_unreachable_server_is_a_one_line_refusal() -> None:
    result = run("postgresql://nobody@127.0.0.1:1/none", "init")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: cannot open postgresql+psycopg://nobody@127.0.0.1:1/none: ")
    assert result.stderr.count("\n") == 1


def test_db_roles_by_a_role_that_may_not_create_roles_is_refused(pg_db: str) -> None:
    plain = f"ledger_test_plain_{os.getpid()}"
    engine = make_engine(pg_db)
    with engine.begin() as connection:
        connection.execute(text(f"CREATE ROLE {plain} LOGIN"))
        connection.execute(text(f"GRANT SELECT ON alembic_version TO {plain}"))  # so that it opens the ledger
    try:
        as_plain = make_url(pg_db).set(username=plain).render_as_string(hide_password=False)
        result = run(as_plain, "db", "roles", "--reader", f"{plain}_r", "--editor", f"{plain}_e")
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == (
            "Error: db roles: the database refused (permission denied to create role): run it as the ledger's "
            "owner with the right to create roles (CREATEROLE), or as a superuser\n"
        )
        with engine.connect() as connection:
            made = connection.execute(text(f"SELECT count(*) FROM pg_roles WHERE rolname LIKE '{plain}_%'")).scalar()
        assert made == 0
    finally:
        engine.dispose()
        drop_roles(pg_db, plain)


def test_a_role_that_may_not_read_the_ledger_is_told_so_not_to_create_one(pg_db: str) -> None:
    plain = f"ledger_test_unread_{os.getpid()}"
    engine = make_engine(pg_db)
    with engine.begin() as connection:
        connection.execute(text(f"CREATE ROLE {plain} LOGIN"))
    try:
        url = make_url(pg_db).set(username=plain)
        result = run(url.render_as_string(hide_password=False), "party", "list")
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == (
            f"Error: cannot open {url.render_as_string(hide_password=True)}: permission denied for table "
            "alembic_version\n"
        )
    finally:
        engine.dispose()
        drop_roles(pg_db, plain)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_dump_where_the_system_refuses_the_path_is_a_one_line_refusal(round1: str, fmt: str, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"  # a file where the dump needs a folder
    notes.write_text("notes\n", encoding="utf-8")
    result = run(round1, "dump", str(notes / f"package.{fmt}"), "--format", fmt)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(f"Error: {notes}") and result.stderr.count("\n") == 1, result.stderr
    assert notes.read_text(encoding="utf-8") == "notes\n"


# A reason is required text


@pytest.mark.parametrize("reason", ["", "   "])
@pytest.mark.parametrize(
    "command",
    [["party", "amend", "UKR", "--name", "Ukraina"], ["party", "void", "ICRC"], ["claim", "void", "1"],
     ["term", "amend", "r1-pow-exchange", "--each", "1200"]],
    ids=["party amend", "party void", "claim void", "term amend"],
)  # fmt: skip
def test_an_empty_reason_is_refused(round1: str, command: list[str], reason: str) -> None:
    ok(round1, "claim", "add", "--subject", "term:r1-pow-exchange", "--field", "quantity", "--value", "1200",
       "--source", "tass-1959169")  # fmt: skip
    assert refused(round1, *command, "--reason", reason) == (
        "Error: --reason: is required: say why, in words (the journal keeps it with the change)\n"
    )


# Another writer holding the ledger past the wait


WAITED = re.compile(
    r"Error: (party: )?another writer held the ledger for the (\d+\.\d) s this command waited for it; "
    r"nothing was written: try again\n"
)


@contextmanager
def _held(db: str) -> Iterator[str]:
    """Another writer holding the ledger (what a write needs) until the block ends; the URL of the
    ledger for a command that waits a short time for it."""
    if not db.startswith("postgresql"):
        import sqlite3

        other = sqlite3.connect(db, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # SQLite's write lock, as a writer takes it
        try:
            yield db
        finally:
            other.execute("ROLLBACK")
            other.close()
        return
    engine = make_engine(db)
    with engine.connect() as other:
        other.execute(text("LOCK TABLE party, journal IN ACCESS EXCLUSIVE MODE"))
        try:
            yield make_url(db).update_query_dict({"options": "-c lock_timeout=500"}).render_as_string(False)
        finally:
            other.rollback()
    engine.dispose()


@pytest.mark.parametrize(
    "command",
    [["party", "add", "BLR", "--name", "Belarus"], ["party", "amend", "UKR", "--name", "Ukraina", "--reason", "x"],
     ["load", "parties.csv"]],
    ids=["add", "amend", "load"],
)  # fmt: skip
def test_a_write_that_waited_for_another_writer_says_so(
    round1: str, command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ledger import db as ledger_db

    monkeypatch.setattr(ledger_db, "BUSY_TIMEOUT_MS", 500)  # SQLite's wait, for the test (60 s in use)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "parties.csv").write_text("code,name\nBLR,Belarus\n", encoding="utf-8")
    before = counts(round1)
    with _held(round1) as url:
        result = run(url, *command)
    assert (result.exit_code, result.stdout) == (2, "")
    waited = WAITED.fullmatch(result.stderr)
    assert waited, result.stderr
    assert float(waited.group(2)) >= 0.5
    assert counts(round1) == before
