"""Transfers, claims and assertions at the command line: entry, filters and every refusal."""

from __future__ import annotations

import json

import pytest

from conftest import ok, prebuilt, refused, run

ADD = ["transfer", "add"]


@prebuilt("swaps", on="round1")
def swaps(round1: str) -> None:
    """The three round 1 swaps as the record gives them, and an undisclosed round 2 stage."""
    ok(
        round1,
        *ADD,
        "2025-05-23-rus-ukr-pow",
        "--date",
        "2025-05-23",
        "--from",
        "RUS",
        "--to",
        "UKR",
        "--category",
        "pow",
        "--count",
        "270",
        "--term",
        "r1-pow-exchange",
        "--exchange",
        "2025-05-23",
        "--source",
        "pravda-7513734",
    )
    ok(
        round1,
        *ADD,
        "2025-05-23-rus-ukr-civ",
        "--date",
        "2025-05-23",
        "--from",
        "RUS",
        "--to",
        "UKR",
        "--category",
        "civilian",
        "--count",
        "120",
        "--term",
        "r1-pow-exchange",
        "--exchange",
        "2025-05-23",
        "--source",
        "pravda-7513734",
        "--note",
        "civilians counted in the 1,000",
    )
    ok(
        round1,
        *ADD,
        "2025-06-rus-ukr-pow",
        "--date",
        "2025-06",
        "--from",
        "RUS",
        "--to",
        "UKR",
        "--category",
        "pow",
        "--undisclosed",
        "--via",
        "TUR",
        "--via",
        "ICRC",
        "--location",
        "Belarus–Ukraine border",
    )


def test_transfers_listed_in_date_order_with_every_field(swaps: str) -> None:
    assert ok(swaps, "transfer", "list", "--format", "csv") == (
        "key,date,deliverer,receiver,category,count,terms,exchange,intermediaries,location,sources,notes\n"
        "2025-05-23-rus-ukr-civ,2025-05-23,RUS,UKR,civilian,120,r1-pow-exchange,2025-05-23,,,pravda-7513734,"
        '"civilians counted in the 1,000"\n'
        "2025-05-23-rus-ukr-pow,2025-05-23,RUS,UKR,pow,270,r1-pow-exchange,2025-05-23,,,pravda-7513734,\n"
        "2025-06-rus-ukr-pow,2025-06,RUS,UKR,pow,undisclosed,,,TUR;ICRC,Belarus–Ukraine border,,\n"
    )
    assert ok(swaps, "transfer", "list") == (
        "key                     date        from  to   category  count        terms\n"
        "----------------------  ----------  ----  ---  --------  -----------  ----------\n"
        "2025-05-23-rus-ukr-civ  2025-05-23  RUS   UKR  civilian  120          r1-pow-ex…\n"
        "2025-05-23-rus-ukr-pow  2025-05-23  RUS   UKR  pow       270          r1-pow-ex…\n"
        "2025-06-rus-ukr-pow     2025-06     RUS   UKR  pow       undisclosed\n"
    )
    assert all(len(line) <= 80 for line in ok(swaps, "transfer", "list").splitlines())


def test_an_undisclosed_count_is_not_zero(swaps: str) -> None:
    shown = json.loads(ok(swaps, "transfer", "show", "2025-06-rus-ukr-pow", "--format", "json"))
    assert shown["count"] == "undisclosed"
    assert shown["date"] == "2025-06"
    assert shown["intermediaries"] == ["TUR", "ICRC"]


def _keys(db: str, *filters: str) -> list[str]:
    return [row["key"] for row in json.loads(ok(db, "transfer", "list", "--format", "json", *filters))]


def test_transfer_filters(swaps: str) -> None:
    assert _keys(swaps, "--category", "civilian") == ["2025-05-23-rus-ukr-civ"]
    assert _keys(swaps, "--round", "istanbul-2025-r1") == ["2025-05-23-rus-ukr-civ", "2025-05-23-rus-ukr-pow"]
    assert _keys(swaps, "--term", "r1-pow-exchange", "--category", "pow") == ["2025-05-23-rus-ukr-pow"]
    assert _keys(swaps, "--process", "istanbul-2025") == ["2025-05-23-rus-ukr-civ", "2025-05-23-rus-ukr-pow"]
    assert _keys(swaps, "--exchange", "2025-05-23", "--party", "UKR") == [
        "2025-05-23-rus-ukr-civ",
        "2025-05-23-rus-ukr-pow",
    ]
    assert _keys(swaps, "--party", "TUR") == []
    # A transfer dated to a month overlaps any period that touches that month.
    assert _keys(swaps, "--since", "2025-06-15") == ["2025-06-rus-ukr-pow"]
    assert _keys(swaps, "--until", "2025-06-01") == [
        "2025-05-23-rus-ukr-civ",
        "2025-05-23-rus-ukr-pow",
        "2025-06-rus-ukr-pow",
    ]
    assert _keys(swaps, "--until", "2025-05-31") == ["2025-05-23-rus-ukr-civ", "2025-05-23-rus-ukr-pow"]
    assert _keys(swaps, "--since", "2025-07") == []


