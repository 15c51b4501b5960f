"""A package's corrections.csv: records changed as they happened (handed over, then amended or
voided with a reason), applied after the rest of the package as `amend` and `void` would, so that
`history` tells the story; every bad row refused with its file, line and column."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import ledger
from ledger.package import FILES, OPTIONAL

from conftest import counts, ok, run

PACKAGE = {
    "parties.csv": (
        "code,name,kind,aliases\n"
        "HAM,Hamas,group,\n"
        "ICRC,International Committee of the Red Cross,organisation,\n"
        "ISR,Israel,state,\n"
    ),
    "sources.csv": "key,publisher,title,url,published,language,kind\nsrc,Reuters,,,2025-10-13,en,media\n",
    "processes.csv": "key,name,description\np,Ceasefire talks,\n",
    "rounds.csv": (
        "key,process,number,start_date,end_date,status,venue,city,country,parties,mediators,hosts,observers,"
        "heads,sources,notes\n"
        "r1,p,1,2025-10-09,,held,,,,HAM;ISR,,,,,src,\n"
    ),
    "terms.csv": (
        "term,round,category,deliverer,receiver,quantity,basis,min_age,max_age,condition,status,supersedes,"
        "deadline,sources,description\n"
        "remains,r1,bodies,HAM,ISR,28,exact,,,,agreed,,,src,\n"
    ),
    "transfers.csv": (
        "key,date,deliverer,receiver,category,count,terms,exchange,intermediaries,location,sources,notes\n"
        "t1,2025-10-13,HAM,ISR,bodies,4,,,ICRC,,src,\n"
        "t2,2025-10-14,HAM,ISR,bodies,4,,,ICRC,,src,\n"
        "t3,2025-10-15,HAM,ISR,bodies,2,,,ICRC,,src,\n"
    ),
    "corrections.csv": (
        "entity,key,action,field,value,reason\n"
        "transfer,t2,amend,count,3,one of the four was not a hostage\n"
        "transfer,t3,void,,,neither was a hostage\n"
    ),
}
COUNT = 'must be a whole number ≥ 0 or "undisclosed", got'
HEADER = "entity,key,action,field,value,reason\n"


@pytest.fixture
def package(tmp_path: Path) -> Path:
    folder = tmp_path / "package"
    folder.mkdir()
    for name, text in PACKAGE.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _corrections(folder: Path, *rows: str) -> None:
    (folder / "corrections.csv").write_text(HEADER + "".join(f"{row}\n" for row in rows), encoding="utf-8")


def _history(db: str, key: str) -> list[str]:
    """A transfer's history without the times and actor of its entries."""
    lines = ok(db, "transfer", "history", key).splitlines()
    return [
        line if line.startswith("    ") else line.split("  ", 1)[0] + "  " + line.split("  ", 3)[3] for line in lines
    ]


def test_the_corrections_are_applied_after_the_package_and_history_tells_the_story(db: str, package: Path) -> None:
    assert ok(db, "load", str(package)) == (
        "changed transfer t2: count: 4 → 3 (corrections.csv:2)\n"
        "changed transfer t3: voided (corrections.csv:3)\n"
        f"Loaded {package}: added 3 parties, 1 source, 1 process, 1 round, 1 term, 3 transfers; "
        "changed 2 transfers; 0 unchanged.\n"
    )
    assert _history(db, "t2") == [
        f"#6  load — loaded from {package}",
        "#7  amend — one of the four was not a hostage",
        "    count: 4 → 3",
    ]
    assert _history(db, "t3") == [
        f"#6  load — loaded from {package}",
        "#8  void — neither was a hostage",
        "    voided: False → True",
    ]
    listed = json.loads(ok(db, "transfer", "list", "--format", "json"))
    assert [(t["key"], t["count"]) for t in listed] == [("t1", 4), ("t2", 3)]
    (row,) = json.loads(ok(db, "report", "fulfilment", "--format", "json"))
    assert (row["term"], row["committed"], row["delivered"], row["outstanding"]) == ("remains", 28, 7, 21)
    assert ok(db, "verify").startswith("Verified")


