"""What every command shares: the `ledger` group and its options, the ledger once opened, the
exit codes, and how a refusal from the library is printed.

A refusal (`ledger.LedgerError`) becomes `Error: ...` on standard error and exit code 2, with
nothing written; a problem with a field is named by the option that gives it (`options.names`).
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

import click

import ledger
from ledger.cli import options
from ledger.config import database_url
from ledger.errors import LedgerError

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
    """Whether a person is at the keyboard to answer prompts (tests replace `ledger.cli.interactive`)."""
    return sys.stdin.isatty()


class App:
    """What the commands share: the database address, and the ledger once opened."""

    def __init__(self, db_option: str | None, actor: str | None = None) -> None:
        self.url = database_url(db_option)
        self.actor = actor
        self._ledger: Any = None

    def ledger(self) -> Any:
        if self._ledger is None:
            self._ledger = ledger.open(self.url, self.actor)
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
                raise Refusal([f"{options.shown(param)}: must be UTF-8 text, got {bytes_of(text)!r}"]) from None


def bytes_of(text: str) -> bytes:
    """The bytes the shell gave, as far as Python kept them."""
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that was never a byte
        return text.encode("utf-8", "backslashreplace")


class LedgerCommand(click.Command):
    """A command whose arguments are checked to be text (UTF-8) once parsed, and whose refusals
    from the library are printed with the names of its options."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            rest = super().parse_args(ctx, args)
        except BrokenPipeError:  # --help or --version, printed while the options are read
            _closed_pipe()
        _refuse_text_not_utf8(ctx)
        return rest

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except LedgerError as error:
            raise Refusal(options.refused(error, options.names(ctx))) from None


class LedgerGroup(LedgerCommand, click.Group):
    """Turns what goes wrong anywhere below into a one-line error and exit code 2."""

    command_class = LedgerCommand

    def invoke(self, ctx: click.Context) -> Any:
        try:
            result = super().invoke(ctx)
            if sys.stdout is not None:  # None: started with standard output closed (`>&-`), nothing to flush
                sys.stdout.flush()  # the last of the output, here where a closed pipe is still handled
            return result
        except BrokenPipeError:
            _closed_pipe()
        except click.Abort:  # Ctrl-D or Ctrl-C at a prompt: usage, not a check that found problems
            raise Refusal(["stopped at a prompt: nothing was written"]) from None
        except OSError as error:  # a file or folder the system refused (-o, dump, load)
            if error.filename is None and error.errno in (errno.ENOSPC, errno.EIO, errno.EDQUOT):
                _output_lost()  # the output itself (`> /dev/full`, a full disk)
                raise Refusal([f"could not write the output: {error.strerror}"]) from None
            if error.filename is None:
                raise
            raise Refusal([f"{error.filename}: {error.strerror or error}"]) from None


def _output_lost() -> None:
    """Standard output could not take what was written: what is still buffered goes to the null
    device, so that Python's own flush at exit does not fail a second time with a traceback."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):  # standard output that is not a file (a test's runner)
        pass


def _closed_pipe() -> NoReturn:
    """The reader of the output has gone (`| head -1`) with what it wanted: end quietly, exit 0.

    What is still buffered goes to the null device, so that Python's own flush at exit does not
    meet the closed pipe again (the recipe of the `signal` module's documentation)."""
    _output_lost()
    raise click.exceptions.Exit(0)


pass_app = click.make_pass_decorator(App)


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
