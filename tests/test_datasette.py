"""`ledger dump --datasette-metadata FILE`: Datasette's metadata for the database (titles,
descriptions, licence, sources), checked as a user reads it, on both engines, and read by
Datasette itself against a loaded SQLite ledger."""

from __future__ import annotations

import asyncio
import copy
import csv
import io
import json
from pathlib import Path

import pytest
from sqlalchemy import inspect
from sqlalchemy.engine import make_url

import ledger
from ledger import datasette
from ledger import db as ledger_db
from ledger.config import normalise_url

from conftest import ok, refused, sql_rows

CC_BY = "https://creativecommons.org/licenses/by/4.0/"
VIEWS = {"transfers_v", "obligations_v", "fulfilment_v"}
# The ledger's own workings: derived, or read through its commands.
HIDDEN = {"alembic_version", "allocation_share", "journal", "ledger_origin", "write_lock"}


@pytest.fixture
def book(istanbul: str):
    opened = ledger.open(istanbul)
    yield opened
    opened.close()


def _name(db: str, engine_name: str) -> str:
    """The database's name in the metadata: Datasette's, a SQLite file's stem; PostgreSQL's own."""
    return Path(db).stem if engine_name == "sqlite" else str(make_url(db).database)


def _schema(db: str) -> dict[str, set[str]]:
    """Every table and view of the database, with its columns."""
    engine = ledger_db.make_engine(normalise_url(db))
    try:
        found = inspect(engine)
        names = found.get_table_names() + found.get_view_names()
        return {name: {column["name"] for column in found.get_columns(name)} for name in names}
    finally:
        engine.dispose()


def _metadata(db: str) -> dict:
    book = ledger.open(db)
    try:
        return book.datasette_metadata()
    finally:
        book.close()


def test_the_metadata_names_the_ledger_its_licence_its_sources_and_its_checkpoint(
    book, istanbul: str, engine_name: str
) -> None:
    meta = book.datasette_metadata(licence="CC-BY-4.0", licence_url=CC_BY)
    checkpoint = book.checkpoint()
    assert meta["title"] == "Humanitarian agreements ledger: istanbul-2025"
    assert meta["description"] == (
        "What negotiation rounds committed parties to, and what was handed over: 6 parties, 35 sources, 1 process, "
        "3 rounds, 12 terms, 48 transfers, 15 claims and 1 assertion, voided records left out. The checkpoint when "
        "this was written, as `ledger checkpoint` prints it; saved as a file, `ledger verify --checkpoint FILE` "
        "proves the ledger has only grown since:\n" + checkpoint.text()
    )
    assert checkpoint.size == 121
    assert (meta["license"], meta["license_url"]) == ("CC-BY-4.0", CC_BY)
    assert meta["source"] == "35 public sources, cited row by row in the source table"
    assert "source_url" not in meta  # the ledger has no one address for its sources
    assert list(meta["databases"]) == [_name(istanbul, engine_name)]
    database = meta["databases"][_name(istanbul, engine_name)]
    assert database["description"] == "Processes: istanbul-2025 (Russia–Ukraine direct talks, Istanbul, 2025)."
    tables = database["tables"]
    assert VIEWS <= set(tables)
    assert {name for name, table in tables.items() if table.get("hidden")} == HIDDEN
    assert tables["fulfilment_v"]["title"] == "Fulfilment (view)"
    assert tables["fulfilment_v"]["description"].startswith(
        "One row per obligation of a live agreed term: committed and delivered as `ledger report fulfilment` "
        "computes them"
    )
    assert tables["transfers_v"]["columns"]["undisclosed"] == (
        "True (1 in SQLite) when the count was not made public, which is not zero."
    )
    assert tables["obligations_v"]["columns"]["deadline"].startswith("A date (YYYY-MM-DD, or YYYY-MM")
    assert tables["party"]["description"] == (
        "States, organisations and groups that negotiate, mediate, host or hand people over."
    )
    assert tables["claim"]["columns"]["quote"] == "A short quotation. Free text: it may name individuals."
    assert tables["round"]["label_column"] == "key"  # a round has no name: its key names it


def test_the_checkpoint_in_the_description_is_one_verify_checks_later(istanbul: str, tmp_path: Path) -> None:
    description = _metadata(istanbul)["description"]
    (tmp_path / "read.checkpoint").write_text(description.partition(" only grown since:\n")[2], encoding="utf-8")
    ok(istanbul, "party", "add", "QAT", "--name", "Qatar")
    verified = ok(istanbul, "verify", "--checkpoint", str(tmp_path / "read.checkpoint"))
    assert "The journal extends the checkpoint" in verified and "121 leaves then, 122 now" in verified


