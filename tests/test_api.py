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
from ledger import db_errors, domain, facade, operations, reports

from conftest import counts, ok, refused, run

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
        assert not frame.empty or name == "deadlines", name  # the Istanbul terms have no deadlines
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
        "name: must be one of commitments, fulfilment, register, discrepancies, timeline, deadlines, got 'fulfillments'"
    )
    with pytest.raises(ledger.InvalidInput, match=r"^name: workbook is written as a file"):
        book.report("workbook")


def test_the_report_names_are_the_reports_own(monkeypatch: pytest.MonkeyPatch, istanbul: str) -> None:
    from ledger import cli
    from ledger.reports import frames

    assert tuple(frames.BUILDERS) == reports.TABLES
    assert set(reports.NAMES) <= set(cli.REPORTS)
    built = []
    real = facade.Ledger.built_report

    def spy(self, name, filters):
        built.append((name, filters))
        return real(self, name, filters)

    monkeypatch.setattr(facade.Ledger, "built_report", spy)
    ok(istanbul, "report", "commitments", "--since", "2025-06", "--format", "md")
    assert built == [("commitments", reports.Filters(since=dt.date(2025, 6, 1)))]


# records


def test_a_filter_that_takes_one_value_refuses_a_list_and_only_status_takes_several(book) -> None:
    with pytest.raises(ledger.InvalidInput) as report:
        book.report("deadlines", category=["bodies"], party=("UKR",), status=["agreed", "proposed"])
    assert [(p.field, p.message) for p in report.value.problems] == [
        ("party", "takes one value, got tuple ['UKR']"),
        ("category", "takes one value, got list ['bodies']"),
    ]
    with pytest.raises(ledger.InvalidInput) as records:
        book.transfers(category=["bodies"])
    assert [(p.field, p.message) for p in records.value.problems] == [
        ("category", "takes one value, got list ['bodies']")
    ]
    assert len(book.report("fulfilment", status=["agreed", "proposed"])) > 0


def test_a_datetime_or_a_pandas_timestamp_filters_by_its_day(book) -> None:
    by_day = book.report("register", since="2025-06-11", until="2025-06-11")
    for since, until in ((dt.datetime(2025, 6, 11, 9, 30), dt.datetime(2025, 6, 11, 23, 0)),
                         (pd.Timestamp("2025-06-11 08:00"), pd.Timestamp("2025-06-11"))):  # fmt: skip
        assert book.report("register", since=since, until=until).equals(by_day)
        assert book.report("fulfilment", until=until).equals(book.report("fulfilment", until="2025-06-11"))
        assert book.report("deadlines", until=until).equals(book.report("deadlines", until="2025-06-11"))
    assert len(by_day) > 0
    assert [t["key"] for t in book.transfers(since=dt.datetime(2025, 6, 11, 12), until="2025-06-11")] == list(
        by_day["key"]
    )


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


def test_an_amend_of_a_key_is_refused_naming_it_and_writes_nothing(round1: str) -> None:
    book = ledger.open(round1)
    try:
        book.add("category", {"code": "wounded", "name": "Severely wounded", "kind": "living"})
        before = counts(round1)
        for entity, key, changes in (
            ("category", "wounded", {"code": "injured"}),  # each was taken as no change, or a traceback
            ("party", "UKR", {"code": "UA", "name": "Ukraine"}),
            ("term", "r1-pow-exchange", {"term": "r1-pows"}),
            ("term", "r1-pow-exchange", {"key": "r1-pows"}),
        ):
            with pytest.raises(ledger.InvalidInput) as refused:
                book.amend(entity, key, changes, reason="renamed")
            (field,) = [name for name in changes if name != "name"]
            assert [(p.field, p.message) for p in refused.value.problems] == [
                (field, f"cannot be amended: void the {entity} and add it anew")
            ]
        assert counts(round1) == before
        assert book.amend("party", "UKR", {"code": "UKR", "name": "Ukraine (state)"}, reason="named") == [
            "name: Ukraine → Ukraine (state)"
        ]
    finally:
        book.close()


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


