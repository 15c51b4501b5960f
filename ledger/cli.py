"""The `ledger` command line: parse options, call the library, print, choose the exit code.

Nothing here decides what is valid (that is `ledger.rules`) or how a record is stored (that is
`ledger.services`); a refusal from either becomes `Error: --option: what is wrong` on standard
error and exit code 2, with nothing written.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import click

from ledger import domain, render
from ledger.config import database_url
from ledger.domain import PartialDate, ValueProblem
from ledger.errors import Conflict, InvalidInput, LedgerError

EXIT_REFUSED = 2


class Refusal(click.ClickException):
    """Bad input or usage: every line printed as `Error: ...`, exit 2, nothing written."""

    exit_code = EXIT_REFUSED

    def __init__(self, lines: Sequence[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = list(lines)

    def show(self, file: Any = None) -> None:
        for line in self.lines:
            click.echo(f"Error: {line}", err=True)


def interactive() -> bool:
    """Whether a person is at the keyboard to answer prompts (tests replace this)."""
    return sys.stdin.isatty()


class App:
    """What the commands share: the database address, and the ledger once opened."""

    def __init__(self, db_option: str | None, actor: str | None = None) -> None:
        self.url = database_url(db_option)
        self.actor = actor
        self._ledger: Any = None

    def ledger(self) -> Any:
        if self._ledger is None:
            from ledger.services import Ledger

            self._ledger = Ledger.open(self.url, self.actor)
        return self._ledger

    def close(self) -> None:
        if self._ledger is not None:
            self._ledger.close()


def _refuse_text_not_utf8(ctx: click.Context) -> None:
    """Refuse an argument that is not UTF-8, naming its option, before it goes anywhere.

    The shell passes bytes; Python keeps those that are not UTF-8 as lone surrogates, which no
    database, file or terminal can take (`--note $'\\xff'`).
    """
    for param in ctx.command.params:
        value = ctx.params.get(param.name or "")
        for item in value if isinstance(value, tuple | list) else (value,):
            text = os.fspath(item) if isinstance(item, os.PathLike) else item
            if not isinstance(text, str):
                continue
            try:
                text.encode("utf-8")
            except UnicodeEncodeError:
                name = param.human_readable_name if isinstance(param, click.Argument) else max(param.opts, key=len)
                raise Refusal([f"{name}: must be UTF-8 text, got {_bytes_of(text)!r}"]) from None


def _bytes_of(text: str) -> bytes:
    """The bytes the shell gave, as far as Python kept them."""
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that was never a byte
        return text.encode("utf-8", "backslashreplace")


class LedgerCommand(click.Command):
    """A command whose arguments are checked to be text (UTF-8) once parsed."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            rest = super().parse_args(ctx, args)
        except BrokenPipeError:  # --help or --version, printed while the options are read
            _closed_pipe()
        _refuse_text_not_utf8(ctx)
        return rest


class LedgerGroup(LedgerCommand, click.Group):
    """Turns a library refusal anywhere below into a one-line error and exit code 2."""

    command_class = LedgerCommand

    def invoke(self, ctx: click.Context) -> Any:
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # the last of the output, here where a closed pipe is still handled
            return result
        except LedgerError as error:
            raise Refusal([str(error)]) from None
        except BrokenPipeError:
            _closed_pipe()
        except click.Abort:  # Ctrl-D or Ctrl-C at a prompt: usage, not a check that found problems
            raise Refusal(["stopped at a prompt: nothing was written"]) from None
        except OSError as error:  # a file or folder the system refused (-o, dump, load)
            if error.filename is None:
                raise
            raise Refusal([f"{error.filename}: {error.strerror or error}"]) from None


