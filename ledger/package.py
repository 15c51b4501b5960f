"""The data package on disk: reading CSV files or an Excel workbook into tables of rows, and
writing a ledger back out as CSV files (or one workbook) with a `datapackage.json`.

This module knows file formats and nothing of the database. A table is the rows of one entity,
each row a dict of column name to text, with the line it came from:

    parties.csv            ->  Table("party", "parties.csv", [(2, {"code": "UKR", ...}), ...])
    book.xlsx, sheet rounds ->  Table("round", "book.xlsx[rounds]", ...)
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import errno
import io
import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ledger import corrections
from ledger.descriptor import DIALECT, OPTIONAL, datapackage
from ledger.encoding import columns as columns  # the columns of a package file, as encoded
from ledger.entities import ENTITIES
from ledger.errors import Parameter, Said

# Each entity's file, in the order a package loads (`ledger.entities`): views of the registry.
FILES: dict[str, str] = {e.name: e.stem for e in ENTITIES.values()}
ENTITY_OF = {e.stem: e.name for e in ENTITIES.values()}
# The corrections (`ledger.corrections`): a table of their own, applied after every entity's.
CORRECTION = "correction"
# Cells as long as a dump may write (a transfer naming a thousand sources): the csv module's own
# limit, 131,072 characters, would refuse them. Excel holds no more than 32,767 in a cell.
CSV_CELL_LIMIT = 2**31 - 1
EXCEL_CELL_LIMIT = 32_767


class PackageError(Exception):
    """A package that cannot be read at all: the path, not a row."""


class UnreadableRows(Exception):
    """Raised by a table's rows where the file stops being readable: the rest of it is lost."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class Table:
    entity: str
    label: str  # how messages name it: "transfers.csv" or "book.xlsx[transfers]"
    rows: Iterable[tuple[int, dict[str, str]]]
    size: int  # rows expected, for the progress bar
    problems: list[tuple[int | None, str]]  # (line, message) found in the file itself


# Reading


def read(path: Path, encoding: str | None = None) -> list[Table]:
    """The tables at `path`: a package folder, one `ENTITY.csv` file, or an `.xlsx` workbook."""
    if path.is_dir():
        if path.suffix.lower() == ".csv":
            raise PackageError(f"{path.name}: is a folder, not a CSV file")
        return _read_folder(path, encoding)
    if not path.exists() and not path.is_symlink():  # a link to nothing is named as such below
        raise PackageError(f"{path}: no such file or folder")
    if path.suffix.lower() == ".xlsx":
        return _read_workbook(path)
    if path.suffix.lower() == ".csv":
        entity = CORRECTION if path.stem == corrections.STEM else ENTITY_OF.get(path.stem)
        if entity is None:
            raise PackageError(f"{path.name}: a single file must be named after what it holds: {_known_files()}")
        return [_read_csv(path, entity, encoding)]
    raise PackageError(f"{path}: not a package folder, a .csv file or an .xlsx workbook")


def _known_files() -> str:
    return ", ".join(f"{stem}.csv" for stem in (*FILES.values(), corrections.STEM))


def _cannot_open(label: str, path: Path, error: OSError) -> PackageError:
    if isinstance(error, IsADirectoryError):
        why = "is a folder, not a CSV file"
    elif error.errno == errno.ELOOP:
        why = "is a loop of symbolic links"
    elif isinstance(error, FileNotFoundError) and path.is_symlink():
        why = "is a symbolic link to a file that does not exist"
    else:
        why = f"cannot be read ({error.strerror or error})"
    return PackageError(f"{label}: {why}")


def _read_folder(folder: Path, encoding: str | None) -> list[Table]:
    try:
        found = {p.stem: p for p in folder.iterdir() if p.suffix.lower() == ".csv"}
    except OSError as error:
        raise _cannot_open(str(folder), folder, error) from None
    unknown = sorted(name for name in found if name not in ENTITY_OF and name != corrections.STEM)
    if unknown:
        raise PackageError(
            f"{folder}: {', '.join(f'{name}.csv' for name in unknown)} is not a package file; the files are: "
            f"{_known_files()}"
        )
    if not found:
        raise PackageError(f"{folder}: holds none of the package files ({_known_files()})")
    tables = [_read_csv(found[stem], entity, encoding) for entity, stem in FILES.items() if stem in found]
    if corrections.STEM in found:
        tables.append(_read_csv(found[corrections.STEM], CORRECTION, encoding))
    return tables


