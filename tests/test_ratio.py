"""Ratio obligations ("30 prisoners per civilian hostage") and deadlines given as durations from
the round (`P42D`, `PT72H`): the rules, the allocation, the reports, packages and the journal,
through the command line and the library, on every engine."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import ledger

from conftest import ok, refused, run, sql

SETUP = [
    ("party", "add", "HAM", "--name", "Hamas", "--kind", "group"),
    ("party", "add", "ISR", "--name", "Israel"),
    ("process", "add", "gaza-2025", "--name", "Gaza ceasefire"),
    ("round", "add", "gaza-2025-r1", "--process", "gaza-2025", "--number", "1", "--start", "2025-01-19",
     "--party", "ISR", "--party", "HAM"),
    ("term", "add", "hc", "--round", "gaza-2025-r1", "--category", "hostage", "--obligation", "HAM:ISR:29"),
    ("term", "add", "hs", "--round", "gaza-2025-r1", "--category", "hostage", "--obligation", "HAM:ISR:4"),
    ("term", "add", "pc", "--round", "gaza-2025-r1", "--category", "detainee", "--obligation", "ISR:HAM:30",
     "--basis", "ratio", "--per", "hc"),
    ("term", "add", "ps", "--round", "gaza-2025-r1", "--category", "detainee", "--obligation", "ISR:HAM:50",
     "--basis", "ratio", "--per", "hs"),
]  # fmt: skip

# The issue's transfers: (key, date, from, to, category, count, terms).
TRANSFERS = [
    ("t1", "2025-01-19", "HAM", "ISR", "hostage", "3", ["hc"]),
    ("t2", "2025-01-20", "ISR", "HAM", "detainee", "90", ["pc"]),
    ("t3", "2025-01-25", "HAM", "ISR", "hostage", "4", ["hs"]),
    ("t4", "2025-01-25", "ISR", "HAM", "detainee", "200", ["ps"]),
    ("t5", "2025-02-01", "HAM", "ISR", "hostage", "3", ["hc:2", "hs:1"]),
    ("t6", "2025-02-01", "ISR", "HAM", "detainee", "110", ["pc:60", "ps:50"]),
]

HEADER = (
    "term,round,category,deliverer,receiver,basis,committed,delivered,undisclosed,outstanding,due,overdue,excess,"
    "fulfilled_pct,score,first_transfer,last_transfer\n"
)
EXAMPLE = HEADER + (
    "hc,gaza-2025-r1,hostage,HAM,ISR,exact,29,5,0,24,,,0,17.2,1,2025-01-19,2025-02-01\n"
    "hs,gaza-2025-r1,hostage,HAM,ISR,exact,4,5,0,0,,,1,125.0,3,2025-01-25,2025-02-01\n"
    "pc,gaza-2025-r1,detainee,ISR,HAM,ratio,150,150,0,0,,,0,100.0,3,2025-01-20,2025-02-01\n"
    "ps,gaza-2025-r1,detainee,ISR,HAM,ratio,250,250,0,0,,,0,100.0,3,2025-01-25,2025-02-01\n"
)


def _transfer(db: str, key: str, date: str, by: str, to: str, category: str, count: str, terms: list[str]) -> None:
    args = ["transfer", "add", key, "--date", date, "--from", by, "--to", to, "--category", category]
    ok(db, *args, "--count", count, *(a for t in terms for a in ("--term", t)))


@pytest.fixture
def example(db: str) -> str:
    """The issue's example, entered at the command line."""
    for args in SETUP:
        ok(db, *args)
    for transfer in TRANSFERS:
        _transfer(db, *transfer)
    return db


def _fulfilment(db: str, *filters: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(ok(db, "report", "fulfilment", "--format", "csv", *filters))))


# the issue's example