# what the command line does besides records, from Python


def test_init_creates_a_ledger_then_finds_it_up_to_date(empty_url: str) -> None:
    created = ledger.Ledger.init(empty_url)
    assert (created.before, created.after) == (None, "0012")
    assert created.where == db_errors.display_url(ledger.config.normalise_url(empty_url))
    again = ledger.Ledger.init(empty_url)
    assert (again.where, again.before, again.after) == (created.where, "0012", "0012")
    book = ledger.open(empty_url)
    try:
        assert book.where == created.where
    finally:
        book.close()


def test_the_shipped_datasets_are_listed_and_found_by_name() -> None:
    assert list(ledger.Ledger.datasets()) == ["gaza-2025", "istanbul-2025"]
    assert ledger.Ledger.dataset("istanbul-2025").name == "istanbul-2025"
    with pytest.raises(
        ledger.NotFound, match=r"^no dataset named 'nope' ships with the ledger \(shipped: gaza-2025, istanbul"
    ):
        ledger.Ledger.dataset("nope")


ADDED = "6 parties, 35 sources, 1 process, 3 rounds, 12 terms, 48 transfers, 15 claims, 1 assertion"


def test_load_dry_run_then_load_then_again_changes_nothing(db: str) -> None:
    tables = ledger.Ledger.read_package(ISTANBUL)
    assert [(t.entity, t.size) for t in tables] == [
        ("party", 6), ("source", 35), ("process", 1), ("round", 3), ("term", 18), ("transfer", 48), ("claim", 15),
        ("assertion", 1),
    ]  # fmt: skip
    book = ledger.open(db, actor="analyst")
    try:
        before = counts(db)
        dry = book.load(ISTANBUL, dry_run=True)
        assert not dry.refused
        assert dry.summary == (
            f"Dry run of {ISTANBUL}, nothing written: would add {ADDED}; would change nothing; 0 unchanged."
        )
        assert counts(db) == before
        seen: list[int] = []
        loaded = book.load(tables, progress=seen.append, origin="istanbul")
        assert loaded.summary == f"Loaded istanbul: added {ADDED}; changed nothing; 0 unchanged."
        assert dict(loaded.report.added) == {
            "party": 6, "source": 35, "process": 1, "round": 3, "term": 12, "transfer": 48, "claim": 15, "assertion": 1,
        }  # fmt: skip
        assert sum(seen) == sum(t.size for t in tables)
        assert {e.reason for e in book.log()} == {"loaded from istanbul"}
        again = book.load(ISTANBUL)
        assert again.summary == f"Loaded {ISTANBUL}: nothing new, 121 records already in the ledger."
    finally:
        book.close()


def test_a_refused_load_returns_its_problems_and_writes_nothing(istanbul: str, tmp_path: Path) -> None:
    rounds = (ISTANBUL / "rounds.csv").read_text(encoding="utf-8").replace("Dolmabahçe Palace", "Yıldız Palace", 1)
    (tmp_path / "rounds.csv").write_text(rounds, encoding="utf-8")
    book = ledger.open(istanbul, actor="analyst")
    try:
        before = counts(istanbul)
        refused = book.load(tmp_path / "rounds.csv")
        assert refused.refused
        assert refused.summary == f"{tmp_path / 'rounds.csv'}: 1 problem; nothing was loaded"
        assert [str(p) for p in refused.report.problems] == [
            "rounds.csv:2: round istanbul-2025-r1: venue: Dolmabahçe Palace → Yıldız Palace; it is already in the "
            "ledger: `update` amends it"
        ]
        assert counts(istanbul) == before
        amended = book.load(tmp_path / "rounds.csv", update=True)
        assert amended.report.changes == ["round istanbul-2025-r1: venue: Dolmabahçe Palace → Yıldız Palace"]
        assert book.show("round", "istanbul-2025-r1")["venue"] == "Yıldız Palace"
    finally:
        book.close()


