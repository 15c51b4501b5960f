"""The Python API: `ledger.open`, reports as typed DataFrames, records as dicts, adds checked by
the command line's rules, and the README's example run as written."""

from __future__ import annotations

import contextlib
import datetime as dt
import inspect
import io
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import ledger
from ledger import domain, reports, services

from conftest import counts, ok, run

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
ISTANBUL = ROOT / "data" / "istanbul-2025"


@pytest.fixture
def book(istanbul: str):
    opened = ledger.open(istanbul)
    yield opened
    opened.close()


# opening


def test_a_path_that_holds_no_ledger_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A plain path (not a URL) used to crash while the error message was being built."""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ledger.SchemaError) as missing:
        ledger.open("ledger.db")
    assert str(missing.value) == "no ledger at ledger.db: create it with `ledger --db ledger.db init`"
    with pytest.raises(ledger.LedgerError, match=r"^no ledger at ledger\.db: "):
        ledger.Ledger.open("ledger.db")
    with pytest.raises(ledger.SchemaError, match=r"^no ledger at ledger\.db: "):
        ledger.open(Path("ledger.db"))
    Path("empty.db").touch()
    with pytest.raises(ledger.SchemaError) as empty:
        ledger.open("empty.db")
    assert str(empty.value) == "sqlite:///empty.db holds no ledger: create it with `ledger --db empty.db init`"
    Path("notes.db").write_text("not a database, only some words\n" * 100)
    with pytest.raises(ledger.SchemaError) as text:
        ledger.open("notes.db")
    assert str(text.value) == "cannot open sqlite:///notes.db: file is not a database"
    with pytest.raises(ledger.SchemaError, match=r"^mysql:// is not a database the ledger runs on"):
        ledger.open("mysql://someone@somewhere/db")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.db", "notes.db"]


def test_a_ledger_opens_by_path_or_by_url(round1: str) -> None:
    book = ledger.open(round1)  # what --db takes: a path on SQLite, a URL on PostgreSQL
    try:
        assert [p["code"] for p in book.parties()] == ["ICRC", "RUS", "TUR", "UKR"]
    finally:
        book.close()


def test_import_ledger_and_opening_imports_no_pandas(round1: str) -> None:
    script = f"""
import sys
import ledger
before = sorted(m for m in ("pandas", "numpy", "matplotlib", "sqlalchemy") if m in sys.modules)
book = ledger.open({round1!r})
book.transfers(); book.terms()
after = sorted(m for m in ("pandas", "numpy", "matplotlib") if m in sys.modules)
print(",".join(before) or "none", ",".join(after) or "none")
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "none none"


# reports


def test_every_report_has_real_dtypes_and_no_object_column(book) -> None:
    for name in reports.TABLES:
        frame = book.report(name)
        assert not frame.empty, name
        assert [c for c, dtype in frame.dtypes.items() if pd.api.types.is_object_dtype(dtype)] == [], name
    fulfilment = book.report("fulfilment")
    dtypes = {c: str(t) for c, t in fulfilment.dtypes.items()}
    for column in ("committed", "delivered", "undisclosed", "outstanding", "excess", "score"):
        assert dtypes[column] == "Int64"
    assert dtypes["fulfilled_pct"] == "Float64"
    assert dtypes["term"] == dtypes["deliverer"] == dtypes["basis"] == "string"
    assert dtypes["first_transfer"].startswith("datetime64")
    assert dtypes["first_transfer_precision"] == "string"
    bodies = fulfilment[(fulfilment["term"] == "r2-bodies-6000") & (fulfilment["deliverer"] == "UKR")].iloc[0]
    assert (bodies["committed"], bodies["delivered"], bodies["fulfilled_pct"]) == (6000, 201, 3.4)
    # UKR → RUS bodies: the first of them is known only to the month (June 2025)
    assert (bodies["first_transfer"], bodies["first_transfer_precision"]) == (dt.datetime(2025, 6, 1), "month")
    assert (bodies["last_transfer"], bodies["last_transfer_precision"]) == (dt.datetime(2025, 11, 20), "day")
    register = book.report("register")
    month = register[register["key"] == "2025-06-ukr-rus-bodies"].iloc[0]
    assert (month["date"], month["date_precision"], month["count"]) == (dt.datetime(2025, 6, 1), "month", 78)
    assert str(register["count"].dtype) == "Int64" and str(register["undisclosed"].dtype) == "boolean"
    hidden = register[register["undisclosed"]]
    assert len(hidden) == 14 and hidden["count"].isna().all()
    assert register["count"].sum() == register.loc[~register["undisclosed"], "count"].sum()