def _closed_pipe() -> NoReturn:
    """The reader of the output has gone (`| head -1`) with what it wanted: end quietly, exit 0.

    What is still buffered goes to the null device, so that Python's own flush at exit does not
    meet the closed pipe again (the recipe of the `signal` module's documentation)."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):  # standard output that is not a file (a test's runner)
        pass
    raise click.exceptions.Exit(0)


pass_app = click.make_pass_decorator(App)


class DateType(click.ParamType):
    name = "DATE"

    def convert(self, value: Any, param: Any, ctx: Any) -> PartialDate:
        if isinstance(value, PartialDate):
            return value
        try:
            return PartialDate.parse(value)
        except ValueProblem as problem:
            self.fail(str(problem), param, ctx)


DATE = DateType()


def _choices(values: Sequence[str]) -> str:
    return "[" + "|".join(values) + "]"


# Shared options, one definition each.
FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
    help="table for reading, csv or json for other tools.",
)
SINCE = click.option("--since", type=DATE, help="From this date (YYYY-MM-DD or YYYY-MM).")
UNTIL = click.option("--until", type=DATE, help="Up to this date (YYYY-MM-DD or YYYY-MM).")
PARTY_FILTER = click.option("--party", metavar="CODE", help="Only records involving this party.")
CATEGORY_FILTER = click.option("--category", metavar=_choices(domain.CATEGORIES), help="Only this category.")
ROUND_FILTER = click.option("--round", "round_", metavar="KEY", help="Only this round.")
PROCESS_FILTER = click.option("--process", metavar="KEY", help="Only this process.")
SOURCES = click.option("--source", "sources", multiple=True, metavar="KEY", help="Source it rests on (repeatable).")


def _option_name(field: str, names: Mapping[str, str]) -> str:
    return names.get(field, "--" + field.replace("_", "-"))


def _add(app: App, entity: str, raw: dict[str, Any], names: Mapping[str, str]) -> Any:
    try:
        return app.ledger().add(entity, raw)
    except InvalidInput as refused:
        raise Refusal([f"{_option_name(p.field, names)}: {p.message}" for p in refused.problems]) from None
    except Conflict as refused:
        raise Refusal([f"{entity}: {refused}"]) from None


def _ask(
    app: App,
    entity: str,
    values: dict[str, Any],
    wanted: Sequence[tuple[str, str, Callable[[], Sequence[str]] | None]],
) -> None:
    """Fill required values that were not given: prompt at a terminal, else a usage error.

    `wanted` lists (field, option name, choices to offer or None). Choices come from the ledger
    (party codes, round keys) or the vocabulary (categories). Each answer is checked as it is
    typed, by the rules of `add` for that field, and asked again until it passes.
    """
    missing = [(f, option, choices) for f, option, choices in wanted if values.get(f) in (None, "", ())]
    if not missing:
        return
    if not interactive():
        raise click.UsageError(_missing([option for _, option, _ in missing]))
    for field_name, option, choices in missing:
        offered = list(choices()) if choices else []
        label = option.lstrip("-").replace("-", " ").lower()
        while True:
            try:
                values[field_name] = click.prompt(
                    label,
                    type=click.Choice(offered) if offered else None,
                    value_proc=_answer_check(app, entity, values, field_name, offered),
                )
                break
            except UnicodeDecodeError as error:  # a terminal read as strict UTF-8; shown as click.prompt shows
                click.echo(f"Error: must be UTF-8 text, got {error.object[error.start : error.end]!r}")


def _answer_check(
    app: App, entity: str, values: Mapping[str, Any], field_name: str, offered: Sequence[str]
) -> Callable[[str], str]:
    """What a prompt runs on an answer: one of the choices offered, and nothing the rules refuse
    in this field (a bad answer raises the error the prompt shows before it asks again)."""

    def check(answer: str) -> str:
        try:
            answer.encode("utf-8")
        except UnicodeEncodeError:  # bytes the terminal's reader kept as lone surrogates
            raise click.UsageError(f"must be UTF-8 text, got {_bytes_of(answer)!r}") from None
        if offered:
            answer = click.Choice(offered).convert(answer, None, None)
        problems = app.ledger().field_problems(entity, {**values, field_name: answer}, field_name)
        if problems:
            raise click.UsageError("; ".join(problems))
        return answer

    return check


# What may be given instead of a required option.
ALTERNATIVES = {"--count": "--undisclosed"}


def _missing(names: Sequence[str]) -> str:
    """`Missing argument 'KEY' and options '--from', '--count' (or '--undisclosed').`"""
    arguments = [name for name in names if not name.startswith("-")]
    options = [name for name in names if name.startswith("-")]
    parts = [
        f"{kind}{'s' if len(given) > 1 else ''} "
        + ", ".join(f"'{name}'" + (f" (or '{ALTERNATIVES[name]}')" if name in ALTERNATIVES else "") for name in given)
        for kind, given in (("argument", arguments), ("option", options))
        if given
    ]
    return f"Missing {' and '.join(parts)}."


def _codes(app: App, entity: str) -> Callable[[], list[str]]:
    return lambda: app.ledger().keys(entity)


def _vocabulary(values: Sequence[str]) -> Callable[[], Sequence[str]]:
    return lambda: values


def _show_rows(
    rows: list[dict[str, Any]], columns: Sequence[str], table_columns: Sequence[str], fmt: str, entity: str
) -> None:
    if fmt == "csv":
        click.echo(render.to_csv(rows, columns), nl=False)
    elif fmt == "json":
        click.echo(render.to_json(rows, columns), nl=False)
    elif not rows:
        click.echo(f"No {entity} records.")
    else:
        import shutil

        width = max(shutil.get_terminal_size((80, 24)).columns, 40)
        click.echo(render.table(rows, table_columns, width=width))


@contextmanager
def _filters_checked() -> Iterator[None]:
    """A filter value the library refuses (outside the vocabulary) as `Error: --option: ...`, exit 2."""
    try:
        yield
    except InvalidInput as refused:
        raise Refusal([f"{_option_name(p.field, {})}: {p.message}" for p in refused.problems]) from None


def _rows(app: App, entity: str, **filters: Any) -> list[dict[str, Any]]:
    """The records a list command shows, its filters checked."""
    with _filters_checked():
        return app.ledger().rows(entity, **filters)


def _show_one(app: App, entity: str, key: str, fmt: str) -> None:
    found = app.ledger().show(entity, key)
    if fmt == "json":
        click.echo(render.to_json_record(found), nl=False)
    else:
        click.echo(render.record({**found, "voided": "yes"} if found.get("voided") else found))


@click.group(cls=LedgerGroup)
@click.option(
    "--db",
    metavar="URL",
    help="The ledger's database: a SQLite file path, sqlite:///PATH or postgresql://USER@HOST/DB. "
    "Default: $LEDGER_DATABASE_URL, else ledger.db here.",
)
@click.option(
    "--actor",
    metavar="NAME",
    help="Who makes the change, for the journal. Default: $LEDGER_ACTOR, else your login name.",
)
@click.version_option(package_name="humanitarian-ledger", prog_name="ledger")
@click.pass_context
def cli(ctx: click.Context, db: str | None, actor: str | None) -> None:
    """Record what warring parties agree in negotiation rounds and what is handed over.

    Enter parties, sources, processes, rounds, terms (with their obligations), transfers,
    claims and assertions; list and show them. Exit codes: 0 done, 1 a check found problems,
    2 bad input or usage (nothing written).

    \b
    Example:
      ledger init
      ledger party add UKR --name Ukraine --alias Україна
      ledger --db team.db transfer list --party UKR --since 2025-06
    """
    if actor is not None and not actor.strip():  # `--actor "$NAME"` with the variable unset
        raise Refusal(["--actor: is empty: name who makes the change, or leave the option out"])
    app = App(db, actor)
    ctx.obj = app
    ctx.call_on_close(app.close)


@cli.command()
@pass_app
def init(app: App) -> None:
    """Create the ledger's schema, or upgrade an older ledger to this version's.

    Safe to run again: a ledger that is up to date is left as it is.

    \b
    Example:
      ledger init
      ledger --db postgresql://postgres@127.0.0.1/ledger init
    """
    from ledger.migrate import upgrade
    from ledger.services import display_url

    before, after = upgrade(app.url)
    where = display_url(app.url)
    if before is None:
        click.echo(f"Created a ledger at {where} (schema {after}).")
    elif before == after:
        click.echo(f"The ledger at {where} is up to date (schema {after}).")
    else:
        click.echo(f"Upgraded the ledger at {where} from schema {before} to {after}.")


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

    \b
    Example:
      ledger load data/istanbul-2025
      ledger load transfers.csv --dry-run
      ledger load corrections.xlsx --update
      ledger load --example istanbul-2025
    """
    from ledger import loading, package, resources

    if (path is None) == (example is None):
        raise Refusal(["give the package's PATH or --example NAME (one of them)"])
    if example is not None:
        try:
            path = resources.dataset(example)
        except LedgerError as error:
            raise Refusal([f"--example: {error}"]) from None
    label = example or str(path)
    try:
        tables = package.read(path, encoding)
    except package.PackageError as error:
        raise Refusal([str(error)]) from None
    total = sum(table.size for table in tables)
    with _progress(total, "Loading") as advance:
        report = loading.load(
            app.ledger().engine, tables, update=update, dry_run=dry_run, progress=advance, actor=app.ledger().actor,
            origin=label,
        )  # fmt: skip
    if report.refused:
        for problem in report.problems:
            click.echo(str(problem), err=True)
        if report.more_problems:
            click.echo(f"… and {report.more_problems} more", err=True)
        for line in report.hidden():
            click.echo(line, err=True)
        count = len(report.problems) + report.more_problems
        raise Refusal([f"{label}: {count} problem{'s' if count > 1 else ''}; nothing was loaded"])
    for change in report.changes:
        click.echo(("would change " if dry_run else "changed ") + change)
    click.echo(loading.summary(report, label, dry_run))


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
    from ledger import resources

    rows = [{"name": name, "path": str(path)} for name, path in resources.datasets().items()]
    _show_rows(rows, ("name", "path"), ("name", "path"), fmt, "dataset")


