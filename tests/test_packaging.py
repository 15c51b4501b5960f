"""The package as pip installs it: the wheel and sdist carry every subpackage, the migrations and
the datasets; the installed ledger finds them from any folder; its licences are stated."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import inspect

from ledger import migrate, resources
from ledger.config import normalise_url
from ledger.db import SCHEMA_REVISION, make_engine

from conftest import counts, ok, refused, run

ROOT = Path(__file__).resolve().parent.parent
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
DIST = f"humanitarian_ledger-{VERSION}"
SHIPPED = sorted(path.name for path in (ROOT / "data").iterdir() if path.is_dir())
# What a checkout holds that is not the project's source (the test's copy leaves it out).
NOT_SOURCE = (".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis", "*.db*")


def _files(folder: Path) -> list[str]:
    """Every file under `folder`, as a relative path, leaving out bytecode."""
    return sorted(
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    )


def _build(hook: str, source: Path, out: Path) -> Path:
    """Run a PEP 517 hook of the project's build backend in `source`, as pip or `build` would."""
    out.mkdir()
    script = f"from setuptools import build_meta; print(build_meta.{hook}({str(out)!r}))"
    done = subprocess.run([sys.executable, "-c", script], cwd=source, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "Warning" not in done.stdout + done.stderr, done.stdout + done.stderr
    return out / done.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The sdist built from a copy of the checkout, and the wheel built from that sdist."""
    work = tmp_path_factory.mktemp("build")
    shutil.copytree(ROOT, work / "checkout", ignore=shutil.ignore_patterns(*NOT_SOURCE))
    sdist = _build("build_sdist", work / "checkout", work / "sdist")
    with tarfile.open(sdist) as archive:
        archive.extractall(work / "unpacked", filter="data")
    wheel = _build("build_wheel", work / "unpacked" / DIST, work / "wheel")
    return sdist, wheel


def test_the_wheel_carries_every_subpackage_the_migrations_and_the_datasets(built: tuple[Path, Path]) -> None:
    names = set(zipfile.ZipFile(built[1]).namelist())
    expected = {f"ledger/{name}" for name in _files(ROOT / "ledger")}
    expected |= {f"ledger/migrations/{name}" for name in _files(ROOT / "alembic")}
    expected |= {f"ledger/data/{name}" for name in _files(ROOT / "data")}
    assert {
        "ledger/reports/__init__.py",
        "ledger/migrations/env.py",
        "ledger/data/istanbul-2025/transfers.csv",
    } <= expected
    assert sorted(expected - names) == []
    # Nothing lands beside the package: a top-level alembic/ would shadow the alembic library.
    assert {name.split("/")[0] for name in names} == {"ledger", f"{DIST}.dist-info"}


def test_the_wheel_states_the_apache_licence_and_carries_its_text(built: tuple[Path, Path]) -> None:
    wheel = zipfile.ZipFile(built[1])
    metadata = wheel.read(f"{DIST}.dist-info/METADATA").decode()
    assert "License-Expression: Apache-2.0\n" in metadata and "License-File: LICENSE\n" in metadata
    assert wheel.read(f"{DIST}.dist-info/licenses/LICENSE") == (ROOT / "LICENSE").read_bytes()
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "Apache License\n                           Version 2.0, January 2004" in text
    assert "END OF TERMS AND CONDITIONS" in text


def test_the_sdist_carries_the_sources_the_migrations_the_datasets_and_the_licence(built: tuple[Path, Path]) -> None:
    with tarfile.open(built[0]) as archive:
        names = {name.removeprefix(f"{DIST}/") for name in archive.getnames()}
    expected = {f"{folder}/{name}" for folder in ("ledger", "alembic", "data") for name in _files(ROOT / folder)}
    assert sorted(expected - names) == []
    assert {"LICENSE", "pyproject.toml", "README.md", "alembic.ini"} <= names


@pytest.fixture(scope="module")
def installed(built: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The wheel unpacked as pip installs it, first on the path: the environment to run it with."""
    site = tmp_path_factory.mktemp("site")
    zipfile.ZipFile(built[1]).extractall(site)
    yield {**os.environ, "PYTHONPATH": str(site), "LEDGER_DATABASE_URL": ""}


def _installed_ledger(env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ledger", *args], cwd=cwd, env=env, capture_output=True, text=True)


def test_the_installed_ledger_runs_from_any_folder_with_its_migrations_and_datasets(
    installed: dict[str, str], tmp_path: Path
) -> None:
    def ledger(*args: str) -> str:
        done = _installed_ledger(installed, tmp_path, *args)
        assert done.returncode == 0, done.stderr
        return done.stdout

    site = installed["PYTHONPATH"]
    assert ledger("init") == f"Created a ledger at sqlite:///ledger.db (schema {SCHEMA_REVISION}).\n"
    assert ledger("datasets", "--format", "csv").splitlines()[1:] == [
        f"{name},{site}/ledger/data/{name}" for name in ("gaza-2025", "istanbul-2025")
    ]
    assert ledger("load", "--example", "istanbul-2025").startswith("Loaded istanbul-2025: added 6 parties, ")
    assert ledger("report", "fulfilment", "--format", "csv").startswith("term,round,category,deliverer,receiver,")
    assert ledger("--version") == f"ledger, version {VERSION}\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["ledger.db"]


# in the checkout


def test_python_dash_m_ledger_tells_its_version() -> None:
    done = subprocess.run([sys.executable, "-m", "ledger", "--version"], capture_output=True, text=True, check=True)
    assert done.stdout == f"ledger, version {VERSION}\n"


def test_the_datasets_command_lists_every_shipped_dataset() -> None:
    rows = ok(None, "datasets", "--format", "csv").splitlines()
    assert rows == ["name,path", *(f"{name},{ROOT / 'data' / name}" for name in SHIPPED)]
    assert "istanbul-2025" in SHIPPED


def test_an_example_loads_as_its_folder_does(db: str) -> None:
    assert ok(db, "load", "--example", "istanbul-2025").startswith("Loaded istanbul-2025: added 6 parties, ")
    loaded = counts(db)
    transfers = (ROOT / "data" / "istanbul-2025" / "transfers.csv").read_text(encoding="utf-8").splitlines()
    assert loaded["transfer"] == len(transfers) - 1
    folder = ROOT / "data" / "istanbul-2025"
    assert ok(db, "load", str(folder)).startswith(f"Loaded {folder}: nothing new, ")
    assert counts(db) == loaded


def test_an_unknown_example_or_no_package_at_all_is_refused(db: str) -> None:
    shipped = ", ".join(SHIPPED)
    assert refused(db, "load", "--example", "gaza") == (
        f"Error: --example: no dataset named 'gaza' ships with the ledger (shipped: {shipped})\n"
    )
    assert refused(db, "load") == "Error: give the package's PATH or --example NAME (one of them)\n"
    both = refused(db, "load", str(ROOT / "data" / "istanbul-2025"), "--example", "istanbul-2025")
    assert both == "Error: give the package's PATH or --example NAME (one of them)\n"


def test_each_dataset_is_under_cc_by_4_0() -> None:
    licence = {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
               "title": "Creative Commons Attribution 4.0 International"}  # fmt: skip
    for name in SHIPPED:
        descriptor = json.loads((ROOT / "data" / name / "datapackage.json").read_text(encoding="utf-8"))
        assert descriptor["licenses"] == [licence], name
    assert "[CC-BY-4.0](https://creativecommons.org/licenses/by/4.0/)" in (ROOT / "data" / "README.md").read_text()


# a failed init


def test_init_without_its_migrations_says_so_and_leaves_no_file(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(resources, "PACKAGE", tmp_path / "site" / "ledger")
    monkeypatch.setattr(resources, "CHECKOUT", tmp_path / "site")
    result = run(str(tmp_path / "new.db"), "init")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"Error: the ledger's migrations are missing from {tmp_path / 'site' / 'alembic'}: reinstall the ledger\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_an_init_that_fails_half_way_leaves_no_file_and_no_tables(empty_url: str, tmp_path: Path, monkeypatch) -> None:
    import sqlite3

    from sqlalchemy.exc import OperationalError

    def full(connection) -> None:
        raise OperationalError("INSERT INTO journal", {}, sqlite3.OperationalError("database or disk is full"))

    monkeypatch.setattr(migrate, "_after_upgrade", full)
    before = sorted(tmp_path.iterdir())
    result = run(empty_url, "init")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: cannot upgrade the ledger at ")
    assert result.stderr.endswith(": database or disk is full\n")
    assert sorted(tmp_path.iterdir()) == before
    if not empty_url.startswith("postgresql"):
        assert not Path(empty_url).exists()
        return
    engine = make_engine(normalise_url(empty_url))
    try:
        assert inspect(engine).get_table_names() == []
    finally:
        engine.dispose()


def test_a_failed_init_keeps_a_file_it_did_not_create(tmp_path: Path) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("not a database\n")
    result = run(str(notes), "init")
    assert result.exit_code == 2 and result.stderr.startswith("Error: cannot open sqlite:///")
    assert notes.read_text() == "not a database\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["notes.db"]


# Alembic itself


def test_alembic_runs_from_any_folder_given_the_repository_s_alembic_ini(empty_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    alembic = Path(sys.executable).parent / "alembic"
    done = subprocess.run(
        [str(alembic), "-c", str(ROOT / "alembic.ini"), "-x", f"db={empty_url}", "upgrade", "head"],
        cwd=folder, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Running upgrade  -> " in done.stderr
    assert ok(empty_url, "init").endswith(f"is up to date (schema {SCHEMA_REVISION}).\n")