def _scan(path: Path, encoding: str) -> tuple[int, str | None]:
    """Count the lines of a file and check that it decodes, before anything is written."""
    decoder = codecs.getincrementaldecoder(encoding)()
    lines = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as error:
                line = lines + chunk[: error.start].count(b"\n") + 1
                byte = chunk[error.start : error.start + 1].hex()
                return lines, f"line {line}: is not {encoding} text (byte 0x{byte})"
            except UnicodeError as error:  # a decoder that cannot say where, such as utf-16 without a BOM
                return lines, f"line {lines + 1}: is not {encoding} text ({error})"
            lines += chunk.count(b"\n")
        try:
            decoder.decode(b"", final=True)
        except UnicodeError:
            return lines, f"line {lines + 1}: is not {encoding} text (it ends inside a character)"
    return lines, None


def _read_csv(path: Path, entity: str, encoding: str | None) -> Table:
    label = path.name
    chosen = encoding or "utf-8-sig"
    try:
        codec = codecs.lookup(chosen)
    except LookupError:
        raise PackageError(Said(Parameter("encoding"), f": unknown encoding {encoding!r}")) from None
    if not getattr(codec, "_is_text_encoding", True):  # rot13, base64: codecs, but not of bytes to text
        raise PackageError(
            Said(Parameter("encoding"), f": {encoding!r} is not a text encoding (such as utf-8 or cp1251)")
        )
    try:
        lines, bad = _scan(path, chosen)
        if bad is None:
            handle = path.open(encoding=chosen, newline="")
    except OSError as error:
        raise _cannot_open(label, path, error) from None
    if bad is not None:
        if encoding:
            raise PackageError(f"{label}: {bad}")
        raise PackageError(
            Said(
                f"{label}: {bad}; save it as UTF-8, or name its encoding with ",
                Parameter("encoding"),
                " (such as cp1251)",
            )
        )
    # Strict: a quote left open, or closed with more text after it, is an error, not a guess.
    csv.field_size_limit(max(csv.field_size_limit(), CSV_CELL_LIMIT))
    reader = csv.reader(handle, strict=True)
    try:
        header = next(reader, None)
    except csv.Error as error:
        handle.close()
        return Table(entity, label, [], 0, [(1, _csv_problem(error))])
    problems = _check_header(entity, header or [])
    if problems:
        handle.close()
        return Table(entity, label, [], 0, [(1, p) for p in problems])
    return Table(entity, label, _csv_rows(handle, reader, header or []), max(lines - 1, 0), [])


def _csv_rows(handle: io.TextIOBase, reader: Any, header: list[str]) -> Iterator[tuple[int, dict[str, str]]]:
    with handle:
        start = reader.line_num + 1
        try:
            for cells in reader:
                line, start = start, reader.line_num + 1
                yield line, _row(header, cells)
        except csv.Error as error:
            raise UnreadableRows(start, _csv_problem(error)) from None


def _csv_problem(error: csv.Error) -> str:
    """What a CSV reader's error means, said of the line where the record it stopped in starts."""
    if "unexpected end of data" in str(error):
        return (
            "a quoted cell opens here and is never closed, so the rest of the file would be read into it "
            "(a stray '\"'?)"
        )
    if "expected after" in str(error):
        return (
            "a quoted cell that starts here is followed by other text than ',' after its closing '\"' "
            "(a stray '\"'?); nothing from here on can be read"
        )
    return f"cannot be read as CSV from here on ({error})"


def _row(header: Sequence[str], cells: Sequence[Any]) -> dict[str, str]:
    """A row as {column: text}. Missing trailing cells are empty; what is wrong with the row as a
    whole (surplus cells) is said under ''."""
    if len(cells) == len(header):  # most rows: built in one call
        return dict(zip(header, cells, strict=True))
    row = {name: cells[i] if i < len(cells) else "" for i, name in enumerate(header)}
    if len(cells) > len(header) and any(str(c).strip() for c in cells[len(header) :]):
        row[""] = f"has {len(cells)} cells, and the header has {len(header)}"
    return row