def test_the_example_gives_exactly_the_issues_figures(example: str) -> None:
    assert ok(example, "report", "fulfilment", "--format", "csv") == EXAMPLE
    _transfer(example, "t7", "2025-02-08", "ISR", "HAM", "detainee", "20", ["pc"])
    pc = next(r for r in _fulfilment(example) if r["term"] == "pc")
    assert (pc["committed"], pc["delivered"], pc["outstanding"], pc["excess"], pc["score"]) == (
        "150", "170", "0", "20", "3",
    )  # fmt: skip


def test_the_example_through_the_library(db: str) -> None:
    book = ledger.open(db)
    try:
        book.add("party", {"code": "HAM", "name": "Hamas", "kind": "group"})
        book.add("party", {"code": "ISR", "name": "Israel"})
        book.add("process", {"key": "gaza-2025", "name": "Gaza ceasefire"})
        book.add("round", {"key": "gaza-2025-r1", "process": "gaza-2025", "number": 1,
                           "start_date": "2025-01-19", "parties": ["ISR", "HAM"]})  # fmt: skip
        for key, quantity in (("hc", 29), ("hs", 4)):
            owed = [{"deliverer": "HAM", "receiver": "ISR", "quantity": quantity}]
            book.add("term", {"key": key, "round": "gaza-2025-r1", "category": "hostage", "obligations": owed})
        for key, quantity, base in (("pc", 30, "hc"), ("ps", 50, "hs")):
            owed = [{"deliverer": "ISR", "receiver": "HAM", "quantity": quantity, "basis": "ratio", "per": base}]
            book.add("term", {"key": key, "round": "gaza-2025-r1", "category": "detainee", "obligations": owed})
        for key, date, by, to, category, count, terms in TRANSFERS:
            book.add("transfer", {"key": key, "date": date, "deliverer": by, "receiver": to, "category": category,
                                  "count": int(count), "terms": ";".join(terms)})  # fmt: skip
        frame = book.report("fulfilment").set_index("term")
        assert frame.loc["hc", ["committed", "delivered", "fulfilled_pct", "score"]].tolist() == [29, 5, 17.2, 1]
        assert frame.loc["pc", ["committed", "delivered", "score"]].tolist() == [150, 150, 3]
        assert frame.loc["ps", ["committed", "delivered", "score"]].tolist() == [250, 250, 3]
        obligations = book.records("term", category="detainee")[0]["obligations"]
        assert obligations == [{"deliverer": "ISR", "receiver": "HAM", "quantity": 30, "basis": "ratio", "per": "hc"}]
    finally:
        book.close()


def test_committed_counts_what_the_base_delivered_up_to_until(example: str) -> None:
    before = {r["term"]: r for r in _fulfilment(example, "--until", "2025-01-31")}
    assert (before["pc"]["committed"], before["pc"]["delivered"]) == ("90", "90")  # 30 × 3 hostages by then
    assert (before["ps"]["committed"], before["ps"]["delivered"], before["ps"]["score"]) == ("200", "200", "3")
    # Before the base delivered anyone, a ratio commits nothing yet: no percentage and no score.
    early = {r["term"]: r for r in _fulfilment(example, "--until", "2025-01-24")}
    assert (early["ps"]["committed"], early["ps"]["fulfilled_pct"], early["ps"]["score"]) == ("0", "", "")


def test_the_other_filters_do_not_narrow_the_base(example: str) -> None:
    only = _fulfilment(example, "--category", "detainee", "--since", "2025-01-25")
    assert [(r["term"], r["committed"], r["delivered"]) for r in only] == [("pc", "150", "60"), ("ps", "250", "250")]
    assert [r["term"] for r in _fulfilment(example, "--party", "ISR", "--category", "detainee")] == ["pc", "ps"]