def test_a_package_that_cannot_be_read_is_a_ledger_error_naming_the_parameter(tmp_path: Path) -> None:
    with pytest.raises(ledger.LedgerError) as unknown:
        ledger.Ledger.read_package(ISTANBUL / "parties.csv", encoding="klingon")
    assert str(unknown.value) == "`encoding`: unknown encoding 'klingon'"
    with pytest.raises(ledger.LedgerError) as missing:
        ledger.Ledger.read_package(tmp_path / "nothing.csv")
    assert str(missing.value) == f"{tmp_path / 'nothing.csv'}: no such file or folder"


def test_dump_writes_the_package_that_load_reads_back(book, istanbul: str, tmp_path: Path) -> None:
    folder = book.dump(tmp_path / "package")
    assert (folder.path, folder.fmt, folder.tables, folder.rows) == (tmp_path / "package", "csv", 8, 127)
    assert sorted(p.name for p in folder.path.iterdir()) == [
        "assertions.csv", "claims.csv", "datapackage.json", "parties.csv", "processes.csv", "rounds.csv",
        "sources.csv", "terms.csv", "transfers.csv",
    ]  # fmt: skip
    written = json.loads((folder.path / "datapackage.json").read_text(encoding="utf-8"))
    # the package's 35 sources as well: two name only WION, once here
    assert len(written.pop("sources")) == 34 and written == book.descriptor()
    assert [r["name"] for r in book.descriptor()["resources"]][:2] == ["parties", "sources"]
    ok(istanbul, "dump", str(tmp_path / "by-cli"))
    for name in ("transfers.csv", "terms.csv"):
        assert (folder.path / name).read_bytes() == (tmp_path / "by-cli" / name).read_bytes()
    workbook = book.dump(tmp_path / "ledger.xlsx")
    assert (workbook.path, workbook.fmt, workbook.tables, workbook.rows) == (tmp_path / "ledger.xlsx", "xlsx", 8, 127)
    inside = book.dump(tmp_path, "xlsx")
    assert inside.path == tmp_path / "ledger.xlsx"
    with pytest.raises(ledger.LedgerError) as a_file:
        book.dump(tmp_path / "ledger.xlsx", "csv")
    assert str(a_file.value) == f"{tmp_path / 'ledger.xlsx'}: is a file; a CSV package is written to a folder"
    with pytest.raises(ledger.InvalidInput, match=r"^format: must be csv or xlsx, got 'ods'$"):
        book.dump(tmp_path / "x.ods", "ods")


def test_check_counts_held_and_failed_assertions_without_reading_text(istanbul: str) -> None:
    book = ledger.open(istanbul, actor="analyst")
    try:
        assert book.check() == operations.Checked(assertions=1, held=1, records=121, failures=[])
        book.add("assertion", {"key": "too-many", "as_of": "2025-06-16", "deliverer": "RUS", "receiver": "UKR",
                               "category": "bodies", "expected": 9999})  # fmt: skip
        found = book.check()
        assert (found.assertions, found.held, found.failed, found.records) == (2, 1, 1, 122)
        assert [(f.subject, f.message) for f in found.failures] == [
            ("assertion too-many", "expected 9,999 bodies RUS → UKR by 2025-06-16; the ledger has 6,057")
        ]
    finally:
        book.close()
    result = run(istanbul, "check")
    assert (result.exit_code, result.output.splitlines()[-1]) == (
        1, "1 of 2 assertions holds; 122 records checked against every rule: 1 problem."
    )  # fmt: skip


def test_verify_finds_the_journal_whole(book) -> None:
    verified = book.verify()
    assert (verified.entries, verified.records, verified.problems) == (8, 121, [])  # a batch entry per table
    assert len(verified.head) == 64


