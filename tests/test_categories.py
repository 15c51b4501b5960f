"""Categories as a vocabulary: the built-in ones every ledger has, those a ledger adds (with
`ledger category add` or a package's categories.csv), each with a kind that reports never mix:
remains are never added to living people, and a category of kind none counts nobody."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from ledger import InvalidInput, migrate
from ledger.config import normalise_url
from ledger.domain import BUILTIN_CATEGORIES
from ledger.facade import Ledger

from conftest import counts, ok, prebuilt, refused, run, sql

BUILTIN_TABLE = """\
code      name                          kind     builtin
--------  ----------------------------  -------  -------
pow       Prisoners of war              living   yes
civilian  Detained civilians            living   yes
child     Children                      living   yes
hostage   Hostages                      living   yes
detainee  Detainees                     living   yes
bodies    Remains of the dead           remains  yes
other     Other commitments (no count)  none     yes
"""
BUILTIN_CSV = "".join(f"{code},{name},{kind},yes\n" for code, name, kind in BUILTIN_CATEGORIES)
KNOWN = "pow, civilian, child, hostage, detainee, bodies, other"
PEOPLE = "pow, civilian, child, hostage, detainee, bodies"
FOREIGN = ("category", "add", "foreign-remains", "--name", "Remains of foreign nationals", "--kind", "remains")
WOUNDED = ("category", "add", "wounded", "--name", "Severely wounded prisoners", "--kind", "living")
MEMO = ("category", "add", "memo", "--name", "Memoranda", "--kind", "none")
ROUND = ("--round", "istanbul-2025-r1")
SENT = ("--date", "2025-05-23", "--from", "RUS", "--to", "UKR")


@prebuilt("custom", on="round1")
def custom(db: str) -> None:
    """Round 1 with three categories added (remains, living, none), a term of each, and transfers
    of the remains, of the wounded and of prisoners of war to Ukraine."""
    for command in (FOREIGN, WOUNDED, MEMO):
        ok(db, *command)
    ok(db, "term", "add", "r1-wounded", *ROUND, "--category", "wounded", "--each", "50")
    ok(db, "term", "add", "r1-foreign", *ROUND, "--category", "foreign-remains", "--obligation", "RUS:UKR:10")
    ok(db, "term", "add", "r1-memo", *ROUND, "--category", "memo")
    ok(db, "transfer", "add", "t-wounded", *SENT, "--category", "wounded", "--count", "30")
    ok(db, "transfer", "add", "t-foreign", *SENT, "--category", "foreign-remains", "--count", "4")
    ok(db, "transfer", "add", "t-pow", *SENT, "--category", "pow", "--count", "100")


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# The vocabulary on the command line


def test_a_new_ledger_lists_the_builtin_categories_with_their_kinds(db: str) -> None:
    assert ok(db, "category", "list") == BUILTIN_TABLE
    assert ok(db, "category", "list", "--format", "csv") == "code,name,kind,builtin\n" + BUILTIN_CSV
    listed = json.loads(ok(db, "category", "list", "--format", "json"))
    assert listed[0] == {"code": "pow", "name": "Prisoners of war", "kind": "living", "builtin": True}
    shown = ok(db, "category", "show", "pow")
    assert shown == "code:    pow\nname:    Prisoners of war\nkind:    living\nbuiltin: yes\n"
    assert ok(db, "category", "list", "--kind", "remains", "--format", "csv") == (
        "code,name,kind,builtin\nbodies,Remains of the dead,remains,yes\n"
    )
    # They come with the schema: nothing journaled, nothing to check, nothing to dump.
    assert ok(db, "check") == "0 of 0 assertions hold; 0 records checked against every rule: all pass.\n"
    assert ok(db, "verify").startswith("Verified: 0 journal entries chain correctly and 0 records match them;")


def test_an_added_category_is_journaled_and_listed_after_the_builtins(db: str) -> None:
    assert ok(db, *FOREIGN) == "Added category foreign-remains.\n"
    assert ok(db, "category", "list", "--format", "csv") == (
        "code,name,kind,builtin\n" + BUILTIN_CSV + "foreign-remains,Remains of foreign nationals,remains,no\n"
    )
    assert ok(db, "category", "show", "foreign-remains", "--format", "json") == (
        '{\n  "code": "foreign-remains",\n  "name": "Remains of foreign nationals",\n  "kind": "remains",\n'
        '  "builtin": false\n}\n'
    )
    log = _csv(ok(db, "log", "--format", "csv"))
    assert [(e["action"], e["entity"], e["key"]) for e in log] == [("add", "category", "foreign-remains")]
    assert ok(db, "check") == "0 of 0 assertions hold; 1 records checked against every rule: all pass.\n"
    assert ok(db, "verify").startswith("Verified: 1 journal entries chain correctly and 1 records match them;")
    changed = ok(db, "category", "amend", "foreign-remains", "--name", "Foreign remains", "--reason", "shorter")
    assert changed == "Amended category foreign-remains: name: Remains of foreign nationals → Foreign remains.\n"
    history = ok(db, "category", "history", "foreign-remains").splitlines()
    assert (history[0].startswith("#1  "), history[0].endswith("  add")) == (True, True)
    assert (history[1].startswith("#2  "), history[1].endswith("  amend — shorter")) == (True, True)
    assert history[2:] == ["    name: Remains of foreign nationals → Foreign remains"]
    assert ok(db, "verify").startswith("Verified: 2 journal entries chain correctly and 1 records match them;")
    assert refused(db, "category", "history", "hostage") == (
        "Error: category 'hostage' is built in: it comes with the schema, never changes, and has no history\n"
    )


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("pow", "--name", "Prisoners", "--kind", "living"),
         "Error: CODE: 'pow' is a built-in category (Prisoners of war, living), which cannot change: give another "
         "code\n"),
        (("pow", "--name", "Prisoners of war", "--kind", "living"), "Error: CODE: category 'pow' already exists\n"),
        (("Wounded", "--name", "W", "--kind", "living"),
         "Error: CODE: must be 2 to 16 small letters, digits, '_' or '-', starting with a letter, got 'Wounded'\n"),
        (("a-code-of-17-char", "--name", "W", "--kind", "living"),
         "Error: CODE: must be 2 to 16 small letters, digits, '_' or '-', starting with a letter, got "
         "'a-code-of-17-char'\n"),
        (("w", "--name", "W", "--kind", "living"),
         "Error: CODE: must be 2 to 16 small letters, digits, '_' or '-', starting with a letter, got 'w'\n"),
        (("wounded", "--name", "W", "--kind", "dead"),
         "Error: --kind: must be one of living, remains, none, got 'dead'\n"),
        (("wounded", "--name", "  ", "--kind", "living"), "Error: --name: is required\n"),
        (("wounded", "--name", "W", "--kind", "living\nnone"),
         "Error: --kind: must be on one line, got 'living\\nnone'\n"),
        (("wounded", "--name", "W"),
         "Usage: cli category add [OPTIONS] [CODE]\nTry 'cli category add --help' for help.\n\n"
         "Error: Missing option '--kind'.\n"),
    ],
)  # fmt: skip
def test_a_category_that_breaks_a_rule_is_refused(db: str, arguments: tuple[str, ...], message: str) -> None:
    assert refused(db, "category", "add", *arguments) == message


def test_a_category_code_is_never_used_twice(db: str) -> None:
    ok(db, *FOREIGN)
    assert refused(db, *FOREIGN) == "Error: CODE: category 'foreign-remains' already exists\n"


# Terms, transfers and assertions take the ledger's categories, by kind


def test_an_unknown_category_is_refused_naming_the_known_ones(round1: str) -> None:
    ok(round1, *WOUNDED)
    term = refused(round1, "term", "add", "r1-cats", *ROUND, "--category", "cats", "--each", "5")
    assert term == f"Error: --category: must be one of {KNOWN}, wounded, got 'cats'\n"
    transfer = refused(round1, "transfer", "add", "t1", *SENT, "--category", "cats", "--count", "5")
    assert transfer == f"Error: --category: must be one of {PEOPLE}, wounded, got 'cats'\n"
    # A transfer or an assertion counts people: not a category of kind none.
    other = refused(round1, "transfer", "add", "t1", *SENT, "--category", "other", "--count", "5")
    assert other == f"Error: --category: 'other' counts nobody (kind none): give one of {PEOPLE}, wounded\n"
    assertion = refused(round1, "assertion", "add", "a1", "--as-of", "2025-06-01", "--from", "RUS", "--to", "UKR",
                        "--category", "cats", "--expected", "5")  # fmt: skip
    assert assertion == f"Error: --category: must be one of {PEOPLE}, wounded, got 'cats'\n"
    for command in (("term", "list"), ("transfer", "list"), ("assertion", "list"), ("report", "fulfilment")):
        result = run(round1, *command, "--category", "cats")
        assert (result.exit_code, result.stderr) == (
            2, f"Error: --category: must be one of {KNOWN}, wounded, got 'cats'\n"
        ), command  # fmt: skip
    assert _csv(ok(round1, "term", "list", "--category", "wounded", "--format", "csv")) == []


def test_a_prompt_offers_the_ledger_s_categories(custom: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import ledger.cli as cli_module

    monkeypatch.setattr(cli_module, "interactive", lambda: True)
    result = run(custom, "transfer", "add", input="t1\n2025-05-24\nRUS\nUKR\nwounded\n7\n")
    assert result.exit_code == 0, result.output
    assert f"category ({PEOPLE}, foreign-remains, wounded): " in result.output
    result = run(custom, "term", "add", "--round", "istanbul-2025-r1", input="r1-m2\nmemo\nagreed\n")
    assert result.exit_code == 0, result.output
    assert f"category ({KNOWN}, foreign-remains, wounded, memo): " in result.output
    result = run(custom, "category", "add", input="dead-soldiers\nRemains of soldiers\nremains\n")
    assert (result.exit_code, result.output.splitlines()[-1]) == (0, "Added category dead-soldiers.")
    assert "kind (living, remains, none): " in result.output


def test_a_category_s_kind_says_whether_its_terms_have_obligations(round1: str) -> None:
    ok(round1, *WOUNDED)
    ok(round1, *MEMO)
    assert refused(round1, "term", "add", "r1-w", *ROUND, "--category", "wounded") == (
        "Error: --obligation: a term of category wounded needs at least one obligation: a quantity each way or one "
        "per direction\n"
    )
    assert refused(round1, "term", "add", "r1-m", *ROUND, "--category", "memo", "--each", "3") == (
        "Error: --each: a term of category memo has no obligations (no deliverer, receiver or quantity)\n"
    )
    assert refused(round1, "term", "add", "r1-m", *ROUND, "--category", "memo", "--obligation", "RUS:UKR:3") == (
        "Error: --obligation: a term of category memo has no obligations (no deliverer, receiver or quantity)\n"
    )
    assert ok(round1, "term", "add", "r1-m", *ROUND, "--category", "memo") == "Added term r1-m with no obligations.\n"


def test_reports_never_add_remains_to_living_people(custom: str) -> None:
    assert ok(custom, "report", "fulfilment", "--format", "csv") == (
        "term,round,category,deliverer,receiver,basis,committed,delivered,undisclosed,outstanding,due,overdue,excess,"
        "fulfilled_pct,score,first_transfer,last_transfer\n"
        "r1-foreign,istanbul-2025-r1,foreign-remains,RUS,UKR,exact,10,4,0,6,,,0,40.0,1,2025-05-23,2025-05-23\n"
        "r1-pow-exchange,istanbul-2025-r1,pow,UKR,RUS,exact,1000,0,0,1000,,,0,0.0,0,,\n"
        "r1-pow-exchange,istanbul-2025-r1,pow,RUS,UKR,exact,1000,100,0,900,,,0,10.0,1,2025-05-23,2025-05-23\n"
        "r1-wounded,istanbul-2025-r1,wounded,UKR,RUS,exact,50,0,0,50,,,0,0.0,0,,\n"
        "r1-wounded,istanbul-2025-r1,wounded,RUS,UKR,exact,50,30,0,20,,,0,60.0,2,2025-05-23,2025-05-23\n"
    )
    table = ok(custom, "report", "fulfilment")
    # The wounded (living) with the prisoners of war; the foreign remains apart, with remains.
    assert (
        "side       kind     committed  delivered  undisclosed  unallocated\n"
        "---------  -------  ---------  ---------  -----------  -----------\n"
        "RUS → UKR  living   1,050      130        0            0\n"
        "RUS → UKR  remains  10         4          0            0\n"
        "UKR → RUS  living   1,050      0          0            0\n"
    ) in table
    # The built-in categories first, then those added in the order they were added; the totals
    # per kind, the memoranda (kind none) counting nobody.
    assert ok(custom, "report", "commitments") == (
        "Commitments across rounds\n\n"
        "category         from  to   criteria  istanbul-2025-r1  change\n"
        "---------------  ----  ---  --------  ----------------  ---------------------\n"
        "pow              RUS   UKR  any       1000              only istanbul-2025-r1\n"
        "pow              UKR   RUS  any       1000              only istanbul-2025-r1\n"
        "foreign-remains  RUS   UKR  any       10                only istanbul-2025-r1\n"
        "wounded          RUS   UKR  any       50                only istanbul-2025-r1\n"
        "wounded          UKR   RUS  any       50                only istanbul-2025-r1\n\n"
        "Totals per side, kind and round (numbers add, a ratio as derived; 'all' terms counted apart)\n"
        "side       kind     istanbul-2025-r1\n"
        "---------  -------  ----------------\n"
        "RUS → UKR  living   1,050\n"
        "RUS → UKR  remains  10\n"
        "UKR → RUS  living   1,050\n"
    )
    wounded = _csv(ok(custom, "report", "fulfilment", "--category", "wounded", "--format", "csv"))
    assert [(r["term"], r["deliverer"], r["delivered"]) for r in wounded] == [
        ("r1-wounded", "UKR", "0"), ("r1-wounded", "RUS", "30")
    ]  # fmt: skip


def test_the_returns_chart_data_keeps_the_kinds_apart(custom: str) -> None:
    from ledger import db as ledger_db
    from ledger.reports import Filters, frames

    engine = ledger_db.make_engine(normalise_url(custom))
    try:
        with ledger_db.reading(engine) as session:
            returns = frames.returns(session, Filters())
    finally:
        engine.dispose()
    day = returns[returns["date"].astype(str) == "2025-05-23"].iloc[0]
    assert (day["living to UKR"], day["remains to UKR"]) == (130, 4)


def test_an_allocation_may_cross_categories_but_never_kinds(custom: str) -> None:
    bodies = refused(custom, "transfer", "add", "t-b", *SENT, "--category", "bodies", "--count", "3", "--term",
                     "r1-pow-exchange")  # fmt: skip
    assert bodies == (
        "Error: --term: term 'r1-pow-exchange' counts living people (pow), and this transfer remains (bodies): "
        "remains never count with living people\n"
    )
    ok(custom, "transfer", "add", "t-c", *SENT, "--category", "civilian", "--count", "3", "--term", "r1-wounded")
    # Its kind cannot change under a transfer of another category counted towards its term.
    assert refused(custom, "category", "amend", "wounded", "--kind", "remains", "--reason", "x") == (
        "Error: --kind: transfer t-c: terms: term 'r1-wounded' counts remains (wounded), and this transfer living "
        "people (civilian): remains never count with living people\n"
    )
    assert refused(custom, "term", "amend", "r1-wounded", "--category", "foreign-remains", "--reason", "x") == (
        "Error: --category: transfer t-c: terms: term 'r1-wounded' counts remains (foreign-remains), and this "
        "transfer living people (civilian): remains never count with living people\n"
    )
    assert ok(custom, "check").endswith("all pass.\n")


# Amending and voiding


def test_a_category_in_use_is_not_voided_and_its_kind_not_changed_against_its_records(custom: str) -> None:
    assert refused(custom, "category", "void", "wounded", "--reason", "x") == (
        "Error: CODE: 2 live records depend on category wounded (term r1-wounded, transfer t-wounded): void them "
        "first, or give --cascade\n"
    )
    assert refused(custom, "category", "amend", "wounded", "--kind", "none", "--reason", "x") == (
        "Error: --kind: term r1-wounded: obligations: a term of category wounded has no obligations (no deliverer, "
        "receiver or quantity)\n"
        f"Error: --kind: transfer t-wounded: category: 'wounded' counts nobody (kind none): give one of {PEOPLE}, "
        "foreign-remains\n"
    )
    assert refused(custom, "category", "amend", "memo", "--kind", "living", "--reason", "x") == (
        "Error: --kind: term r1-memo: obligations: a term of category memo needs at least one obligation: a quantity "
        "each way or one per direction\n"
    )
    assert refused(custom, "category", "void", "pow", "--reason", "x") == (
        "Error: CODE: category 'pow' is built in: every ledger has it\n"
    )
    assert refused(custom, "category", "amend", "bodies", "--kind", "living", "--reason", "x") == (
        "Error: CODE: 'bodies' is a built-in category (Remains of the dead, remains), which cannot change: give "
        "another code\n"
    )
    # Remains after all: the wounded now count apart from the living.
    ok(custom, "category", "amend", "wounded", "--kind", "remains", "--reason", "the record says remains")
    assert "RUS → UKR  remains  60         34         0            0\n" in ok(custom, "report", "fulfilment")


def test_a_voided_category_takes_no_more_records_and_its_code_is_not_used_again(custom: str) -> None:
    ok(custom, "term", "void", "r1-memo", "--reason", "entered by mistake")
    assert ok(custom, "category", "void", "memo", "--reason", "unused") == "Voided category memo.\n"
    term = refused(custom, "term", "add", "r1-m", *ROUND, "--category", "memo")
    assert term == f"Error: --category: must be one of {KNOWN}, foreign-remains, wounded, got 'memo'\n"
    assert refused(custom, *MEMO) == "Error: CODE: category 'memo' already exists\n"
    assert "memo" not in ok(custom, "category", "list")
    assert ok(custom, "verify").startswith("Verified: ")
    assert ok(custom, "check").endswith("all pass.\n")


def test_voiding_with_cascade_voids_what_uses_the_category(custom: str) -> None:
    voided = ok(custom, "category", "void", "wounded", "--reason", "merged into pow", "--cascade")
    assert voided == "Voided term r1-wounded, transfer t-wounded, category wounded.\n"
    assert "RUS → UKR  living   1,000      100        0            0\n" in ok(custom, "report", "fulfilment")


# The data package


def test_a_dump_with_categories_of_its_own_loads_back_byte_for_byte(custom: str, fresh_db: str, tmp_path: Path) -> None:
    ok(custom, "dump", str(tmp_path / "dump"))
    dumped = tmp_path / "dump"
    assert (dumped / "categories.csv").read_text(encoding="utf-8") == (
        "code,name,kind\n"
        "foreign-remains,Remains of foreign nationals,remains\n"
        "wounded,Severely wounded prisoners,living\n"
        "memo,Memoranda,none\n"
    )
    descriptor = json.loads((dumped / "datapackage.json").read_text(encoding="utf-8"))
    names = [r["name"] for r in descriptor["resources"]]
    assert names == ["parties", "sources", "processes", "rounds", "categories", "terms", "transfers", "claims",
                     "assertions"]  # fmt: skip
    categories = descriptor["resources"][4]["schema"]
    assert categories["primaryKey"] == ["code"] and "foreignKeys" not in categories
    terms = descriptor["resources"][5]["schema"]["foreignKeys"]
    assert all(key["reference"]["resource"] != "categories" for key in terms)  # the built-in ones are in no file
    frictionless = pytest.importorskip("frictionless")
    assert frictionless.validate(str(dumped / "datapackage.json")).valid
    assert ok(fresh_db, "load", str(dumped)) == (
        f"Loaded {dumped}: added 4 parties, 2 sources, 1 process, 1 round, 3 categories, 4 terms, 3 transfers; "
        "changed nothing; 0 unchanged.\n"
    )
    ok(fresh_db, "dump", str(tmp_path / "again"))
    files = sorted(path.name for path in dumped.iterdir())
    assert files == sorted(path.name for path in (tmp_path / "again").iterdir())
    for name in files:
        assert (tmp_path / "again" / name).read_bytes() == (dumped / name).read_bytes(), name
    assert ok(fresh_db, "check") == "0 of 0 assertions hold; 18 records checked against every rule: all pass.\n"
    assert ok(fresh_db, "verify").startswith("Verified: 7 journal entries chain correctly and 18 records match them;")
    assert ok(fresh_db, "report", "fulfilment", "--format", "csv") == ok(custom, "report", "fulfilment", "--format",
                                                                          "csv")  # fmt: skip
    # Loading it again changes nothing, the categories included.
    assert ok(fresh_db, "load", str(dumped)) == f"Loaded {dumped}: nothing new, 18 records already in the ledger.\n"


def test_a_workbook_dump_has_a_sheet_of_the_ledger_s_own_categories(custom: str, fresh_db: str, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    ok(custom, "dump", str(tmp_path / "ledger.xlsx"))
    assert "categories" in load_workbook(tmp_path / "ledger.xlsx", read_only=True).sheetnames
    ok(fresh_db, "load", str(tmp_path / "ledger.xlsx"))
    assert _csv(ok(fresh_db, "category", "list", "--format", "csv"))[-1] == {
        "code": "memo", "name": "Memoranda", "kind": "none", "builtin": "no"
    }  # fmt: skip
    ok(fresh_db, "dump", str(tmp_path / "again.xlsx"))
    again = load_workbook(tmp_path / "again.xlsx", read_only=True)
    rows = [list(row) for row in again["categories"].iter_rows(values_only=True)]
    assert rows == [["code", "name", "kind"], ["foreign-remains", "Remains of foreign nationals", "remains"],
                    ["wounded", "Severely wounded prisoners", "living"], ["memo", "Memoranda", "none"]]  # fmt: skip


def test_a_dump_without_categories_of_its_own_writes_none_and_removes_an_old_one(db: str, tmp_path: Path) -> None:
    ok(db, *MEMO)
    ok(db, "dump", str(tmp_path / "dump"))
    assert (tmp_path / "dump" / "categories.csv").exists()
    ok(db, "category", "void", "memo", "--reason", "unused")
    assert ok(db, "dump", str(tmp_path / "dump")) == (
        f"Wrote 0 rows to {tmp_path / 'dump'} (8 CSV files and datapackage.json).\n"
    )
    assert not (tmp_path / "dump" / "categories.csv").exists()
    descriptor = json.loads((tmp_path / "dump" / "datapackage.json").read_text(encoding="utf-8"))
    assert "categories" not in [r["name"] for r in descriptor["resources"]]


def test_a_package_s_categories_load_before_its_terms(round1: str, tmp_path: Path) -> None:
    folder = tmp_path / "package"
    folder.mkdir()
    (folder / "terms.csv").write_text(
        "term,round,category,deliverer,receiver,quantity\nr1-foreign,istanbul-2025-r1,foreign-remains,RUS,UKR,10\n",
        encoding="utf-8",
    )
    (folder / "categories.csv").write_text(
        "code,name,kind\nforeign-remains,Remains of foreign nationals,remains\npow,Prisoners of war,living\n",
        encoding="utf-8",
    )
    # A built-in category given as it is, is the ledger's already.
    assert ok(round1, "load", str(folder)) == (
        f"Loaded {folder}: added 1 category, 1 term; changed nothing; 1 unchanged.\n"
    )


def _refused_load(db: str, folder: Path, files: dict[str, str]) -> str:
    """Write a package and load it, which must be refused with nothing written; its error output."""
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    before = counts(db)
    result = run(db, "load", str(folder))
    assert result.exit_code == 2 and counts(db) == before
    return result.stderr


def test_a_package_row_of_a_category_that_counts_nobody_is_refused_once_for_its_obligation(
    round1: str, tmp_path: Path
) -> None:
    ok(round1, *MEMO)
    terms = (
        "term,round,category,deliverer,receiver,quantity,basis,per\n"
        "r1-memo,istanbul-2025-r1,memo,,,,ratio,r1-pow-exchange\n"
        "r1-other,istanbul-2025-r1,other,,,,exact,\n"
    )
    assert _refused_load(round1, tmp_path / "package", {"terms.csv": terms}) == (
        "terms.csv:2: deliverer: a term of category memo has no obligations (no deliverer, receiver or quantity)\n"
        "terms.csv:3: deliverer: a term of category other has no obligations (no deliverer, receiver or quantity)\n"
        f"Error: {tmp_path / 'package'}: 2 problems; nothing was loaded\n"
    )


def test_a_package_s_bad_categories_are_refused_with_their_place(round1: str, tmp_path: Path) -> None:
    ok(round1, *WOUNDED)
    folder = tmp_path / "package"
    categories = (
        "code,name,kind\n"
        "pow,Prisoners,living\n"
        "Bad,X,living\n"
        "no-name,,remains\n"
        "dead,Dead,dead\n"
        "wounded,Lightly wounded,living\n"
        "dead,Dead,remains\n"
        "x,X,none\n"
    )
    terms = "term,round,category,quantity,deliverer,receiver\nr1-bad,istanbul-2025-r1,Bad,5,RUS,UKR\n"
    assert _refused_load(round1, folder, {"categories.csv": categories, "terms.csv": terms}) == (
        "categories.csv:2: code: 'pow' is a built-in category (Prisoners of war, living), which cannot change: give "
        "another code\n"
        "categories.csv:3: code: must be 2 to 16 small letters, digits, '_' or '-', starting with a letter, got 'Bad'\n"
        "categories.csv:4: name: is required\n"
        "categories.csv:5: kind: must be one of living, remains, none, got 'dead'\n"
        "categories.csv:6: category wounded: name: Severely wounded prisoners → Lightly wounded; it is already in the "
        "ledger: --update amends it\n"
        "categories.csv:7: code: 'dead' is given twice (first on line 5)\n"
        "categories.csv:8: code: must be 2 to 16 small letters, digits, '_' or '-', starting with a letter, got 'x'\n"
        f"terms.csv:2: category: must be one of {KNOWN}, wounded, got 'Bad'\n"
        f"Error: {folder}: 8 problems; nothing was loaded\n"
    )
    missing = tmp_path / "categories.csv"
    missing.write_text("code,name\nwounded,W\n", encoding="utf-8")
    result = run(round1, "load", str(missing))
    assert (result.exit_code, result.stderr.splitlines()[0]) == (2, "categories.csv:1: missing required column kind")


def test_a_package_amends_a_category_only_with_update_and_only_as_its_records_allow(
    custom: str, tmp_path: Path
) -> None:
    folder = tmp_path / "package"
    folder.mkdir()
    (folder / "categories.csv").write_text(
        "code,name,kind\nwounded,Severely wounded prisoners,none\n", encoding="utf-8"
    )
    before = counts(custom)
    result = run(custom, "load", str(folder), "--update")
    assert (result.exit_code, counts(custom) == before) == (2, True)
    assert result.stderr == (
        "categories.csv:2: kind: term r1-wounded: obligations: a term of category wounded has no obligations (no "
        "deliverer, receiver or quantity)\n"
        f"categories.csv:2: kind: transfer t-wounded: category: 'wounded' counts nobody (kind none): give one of "
        f"{PEOPLE}, foreign-remains\n"
        f"Error: {folder}: 2 problems; nothing was loaded\n"
    )
    (folder / "categories.csv").write_text("code,name,kind\nwounded,Wounded prisoners,living\n", encoding="utf-8")
    assert ok(custom, "load", str(folder), "--update") == (
        "changed category wounded: name: Severely wounded prisoners → Wounded prisoners\n"
        f"Loaded {folder}: added nothing; changed 1 category; 0 unchanged.\n"
    )


# The library


def test_the_library_adds_lists_and_reports_by_category(custom: str) -> None:
    ledger = Ledger.open(normalise_url(custom))
    try:
        record = ledger.add("category", {"code": "hostage-f", "name": "Female soldiers held", "kind": "living"})
        assert (record.code, record.kind) == ("hostage-f", "living")
        added = ledger.records("category", builtin=False)
        assert [(c["code"], c["kind"]) for c in added] == [
            ("foreign-remains", "remains"), ("wounded", "living"), ("memo", "none"), ("hostage-f", "living")
        ]  # fmt: skip
        frame = ledger.report("fulfilment", category="foreign-remains")
        assert list(zip(frame["term"], frame["delivered"], strict=True)) == [("r1-foreign", 4)]
        with pytest.raises(InvalidInput) as refusal:
            ledger.report("fulfilment", category="cats")
        assert [str(p) for p in refusal.value.problems] == [
            f"category: must be one of {KNOWN}, foreign-remains, wounded, memo, hostage-f, got 'cats'"
        ]
        with pytest.raises(InvalidInput) as refusal:
            ledger.add("category", {"code": "bodies", "name": "Bodies", "kind": "living"})
        assert [str(p) for p in refusal.value.problems] == [
            "code: 'bodies' is a built-in category (Remains of the dead, remains), which cannot change: give another "
            "code"
        ]
        with pytest.raises(InvalidInput):
            ledger.records("transfer", category="cats")
    finally:
        ledger.close()


# Verification and upgrades


def test_verify_names_a_builtin_category_altered_behind_the_ledger_s_back(db: str) -> None:
    sql(db, "UPDATE category SET kind = 'remains' WHERE code = 'pow'")
    result = run(db, "verify")
    assert result.exit_code == 1
    assert (
        "category pow: built in as 'Prisoners of war', living, and holds 'Prisoners of war', remains (altered "
        "behind the ledger's back)"
    ) in result.output


def test_an_added_category_written_behind_the_ledger_s_back_is_named(db: str) -> None:
    sql(db, "INSERT INTO category (code, name, kind, position, builtin, voided) VALUES ('sneak', 'S', 'living', 9, "
            "false, false)")  # fmt: skip
    result = run(db, "verify")
    assert result.exit_code == 1
    assert "category sneak: has no journal entry (written behind the ledger's back)" in result.output


def test_an_upgrade_journals_the_records_but_not_the_builtin_categories(empty_url: str) -> None:
    url = normalise_url(empty_url)
    migrate.upgrade(url, "0009")  # a ledger before the categories, whose journal was never begun
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.execute(sa.text("INSERT INTO party (code, name, kind, voided) VALUES ('UKR', 'Ukraine', 'state', "
                                   "false)"))  # fmt: skip
    engine.dispose()
    migrate.upgrade(url)
    log = _csv(ok(empty_url, "log", "--format", "csv"))
    assert [(e["action"], e["entity"], e["records"]) for e in log] == [("load", "party", "1")]
    assert ok(empty_url, "verify").startswith("Verified: 1 journal entries chain correctly and 1 records match them;")
    assert ok(empty_url, "category", "list") == BUILTIN_TABLE