def test_a_ratio_takes_only_explicit_allocations(example: str) -> None:
    _transfer(example, "t8", "2025-02-08", "ISR", "HAM", "detainee", "15", [])
    rows = _fulfilment(example)
    assert [(r["term"], r["delivered"]) for r in rows if r["receiver"] == "HAM"] == [
        ("pc", "150"), ("ps", "250"), ("", "15"),
    ]  # fmt: skip
    # Named without counts, a ratio takes what is left (here all of it), as `all` does.
    _transfer(example, "t9", "2025-02-09", "ISR", "HAM", "detainee", "7", ["pc", "ps"])
    assert [r["delivered"] for r in _fulfilment(example) if r["term"] in ("pc", "ps")] == ["157", "250"]


def test_the_commitments_report_reads_a_ratio_and_totals_it_as_derived(example: str) -> None:
    out = ok(example, "report", "commitments", "--format", "csv")
    assert out == (
        "category,deliverer,receiver,criteria,gaza-2025-r1,change\n"
        "hostage,HAM,ISR,any,29 + 4,only gaza-2025-r1\n"
        "detainee,ISR,HAM,any,30 per hc + 50 per hs,only gaza-2025-r1\n"
    )
    table = ok(example, "report", "commitments")
    assert "ISR → HAM  living  400" in table  # 30 × 5 + 50 × 5
    assert "HAM → ISR  living  33" in table
    view = ok(example, "report", "fulfilment")
    assert "pc    ISR   HAM  150        150" in view
    # As derived by --until: 30 × 3 + 50 × 4 by the end of January.
    assert "ISR → HAM  living  290" in ok(example, "report", "commitments", "--until", "2025-01-31")


def test_a_ratio_lists_as_so_many_per_its_base(example: str) -> None:
    listed = ok(example, "term", "list", "--category", "detainee", "--format", "csv")
    assert listed.splitlines()[1].startswith("pc,gaza-2025-r1,detainee,ISR,HAM,30,ratio,hc,")
    assert "30 per hc" in ok(example, "term", "list", "--category", "detainee")


# refusals


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--obligation", "ISR:HAM:30", "--basis", "ratio", "--per", "nope"), "--per: unknown term 'nope'"),
        (("--obligation", "ISR:HAM:30", "--basis", "ratio", "--per", "gone"), "--per: term 'gone' is voided"),
        (("--obligation", "ISR:HAM:30", "--basis", "ratio", "--per", "x"),
         "--per: a ratio cannot count per its own term 'x'"),
        (("--obligation", "HAM:ISR:30", "--basis", "ratio", "--per", "hc"),
         "--per: term 'hc' has no obligation from ISR to HAM, the opposite direction, to count per"),
        (("--obligation", "ISR:HAM:30", "--per", "hc"),
         "--per: names the base term of a ratio: give it with basis ratio, got basis 'exact'"),
        (("--obligation", "ISR:HAM:30", "--basis", "ratio"),
         "--per: is required with basis ratio: the term whose deliveries the quantity is per"),
        (("--obligation", "ISR:HAM:0", "--basis", "ratio", "--per", "hc"),
         "--obligation: must be a whole number ≥ 1, got '0'"),
        (("--obligation", "ISR:HAM:1.5", "--basis", "ratio", "--per", "hc"),
         "--obligation: must be a whole number ≥ 1, got '1.5'"),
        (("--obligation", "ISR:HAM:", "--basis", "ratio", "--per", "hc"),
         "--obligation: is required with basis ratio: how many for each person the base term delivered"),
        (("--obligation", "ISR:HAM:10001", "--basis", "ratio", "--per", "hc"),  # totals would wrap round below 0
         "--obligation: must be at most 10,000 for each person the base term delivered, got '10001'"),
        (("--obligation", "ISR:HAM:all", "--basis", "ratio", "--per", "hc"),  # one problem, not a second on --per
         "--basis: must be \"all\" when the quantity is \"all\", got 'ratio'"),
    ],
)  # fmt: skip
def test_a_ratio_that_cannot_be_counted_is_refused(example: str, args: tuple[str, ...], message: str) -> None:
    term = ("term", "add", "x", "--round", "gaza-2025-r1", "--category", "detainee")
    ok(example, "term", "add", "gone", *term[3:5], "--category", "hostage", "--obligation", "HAM:ISR:1")
    ok(example, "term", "void", "gone", "--reason", "withdrawn from the draft")
    assert refused(example, *term, *args) == f"Error: {message}\n"