def test_a_transfer_filling_terms_with_counts(round1: str) -> None:
    ok(round1, "term", "add", "r1-extra", "--round", "istanbul-2025-r1", "--category", "pow", "--each", "20")
    ok(
        round1,
        *ADD,
        "t",
        "--date",
        "2025-05-25",
        "--from",
        "UKR",
        "--to",
        "RUS",
        "--category",
        "pow",
        "--count",
        "303",
        "--term",
        "r1-pow-exchange:283",
        "--term",
        "r1-extra",
    )
    assert json.loads(ok(round1, "transfer", "show", "t", "--format", "json"))["terms"] == [
        "r1-pow-exchange:283",
        "r1-extra",
    ]


T = [*ADD, "t", "--date", "2025-05-24", "--from", "RUS", "--to", "UKR", "--category", "pow"]


@pytest.mark.parametrize(
    ("args", "error"),
    [
        ([*T, "--count", "-3"], "Error: --count: must be a whole number ≥ 0 or \"undisclosed\", got '-3'\n"),
        ([*T, "--count", "3.5"], "Error: --count: must be a whole number ≥ 0 or \"undisclosed\", got '3.5'\n"),
        (
            [*ADD, "t", "--date", "2025-05-24", "--from", "RUS", "--to", "RUS", "--category", "pow", "--count", "3"],
            "Error: --to: must differ from the deliverer, got 'RUS' for both\n",
        ),
        (
            [*ADD, "t", "--date", "2025-02-30", "--from", "RUS", "--to", "UKR", "--category", "pow", "--count", "3"],
            "Error: --date: is not a real date, got '2025-02-30'\n",
        ),
        (
            [*ADD, "t", "--date", "24/05/2025", "--from", "RUS", "--to", "UKR", "--category", "pow", "--count", "3"],
            "Error: --date: must be a date YYYY-MM-DD or YYYY-MM, got '24/05/2025'\n",
        ),
        (
            [*ADD, "t", "--date", "2025-05-24", "--from", "XX", "--to", "UKR", "--category", "pow", "--count", "3"],
            "Error: --from: unknown party 'XX'\n",
        ),
        (
            [*ADD, "t", "--date", "2025-05-24", "--from", "RUS", "--to", "UKR", "--category", "other", "--count", "3"],
            "Error: --category: 'other' counts nobody (kind none): give one of pow, civilian, child, hostage, "
            "detainee, bodies\n",
        ),
        ([*T, "--count", "3", "--term", "nope"], "Error: --term: unknown term 'nope'\n"),
        (
            [*T, "--count", "3", "--term", "r1-pow-exchange:4"],
            "Error: --term: the counts given to terms add up to 4, more than the transfer's count 3\n",
        ),
        ([*T, "--count", "3", "--term", "r1-pow-exchange:0"], "Error: --term: must be a whole number ≥ 1, got '0'\n"),
        (
            [*T, "--undisclosed", "--term", "r1-pow-exchange:5"],
            "Error: --term: an undisclosed transfer cannot give a count to a term, got 'r1-pow-exchange:5'\n",
        ),
        (
            [*T, "--count", "3", "--term", "r1-pow-exchange", "--term", "r1-pow-exchange"],
            "Error: --term: lists 'r1-pow-exchange' twice\n",
        ),
        (
            [*T, "--count", "3", "--via", "RUS"],
            "Error: --via: RUS hands over or receives this transfer, so it cannot be its intermediary\n",
        ),
        (
            [*T, "--count", "3", "--exchange", "may 24"],
            "Error: --exchange: must be a key of letters, digits, '.', '_' or '-', got 'may 24'\n",
        ),
        ([*T, "--count", "3", "--source", "nope"], "Error: --source: unknown source 'nope'\n"),
        (
            [
                *ADD,
                "t",
                "--date",
                "2025-05-10",
                "--from",
                "RUS",
                "--to",
                "UKR",
                "--category",
                "pow",
                "--count",
                "3",
                "--term",
                "r1-pow-exchange",
            ],
            "Error: --term: the transfer (2025-05-10) is dated before round 'istanbul-2025-r1' "
            "of term 'r1-pow-exchange' began (2025-05-16)\n",
        ),
    ],
)
def test_transfer_refusals(round1: str, args: list[str], error: str) -> None:
    assert refused(round1, *args) == error


