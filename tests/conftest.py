"""Fixtures: a fresh ledger for each test, on SQLite always and on PostgreSQL when configured.

PostgreSQL runs when LEDGER_TEST_POSTGRES_URL points at a server; the suite creates its own
databases there (a migrated template, then one copy per test) and drops them at the end. Under
CI=true a missing URL or server is an error, never a skip.

The states many tests start from (round 1 of the Istanbul talks, the istanbul-2025 dataset
loaded, …) are built once per session and engine, by the same CLI calls a test would make, and
each test gets a copy (`prebuilt`): on SQLite a copy of the file, on PostgreSQL a database made
with the state as its TEMPLATE. Tests of `init` and `load` themselves still run them.
"""

from __future__ import annotations

import gc
import os
import shutil
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from unittest import mock

import pytest
from click.testing import CliRunner, Result

from ledger import migrate
from ledger.cli import cli
from ledger.facade import Ledger

POSTGRES_URL = os.environ.get("LEDGER_TEST_POSTGRES_URL")
IN_CI = os.environ.get("CI") == "true"
ENGINES = ["sqlite", "postgres"] if (POSTGRES_URL or IN_CI) else ["sqlite"]
# The environment the suite started in: templates are built in it, whatever a test has changed.
ENVIRONMENT = dict(os.environ)


