"""The README's worked example runs as written and prints what the README shows."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from conftest import run

README = Path(__file__).resolve().parent.parent / "README.md"


def _session() -> list[tuple[list[str], str]]:
    """(arguments, expected output) for each `$ ledger ...` line of the worked example."""
    text = README.read_text(encoding="utf-8")
    block = text.split("<!-- worked-example:start -->")[1].split("<!-- worked-example:end -->")[0]
    lines = block.strip().removeprefix("```console").removesuffix("```").strip().splitlines()
    steps: list[tuple[list[str], str]] = []
    command = ""
    for line in lines:
        if command.endswith("\\"):
            command = command[:-1] + " " + line.strip()
        elif line.startswith("$ "):
            command = line[2:]
        else:
            steps[-1] = (steps[-1][0], steps[-1][1] + line + "\n")
            continue
        if not command.endswith("\\"):
            words = shlex.split(command)
            assert words[0] == "ledger"
            steps.append((words[1:], ""))
    return steps


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


def test_the_readme_shows_the_fulfilment_report_as_it_is(db: str) -> None:
    from conftest import ok

    ok(db, "load", str(README.parent / "data" / "istanbul-2025"))
    shown = (
        README.read_text(encoding="utf-8")
        .split("<!-- fulfilment:start -->\n```\n")[1]
        .split("```\n<!-- fulfilment:end")[0]
    )
    assert ok(db, "report", "fulfilment") == shown