def test_a_transfer_is_refused_towards_a_term_with_no_obligation_its_way(round1: str) -> None:
    ok(
        round1,
        "term",
        "add",
        "one-way",
        "--round",
        "istanbul-2025-r1",
        "--category",
        "bodies",
        "--obligation",
        "RUS:UKR:6000",
    )
    assert refused(
        round1,
        *ADD,
        "t",
        "--date",
        "2025-06-11",
        "--from",
        "UKR",
        "--to",
        "RUS",
        "--category",
        "bodies",
        "--count",
        "5",
        "--term",
        "one-way",
    ) == ("Error: --term: term 'one-way' has no obligation from UKR to RUS\n")


def test_several_problems_are_reported_together(round1: str) -> None:
    assert refused(
        round1, *ADD, "t", "--date", "2025-13", "--from", "RUS", "--to", "XX", "--category", "pows", "--count", "-1"
    ) == (
        "Error: --date: is not a real date, got '2025-13'\n"
        "Error: --to: unknown party 'XX'\n"
        "Error: --category: must be one of pow, civilian, child, hostage, detainee, bodies, got 'pows'\n"
        "Error: --count: must be a whole number ≥ 0 or \"undisclosed\", got '-1'\n"
    )


def test_a_duplicate_transfer_key_is_refused(swaps: str) -> None:
    assert refused(
        swaps,
        *ADD,
        "2025-05-23-rus-ukr-pow",
        "--date",
        "2025-05-23",
        "--from",
        "RUS",
        "--to",
        "UKR",
        "--category",
        "pow",
        "--count",
        "270",
    ) == ("Error: KEY: transfer '2025-05-23-rus-ukr-pow' already exists\n")


def test_count_and_undisclosed_together_or_neither_is_a_usage_error(round1: str) -> None:
    result = run(round1, *T, "--count", "3", "--undisclosed")
    assert result.exit_code == 2 and "Give --count or --undisclosed, not both." in result.stderr
    result = run(round1, *T)
    assert result.exit_code == 2 and "Missing option '--count' (or '--undisclosed')." in result.stderr


# claims


def test_claims_keep_disagreements(swaps: str) -> None:
    ok(swaps, "source", "add", "kyiv", "--publisher", "Kyiv Independent", "--language", "en")
    assert (
        ok(
            swaps,
            "claim",
            "add",
            "--subject",
            "transfer:2025-05-23-rus-ukr-pow",
            "--field",
            "count",
            "--value",
            "390",
            "--source",
            "pravda-7513734",
            "--stated-on",
            "2025-05-23",
            "--quote",
            "390 Ukrainians returned home",
        )
        == "Added a claim on transfer:2025-05-23-rus-ukr-pow count.\n"
    )
    ok(
        swaps,
        "claim",
        "add",
        "--subject",
        "round:istanbul-2025-r1",
        "--field",
        "start_date",
        "--value",
        "2025-05-16",
        "--source",
        "kyiv",
        "--claimant",
        "Volodymyr Zelensky",
    )
    assert ok(swaps, "claim", "list", "--format", "csv") == (
        "id,subject,field,value,source,claimant,stated_on,quote\n"
        "1,transfer:2025-05-23-rus-ukr-pow,count,390,pravda-7513734,,2025-05-23,390 Ukrainians returned home\n"
        "2,round:istanbul-2025-r1,start_date,2025-05-16,kyiv,Volodymyr Zelensky,,\n"
    )
    assert ok(swaps, "claim", "list", "--subject", "round:istanbul-2025-r1", "--format", "csv").count("\n") == 2
    assert (
        ok(swaps, "claim", "list", "--source", "pravda-7513734", "--field", "count", "--format", "csv").count("\n") == 2
    )
    assert "claimant:  Volodymyr Zelensky\n" in ok(swaps, "claim", "show", "2")


