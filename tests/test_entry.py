"""Entering and reading parties, sources, processes, rounds and terms at the command line."""

from __future__ import annotations

import json

import pytest

from ledger.domain import BUILTIN_CATEGORIES

from conftest import counts, ok, prebuilt, refused, run


def test_party_add_list_show(db: str) -> None:
    assert ok(db, "party", "add", "UKR", "--name", "Ukraine", "--alias", "Україна") == "Added party UKR.\n"
    ok(db, "party", "add", "ICRC", "--name", "International Committee of the Red Cross", "--kind", "organisation")
    assert ok(db, "party", "list") == (
        "code  name                                      kind          aliases\n"
        "----  ----------------------------------------  ------------  -------\n"
        "ICRC  International Committee of the Red Cross  organisation\n"
        "UKR   Ukraine                                   state         Україна\n"
    )
    assert ok(db, "party", "list", "--format", "csv") == (
        "code,name,kind,aliases\n"
        "ICRC,International Committee of the Red Cross,organisation,\n"
        "UKR,Ukraine,state,Україна\n"
    )
    assert json.loads(ok(db, "party", "list", "--kind", "state", "--format", "json")) == [
        {"code": "UKR", "name": "Ukraine", "kind": "state", "aliases": ["Україна"]}
    ]
    assert json.loads(ok(db, "party", "show", "UKR", "--format", "json")) == {
        "code": "UKR",
        "name": "Ukraine",
        "kind": "state",
        "aliases": ["Україна"],
    }
    assert ok(db, "party", "show", "UKR") == "code:    UKR\nname:    Ukraine\nkind:    state\naliases: Україна\n"


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (
            ["ukr", "--name", "Ukraine"],
            "Error: CODE: must be 2 to 16 capital letters, digits, '_' or '-', starting with a letter, got 'ukr'\n",
        ),
        (["UKR", "--name", " "], "Error: --name: is required\n"),
        (
            ["UKR", "--name", "Ukraine", "--kind", "empire"],
            "Error: --kind: must be one of state, organisation, group, other, got 'empire'\n",
        ),
        (
            ["UKR", "--name", "Ukraine", "--alias", "Україна", "--alias", "Україна"],
            "Error: --alias: lists 'Україна' twice\n",
        ),
    ],
)
def test_party_refusals(db: str, args: list[str], error: str) -> None:
    assert refused(db, "party", "add", *args) == error


def test_duplicate_party_code_and_alias_are_refused(db: str) -> None:
    ok(db, "party", "add", "UKR", "--name", "Ukraine", "--alias", "Україна")
    assert refused(db, "party", "add", "UKR", "--name", "Ukraine") == "Error: CODE: party 'UKR' already exists\n"
    assert refused(db, "party", "add", "UA", "--name", "Ukraine", "--alias", "Україна") == (
        "Error: --alias: 'Україна' is already an alias of UKR\n"
    )


def test_source_add_and_refusals(db: str) -> None:
    ok(
        db,
        "source",
        "add",
        "tass-1959169",
        "--publisher",
        "TASS",
        "--url",
        "https://tass.com/politics/1959169",
        "--published",
        "2025-05-16",
        "--language",
        "en",
        "--kind",
        "media",
        "--title",
        "Talks in Istanbul",
    )
    assert json.loads(ok(db, "source", "show", "tass-1959169", "--format", "json")) == {
        "key": "tass-1959169",
        "publisher": "TASS",
        "title": "Talks in Istanbul",
        "url": "https://tass.com/politics/1959169",
        "published": "2025-05-16",
        "language": "en",
        "kind": "media",
    }
    assert refused(
        db,
        "source",
        "add",
        "x",
        "--publisher",
        "P",
        "--url",
        "tass.com/1",
        "--published",
        "2025-13-01",
        "--language",
        "English",
    ) == (
        "Error: --url: must be an http:// or https:// address, got 'tass.com/1'\n"
        "Error: --published: is not a real date, got '2025-13-01'\n"
        "Error: --language: must be a language code such as en, uk, ru or tr, got 'English'\n"
    )
    assert refused(db, "source", "add", "tass-1959169", "--publisher", "TASS") == (
        "Error: KEY: source 'tass-1959169' already exists\n"
    )


def test_sources_filtered_by_publication_month(db: str) -> None:
    ok(db, "source", "add", "a", "--publisher", "A", "--published", "2025-05")
    ok(db, "source", "add", "b", "--publisher", "B", "--published", "2025-06-14")
    ok(db, "source", "add", "c", "--publisher", "C")
    listed = ok(db, "source", "list", "--since", "2025-05-20", "--format", "csv")
    assert listed == "key,publisher,title,url,published,language,kind\na,A,,,2025-05,,media\nb,B,,,2025-06-14,,media\n"
    assert ok(db, "source", "list", "--until", "2025-05", "--format", "csv").splitlines()[1:] == [
        "a,A,,,2025-05,,media"
    ]