def test_reports_as_text_csv_sheet_workbook_and_chart_as_the_cli_writes_them(book, istanbul: str, tmp_path: Path):
    assert book.report_text("commitments", "md", since="2025-06") == ok(
        istanbul, "report", "commitments", "--since", "2025-06", "--format", "md"
    )
    assert book.report_text("fulfilment", "json") == ok(istanbul, "report", "fulfilment", "--format", "json")
    streamed = io.StringIO()
    book.report_csv("register", streamed, party="UKR")
    assert streamed.getvalue() == ok(istanbul, "report", "register", "--party", "UKR", "--format", "csv")
    book.report_csv("fulfilment", tmp_path / "f.csv", excel=True)
    assert (tmp_path / "f.csv").read_text(encoding="utf-8") == ok(
        istanbul, "report", "fulfilment", "--format", "csv", "--excel"
    )
    with pytest.raises(ledger.InvalidInput, match=r"^name: must be one of register, fulfilment, got 'timeline'$"):
        book.report_csv("timeline", io.StringIO())
    book.report_sheet("register", tmp_path / "register.xlsx")
    assert pd.read_excel(tmp_path / "register.xlsx").shape[0] == 48
    written = book.workbook(tmp_path / "all.xlsx", round="istanbul-2025-r2")
    assert (written.path, written.reports, written.charts) == (tmp_path / "all.xlsx", 6, 2)
    about = pd.read_excel(tmp_path / "all.xlsx", sheet_name="About", header=None, index_col=0)[1]
    assert (about["Database"], about["Filters"]) == (book.where, "round istanbul-2025-r2")
    assert book.charts() == ("returns", "fulfilment")
    book.chart("returns", tmp_path / "returns.svg")
    assert (tmp_path / "returns.svg").read_text(encoding="utf-8").startswith("<?xml")
    with pytest.raises(ledger.InvalidInput) as unknown:
        book.chart("pie", tmp_path / "pie.png")
    assert [(p.field, p.message) for p in unknown.value.problems] == [
        ("chart", "name the chart, one of returns, fulfilment, got 'pie'")
    ]
    with pytest.raises(ledger.LedgerError, match=r"^chart returns: nothing to draw with these filters$"):
        book.chart("returns", tmp_path / "none.png", party="TUR")
    with pytest.raises(ledger.InvalidInput, match=r"^format: must be one of table, csv, json, md, got 'html'$"):
        book.report_text("register", "html")


def test_roles_are_refused_on_sqlite_as_a_problem_of_roles(tmp_path: Path) -> None:
    ledger.Ledger.init(tmp_path / "ledger.db")
    book = ledger.open(tmp_path / "ledger.db")
    try:
        with pytest.raises(ledger.InvalidInput) as refused:
            book.grant_roles("ledger_reader", "ledger_editor")
    finally:
        book.close()
    assert [(p.field, p.message) for p in refused.value.problems] == [
        ("roles", "roles are for a PostgreSQL ledger; a SQLite file is protected by file permissions")
    ]


def test_library_messages_name_parameters_and_the_cli_names_options(istanbul: str) -> None:
    book = ledger.open(istanbul, actor="analyst")
    try:
        with pytest.raises(ledger.InvalidInput) as depended_on:
            book.void("round", "istanbul-2025-r3", "wrong round")
        assert str(depended_on.value).endswith(": void them first, or give `cascade`")
        with pytest.raises(ledger.InvalidInput) as period:
            book.transfers(since="2025-07", until="2025-06")
        assert str(period.value) == "until: must not be before `since`, got 2025-06-30 (`since` 2025-07-01)"
    finally:
        book.close()
    result = run(istanbul, "round", "void", "istanbul-2025-r3", "--reason", "wrong round")
    assert result.exit_code == 2 and result.stderr.endswith(": void them first, or give --cascade\n")


def test_the_cli_names_the_parameters_a_message_names_and_never_rewrites_what_the_user_typed(
    istanbul: str, tmp_path: Path
) -> None:
    """Only the parameters a library message names become options: a value the message quotes
    is printed as typed, even one that looks like a parameter in backticks."""
    stderr = refused(istanbul, "transfer", "list", "--category", "`since`")
    assert stderr == (
        "Error: --category: must be one of pow, civilian, child, hostage, detainee, bodies, other, got '`since`'\n"
    )
    stderr = refused(istanbul, "transfer", "list", "--since", "2025-07", "--until", "2025-06")
    assert stderr == "Error: --until: must not be before --since, got 2025-06-30 (--since 2025-07-01)\n"
    rounds = (ISTANBUL / "rounds.csv").read_text(encoding="utf-8").replace("Dolmabahçe Palace", "`update`", 1)
    (tmp_path / "rounds.csv").write_text(rounds, encoding="utf-8")
    result = run(istanbul, "load", str(tmp_path / "rounds.csv"))
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "rounds.csv:2: round istanbul-2025-r1: venue: Dolmabahçe Palace → `update`; "
        "it is already in the ledger: --update amends it\n"
    )