C = ["claim", "add", "--value", "1", "--source", "tass-1959169"]


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (
            ["--subject", "exchange:x", "--field", "count"],
            "Error: --subject: must be TYPE:KEY with TYPE one of round, term, transfer, got 'exchange:x'\n",
        ),
        (["--subject", "term:nope", "--field", "quantity"], "Error: --subject: unknown term 'nope'\n"),
        (
            ["--subject", "term:r1-pow-exchange", "--field", "count"],
            "Error: --field: a term has no field 'count'; known: category, deliverer, receiver, quantity, basis, "
            "per, min_age, max_age, condition, status, supersedes, deadline, description\n",
        ),
        (
            ["--subject", "term:r1-pow-exchange", "--field", "quantity", "--stated-on", "2025-5-1"],
            "Error: --stated-on: must be a date YYYY-MM-DD or YYYY-MM, got '2025-5-1'\n",
        ),
    ],
)
def test_claim_refusals(round1: str, args: list[str], error: str) -> None:
    assert refused(round1, *C, *args) == error


def test_the_same_claim_twice_is_refused(round1: str) -> None:
    ok(round1, *C, "--subject", "term:r1-pow-exchange", "--field", "quantity", "--claimant", "Medinsky")
    ok(round1, *C, "--subject", "term:r1-pow-exchange", "--field", "quantity", "--claimant", "Umerov")
    assert refused(
        round1, *C, "--subject", "term:r1-pow-exchange", "--field", "quantity", "--claimant", "Medinsky"
    ) == (
        "Error: --subject: a claim on term:r1-pow-exchange quantity by 'Medinsky' from source 'tass-1959169' "
        "already exists\n"
    )


# assertions


def test_assertion_add_list_show(swaps: str) -> None:
    ok(
        swaps,
        "assertion",
        "add",
        "r1-pow-to-ukr",
        "--as-of",
        "2025-05-25",
        "--from",
        "RUS",
        "--to",
        "UKR",
        "--category",
        "pow",
        "--expected",
        "1000",
        "--scope",
        "round:istanbul-2025-r1",
        "--source",
        "pravda-7513734",
    )
    ok(
        swaps,
        "assertion",
        "add",
        "all-pow-to-rus",
        "--as-of",
        "2025-05-25",
        "--from",
        "UKR",
        "--to",
        "RUS",
        "--category",
        "pow",
        "--expected",
        "1000",
    )
    assert ok(swaps, "assertion", "list", "--format", "csv") == (
        "key,as_of,deliverer,receiver,category,scope,expected,source\n"
        "all-pow-to-rus,2025-05-25,UKR,RUS,pow,,1000,\n"
        "r1-pow-to-ukr,2025-05-25,RUS,UKR,pow,round:istanbul-2025-r1,1000,pravda-7513734\n"
    )
    assert json.loads(ok(swaps, "assertion", "show", "r1-pow-to-ukr", "--format", "json"))["expected"] == 1000
    assert ok(swaps, "assertion", "list", "--since", "2025-06", "--format", "csv").count("\n") == 1


A = ["assertion", "add", "a", "--as-of", "2025-06-16", "--from", "RUS", "--to", "UKR", "--category", "bodies"]


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["--expected", "-5"], "Error: --expected: must be a whole number ≥ 0, got '-5'\n"),
        (["--expected", "5", "--scope", "round:nope"], "Error: --scope: unknown round 'nope'\n"),
        (
            ["--expected", "5", "--scope", "transfer:x"],
            "Error: --scope: must be TYPE:KEY with TYPE one of term, round, process, got 'transfer:x'\n",
        ),
        (["--expected", "5", "--source", "nope"], "Error: --source: unknown source 'nope'\n"),
    ],
)
def test_assertion_refusals(round1: str, args: list[str], error: str) -> None:
    assert refused(round1, *A, *args) == error


def test_an_assertion_dated_to_a_month_is_refused(round1: str) -> None:
    assert refused(
        round1,
        "assertion",
        "add",
        "a",
        "--as-of",
        "2025-06",
        "--from",
        "RUS",
        "--to",
        "UKR",
        "--category",
        "bodies",
        "--expected",
        "5",
    ) == ("Error: --as-of: must be a date to the day, YYYY-MM-DD, got '2025-06'\n")
