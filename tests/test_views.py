"""The analysts' views (migration 0012): what Datasette, sqlite-utils or psql users read without our
code, checked against the reports and the records, on both engines."""

from __future__ import annotations

import csv
import io

import pytest

from conftest import ok, sql_rows

# The fulfilment report's columns that `fulfilment_v` gives as well (not `due` and `overdue`,
# which need the date of today).
SHARED = ["term", "round", "category", "deliverer", "receiver", "basis", "committed", "delivered", "undisclosed",
          "outstanding", "excess", "fulfilled_pct", "score", "first_transfer", "last_transfer"]  # fmt: skip


def _cell(value: object) -> str:
    """A value from the database as the CSV report writes it."""
    return "" if value is None else str(value)


def _view(db: str) -> list[list[str]]:
    rows = sql_rows(db, f"SELECT {', '.join(SHARED)} FROM fulfilment_v")
    return sorted([_cell(value) for value in row] for row in rows)


def _report(db: str, *filters: str) -> list[list[str]]:
    shown = csv.DictReader(io.StringIO(ok(db, "report", "fulfilment", "--format", "csv", *filters)))
    return sorted([row[name] for name in SHARED] for row in shown if row["term"])


@pytest.mark.parametrize("dataset", ["istanbul", "gaza"])
def test_fulfilment_v_gives_the_reports_figures(db: str, dataset: str, request: pytest.FixtureRequest) -> None:
    request.getfixturevalue(dataset)
    view = _view(db)
    assert len(view) == {"istanbul": 12, "gaza": 14}[dataset]
    assert view == _report(db)


@pytest.mark.usefixtures("gaza")
def test_fulfilment_v_derives_a_ratio_from_its_base(db: str) -> None:
    rows = sql_rows(
        db,
        "SELECT committed, delivered, outstanding, excess, fulfilled_pct, score, category_kind, process"
        " FROM fulfilment_v WHERE term = 'r2-remains-palestinians'",
    )
    assert [tuple(row) for row in rows] == [(345, 345, 0, 0, 100.0, 3, "remains", "gaza-2025")]


def _pct_ledger(db: str) -> None:
    """One term per obligation, each delivered 1 person, to see the percentage's rounding."""
    ok(db, "party", "add", "AAA", "--name", "A")
    ok(db, "party", "add", "BBB", "--name", "B")
    ok(db, "process", "add", "p", "--name", "P")
    ok(db, "round", "add", "p1", "--process", "p", "--number", "1", "--start", "2025-01-01")
    for quantity in (2000, 400, 8, 3, 0):
        term = f"q{quantity}"
        ok(db, "term", "add", term, "--round", "p1", "--category", "pow", "--obligation", f"AAA:BBB:{quantity}")
        ok(db, "transfer", "add", f"t{quantity}", "--date", "2025-01-02", "--from", "AAA", "--to", "BBB",
           "--category", "pow", "--count", "1", "--term", term)  # fmt: skip
    # 1 of 2,000 is 0.05 % and 1 of 400 0.25 %, ties rounded to even as the report rounds them (a
    # float's 0.05 is a little over, and rounded up); 1 of 8 12.5 %; 1 of 3 33.3 %.


def test_fulfilment_v_rounds_the_percentage_as_the_report_does(db: str) -> None:
    _pct_ledger(db)
    rows = sql_rows(db, "SELECT term, fulfilled_pct, score, excess FROM fulfilment_v")
    assert sorted(tuple(row) for row in rows) == [
        ("q0", 100.0, 3, 1), ("q2000", 0.0, 1, 0), ("q3", 33.3, 1, 0), ("q400", 0.2, 1, 0),
        ("q8", 12.5, 1, 0)]  # fmt: skip
    assert _view(db) == _report(db)


