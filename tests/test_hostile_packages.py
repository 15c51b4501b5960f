"""Packages as a careless user or a hostile tester would give them: every one refused with a line
saying where and what, nothing written, never a traceback."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from test_package import DATA, PACKAGE_FILES, _edit, package, refused_load

from conftest import counts, ok, prebuilt, run

__all__ = ["package"]  # the fixture, a copy of the Istanbul dataset


# Encodings


@pytest.mark.parametrize(
    ("encoding", "error"),
    [
        ("utf-16", "Error: parties.csv: line 1: is not utf-16 text (UTF-16 stream does not start with BOM)\n"),
        ("rot13", "Error: --encoding: 'rot13' is not a text encoding (such as utf-8 or cp1251)\n"),
        ("base64", "Error: --encoding: 'base64' is not a text encoding (such as utf-8 or cp1251)\n"),
    ],
)
def test_an_encoding_that_cannot_read_the_file_is_refused(db: str, encoding: str, error: str) -> None:
    assert refused_load(db, str(DATA / "parties.csv"), "--encoding", encoding) == error


# Values


def test_a_date_in_other_digits_than_ascii_is_refused_as_a_count_is(db: str, package: Path) -> None:
    _edit(package / "transfers.csv", "2025-05-23-rus-ukr-pow,2025-05-23,", "2025-05-23-rus-ukr-pow,２０２５-０５-２３,")
    _edit(package / "claims.csv", "Vladimir Medinsky,2025-07-23,", "Vladimir Medinsky,٢٠٢٥-٠٧-٢٣,")
    assert refused_load(db, str(package)) == (
        "transfers.csv:3: date: must be a date YYYY-MM-DD or YYYY-MM, got '２０２５-０５-２３'\n"
        "claims.csv:8: stated_on: must be a date YYYY-MM-DD or YYYY-MM, got '٢٠٢٥-٠٧-٢٣'\n"
        f"Error: {package}: 2 problems; nothing was loaded\n"
    )


# Files that are not what they seem


def _transfers_as(package: Path, kind: str) -> None:
    transfers = package / "transfers.csv"
    transfers.unlink()
    if kind == "loop":
        (package / "other.link").symlink_to(transfers)
        transfers.symlink_to(package / "other.link")
    elif kind == "dangling":
        transfers.symlink_to(package / "gone.csv")
    else:
        transfers.mkdir()


@pytest.mark.parametrize(
    ("kind", "error"),
    [
        ("loop", "transfers.csv: is a loop of symbolic links"),
        ("dangling", "transfers.csv: is a symbolic link to a file that does not exist"),
        ("folder", "transfers.csv: is a folder, not a CSV file"),
    ],
)
def test_a_package_file_that_cannot_be_opened_is_refused(db: str, package: Path, kind: str, error: str) -> None:
    _transfers_as(package, kind)
    assert refused_load(db, str(package)) == f"Error: {error}\n"
    assert refused_load(db, str(package / "transfers.csv")) == f"Error: {error}\n"


def _damaged_workbook(path: Path, rows: int, cut_at: int) -> None:
    """A workbook of parties whose sheet XML ends in the middle of row `cut_at`."""
    import zipfile

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "parties"
    sheet.append(["code", "name"])
    for i in range(rows):
        sheet.append([f"P{i:02d}", f"Party {i}"])
    whole = path.with_name("whole.xlsx")
    book.save(whole)
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(path, "w") as damaged:
        for name in source.namelist():
            data = source.read(name)
            if name == "xl/worksheets/sheet1.xml":
                data = data[: data.index(f'<row r="{cut_at}"'.encode()) + 20]
            damaged.writestr(name, data)


def test_a_workbook_whose_sheet_is_cut_short_is_refused_at_the_row(db: str, tmp_path: Path) -> None:
    _damaged_workbook(tmp_path / "book.xlsx", rows=40, cut_at=21)
    assert refused_load(db, str(tmp_path / "book.xlsx")) == (
        "book.xlsx[parties]:21: the sheet is damaged from this row on (its XML is cut short or broken); "
        "save the workbook again from a spreadsheet program\n"
        f"Error: {tmp_path / 'book.xlsx'}: 1 problem; nothing was loaded\n"
    )


# Quotes and line breaks

NEW = "q{n},2025-07-24,RUS,UKR,pow,{count},,,,{location},,{notes}\n"


def _append(path: Path, *rows: str) -> None:
    with path.open("a", encoding="utf-8", newline="") as handle:
        handle.write("".join(rows))


@pytest.mark.parametrize(
    ("location", "error"),
    [
        (
            "",
            "a quoted cell opens here and is never closed, so the rest of the file would be read into it "
            "(a stray '\"'?)",
        ),
        (
            '"Istanbul"',
            "a quoted cell that starts here is followed by other text than ',' after its closing '\"' "
            "(a stray '\"'?); nothing from here on can be read",
        ),
    ],
)
def test_a_stray_quote_is_refused_at_its_line(db: str, package: Path, location: str, error: str) -> None:
    """Left open to the end of the file, or closed by the next quote, it does not swallow rows."""
    _append(
        package / "transfers.csv",
        NEW.format(n=1, count=5, location="", notes='"about 5'),
        NEW.format(n=2, count=6, location=location, notes=""),
        NEW.format(n=3, count=7, location="", notes=""),
    )
    assert refused_load(db, str(package)) == (
        f"transfers.csv:50: {error}\nError: {package}: 1 problem; nothing was loaded\n"
    )


def test_a_key_code_date_or_count_cell_holding_a_line_break_is_refused(db: str, package: Path) -> None:
    _append(
        package / "transfers.csv",
        '"q1\n",2025-07-24,RUS,UKR,pow,5,,,,,,\n',
        'q2,"2025-07-24\r\n",RUS,UKR,pow,5,,,,,,\n',
        'q3,2025-07-24,"RUS\n",UKR,pow,5,,,,,,\n',
        'q4,2025-07-24,RUS,UKR,pow,"5\n",,,,,,\n',
        'q5,2025-07-24,RUS,UKR,pow,5,,,,"Istanbul,\nTürkiye",,"seen\non the news"\n',
    )
    assert refused_load(db, str(package)) == (
        "transfers.csv:50: key: must be on one line, got 'q1\\n'\n"
        "transfers.csv:52: date: must be on one line, got '2025-07-24\\r\\n'\n"
        "transfers.csv:54: deliverer: must be on one line, got 'RUS\\n'\n"
        "transfers.csv:56: count: must be on one line, got '5\\n'\n"
        f"Error: {package}: 4 problems; nothing was loaded\n"
    )


def test_a_cell_holding_a_nul_character_is_refused_at_its_field_on_either_engine(db: str, package: Path) -> None:
    """PostgreSQL stores no NUL in any text: it was refused there by the database, naming nothing."""
    said = "holds a NUL character (0x00), which no text may hold, got"
    (package / "corrections.csv").write_text(
        "entity,key,action,field,value,reason\nparty,UKR,amend,name,Ukr\x00aine,typo\n", encoding="utf-8"
    )
    assert refused_load(db, str(package)) == (
        f"corrections.csv:2: value: name: {said} 'Ukr\\x00aine'\nError: {package}: 1 problem; nothing was loaded\n"
    )
    (package / "corrections.csv").unlink()
    _append(package / "parties.csv", "NUL,Nul\x00party,state,\n")
    _append(package / "transfers.csv", "q1,2025-07-24,RUS,UKR,pow,5,,,,,,seen\x00here\n")
    (package / "categories.csv").write_text("code,name,kind\nwounded,Wounded\x00,living\n", encoding="utf-8")
    assert refused_load(db, str(package)) == (
        f"parties.csv:8: name: {said} 'Nul\\x00party'\n"
        f"categories.csv:2: name: {said} 'Wounded\\x00'\n"
        f"transfers.csv:50: notes: {said} 'seen\\x00here'\n"
        f"Error: {package}: 3 problems; nothing was loaded\n"
    )


# Long cells


@prebuilt("many_sources")
def many_sources(db: str) -> None:
    """A ledger with a transfer naming 1,200 sources: its sources cell holds 135,599 characters."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "many"
        folder.mkdir()
        keys = [f"source-{i:04d}-{'x' * 100}" for i in range(1200)]
        (folder / "parties.csv").write_text("code,name\nRUS,Russia\nUKR,Ukraine\n", encoding="utf-8")
        (folder / "sources.csv").write_text("key,publisher\n" + "".join(f"{k},P\n" for k in keys), encoding="utf-8")
        ok(db, "load", str(folder))
    ok(db, "transfer", "add", "t1", "--date", "2025-06-01", "--from", "RUS", "--to", "UKR", "--category", "pow",
       "--count", "5", *(f"--source={k}" for k in keys))  # fmt: skip


