"""A change to a term or a round leaves the ledger as a load of its records would: the allocation of
every direction it touches is recomputed, and a change the records that depend on it would not pass
is refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import counts, ok, prebuilt, refused, run

SETUP = [
    ("party", "add", "UKR", "--name", "Ukraine"),
    ("party", "add", "RUS", "--name", "Russia"),
    ("process", "add", "p", "--name", "Talks"),
    ("round", "add", "r1", "--process", "p", "--number", "1", "--start", "2025-05-01", "--party", "UKR",
     "--party", "RUS"),
    ("round", "add", "r2", "--process", "p", "--number", "2", "--start", "2025-06-01", "--party", "UKR",
     "--party", "RUS"),
    ("term", "add", "T1", "--round", "r1", "--category", "pow", "--obligation", "RUS:UKR:100"),
    ("transfer", "add", "x", "--date", "2025-07-01", "--from", "RUS", "--to", "UKR", "--category", "pow",
     "--count", "50"),
]  # fmt: skip


@prebuilt("talks")
def talks(db: str) -> None:
    """The SETUP: two rounds, a term T1 of round 1 and a transfer towards it."""
    for command in SETUP:
        ok(db, *command)


HEADER = (
    "term,round,category,deliverer,receiver,basis,committed,delivered,undisclosed,outstanding,due,overdue,excess,"
    "fulfilled_pct,score,first_transfer,last_transfer\n"
)
T1_SUPERSEDED = (
    HEADER + "T1,r1,pow,RUS,UKR,exact,100,0,0,100,,,0,0.0,0,,\n"
    "T2,r2,pow,UKR,RUS,exact,10,0,0,10,,,0,0.0,0,,\n"
    ",,pow,RUS,UKR,,,50,0,,,,,,,2025-07-01,2025-07-01\n"
)


def _fulfilment_of_a_fresh_load(db: str, fresh: str, tmp_path: Path) -> str:
    ok(db, "dump", str(tmp_path / "dump"))
    ok(fresh, "load", str(tmp_path / "dump"))
    return ok(fresh, "report", "fulfilment", "--format", "csv")


SUPERSEDING = {
    "added": [("term", "add", "T2", "--round", "r2", "--category", "pow", "--obligation", "UKR:RUS:10",
               "--supersedes", "T1")],
    "agreed by an amend": [
        ("term", "add", "T2", "--round", "r2", "--category", "pow", "--obligation", "UKR:RUS:10", "--supersedes",
         "T1", "--status", "proposed"),
        ("term", "amend", "T2", "--status", "agreed", "--reason", "signed"),
    ],
    "given by an amend": [
        ("term", "add", "T2", "--round", "r2", "--category", "pow", "--obligation", "UKR:RUS:10"),
        ("term", "amend", "T2", "--supersedes", "T1", "--reason", "it replaces T1"),
    ],
}  # fmt: skip


@pytest.mark.parametrize("how", list(SUPERSEDING))
@pytest.mark.usefixtures("talks")  # the db ledger holds the SETUP
def test_a_superseding_term_in_another_direction_reallocates_the_term_it_supersedes(
    db: str, fresh_db: str, tmp_path: Path, how: str
) -> None:
    assert "T1,r1,pow,RUS,UKR,exact,100,50,0,50,,,0,50.0,2," in ok(db, "report", "fulfilment", "--format", "csv")
    for command in SUPERSEDING[how]:
        ok(db, *command)
    # T1 is superseded by an agreed term: the transfer no longer counts towards it, as a fresh load says.
    assert ok(db, "report", "fulfilment", "--format", "csv") == T1_SUPERSEDED
    assert _fulfilment_of_a_fresh_load(db, fresh_db, tmp_path) == T1_SUPERSEDED
    assert ok(db, "check").endswith(": all pass.\n")


def test_a_term_that_stops_superseding_gives_back_what_the_old_term_received(
    db: str, fresh_db: str, tmp_path: Path
) -> None:
    for command in [*SETUP[:-1], *SUPERSEDING["added"], SETUP[-1]]:  # the transfer comes after T2
        ok(db, *command)
    assert ok(db, "report", "fulfilment", "--format", "csv") == T1_SUPERSEDED
    ok(db, "term", "amend", "T2", "--status", "withdrawn", "--reason", "not signed after all")
    fulfilment = ok(db, "report", "fulfilment", "--format", "csv")
    assert fulfilment == HEADER + "T1,r1,pow,RUS,UKR,exact,100,50,0,50,,,0,50.0,2,2025-07-01,2025-07-01\n"
    assert _fulfilment_of_a_fresh_load(db, fresh_db, tmp_path) == fulfilment


DATA = Path(__file__).resolve().parent.parent / "data" / "istanbul-2025"
ROUND_1_SWAPS = [
    ("2025-05-23-rus-ukr-civilian", "2025-05-23"), ("2025-05-23-rus-ukr-pow", "2025-05-23"),
    ("2025-05-23-ukr-rus-civilian", "2025-05-23"), ("2025-05-23-ukr-rus-pow", "2025-05-23"),
    ("2025-05-24-rus-ukr-pow", "2025-05-24"), ("2025-05-24-ukr-rus-pow", "2025-05-24"),
    ("2025-05-25-rus-ukr-pow", "2025-05-25"), ("2025-05-25-ukr-rus-pow", "2025-05-25"),
]  # fmt: skip


def _swaps_dated_before(option: str, round_key: str, start: str) -> str:
    """The refusal of an amend that puts the start of the round 1 exchange's round after its swaps."""
    return "".join(
        f"Error: {option}: transfer {key}: terms: the transfer ({day}) is dated before round '{round_key}' "
        f"of term 'r1-pow-1000-for-1000' began ({start})\n"
        for key, day in ROUND_1_SWAPS
    )