def _admin_conninfo(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _database_url(url: str, name: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(database=name).render_as_string(hide_password=False)


class PostgresServer:
    """Creates and drops the suite's databases on the configured server."""

    def __init__(self, url: str) -> None:
        import psycopg

        self.url = url
        self.prefix = f"ledger_test_{os.getpid()}_{uuid.uuid4().hex[:6]}"
        self.admin = psycopg.connect(_admin_conninfo(url), autocommit=True)
        self.created: list[str] = []

    def create(self, template: str | None = None, options: str = "") -> str:
        name = f"{self.prefix}_{len(self.created)}"
        clause = f" TEMPLATE {template}" if template else ""
        self.admin.execute(f"CREATE DATABASE {name}{clause}{options}")
        self.created.append(name)
        return name

    def drop(self, name: str) -> None:
        self.admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def replace(self, name: str, template: str) -> None:
        """Make the database `name` anew as a copy of `template`."""
        self.drop(name)
        self.admin.execute(f"CREATE DATABASE {name} TEMPLATE {template}")

    def url_of(self, name: str) -> str:
        return _database_url(self.url, name)

    def close(self) -> None:
        for name in self.created:
            self.drop(name)
        self.admin.close()


def pytest_collection_finish(session: pytest.Session) -> None:
    """Set aside for good what importing and collecting made (the ledger's modules, pandas,
    hypothesis's strategies): the garbage collector's full passes then walk only what the tests
    make, and take about half the time. What the tests make is collected as before."""
    gc.collect()
    gc.freeze()


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    if not POSTGRES_URL:
        if IN_CI:
            pytest.fail("CI=true but LEDGER_TEST_POSTGRES_URL is not set: the PostgreSQL tests must run")
        pytest.skip("PostgreSQL tests: set LEDGER_TEST_POSTGRES_URL to run them")
    try:
        server = PostgresServer(POSTGRES_URL)
    except Exception as error:  # any failure to reach the server
        if IN_CI:
            pytest.fail(f"cannot reach PostgreSQL at {POSTGRES_URL}: {error}")
        pytest.skip(f"cannot reach PostgreSQL at {POSTGRES_URL}: {error}")
    yield server
    server.close()


@pytest.fixture(scope="session")
def postgres_template(postgres: PostgresServer) -> str:
    name = postgres.create()
    migrate.upgrade(postgres.url_of(name))
    return name


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "ledger.db"
    migrate.upgrade(f"sqlite:///{path}")
    settle(path)
    return path


def settle(path: Path) -> None:
    """Fold a SQLite ledger's write-ahead log into its file, so that a copy of the file alone is the
    whole ledger (a copy taken with changes still in the -wal file would lose them)."""
    connection = sqlite3.connect(path)
    try:
        busy, _, _ = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        connection.close()
    wal = Path(f"{path}-wal")
    assert busy == 0 and (not wal.exists() or wal.stat().st_size == 0), f"{path}: a connection is still writing"


Build = Callable[[str], object]
STATE = pytest.StashKey[str]()  # the state a test's db ledger has been made a copy of
# Each state's name → (the state it is built on, "db" for a migrated empty ledger; what builds it).
STATES: dict[str, tuple[str, Build]] = {}


def _lineage(state: str) -> list[str]:
    """The state, the state it is built on, and so on down to "db"."""
    lineage = [state]
    while lineage[-1] != "db":
        lineage.append(STATES[lineage[-1]][0])
    return lineage


class Templates:
    """The states' ledgers, each built once per engine on a copy of its base state."""

    def __init__(self, tmp_path_factory: pytest.TempPathFactory) -> None:
        self.tmp_path_factory = tmp_path_factory
        self.built: dict[tuple[str, str], str] = {}  # (engine, state) → SQLite file or PostgreSQL database

    def template(self, engine: str, state: str, request: pytest.FixtureRequest) -> str:
        if (engine, state) in self.built:
            return self.built[engine, state]
        base, build = STATES[state]
        if base == "db":
            source = str(request.getfixturevalue(f"{engine}_template"))
        else:
            source = self.template(engine, base, request)
        if engine == "sqlite":
            path = self.tmp_path_factory.mktemp(f"template-{state}") / "ledger.db"
            shutil.copy(source, path)
            with mock.patch.dict(os.environ, ENVIRONMENT, clear=True):
                build(str(path))
            settle(path)
            built = str(path)
        else:
            server: PostgresServer = request.getfixturevalue("postgres")
            built = server.create(template=source)
            with mock.patch.dict(os.environ, ENVIRONMENT, clear=True):
                build(server.url_of(built))
        self.built[engine, state] = built
        return built

    def restore(self, engine: str, state: str, db: str, request: pytest.FixtureRequest) -> None:
        """Make the test's ledger at `db` (what the `db` fixture gave) a copy of the state."""
        template = self.template(engine, state, request)
        if engine == "sqlite":
            shutil.copy(template, db)
            return
        from sqlalchemy.engine import make_url

        server: PostgresServer = request.getfixturevalue("postgres")
        server.replace(make_url(db).database, template)


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Templates:
    return Templates(tmp_path_factory)


def prebuilt(name: str, on: str = "db") -> Callable[[Build], Callable[..., str]]:
    """Decorate what builds a state (given the ledger's address, built on the state `on`): the
    result is the fixture `name`, the test's `db` ledger made a copy of that state, built once."""

    def register(build: Build) -> Callable[..., str]:
        STATES[name] = (on, build)

        def fixture(db: str, engine_name: str, templates: Templates, request: pytest.FixtureRequest) -> str:
            given = request.node.stash.get(STATE, "db")
            if name in _lineage(given):  # a test asking for a state and one built on it gets the latter
                return db
            assert given in _lineage(name), f"{request.node.nodeid} asks for {given} and {name}, one ledger"
            templates.restore(engine_name, name, db, request)
            request.node.stash[STATE] = name
            return db

        fixture.__doc__ = build.__doc__
        return pytest.fixture(name=name)(fixture)

    return register


@pytest.fixture(params=ENGINES)
def engine_name(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def empty_url(engine_name: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database with no schema at all (for init and migration tests)."""
    if engine_name == "sqlite":
        yield str(tmp_path / "new.db")
        return
    server: PostgresServer = request.getfixturevalue("postgres")
    name = server.create()
    yield server.url_of(name)
    server.drop(name)


def _migrated(engine_name: str, request: pytest.FixtureRequest, path: Path) -> Iterator[str]:
    """A copy of the migrated template: on SQLite at `path`, on PostgreSQL a database of its own."""
    if engine_name == "sqlite":
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        yield str(path)
        return
    server: PostgresServer = request.getfixturevalue("postgres")
    name = server.create(template=request.getfixturevalue("postgres_template"))
    yield server.url_of(name)
    server.drop(name)


@pytest.fixture
def db(engine_name: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A migrated, empty ledger; the value is what `--db` takes."""
    yield from _migrated(engine_name, request, tmp_path / "ledger.db")


@pytest.fixture
def fresh_db(engine_name: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A second migrated, empty ledger on the same engine, for a test that loads what it dumped (as
    `init` would leave it, without running the migrations again)."""
    yield from _migrated(engine_name, request, tmp_path / "fresh.db")


@pytest.fixture
def pg_db(request: pytest.FixtureRequest) -> Iterator[str]:
    """A migrated, empty PostgreSQL ledger, for what only PostgreSQL has (roles)."""
    server: PostgresServer = request.getfixturevalue("postgres")
    name = server.create(template=request.getfixturevalue("postgres_template"))
    yield server.url_of(name)
    server.drop(name)


def drop_roles(db: str, *roles: str) -> None:
    """Drop roles a test made on the PostgreSQL server (roles outlive the test's database)."""
    from sqlalchemy import text

    from ledger.db import make_engine

    engine = make_engine(db)
    with engine.begin() as connection:
        for role in roles:
            connection.execute(text(f"DROP OWNED BY {role}"))
            connection.execute(text(f"DROP ROLE {role}"))
    engine.dispose()


def run(db: str | None, *args: str, input: str | None = None) -> Result:
    """Invoke the CLI as a user would; a traceback (any exception but an exit) fails the test."""
    argv = (["--db", db] if db else []) + list(args)
    result = CliRunner().invoke(cli, argv, input=input)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"ledger {' '.join(argv)} crashed:\n{result.output}") from result.exception
    return result


def ok(db: str | None, *args: str, input: str | None = None) -> str:
    result = run(db, *args, input=input)
    assert result.exit_code == 0, result.output
    return result.stdout


def sql(db: str, *statements: str) -> None:
    """Run SQL on the ledger's database behind its back, as a forger with database rights would."""
    from sqlalchemy import text

    from ledger import db as ledger_db
    from ledger.config import normalise_url

    engine = ledger_db.make_engine(normalise_url(db))
    try:
        with engine.begin() as connection:
            for statement in statements:
                connection.execute(text(statement))
    finally:
        engine.dispose()


def sql_rows(db: str, statement: str, **values: object) -> list:
    """One SQL statement behind the ledger's back, with bound values; the rows it returns, if any."""
    from sqlalchemy import text

    from ledger import db as ledger_db
    from ledger.config import normalise_url

    engine = ledger_db.make_engine(normalise_url(db))
    try:
        with engine.begin() as connection:
            result = connection.execute(text(statement), values)
            return result.all() if result.returns_rows else []
    finally:
        engine.dispose()


def counts(db: str) -> dict[str, int]:
    from ledger.config import normalise_url

    ledger = Ledger.open(normalise_url(db))
    try:
        return ledger.counts()
    finally:
        ledger.close()


def refused(db: str, *args: str) -> str:
    """Run a command that must be refused: exit 2, nothing written; return its error output."""
    before = counts(db)
    result = run(db, *args)
    assert result.exit_code == 2, result.output
    assert counts(db) == before, "a refused command wrote to the ledger"
    assert result.stdout == ""
    return result.stderr


# The Istanbul talks as the public record gives them (the sources of data/istanbul-2025).
ROUND_1 = [
    ("party", "add", "UKR", "--name", "Ukraine", "--alias", "Україна"),
    ("party", "add", "RUS", "--name", "Russia", "--alias", "Россия"),
    ("party", "add", "TUR", "--name", "Türkiye", "--alias", "Türkiye Cumhuriyeti"),
    ("party", "add", "ICRC", "--name", "International Committee of the Red Cross", "--kind", "organisation"),
    (
        "source",
        "add",
        "tass-1959169",
        "--publisher",
        "TASS",
        "--url",
        "https://tass.com/politics/1959169",
        "--published",
        "2025-05-16",
        "--language",
        "en",
    ),
    (
        "source",
        "add",
        "pravda-7513734",
        "--publisher",
        "Ukrainska Pravda",
        "--url",
        "https://www.pravda.com.ua/eng/news/2025/05/23/7513734/",
        "--published",
        "2025-05-23",
        "--language",
        "en",
    ),
    ("process", "add", "istanbul-2025", "--name", "Russia–Ukraine direct talks, Istanbul, 2025"),
    (
        "round",
        "add",
        "istanbul-2025-r1",
        "--process",
        "istanbul-2025",
        "--number",
        "1",
        "--start",
        "2025-05-16",
        "--venue",
        "Dolmabahçe Palace",
        "--city",
        "Istanbul",
        "--country",
        "Türkiye",
        "--party",
        "UKR",
        "--party",
        "RUS",
        "--mediator",
        "TUR",
        "--host",
        "TUR",
        "--head",
        "UKR=Rustem Umerov",
        "--head",
        "RUS=Vladimir Medinsky",
        "--source",
        "tass-1959169",
    ),
    (
        "term",
        "add",
        "r1-pow-exchange",
        "--round",
        "istanbul-2025-r1",
        "--category",
        "pow",
        "--each",
        "1000",
        "--source",
        "tass-1959169",
        "--description",
        "1,000-for-1,000 prisoner exchange",
    ),
]


@prebuilt("round1")
def round1(db: str) -> None:
    """A ledger holding round 1 of the Istanbul talks and its prisoner-exchange term."""
    for command in ROUND_1:
        ok(db, *command)


ISTANBUL = Path(__file__).resolve().parent.parent / "data" / "istanbul-2025"


@prebuilt("istanbul")
def istanbul(db: str) -> None:
    """A ledger holding the istanbul-2025 dataset, loaded."""
    ok(db, "load", str(ISTANBUL))


GAZA = Path(__file__).resolve().parent.parent / "data" / "gaza-2025"


@prebuilt("gaza")
def gaza(db: str) -> None:
    """A ledger holding the gaza-2025 dataset, loaded (its corrections applied)."""
    ok(db, "load", str(GAZA))
