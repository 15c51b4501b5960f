"""The commands of data packages: `load` one (or a shipped dataset), `dump` the ledger as one,
and list the `datasets` that ship with the ledger."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

import ledger
from ledger.cli.app import App, Refusal, cli, pass_app
from ledger.cli.options import FORMAT, say, show_rows
from ledger.errors import LedgerError


@cli.command()
@click.argument("path", type=click.Path(path_type=Path), required=False)
@click.option("--example", metavar="NAME", help="Load a dataset shipped with the ledger (see `ledger datasets`).")
@click.option("--dry-run", is_flag=True, help="Check everything and say what would change; write nothing.")
@click.option("--update", is_flag=True, help="Amend records whose key exists with other values (else refused).")
@click.option("--encoding", metavar="NAME", help="Read the CSV files in this encoding instead of UTF-8 (e.g. cp1251).")
@pass_app
def load(app: App, path: Path | None, example: str | None, dry_run: bool, update: bool, encoding: str | None) -> None:
    """Load a data package: a folder of CSV files, one ENTITY.csv file, or an .xlsx workbook;
    or, with --example, one of the datasets shipped with the ledger.

    All or nothing: every row of every file is checked, every problem is listed with its file,
    line and column, and if there is any the ledger is left exactly as it was (exit 2). Loading
    the same package again changes nothing and says so.

    A folder may hold corrections.csv (entity,key,action,field,value,reason): after every other
    file, each row amends a field of a record or voids it, in file order, with the rules,
    journal entry and reason of `ledger ENTITY amend` and `ledger ENTITY void`.

    \b
    Example:
      ledger load data/istanbul-2025
      ledger load transfers.csv --dry-run
      ledger load corrections.xlsx --update
      ledger load --example istanbul-2025
    """
    if (path is None) == (example is None):
        raise Refusal(["give the package's PATH or --example NAME (one of them)"])
    if example is not None:
        try:
            path = ledger.Ledger.dataset(example)
        except LedgerError as error:
            raise Refusal([f"--example: {error}"]) from None
    label = example or str(path)
    tables = ledger.Ledger.read_package(path, encoding)
    total = sum(table.size for table in tables)
    with _progress(total, "Loading") as advance:
        loaded = app.ledger().load(tables, update=update, dry_run=dry_run, progress=advance, origin=label)
    report = loaded.report
    if loaded.refused:
        for problem in report.problems:
            click.echo(say(problem.said()), err=True)
        if report.more_problems:
            click.echo(f"… and {report.more_problems} more", err=True)
        for line in report.hidden():
            click.echo(line, err=True)
        raise Refusal([loaded.summary])
    for change in report.changes:
        click.echo(("would change " if dry_run else "changed ") + change)
    click.echo(loaded.summary)


class _progress:
    """A progress bar on standard error, for long loads at a terminal only."""

    def __init__(self, total: int, label: str) -> None:
        self.bar = None
        if total >= 10_000 and sys.stderr.isatty():
            self.bar = click.progressbar(length=total, label=label, file=sys.stderr)

    def __enter__(self) -> Callable[[int], None] | None:
        if self.bar is None:
            return None
        self.bar.__enter__()
        return self.bar.update

    def __exit__(self, *exc: Any) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


@cli.command()
@FORMAT
def datasets(fmt: str) -> None:
    """The datasets shipped with the ledger, each a data package that `ledger load --example NAME` loads.

    \b
    Example:
      ledger datasets
      ledger load --example istanbul-2025
    """
    rows = [{"name": name, "path": str(path)} for name, path in ledger.Ledger.datasets().items()]
    show_rows(rows, ("name", "path"), ("name", "path"), fmt, "dataset")


@cli.command()
@click.argument("path", type=click.Path(path_type=Path), required=False)
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "xlsx"]), help="csv: a package folder (default); xlsx: one workbook."
)
@click.option(
    "--datasette-metadata",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="Also write Datasette metadata (a .json file) describing the database's tables, views and columns; "
    "without PATH, only that.",
)
@click.option(
    "--licence",
    "--license",
    "licence",
    metavar="NAME",
    help="The data's licence, for datapackage.json and the metadata.",
)
@click.option("--licence-url", "--license-url", "licence_url", metavar="URL", help="Its address (http or https).")
@pass_app
def dump(
    app: App,
    path: Path | None,
    fmt: str | None,
    datasette_metadata: Path | None,
    licence: str | None,
    licence_url: str | None,
) -> None:
    """Write the whole ledger as a data package that `ledger load` reads back, or Datasette
    metadata for its database, or both.

    CSV: PATH is a folder; one file per kind of record, rows and columns in a stable order, and
    datapackage.json describing them, with the sources they cite and the licence given
    (--licence, --licence-url: the ledger stores none). XLSX: PATH is the workbook (or a folder to hold
    ledger.xlsx), one sheet per kind of record.

    The files hold the records as corrected, voided ones left out, so a dump has no
    corrections.csv: one left in the folder from before is removed, so that the folder is one
    consistent package (loading it would apply those corrections again).

    --datasette-metadata FILE writes the metadata `datasette ledger.db -m FILE` reads: a title
    and description of the ledger (its processes, counts and checkpoint), its sources, and what
    every table, view and column holds, the ledger's own workings hidden. The ledger stores no
    licence: give it with --licence and --licence-url. Datasette opens SQLite files; for a
    PostgreSQL ledger the metadata names the database and describes its views all the same.

    \b
    Example:
      ledger dump export/istanbul-2025 --licence CC-BY-4.0 \\
        --licence-url https://creativecommons.org/licenses/by/4.0/
      ledger dump istanbul-2025.xlsx --format xlsx
      ledger dump --datasette-metadata metadata.json --licence CC-BY-4.0 \\
        --licence-url https://creativecommons.org/licenses/by/4.0/
    """
    dumped = app.ledger().dump(
        path, fmt, datasette_metadata=datasette_metadata, licence=licence, licence_url=licence_url
    )
    if dumped.path is not None:
        if dumped.fmt == "csv":
            where = f"{dumped.path} ({dumped.tables} CSV files and datapackage.json)"
        else:
            where = f"{dumped.path} ({dumped.tables} sheets)"
        click.echo(f"Wrote {dumped.rows} rows to {where}.")
    if dumped.metadata is not None:
        said = f" (licence {licence.strip()})" if licence else "; no licence given: add --licence"
        click.echo(f"Wrote Datasette metadata for the database {dumped.database} to {dumped.metadata}{said}.")