def test_every_table_view_and_column_of_the_database_is_described(db: str, engine_name: str) -> None:
    tables = _metadata(db)["databases"][_name(db, engine_name)]["tables"]
    schema = _schema(db)
    assert set(datasette.TABLES) == set(schema) == set(tables)  # none missing, none described that is not there
    for name, columns in schema.items():
        assert tables[name]["title"] and tables[name]["description"], name
        assert set(tables[name]["columns"]) == columns, name


def test_an_empty_ledger_is_titled_as_the_ledger_and_cites_no_sources(db: str) -> None:
    meta = _metadata(db)
    assert meta["title"] == "Humanitarian agreements ledger"
    assert meta["description"].startswith("What negotiation rounds committed parties to, and what was handed over: "
                                          "no records yet, voided records left out.")  # fmt: skip
    assert not {"source", "license", "license_url"} & set(meta)


def test_the_metadata_carries_no_record_values_and_no_personal_data(book, istanbul: str) -> None:
    text = json.dumps(book.datasette_metadata(), ensure_ascii=False)
    values = [
        row[0]
        for query in (
            "SELECT name FROM delegation_head",
            "SELECT claimant FROM claim WHERE claimant LIKE '% %'",  # a person's name (not Russia, the Kremlin)
            "SELECT quote FROM claim WHERE quote IS NOT NULL",
            "SELECT key FROM transfer",
            "SELECT key FROM source",
            "SELECT key FROM term",
            "SELECT notes FROM transfer WHERE notes IS NOT NULL",
        )
        for row in sql_rows(istanbul, query)
    ]
    assert len(values) > 100
    assert [value for value in values if value in text] == []


def test_dump_writes_the_metadata_alone_and_says_no_licence_was_given(istanbul: str, tmp_path: Path) -> None:
    target = tmp_path / "metadata.json"
    shown = ok(istanbul, "dump", "--datasette-metadata", str(target))
    name = next(iter(json.loads(target.read_text(encoding="utf-8"))["databases"]))
    assert shown == f"Wrote Datasette metadata for the database {name} to {target}; no licence given: add --licence.\n"
    meta = json.loads(target.read_text(encoding="utf-8"))
    assert not {"license", "license_url"} & set(meta)
    written = sorted(path.name for path in tmp_path.iterdir() if not path.name.startswith("ledger.db"))
    assert written == ["metadata.json"]  # no package without a PATH


def test_dump_writes_the_package_and_the_metadata_with_the_licence(book, istanbul: str, tmp_path: Path) -> None:
    target = tmp_path / "metadata.json"
    shown = ok(istanbul, "dump", str(tmp_path / "package"), "--datasette-metadata", str(target),
               "--license", "CC-BY-4.0", "--license-url", CC_BY)  # fmt: skip
    name = next(iter(book.datasette_metadata()["databases"]))
    assert shown == (
        f"Wrote 127 rows to {tmp_path / 'package'} (8 CSV files and datapackage.json).\n"
        f"Wrote Datasette metadata for the database {name} to {target} (licence CC-BY-4.0).\n"
    )
    assert json.loads(target.read_text(encoding="utf-8")) == book.datasette_metadata(
        licence="CC-BY-4.0", licence_url=CC_BY
    )
    assert (tmp_path / "package" / "transfers.csv").is_file()


def test_the_library_dumps_the_metadata_alone_and_names_the_database(book, istanbul, engine_name, tmp_path) -> None:
    dumped = book.dump(datasette_metadata=tmp_path / "m.json", licence="CC-BY-4.0")
    assert (dumped.path, dumped.rows, dumped.metadata) == (None, 0, tmp_path / "m.json")
    assert dumped.database == _name(istanbul, engine_name)
    with pytest.raises(ledger.InvalidInput, match=r"^licence: must be text, got 4$"):
        book.datasette_metadata(licence=4)