def test_ratios_counting_per_each_other_in_a_cycle_are_refused(db: str) -> None:
    for args in SETUP[:4]:
        ok(db, *args)
    term = ("term", "add", "--round", "gaza-2025-r1", "--category", "detainee", "--each")
    ok(db, *term[:2], "hc", *term[2:], "2")
    ok(db, *term[:2], "pc", *term[2:], "3", "--basis", "ratio", "--per", "hc")
    ok(db, *term[:2], "back", *term[2:], "4", "--basis", "ratio", "--per", "pc")
    amend = ("term", "amend", "hc", "--basis", "ratio", "--per", "back", "--reason", "test")
    assert refused(db, *amend) == "Error: --per: ratios cannot count per each other in a cycle: hc → back → pc → hc\n"


def test_a_base_cannot_be_voided_or_amended_away_from_its_ratio(example: str) -> None:
    assert refused(example, "term", "void", "hc", "--reason", "test") == (
        "Error: KEY: 3 live records depend on term hc (term pc, transfer t1, transfer t5): void them first, "
        "or give --cascade\n"
    )
    amended = refused(example, "term", "amend", "hc", "--obligation", "ISR:HAM:29", "--reason", "test")
    assert amended == (
        "Error: --obligation: term pc: per: term 'hc' has no obligation from HAM to ISR, the opposite direction, "
        "to count per\n"
        "Error: --obligation: transfer t1: terms: term 'hc' has no obligation from HAM to ISR\n"
        "Error: --obligation: transfer t5: terms: term 'hc' has no obligation from HAM to ISR\n"
    )
    # A change the ratio does not read is made, and the ratio counts it.
    assert ok(example, "term", "amend", "hc", "--obligation", "HAM:ISR:30", "--reason", "test").startswith("Amended")
    ratio = ("--obligation", "ISR:HAM:20", "--basis", "ratio", "--per", "hc")
    assert ok(example, "term", "amend", "pc", *ratio, "--reason", "test") == (
        "Amended term pc: obligations: ISR→HAM 30 ratio per hc → ISR→HAM 20 ratio per hc.\n"
    )
    pc = next(r for r in _fulfilment(example) if r["term"] == "pc")
    assert (pc["committed"], pc["delivered"]) == ("100", "150")  # 20 for each of the 5 hostages
    assert ok(example, "term", "amend", "pc", "--per", "hs", "--reason", "test") == (
        "Amended term pc: obligations: ISR→HAM 20 ratio per hc → ISR→HAM 20 ratio per hs.\n"
    )
    # Made another basis, a ratio loses its base.
    assert ok(example, "term", "amend", "pc", "--basis", "exact", "--reason", "test") == (
        "Amended term pc: obligations: ISR→HAM 20 ratio per hs → ISR→HAM 20 exact.\n"
    )
    assert ok(example, "term", "void", "hc", "--reason", "test", "--cascade").startswith("Voided")


# packages and the journal


def _package(folder: Path, terms: str) -> Path:
    folder.mkdir()
    (folder / "parties.csv").write_text("code,name,kind\nHAM,Hamas,group\nISR,Israel,state\n", encoding="utf-8")
    (folder / "processes.csv").write_text("key,name\ngaza-2025,Gaza ceasefire\n", encoding="utf-8")
    (folder / "rounds.csv").write_text(
        "key,process,number,start_date,parties\ngaza-2025-r1,gaza-2025,1,2025-01-19,ISR;HAM\n", encoding="utf-8"
    )
    (folder / "terms.csv").write_text(terms, encoding="utf-8")
    return folder