def _check_header(entity: str, header: Sequence[str]) -> list[str]:
    known = corrections.COLUMNS if entity == CORRECTION else columns(entity)
    required = corrections.REQUIRED if entity == CORRECTION else ENTITIES[entity].required
    problems = []
    if not header or not any(header):
        return [f"has no header row; the columns are: {', '.join(known)}"]
    seen: set[str] = set()
    for name in header:
        if name in seen:
            problems.append(f"column {name!r} appears twice in the header")
        seen.add(name)
    unknown = [name for name in header if name not in known]
    if unknown:
        problems.append(
            f"unknown column{'s' if len(unknown) > 1 else ''} {', '.join(repr(u) for u in unknown)}; "
            f"the columns are: {', '.join(known)}"
        )
    missing = [name for name in required if name not in header]
    if missing:
        problems.append(f"missing required column{'s' if len(missing) > 1 else ''} {', '.join(missing)}")
    return problems


def _read_workbook(path: Path) -> list[Table]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)  # a formula's value as last saved
        formulas = load_workbook(path, read_only=True, data_only=False)  # and the formula itself
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise PackageError(f"{path.name}: cannot be read as an Excel workbook ({error})") from None
    unknown = [name for name in book.sheetnames if name not in ENTITY_OF and name != corrections.STEM]
    if unknown:
        raise PackageError(
            f"{path.name}: sheet{'s' if len(unknown) > 1 else ''} {', '.join(repr(u) for u in unknown)} "
            f"{'are' if len(unknown) > 1 else 'is'} not part of a package; the sheets are: "
            f"{', '.join((*FILES.values(), corrections.STEM))}"
        )
    tables = []
    for entity, stem in (*FILES.items(), (CORRECTION, corrections.STEM)):
        if stem not in book.sheetnames:
            continue
        sheet = book[stem]
        label = f"{path.name}[{stem}]"
        rows = zip(sheet.iter_rows(values_only=True), formulas[stem].iter_rows(values_only=True), strict=True)
        try:
            first, _ = next(rows, ((), ()))
        except Exception:  # a damaged sheet: openpyxl raises what its XML or zip reader does
            raise PackageError(f"{label}: {DAMAGED_SHEET}") from None
        header = [_cell_text(value) for value in first]
        while header and header[-1] == "":
            header.pop()
        problems = _check_header(entity, header)
        if problems:
            tables.append(Table(entity, label, [], 0, [(1, p) for p in problems]))
            continue
        tables.append(Table(entity, label, _sheet_rows(rows, header), max((sheet.max_row or 1) - 1, 0), []))
    return tables


DAMAGED_SHEET = (
    "the sheet is damaged from this row on (its XML is cut short or broken); "
    "save the workbook again from a spreadsheet program"
)


def _sheet_rows(
    rows: Iterable[tuple[Sequence[Any], Sequence[Any]]], header: list[str]
) -> Iterator[tuple[int, dict[str, str]]]:
    """Each row's values, from the values and the formulas of its cells."""
    line = 1
    try:
        for line, (values, formulas) in enumerate(rows, start=2):  # `line`: the last one read, if the sheet breaks
            row = _row(header, [_cell_text(value) for value in values])
            unsaved = [i for i, (v, f) in enumerate(zip(values, formulas, strict=False)) if v is None and f is not None]
            if unsaved and "" not in row:
                row[""] = _unsaved_formulas(header, line, [(i, formulas[i]) for i in unsaved])
            yield line, row
    except Exception:  # a damaged sheet: openpyxl raises what its XML or zip reader does
        raise UnreadableRows(line + 1, DAMAGED_SHEET) from None


def _unsaved_formulas(header: list[str], line: int, cells: list[tuple[int, Any]]) -> str:
    """Formula cells with no value saved with them (openpyxl writes them so): refused, not read as empty."""
    from openpyxl.utils import get_column_letter

    names = ", ".join(header[i] if i < len(header) else f"column {get_column_letter(i + 1)}" for i, _ in cells)
    where = ", ".join(f"{get_column_letter(i + 1)}{line} ({getattr(f, 'text', f)})" for i, f in cells)
    what = "is a formula" if len(cells) == 1 else "are formulas"
    return (
        f"{names}: cell{'s' if len(cells) > 1 else ''} {where} {what} with no saved value; "
        "save the workbook from a spreadsheet program, which computes it, or type the value"
    )


