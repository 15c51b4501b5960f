"""The rules and value types on their own, without a database."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ledger import domain, rules
from ledger.domain import PartialDate, ValueProblem


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2999, 12, 31)), st.sampled_from(["day", "month"]))
def test_a_partial_date_reads_back_what_it_writes(day: dt.date, precision: str) -> None:
    value = PartialDate(day if precision == "day" else day.replace(day=1), precision)  # type: ignore[arg-type]
    assert PartialDate.parse(str(value)) == value
    assert value.first <= value.last
    assert value.first.month == value.last.month


def test_month_precision_spans_the_month() -> None:
    june = PartialDate.parse("2025-06")
    assert (june.first, june.last) == (dt.date(2025, 6, 1), dt.date(2025, 6, 30))
    assert PartialDate.parse("2024-02").last == dt.date(2024, 2, 29)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2025-02-30", "is not a real date, got '2025-02-30'"),
        ("2025-00", "is not a real date, got '2025-00'"),
        ("25-05-23", "must be a date YYYY-MM-DD or YYYY-MM, got '25-05-23'"),
        ("2025-5-23", "must be a date YYYY-MM-DD or YYYY-MM, got '2025-5-23'"),
        ("", "must be a date YYYY-MM-DD or YYYY-MM, got ''"),
    ],
)
def test_bad_dates(text: str, message: str) -> None:
    with pytest.raises(ValueProblem, match=f"^{message}$"):
        PartialDate.parse(text)


@given(st.integers(min_value=0, max_value=10**9))
def test_counts_read_back(number: int) -> None:
    assert domain.parse_count(str(number)) == number
    assert domain.parse_whole(f" {number} ") == number


@pytest.mark.parametrize("text", ["-1", "1.0", "1,000", "1e3", "١٢", "", "ten"])
def test_counts_that_are_refused(text: str) -> None:
    with pytest.raises(ValueProblem):
        domain.parse_count(text)


def test_undisclosed_is_not_zero() -> None:
    assert domain.parse_count("undisclosed") is None
    assert domain.parse_count("0") == 0


def test_how_a_quantity_reads() -> None:
    assert domain.format_quantity(1000, "exact") == "1000"
    assert domain.format_quantity(1000, "at-least") == "≥1000"
    assert domain.format_quantity(None, "all") == "all"


class OneRound(rules.EmptyCatalog):
    """A ledger with UKR, RUS and round r1 of process p, started 2025-05-16."""

    def party_id(self, code: str) -> int | None:
        return {"UKR": 1, "RUS": 2}.get(code)

    def round_info(self, key: str) -> rules.RoundInfo | None:
        if key != "r1":
            return None
        return rules.RoundInfo(1, 1, 1, dt.date(2025, 5, 16), ("UKR", "RUS"), frozenset({"UKR", "RUS"}))


def test_each_expands_to_one_obligation_per_direction() -> None:
    record, problems = rules.check_term({"key": "t", "round": "r1", "category": "bodies", "each": "6000"}, OneRound())
    assert problems == []
    assert [(o.deliverer_id, o.receiver_id, o.quantity, o.basis) for o in record.obligations] == [
        (1, 2, 6000, "exact"),
        (2, 1, 6000, "exact"),
    ]


def test_a_list_cell_reads_like_repeated_options() -> None:
    catalog = OneRound()
    from_cell, _ = rules.check_party({"code": "TUR", "name": "Türkiye", "aliases": "Türkiye; Turkey"}, catalog)
    from_options, _ = rules.check_party({"code": "TUR", "name": "Türkiye", "aliases": ["Türkiye", "Turkey"]}, catalog)
    assert from_cell.aliases == from_options.aliases == ["Türkiye", "Turkey"]


def test_every_problem_of_a_record_is_reported() -> None:
    _, problems = rules.check_transfer(
        {"key": "bad key", "date": "2025-13-01", "deliverer": "UKR", "receiver": "UKR", "category": "x", "count": "-1"},
        OneRound(),
    )
    assert [p.field for p in problems] == ["key", "date", "receiver", "category", "count"]


class TwoTerms(OneRound):
    """OneRound with sources s1 and s2, ICRC, transfer t-old, and terms: pow (both ways) and bodies (RUS to UKR)."""

    def party_id(self, code: str) -> int | None:
        return {"UKR": 1, "RUS": 2, "ICRC": 3}.get(code)

    def source_id(self, key: str) -> int | None:
        return {"s1": 1, "s2": 2}.get(key)

    def exists(self, entity: str, key: str) -> bool:
        return (entity, key) == ("transfer", "t-old")

    def term_info(self, key: str) -> rules.TermInfo | None:
        directions = {"pow": frozenset({("UKR", "RUS"), ("RUS", "UKR")}), "bodies": frozenset({("RUS", "UKR")})}
        if key not in directions:
            return None
        return rules.TermInfo(10 + len(key), "r1", self.round_info("r1"), directions[key])  # type: ignore[arg-type]


# Each field's values that pass (most rows) and that do not (a few fields of a few rows).
TRANSFER_CELLS = {
    "key": (["t1", "t2", " t3 "], ["", "bad key", "t-old", "t4\n", "\rt5"]),
    "date": (["2025-05-23", "2025-05"], ["2025-04", "2025-13-01", "", " 2025-06-01 ", "2025-06-01\n"]),
    "deliverer": (["RUS", "UKR"], ["XXX", "", "ICRC"]),
    "receiver": (["UKR", "RUS"], ["XXX", "", " UKR"]),
    "category": (["pow", "civilian", "bodies"], ["nope", ""]),
    "count": (["390", "0", "undisclosed", " 7 "], ["-1", "1,000", "", "Undisclosed"]),
    "terms": (["", "pow", "pow:5", "bodies"], ["pow;pow", "pow:x", "nope", "pow:0", "pow:500", "pow;bodies"]),
    "exchange": (["", "x1", " x2 "], ["bad x", "x1\n"]),
    "intermediaries": (["", "ICRC"], ["ICRC;ICRC", "RUS", "UKR", "XXX"]),
    "location": (["", "Belarus", "  ", "Minsk\nBelarus"], []),
    "sources": (["s1", "s1;s2", ""], ["s1;s1", "s9"]),
    "notes": (["", "a note", " ", " two\nlines "], []),
}


@st.composite
def transfer_rows(draw: st.DrawFn) -> dict[str, str]:
    row = {name: draw(st.sampled_from(good)) for name, (good, _) in TRANSFER_CELLS.items()}
    for name in draw(st.lists(st.sampled_from([n for n, (_, bad) in TRANSFER_CELLS.items() if bad]), max_size=2)):
        row[name] = draw(st.sampled_from(TRANSFER_CELLS[name][1]))
    return row


ROW = {name: good[0] for name, (good, _) in TRANSFER_CELLS.items()}


@settings(max_examples=500)
@given(st.lists(transfer_rows(), max_size=12))
@example([{**ROW, "terms": "pow:5"}, {**ROW, "key": "t2", "terms": "pow:5", "count": "0"}])  # a count a term outgrows
@example([ROW, {**ROW, "key": "t2", "intermediaries": "UKR"}])  # the receiver as its own intermediary
def test_the_load_checker_gives_what_check_transfer_gives(rows: list[dict[str, str]]) -> None:
    # One checker over many rows, as a load uses it: what it remembers from one row must not
    # change the verdict or a message on another. `ledger check` uses one on stored records.
    catalog = TwoTerms()
    checker, amending = rules.TransferChecker(catalog), rules.TransferChecker(catalog, amending=True)
    for row in rows:
        assert checker(row) == rules.check_transfer(row, catalog)
        assert amending(row) == rules.check_transfer(row, catalog, amending=True)


def test_the_load_checker_reads_a_list_given_from_python_as_check_transfer_does() -> None:
    catalog = TwoTerms()
    row = {**ROW, "sources": ["s1", "s2"], "intermediaries": ["ICRC"], "terms": ["pow:5"]}
    record, problems = rules.TransferChecker(catalog)(row)
    assert problems == [] and record is not None
    assert (record.source_ids, record.intermediary_ids, record.allocations) == ([1, 2], [3], [(13, 5)])
    assert (record, problems) == rules.check_transfer(row, catalog)


def test_a_record_that_breaks_a_rule_is_none_never_filled_with_placeholders() -> None:
    catalog = TwoTerms()
    broken = {"key": "t9", "date": "", "deliverer": "XXX", "receiver": "UKR", "category": "pow", "count": "5"}
    for check in (rules.check_transfer, rules.TransferChecker(catalog)):
        record, problems = check(broken, catalog) if check is rules.check_transfer else check(broken)
        assert record is None and [p.field for p in problems] == ["date", "deliverer"]
    assert rules.check_assertion({"key": "a1"}, catalog)[0] is None
    assert rules.check_reason("  ") == (None, [rules.Problem("reason", rules.check_reason(None)[1][0].message)])


def test_a_clean_record_is_frozen() -> None:
    import dataclasses

    record, problems = rules.check_party({"code": "TUR", "name": "Türkiye"}, OneRound())
    assert problems == [] and record is not None
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.name = "Turkey"  # type: ignore[misc]


def test_the_load_checker_replays_a_problem_a_row_listed_once_for_two_readings() -> None:
    # "pow:x" and "bodies:x" have the same problem: listed once in the first row, it must still
    # be found for "bodies:x" alone in the next.
    catalog = TwoTerms()
    checker = rules.TransferChecker(catalog)
    rows = [{**ROW, "terms": "pow:x;bodies:x"}, {**ROW, "key": "t2", "terms": "bodies:x"}, {**ROW, "key": "t3"}]
    for row in rows:
        assert checker(row) == rules.check_transfer(row, catalog)
    assert checker({**ROW, "key": "t4", "terms": "bodies:x"})[0] is None