@pytest.mark.usefixtures("gaza")
def test_transfers_v_leaves_voided_transfers_out(db: str) -> None:
    keys = {row.key for row in sql_rows(db, "SELECT key FROM transfers_v")}
    live = {row.key for row in sql_rows(db, "SELECT key FROM transfer WHERE NOT voided")}
    assert keys == live
    assert len(keys) == len(sql_rows(db, "SELECT key FROM transfer")) - 3  # the three corrections voided
    assert "2025-10-27-ham-isr-bodies" not in keys
    row = sql_rows(
        db,
        "SELECT date, date_precision, deliverer, deliverer_name, receiver, receiver_name, category,"
        " category_kind, count, exchange, terms, intermediaries, sources"
        " FROM transfers_v WHERE key = '2025-01-19-ham-isr-hostage'",
    )
    assert [str(value) for value in row[0]] == [
        "2025-01-19", "day", "HAM", "Hamas", "ISR", "Israel", "hostage", "living", "3", "swap-2025-01-19",
        "r1-hostages-civilian", "ICRC", "thetrumpet-30841;sputnikglobe-20250120;antiwar-2025-01-19"]  # fmt: skip


@pytest.mark.usefixtures("istanbul")
def test_transfers_v_flags_an_undisclosed_count_as_true(db: str, engine_name: str) -> None:
    rows = sql_rows(db, "SELECT key, count, undisclosed FROM transfers_v WHERE undisclosed")
    assert rows and all(row.count is None for row in rows)
    assert {row.undisclosed for row in rows} == ({True} if engine_name == "postgres" else {1})
    disclosed = sql_rows(db, "SELECT count(*) FROM transfers_v WHERE NOT undisclosed AND count IS NULL")
    assert disclosed[0][0] == 0


@pytest.mark.usefixtures("gaza")
def test_obligations_v_names_terms_rounds_bases_and_deadlines(db: str) -> None:
    rows = sql_rows(
        db,
        "SELECT term, round, round_number, round_start, process, category, category_kind, status, deliverer,"
        " receiver, quantity, basis, per, deadline FROM obligations_v WHERE term = 'r1-detainees-per-civilian'",
    )
    assert [str(value) for value in rows[0]] == [
        "r1-detainees-per-civilian", "gaza-2025-r1", "1", "2025-01-19", "gaza-2025", "detainee", "living",
        "agreed", "ISR", "HAM", "30", "ratio", "r1-hostages-civilian", "P42D"]  # fmt: skip
    terms = {row.term for row in sql_rows(db, "SELECT DISTINCT term FROM obligations_v")}
    live = "SELECT DISTINCT t.key FROM term t JOIN obligation o ON o.term_id = t.id WHERE NOT t.voided"
    assert terms == {row.key for row in sql_rows(db, live)}


def test_obligations_v_writes_a_dated_deadline_as_a_package_does(db: str) -> None:
    _pct_ledger(db)
    ok(db, "term", "amend", "q8", "--deadline", "2025-06", "--reason", "a month")
    ok(db, "term", "amend", "q3", "--deadline", "2025-06-30", "--reason", "a day")
    rows = sql_rows(db, "SELECT term, deadline FROM obligations_v WHERE deadline IS NOT NULL")
    assert sorted(tuple(row) for row in rows) == [("q3", "2025-06-30"), ("q8", "2025-06")]


def test_a_voided_term_leaves_the_obligation_and_fulfilment_views(db: str) -> None:
    _pct_ledger(db)
    ok(db, "transfer", "void", "t8", "--reason", "entered twice")
    ok(db, "term", "void", "q8", "--reason", "entered twice")
    for view in ("obligations_v", "fulfilment_v"):
        assert sorted(row.term for row in sql_rows(db, f"SELECT term FROM {view}")) == ["q0", "q2000", "q3", "q400"]
    assert sorted(row.key for row in sql_rows(db, "SELECT key FROM transfers_v")) == ["t0", "t2000", "t3", "t400"]
    assert _view(db) == _report(db)


@pytest.mark.usefixtures("istanbul")
def test_an_upgraded_ledger_gets_the_views_over_what_it_holds(db: str) -> None:
    from ledger import migrate
    from ledger.config import normalise_url

    migrate.downgrade(normalise_url(db), "0011")
    assert ok(db, "init").endswith("from schema 0011 to 0012.\n")
    assert _view(db) == _report(db)