@cli.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "xlsx"]), help="csv: a package folder (default); xlsx: one workbook."
)
@pass_app
def dump(app: App, path: Path, fmt: str | None) -> None:
    """Write the whole ledger as a data package that `ledger load` reads back.

    CSV: PATH is a folder; one file per kind of record, rows and columns in a stable order, and
    datapackage.json describing them. XLSX: PATH is the workbook (or a folder to hold
    ledger.xlsx), one sheet per kind of record.

    \b
    Example:
      ledger dump export/istanbul-2025
      ledger dump istanbul-2025.xlsx --format xlsx
    """
    from ledger import loading, package

    fmt = fmt or ("xlsx" if path.suffix.lower() == ".xlsx" else "csv")
    if fmt == "csv" and path.exists() and not path.is_dir():
        raise Refusal([f"{path}: is a file; a CSV package is written to a folder"])
    with loading.dump_tables(app.ledger().engine) as tables:
        counted = {entity: _Counting(rows) for entity, rows in tables.items()}
        if fmt == "csv":
            package.write_csv(path, counted)
            where = f"{path} ({len(tables)} CSV files and datapackage.json)"
        else:
            target = path / "ledger.xlsx" if path.is_dir() or path.suffix.lower() != ".xlsx" else path
            try:
                package.write_workbook(target, counted)
            except package.PackageError as error:
                raise Refusal([str(error)]) from None
            where = f"{target} ({len(tables)} sheets)"
    click.echo(f"Wrote {sum(c.count for c in counted.values())} rows to {where}.")


class _Counting:
    """An iterable that counts what has been taken from it."""

    def __init__(self, rows: Any) -> None:
        self.rows, self.count = rows, 0

    def __iter__(self) -> Any:
        for row in self.rows:
            self.count += 1
            yield row


REPORTS = ("commitments", "fulfilment", "fulfillment", "register", "discrepancies", "timeline", "workbook", "chart")


@cli.command()
@click.argument("name", type=click.Choice(REPORTS), metavar="NAME")
@click.argument("chart", required=False, metavar="[CHART]")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "json", "md", "xlsx"]), default="table",
    show_default=True, help="table for the terminal, csv/json for tools, md to paste, xlsx for Excel.",
)  # fmt: skip
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to this file instead of the screen.")
@PROCESS_FILTER
@ROUND_FILTER
@PARTY_FILTER
@CATEGORY_FILTER
@SINCE
@UNTIL
@click.option(
    "--status", "statuses", multiple=True, metavar=_choices(domain.TERM_STATUSES),
    help="commitments: the term statuses to show (repeatable; default agreed).",
)  # fmt: skip
@click.option("--excel", is_flag=True, help="CSV with a byte-order mark, so that Excel shows every script.")
@pass_app
def report(
    app: App,
    name: str,
    chart: str | None,
    fmt: str,
    output: Path | None,
    process: str | None,
    round_: str | None,
    party: str | None,
    category: str | None,
    since: PartialDate | None,
    until: PartialDate | None,
    statuses: tuple[str, ...],
    excel: bool,
) -> None:
    """Reports over the ledger.

    \b
    NAME is one of:
      commitments    what each round committed each side to, and how it changed
      fulfilment     committed, delivered, outstanding and score per obligation
      register       transfers in date order, with running totals
      discrepancies  where the record and the sources disagree
      timeline       rounds and transfers on one time line, a line per day,
                     direction and category (each transfer: the register)
      workbook       all of these as sheets of one .xlsx file, with charts (needs -o)
      chart CHART    returns or fulfilment as an image (needs -o FILE.png or .svg)

    \b
    Example:
      ledger report fulfilment
      ledger report commitments --status agreed --status proposed --format md
      ledger report register --party UKR --since 2025-06 --format csv --excel -o register.csv
      ledger report workbook -o istanbul-2025.xlsx
      ledger report chart returns -o returns.png
    """
    from ledger import reports as r

    with _filters_checked():
        filters = r.Filters.of(
            process=process, round=round_, party=party, category=category, since=since, until=until, status=statuses
        )
    if output is not None and not output.parent.is_dir():
        raise Refusal([f"-o: {output.parent} is not a folder; create it first"])
    if output is not None and output.is_dir():
        raise Refusal([f"-o: {output} is a folder; give the file to write in it"])
    name = "fulfilment" if name == "fulfillment" else name
    ledger = app.ledger()
    if name == "chart":
        _chart(ledger, chart, output, filters)
        return
    if chart is not None:
        raise click.UsageError(f"Got unexpected extra argument ({chart})")
    if name == "workbook":
        _workbook(app, ledger, output, filters)
        return
    if name in ("register", "fulfilment") and fmt == "csv":  # written as read, without pandas
        _csv_without_pandas(ledger, name, filters, output, excel)
        return
    from ledger.reports import output as out

    built = ledger.built_report(name, filters)
    if fmt == "xlsx":
        if output is None or output.suffix.lower() != ".xlsx":
            raise Refusal(["--format xlsx: give the workbook to write with -o FILE.xlsx"])
        out.write_sheet(built, output)
        click.echo(f"Wrote the {name} report to {output}.")
        return
    import shutil

    text = {
        "table": lambda: out.to_table(built, width=max(shutil.get_terminal_size((80, 24)).columns, 40)),
        "csv": lambda: out.to_csv(built, excel=excel),
        "json": lambda: out.to_json(built),
        "md": lambda: out.to_markdown(built),
    }[fmt]()
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8", newline="")
        click.echo(f"Wrote the {name} report to {output}.")


def _csv_without_pandas(ledger: Any, name: str, filters: Any, output: Path | None, excel: bool) -> None:
    from ledger import db
    from ledger.package import replacing
    from ledger.reports import fulfilment, register

    write_csv = {"register": register.write_csv, "fulfilment": fulfilment.write_csv}[name]
    with db.reading(ledger.engine) as session:
        if output is None:
            write_csv(session, filters, sys.stdout, excel=excel)
            return
        with replacing(output) as handle:  # the file appears whole, or not at all
            write_csv(session, filters, handle, excel=excel)
    click.echo(f"Wrote the {name} report to {output}.")


def _workbook(app: App, ledger: Any, output: Path | None, filters: Any) -> None:
    import datetime as dt
    from importlib.metadata import version

    from ledger import db
    from ledger import reports as r
    from ledger.reports import frames
    from ledger.reports import output as out
    from ledger.services import display_url

    if output is None or output.suffix.lower() != ".xlsx":
        raise Refusal(["workbook: give the workbook to write with -o FILE.xlsx"])
    about = {
        "Database": display_url(app.url),
        "Filters": filters.describe(),
        "Generated": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC"),
        "Package": f"humanitarian-ledger {version('humanitarian-ledger')}",
    }
    with db.reading(ledger.engine) as session:
        built = {name: r.build(session, name, filters) for name in ("fulfilment", "commitments", "discrepancies")}
        # The two sheets with a row per transfer are streamed from the database as they are written.
        register = out.Streamed("Register", frames.REGISTER_COLUMNS, out.register_values(session, filters))
        timeline = out.Streamed("Timeline", frames.TIMELINE_COLUMNS, out.timeline_values(session, filters))
        sheets = [built["fulfilment"], built["commitments"], register, built["discrepancies"], timeline]
        out.write_workbook(sheets, output, about, frames.returns(session, filters))
    click.echo(f"Wrote the workbook to {output} ({len(sheets)} reports, 2 charts).")