@pytest.mark.parametrize(
    ("args", "error"),
    [
        ([], "give the PATH to dump to, --datasette-metadata FILE, or both"),
        (["book.xlsx", "--licence", "CC-BY-4.0"], "--licence goes into a CSV package's datapackage.json or "
                                                  "Datasette metadata: give --datasette-metadata FILE too"),
        (["PACKAGE", "--licence", "CC-BY-4.0", "--licence-url", "ftp://example.org/cc"],
         "--licence-url: must be an http:// or https:// address, got 'ftp://example.org/cc'"),
        (["--format", "csv", "--datasette-metadata", "m.json"], "--format is the dump's: give its PATH too"),
        (["--datasette-metadata", "no-folder/m.json"], "no-folder: is not a folder; create it first"),
        (["--datasette-metadata", "."], ".: is a folder; give the file to write in it"),
        (["--datasette-metadata", "m.yaml"], "--datasette-metadata: Datasette metadata is written to a file ending "
                                             ".json, got 'm.yaml'"),
        (["--datasette-metadata", "m.json", "--licence", "CC-BY-4.0", "--licence-url", "ftp://example.org/cc"],
         "--licence-url: must be an http:// or https:// address, got 'ftp://example.org/cc'"),
        (["--datasette-metadata", "m.json", "--licence", "CC-BY-4.0", "--licence-url", "https://"],
         "--licence-url: must be an http:// or https:// address, got 'https://'"),
        (["--datasette-metadata", "m.json", "--licence", "CC-BY-4.0", "--licence-url", "http://[cc"],
         "--licence-url: must be an http:// or https:// address, got 'http://[cc'"),
        (["--datasette-metadata", "m.json", "--licence-url", CC_BY],
         "--licence-url: is the address of a licence: name the licence too"),
        (["--datasette-metadata", "m.json", "--licence", " "], "--licence: is empty: give it, or leave it out"),
        (["PACKAGE", "--licence", "CC BY 4.0"], "--licence: must be a licence's identifier, such as CC-BY-4.0 or "
                                                "ODC-BY-1.0 (letters, digits, - . _), got 'CC BY 4.0'"),
        (["A-FILE", "--datasette-metadata", "m.json"], "A-FILE: is a file; a CSV package is written to a folder"),
    ],
)  # fmt: skip
def test_a_dump_that_cannot_be_written_whole_is_refused_with_nothing_written(
    istanbul: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], error: str
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("A-FILE").write_text("x", encoding="utf-8")
    before = sorted(path.name for path in tmp_path.iterdir())
    assert refused(istanbul, "dump", *args) == f"Error: {error}\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == before


def test_the_metadata_may_not_replace_a_file_of_the_package(istanbul: str, tmp_path: Path) -> None:
    (tmp_path / "package").mkdir()
    target = tmp_path / "package" / "datapackage.json"
    assert refused(istanbul, "dump", str(tmp_path / "package"), "--datasette-metadata", str(target)) == (
        f"Error: --datasette-metadata FILE: {target} is inside the package folder {tmp_path / 'package'}; "
        "write it elsewhere\n"
    )
    assert list((tmp_path / "package").iterdir()) == []


def _fulfilment(db: str) -> list[dict[str, str]]:
    """The fulfilment report's rows, as its CSV gives them, by obligation."""
    shown = csv.DictReader(io.StringIO(ok(db, "report", "fulfilment", "--format", "csv")))
    return [row for row in shown if row["term"]]


async def _datasette_reads(db: str, meta: dict) -> dict:
    from datasette.app import Datasette

    name = Path(db).stem
    ds = Datasette(files=[db], metadata=copy.deepcopy(meta))  # which its pages change
    await ds.invoke_startup()
    pages = {  # each page's address on the server, after its first "/"
        "metadata": "-/metadata.json",
        "index": "",
        "database": f"{name}.json",
        "fulfilment": f"{name}/fulfilment_v.json?_shape=array&_size=max",
        "fulfilment page": f"{name}/fulfilment_v",
        "terms": f"{name}/term.json?_shape=array&_labels=on&_size=max",
    }
    read = {}
    for page, address in pages.items():
        response = await ds.client.get(f"/{address}")
        assert response.status_code == 200, (address, response.text[:500])
        read[page] = response.text if page in ("index", "fulfilment page") else response.json()
    return read


@pytest.mark.parametrize("engine_name", ["sqlite"])  # Datasette opens SQLite files
def test_datasette_reads_the_metadata_and_the_views_of_a_loaded_ledger(istanbul: str, tmp_path: Path) -> None:
    target = tmp_path / "metadata.json"
    ok(istanbul, "dump", "--datasette-metadata", str(target), "--licence", "CC-BY-4.0", "--licence-url", CC_BY)
    meta = json.loads(target.read_text(encoding="utf-8"))
    read = asyncio.run(_datasette_reads(istanbul, meta))
    assert read["metadata"] == meta
    assert "Humanitarian agreements ledger: istanbul-2025" in read["index"] and "CC-BY-4.0" in read["index"]
    hidden = {table["name"] for table in read["database"]["tables"] if table["hidden"]}
    assert hidden == HIDDEN
    assert {view["name"] for view in read["database"]["views"]} == VIEWS
    columns = ["term", "deliverer", "receiver", "committed", "delivered", "fulfilled_pct", "score"]
    through_datasette = sorted(["" if row[c] is None else str(row[c]) for c in columns] for row in read["fulfilment"])
    assert len(through_datasette) == 12
    assert through_datasette == sorted([row[c] for c in columns] for row in _fulfilment(istanbul))
    page = read["fulfilment page"]
    assert meta["databases"]["ledger"]["tables"]["fulfilment_v"]["description"].split(":")[0] in page
    assert "Delivered beyond committed; empty for basis all." in page  # a column's description
    rounds = {row["round_id"]["label"] for row in read["terms"]}  # named by its key (label_column)
    assert rounds == {"istanbul-2025-r1", "istanbul-2025-r2", "istanbul-2025-r3"}
