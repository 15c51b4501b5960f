"""A change to a term or a round leaves the ledger as a load of its records would: the allocation of
every direction it touches is recomputed, and a change the records that depend on it would not pass
is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ok

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

HEADER = (
    "term,round,category,deliverer,receiver,basis,committed,delivered,undisclosed,outstanding,excess,"
    "fulfilled_pct,score,first_transfer,last_transfer\n"
)
T1_SUPERSEDED = (
    HEADER + "T1,r1,pow,RUS,UKR,exact,100,0,0,100,0,0.0,0,,\n"
    "T2,r2,pow,UKR,RUS,exact,10,0,0,10,0,0.0,0,,\n"
    ",,pow,RUS,UKR,,,50,0,,,,,2025-07-01,2025-07-01\n"
)


def _fulfilment_of_a_fresh_load(db: str, fresh: str, tmp_path: Path) -> str:
    ok(db, "dump", str(tmp_path / "dump"))
    ok(fresh, "init")
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
def test_a_superseding_term_in_another_direction_reallocates_the_term_it_supersedes(
    db: str, empty_url: str, tmp_path: Path, how: str
) -> None:
    for command in SETUP:
        ok(db, *command)
    assert "T1,r1,pow,RUS,UKR,exact,100,50,0,50,0,50.0,2," in ok(db, "report", "fulfilment", "--format", "csv")
    for command in SUPERSEDING[how]:
        ok(db, *command)
    # T1 is superseded by an agreed term: the transfer no longer counts towards it, as a fresh load says.
    assert ok(db, "report", "fulfilment", "--format", "csv") == T1_SUPERSEDED
    assert _fulfilment_of_a_fresh_load(db, empty_url, tmp_path) == T1_SUPERSEDED
    assert ok(db, "check").endswith(": all pass.\n")


def test_a_term_that_stops_superseding_gives_back_what_the_old_term_received(
    db: str, empty_url: str, tmp_path: Path
) -> None:
    for command in [*SETUP[:-1], *SUPERSEDING["added"], SETUP[-1]]:  # the transfer comes after T2
        ok(db, *command)
    assert ok(db, "report", "fulfilment", "--format", "csv") == T1_SUPERSEDED
    ok(db, "term", "amend", "T2", "--status", "withdrawn", "--reason", "not signed after all")
    fulfilment = ok(db, "report", "fulfilment", "--format", "csv")
    assert fulfilment == HEADER + "T1,r1,pow,RUS,UKR,exact,100,50,0,50,0,50.0,2,2025-07-01,2025-07-01\n"
    assert _fulfilment_of_a_fresh_load(db, empty_url, tmp_path) == fulfilment