def test_a_transfer_naming_1200_sources_dumps_and_loads_back_the_same(
    many_sources: str, tmp_path: Path, fresh_db: str
) -> None:
    ok(many_sources, "dump", str(tmp_path / "dump"))
    cells = (tmp_path / "dump" / "transfers.csv").read_text(encoding="utf-8").splitlines()[1].split(",")
    assert len(cells[10]) == 1200 * 113 - 1
    assert ok(fresh_db, "load", str(tmp_path / "dump")) == (
        f"Loaded {tmp_path / 'dump'}: added 2 parties, 1200 sources, 1 transfer; changed nothing; 0 unchanged.\n"
    )
    assert counts(fresh_db)["transfer_source"] == 1200
    ok(fresh_db, "dump", str(tmp_path / "again"))
    for name in PACKAGE_FILES:
        assert (tmp_path / "again" / name).read_bytes() == (tmp_path / "dump" / name).read_bytes()


def test_a_cell_too_long_for_excel_is_refused_by_a_workbook_dump(many_sources: str, tmp_path: Path) -> None:
    result = run(many_sources, "dump", str(tmp_path / "ledger.xlsx"))
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        "Error: ledger.xlsx: transfers row 2, column sources: 135,599 characters, more than the 32,767 an Excel "
        "cell holds; dump the ledger as CSV instead\n",
    )
    assert [p.name for p in tmp_path.iterdir() if "xlsx" in p.name] == []