def _chart(ledger: Any, chart: str | None, output: Path | None, filters: Any) -> None:
    from ledger import db
    from ledger import reports as r
    from ledger.reports import charts, frames
    from ledger.reports import output as out

    if chart not in charts.CHARTS:
        raise Refusal([f"chart: name the chart, one of {', '.join(charts.CHARTS)}, got {chart!r}"])
    if output is None or output.suffix.lower() not in (".png", ".svg"):
        raise Refusal(["chart: give the image to write with -o FILE.png or -o FILE.svg"])
    with db.reading(ledger.engine) as session:
        if chart == "returns":
            data = frames.returns(session, filters)
        else:
            data = out.committed_against_delivered(r.build(session, "fulfilment", filters))
    if data.empty:
        raise Refusal([f"chart {chart}: nothing to draw with these filters"])
    charts.draw(chart, data, output)
    click.echo(f"Drew the {chart} chart to {output}.")


@cli.command("check")
@pass_app
def check_command(app: App) -> None:
    """Check every assertion against the ledger, every rule over every record, and each transfer's
    lists as reports print them against its links.

    Prints each failure with the expected and actual figures; exit code 1 if any fails.

    \b
    Example:
      ledger check
    """
    from ledger.checks import check

    found = check(app.ledger().engine)
    for failure in found.failures:
        click.echo(f"FAIL {failure}")
    held = found.assertions - sum(f.subject.startswith("assertion ") for f in found.failures)
    summary = (
        f"{held} of {found.assertions} assertion{'s' if found.assertions != 1 else ''} "
        f"{'holds' if held == 1 else 'hold'}; {found.records} records checked against every rule"
    )
    if found.failures:
        click.echo(f"{summary}: {len(found.failures)} problem{'s' if len(found.failures) != 1 else ''}.")
        sys.exit(1)
    click.echo(f"{summary}: all pass.")


# party


@cli.group(cls=LedgerGroup)
def party() -> None:
    """States, organisations and groups that negotiate, mediate, host or hand people over."""


@party.command("add")
@click.argument("code", required=False)
@click.option("--name", help="Full name, e.g. Ukraine.")
@click.option("--kind", metavar=_choices(domain.PARTY_KINDS), help="Default: state.")
@click.option("--alias", "aliases", multiple=True, help="Another name, in any script (repeatable).")
@pass_app
def party_add(app: App, code: str | None, name: str | None, kind: str | None, aliases: tuple[str, ...]) -> None:
    """Add a party under a short capital code.

    \b
    Example:
      ledger party add UKR --name Ukraine --alias Україна
      ledger party add ICRC --name "International Committee of the Red Cross" --kind organisation
    """
    values = {"code": code, "name": name, "kind": kind, "aliases": list(aliases)}
    _ask(app, "party", values, [("code", "CODE", None), ("name", "--name", None)])
    _add(app, "party", values, {"code": "CODE", "aliases": "--alias"})
    click.echo(f"Added party {values['code']}.")


@party.command("list")
@click.option("--kind", metavar=_choices(domain.PARTY_KINDS), help="Only parties of this kind.")
@FORMAT
@pass_app
def party_list(app: App, kind: str | None, fmt: str) -> None:
    """List parties by code.

    \b
    Example:
      ledger party list
      ledger party list --kind organisation --format csv
    """
    rows = _rows(app, "party", kind=kind)
    _show_rows(rows, _columns("party"), ("code", "name", "kind", "aliases"), fmt, "party")


# source


@cli.group(cls=LedgerGroup)
def source() -> None:
    """Where facts come from: news pages, official statements, reports."""


@source.command("add")
@click.argument("key", required=False)
@click.option("--publisher", help="Who published it, e.g. Ukrainska Pravda.")
@click.option("--title", help="Headline or title.")
@click.option("--url", help="Address (http:// or https://).")
@click.option("--published", help="Publication date, YYYY-MM-DD or YYYY-MM.")
@click.option("--language", help="Language code: en, uk, ru, tr…")
@click.option("--kind", metavar=_choices(domain.SOURCE_KINDS), help="Default: media.")
@pass_app
def source_add(app: App, key: str | None, **options: str | None) -> None:
    """Add a source that records can cite.

    \b
    Example:
      ledger source add pravda-2025-05-23 --publisher "Ukrainska Pravda" \\
        --url https://www.pravda.com.ua/eng/news/2025/05/23/7513734/ --published 2025-05-23 --language en
    """
    values = {"key": key, **options}
    _ask(app, "source", values, [("key", "KEY", None), ("publisher", "--publisher", None)])
    _add(app, "source", values, {"key": "KEY"})
    click.echo(f"Added source {values['key']}.")


@source.command("list")
@click.option("--kind", metavar=_choices(domain.SOURCE_KINDS), help="Only sources of this kind.")
@SINCE
@UNTIL
@FORMAT
@pass_app
def source_list(app: App, kind: str | None, since: PartialDate | None, until: PartialDate | None, fmt: str) -> None:
    """List sources by key, optionally published within a period.

    \b
    Example:
      ledger source list --since 2025-06 --until 2025-06
    """
    rows = _rows(app, "source", kind=kind, since=_first(since), until=_last(until))
    _show_rows(rows, _columns("source"), ("key", "publisher", "published", "language", "title"), fmt, "source")


# process


@cli.group(cls=LedgerGroup)
def process() -> None:
    """Series of talks, such as the 2025 Istanbul talks."""


@process.command("add")
@click.argument("key", required=False)
@click.option("--name", help="What the talks are called.")
@click.option("--description", help="A sentence or two.")
@pass_app
def process_add(app: App, key: str | None, name: str | None, description: str | None) -> None:
    """Add a process (a series of negotiation rounds).

    \b
    Example:
      ledger process add istanbul-2025 --name "Russia–Ukraine direct talks, Istanbul, 2025"
    """
    values = {"key": key, "name": name, "description": description}
    _ask(app, "process", values, [("key", "KEY", None), ("name", "--name", None)])
    _add(app, "process", values, {"key": "KEY"})
    click.echo(f"Added process {values['key']}.")


@process.command("list")
@FORMAT
@pass_app
def process_list(app: App, fmt: str) -> None:
    """List processes.

    \b
    Example:
      ledger process list --format json
    """
    _show_rows(_rows(app, "process"), _columns("process"), _columns("process"), fmt, "process")


# round


