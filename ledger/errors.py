"""The ledger's exceptions: what the command line turns into a one-line refusal (exit 2)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the rules are not needed to start the command line
    from ledger.rules import Problem


@dataclass(frozen=True)
class Parameter:
    """A parameter of the call a message names (`cascade`), with a placeholder for its value
    where the message shows one (`actor=NAME`)."""

    name: str
    value: str | None = None

    def __str__(self) -> str:
        return f"`{self.name}={self.value}`" if self.value else f"`{self.name}`"


class Said(str):
    """A message that names parameters of the call. As text it writes each in backticks, as
    Python names them (`cascade`, `actor=NAME`); `named` writes each as a caller names it instead
    (the command line: `--cascade`, `--actor NAME`). Only the parameters are written anew: a value
    the message quotes (a key, a file's name, a cell) is never rewritten, whatever it holds."""

    parts: tuple[str | Parameter, ...]

    def __new__(cls, *parts: str | Parameter) -> Said:
        said = super().__new__(cls, "".join(str(part) for part in parts))
        said.parts = parts
        return said

    def named(self, name: Callable[[Parameter], str]) -> str:
        return "".join(name(part) if isinstance(part, Parameter) else part for part in self.parts)


def message_of(error: BaseException) -> str:
    """An exception's message, a `Said` kept as one."""
    return error.args[0] if len(error.args) == 1 and isinstance(error.args[0], Said) else str(error)


class LedgerError(Exception):
    """Something the user can fix; the message says what and how."""


class InvalidInput(LedgerError):
    """A record broke one or more rules; nothing was written."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(str(problem) for problem in self.problems))


class NotFound(LedgerError):
    """No record has the key asked for."""


class SchemaError(LedgerError):
    """The database holds no ledger, or one at another schema revision."""


class Conflict(LedgerError):
    """The database refused a write (a constraint), usually because another writer got there first."""