def test_process_add_and_list(db: str) -> None:
    ok(db, "process", "add", "istanbul-2025", "--name", "Russia–Ukraine direct talks, Istanbul, 2025")
    assert ok(db, "process", "list", "--format", "csv") == (
        'key,name,description\nistanbul-2025,"Russia–Ukraine direct talks, Istanbul, 2025",\n'
    )
    assert refused(db, "process", "add", "istanbul 2025", "--name", "x") == (
        "Error: KEY: must start with a letter or digit and hold only letters, digits, '.', '_' or '-', "
        "got 'istanbul 2025'\n"
    )


def test_round_add_show_and_list(round1: str) -> None:
    assert ok(round1, "round", "show", "istanbul-2025-r1") == (
        "key:        istanbul-2025-r1\n"
        "process:    istanbul-2025\n"
        "number:     1\n"
        "start_date: 2025-05-16\n"
        "end_date:\n"
        "status:     held\n"
        "venue:      Dolmabahçe Palace\n"
        "city:       Istanbul\n"
        "country:    Türkiye\n"
        "parties:    UKR;RUS\n"
        "mediators:  TUR\n"
        "hosts:      TUR\n"
        "observers:\n"
        "heads:      UKR=Rustem Umerov;RUS=Vladimir Medinsky\n"
        "sources:    tass-1959169\n"
        "notes:\n"
    )
    assert ok(round1, "round", "list", "--party", "TUR").count("istanbul-2025-r1") == 1
    assert ok(round1, "round", "list", "--party", "ICRC") == "No round records.\n"
    assert ok(round1, "round", "list", "--since", "2025-05-17") == "No round records.\n"
    assert "istanbul-2025-r1" in ok(round1, "round", "list", "--process", "istanbul-2025", "--status", "held")


def test_a_round_without_a_start_date_is_announced(round1: str) -> None:
    ok(round1, "round", "add", "r4", "--process", "istanbul-2025", "--number", "4")
    assert "status:     announced\n" in ok(round1, "round", "show", "r4")


R = ["round", "add", "r2", "--process", "istanbul-2025", "--number", "2", "--start", "2025-06-02"]


@pytest.mark.parametrize(
    ("extra", "error"),
    [
        (["--end", "2025-06-01"], "Error: --end: 2025-06-01 is before start_date 2025-06-02\n"),
        (["--end", "2025-06"], "Error: --end: must be a date to the day, YYYY-MM-DD, got '2025-06'\n"),
        (["--party", "XYZ"], "Error: --party: unknown party 'XYZ'\n"),
        (
            ["--party", "UKR", "--mediator", "UKR"],
            "Error: --party: UKR cannot be both a negotiating party and a mediator\n",
        ),
        (
            ["--head", "ICRC=Someone"],
            "Error: --head: ICRC is not a participant of this round (add it with a role first)\n",
        ),
        (["--party", "UKR", "--head", "UKR"], "Error: --head: must be CODE=Name, got 'UKR'\n"),
        (
            ["--status", "happened"],
            "Error: --status: must be one of announced, scheduled, held, postponed, cancelled, got 'happened'\n",
        ),
        (["--source", "nope"], "Error: --source: unknown source 'nope'\n"),
    ],
)
def test_round_refusals(round1: str, extra: list[str], error: str) -> None:
    assert refused(round1, *R, *extra) == error


def test_round_number_and_process_refusals(round1: str) -> None:
    assert refused(round1, "round", "add", "again", "--process", "istanbul-2025", "--number", "1") == (
        "Error: --number: round 1 of process 'istanbul-2025' already exists (istanbul-2025-r1)\n"
    )
    assert refused(round1, "round", "add", "x", "--process", "geneva", "--number", "0") == (
        "Error: --process: unknown process 'geneva'\nError: --number: must be a whole number ≥ 1, got '0'\n"
    )


def test_term_each_way(round1: str) -> None:
    assert ok(round1, "term", "list", "--format", "csv") == (
        "term,round,category,deliverer,receiver,quantity,basis,per,min_age,max_age,condition,status,supersedes,"
        "deadline,sources,description\n"
        "r1-pow-exchange,istanbul-2025-r1,pow,UKR,RUS,1000,exact,,,,,agreed,,,tass-1959169,"
        '"1,000-for-1,000 prisoner exchange"\n'
        "r1-pow-exchange,istanbul-2025-r1,pow,RUS,UKR,1000,exact,,,,,agreed,,,tass-1959169,"
        '"1,000-for-1,000 prisoner exchange"\n'
    )