@cli.group("round", cls=LedgerGroup)
def round_() -> None:
    """Meetings of a process: when, where, who took part and who led each delegation."""


@round_.command("add")
@click.argument("key", required=False)
@click.option("--process", help="The process this round belongs to.")
@click.option("--number", help="Its number within the process (1, 2, 3…).")
@click.option("--start", help="First day, YYYY-MM-DD.")
@click.option("--end", help="Last day, YYYY-MM-DD (leave out for a one-day round).")
@click.option(
    "--status", metavar=_choices(domain.ROUND_STATUSES), help="Default: held if it has a start date, else announced."
)
@click.option("--venue", help="e.g. Dolmabahçe Palace.")
@click.option("--city", help="e.g. Istanbul.")
@click.option("--country", help="e.g. Türkiye.")
@click.option("--party", "parties", multiple=True, metavar="CODE", help="A negotiating party (repeatable).")
@click.option("--mediator", "mediators", multiple=True, metavar="CODE", help="A mediator (repeatable).")
@click.option("--host", "hosts", multiple=True, metavar="CODE", help="The host (repeatable).")
@click.option("--observer", "observers", multiple=True, metavar="CODE", help="An observer (repeatable).")
@click.option(
    "--head", "heads", multiple=True, metavar="CODE=NAME", help="Head of a participant's delegation (repeatable)."
)
@SOURCES
@click.option("--notes", help="Anything else worth keeping.")
@pass_app
def round_add(app: App, key: str | None, start: str | None, end: str | None, **options: Any) -> None:
    """Add a round of a process, with its participants and heads of delegation.

    \b
    Example:
      ledger round add istanbul-2025-r1 --process istanbul-2025 --number 1 --start 2025-05-16 \\
        --venue "Dolmabahçe Palace" --city Istanbul --country Türkiye \\
        --party UKR --party RUS --mediator TUR --host TUR \\
        --head "UKR=Rustem Umerov" --head "RUS=Vladimir Medinsky" --source tass-1959169
    """
    values = {"key": key, "start_date": start, "end_date": end, **options}
    _ask(
        app,
        "round",
        values,
        [("key", "KEY", None), ("process", "--process", _codes(app, "process")), ("number", "--number", None)],
    )
    names = {
        "key": "KEY",
        "start_date": "--start",
        "end_date": "--end",
        "parties": "--party",
        "mediators": "--mediator",
        "hosts": "--host",
        "observers": "--observer",
        "heads": "--head",
        "sources": "--source",
    }
    _add(app, "round", values, names)
    click.echo(f"Added round {values['key']}.")


@round_.command("list")
@PROCESS_FILTER
@PARTY_FILTER
@click.option("--status", metavar=_choices(domain.ROUND_STATUSES), help="Only rounds with this status.")
@SINCE
@UNTIL
@FORMAT
@pass_app
def round_list(
    app: App,
    process: str | None,
    party: str | None,
    status: str | None,
    since: PartialDate | None,
    until: PartialDate | None,
    fmt: str,
) -> None:
    """List rounds by process and number.

    \b
    Example:
      ledger round list --process istanbul-2025 --party RUS
    """
    rows = _rows(app, "round", process=process, party=party, status=status, since=_first(since), until=_last(until))
    _show_rows(
        rows, _columns("round"), ("key", "process", "number", "start_date", "status", "city", "parties"), fmt, "round"
    )


# term


@cli.group(cls=LedgerGroup)
def term() -> None:
    """Commitments made in a round, each with one obligation per direction."""


@term.command("add")
@click.argument("key", required=False)
@click.option("--round", "round_", metavar="KEY", help="The round that agreed (or proposed) it.")
@click.option("--category", metavar=_choices(domain.CATEGORIES), help="Who or what is to be handed over.")
@click.option(
    "--each", metavar="QTY", help="The same quantity each way between the round's two parties; a number or all."
)
@click.option(
    "--obligation",
    "obligations",
    multiple=True,
    metavar="FROM:TO:QTY",
    help="One direction: deliverer, receiver, quantity or all (repeatable).",
)
@click.option(
    "--basis", metavar=_choices(domain.BASES), help="exact (default for a number), at-least (a floor), or all."
)
@click.option("--min-age", help="Youngest person covered.")
@click.option("--max-age", help="Oldest person covered.")
@click.option("--condition", help="e.g. severely wounded, civilian, military.")
@click.option("--status", metavar=_choices(domain.TERM_STATUSES), help="Default: agreed.")
@click.option("--supersedes", metavar="KEY", help="The term of an earlier round that this one replaces.")
@click.option("--deadline", help="By when, YYYY-MM-DD or YYYY-MM.")
@SOURCES
@click.option("--description", help="The commitment in words.")
@pass_app
def term_add(
    app: App, key: str | None, round_: str | None, obligations: tuple[str, ...], basis: str | None, **options: Any
) -> None:
    """Add a term of a round, with its obligations.

    "1,000 for 1,000" is --each 1000; "no fewer than 1,000" adds --basis at-least; "all severely
    wounded" is --each all --condition "severely wounded". A term of category other (a ceasefire
    memorandum, working groups) has no obligations.

    \b
    Example:
      ledger term add r1-pow-exchange --round istanbul-2025-r1 --category pow --each 1000
      ledger term add r2-bodies --round istanbul-2025-r2 --category bodies \\
        --obligation RUS:UKR:6000 --obligation UKR:RUS:6000
    """
    values = {"key": key, "round": round_, "basis": basis, **options}
    interactive_walk = key is None or round_ is None or options.get("category") is None
    _ask(
        app,
        "term",
        values,
        [
            ("key", "KEY", None),
            ("round", "--round", _codes(app, "round")),
            ("category", "--category", _vocabulary(domain.CATEGORIES)),
        ],
    )
    if interactive_walk and interactive() and values.get("status") is None:
        values["status"] = click.prompt("status", type=click.Choice(domain.TERM_STATUSES), default="agreed")
    values["obligations"] = [_obligation(text, basis) for text in obligations]
    names = {
        "key": "KEY",
        "obligations": "--obligation",
        "deliverer": "--obligation",
        "receiver": "--obligation",
        "quantity": "--obligation",
        "sources": "--source",
    }
    record = _add(app, "term", values, names)
    count = len(record.obligations)
    obligations = {0: "no obligations", 1: "1 obligation"}.get(count, f"{count} obligations")
    click.echo(f"Added term {values['key']} with {obligations}.")


def _obligation(text: str, basis: str | None) -> dict[str, str | None]:
    parts = text.split(":")
    if len(parts) != 3:
        raise Refusal([f"--obligation: must be FROM:TO:QTY, such as RUS:UKR:1000 or UKR:RUS:all, got {text!r}"])
    deliverer, receiver, quantity = (part.strip() for part in parts)
    return {"deliverer": deliverer, "receiver": receiver, "quantity": quantity, "basis": basis}