# The ratio before its base, in the file and in the order a dump writes terms (by key).
TERMS = (
    "term,round,category,deliverer,receiver,quantity,basis,per,deadline\n"
    "detainees,gaza-2025-r1,detainee,ISR,HAM,30,ratio,hostages,P42D\n"
    "hostages,gaza-2025-r1,hostage,HAM,ISR,29,exact,,PT72H\n"
)


def test_a_package_may_name_a_base_later_in_the_file_and_round_trips(db: str, fresh_db: str, tmp_path: Path) -> None:
    ok(db, "load", str(_package(tmp_path / "in", TERMS)))
    assert ok(db, "verify").startswith("Verified")
    ok(db, "dump", str(tmp_path / "dump"))
    dumped = (tmp_path / "dump" / "terms.csv").read_text(encoding="utf-8")
    assert dumped.splitlines()[1:] == [
        "detainees,gaza-2025-r1,detainee,ISR,HAM,30,ratio,hostages,,,,agreed,,P42D,,",
        "hostages,gaza-2025-r1,hostage,HAM,ISR,29,exact,,,,,agreed,,PT72H,,",
    ]
    ok(fresh_db, "load", str(tmp_path / "dump"))
    ok(fresh_db, "dump", str(tmp_path / "again"))
    for path in (tmp_path / "dump").iterdir():
        assert (tmp_path / "again" / path.name).read_bytes() == path.read_bytes(), path.name


def test_a_cycle_in_a_package_is_refused_naming_it(db: str, tmp_path: Path) -> None:
    terms = (
        "term,round,category,deliverer,receiver,quantity,basis,per\n"
        "a,gaza-2025-r1,detainee,ISR,HAM,30,ratio,b\nb,gaza-2025-r1,hostage,HAM,ISR,2,ratio,a\n"
    )
    folder = _package(tmp_path / "in", terms)
    result = run(db, "load", str(folder))
    assert result.exit_code == 2
    assert "terms.csv:2: per: ratios cannot count per each other in a cycle: a → b → a\n" in result.stderr
    assert "terms.csv:3: per: ratios cannot count per each other in a cycle: b → a → b\n" in result.stderr
    assert ok(db, "term", "list", "--format", "csv").count("\n") == 1  # the header alone: nothing was loaded


def test_a_terms_journal_state_names_its_base_only_when_it_has_one(example: str) -> None:
    assert ok(example, "verify").startswith("Verified")
    assert ok(example, "check") == "0 of 0 assertions hold; 14 records checked against every rule: all pass.\n"
    from sqlalchemy import create_engine, text

    from ledger.config import normalise_url

    engine = create_engine(normalise_url(example))
    try:
        with engine.connect() as connection:
            found = dict(connection.execute(text("SELECT key, state FROM journal WHERE entity = 'term'")).all())
    finally:
        engine.dispose()
    assert json.loads(found["hc"])["obligations"] == [
        {"basis": "exact", "deliverer": "HAM", "quantity": "29", "receiver": "ISR"}
    ]
    assert json.loads(found["pc"])["obligations"] == [
        {"basis": "ratio", "deliverer": "ISR", "per": "hc", "quantity": "30", "receiver": "HAM"}
    ]


def test_verify_finds_a_base_changed_behind_the_ledgers_back(example: str) -> None:
    sql(example, "UPDATE obligation SET per_id = (SELECT id FROM term WHERE key = 'hs') WHERE basis = 'ratio' "
                 "AND term_id = (SELECT id FROM term WHERE key = 'pc')")  # fmt: skip
    result = run(example, "verify")
    assert result.exit_code == 1
    assert "term pc" in result.output


# deadlines