def test_roles_on_postgresql_are_their_sql_and_two_roles_are_needed(pg_db: str) -> None:
    book = ledger.open(pg_db)
    try:
        statements = book.grant_roles("api_reader", "api_editor", execute=False)
        assert statements[0] == (
            "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'api_reader') "
            "THEN CREATE ROLE api_reader LOGIN; END IF; END $$"
        )
        assert statements[-1] == "GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO api_editor"
        with pytest.raises(ledger.InvalidInput) as one_role:
            book.grant_roles("api_reader", "api_reader", execute=False)
        assert [(p.field, p.message) for p in one_role.value.problems] == [
            ("roles", "`reader` and `editor` must be two roles, got 'api_reader' for both")
        ]
    finally:
        book.close()


def _refusal(call, *args, **kwargs) -> str:
    with pytest.raises(ledger.LedgerError) as refused:
        call(*args, **kwargs)
    return str(refused.value)


def test_the_api_refuses_a_mistaken_argument_or_file_with_a_ledger_error(book, tmp_path: Path) -> None:
    """What the command line refuses with a one-line error, the library refuses with a
    LedgerError naming the argument or the file; never a TypeError or an OSError from deep inside."""
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    missing = tmp_path / "no-folder"
    assert _refusal(book.load, None) == "path: must be a file's path (text or a pathlib.Path), got None"
    assert _refusal(book.load, [1, 2]) == "path: give a package's path, or the tables `read_package` gave"
    assert _refusal(book.load, ISTANBUL, progress=5) == "progress: must be a function of the rows read, got 5"
    assert _refusal(book.read_package, ISTANBUL, encoding=5) == "encoding: must be the name of an encoding, got 5"
    assert _refusal(ledger.Ledger.init, None) == "url: must be a file's path (text or a pathlib.Path), got None"
    assert _refusal(book.dump, tmp_path / "a-file" / "out") == f"{tmp_path / 'a-file' / 'out'}: Not a directory"
    assert _refusal(book.workbook, tmp_path) == f"{tmp_path}: is a folder; give the file to write in it"
    assert _refusal(book.workbook, missing / "w.xlsx") == f"{missing}: is not a folder; create it first"
    assert _refusal(book.workbook, tmp_path / "w.csv") == (
        "path: the workbook is written to a file ending .xlsx, got 'w.csv'"
    )
    assert (
        _refusal(book.report_sheet, "fulfilment", missing / "f.xlsx") == f"{missing}: is not a folder; create it first"
    )
    assert _refusal(book.report_csv, "register", missing / "r.csv") == f"{missing}: is not a folder; create it first"
    assert _refusal(book.chart, "returns", tmp_path / "c.jpg") == (
        "path: a chart is written to a file ending .png or .svg, got 'c.jpg'"
    )
    assert (
        _refusal(book.chart, "returns", tmp_path / "c")
        == "path: a chart is written to a file ending .png or .svg, got 'c'"
    )
    assert _refusal(book.report_text, "fulfilment", filters="x") == (
        "filters: give a ledger.reports.Filters, or the filters by name, not both"
    )
    assert (
        _refusal(book.report_text, "fulfilment", width="80") == "width: must be a whole number of characters, got '80'"
    )
    assert _refusal(book.report_csv, "register", None) == "target: must be a file's path or a text stream, got None"
    written = sorted(path.name for path in tmp_path.iterdir() if not path.name.startswith("ledger.db"))
    assert written == ["a-file"]  # nothing was written beside the ledger