@term.command("list")
@PROCESS_FILTER
@ROUND_FILTER
@PARTY_FILTER
@CATEGORY_FILTER
@click.option("--status", metavar=_choices(domain.TERM_STATUSES), help="Only terms with this status.")
@FORMAT
@pass_app
def term_list(
    app: App,
    process: str | None,
    round_: str | None,
    party: str | None,
    category: str | None,
    status: str | None,
    fmt: str,
) -> None:
    """List terms, one line per obligation, in round order.

    \b
    Example:
      ledger term list --round istanbul-2025-r2 --category bodies
    """
    rows = _rows(app, "term", process=process, round=round_, party=party, category=category, status=status)
    if fmt == "table":
        rows = [{**row, "quantity": _quantity(row)} for row in rows]
    _show_rows(
        rows,
        _columns("term"),
        ("term", "round", "category", "deliverer", "receiver", "quantity", "status"),
        fmt,
        "term",
    )


def _quantity(row: Mapping[str, Any]) -> str:
    return "" if row["basis"] is None else domain.format_quantity(row["quantity"], row["basis"])


# transfer


@cli.group(cls=LedgerGroup)
def transfer() -> None:
    """Handovers of people or remains, one direction each."""


@transfer.command("add")
@click.argument("key", required=False)
@click.option("--date", help="YYYY-MM-DD, or YYYY-MM when only the month is known.")
@click.option("--from", "deliverer", metavar="CODE", help="The party handing over.")
@click.option("--to", "receiver", metavar="CODE", help="The party receiving.")
@click.option("--category", metavar=_choices(domain.PEOPLE_CATEGORIES), help="Who was handed over.")
@click.option("--count", help="How many.")
@click.option("--undisclosed", is_flag=True, help="The count was not made public (which is not zero).")
@click.option(
    "--term",
    "terms",
    multiple=True,
    metavar="KEY[:N]",
    help="A term it counts towards, optionally with how many (repeatable, in order).",
)
@click.option("--exchange", metavar="KEY", help="The swap that paired it with the opposite direction.")
@click.option("--via", "intermediaries", multiple=True, metavar="CODE", help="An intermediary (repeatable).")
@click.option("--location", help="Where the handover took place.")
@SOURCES
@click.option("--note", "notes", help="Anything else worth keeping.")
@pass_app
def transfer_add(app: App, key: str | None, count: str | None, undisclosed: bool, **options: Any) -> None:
    """Add a transfer: one handover in one direction.

    Without --term, later reports allocate it to the earliest open matching term.

    \b
    Example:
      ledger transfer add 2025-05-23-rus-ukr-pow --date 2025-05-23 --from RUS --to UKR \\
        --category pow --count 270 --term r1-pow-exchange --exchange 2025-05-23
      ledger transfer add 2025-06-12-rus-ukr-pow --date 2025-06-12 --from RUS --to UKR \\
        --category pow --undisclosed
    """
    if count is not None and undisclosed:
        raise click.UsageError("Give --count or --undisclosed, not both.")
    values = {"key": key, "count": domain.UNDISCLOSED if undisclosed else count, **options}
    _ask(
        app,
        "transfer",
        values,
        [
            ("key", "KEY", None),
            ("date", "--date", None),
            ("deliverer", "--from", _codes(app, "party")),
            ("receiver", "--to", _codes(app, "party")),
            ("category", "--category", _vocabulary(domain.PEOPLE_CATEGORIES)),
            ("count", "--count", None),
        ],
    )
    names = {
        "key": "KEY",
        "deliverer": "--from",
        "receiver": "--to",
        "terms": "--term",
        "intermediaries": "--via",
        "sources": "--source",
        "notes": "--note",
    }
    _add(app, "transfer", values, names)
    click.echo(f"Added transfer {values['key']}.")


@transfer.command("list")
@PROCESS_FILTER
@ROUND_FILTER
@click.option("--term", metavar="KEY", help="Only transfers explicitly allocated to this term.")
@PARTY_FILTER
@CATEGORY_FILTER
@click.option("--exchange", metavar="KEY", help="Only this exchange.")
@SINCE
@UNTIL
@FORMAT
@pass_app
def transfer_list(
    app: App,
    process: str | None,
    round_: str | None,
    term: str | None,
    party: str | None,
    category: str | None,
    exchange: str | None,
    since: PartialDate | None,
    until: PartialDate | None,
    fmt: str,
) -> None:
    """List transfers in date order.

    --round, --term and --process select transfers explicitly allocated to those terms. A
    transfer dated to a month is listed when its month overlaps --since/--until.

    \b
    Example:
      ledger transfer list --party UKR --category bodies --since 2025-06 --until 2025-06-30
    """
    rows = _rows(
        app,
        "transfer",
        process=process,
        round=round_,
        term=term,
        party=party,
        category=category,
        exchange=exchange,
        since=_first(since),
        until=_last(until),
    )
    _show_rows(
        rows,
        _columns("transfer"),
        ("key", "date", "deliverer", "receiver", "category", "count", "terms"),
        fmt,
        "transfer",
    )


# claim


@cli.group(cls=LedgerGroup)
def claim() -> None:
    """Figures as a given source or speaker stated them, kept where sources disagree."""


@claim.command("add")
@click.option("--subject", metavar="TYPE:KEY", help="round:KEY, term:KEY or transfer:KEY.")
@click.option("--field", help="The field the claim is about, e.g. count, date, quantity, terms.")
@click.option("--value", help="The value as stated.")
@click.option("--source", help="Where it was stated.")
@click.option("--claimant", help="Who stated it, if not the source itself.")
@click.option("--stated-on", help="When it was stated, YYYY-MM-DD or YYYY-MM.")
@click.option("--quote", help="A short quotation.")
@pass_app
def claim_add(app: App, **options: Any) -> None:
    """Add a claim about a round, term or transfer.

    \b
    Example:
      ledger claim add --subject transfer:2025-07-23-rus-ukr-pow --field count --value 250 \\
        --source pravda-2025-07-23 --claimant "Vladimir Medinsky"
    """
    values = dict(options)
    _ask(
        app,
        "claim",
        values,
        [
            ("subject", "--subject", None),
            ("field", "--field", None),
            ("value", "--value", None),
            ("source", "--source", _codes(app, "source")),
        ],
    )
    _add(app, "claim", values, {})
    click.echo(f"Added a claim on {values['subject']} {values['field']}.")


@claim.command("list")
@click.option("--subject", metavar="TYPE:KEY", help="Only claims on this record.")
@click.option("--field", help="Only claims on this field.")
@click.option("--source", metavar="KEY", help="Only claims from this source.")
@FORMAT
@pass_app
def claim_list(app: App, subject: str | None, field: str | None, source: str | None, fmt: str) -> None:
    """List claims; the id column is what `claim show` takes.

    \b
    Example:
      ledger claim list --subject round:istanbul-2025-r3
    """
    rows = _rows(app, "claim", subject=subject, field=field, source=source)
    _show_rows(rows, _columns("claim"), ("id", "subject", "field", "value", "source", "claimant"), fmt, "claim")