def _cell_text(value: Any) -> str:
    """A workbook cell as the text a CSV cell would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


# Writing


def write_csv(
    folder: Path, tables: Mapping[str, Iterable[Sequence[str]]], licence: Mapping[str, str] | None = None
) -> list[Path]:
    """One CSV file per entity of `tables` (cells already text) and `datapackage.json` (its
    `sources` those of sources.csv, its `licenses` `licence` if given), each replaced whole; an
    `OPTIONAL` file left out of `tables` is removed, if an older dump left one. A
    `corrections.csv` there from before is removed too: the files hold the records as corrected."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    own: dict[str, str] = {}  # the categories the package defines, which its files may name
    cited: list[dict[str, str]] = []  # the sources, for the descriptor's
    for entity, stem in FILES.items():
        path = folder / f"{stem}.csv"
        if entity not in tables:
            if entity in OPTIONAL:
                path.unlink(missing_ok=True)
            continue
        rows = tables[entity]
        if entity == "category":
            rows = list(rows)
            own = {row[0]: row[2] for row in rows}
        if entity == "source":
            rows = list(rows)
            cited = [dict(zip(columns("source"), row, strict=True)) for row in rows]
        with replacing(path) as handle:
            writer = csv.writer(
                handle,
                delimiter=DIALECT["delimiter"],
                lineterminator=DIALECT["lineTerminator"],
                quotechar=DIALECT["quoteChar"],
                doublequote=DIALECT["doubleQuote"],
                quoting=csv.QUOTE_MINIMAL,
            )
            writer.writerow(columns(entity))
            writer.writerows(rows)
        written.append(path)
    descriptor = folder / "datapackage.json"
    with replacing(descriptor) as handle:
        described = datapackage(tables, categories=own, sources=cited, licence=licence)
        handle.write(json.dumps(described, ensure_ascii=False, indent=2) + "\n")
    written.append(descriptor)
    (folder / f"{corrections.STEM}.csv").unlink(missing_ok=True)
    return written


def write_workbook(path: Path, tables: Mapping[str, Iterable[Sequence[str]]]) -> Path:
    """One workbook, a sheet per entity, every cell written as text so that it reads back as it was."""
    import xlsxwriter

    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    book = xlsxwriter.Workbook(str(temporary), {"constant_memory": True, "strings_to_numbers": False})
    # A fixed creation date keeps a dump of the same ledger byte-identical.
    book.set_properties({"created": dt.datetime(2000, 1, 1)})
    header = book.add_format({"bold": True})
    try:
        for entity, stem in FILES.items():
            if entity not in tables:
                continue
            sheet = book.add_worksheet(stem)
            sheet.freeze_panes(1, 0)
            names = columns(entity)
            for column, name in enumerate(names):
                sheet.write_string(0, column, name, header)
            for row_number, row in enumerate(tables[entity], start=1):
                for column, value in enumerate(row):
                    if len(value) > EXCEL_CELL_LIMIT:  # xlsxwriter would cut it short, and say nothing
                        raise PackageError(
                            f"{path.name}: {stem} row {row_number + 1}, column {names[column]}: {len(value):,} "
                            f"characters, more than the {EXCEL_CELL_LIMIT:,} an Excel cell holds; "
                            "dump the ledger as CSV instead"
                        )
                    if value != "":
                        sheet.write_string(row_number, column, value)
    except BaseException:
        book.close()
        temporary.unlink(missing_ok=True)
        raise
    book.close()
    os.replace(temporary, path)
    return path


class replacing:
    """Write a file beside its destination and move it into place only when complete, with the
    permissions the file had. A link is followed (the file it names is replaced, the link kept);
    a destination that is not a regular file (a device, a named pipe) is written to as it is."""

    def __init__(self, path: Path) -> None:
        self.path = Path(os.path.realpath(path))
        self.direct = self.path.exists() and not self.path.is_file()

    def __enter__(self) -> io.TextIOWrapper:
        if self.direct:
            self.handle = self.path.open("w", encoding="utf-8", newline="")
            return self.handle
        try:
            descriptor, name = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.")
        except OSError as error:  # named as the file asked for, not the temporary one beside it
            raise OSError(error.errno, error.strerror, str(self.path)) from None
        self.temporary = Path(name)
        self.handle = os.fdopen(descriptor, "w", encoding="utf-8", newline="")
        return self.handle

    def __exit__(self, kind: Any, *_: Any) -> None:
        if self.direct:
            self.handle.close()
            return
        try:
            self.handle.close()
            if kind is None:
                self.temporary.chmod(self.path.stat().st_mode & 0o7777 if self.path.is_file() else 0o644)
                os.replace(self.temporary, self.path)
        except OSError as error:  # nothing left behind, and the file asked for named
            self.temporary.unlink(missing_ok=True)
            raise OSError(error.errno, error.strerror, str(self.path)) from None
        if kind is not None:
            self.temporary.unlink(missing_ok=True)
