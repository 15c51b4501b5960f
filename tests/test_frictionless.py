"""Frictionless reads a ledger package as the ledger does: every shipped package and every dump
validates against its own `datapackage.json`, and a bad cell is found at its row and field."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import frictionless
import pytest

from ledger.domain import BUILTIN_CATEGORIES
from ledger.facade import Ledger

from conftest import ok

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = sorted((ROOT / "data").glob("*/datapackage.json"))


def problems(folder: Path) -> list[tuple[str, int | None, str | None, str]]:
    """What `frictionless validate` finds in the package: (file, row, field, kind) for each error."""
    report = frictionless.validate(str(folder / "datapackage.json"))
    assert report.tasks, "frictionless validated nothing"
    return [
        (task.name, getattr(error, "row_number", None), getattr(error, "field_name", None), error.type)
        for task in report.tasks
        for error in task.errors
    ] + [("", None, None, error.type) for error in report.errors]


def test_every_shipped_dataset_is_found() -> None:
    assert [path.parent.name for path in PACKAGES] == sorted(p.name for p in (ROOT / "data").iterdir() if p.is_dir())


@pytest.mark.parametrize("descriptor", PACKAGES, ids=lambda path: path.parent.name)
def test_a_shipped_package_is_valid(descriptor: Path) -> None:
    report = frictionless.validate(str(descriptor))
    assert problems(descriptor.parent) == []
    assert report.valid
    # every file of the package was read, not only described
    assert sorted(task.name for task in report.tasks) == sorted(path.stem for path in descriptor.parent.glob("*.csv"))


@pytest.mark.parametrize("descriptor", PACKAGES, ids=lambda path: path.parent.name)
def test_a_dump_of_a_shipped_package_is_valid(db: str, descriptor: Path, tmp_path: Path) -> None:
    ok(db, "load", str(descriptor.parent))
    ok(db, "dump", str(tmp_path / "dump"))
    assert problems(tmp_path / "dump") == []


# What a bad cell gives: its row (counting the header as 1) and field


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """A copy of the Istanbul dataset to spoil."""
    folder = tmp_path / "istanbul-2025"
    shutil.copytree(ROOT / "data" / "istanbul-2025", folder)
    return folder


def set_cell(folder: Path, stem: str, row: int, field: str, value: str) -> None:
    path = folder / f"{stem}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[row - 1][rows[0].index(field)] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


@pytest.mark.parametrize("count", ["12abc", "abc12", "-3", "1 000", "Undisclosed", "undisclosed12"])
def test_a_count_that_is_not_a_whole_number_or_undisclosed_is_found(package: Path, count: str) -> None:
    set_cell(package, "transfers", 4, "count", count)
    assert problems(package) == [("transfers", 4, "count", "constraint-error")]


@pytest.mark.parametrize("date", ["2025-13-01", "2025-04-31", "2025-02-30", "2025-00", "2025-5-16", "16.05.2025"])
def test_an_impossible_date_is_found(package: Path, date: str) -> None:
    set_cell(package, "transfers", 3, "date", date)
    assert problems(package) == [("transfers", 3, "date", "constraint-error")]


@pytest.mark.parametrize("deadline", ["2025-06", "2025-12-31", "P42D", "PT72H", "P1DT12H", "P0DT12H", "P6W"])
def test_a_deadline_is_a_date_or_a_duration(package: Path, deadline: str) -> None:
    set_cell(package, "terms", 2, "deadline", deadline)
    assert problems(package) == []


@pytest.mark.parametrize("deadline", ["P", "PT", "42 days", "2025-06-31", "P0D", "PT0H", "P0DT0H", "P00W", "P1M"])
def test_a_deadline_that_is_neither_is_found(package: Path, deadline: str) -> None:
    set_cell(package, "terms", 2, "deadline", deadline)
    assert problems(package) == [("terms", 2, "deadline", "constraint-error")]


def test_a_missing_required_cell_is_found(package: Path) -> None:
    set_cell(package, "parties", 3, "name", "")
    assert problems(package) == [("parties", 3, "name", "constraint-error")]


def test_a_party_no_file_defines_is_found(package: Path) -> None:
    set_cell(package, "transfers", 5, "receiver", "XXX")
    assert problems(package) == [("transfers", 5, None, "foreign-key")]


def test_frictionless_reads_a_dumped_cell_back_as_the_ledger_wrote_it(db: str, package: Path, tmp_path: Path) -> None:
    note = 'Said "1,000 for 1,000";\nthen, a day later, 390'
    set_cell(package, "transfers", 2, "notes", note)
    ok(db, "load", str(package))
    ok(db, "dump", str(tmp_path / "dump"))
    dumped = frictionless.Package(str(tmp_path / "dump" / "datapackage.json"))
    rows = dumped.get_resource("transfers").read_rows()
    assert (rows[0]["key"], rows[0]["notes"]) == ("2025-05-23-rus-ukr-civilian", note)
    assert problems(tmp_path / "dump") == []


# The vocabulary: a word the ledger would refuse is found at its row and field


@pytest.mark.parametrize(
    ("stem", "row", "field", "value"),
    [
        ("terms", 3, "category", "prisoners"),  # no such category
        ("terms", 3, "category", "POW"),  # categories are codes, as written
        ("transfers", 4, "category", "wounded"),
        ("transfers", 4, "category", "other"),  # a transfer counts people: never a category of kind none
        ("assertions", 2, "category", "other"),
        ("terms", 3, "status", "signed"),
        ("rounds", 2, "status", "finished"),
        ("terms", 3, "basis", "approximately"),
        ("parties", 3, "kind", "country"),
        ("sources", 2, "kind", "blog"),
        ("claims", 2, "field", "venue-name"),
        ("claims", 2, "subject", "party:RUS"),  # a claim is about a round, term or transfer
        ("assertions", 2, "scope", "istanbul-2025"),  # TYPE:KEY
    ],
)
def test_a_word_outside_the_vocabulary_is_found(package: Path, stem: str, row: int, field: str, value: str) -> None:
    set_cell(package, stem, row, field, value)
    assert problems(package) == [(stem, row, field, "constraint-error")]


@pytest.mark.parametrize(
    ("stem", "row", "field"),
    [("terms", 3, "status"), ("terms", 3, "basis"), ("rounds", 2, "status"), ("parties", 3, "kind")],
)
def test_an_empty_optional_word_passes(package: Path, stem: str, row: int, field: str) -> None:
    set_cell(package, stem, row, field, "")
    assert problems(package) == []


def test_an_empty_category_is_still_missing(package: Path) -> None:
    set_cell(package, "transfers", 4, "category", "")
    assert problems(package) == [("transfers", 4, "category", "constraint-error")]


def test_a_dump_states_its_sources_and_the_licence_given(db: str, package: Path, tmp_path: Path) -> None:
    """The descriptor's `sources` are the package's sources (publisher and title, and address), and
    `--licence` with `--licence-url` become its `licenses`; Frictionless reads both."""
    ok(db, "load", str(package))
    dumped = tmp_path / "dump"
    licence = ("--licence", "CC-BY-4.0", "--licence-url", "https://creativecommons.org/licenses/by/4.0/")
    assert ok(db, "dump", str(dumped), *licence) == f"Wrote 127 rows to {dumped} (8 CSV files and datapackage.json).\n"
    assert problems(dumped) == []
    descriptor = json.loads((dumped / "datapackage.json").read_text(encoding="utf-8"))
    assert list(descriptor) == ["profile", "name", "licenses", "sources", "resources"]
    assert descriptor["licenses"] == [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}]
    assert descriptor["sources"][:2] == [
        {"title": "A News, 2025-07-23"},
        {"title": "Babel", "path": "https://babel.ua/en/news/121896"},
    ]
    assert len(descriptor["sources"]) == 34  # of 35: two name only WION, once here
    ok(db, "dump", str(dumped))  # without one, none is stated
    assert "licenses" not in json.loads((dumped / "datapackage.json").read_text(encoding="utf-8"))


def test_a_dump_lists_the_ledgers_own_categories(db: str, package: Path, tmp_path: Path) -> None:
    (package / "categories.csv").write_text(
        "code,name,kind\nwounded,Severely wounded prisoners,living\nmemo,Memoranda,none\n", encoding="utf-8"
    )
    set_cell(package, "transfers", 4, "category", "wounded")
    set_cell(package, "terms", 2, "category", "memo")
    ok(db, "load", str(package))
    dumped = tmp_path / "dump"
    ok(db, "dump", str(dumped))
    assert problems(dumped) == []
    descriptor = json.loads((dumped / "datapackage.json").read_text(encoding="utf-8"))
    assert len(descriptor.pop("sources")) == 34  # the package's sources.csv, each once
    assert descriptor == Ledger.descriptor(categories={"wounded": "living", "memo": "none"})
    enums = {
        resource["name"]: field["constraints"]["enum"]
        for resource in descriptor["resources"]
        for field in resource["schema"]["fields"]
        if field["name"] == "category"
    }
    builtin = [code for code, _, _ in BUILTIN_CATEGORIES]
    people = [code for code, _, kind in BUILTIN_CATEGORIES if kind != "none"]
    assert enums == {
        "terms": [*builtin, "wounded", "memo"],
        "transfers": [*people, "wounded"],
        "assertions": [*people, "wounded"],
    }
    set_cell(dumped, "transfers", 3, "category", "memo")  # counts nobody: the ledger would refuse it
    assert problems(dumped) == [("transfers", 3, "category", "constraint-error")]
    set_cell(dumped, "categories", 2, "kind", "wounded")  # what it counts: living, remains or none
    assert problems(dumped) == [
        ("categories", 2, "kind", "constraint-error"),
        ("transfers", 3, "category", "constraint-error"),
    ]