# assertion


@cli.group(cls=LedgerGroup)
def assertion() -> None:
    """Published running totals, to be checked against the ledger."""


@assertion.command("add")
@click.argument("key", required=False)
@click.option("--as-of", help="The date the total runs to, YYYY-MM-DD.")
@click.option("--from", "deliverer", metavar="CODE", help="The party handing over.")
@click.option("--to", "receiver", metavar="CODE", help="The party receiving.")
@click.option("--category", metavar=_choices(domain.PEOPLE_CATEGORIES), help="Who was handed over.")
@click.option("--expected", help="The published total.")
@click.option("--scope", metavar="TYPE:KEY", help="term:KEY, round:KEY or process:KEY (default: everything).")
@click.option("--source", help="Where the total was published.")
@pass_app
def assertion_add(app: App, key: str | None, **options: Any) -> None:
    """Add an assertion: a total someone published, as of a date.

    \b
    Example:
      ledger assertion add bodies-to-ukr-2025-06-16 --as-of 2025-06-16 --from RUS --to UKR \\
        --category bodies --expected 6057 --scope process:istanbul-2025 --source pravda-2025-06-16
    """
    values = {"key": key, **options}
    _ask(
        app,
        "assertion",
        values,
        [
            ("key", "KEY", None),
            ("as_of", "--as-of", None),
            ("deliverer", "--from", _codes(app, "party")),
            ("receiver", "--to", _codes(app, "party")),
            ("category", "--category", _vocabulary(domain.PEOPLE_CATEGORIES)),
            ("expected", "--expected", None),
        ],
    )
    _add(app, "assertion", values, {"key": "KEY", "deliverer": "--from", "receiver": "--to"})
    click.echo(f"Added assertion {values['key']}.")


@assertion.command("list")
@PARTY_FILTER
@CATEGORY_FILTER
@SINCE
@UNTIL
@FORMAT
@pass_app
def assertion_list(
    app: App, party: str | None, category: str | None, since: PartialDate | None, until: PartialDate | None, fmt: str
) -> None:
    """List assertions by date.

    \b
    Example:
      ledger assertion list --party UKR --category bodies
    """
    rows = _rows(app, "assertion", party=party, category=category, since=_first(since), until=_last(until))
    _show_rows(
        rows,
        _columns("assertion"),
        ("key", "as_of", "deliverer", "receiver", "category", "expected", "scope"),
        fmt,
        "assertion",
    )


# show, the same for every entity


def _add_show(group: click.Group, entity: str, argument: str, example: str) -> None:
    @group.command(
        "show", help=(f"Show one {entity} with every field.\n\n\b\nExample:\n  ledger {entity} show {example}")
    )
    @click.argument(argument)
    @click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
    @pass_app
    def show(app: App, fmt: str, **key: str) -> None:
        _show_one(app, entity, next(iter(key.values())), fmt)


for _group, _entity, _argument, _example in (
    (party, "party", "code", "UKR"),
    (source, "source", "key", "pravda-2025-05-23"),
    (process, "process", "key", "istanbul-2025"),
    (round_, "round", "key", "istanbul-2025-r1"),
    (term, "term", "key", "r1-pow-exchange"),
    (transfer, "transfer", "key", "2025-05-23-rus-ukr-pow"),
    (claim, "claim", "id", "3"),
    (assertion, "assertion", "key", "bodies-to-ukr-2025-06-16"),
):
    _add_show(_group, _entity, _argument, _example)


# amend, void and history, the same for every entity

# Where an add option's name is not the record's field, and back.
FIELD_OF = {"start": "start_date", "end": "end_date", "round_": "round"}
OPTION_OF = {
    "round": {"start_date": "--start", "end_date": "--end", "parties": "--party", "mediators": "--mediator",
              "hosts": "--host", "observers": "--observer", "heads": "--head", "sources": "--source"},
    "term": {"obligations": "--obligation", "deliverer": "--obligation", "receiver": "--obligation",
             "quantity": "--obligation", "sources": "--source"},
    "transfer": {"deliverer": "--from", "receiver": "--to", "terms": "--term", "intermediaries": "--via",
                 "sources": "--source", "notes": "--note"},
    "party": {"aliases": "--alias"},
    "assertion": {"deliverer": "--from", "receiver": "--to"},
}  # fmt: skip
KEY_ARGUMENT = {"party": "code", "claim": "id"}
EXAMPLE_KEY = {
    "party": "UKR", "source": "pravda-7513734", "process": "istanbul-2025", "round": "istanbul-2025-r1",
    "term": "r1-pow-exchange", "transfer": "2025-05-23-rus-ukr-pow", "claim": "3", "assertion": "bodies-to-ukr",
}  # fmt: skip
AMEND_EXAMPLE = {
    "party": "--alias Україна --alias Ukraina",
    "source": "--title \"Prisoner exchange\"",
    "process": "--description \"Direct talks hosted by Türkiye\"",
    "round": "--end 2025-05-16",
    "term": "--each 1200",
    "transfer": "--count 390",
    "claim": "--claimant \"Vladimir Medinsky\"",
    "assertion": "--expected 6057",
}  # fmt: skip


def _changes(entity: str, options: dict[str, Any]) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for name, value in options.items():
        if value is None or value == () or value is False:
            continue
        changes[FIELD_OF.get(name, name)] = list(value) if isinstance(value, tuple) else value
    if entity == "term" and "obligations" in changes:
        changes["obligations"] = [_obligation(text, changes.get("basis")) for text in changes["obligations"]]
    if entity == "transfer" and changes.pop("undisclosed", False):
        if "count" in changes:
            raise click.UsageError("Give --count or --undisclosed, not both.")
        changes["count"] = domain.UNDISCLOSED
    return changes