# Formulas in a workbook

LINK = '=HYPERLINK("https://example.org/minutes","minutes")'


def test_a_formula_cell_with_no_saved_value_is_refused_with_sheet_row_and_column(db: str, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()  # openpyxl saves formulas without their values
    parties = book.active
    parties.title = "parties"
    for row in (["code", "name"], ["UKR", "Ukraine"], ["RUS", '=CONCAT("Rus","sia")']):
        parties.append(row)
    processes = book.create_sheet("processes")
    for row in (["key", "name", "description"], ["geneva-2026", "Geneva talks", LINK]):
        processes.append(row)
    book.save(tmp_path / "book.xlsx")
    assert refused_load(db, str(tmp_path / "book.xlsx")) == (
        'book.xlsx[parties]:3: name: cell B3 (=CONCAT("Rus","sia")) is a formula with no saved value; '
        "save the workbook from a spreadsheet program, which computes it, or type the value\n"
        f"book.xlsx[processes]:2: description: cell C2 ({LINK}) is a formula with no saved value; "
        "save the workbook from a spreadsheet program, which computes it, or type the value\n"
        f"Error: {tmp_path / 'book.xlsx'}: 2 problems; nothing was loaded\n"
    )


def test_a_formula_cell_loads_its_saved_value(db: str, tmp_path: Path) -> None:
    import json

    import xlsxwriter

    book = xlsxwriter.Workbook(str(tmp_path / "book.xlsx"))  # a spreadsheet program saves the values too
    sheet = book.add_worksheet("processes")
    for column, name in enumerate(("key", "name", "description")):
        sheet.write_string(0, column, name)
    sheet.write_string(1, 0, "geneva-2026")
    sheet.write_formula(1, 1, '=CONCAT("Geneva"," talks")', None, "Geneva talks")
    sheet.write_formula(1, 2, LINK, None, "minutes")
    book.close()
    ok(db, "load", str(tmp_path / "book.xlsx"))
    assert json.loads(ok(db, "process", "list", "--format", "json")) == [
        {"key": "geneva-2026", "name": "Geneva talks", "description": "minutes"}
    ]


# Follow-on problems


@pytest.mark.parametrize(
    ("edits", "expected"),
    [
        (  # a header error
            [("transfers.csv", "key,date,", "key,day,")],
            "transfers.csv:1: unknown column 'day'; the columns are: key, date, deliverer, receiver, category, "
            "count, terms, exchange, intermediaries, location, sources, notes\n"
            "transfers.csv:1: missing required column date\n"
            "transfers.csv: this hides 9 follow-on problems in later files, references that cannot be checked "
            "until transfers.csv is read\n",
        ),
        (  # a file that stops being readable; what the rows that name its terms hold is hidden too
            [
                ("terms.csv", "r1-pow-1000-for-1000,", '"r1-pow-1000-for-1000,'),
                ("claims.csv", "transfer:2025-06-ukr-rus-bodies", "transfer:2025-06-ukr-rus-body"),
            ],
            "terms.csv:3: a quoted cell that starts here is followed by other text than ',' after its closing '\"' "
            "(a stray '\"'?); nothing from here on can be read\n"
            "claims.csv:14: subject: unknown transfer '2025-06-ukr-rus-body'\n"
            "terms.csv: this hides 69 follow-on problems in later files, references that cannot be checked "
            "until terms.csv is read\n",
        ),
    ],
)
def test_a_file_that_cannot_be_read_is_reported_with_the_number_of_problems_it_hides(
    db: str, package: Path, edits: list[tuple[str, str, str]], expected: str
) -> None:
    for name, old, new in edits:
        _edit(package / name, old, new)
    assert refused_load(db, str(package)) == f"{expected}Error: {package}: 2 problems; nothing was loaded\n"


# Free text


def test_free_text_is_kept_as_given_and_keys_and_names_are_trimmed(db: str, package: Path, fresh_db: str) -> None:
    import json

    notes = "\t  a tab and two spaces first,\r\na second line, and spaces last  "
    quoted = notes.replace('"', '""')
    _append(package / "transfers.csv", f' q9 ,2025-07-24,RUS,UKR,pow,5,,,,  Istanbul ,,"{quoted}"\n')
    ok(db, "load", str(package))
    transfer = json.loads(ok(db, "transfer", "list", "--format", "json", "--since", "2025-07-24"))
    assert [(t["key"], t["location"], t["notes"]) for t in transfer if t["count"] == 5] == [("q9", "Istanbul", notes)]
    ok(db, "process", "add", "geneva-2026", "--name", "  Geneva talks ", "--description", "  indented\r\n")
    processes = json.loads(ok(db, "process", "list", "--format", "json"))
    assert processes[0] == {"key": "geneva-2026", "name": "Geneva talks", "description": "  indented\r\n"}
    ok(db, "dump", str(tmp := package.parent / "dump"))
    assert f'q9,2025-07-24,RUS,UKR,pow,5,,,,Istanbul,,"{quoted}"\n' in (tmp / "transfers.csv").read_bytes().decode()
    ok(fresh_db, "load", str(tmp))
    ok(fresh_db, "dump", str(package.parent / "again"))
    for name in PACKAGE_FILES:
        assert (package.parent / "again" / name).read_bytes() == (tmp / name).read_bytes()
