"""The command line as a whole: help everywhere, prompts at a terminal, usage errors without one,
constraint errors as one line, and the layering that keeps the start-up light."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest

from ledger import cli as cli_module
from ledger.cli import cli

from conftest import counts, ok, run

ROOT = Path(__file__).resolve().parent.parent


def _commands(group: click.Group, prefix: str = "ledger"):
    for name, command in group.commands.items():
        yield f"{prefix} {name}", command
        if isinstance(command, click.Group):
            yield from _commands(command, f"{prefix} {name}")


@pytest.mark.parametrize(("path", "command"), list(_commands(cli)), ids=lambda value: str(value))
def test_every_command_has_help_with_an_example(path: str, command: click.Command) -> None:
    result = run(None, *path.split()[1:], "--help")
    assert result.exit_code == 0
    assert command.help, f"{path} has no help text"
    if not isinstance(command, click.Group):
        assert "Example:" in result.output, f"{path} --help shows no example"
        examples = [
            re.sub(r" --(db|actor) \S+", "", line.strip())
            for line in result.output.split("Example:")[1].split("Options:")[0].splitlines()
        ]
        assert any(line.startswith(path + " ") or line == path for line in examples), (
            f"{path}'s example does not run it"
        )


def test_the_top_level_help_has_an_example() -> None:
    assert "  Example:\n    ledger init\n" in run(None, "--help").output


def test_python_dash_m_ledger_is_the_same_command() -> None:
    done = subprocess.run([sys.executable, "-m", "ledger", "--help"], capture_output=True, text=True, check=True)
    assert done.stdout.startswith("Usage: ledger [OPTIONS] COMMAND [ARGS]...")


def test_a_command_ends_its_process_with_its_output_exit_code_and_ledger_closed(tmp_path: Path) -> None:
    """`main` ends without the collector's last pass (gc.freeze): what the process leaves must be
    as before: all its output, its exit code, and a SQLite ledger closed (no write-ahead log)."""
    db = tmp_path / "l.db"

    def ledger(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "ledger", "--db", str(db), *args], capture_output=True, text=True)

    assert ledger("init").returncode == 0
    added = ledger("party", "add", "UKR", "--name", "Ukraine")
    assert (added.returncode, added.stdout) == (0, "Added party UKR.\n")
    refused = ledger("party", "add", "UKR", "--name", "Ukraine")
    assert refused.returncode == 2 and refused.stderr.startswith("Error: ")
    listed = ledger("party", "list", "--format", "csv")
    assert listed.returncode == 0 and listed.stdout.splitlines()[1].startswith("UKR,Ukraine")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["l.db"]


def _heavy_modules_after(db: Path, *commands: list[str]) -> str:
    """Which of pandas, matplotlib and numpy a fresh Python has imported once it has run `commands`."""
    script = f"""
import sys
from click.testing import CliRunner
from ledger.cli import cli
runner = CliRunner()
for args in {list(commands)!r}:
    result = runner.invoke(cli, ["--db", {str(db)!r}, *args])
    assert result.exit_code == 0, result.output