def test_a_report_takes_the_cli_names_and_filters(istanbul: str, book) -> None:
    frame = book.report("fulfilment", round="istanbul-2025-r2", category="pow")
    shown = json.loads(
        ok(istanbul, "report", "fulfilment", "--round", "istanbul-2025-r2", "--category", "pow", "--format", "json")
    )
    assert list(frame["term"].fillna("")) == [r["term"] or "" for r in shown]
    assert list(frame["delivered"]) == [r["delivered"] for r in shown]
    register = book.report("register", since="2025-06")
    assert register["date"].min() == dt.datetime(2025, 6, 1)
    cli = ok(istanbul, "report", "register", "--since", "2025-06", "--format", "csv").splitlines()
    assert list(register["key"]) == [line.split(",")[0] for line in cli[1:]]
    proposed = book.report("commitments", status=("agreed", "proposed"))
    assert len(proposed) >= len(book.report("commitments"))


def test_a_report_refuses_an_unknown_name_or_filter_with_every_problem(book) -> None:
    with pytest.raises(ledger.InvalidInput) as unknown:
        book.report("fulfilment", colour="red", category="cats", since="June")
    assert [(p.field, p.message) for p in unknown.value.problems] == [
        ("colour", "is not a report filter: give process, round, party, category, since, until or status"),
        ("since", "must be a date YYYY-MM-DD or YYYY-MM, got 'June'"),
    ]
    with pytest.raises(ledger.InvalidInput) as vocabulary:
        book.report("fulfilment", category="cats")
    assert [p.field for p in vocabulary.value.problems] == ["category"]
    with pytest.raises(ledger.InvalidInput) as name:
        book.report("fulfillments")
    assert str(name.value) == (
        "name: must be one of commitments, fulfilment, register, discrepancies, timeline, got 'fulfillments'"
    )
    with pytest.raises(ledger.InvalidInput, match=r"^name: workbook is written as a file"):
        book.report("workbook")


def test_the_report_names_are_the_reports_own(monkeypatch: pytest.MonkeyPatch, istanbul: str) -> None:
    from ledger import cli
    from ledger.reports import frames

    assert tuple(frames.BUILDERS) == reports.TABLES
    assert set(reports.NAMES) <= set(cli.REPORTS)
    built = []
    real = services.Ledger.built_report

    def spy(self, name, filters):
        built.append((name, filters))
        return real(self, name, filters)

    monkeypatch.setattr(services.Ledger, "built_report", spy)
    ok(istanbul, "report", "commitments", "--since", "2025-06", "--format", "md")
    assert built == [("commitments", reports.Filters(since=dt.date(2025, 6, 1)))]


# records


def test_records_are_plain_dicts_with_the_cli_filters(istanbul: str, book) -> None:
    transfers = book.transfers(party="UKR", since="2025-06")
    listed = json.loads(ok(istanbul, "transfer", "list", "--party", "UKR", "--since", "2025-06", "--format", "json"))
    assert [t["key"] for t in transfers] == [t["key"] for t in listed]
    assert all(isinstance(t, dict) and "id" not in t and "voided" not in t for t in transfers)
    month = next(t for t in transfers if t["key"] == "2025-06-ukr-rus-bodies")
    assert (month["date"], month["count"], month["terms"]) == (
        ledger.PartialDate(dt.date(2025, 6, 1), "month"),
        78,
        ["r2-bodies-6000"],
    )
    (term,) = book.terms(round="istanbul-2025-r2", category="bodies")
    assert term["term"] == "r2-bodies-6000"
    assert term["obligations"] == [
        {"deliverer": "RUS", "receiver": "UKR", "quantity": 6000, "basis": "exact"},
        {"deliverer": "UKR", "receiver": "RUS", "quantity": 6000, "basis": "exact"},
    ]
    assert [r["key"] for r in book.rounds(process="istanbul-2025")] == [
        "istanbul-2025-r1",
        "istanbul-2025-r2",
        "istanbul-2025-r3",
    ]
    assert [p["key"] for p in book.processes()] == ["istanbul-2025"]
    assert len(book.sources()) == 35 and len(book.claims()) == 15 and len(book.assertions()) == 1
    with pytest.raises(ledger.InvalidInput) as refused:
        book.transfers(partie="UKR", category="cats")
    assert [(p.field, p.message) for p in refused.value.problems] == [
        ("partie", "is not a filter of transfer records: give process, round, term, party, category, exchange, "
                   "since, until"),
        ("category", f"must be one of {', '.join(domain.CATEGORIES)}, got 'cats'"),
    ]  # fmt: skip


# adding


