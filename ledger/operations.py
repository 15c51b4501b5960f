"""What a ledger does besides its records, for Python and the command line alike: create or
upgrade it, load and dump data packages, check it, write its reports, workbook and charts, make
and verify checkpoints and inclusion proofs, and set up a team's database roles. `Operations` is
a part of the facade (`ledger.facade.Ledger` inherits it); each method calls the module that does
the work, imported when it is used, so that opening a ledger stays cheap (pandas, openpyxl,
xlsxwriter and matplotlib load only for a report).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine

from ledger import db
from ledger.config import normalise_url
from ledger.db_errors import display_url
from ledger.errors import InvalidInput, LedgerError, message_of
from ledger.hxl import check_format
from ledger.rules import Problem

if TYPE_CHECKING:
    from ledger.dump import Dumped


def _path(value: Any, name: str = "path") -> Path:
    """A path given from Python (text or a path); anything else is refused as a problem of `name`."""
    if not isinstance(value, str | os.PathLike) or isinstance(value, bytes):
        raise InvalidInput([Problem(name, f"must be a file's path (text or a pathlib.Path), got {value!r}")])
    return Path(value)


def _file(value: Any, suffixes: tuple[str, ...], what: str, name: str = "path") -> Path:
    """The file a report is written to (given as the parameter `name`), in a folder that exists;
    named with one of `suffixes` where they are given."""
    path = _path(value, name)
    if path.is_dir():
        raise LedgerError(f"{path}: is a folder; give the file to write in it")
    if not path.parent.is_dir():
        raise LedgerError(f"{path.parent}: is not a folder; create it first")
    if suffixes and path.suffix.lower() not in suffixes:
        ends = " or ".join(suffixes)
        raise InvalidInput([Problem(name, f"{what} is written to a file ending {ends}, got {path.name!r}")])
    return path


@contextmanager
def _writing_to(path: Path) -> Iterator[None]:
    """A file the system refuses to write (no permission, a full disk) is a `LedgerError` naming it
    (the file the system named, else `path`); xlsxwriter gives the system's refusal as the first
    argument of its own exception."""
    try:
        yield
    except Exception as error:
        refusal = error if isinstance(error, OSError) else next(iter(error.args), None)
        if not isinstance(refusal, OSError):
            raise
        raise LedgerError(f"{refusal.filename or path}: {refusal.strerror or refusal}") from None


class Operations:
    """The facade's operations on a whole ledger (`Ledger` gives `engine`, `actor`, `built_report`)."""

    engine: Engine
    actor: str
    built_report: Callable[..., Any]

    @staticmethod
    def init(url: str | os.PathLike[str]) -> Upgraded:
        """Create the ledger's schema at a SQLite file's path or a database URL, or upgrade an
        older ledger to this version's (a ledger up to date is left as it is)."""
        from ledger.migrate import upgrade

        _path(url, "url")  # text or a path, not None: a URL is kept as given (a Path would fold its //)
        url = normalise_url(os.fspath(url))
        before, after = upgrade(url)
        return Upgraded(display_url(url), before, after)

    @staticmethod
    def datasets() -> dict[str, Any]:
        """The datasets shipped with the ledger (each a data package folder), by name."""
        from ledger import resources

        return resources.datasets()

    @staticmethod
    def dataset(name: str) -> Any:
        """The folder of the shipped dataset `name`; another name raises `NotFound`."""
        from ledger import resources

        return resources.dataset(name)

    @property
    def where(self) -> str:
        """The ledger's database address as it may be printed: without its password."""
        return self.engine.url.render_as_string(hide_password=True)

    @staticmethod
    def read_package(path: str | os.PathLike[str], encoding: str | None = None) -> list[Any]:
        """The tables of a data package (a folder of CSV files, one ENTITY.csv file or an .xlsx
        workbook), read as the load reads them: each with its `size` in rows. CSV files are read
        as UTF-8 unless `encoding` names another. A package that cannot be read raises `LedgerError`."""
        from ledger import package

        try:
            if encoding is not None and not isinstance(encoding, str):
                raise InvalidInput([Problem("encoding", f"must be the name of an encoding, got {encoding!r}")])
            return package.read(_path(path), encoding)
        except package.PackageError as error:
            raise LedgerError(message_of(error)) from None

    def load(
        self,
        path_or_tables: str | os.PathLike[str] | list[Any],
        *,
        update: bool = False,
        dry_run: bool = False,
        encoding: str | None = None,
        progress: Callable[[int], None] | None = None,
        origin: str | None = None,
    ) -> Loaded:
        """Load a data package (a path, or the tables `read_package` gave), all or nothing.

        Every row is checked by the rules of `add`; a row whose key exists with other values is
        refused unless `update` (which amends it); `dry_run` checks everything and writes nothing.
        `progress`, if given, is called with the number of rows read since it was last called.
        `origin` names the package in the journal's reason and the summary (default: its path).
        A refused load returns `Loaded` with `refused` true and every problem, the ledger as it was."""
        from ledger import loading, package

        if progress is not None and not callable(progress):
            raise InvalidInput([Problem("progress", f"must be a function of the rows read, got {progress!r}")])
        if isinstance(path_or_tables, list):
            if not all(isinstance(table, package.Table) for table in path_or_tables):
                raise InvalidInput([Problem("path", "give a package's path, or the tables `read_package` gave")])
            tables = path_or_tables
        else:
            tables = self.read_package(path_or_tables, encoding)
            origin = origin or os.fspath(path_or_tables)
        origin = origin or "a data package"
        report = loading.load(
            self.engine, tables, update=update, dry_run=dry_run, progress=progress, actor=self.actor, origin=origin
        )
        return Loaded(report, loading.summary(report, origin, dry_run))

    def dump(
        self,
        path: str | os.PathLike[str] | None = None,
        fmt: str | None = None,
        *,
        datasette_metadata: str | os.PathLike[str] | None = None,
        licence: str | None = None,
        licence_url: str | None = None,
    ) -> Dumped:
        """Write every live record as a data package that `load` reads back: `csv` (the default,
        unless `path` ends in .xlsx) a folder of one file per entity with `datapackage.json`;
        `xlsx` one workbook (`path`, or `ledger.xlsx` in the folder `path`).

        With `datasette_metadata`, a .json file: the database's Datasette metadata as well
        (`datasette_metadata()`, with the `licence` given), or alone if no `path` is given. The
        `licence` (a name, and its `licence_url`) goes into both descriptions: the package's
        datapackage.json and the metadata. Every refusal comes before anything is written."""
        from ledger import datasette, dump, package

        datasette.check_licence(licence, licence_url)
        folder = None if path is None else _path(path)
        target = metadata = None
        if datasette_metadata is not None:
            target = _file(datasette_metadata, (".json",), "Datasette metadata", "datasette_metadata")
        dump.check_request(folder, fmt, target, licence is not None or licence_url is not None)
        if target is not None:
            metadata = self.datasette_metadata(licence=licence, licence_url=licence_url)
        dumped = dump.Dumped(None, None, 0, 0)
        if folder is not None:
            with _writing_to(folder):
                dumped = dump.write(self.engine, folder, fmt, licence=dump.licence_of(licence, licence_url))
        if target is None:
            return dumped
        with _writing_to(target), package.replacing(target) as handle:
            handle.write(json.dumps(metadata, ensure_ascii=False, indent=2) + "\n")
        return replace(dumped, metadata=target, database=datasette.database_name(self.engine))

    def datasette_metadata(self, *, licence: str | None = None, licence_url: str | None = None) -> dict[str, Any]:
        """The Datasette metadata (0.65's metadata.json) of the ledger's database: its title, a
        description with its counts and checkpoint, the `licence` (a name) and `licence_url` given,
        its sources, and every table's, view's and column's title and meaning (`ledger.datasette`)."""
        from ledger import datasette

        return datasette.metadata(self.engine, licence=licence, licence_url=licence_url)

    @staticmethod
    def descriptor(with_corrections: bool = False, categories: Mapping[str, str] | None = None) -> dict[str, Any]:
        """The Frictionless Data Package descriptor (`datapackage.json`) of a dump; with
        `with_corrections`, of a package that also carries a `corrections.csv`; with `categories`
        (code -> kind), of a ledger with these categories of its own besides the built-in ones."""
        from ledger import descriptor

        return descriptor.datapackage(with_corrections=with_corrections, categories=categories)

    def check(self) -> Checked:
        """Every assertion against the ledger, every rule over every stored record, and each
        transfer's stored lists and share copies against its links; nothing is written."""
        from ledger import checks

        found = checks.check(self.engine)
        return Checked(found.assertions, found.held, found.records, found.failures)

    def _filters(self, filters: Any, given: Mapping[str, Any]) -> Any:
        from ledger.reports import Filters

        if filters is None:
            return Filters.of(**given)
        if not isinstance(filters, Filters) or given:
            raise InvalidInput([Problem("filters", "give a ledger.reports.Filters, or the filters by name, not both")])
        return filters

    def report_text(
        self,
        name: str,
        fmt: str = "table",
        *,
        width: int = 80,
        excel: bool = False,
        hxl: bool = False,
        filters: Any = None,
        **given: Any,
    ) -> str:
        """A report as text: `table` (for a terminal `width` wide), `csv` (`excel`: with a
        byte-order mark; `hxl`: with the HXL hashtag row, see `ledger.hxl`), `json` or `md`. The
        filters are those of `report` (or `filters`, a `ledger.reports.Filters`)."""
        from ledger.reports import output as out

        if isinstance(width, bool) or not isinstance(width, int) or width < 1:
            raise InvalidInput([Problem("width", f"must be a whole number of characters, got {width!r}")])
        if hxl:
            check_format(fmt)
        built = self.built_report(name, self._filters(filters, given))
        if fmt == "table":
            return out.to_table(built, width=width)
        if fmt == "csv":
            return out.to_csv(built, excel=excel, hxl=hxl)
        if fmt == "json":
            return out.to_json(built)
        if fmt == "md":
            return out.to_markdown(built)
        raise InvalidInput([Problem("format", f"must be one of table, csv, json, md, got {fmt!r}")])

    def report_sheet(self, name: str, path: str | os.PathLike[str], *, filters: Any = None, **given: Any) -> None:
        """Write a report as an Excel workbook, one sheet per table of it."""
        from ledger.reports import output as out

        path = _file(path, (".xlsx",), "a report sheet")
        built = self.built_report(name, self._filters(filters, given))
        with _writing_to(path):
            out.write_sheet(built, path)

    def report_csv(
        self, name: str, target: Any, *, excel: bool = False, hxl: bool = False, filters: Any = None, **given: Any
    ) -> None:
        """The register or the fulfilment report as CSV, written as the database gives its rows,
        without pandas: to `target`, a text stream, or a path (a file that appears whole or not at
        all); `hxl`: with the HXL hashtag row (see `ledger.hxl`)."""
        from ledger.package import replacing
        from ledger.reports import fulfilment, register

        writers = {"register": register.write_csv, "fulfilment": fulfilment.write_csv}
        if name not in writers:
            raise InvalidInput([Problem("name", f"must be one of {', '.join(writers)}, got {name!r}")])
        chosen = self._filters(filters, given)
        with db.reading(self.engine) as session:
            if not isinstance(target, str | os.PathLike):
                if not callable(getattr(target, "write", None)):
                    raise InvalidInput([Problem("target", f"must be a file's path or a text stream, got {target!r}")])
                writers[name](session, chosen, target, excel=excel, hxl=hxl)
                return
            path = _file(target, (), "a CSV report")
            with _writing_to(path), replacing(path) as handle:
                writers[name](session, chosen, handle, excel=excel, hxl=hxl)

    def workbook(self, path: str | os.PathLike[str], *, filters: Any = None, **given: Any) -> Workbook:
        """Write every report as the sheets of one .xlsx workbook, with two native charts and an
        About sheet (the database, the filters, when, the package's version)."""
        from importlib.metadata import version

        from ledger import reports
        from ledger.reports import frames
        from ledger.reports import output as out

        path = _file(path, (".xlsx",), "the workbook")
        chosen = self._filters(filters, given)
        about = {
            "Database": self.where,
            "Filters": chosen.describe(),
            "Generated": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC"),
            "Package": f"humanitarian-ledger {version('humanitarian-ledger')}",
        }
        with db.reading(self.engine) as session:
            built = {
                name: reports.build(session, name, chosen)
                for name in ("fulfilment", "commitments", "discrepancies", "deadlines")
            }
            # The two sheets with a row per transfer are streamed from the database as they are written.
            register = out.Streamed("Register", frames.REGISTER_COLUMNS, out.register_values(session, chosen))
            timeline = out.Streamed("Timeline", frames.TIMELINE_COLUMNS, out.timeline_values(session, chosen))
            sheets = [built["fulfilment"], built["deadlines"], built["commitments"], register, built["discrepancies"],
                      timeline]  # fmt: skip
            with _writing_to(path):
                out.write_workbook(sheets, path, about, frames.returns(session, chosen))
        return Workbook(path, len(sheets), 2)

    def page(self, path: str | os.PathLike[str], *, filters: Any = None, **given: Any) -> Any:
        """Write the report page: one self-contained HTML file (`ledger.reports.page`), a section
        per process the filters reach, with the journal's checkpoint it was read at; the file
        appears whole or not at all. Gives a `ledger.reports.page.Page` (its `processes`, `charts`)."""
        from ledger.reports import page

        path = _file(path, (".html", ".htm"), "the page")
        chosen = self._filters(filters, given)
        with _writing_to(path):
            return page.write(self.engine, path, chosen)

    @staticmethod
    def charts() -> tuple[str, ...]:
        """The names of the charts `chart` draws."""
        from ledger.reports import charts

        return charts.CHARTS

    def chart(self, name: str, path: str | os.PathLike[str], *, filters: Any = None, **given: Any) -> None:
        """Draw a chart (`charts()`: returns, fulfilment) as an image, .png or .svg by its suffix;
        with nothing to draw for these filters, `LedgerError`."""
        from ledger import reports
        from ledger.reports import charts, frames
        from ledger.reports import output as out

        if name not in charts.CHARTS:
            raise InvalidInput([Problem("chart", f"name the chart, one of {', '.join(charts.CHARTS)}, got {name!r}")])
        path = _file(path, (".png", ".svg"), "a chart")
        chosen = self._filters(filters, given)
        with db.reading(self.engine) as session:
            chosen.known(session)  # a party the ledger never held is named, not drawn as nothing
            if name == "returns":
                data = frames.returns(session, chosen)
            else:
                data = out.committed_against_delivered(reports.build(session, "fulfilment", chosen))
        if data.empty:
            raise LedgerError(f"chart {name}: nothing to draw with these filters")
        with _writing_to(path):
            charts.draw(name, data, path)

    @staticmethod
    def read_checkpoint(path: str | os.PathLike[str]) -> Any:
        """The checkpoint in a file (as `checkpoint().text()` wrote it): a `ledger.checkpoints.Checkpoint`.
        A missing or unreadable file, or one that is not a checkpoint, raises `LedgerError` naming
        it (and the line that is wrong)."""
        from ledger import checkpoints

        return checkpoints.read(path)

    def checkpoint(self) -> Any:
        """The journal's checkpoint now (`ledger.checkpoints.Checkpoint`: `origin`, `size` in leaves,
        `root`); `.text()` is what to publish under a figure."""
        from ledger import checkpoints

        with db.reading(self.engine, snapshot=True) as session:
            return checkpoints.current(session)[0]

    def verify_checkpoint(self, checkpoint: Any) -> Extended:
        """Whether the journal extends `checkpoint` (one `checkpoint` gave, or a file holding it): a
        consistency proof from its size to today's, checked as anyone holding it would. `.problem`
        says why not (another ledger, a truncated journal, a rewritten history)."""
        from ledger import checkpoints

        old = checkpoint if isinstance(checkpoint, checkpoints.Checkpoint) else self.read_checkpoint(checkpoint)
        with db.reading(self.engine, snapshot=True) as session:
            now, problem = checkpoints.extension(session, old)
        return Extended(old, now, problem)

    def proof(self, entity: str, key: str, checkpoint: Any = None) -> Any:
        """The inclusion proof (`ledger.checkpoints.Proof`; `.text()`, its JSON file) that a record's
        current state is in the journal's tree of `checkpoint` (a checkpoint or its file; default:
        the ledger's now). A record whose current version came after the checkpoint, or a
        checkpoint the ledger does not extend, raises `LedgerError` saying so."""
        from ledger import checkpoints
        from ledger.entities import ENTITIES

        if entity not in ENTITIES:
            raise InvalidInput([Problem("entity", f"must be one of {', '.join(ENTITIES)}, got {entity!r}")])
        if checkpoint is not None and not isinstance(checkpoint, checkpoints.Checkpoint):
            checkpoint = self.read_checkpoint(checkpoint)
        with db.reading(self.engine, snapshot=True) as session:
            return checkpoints.proof(session, entity, key, checkpoint)

    @staticmethod
    def check_proof(proof: Any, checkpoint: Any = None) -> ProofChecked:
        """Check an inclusion proof (a `Proof`, or its file) with nothing but its hashes, against
        the checkpoint it carries and, if given, `checkpoint` (or its file): no database. An
        unreadable file raises `LedgerError`; a proof that fails has `.problems`."""
        from ledger import checkpoints

        if not isinstance(proof, checkpoints.Proof):
            proof = checkpoints.read_proof(proof)
        if checkpoint is not None and not isinstance(checkpoint, checkpoints.Checkpoint):
            checkpoint = checkpoints.read(checkpoint)
        return ProofChecked(proof, checkpoints.check_proof(proof, checkpoint))

    def grant_roles(self, reader: str, editor: str, *, execute: bool = True) -> list[str]:
        """Create (or update) two PostgreSQL roles for a team, a `reader` that can only select and
        an `editor` with only what the ledger's writes need; return the SQL (run unless not `execute`)."""
        from ledger.roles import grant

        if self.engine.dialect.name != "postgresql":
            raise InvalidInput([Problem(
                "roles", "roles are for a PostgreSQL ledger; a SQLite file is protected by file permissions"
            )])  # fmt: skip
        try:
            return grant(self.engine, reader, editor, execute=execute)
        except ValueError as error:
            raise InvalidInput([Problem("roles", message_of(error))]) from None


