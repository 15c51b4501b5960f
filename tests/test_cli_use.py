"""The command line as users and hostile testers meet it: prompts, usage errors, filters, pipes,
voided records and spreadsheet-safe lists."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from ledger.cli import cli

from conftest import counts, ok, refused, run

TRANSFER = ["transfer", "add", "t1", "--date", "2025-05-24", "--from", "RUS", "--to", "UKR", "--category", "pow"]


# list --format csv: what a spreadsheet would run as a formula is neutralised; a dump stays raw


def test_list_csv_neutralises_formulas_and_a_dump_keeps_them(round1: str, tmp_path: Path) -> None:
    ok(round1, *TRANSFER, "--count", "307", "--note", '=HYPERLINK("http://x","y")', "--location", "@home")
    ok(round1, "party", "add", "BLR", "--name", "+Belarus", "--alias", "=1+1")
    transfers = list(csv.DictReader(io.StringIO(ok(round1, "transfer", "list", "--format", "csv"))))
    assert (transfers[0]["notes"], transfers[0]["location"]) == ('\'=HYPERLINK("http://x","y")', "'@home")
    assert (transfers[0]["date"], transfers[0]["count"]) == ("2025-05-24", "307")
    parties = {r["code"]: r for r in csv.DictReader(io.StringIO(ok(round1, "party", "list", "--format", "csv")))}
    assert (parties["BLR"]["name"], parties["BLR"]["aliases"]) == ("'+Belarus", "'=1+1")
    assert json.loads(ok(round1, "transfer", "list", "--format", "json"))[0]["location"] == "@home"
    ok(round1, "dump", str(tmp_path / "d"))
    dumped = list(csv.DictReader((tmp_path / "d" / "transfers.csv").open(encoding="utf-8")))
    assert (dumped[0]["notes"], dumped[0]["location"]) == ('=HYPERLINK("http://x","y")', "@home")
    dumped = {r["code"]: r for r in csv.DictReader((tmp_path / "d" / "parties.csv").open(encoding="utf-8"))}
    assert (dumped["BLR"]["name"], dumped["BLR"]["aliases"]) == ("+Belarus", "=1+1")


# filter values: one check for lists and reports


CATEGORY = "--category: must be one of pow, civilian, child, hostage, detainee, bodies, other"
TERM_STATUS = "--status: must be one of agreed, proposed, rejected, withdrawn"
FILTER_REFUSALS = [
    (["transfer", "list", "--category", "nope"], CATEGORY),
    (["term", "list", "--status", "nope"], TERM_STATUS),
    (["term", "list", "--category", "nope"], CATEGORY),
    (
        ["round", "list", "--status", "nope"],
        "--status: must be one of announced, scheduled, held, postponed, cancelled",
    ),
    (["party", "list", "--kind", "nope"], "--kind: must be one of state, organisation, group, other"),
    (["source", "list", "--kind", "nope"], "--kind: must be one of official, media, ngo, intergovernmental, other"),
    (["assertion", "list", "--category", "nope"], CATEGORY),
    (["report", "register", "--category", "nope"], CATEGORY),
    (["report", "register", "--format", "csv", "--category", "nope"], CATEGORY),
    (["report", "commitments", "--status", "agreed", "--status", "nope"], TERM_STATUS),
]


@pytest.mark.parametrize(("args", "error"), FILTER_REFUSALS, ids=lambda v: " ".join(v) if isinstance(v, list) else "")
def test_a_filter_value_outside_the_vocabulary_is_refused(round1: str, args: list[str], error: str) -> None:
    assert refused(round1, *args) == f"Error: {error}, got 'nope'\n"


@pytest.mark.parametrize(
    "args",
    [["transfer", "list"], ["source", "list"], ["round", "list"], ["assertion", "list"], ["report", "register"],
     ["report", "register", "--format", "csv"], ["report", "fulfilment"]],
    ids=" ".join,
)  # fmt: skip
def test_a_period_that_ends_before_it_begins_is_refused(round1: str, args: list[str]) -> None:
    ok(round1, *TRANSFER, "--count", "307")
    assert refused(round1, *args, "--since", "2025-06", "--until", "2025-05") == (
        "Error: --until: must not be before --since, got 2025-05-31 (--since 2025-06-01)\n"
    )
    assert (
        ok(round1, "transfer", "list", "--since", "2025-05-24", "--until", "2025-05-24", "--format", "csv").count("\n")
        == 2
    )  # a period of one day


def test_a_claim_subject_filter_must_be_type_and_key(round1: str) -> None:
    assert refused(round1, "claim", "list", "--subject", "nope") == (
        "Error: --subject: must be TYPE:KEY with TYPE one of round, term, transfer, got 'nope'\n"
    )
    assert ok(round1, "claim", "list", "--subject", "term:r1-pow-exchange") == "No claim records.\n"


def test_a_claim_field_filter_must_be_a_field_claims_are_on(round1: str) -> None:
    ok(round1, "claim", "add", "--subject", "round:istanbul-2025-r1", "--field", "start_date", "--value", "2025-05-15",
       "--source", "tass-1959169")  # fmt: skip
    assert refused(round1, "claim", "list", "--field", "startdate").startswith(
        "Error: --field: a claim has no field 'startdate'; known: number, start_date, end_date, status, "
    )
    assert refused(round1, "claim", "list", "--subject", "round:istanbul-2025-r1", "--field", "count") == (
        "Error: --field: a round has no field 'count'; known: number, start_date, end_date, status, venue, city, "
        "country, parties, mediators, hosts, observers, heads, notes\n"
    )
    assert ok(round1, "claim", "list", "--field", "start_date", "--format", "csv").count("\n") == 2
    assert ok(round1, "claim", "list", "--field", "count") == "No claim records.\n"


def test_filter_values_in_the_vocabulary_still_list(round1: str) -> None:
    ok(round1, *TRANSFER, "--count", "307")
    assert ok(round1, "transfer", "list", "--category", "pow", "--format", "csv").count("\n") == 2
    assert ok(round1, "transfer", "list", "--category", "bodies") == "No transfer records.\n"
    assert ok(round1, "term", "list", "--status", "agreed", "--format", "csv").count("\n") == 3
    assert ok(round1, "party", "list", "--kind", "organisation", "--format", "csv").splitlines()[1].startswith("ICRC,")


# show: a voided record is shown, marked voided


def test_a_voided_record_is_shown_marked_voided(round1: str) -> None:
    ok(round1, *TRANSFER, "--count", "307")
    ok(round1, "claim", "add", "--subject", "transfer:t1", "--field", "count", "--value", "390",
       "--source", "pravda-7513734")  # fmt: skip
    live = ok(round1, "claim", "show", "1")
    assert "voided" not in live and "voided" not in json.loads(ok(round1, "claim", "show", "1", "--format", "json"))
    ok(round1, "claim", "void", "1", "--reason", "entered twice")
    assert ok(round1, "claim", "show", "1") == "voided:    yes\n" + live
    shown = json.loads(ok(round1, "claim", "show", "1", "--format", "json"))
    assert (shown["voided"], shown["id"], shown["value"], shown["subject"]) == (True, 1, "390", "transfer:t1")
    ok(round1, "transfer", "void", "t1", "--reason", "reported by mistake")
    shown = json.loads(ok(round1, "transfer", "show", "t1", "--format", "json"))
    assert (shown["voided"], shown["count"], shown["date"]) == (True, 307, "2025-05-24")
    assert ok(round1, "transfer", "list") == "No transfer records.\n"  # lists still leave it out


# a closed pipe: the reader has what it wanted; the command ends quietly


def _ledger(db: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "ledger", "--db", db, *args]


@pytest.mark.parametrize(
    "args",
    [["report", "register", "--format", "csv"], ["transfer", "list", "--format", "csv"], ["party", "list"],
     ["--help"], ["transfer", "add", "--help"], ["--version"]],
)  # fmt: skip
def test_output_to_a_closed_pipe_ends_quietly_with_exit_0(round1: str, args: list[str]) -> None:
    ok(round1, *TRANSFER, "--count", "307")
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first line is written
    try:
        done = subprocess.run(_ledger(round1, *args), stdout=write_end, stderr=subprocess.PIPE, text=True)
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr) == (0, "")


FULL = os.path.join(os.sep, "dev", "full")  # a device that is always full (Linux, the BSDs)


@pytest.mark.skipif(not os.path.exists(FULL), reason="needs the device that is always full")
@pytest.mark.parametrize("args", [["party", "list"], ["report", "fulfilment"], ["transfer", "list", "--format", "csv"]])
def test_output_to_a_full_device_is_one_error_line_and_exit_2(round1: str, args: list[str]) -> None:
    ok(round1, *TRANSFER, "--count", "307")
    with open(FULL, "w") as full:
        done = subprocess.run(_ledger(round1, *args), stdout=full, stderr=subprocess.PIPE, text=True)
    assert (done.returncode, done.stderr) == (2, "Error: could not write the output: No space left on device\n")


def test_the_register_piped_to_head_ends_quietly(round1: str, tmp_path: Path) -> None:
    rows = [f"t{i:05},2025-05-{16 + i % 15},RUS,UKR,pow,{i % 7}" for i in range(3000)]  # far more than a pipe holds
    (tmp_path / "transfers.csv").write_text("key,date,deliverer,receiver,category,count\n" + "\n".join(rows) + "\n")
    ok(round1, "load", str(tmp_path / "transfers.csv"))
    ledger = subprocess.Popen(
        _ledger(round1, "report", "register", "--format", "csv"), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert ledger.stdout is not None and ledger.stderr is not None
    head = subprocess.run(["head", "-1"], stdin=ledger.stdout, capture_output=True, text=True)
    ledger.stdout.close()
    assert ledger.wait(timeout=60) == 0
    assert ledger.stderr.read() == b""
    assert (
        head.stdout == "key,date,deliverer,receiver,category,count,running_total,terms,exchange,intermediaries,"
        "location,sources,notes\n"
    )


# prompts: each answer checked as it is typed, a bad one asked again


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from ledger import cli

    monkeypatch.setattr(cli, "interactive", lambda: True)


def test_a_bad_answer_is_asked_again_at_once(round1: str, terminal: None) -> None:
    ok(round1, *TRANSFER, "--count", "307")
    result = run(round1, "transfer", "add", input="t1\nt2\n30 May\n2025-05-24\nRUS\nRUS\nUKR\npow\n1,000\n1000\n")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "key: t1\nError: transfer 't1' already exists\n"
        "key: t2\n"
        "date: 30 May\nError: must be a date YYYY-MM-DD or YYYY-MM, got '30 May'\n"
        "date: 2025-05-24\n"
        "from (ICRC, RUS, TUR, UKR): RUS\n"
        "to (ICRC, RUS, TUR, UKR): RUS\nError: must differ from the deliverer, got 'RUS' for both\n"
        "to (ICRC, RUS, TUR, UKR): UKR\n"
        "category (pow, civilian, child, hostage, detainee, bodies): pow\n"
        "count: 1,000\nError: must be a whole number ≥ 0 or \"undisclosed\", got '1,000'\n"
        "count: 1000\n"
        "Added transfer t2.\n"
    )
    shown = json.loads(ok(round1, "transfer", "show", "t2", "--format", "json"))
    assert (shown["date"], shown["deliverer"], shown["receiver"], shown["count"]) == ("2025-05-24", "RUS", "UKR", 1000)


def test_input_that_ends_at_a_prompt_writes_nothing_and_exits_2(round1: str, terminal: None) -> None:
    before = counts(round1)
    result = run(round1, "transfer", "add", input="t1\n2025-05-24\n")  # Ctrl-D at the third prompt
    assert result.exit_code == 2
    assert result.stderr == "Error: stopped at a prompt: nothing was written\n"
    assert counts(round1) == before


def test_prompts_of_other_records_check_their_answers_too(round1: str, terminal: None) -> None:
    result = run(round1, "party", "add", "--name", "Belarus", input="blr\nBLR\n")
    assert result.exit_code == 0, result.output
    assert "code: blr\nError: must be 2 to 16 capital letters, digits, '_' or '-', starting with a letter, " in (
        result.output)  # fmt: skip
    result = run(round1, "round", "add", "r2", "--process", "istanbul-2025", input="1\ntwo\n2\n")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "number: 1\nError: round 1 of process 'istanbul-2025' already exists (istanbul-2025-r1)\n"
        "number: two\nError: must be a whole number ≥ 1, got 'two'\n"
        "number: 2\nAdded round r2.\n"
    )
    result = run(round1, "assertion", "add", "a", "--from", "RUS", "--to", "UKR", "--category", "pow",
                 input="2025-06\n2025-06-16\nmany\n5\n")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Error: must be a date to the day, YYYY-MM-DD, got '2025-06'\n" in result.output
    assert "Error: must be a whole number ≥ 0, got 'many'\n" in result.output
    assert json.loads(ok(round1, "assertion", "show", "a", "--format", "json"))["expected"] == 5


# usage errors without a terminal name arguments as arguments, and --undisclosed beside --count


def test_what_is_missing_without_a_terminal(round1: str) -> None:
    assert refused(round1, "party", "add").endswith("\n\nError: Missing argument 'CODE' and option '--name'.\n")
    assert refused(round1, "party", "add", "--name", "Belarus").endswith("Error: Missing argument 'CODE'.\n")
    assert refused(round1, "transfer", "add", "t1", "--date", "2025-05-24").endswith(
        "Error: Missing options '--from', '--to', '--category', '--count' (or '--undisclosed').\n"
    )
    assert refused(round1, *TRANSFER).endswith("Error: Missing option '--count' (or '--undisclosed').\n")
    assert refused(round1, "transfer", "add", "--undisclosed").endswith(
        "Error: Missing argument 'KEY' and options '--date', '--from', '--to', '--category'.\n"
    )


@pytest.mark.parametrize("errors", ["surrogateescape", "strict"])
def test_an_answer_that_is_not_utf8_is_asked_again(
    round1: str, terminal: None, errors: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import click.testing

    class Terminal(click.testing._NamedTextIOWrapper):
        """Standard input read as Python reads a terminal: bytes that are not UTF-8 kept as lone
        surrogates (the C locale), or refused (a UTF-8 locale)."""

        def __init__(self, buffer: Any, **options: Any) -> None:
            if options.get("name") == "<stdin>":
                options["errors"] = errors
            else:  # the runner echoes each answer
                options["errors"] = "backslashreplace"
            super().__init__(buffer, **options)

    class Typed(io.BytesIO):
        """What a terminal gives its reader: a line at a time, as it is typed."""

        def read1(self, size: int = -1) -> bytes:
            return self.readline()

    monkeypatch.setattr(click.testing, "_NamedTextIOWrapper", Terminal)
    typed = Typed(b"B\xe9larus\nBelarus\n")
    result = CliRunner().invoke(cli, ["--db", round1, "party", "add", "BLR"], input=typed)  # type: ignore[arg-type]
    assert result.exit_code == 0, result.output
    said = "B\\udce9larus\nError: must be UTF-8 text, got b'B\\xe9larus'"
    if errors == "strict":
        said = "Error: must be UTF-8 text, got b'\\xe9'"
    assert result.output == f"name: {said}\nname: Belarus\nAdded party BLR.\n"
    assert json.loads(ok(round1, "party", "show", "BLR", "--format", "json"))["name"] == "Belarus"


# -o names a file a user already has: a link, its permissions, a pipe or a device stay what they were


def test_output_through_a_link_replaces_the_file_it_names_and_keeps_its_permissions(
    round1: str, tmp_path: Path
) -> None:
    ok(round1, *TRANSFER, "--count", "307")
    (tmp_path / "real.csv").write_text("old\n", encoding="utf-8")
    (tmp_path / "real.csv").chmod(0o600)
    (tmp_path / "link.csv").symlink_to("real.csv")
    ok(round1, "report", "register", "--format", "csv", "-o", str(tmp_path / "link.csv"))
    assert (tmp_path / "link.csv").is_symlink()
    assert (tmp_path / "real.csv").stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "real.csv").read_text(encoding="utf-8").startswith("key,date,deliverer,receiver")


def test_output_to_a_named_pipe_is_written_into_it_not_over_it(round1: str, tmp_path: Path) -> None:
    import threading

    ok(round1, *TRANSFER, "--count", "307")
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    read: list[str] = []
    reader = threading.Thread(target=lambda: read.append(pipe.read_text(encoding="utf-8")))
    reader.start()
    ok(round1, "report", "register", "--format", "csv", "-o", str(pipe))
    reader.join(timeout=30)
    assert pipe.is_fifo() and read[0].splitlines()[1].startswith("t1,2025-05-24,RUS,UKR,pow,307")