def _deadlines(db: str) -> None:
    for args in SETUP[:4]:
        ok(db, *args)
    term = ("term", "add", "--round", "gaza-2025-r1", "--category", "hostage", "--obligation")
    ok(db, *term[:2], "living", *term[2:], "HAM:ISR:33", "--deadline", "P42D")
    ok(db, *term[:2], "first", *term[2:], "HAM:ISR:3", "--deadline", "PT72H")
    ok(db, *term[:2], "dated", *term[2:], "HAM:ISR:5", "--deadline", "2025-02")
    ok(db, *term[:2], "open", *term[2:], "HAM:ISR:7")
    _transfer(db, "t1", "2025-01-19", "HAM", "ISR", "hostage", "3", ["first"])
    _transfer(db, "t2", "2025-01-25", "HAM", "ISR", "hostage", "4", ["living"])


@pytest.mark.parametrize(
    ("deadline", "message"),
    [
        ("P1M", "months and years are ambiguous (their length depends on when they start): give days or weeks, "
                "such as P42D or P6W, got 'P1M'"),
        ("P1Y", "months and years are ambiguous (their length depends on when they start): give days or weeks, "
                "such as P42D or P6W, got 'P1Y'"),
        ("P3654D", "must be at most 3653 days (ten years), got 'P3654D'"),
        ("P0D", "must be longer than zero: a deadline on the round's first day is its date, got 'P0D'"),
        ("PT0H", "must be longer than zero: a deadline on the round's first day is its date, got 'PT0H'"),
        ("P0DT0H", "must be longer than zero: a deadline on the round's first day is its date, got 'P0DT0H'"),
        ("p42d", "must be a date YYYY-MM-DD or YYYY-MM, or a duration from the round's start in days, weeks or "
                 "hours (P42D, P6W, PT72H, P3DT12H), got 'p42d'"),
        ("P\u0664\u0662D", "must be a date YYYY-MM-DD or YYYY-MM, or a duration from the round's start in days, "
                             "weeks or hours (P42D, P6W, PT72H, P3DT12H), got 'P\u0664\u0662D'"),
        ("P2DT", "must be a date YYYY-MM-DD or YYYY-MM, or a duration from the round's start in days, weeks or "
                 "hours (P42D, P6W, PT72H, P3DT12H), got 'P2DT'"),
        ("2025-01-01", "2025-01-01 is before round 'gaza-2025-r1' began (2025-01-19)"),
    ],
)  # fmt: skip
def test_a_deadline_that_cannot_be_read_is_refused(db: str, deadline: str, message: str) -> None:
    for args in SETUP[:4]:
        ok(db, *args)
    term = ("term", "add", "x", "--round", "gaza-2025-r1", "--category", "hostage", "--obligation", "HAM:ISR:1")
    assert refused(db, *term, "--deadline", deadline) == f"Error: --deadline: {message}\n"


def test_a_duration_needs_a_round_with_a_start(db: str) -> None:
    for args in SETUP[:3]:
        ok(db, *args)
    ok(db, "round", "add", "later", "--process", "gaza-2025", "--number", "2", "--party", "ISR", "--party", "HAM")
    term = ("term", "add", "x", "--round", "later", "--category", "hostage", "--obligation", "HAM:ISR:1")
    assert refused(db, *term, "--deadline", "P42D") == (
        "Error: --deadline: P42D counts from the round's start, and round 'later' has no start_date\n"
    )


def test_a_zero_deadline_a_ledger_already_holds_still_reports(db: str) -> None:
    _deadlines(db)  # one written before zero was refused, as an older ledger holds it
    sql(db, "UPDATE term SET deadline_duration = 'P0D' WHERE key = 'open'")
    rows = {r["term"]: (r["due"], r["overdue"]) for r in _fulfilment(db, "--until", "2025-01-20")}
    assert rows["open"] == ("2025-01-19", "True")
    assert refused(db, "term", "amend", "open", "--deadline", "PT0H", "--reason", "r") == (
        "Error: --deadline: must be longer than zero: a deadline on the round's first day is its date, got 'PT0H'\n"
    )


