"""The ledger's exceptions: what the command line turns into a one-line refusal (exit 2)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the rules are not needed to start the command line
    from ledger.rules import Problem


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