@prebuilt("round2", on="round1")
def round2(round1: str) -> None:
    ok(
        round1,
        "round",
        "add",
        "istanbul-2025-r2",
        "--process",
        "istanbul-2025",
        "--number",
        "2",
        "--start",
        "2025-06-02",
        "--party",
        "UKR",
        "--party",
        "RUS",
        "--host",
        "TUR",
    )


def test_term_bases_and_criteria(round2: str) -> None:
    assert (
        ok(
            round2,
            "term",
            "add",
            "r2-u25",
            "--round",
            "istanbul-2025-r2",
            "--category",
            "pow",
            "--each",
            "all",
            "--min-age",
            "18",
            "--max-age",
            "25",
        )
        == "Added term r2-u25 with 2 obligations.\n"
    )
    ok(
        round2,
        "term",
        "add",
        "r2-wounded",
        "--round",
        "istanbul-2025-r2",
        "--category",
        "pow",
        "--each",
        "1000",
        "--basis",
        "at-least",
        "--condition",
        "severely wounded",
    )
    ok(
        round2,
        "term",
        "add",
        "r2-bodies",
        "--round",
        "istanbul-2025-r2",
        "--category",
        "bodies",
        "--obligation",
        "RUS:UKR:6000",
        "--obligation",
        "UKR:RUS:6000",
        "--deadline",
        "2025-06",
    )
    assert ok(round2, "term", "add", "r2-memo", "--round", "istanbul-2025-r2", "--category", "other") == (
        "Added term r2-memo with no obligations.\n"
    )
    listed = ok(round2, "term", "list", "--round", "istanbul-2025-r2")
    assert listed == (
        "term        round             category  from  to   quantity  status\n"
        "----------  ----------------  --------  ----  ---  --------  ------\n"
        "r2-bodies   istanbul-2025-r2  bodies    RUS   UKR  6000      agreed\n"
        "r2-bodies   istanbul-2025-r2  bodies    UKR   RUS  6000      agreed\n"
        "r2-memo     istanbul-2025-r2  other                          agreed\n"
        "r2-u25      istanbul-2025-r2  pow       UKR   RUS  all       agreed\n"
        "r2-u25      istanbul-2025-r2  pow       RUS   UKR  all       agreed\n"
        "r2-wounded  istanbul-2025-r2  pow       UKR   RUS  ≥1000     agreed\n"
        "r2-wounded  istanbul-2025-r2  pow       RUS   UKR  ≥1000     agreed\n"
    )
    shown = json.loads(ok(round2, "term", "show", "r2-u25", "--format", "json"))
    assert (shown["min_age"], shown["max_age"]) == (18, 25)
    assert shown["obligations"] == [
        {"deliverer": "UKR", "receiver": "RUS", "quantity": None, "basis": "all"},
        {"deliverer": "RUS", "receiver": "UKR", "quantity": None, "basis": "all"},
    ]
    assert json.loads(ok(round2, "term", "show", "r2-bodies", "--format", "json"))["deadline"] == "2025-06"
    assert ok(round2, "term", "list", "--category", "bodies", "--party", "RUS", "--format", "csv").count("\n") == 3


def test_a_proposed_term_supersedes_an_earlier_one(round2: str) -> None:
    ok(
        round2,
        "term",
        "add",
        "r2-pow",
        "--round",
        "istanbul-2025-r2",
        "--category",
        "pow",
        "--each",
        "1200",
        "--status",
        "proposed",
        "--supersedes",
        "r1-pow-exchange",
    )
    shown = json.loads(ok(round2, "term", "show", "r2-pow", "--format", "json"))
    assert (shown["status"], shown["supersedes"]) == ("proposed", "r1-pow-exchange")
    assert ok(round2, "term", "list", "--status", "proposed", "--format", "csv").count("r2-pow") == 2


T = ["term", "add", "t", "--round", "istanbul-2025-r2"]


