"""Data packages: loading and dumping whole ledgers, all or nothing, with every problem located."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ledger.domain import BUILTIN_CATEGORIES
from ledger.package import FILES, OPTIONAL

from conftest import counts, ok, run

DATA = Path(__file__).resolve().parent.parent / "data" / "istanbul-2025"
# The files of a dump of a ledger with no categories of its own (categories.csv is written only then).
PACKAGE_FILES = [f"{stem}.csv" for entity, stem in FILES.items() if entity not in OPTIONAL] + ["datapackage.json"]


def _files(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in PACKAGE_FILES}


def _as_dumped(folder: Path) -> dict[str, bytes]:
    """A shipped dataset's files as a dump of it writes them: without the licence it states (a
    ledger keeps none)."""
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor.pop("licenses")
    return {
        **_files(folder),
        "datapackage.json": (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode(),
    }


def refused_load(db: str, *args: str) -> str:
    """A load that must be refused: exit 2 and the ledger exactly as before; its error output."""
    before = counts(db)
    result = run(db, "load", *args)
    assert result.exit_code == 2, result.output
    assert counts(db) == before
    return result.stderr


# The real dataset


def test_the_istanbul_dataset_loads_and_dumps_back_byte_for_byte(db: str, tmp_path: Path) -> None:
    assert ok(db, "load", str(DATA)) == (
        f"Loaded {DATA}: added 6 parties, 35 sources, 1 process, 3 rounds, 12 terms, 48 transfers, 15 claims, "
        "1 assertion; changed nothing; 0 unchanged.\n"
    )
    found = counts(db)
    assert (found["transfer"], found["obligation"], found["allocation"], found["claim"]) == (48, 15, 60, 15)
    ok(db, "dump", str(tmp_path / "dump"))
    assert _files(tmp_path / "dump") == _as_dumped(DATA)


@pytest.mark.usefixtures("istanbul")  # the db ledger holds the dataset, loaded
def test_loading_the_same_package_again_changes_nothing_and_says_so(db: str) -> None:
    before = counts(db)
    assert ok(db, "load", str(DATA)) == f"Loaded {DATA}: nothing new, 121 records already in the ledger.\n"
    assert counts(db) == before


@pytest.mark.usefixtures("istanbul")  # the db ledger holds the dataset, loaded
def test_the_dataset_figures_are_the_records(db: str) -> None:
    import json

    bodies = json.loads(ok(db, "transfer", "list", "--format", "json", "--category", "bodies", "--until", "2025-06-30"))
    to_ukraine = [t["count"] for t in bodies if t["receiver"] == "UKR"]
    assert to_ukraine == [1212, 1200, 1200, 1200, 1245] and sum(to_ukraine) == 6057
    assert [t["count"] for t in bodies if t["receiver"] == "RUS"] == [78]
    stages = json.loads(ok(db, "transfer", "list", "--format", "json", "--round", "istanbul-2025-r2"))
    assert {t["count"] for t in stages if t["category"] == "pow"} == {"undisclosed"}
    assert json.loads(ok(db, "assertion", "list", "--format", "json"))[0]["expected"] == 6057


# Round trips


@pytest.mark.usefixtures("istanbul")  # the db ledger holds the dataset, loaded
def test_a_workbook_dump_loads_back(db: str, tmp_path: Path, fresh_db: str) -> None:
    assert (
        ok(db, "dump", str(tmp_path / "ledger.xlsx")) == f"Wrote 127 rows to {tmp_path / 'ledger.xlsx'} (8 sheets).\n"
    )
    from openpyxl import load_workbook

    book = load_workbook(tmp_path / "ledger.xlsx", read_only=True)
    assert book.sheetnames == [stem for entity, stem in FILES.items() if entity not in OPTIONAL]
    ok(fresh_db, "load", str(tmp_path / "ledger.xlsx"))
    ok(fresh_db, "dump", str(tmp_path / "again"))
    assert _files(tmp_path / "again") == _as_dumped(DATA)


def test_a_single_file_loads_on_its_own(db: str, tmp_path: Path) -> None:
    ok(db, "load", str(DATA / "parties.csv"))
    assert counts(db)["party"] == 6
    (tmp_path / "processes.csv").write_text("key,name\ngeneva-2026,Geneva talks\n", encoding="utf-8")
    assert ok(db, "load", str(tmp_path / "processes.csv")).startswith("Loaded")
    assert counts(db)["process"] == 1


def test_a_package_may_hold_any_subset_of_files(db: str, tmp_path: Path) -> None:
    folder = tmp_path / "p"
    folder.mkdir()
    for name in ("parties.csv", "sources.csv", "processes.csv", "rounds.csv"):
        shutil.copy(DATA / name, folder / name)
    (folder / "README.md").write_text("other files are left alone", encoding="utf-8")
    ok(db, "load", str(folder))
    assert (counts(db)["round"], counts(db)["term"]) == (3, 0)


# Bad input: every problem, with its place, and nothing written


@pytest.fixture
def package(tmp_path: Path) -> Path:
    folder = tmp_path / "package"
    folder.mkdir()
    for name in PACKAGE_FILES:
        shutil.copy(DATA / name, folder / name)
    return folder


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_every_bad_row_is_reported_with_file_line_and_column(db: str, package: Path) -> None:
    _edit(package / "transfers.csv", "RUS,UKR,pow,270,", "RUS,UKR,pow,-3,")
    _edit(package / "transfers.csv", "2025-05-24,RUS,UKR,pow,307", "2025-05-34,RUS,RUS,pow,307")
    _edit(package / "parties.csv", "USA,United States,state,", "USA,United States,empire,")
    assert refused_load(db, str(package)) == (
        "parties.csv:7: kind: must be one of state, organisation, group, other, got 'empire'\n"
        "transfers.csv:3: count: must be a whole number ≥ 0 or \"undisclosed\", got '-3'\n"
        "transfers.csv:6: date: is not a real date, got '2025-05-34'\n"
        "transfers.csv:6: receiver: must differ from the deliverer, got 'RUS' for both\n"
        f"Error: {package}: 4 problems; nothing was loaded\n"
    )


def test_a_bad_row_on_the_last_line_of_the_last_file(db: str, package: Path) -> None:
    lines = (package / "assertions.csv").read_text(encoding="utf-8").splitlines()
    lines[-1] = lines[-1].replace(",6057,", ",-6057,")
    (package / "assertions.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert refused_load(db, str(package)) == (
        "assertions.csv:2: expected: must be a whole number ≥ 0, got '-6057'\n"
        f"Error: {package}: 1 problem; nothing was loaded\n"
    )
    assert counts(db)["transfer"] == 0


def test_a_reference_to_nothing_is_refused(db: str, package: Path) -> None:
    _edit(
        package / "terms.csv",
        "r3-bodies-3000,istanbul-2025-r3,bodies,RUS",
        "r3-bodies-3000,istanbul-2025-r3,bodies,XYZ",
    )
    _edit(package / "claims.csv", "transfer:2025-06-ukr-rus-bodies", "transfer:2025-06-ukr-rus-body")
    assert refused_load(db, str(package)) == (
        "terms.csv:14: deliverer: unknown party 'XYZ'\n"
        "claims.csv:14: subject: unknown transfer '2025-06-ukr-rus-body'\n"
        f"Error: {package}: 2 problems; nothing was loaded\n"
    )


def test_the_rows_of_one_term_must_agree(db: str, package: Path) -> None:
    _edit(
        package / "terms.csv",
        "r1-pow-1000-for-1000,istanbul-2025-r1,pow,RUS,UKR,1000,exact,,,,,agreed",
        "r1-pow-1000-for-1000,istanbul-2025-r1,pow,RUS,UKR,1000,exact,,,,,proposed",
    )
    assert refused_load(db, str(package)).startswith(
        "terms.csv:4: status: 'proposed' differs from line 3 of the same term, which has 'agreed'\n"
    )


def test_a_key_given_twice_is_refused(db: str, package: Path) -> None:
    with (package / "processes.csv").open("a", encoding="utf-8") as handle:
        handle.write("istanbul-2025,Again,\n")
    assert refused_load(db, str(package)) == (
        "processes.csv:3: key: 'istanbul-2025' is given twice (first on line 2)\n"
        f"Error: {package}: 1 problem; nothing was loaded\n"
    )


def test_unknown_and_missing_columns_are_refused(db: str, tmp_path: Path) -> None:
    (tmp_path / "parties.csv").write_text("code,nmae,colour\nUKR,Ukraine,blue\n", encoding="utf-8")
    assert refused_load(db, str(tmp_path / "parties.csv")) == (
        "parties.csv:1: unknown columns 'nmae', 'colour'; the columns are: code, name, kind, aliases\n"
        "parties.csv:1: missing required column name\n"
        f"Error: {tmp_path / 'parties.csv'}: 2 problems; nothing was loaded\n"
    )


def test_a_row_with_more_cells_than_the_header(db: str, tmp_path: Path) -> None:
    (tmp_path / "parties.csv").write_text("code,name\nUKR,Ukraine,state\n", encoding="utf-8")
    assert refused_load(db, str(tmp_path / "parties.csv")).startswith(
        "parties.csv:2: has 3 cells, and the header has 2\n"
    )


def test_a_bom_is_accepted_and_blank_lines_skipped(db: str, tmp_path: Path) -> None:
    (tmp_path / "parties.csv").write_bytes("\ufeffcode,name,aliases\r\nUKR,Ukraine,Україна\r\n\r\n,,\r\n".encode())
    ok(db, "load", str(tmp_path / "parties.csv"))
    assert ok(db, "party", "show", "UKR") == "code:    UKR\nname:    Ukraine\nkind:    state\naliases: Україна\n"


def test_other_encodings_are_refused_unless_named(db: str, tmp_path: Path) -> None:
    path = tmp_path / "parties.csv"
    path.write_bytes("code,name,aliases\nUKR,Ukraine,Україна\nRUS,Russia,Россия\n".encode("cp1251"))
    assert refused_load(db, str(path)) == (
        "Error: parties.csv: line 2: is not utf-8-sig text (byte 0xd3); save it as UTF-8, or name its encoding "
        "with --encoding (such as cp1251)\n"
    )
    ok(db, "load", str(path), "--encoding", "cp1251")
    assert "aliases: Россия\n" in ok(db, "party", "show", "RUS")
    assert refused_load(db, str(path), "--encoding", "klingon") == "Error: --encoding: unknown encoding 'klingon'\n"


def test_files_that_are_not_part_of_a_package(db: str, tmp_path: Path) -> None:
    (tmp_path / "transfer.csv").write_text("key\n", encoding="utf-8")
    assert refused_load(db, str(tmp_path / "transfer.csv")) == (
        "Error: transfer.csv: a single file must be named after what it holds: parties.csv, sources.csv, "
        "processes.csv, rounds.csv, categories.csv, terms.csv, transfers.csv, claims.csv, assertions.csv, "
        "corrections.csv\n"
    )
    assert refused_load(db, str(tmp_path)).startswith(f"Error: {tmp_path}: transfer.csv is not a package file")
    assert refused_load(db, str(tmp_path / "missing")) == f"Error: {tmp_path / 'missing'}: no such file or folder\n"


def test_problems_past_fifty_are_counted(db: str, tmp_path: Path) -> None:
    rows = "".join(f"P{i},\n" for i in range(60))
    (tmp_path / "parties.csv").write_text("code,name\n" + rows, encoding="utf-8")
    error = refused_load(db, str(tmp_path / "parties.csv"))
    assert error.count("name: is required") == 50
    assert error.endswith(f"… and 10 more\nError: {tmp_path / 'parties.csv'}: 60 problems; nothing was loaded\n")


# Changes, updates and dry runs


@pytest.mark.usefixtures("istanbul")  # the db ledger holds the dataset, loaded
def test_a_changed_record_is_refused_without_update_and_amended_with_it(db: str, package: Path) -> None:
    _edit(package / "transfers.csv", "RUS,UKR,pow,270,", "RUS,UKR,pow,271,")
    _edit(package / "rounds.csv", "UKR;RUS,TUR,TUR", "UKR;RUS,TUR,TUR;UAE")
    assert refused_load(db, str(package)) == (
        "rounds.csv:2: round istanbul-2025-r1: hosts: TUR → TUR;UAE; it is already in the ledger: --update amends it\n"
        "transfers.csv:3: transfer 2025-05-23-rus-ukr-pow: count: 270 → 271; it is already in the ledger: "
        "--update amends it\n"
        f"Error: {package}: 2 problems; nothing was loaded\n"
    )
    before = counts(db)
    dry = ok(db, "load", str(package), "--update", "--dry-run")
    assert dry.endswith(
        f"Dry run of {package}, nothing written: would add nothing; would change 1 round, 1 transfer; 119 unchanged.\n"
    )
    assert "would change transfer 2025-05-23-rus-ukr-pow: count: 270 → 271\n" in dry
    assert counts(db) == before
    assert ok(db, "load", str(package), "--update") == (
        "changed round istanbul-2025-r1: hosts: TUR → TUR;UAE\n"
        "changed transfer 2025-05-23-rus-ukr-pow: count: 270 → 271\n"
        f"Loaded {package}: added nothing; changed 1 round, 1 transfer; 119 unchanged.\n"
    )
    assert "count:          271\n" in ok(db, "transfer", "show", "2025-05-23-rus-ukr-pow")
    assert "hosts:      TUR;UAE\n" in ok(db, "round", "show", "istanbul-2025-r1")
    assert counts(db)["round_participant"] == before["round_participant"] + 1


def test_a_dry_run_writes_nothing(db: str) -> None:
    assert ok(db, "load", str(DATA), "--dry-run") == (
        f"Dry run of {DATA}, nothing written: would add 6 parties, 35 sources, 1 process, 3 rounds, 12 terms, "
        "48 transfers, 15 claims, 1 assertion; would change nothing; 0 unchanged.\n"
    )
    # the ledger's identity and its built-in categories only
    assert counts(db) == {**dict.fromkeys(counts(db), 0), "ledger_origin": 1, "category": len(BUILTIN_CATEGORIES)}


@pytest.mark.usefixtures("istanbul")  # the db ledger holds the dataset, loaded
def test_update_can_change_a_terms_obligations(db: str, package: Path) -> None:
    _edit(
        package / "terms.csv",
        "r3-bodies-3000,istanbul-2025-r3,bodies,RUS,UKR,3000",
        "r3-bodies-3000,istanbul-2025-r3,bodies,RUS,UKR,3001",
    )
    assert ok(db, "load", str(package), "--update").startswith(
        "changed term r3-bodies-3000: obligations: RUS:UKR:3000:exact → RUS:UKR:3001:exact\n"
    )
    assert "quantity=3001" in ok(db, "term", "show", "r3-bodies-3000")


def test_dump_refuses_to_write_a_folder_over_a_file(db: str, tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("x", encoding="utf-8")
    result = run(db, "dump", str(tmp_path / "taken"))
    assert (result.exit_code, result.stderr) == (
        2,
        f"Error: {tmp_path / 'taken'}: is a file; a CSV package is written to a folder\n",
    )