def test_one_record_may_be_corrected_several_times_and_history_has_each(db: str, package: Path) -> None:
    _corrections(
        package,
        "transfer,t1,amend,count,3,one was not a hostage",
        "transfer,t1,amend,notes,see the forensic report,the report came",
        "transfer,t1,void,,,none of them was a hostage",
    )
    assert ok(db, "load", str(package)) == (
        "changed transfer t1: count: 4 → 3 (corrections.csv:2)\n"
        "changed transfer t1: notes: (empty) → see the forensic report (corrections.csv:3)\n"
        "changed transfer t1: voided (corrections.csv:4)\n"
        f"Loaded {package}: added 3 parties, 1 source, 1 process, 1 round, 1 term, 3 transfers; "
        "changed 1 transfer; 0 unchanged.\n"
    )
    assert _history(db, "t1") == [
        f"#6  load — loaded from {package}",
        "#7  amend — one was not a hostage",
        "    count: 4 → 3",
        "#8  amend — the report came",
        "    notes: (empty) → see the forensic report",
        "#9  void — none of them was a hostage",
        "    voided: False → True",
    ]
    assert ok(db, "verify").startswith("Verified")
    assert ok(db, "load", str(package)) == f"Loaded {package}: nothing new, 10 records already in the ledger.\n"


def test_loading_the_corrected_package_again_changes_nothing(db: str, package: Path) -> None:
    ok(db, "load", str(package))
    before = counts(db)
    assert ok(db, "load", str(package)) == f"Loaded {package}: nothing new, 10 records already in the ledger.\n"
    assert ok(db, "load", str(package), "--dry-run") == (
        f"Dry run of {package}, nothing written: would add nothing; would change nothing; 10 unchanged.\n"
    )
    assert counts(db) == before


def test_a_dry_run_says_what_the_corrections_would_change_and_writes_nothing(db: str, package: Path) -> None:
    before = counts(db)
    assert ok(db, "load", str(package), "--dry-run") == (
        "would change transfer t2: count: 4 → 3 (corrections.csv:2)\n"
        "would change transfer t3: voided (corrections.csv:3)\n"
        f"Dry run of {package}, nothing written: would add 3 parties, 1 source, 1 process, 1 round, 1 term, "
        "3 transfers; would change 2 transfers; 0 unchanged.\n"
    )
    assert counts(db) == before


def test_a_corrections_file_alone_corrects_the_ledger(db: str, package: Path, tmp_path: Path) -> None:
    (package / "corrections.csv").unlink()
    ok(db, "load", str(package))
    alone = tmp_path / "later"
    alone.mkdir()
    _corrections(alone, "transfer,t1,amend,notes,one set of remains was a Palestinian's,identified on 14 October")
    assert ok(db, "load", str(alone / "corrections.csv")) == (
        "changed transfer t1: notes: (empty) → one set of remains was a Palestinian's (corrections.csv:2)\n"
        f"Loaded {alone / 'corrections.csv'}: added nothing; changed 1 transfer; 0 unchanged.\n"
    )
    assert _history(db, "t1")[-2:] == ["#7  amend — identified on 14 October",
                                       "    notes: (empty) → one set of remains was a Palestinian's"]  # fmt: skip


@pytest.mark.parametrize(
    ("rows", "problems"),
    [
        (["term,remains,amend,quantity,30,more"], ["3: field: quantity cannot be corrected here: void the term and "
                                                   "add it anew"]),
        (["claim,1,void,,,twice"], ["2: entity: must be one of party, source, process, round, category, term, "
                                    "transfer, assertion, got 'claim' (a claim has no key in a package)"]),
        (["transfer,t1,delete,,,gone"], ["2: action: must be amend or void, got 'delete'"]),
        (["transfer,t1,void,,,"], ["2: reason: is required"]),
        (["transfer,t1,void,count,,gone"], ["2: field: must be empty for a void: a void changes no field"]),
        (["transfer,t1,amend,,3,fewer"], ["2: field: is required for an amend: name the column to change"]),
        (["transfer,t1,amend,size,3,fewer"], ["2: field: is not a column of transfers.csv: the columns are key, "
                                              "date, deliverer, receiver, category, count, terms, exchange, "
                                              "intermediaries, location, sources, notes"]),
        (["transfer,t1,amend,key,t9,renamed"], ["2: field: key cannot be corrected here: void the transfer and "
                                                "add it anew"]),
        (["transfer,t9,void,,,gone"], ["2: key: no transfer 't9'"]),
        (["transfer,t1,amend,count,three,fewer"], [f"2: value: count: {COUNT} 'three'"]),
        (["transfer,t3,void,,,gone", "transfer,t3,amend,count,1,fewer"], ["3: key: transfer 't3' is voided"]),
        (["transfer,t1,amend,count,x,a", "transfer,t9,void,,,b"], [f"2: value: count: {COUNT} 'x'",
                                                                   "3: key: no transfer 't9'"]),
        (["transfer,t1,void,,,gone,extra"], ["2: has 7 cells, and the header has 6"]),
        (["transfer,t3,void,,,gone", "transfer,t3,void,,,again"], ["3: key: transfer 't3' is voided on line 2 "
                                                                   "already"]),
        (["round,r1,void,,,not held"], ["2: key: 1 live record depends on round r1 (term remains): void it first, "
                                        "in an earlier row"]),
    ],
)  # fmt: skip
def test_a_bad_correction_is_refused_with_its_line_and_column_and_nothing_is_loaded(
    db: str, package: Path, rows: list[str], problems: list[str]
) -> None:
    if rows[0].startswith("term"):
        rows = ["transfer,t1,amend,notes,fine,first", *rows]
    _corrections(package, *rows)
    before = counts(db)
    result = run(db, "load", str(package))
    assert result.exit_code == 2, result.output
    assert result.stderr == "".join(f"corrections.csv:{p}\n" for p in problems) + (
        f"Error: {package}: {len(problems)} problem{'s' if len(problems) > 1 else ''}; nothing was loaded\n"
    )
    assert counts(db) == before