def test_fulfilment_has_the_due_day_and_whether_it_is_overdue(db: str) -> None:
    _deadlines(db)
    rows = {r["term"]: (r["outstanding"], r["due"], r["overdue"]) for r in _fulfilment(db, "--until", "2025-02-15")}
    assert rows == {
        "dated": ("5", "2025-02", "False"),  # due by the end of February
        "first": ("0", "2025-01-22", "False"),  # 72 hours from the round's first day; all delivered
        "living": ("29", "2025-03-02", "False"),  # 42 days
        "open": ("7", "", ""),
    }
    late = {r["term"]: r["overdue"] for r in _fulfilment(db, "--until", "2025-03-03")}
    assert late == {"dated": "True", "first": "False", "living": "True", "open": ""}


def test_the_deadlines_report_lists_what_is_due_soonest_first(db: str) -> None:
    _deadlines(db)
    assert ok(db, "report", "deadlines", "--until", "2025-03-01", "--format", "csv") == (
        "due,overdue,days_left,term,round,category,deliverer,receiver,basis,committed,delivered,outstanding\n"
        "2025-02,True,-1,dated,gaza-2025-r1,hostage,HAM,ISR,exact,5,0,5\n"
        "2025-03-02,False,1,living,gaza-2025-r1,hostage,HAM,ISR,exact,33,4,29\n"
    )
    assert ok(db, "report", "deadlines", "--until", "2025-03-01") == (
        "Deadlines: what is due or overdue as of 2025-03-01, soonest first\n\n"
        "due         late     days  term    from  to   committed  delivered  short\n"
        "----------  -------  ----  ------  ----  ---  ---------  ---------  -----\n"
        "2025-02     overdue  -1    dated   HAM   ISR  5          0          5\n"
        "2025-03-02           1     living  HAM   ISR  33         4          29\n"
    )
    book = ledger.open(db)
    try:
        frame = book.report("deadlines", until="2025-03-01", party="HAM")
        assert frame["term"].tolist() == ["dated", "living"]
        assert frame["overdue"].tolist() == [True, False]
        assert frame["days_left"].tolist() == [-1, 1]
    finally:
        book.close()
    assert ok(db, "report", "deadlines", "--until", "2025-03-01", "--category", "detainee", "--format", "csv") == (
        "due,overdue,days_left,term,round,category,deliverer,receiver,basis,committed,delivered,outstanding\n"
    )


def test_the_workbook_has_a_deadlines_sheet(db: str, tmp_path: Path) -> None:
    _deadlines(db)
    out = ok(db, "report", "workbook", "-o", str(tmp_path / "book.xlsx"), "--until", "2025-03-01")
    assert out == f"Wrote the workbook to {tmp_path / 'book.xlsx'} (6 reports, 2 charts).\n"
    import openpyxl

    sheet = openpyxl.load_workbook(tmp_path / "book.xlsx")["Deadlines"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert [r[3] for r in rows if r[3] in ("dated", "living")] == ["dated", "living"]


def test_the_workbook_and_chart_show_a_ratio_as_derived(example: str, tmp_path: Path) -> None:
    ok(example, "report", "workbook", "-o", str(tmp_path / "book.xlsx"))
    import openpyxl

    sheet = openpyxl.load_workbook(tmp_path / "book.xlsx")["Committed vs delivered"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[1:] == [["hc HAM→ISR", 29, 5], ["hs HAM→ISR", 4, 5], ["pc ISR→HAM", 150, 150], ["ps ISR→HAM", 250, 250]]


def test_a_claim_may_dispute_a_ratios_base(example: str) -> None:
    ok(example, "source", "add", "s1", "--publisher", "A paper")
    ok(example, "claim", "add", "--subject", "term:pc", "--field", "per", "--value", "hs", "--source", "s1")
    ok(example, "claim", "add", "--subject", "term:pc", "--field", "quantity", "--value", "30 per hc", "--source", "s1")
    rows = list(csv.DictReader(io.StringIO(ok(example, "report", "discrepancies", "--format", "csv"))))
    assert [(r["subject"], r["field"], r["recorded"], r["values"]) for r in rows] == [("term:pc", "per", "hc", "2")]