def test_a_misspelt_field_a_value_of_no_fields_type_or_a_blank_actor_is_refused(round1: str) -> None:
    book = ledger.open(round1, actor="analyst")
    transfer = {"key": "t1", "date": "2025-05-23", "deliverer": "RUS", "receiver": "UKR", "category": "pow"}
    try:
        before = counts(round1)
        for given, said in [
            ({"count": 5.5}, [("count", "must be text, a whole number or a date, got float")]),
            ({"count": True}, [("count", "must be text, a whole number or a date, got bool")]),
            ({"count": 5, "cnt": 5}, [("cnt", "is not a field of a transfer: the fields are key, date, deliverer, "
                                              "receiver, category, count, terms, exchange, intermediaries, location, "
                                              "sources, notes")]),
        ]:  # fmt: skip
            with pytest.raises(ledger.InvalidInput) as refused:
                book.add("transfer", {**transfer, **given})
            assert [(p.field, p.message) for p in refused.value.problems] == said
        book.add("transfer", {**transfer, "count": 270})
        assert book.amend("transfer", "t1", {"count": 271}, "recount") == ["count: 270 → 271"]
        with pytest.raises(ledger.InvalidInput, match=r"^cnt: is not a field of a transfer"):
            book.amend("transfer", "t1", {"cnt": "272"}, "recount")
        for call in (lambda: book.amend("handover", "t1", {}, "x"), lambda: book.void("handover", "t1", "x"),
                     lambda: book.show("handover", "t1")):  # fmt: skip
            with pytest.raises(ledger.InvalidInput, match=r"^entity: must be one of party, source, "):
                call()
        assert counts(round1)["transfer"] == before["transfer"] + 1
    finally:
        book.close()
    blank = ledger.open(round1, actor="  ")
    try:
        with pytest.raises(ledger.InvalidInput, match=r"^actor: is empty: name who makes the change$"):
            blank.add("party", {"code": "BLR", "name": "Belarus"})
        assert "BLR" not in [p["code"] for p in blank.parties()]
    finally:
        blank.close()


def test_add_takes_python_values_by_the_cli_rules(round1: str) -> None:
    book = ledger.open(round1, actor="analyst")
    try:
        book.add("transfer", {"key": "t1", "date": dt.date(2025, 5, 23), "deliverer": "RUS", "receiver": "UKR",
                              "category": "pow", "count": 270, "terms": ["r1-pow-exchange"]})  # fmt: skip
        (added,) = book.transfers()
        assert (added["key"], added["date"], added["count"], added["terms"]) == (
            "t1",
            ledger.PartialDate(dt.date(2025, 5, 23)),
            270,
            ["r1-pow-exchange"],
        )
        fulfilment = book.report("fulfilment")
        assert list(fulfilment.loc[fulfilment["deliverer"] == "RUS", "delivered"]) == [270]
        before = counts(round1)
        with pytest.raises(ledger.InvalidInput) as refused:
            book.add("transfer", {"key": "t1", "date": "2025-13-01", "deliverer": "RUS", "receiver": "XX",
                                  "category": "pow", "count": -3})  # fmt: skip
        assert [(p.field, p.message) for p in refused.value.problems] == [
            ("key", "transfer 't1' already exists"),
            ("date", "is not a real date, got '2025-13-01'"),
            ("receiver", "unknown party 'XX'"),
            ("count", "must be a whole number ≥ 0 or \"undisclosed\", got '-3'"),
        ]
        with pytest.raises(ledger.InvalidInput, match=r"^entity: must be one of party, source, "):
            book.add("handover", {"key": "t2"})
        assert counts(round1) == before
    finally:
        book.close()


# the README and the docstrings


def _readme_example() -> tuple[str, str]:
    block = README.read_text(encoding="utf-8").split("<!-- python-example:start -->\n")[1]
    block = block.split("<!-- python-example:end -->")[0]
    code = block.split("```python\n")[1].split("```")[0]
    printed = block.split("```text\n")[1].split("```")[0]
    return code, printed


def test_the_readme_python_example_runs_as_written(istanbul: str, tmp_path: Path, monkeypatch) -> None:
    code, printed = _readme_example()
    assert 'ledger.open("ledger.db")' in code
    monkeypatch.chdir(tmp_path)
    before = counts(istanbul)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code.replace('"ledger.db"', repr(istanbul)), "README.md", "exec"), {})
    assert out.getvalue() == printed
    assert counts(istanbul) == before  # the refused add wrote nothing


def test_every_public_name_of_the_api_has_a_docstring() -> None:
    assert ledger.__doc__
    for name in ledger.__all__:
        assert getattr(ledger, name).__doc__, name
    for name, member in inspect.getmembers(ledger.Ledger):
        if not name.startswith("_") and callable(member):
            assert member.__doc__, f"Ledger.{name}"
    for name in reports.__all__:
        assert getattr(reports, name).__doc__ or name in ("NAMES", "TABLES"), f"ledger.reports.{name}"
    for name, member in inspect.getmembers(reports.Filters):
        if not name.startswith("_") and callable(member):
            assert member.__doc__, f"Filters.{name}"


def test_the_refusals_of_a_report_command_are_unchanged(istanbul: str) -> None:
    result = run(istanbul, "report", "fulfilment", "--category", "cats")
    assert (result.exit_code, result.stderr) == (
        2,
        f"Error: --category: must be one of {', '.join(domain.CATEGORIES)}, got 'cats'\n",
    )