heavy = sorted(name for name in ("pandas", "matplotlib", "numpy") if name in sys.modules)
print(",".join(heavy) or "none")
"""
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.strip()


def test_help_and_data_entry_never_import_pandas_or_matplotlib(tmp_path: Path) -> None:
    commands = (["--help"], ["init"], ["party", "add", "UKR", "--name", "Ukraine"], ["party", "list"],
                ["transfer", "list", "--format", "csv"])  # fmt: skip
    assert _heavy_modules_after(tmp_path / "l.db", *commands) == "none"


def test_the_register_and_fulfilment_csvs_are_written_without_pandas(tmp_path: Path) -> None:
    """The reports most read at scale start in the time Python, SQLAlchemy and the ledger take."""
    commands = (["init"], ["load", str(ROOT / "data" / "istanbul-2025")], ["report", "register", "--format", "csv"],
                ["report", "fulfilment", "--format", "csv", "-o", str(tmp_path / "f.csv")])  # fmt: skip
    assert _heavy_modules_after(tmp_path / "l.db", *commands) == "none"
    assert (tmp_path / "f.csv").read_text(encoding="utf-8").startswith("term,round,category,deliverer,receiver,")


def _imports(path: Path) -> set[str]:
    package = path.with_suffix("")  # a module that became a package (ledger/rules/): all its modules
    if package.is_dir():
        return set().union(*(_imports(module) for module in sorted(package.glob("*.py"))))
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


# Every module of the core: all of ledger/ but the command line (ledger/cli/) and the reports.
CORE = sorted(
    str(path.relative_to(ROOT / "ledger").with_suffix(""))
    for path in (ROOT / "ledger").rglob("*.py")
    if path.relative_to(ROOT / "ledger").parts[0] not in ("cli", "reports", "__main__.py")
)


@pytest.mark.parametrize("module", CORE)
def test_the_core_knows_nothing_of_click_or_pandas(module: str) -> None:
    imports = _imports(ROOT / "ledger" / f"{module}.py")
    assert not {name for name in imports if name.split(".")[0] in ("click", "pandas", "matplotlib")}
    assert not {name for name in imports if name == "ledger.cli" or name.startswith("ledger.cli.")}


def test_rules_and_domain_know_nothing_of_the_database() -> None:
    for module in ("domain", "rules"):
        assert not {n for n in _imports(ROOT / "ledger" / f"{module}.py") if n.split(".")[0] == "sqlalchemy"}


def test_only_the_cli_the_api_and_the_reports_themselves_import_the_reports() -> None:
    """The API (`facade.Ledger.report`, `operations`) imports them when a report is asked for."""
    for module in CORE:
        if module not in ("facade", "operations"):
            path = ROOT / "ledger" / f"{module}.py"
            assert not {n for n in _imports(path) if n.startswith("ledger.reports")}, module


def test_nothing_imports_the_cli() -> None:
    for path in (ROOT / "ledger").rglob("*.py"):
        if path.relative_to(ROOT / "ledger").parts[0] not in ("cli", "__main__.py"):
            assert not {n for n in _imports(path) if n == "ledger.cli" or n.startswith("ledger.cli.")}, path


# prompts


def test_missing_values_are_prompted_for_at_a_terminal(round1: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_module, "interactive", lambda: True)
    result = run(round1, "transfer", "add", input="t1\n2025-05-24\nRUS\nUKR\npow\n307\n")
    assert result.exit_code == 0, result.output
    assert "from (ICRC, RUS, TUR, UKR): " in result.output
    assert "category (pow, civilian, child, hostage, detainee, bodies): " in result.output
    shown = json.loads(ok(round1, "transfer", "show", "t1", "--format", "json"))
    assert (shown["date"], shown["deliverer"], shown["count"]) == ("2025-05-24", "RUS", 307)


def test_a_term_prompted_for_offers_rounds_categories_and_statuses(round1: str, monkeypatch) -> None:
    monkeypatch.setattr(cli_module, "interactive", lambda: True)
    result = run(round1, "term", "add", "--each", "5", input="r1-extra\nistanbul-2025-r1\npow\nproposed\n")
    assert result.exit_code == 0, result.output
    assert "round (istanbul-2025-r1): " in result.output
    assert "category (pow, civilian, child, hostage, detainee, bodies, other): " in result.output
    assert "status (agreed, proposed, rejected, withdrawn) [agreed]: " in result.output
    assert json.loads(ok(round1, "term", "show", "r1-extra", "--format", "json"))["status"] == "proposed"


def test_an_answer_outside_the_choices_is_asked_again(round1: str, monkeypatch) -> None:
    monkeypatch.setattr(cli_module, "interactive", lambda: True)
    result = run(round1, "party", "add", "--name", "Belarus", input="BLR\n")
    assert result.exit_code == 0
    result = run(
        round1, "assertion", "add", "a", "--as-of", "2025-06-16", "--expected", "5", input="XX\nRUS\nUKR\nbodies\n"
    )
    assert result.exit_code == 0, result.output
    assert "Error: 'XX' is not one of" in result.output


def test_missing_values_without_a_terminal_are_a_usage_error(round1: str) -> None:
    before = counts(round1)
    result = run(round1, "transfer", "add", "t1", "--date", "2025-05-24")
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "Error: Missing options '--from', '--to', '--category', '--count' (or '--undisclosed').\n"
    )
    result = run(round1, "party", "add", "--name", "Belarus")
    assert result.exit_code == 2 and result.stderr.endswith("Error: Missing argument 'CODE'.\n")
    assert counts(round1) == before


# the database as the second line


def test_a_key_taken_by_another_writer_is_a_one_line_refusal(round1: str, monkeypatch) -> None:
    """Between the rules' check and the insert another writer may take the key (PostgreSQL);
    the unique constraint refuses it and the user sees one line, not a traceback."""
    from ledger import facade

    monkeypatch.setattr(facade.SessionCatalog, "exists", lambda self, entity, key: False)
    before = counts(round1)
    result = run(round1, "party", "add", "UKR", "--name", "Ukraine again")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: party: already exists: another record has the same ")
    assert result.stderr.count("\n") == 1
    assert counts(round1) == before


def test_a_check_constraint_is_named_in_the_refusal(round1: str, monkeypatch) -> None:
    from ledger import rules

    real = rules.check_transfer

    def lenient(raw, catalog):  # a rules bug letting a negative count through
        import dataclasses

        record, _ = real({**raw, "count": "5"}, catalog)
        return dataclasses.replace(record, count=-5), []  # a record is frozen

    monkeypatch.setattr(rules, "check_transfer", lenient)  # the registry looks it up there on use
    before = counts(round1)
    result = run(
        round1,
        "transfer",
        "add",
        "t",
        "--date",
        "2025-05-24",
        "--from",
        "RUS",
        "--to",
        "UKR",
        "--category",
        "pow",
        "--count",
        "-5",
    )
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: transfer: the database refused the record: constraint ck_transfer_count_non_negative failed\n"
    )
    assert counts(round1) == before