@pytest.mark.parametrize(
    ("extra", "error"),
    [
        (
            ["--category", "pows", "--each", "5"],
            "Error: --category: must be one of pow, civilian, child, hostage, detainee, bodies, other, got 'pows'\n",
        ),
        (["--category", "pow", "--each", "-3"], "Error: --each: must be a whole number ≥ 0, got '-3'\n"),
        (["--category", "pow", "--each", "1,000"], "Error: --each: must be a whole number ≥ 0, got '1,000'\n"),
        (
            ["--category", "pow", "--each", "5", "--status", "signed"],
            "Error: --status: must be one of agreed, proposed, rejected, withdrawn, got 'signed'\n",
        ),
        (
            ["--category", "pow", "--each", "5", "--min-age", "25", "--max-age", "18"],
            "Error: --max-age: 18 is below min_age 25\n",
        ),
        (
            ["--category", "pow", "--each", "5", "--obligation", "RUS:UKR:5"],
            "Error: --each: give a quantity for each side or a list of obligations, not both\n",
        ),
        (
            ["--category", "pow"],
            "Error: --obligation: a term of category pow needs at least one obligation: a quantity each way or one per "
            "direction\n",
        ),
        (
            ["--category", "other", "--each", "5"],
            "Error: --each: a term of category other has no obligations (no deliverer, receiver or quantity)\n",
        ),
        (
            ["--category", "pow", "--obligation", "RUS:RUS:5"],
            "Error: --obligation: must differ from the deliverer, got 'RUS' for both\n",
        ),
        (
            ["--category", "pow", "--obligation", "RUS:UKR:5", "--obligation", "RUS:UKR:7"],
            "Error: --obligation: lists RUS to UKR twice (one obligation per direction)\n",
        ),
        (
            ["--category", "pow", "--obligation", "RUS-UKR-5"],
            "Error: --obligation: must be FROM:TO:QTY, such as RUS:UKR:1000 or UKR:RUS:all, got 'RUS-UKR-5'\n",
        ),
        (["--category", "pow", "--obligation", "XX:UKR:5"], "Error: --obligation: unknown party 'XX'\n"),
        (
            ["--category", "pow", "--each", "5", "--basis", "all"],
            "Error: --basis: \"all\" takes no quantity, got '5'\n",
        ),
        (
            ["--category", "pow", "--each", "all", "--basis", "at-least"],
            'Error: --basis: must be "all" when the quantity is "all", got \'at-least\'\n',
        ),
        (
            ["--category", "pow", "--each", "5", "--deadline", "2025-05-30"],
            "Error: --deadline: 2025-05-30 is before round 'istanbul-2025-r2' began (2025-06-02)\n",
        ),
        (["--category", "pow", "--each", "5", "--supersedes", "nope"], "Error: --supersedes: unknown term 'nope'\n"),
    ],
)
def test_term_refusals(round2: str, extra: list[str], error: str) -> None:
    assert refused(round2, *T, *extra) == error


def test_each_needs_a_round_with_two_parties(round2: str) -> None:
    ok(
        round2,
        "round",
        "add",
        "three",
        "--process",
        "istanbul-2025",
        "--number",
        "9",
        "--start",
        "2025-09-01",
        "--party",
        "UKR",
        "--party",
        "RUS",
        "--party",
        "TUR",
    )
    assert refused(round2, "term", "add", "t", "--round", "three", "--category", "pow", "--each", "5") == (
        "Error: --each: needs a round with exactly two negotiating parties, and this round has 3: "
        "list the obligations one by one instead\n"
    )


def test_a_term_cannot_supersede_one_from_a_later_round(round2: str) -> None:
    ok(round2, "term", "add", "r2-pow", "--round", "istanbul-2025-r2", "--category", "pow", "--each", "5")
    assert refused(
        round2,
        "term",
        "add",
        "t",
        "--round",
        "istanbul-2025-r1",
        "--category",
        "pow",
        "--each",
        "5",
        "--supersedes",
        "r2-pow",
    ) == ("Error: --supersedes: term 'r2-pow' must come from an earlier round than 'istanbul-2025-r1'\n")


def test_show_of_an_unknown_key_is_refused(db: str) -> None:
    for entity in ("party", "source", "process", "round", "term", "transfer", "assertion"):
        result = run(db, entity, "show", "nope")
        assert (result.exit_code, result.stderr) == (2, f"Error: no {entity} 'nope'\n")
    assert run(db, "claim", "show", "7").stderr == "Error: no claim '7'\n"


def test_lists_of_an_empty_ledger(db: str) -> None:
    assert ok(db, "transfer", "list") == "No transfer records.\n"
    assert ok(db, "transfer", "list", "--format", "csv") == (
        "key,date,deliverer,receiver,category,count,terms,exchange,intermediaries,location,sources,notes\n"
    )
    assert ok(db, "claim", "list", "--format", "json") == "[]\n"
    # the ledger's identity and its built-in categories only
    assert counts(db) == {**dict.fromkeys(counts(db), 0), "ledger_origin": 1, "category": len(BUILTIN_CATEGORIES)}