def _add_journal_commands(group: click.Group, entity: str) -> None:
    add = group.commands["add"]
    argument = KEY_ARGUMENT.get(entity, "key")
    key = EXAMPLE_KEY[entity]
    options = [p for p in add.params if isinstance(p, click.Option)]
    reason = click.Option(["--reason"], required=True, help="Why: kept in the journal with the change.")

    names = {"key": argument.upper(), **OPTION_OF.get(entity, {})}

    def amend(app: App, reason: str, **values: Any) -> None:
        record_key = str(values.pop(argument))
        try:
            changed = app.ledger().amend(entity, record_key, _changes(entity, values), reason)
        except InvalidInput as refused:
            raise Refusal([f"{_option_name(p.field, names)}: {p.message}" for p in refused.problems]) from None
        if not changed:
            click.echo(f"Nothing to change: {entity} {record_key} already has these values.")
            return
        click.echo(f"Amended {entity} {record_key}: " + "; ".join(changed) + ".")

    group.add_command(LedgerCommand(
        "amend", callback=click.pass_obj(amend), params=[click.Argument([argument]), *options, reason],
        help=f"Change a {entity}; the rules of add apply, and the old values stay in the journal.\n\n"
        "Give only the options to change; a repeatable option given replaces the whole list.\n\n"
        f"\b\nExample:\n  ledger {entity} amend {key} {AMEND_EXAMPLE[entity]} --reason \"corrected from the source\"",
    ))  # fmt: skip

    def void(app: App, reason: str, cascade: bool, **values: Any) -> None:
        record_key = str(values[argument])
        try:
            voided = app.ledger().void(entity, record_key, reason, cascade)
        except InvalidInput as refused:
            raise Refusal([f"{_option_name(p.field, names)}: {p.message}" for p in refused.problems]) from None
        click.echo("Voided " + ", ".join(f"{e} {k}" for e, k in voided) + ".")

    group.add_command(LedgerCommand(
        "void", callback=click.pass_obj(void),
        params=[
            click.Argument([argument]), reason,
            click.Option(["--cascade"], is_flag=True, help="Also void the live records that depend on it."),
        ],
        help=f"Void a {entity}: it stops counting anywhere (lists, reports, allocations, checks, dumps) but "
        "stays in the ledger and its history. Refused while live records depend on it, unless --cascade.\n\n"
        f"\b\nExample:\n  ledger {entity} void {key} --reason \"entered twice\"",
    ))  # fmt: skip

    def history(app: App, fmt: str, **values: Any) -> None:
        versions = app.ledger().history(entity, str(values[argument]))
        if fmt == "json":
            click.echo(render.to_json(versions), nl=False)
            return
        for version in versions:
            why = f" — {version['reason']}" if version["reason"] else ""
            click.echo(f"#{version['seq']}  {version['at']}  {version['actor']}  {version['action']}{why}")
            for change in version["changes"]:
                click.echo(f"    {change}")

    group.add_command(LedgerCommand(
        "history", callback=click.pass_obj(history),
        params=[
            click.Argument([argument]),
            click.Option(["--format", "fmt"], type=click.Choice(["text", "json"]), default="text", show_default=True),
        ],
        help=f"Every version of a {entity}: when, who, the action, the reason, and each field changed.\n\n"
        f"\b\nExample:\n  ledger {entity} history {key}",
    ))  # fmt: skip


for _group, _entity in (
    (party, "party"), (source, "source"), (process, "process"), (round_, "round"), (term, "term"),
    (transfer, "transfer"), (claim, "claim"), (assertion, "assertion"),
):  # fmt: skip
    _add_journal_commands(_group, _entity)


@cli.command()
@click.option("--print-head", is_flag=True, help="Print only the head hash (to publish it elsewhere).")
@pass_app
def verify(app: App, print_head: bool) -> None:
    """Verify the journal: its hash chain, and that every record is what the journal says; then
    recompute the derived tables (the allocation shares every report sums, the transfers' list
    texts) from the records.

    Names each problem (a record edited behind the ledger's back, a journal entry altered or
    removed, a record with no journal entry, an allocation share or list text that is not what
    the records give, stored against recomputed) and exits 1; exits 0 with a summary when all is well.
    Publish the head hash (--print-head) somewhere others can see it: a later verify that reaches
    another head shows the history was rewritten.

    \b
    Example:
      ledger verify
      ledger verify --print-head
    """
    result = app.ledger().verify()
    for problem in result.problems:
        click.echo(f"FAIL {problem}", err=print_head)
    if print_head:
        click.echo(result.head)
    elif not result.problems:
        click.echo(
            f"Verified: {result.entries} journal entries chain correctly and {result.records} records match them; "
            f"head {result.head}."
        )
    if result.problems:
        click.echo(f"{len(result.problems)} problem{'s' if len(result.problems) != 1 else ''} found.", err=print_head)
        sys.exit(1)


@cli.command()
@click.option("--since", type=DATE, help="Changes from this date (UTC).")
@click.option("--actor", "who", metavar="NAME", help="Only changes by this actor.")
@FORMAT
@pass_app
def log(app: App, since: PartialDate | None, who: str | None, fmt: str) -> None:
    """The journal, newest first.

    \b
    Example:
      ledger log --since 2025-06 --actor alice
    """
    entries = app.ledger().log(since.first.isoformat() if since else None, who)
    rows = [
        {"seq": e.seq, "at": e.at, "actor": e.actor, "action": e.action, "entity": e.entity, "key": e.key,
         "reason": e.reason, "hash": e.hash}
        for e in entries
    ]  # fmt: skip
    _show_rows(rows, ("seq", "at", "actor", "action", "entity", "key", "reason", "hash"),
               ("seq", "at", "actor", "action", "entity", "key", "reason"), fmt, "journal")  # fmt: skip


@cli.group(cls=LedgerGroup)
def db() -> None:
    """The database itself: roles for a team on PostgreSQL."""


@db.command()
@click.option("--print", "print_only", is_flag=True, help="Print the SQL instead of running it.")
@click.option("--reader", default="ledger_reader", show_default=True, help="The role that can only read.")
@click.option("--editor", default="ledger_editor", show_default=True, help="The role that enters data.")
@pass_app
def roles(app: App, print_only: bool, reader: str, editor: str) -> None:
    """Create two PostgreSQL roles: a reader that can only select, and an editor with only what the
    ledger's writes need: it adds, amends, voids and loads, but deletes no record and only appends
    to the journal. Run it again after `ledger init` upgrades the ledger: it revokes what an
    earlier run granted first.

    Roles belong to the whole server; the grants are for this database. Give them passwords or
    trusted connections as your server's authentication requires.

    \b
    Example:
      ledger --db postgresql://postgres@127.0.0.1/ledger db roles
      ledger --db postgresql://postgres@127.0.0.1/ledger db roles --print
    """
    from ledger.roles import grant

    if not app.url.startswith("postgresql"):
        raise Refusal(["db roles: roles are for a PostgreSQL ledger; a SQLite file is protected by file permissions"])
    try:
        statements = grant(app.ledger().engine, reader, editor, execute=not print_only)
    except ValueError as error:
        raise Refusal([f"db roles: {error}"]) from None
    if print_only:
        click.echo(";\n".join(statements) + ";")
    else:
        done = f"{reader} (select only) and {editor} (deletes no record; journal: append only)"
        click.echo(f"Created or updated roles {done}.")


def _columns(entity: str) -> tuple[str, ...]:
    return domain.COLUMNS[entity]


def _first(date: PartialDate | None) -> Any:
    return date.first if date else None


def _last(date: PartialDate | None) -> Any:
    return date.last if date else None


def main() -> None:
    try:
        cli(prog_name="ledger")
    finally:
        # The process ends here: spare it the collector's last pass over every object, about 60 ms
        # once SQLAlchemy and the models are loaded (a third of `transfer add`'s own time). Every
        # file and connection is closed by then (the ledger's when the click context closes);
        # the memory goes back to the system with the process.
        import gc

        gc.freeze()
