"""The README's worked example runs as written and prints what the README shows."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from conftest import ok, run, sql_rows

README = Path(__file__).resolve().parent.parent / "README.md"


def _session() -> list[tuple[list[str], str]]:
    """(arguments, expected output) for each `$ ledger ...` line of the worked example."""
    steps = [(shlex.split(command), shown) for command, shown in _console("worked-example")]
    assert all(words[0] == "ledger" for words, _ in steps)
    return [(words[1:], shown) for words, shown in steps]


def test_the_worked_example_runs_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("LEDGER_DATABASE_URL", raising=False)
    steps = _session()
    assert len(steps) == 18
    for args, expected in steps:
        result = run(None, *args)
        assert result.output == expected, f"ledger {' '.join(args)}"
    assert result.exit_code == 2  # the last command is the refusal the README shows
    # It works on a ledger of its own and leaves `make run`'s ledger.db alone.
    assert [path.name for path in tmp_path.iterdir() if not path.name.endswith(("-wal", "-shm"))] == ["scratch.db"]


def test_the_ratio_example_runs_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("LEDGER_DATABASE_URL", raising=False)
    steps = [(shlex.split(command), shown) for command, shown in _console("ratio-example")]
    assert len(steps) == 20 and all(words[0] == "ledger" for words, _ in steps)
    for words, expected in steps:
        result = run(None, *words[1:])
        assert result.output == expected, " ".join(words)
        assert result.exit_code == (2 if expected.startswith("Error") else 0), " ".join(words)


def test_the_readme_shows_the_fulfilment_report_as_it_is(db: str) -> None:
    ok(db, "load", str(README.parent / "data" / "istanbul-2025"))
    shown = (
        README.read_text(encoding="utf-8")
        .split("<!-- fulfilment:start -->\n```\n")[1]
        .split("```\n<!-- fulfilment:end")[0]
    )
    assert ok(db, "report", "fulfilment", "--process", "istanbul-2025") == shown


def test_the_readme_categories_run_as_shown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("LEDGER_DATABASE_URL", raising=False)
    steps = _console("categories")
    assert len(steps) == 4
    for command, expected in steps:
        words = shlex.split(command)
        assert words[0] == "ledger"
        assert run(None, *words[1:]).output == expected, command


def _console(marker: str) -> list[tuple[str, str]]:
    """(command, expected output) for each `$ ...` line of the README's console block between
    `<!-- MARKER:start -->` and `<!-- MARKER:end -->`, a line ending in `\\` joined to the next."""
    text = README.read_text(encoding="utf-8")
    block = text.split(f"<!-- {marker}:start -->")[1].split(f"<!-- {marker}:end -->")[0]
    steps: list[tuple[str, str]] = []
    command = ""
    for line in block.strip().removeprefix("```console").removesuffix("```").strip().splitlines():
        if command.endswith("\\"):
            command = command[:-1] + " " + line.strip()
        elif line.startswith("$ "):
            command = line[2:]
        else:
            steps[-1] = (steps[-1][0], steps[-1][1] + line + "\n")
            continue
        if not command.endswith("\\"):
            steps.append((command, ""))
    return steps


# What differs from one ledger to the next: its origin, and the entries' hashes (they hash each change's time).
_OWN = [(re.compile(r"humanitarian-ledger/[0-9a-f]{32}"), "humanitarian-ledger/ORIGIN"),
        (re.compile(r"head [0-9a-f]{64}"), "head HEAD"),
        (re.compile(r"journal (\d+) [0-9a-f]{64}"), r"journal \1 HASH")]  # fmt: skip


def _own(text: str) -> str:
    for pattern, shown in _OWN:
        text = pattern.sub(shown, text)
    return text


def _example_here(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The ledger `name`, holding the istanbul-2025 example, in the test's folder made the current one."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("LEDGER_DATABASE_URL", raising=False)
    ok(name, "init")
    ok(name, "load", "--example", "istanbul-2025")


def test_the_readme_checkpoints_and_proofs_run_as_shown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _example_here("news.db", tmp_path, monkeypatch)
    steps = _console("checkpoints")
    assert len(steps) == 6
    for command, expected in steps:
        words = shlex.split(command)
        if words[0] == "cat":
            output = (tmp_path / words[1]).read_text(encoding="utf-8")
        else:
            assert words[0] == "ledger"
            result = run(None, *words[1:])
            assert result.exit_code == 0, result.output
            output = result.output
        assert _own(output) == _own(expected), command
    # The proof was checked with no database: none was opened, none made.
    assert sorted(path.name for path in tmp_path.iterdir() if not path.name.endswith(("-wal", "-shm"))) == [
        "2025-06-30.checkpoint", "news.db", "pow.proof"]  # fmt: skip


def _sqlite3(path: str, query: str) -> str:
    """What `sqlite3 -header PATH QUERY` prints: the program itself where it is installed, else the
    same list format (a header, `|` between values, nothing for NULL) from Python's sqlite3."""
    if shutil.which("sqlite3"):
        return subprocess.run(["sqlite3", "-header", path, query], capture_output=True, text=True, check=True).stdout
    connection = sqlite3.connect(path)
    try:
        cursor = connection.execute(query)
        rows = [[column[0] for column in cursor.description], *cursor.fetchall()]
    finally:
        connection.close()
    return "".join("|".join("" if value is None else str(value) for value in row) + "\n" for row in rows)


def test_the_readme_view_queries_run_as_shown(db: str, engine_name: str) -> None:
    """On SQLite with the sqlite3 program; on PostgreSQL the same SQL, as psql would run it."""
    ok(db, "load", "--example", "istanbul-2025")
    steps = _console("views")
    assert len(steps) == 2
    for command, expected in steps:
        words = shlex.split(command)
        assert words[:3] == ["sqlite3", "-header", "views.db"] and len(words) == 4, command
        if engine_name == "sqlite":
            output = _sqlite3(db, words[3])
        else:
            rows = sql_rows(db, words[3])
            output = "".join("|".join(map(str, row)) + "\n" for row in [rows[0]._fields, *rows])
        assert output == expected, command


def test_the_readme_datasette_metadata_runs_as_shown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _example_here("views.db", tmp_path, monkeypatch)
    [(command, expected)] = _console("datasette")
    assert command.startswith("ledger ") and ok(None, *shlex.split(command)[1:]) == expected
    meta = json.loads((tmp_path / "metadata.json").read_text(encoding="utf-8"))
    assert list(meta["databases"]) == ["views"]  # the name `datasette views.db` gives it
    assert (meta["title"], meta["license"]) == ("Humanitarian agreements ledger: istanbul-2025", "CC-BY-4.0")
    assert meta["source"] == "35 public sources, cited row by row in the source table"  # as the README says