@dataclass(frozen=True)
class Upgraded:
    """What `Ledger.init` did: the ledger's address (printable), and its schema revision before
    (None: it was created) and after."""

    where: str
    before: str | None
    after: str | None


@dataclass(frozen=True)
class Loaded:
    """What a load did, or would do (a dry run), or found (refused: `problems`, nothing written)."""

    report: Any  # ledger.loading.LoadReport: added, changed, unchanged (counts by entity), problems, changes
    summary: str  # the one line a load ends with

    @property
    def refused(self) -> bool:
        """Whether any problem stopped the load (then nothing was written)."""
        return self.report.refused


@dataclass(frozen=True)
class Checked:
    """What `Ledger.check` found: how many assertions there are and how many hold, how many
    records the rules were run over, and every failure (`subject`, `message`)."""

    assertions: int
    held: int
    records: int
    failures: list[Any]

    @property
    def failed(self) -> int:
        """The assertions that do not hold."""
        return self.assertions - self.held


@dataclass(frozen=True)
class Extended:
    """What `Ledger.verify_checkpoint` found: the checkpoint given (`old`), the ledger's now
    (`now`), and why the journal does not extend the old one (`problem`; None if it does)."""

    old: Any
    now: Any
    problem: str | None


@dataclass(frozen=True)
class ProofChecked:
    """What `Ledger.check_proof` found: the proof, and what is wrong with it (nothing: it holds)."""

    proof: Any
    problems: list[str]


@dataclass(frozen=True)
class Workbook:
    """What `Ledger.workbook` wrote: the file, its report sheets and its charts."""

    path: Path
    reports: int
    charts: int
