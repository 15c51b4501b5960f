"""The options the commands share, and the one mapping between the library's names and the
command line's: a record's field (or a parameter of the library) and the option that gives it.

The library names fields: a problem has its `field` (`deliverer`), and a message that mentions a
parameter writes it in backticks (`cascade`, `actor=NAME`). Here each becomes the option of the
command that was run (`--from`, `--cascade`, `--actor NAME`), read from the command's own
options, so that no table of option names is kept beside them.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping, Sequence
from typing import Any

import click

from ledger import domain, hxl, render
from ledger.domain import PartialDate, ValueProblem
from ledger.errors import InvalidInput, LedgerError, Parameter, Said, message_of


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


def choices(values: Sequence[str]) -> str:
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
CATEGORY_FILTER = click.option("--category", metavar="CODE", help="Only this category (ledger category list).")
ROUND_FILTER = click.option("--round", "round", metavar="KEY", help="Only this round.")
PROCESS_FILTER = click.option("--process", metavar="KEY", help="Only this process.")
SOURCES = click.option("--source", "sources", multiple=True, metavar="KEY", help="Source it rests on (repeatable).")
_SHOWN: dict[str, Any] = {"type": click.Choice(["text", "json"]), "default": "text", "show_default": True}
SHOW_FORMAT = click.option("--format", "fmt", **_SHOWN)


def show_format() -> click.Option:
    """The `--format text|json` of `show` and `history`, for a command built without decorators."""
    return click.Option(["--format", "fmt"], **_SHOWN)


# Each option's value is named after the field it gives (`--start` gives `start_date`), so that
# a problem with a field is named by its option; the fields of the parts of a value (a term's
# obligations) are named by the option that gives the whole value.
PARTS_OF = {"obligations": ("deliverer", "receiver", "quantity")}


def shown(param: click.Parameter) -> str:
    """How the command line names a parameter: an argument by its metavar (`KEY`), an option by
    its longest name (`--from`)."""
    if isinstance(param, click.Argument):
        return param.human_readable_name
    return max(param.opts, key=len)


def names(ctx: click.Context) -> dict[str, str]:
    """Field or parameter name → how the command run in `ctx` names it: its options and
    arguments, then those of the groups above it (`--db`, `--actor`). The record's key is its
    first argument (`KEY`, `CODE`, `ID`); the command itself names a problem of its own."""
    found = {ctx.command.name or "": " ".join(ctx.command_path.split()[1:])}
    for context in _contexts(ctx):
        for param in context.command.params:
            field = param.name or ""
            found.setdefault(field, shown(param))
            if isinstance(param, click.Argument) and context is ctx:
                found.setdefault("key", shown(param))
            for part in PARTS_OF.get(field, ()):
                found.setdefault(part, shown(param))
    return found


def _contexts(ctx: click.Context | None) -> list[click.Context]:
    chain = []
    while ctx is not None:
        chain.append(ctx)
        ctx = ctx.parent
    return chain


def option_name(field: str, known: Mapping[str, str]) -> str:
    return known.get(field, "--" + field.replace("_", "-"))


def said(message: str, known: Mapping[str, str]) -> str:
    """A library message with each parameter it names (`Said`: `update`, `actor=NAME`) written as
    the option that gives it (`--update`, `--actor NAME`); a name the command has not is left as
    the library wrote it. The rest of the message, what the user gave included, is left as it is."""
    if not isinstance(message, Said):
        return message

    def option(parameter: Parameter) -> str:
        if parameter.name not in known:
            return str(parameter)
        return known[parameter.name] + (f" {parameter.value}" if parameter.value else "")

    return message.named(option)


def refused(error: LedgerError, known: Mapping[str, str]) -> list[str]:
    """The lines a refusal prints: each problem with a field named by its option, else the message."""
    if isinstance(error, InvalidInput) and error.problems:
        return [f"{option_name(p.field, known)}: {said(p.message, known)}" for p in error.problems]
    return [said(message_of(error), known)]


def say(message: str) -> str:
    """A library message as the command being run names its parameters."""
    return said(message, names(click.get_current_context()))


# What may be given instead of a required option.
ALTERNATIVES = {"--count": "--undisclosed"}


def missing(given: Sequence[str]) -> str:
    """`Missing argument 'KEY' and options '--from', '--count' (or '--undisclosed').`"""
    arguments = [name for name in given if not name.startswith("-")]
    options = [name for name in given if name.startswith("-")]
    parts = [
        f"{kind}{'s' if len(names) > 1 else ''} "
        + ", ".join(f"'{name}'" + (f" (or '{ALTERNATIVES[name]}')" if name in ALTERNATIVES else "") for name in names)
        for kind, names in (("argument", arguments), ("option", options))
        if names
    ]
    return f"Missing {' and '.join(parts)}."


def count_given(count: Any, undisclosed: bool) -> Any:
    """A transfer's count from `--count N` or `--undisclosed`, which exclude each other."""
    if not undisclosed:
        return count
    if count is not None:
        raise click.UsageError("Give --count or --undisclosed, not both.")
    return domain.UNDISCLOSED


def hxl_option(columns: Sequence[str] = ()) -> Any:
    """`--hxl`, its help naming the `columns` it leaves out (those of `ledger.hxl.PERSONAL`)."""
    left_out = [column for column in columns if column in hxl.PERSONAL]
    also = f" Leaves out {', '.join(left_out)}: HDX forbids personal data." if left_out else ""
    return click.option(
        "--hxl", is_flag=True, help="With --format csv: the HXL hashtag row under the header, for HDX." + also
    )


def show_rows(
    rows: list[dict[str, Any]],
    columns: Sequence[str],
    table_columns: Sequence[str],
    fmt: str,
    entity: str,
    tagged: bool = False,
) -> None:
    if tagged:
        hxl.check_format(fmt)
    if fmt == "csv":
        click.echo(render.to_csv(rows, columns, hxl_of=entity if tagged else ""), nl=False)
    elif fmt == "json":
        click.echo(render.to_json(rows, columns), nl=False)
    elif not rows:
        click.echo(f"No {entity} records.")
    else:
        click.echo(render.table(rows, table_columns, width=terminal_width()))


def terminal_width() -> int:
    return max(shutil.get_terminal_size((80, 24)).columns, 40)


def first(date: PartialDate | None) -> Any:
    return date.first if date else None


def last(date: PartialDate | None) -> Any:
    return date.last if date else None