def test_a_corrections_file_needs_its_columns(db: str, package: Path) -> None:
    (package / "corrections.csv").write_text("entity,key,action\ntransfer,t1,void\n", encoding="utf-8")
    result = run(db, "load", str(package))
    assert result.exit_code == 2
    assert result.stderr == (
        f"corrections.csv:1: missing required column reason\nError: {package}: 1 problem; nothing was loaded\n"
    )


def test_a_dump_holds_the_corrected_records_and_no_corrections_file(
    db: str, fresh_db: str, package: Path, tmp_path: Path
) -> None:
    ok(db, "load", str(package))
    dumped = tmp_path / "dump"
    dumped.mkdir()
    (dumped / "corrections.csv").write_text(PACKAGE["corrections.csv"], encoding="utf-8")  # from before
    ok(db, "dump", str(dumped))
    assert sorted(p.name for p in dumped.iterdir()) == sorted(
        [f"{s}.csv" for e, s in FILES.items() if e not in OPTIONAL] + ["datapackage.json"]
    )
    assert (dumped / "transfers.csv").read_text(encoding="utf-8") == (
        "key,date,deliverer,receiver,category,count,terms,exchange,intermediaries,location,sources,notes\n"
        "t1,2025-10-13,HAM,ISR,bodies,4,,,ICRC,,src,\n"
        "t2,2025-10-14,HAM,ISR,bodies,3,,,ICRC,,src,\n"
    )
    for name in ("parties.csv", "sources.csv", "processes.csv", "rounds.csv"):
        assert (dumped / name).read_text(encoding="utf-8") == PACKAGE[name]
    ok(fresh_db, "load", str(dumped))
    again = tmp_path / "again"
    ok(fresh_db, "dump", str(again))
    assert {p.name: p.read_bytes() for p in again.iterdir()} == {p.name: p.read_bytes() for p in dumped.iterdir()}


def test_the_descriptor_lists_the_corrections_of_a_package_that_has_them() -> None:
    plain = ledger.Ledger.descriptor()
    assert "corrections" not in [r["name"] for r in plain["resources"]]
    (resource,) = [
        r for r in ledger.Ledger.descriptor(with_corrections=True)["resources"] if r["name"] == "corrections"
    ]
    assert resource["path"] == "corrections.csv"
    assert [f["name"] for f in resource["schema"]["fields"]] == ["entity", "key", "action", "field", "value", "reason"]
    assert resource["schema"]["fields"][2]["constraints"] == {"required": True, "enum": ["amend", "void"]}


def test_a_workbook_may_carry_its_corrections_as_a_sheet(db: str, package: Path, tmp_path: Path) -> None:
    import csv

    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, text in PACKAGE.items():
        sheet = book.create_sheet(name.removesuffix(".csv"))
        for row in csv.reader(text.splitlines()):
            sheet.append(row)
    book.save(tmp_path / "package.xlsx")
    ok(db, "load", str(tmp_path / "package.xlsx"))
    listed = json.loads(ok(db, "transfer", "list", "--format", "json"))
    assert [(t["key"], t["count"]) for t in listed] == [("t1", 4), ("t2", 3)]