def test_a_round_amend_that_dates_the_transfers_naming_its_terms_before_it_is_refused(istanbul: str) -> None:
    error = refused(istanbul, "round", "amend", "istanbul-2025-r1", "--start", "2030-01-01", "--reason", "x")
    assert error == _swaps_dated_before("--start", "istanbul-2025-r1", "2030-01-01")
    assert ok(istanbul, "check").endswith(": all pass.\n")
    # A start the transfers still come after is taken, and the ledger still passes its check.
    assert ok(istanbul, "round", "amend", "istanbul-2025-r1", "--start", "2025-05-20", "--reason", "x") == (
        "Amended round istanbul-2025-r1: start_date: 2025-05-16 → 2025-05-20.\n"
    )
    assert ok(istanbul, "check").endswith(": all pass.\n")


def test_a_term_amend_that_the_transfers_naming_it_would_break_is_refused(istanbul: str) -> None:
    error = refused(istanbul, "term", "amend", "r1-pow-1000-for-1000", "--round", "istanbul-2025-r3", "--reason", "x")
    assert error == _swaps_dated_before("--round", "istanbul-2025-r3", "2025-07-23")
    error = refused(istanbul, "term", "amend", "r1-pow-1000-for-1000", "--obligation", "UKR:RUS:1000", "--reason", "x")
    assert error == "".join(
        f"Error: --obligation: transfer {key}: terms: term 'r1-pow-1000-for-1000' has no obligation from RUS to UKR\n"
        for key, _ in ROUND_1_SWAPS
        if "-rus-ukr-" in key
    )
    assert ok(istanbul, "check").endswith(": all pass.\n")


@pytest.mark.usefixtures("talks")  # the db ledger holds the SETUP
def test_an_amend_that_breaks_the_lineage_or_deadline_of_other_terms_is_refused(db: str) -> None:
    for command in SUPERSEDING["added"]:
        ok(db, *command)
    ok(db, "term", "add", "T3", "--round", "r1", "--category", "pow", "--obligation", "UKR:RUS:5",
       "--deadline", "2025-05-31")  # fmt: skip
    assert refused(db, "round", "amend", "r1", "--start", "2025-06-15", "--reason", "x") == (
        "Error: --start: term T3: deadline: 2025-05-31 is before round 'r1' began (2025-06-15)\n"
        "Error: --start: term T2: supersedes: term 'T1' must come from an earlier round than 'r2'\n"
    )
    assert refused(db, "term", "amend", "T1", "--round", "r2", "--reason", "x") == (
        "Error: --round: term T2: supersedes: term 'T1' must come from an earlier round than 'r2'\n"
    )
    assert ok(db, "check").endswith(": all pass.\n")


def test_a_refused_amend_names_its_first_twenty_problems_and_counts_the_rest(db: str, tmp_path: Path) -> None:
    package = tmp_path / "p"
    package.mkdir()
    transfers = "".join(f"x{i:02},2025-05-{i + 1:02},RUS,UKR,pow,1,T1\n" for i in range(25))
    files = {
        "parties": "code,name\nUKR,Ukraine\nRUS,Russia\n",
        "processes": "key,name\np,Talks\n",
        "rounds": "key,process,number,start_date,parties\nr1,p,1,2025-05-01,UKR;RUS\n",
        "terms": "term,round,category,deliverer,receiver,quantity\nT1,r1,pow,RUS,UKR,100\n",
        "transfers": "key,date,deliverer,receiver,category,count,terms\n" + transfers,
    }
    for stem, text in files.items():
        (package / f"{stem}.csv").write_text(text, encoding="utf-8")
    ok(db, "load", str(package))
    error = refused(db, "round", "amend", "r1", "--start", "2025-06-01", "--reason", "x")
    assert error.splitlines() == [
        *(f"Error: --start: transfer x{i:02}: terms: the transfer (2025-05-{i + 1:02}) is dated before round 'r1' "
          "of term 'T1' began (2025-06-01)" for i in range(20)),
        "Error: --start: and 5 more problems with the records that depend on it",
    ]  # fmt: skip


def test_a_load_that_amends_a_round_is_refused_when_transfers_left_out_of_it_would_break(
    istanbul: str, tmp_path: Path
) -> None:
    package = tmp_path / "p"
    package.mkdir()
    rounds = (DATA / "rounds.csv").read_text(encoding="utf-8")
    assert "istanbul-2025-r1,istanbul-2025,1,2025-05-16," in rounds
    (package / "rounds.csv").write_text(rounds.replace(",1,2025-05-16,", ",1,2030-01-01,"), encoding="utf-8")
    before = counts(istanbul)
    result = run(istanbul, "load", str(package), "--update")
    assert counts(istanbul) == before
    assert (result.exit_code, result.stderr) == (2, "".join(
        f"rounds.csv:2: start_date: {line.removeprefix('Error: --start: ')}\n"
        for line in _swaps_dated_before("--start", "istanbul-2025-r1", "2030-01-01").splitlines()
    ) + f"Error: {package}: 8 problems; nothing was loaded\n")  # fmt: skip
    # With the transfers in the package, each is refused on its own line, once.
    shutil.copy(DATA / "transfers.csv", package / "transfers.csv")
    result = run(istanbul, "load", str(package), "--update")
    assert result.exit_code == 2
    assert [line.split(": ")[0] for line in result.stderr.splitlines()] == [
        *(f"transfers.csv:{n}" for n in range(2, 10)), "Error"]  # fmt: skip
    assert ok(istanbul, "check").endswith(": all pass.\n")
