"""A ledger of humanitarian agreements: what negotiation rounds committed each side to, what was
handed over afterwards, and where the sources disagree.

From Python (a notebook, a script), the front door is `open`:

    import ledger
    book = ledger.open("ledger.db")          # a SQLite file's path, or a database URL
    book.report("fulfilment", round="istanbul-2025-r2", category="pow")   # a pandas DataFrame
    book.transfers(party="UKR", since="2025-06")                          # plain dicts
    book.add("transfer", {"key": "t1", "date": "2025-06-12", ...})        # the rules of the CLI

Every refusal is a `LedgerError`; a record that breaks rules raises `InvalidInput`, which carries
every problem. Importing the package imports neither the database layer nor pandas; a report
imports pandas when it is built.
"""

from __future__ import annotations

from os import PathLike
from typing import TYPE_CHECKING, Any

from ledger.errors import Conflict, InvalidInput, LedgerError, NotFound, SchemaError

if TYPE_CHECKING:
    from ledger.domain import PartialDate
    from ledger.facade import Ledger
    from ledger.rules import Problem

__all__ = [
    "Conflict", "InvalidInput", "Ledger", "LedgerError", "NotFound", "PartialDate", "Problem", "SchemaError", "open",
]  # fmt: skip


def open(path_or_url: str | PathLike[str], actor: str | None = None) -> Ledger:
    """Open the ledger at a SQLite file's path (`ledger.db`) or a database URL
    (`postgresql://user@host/db`); `actor` is who the journal says wrote (default
    $LEDGER_ACTOR, else the login name). A missing ledger, or a file or database that holds
    none, raises `SchemaError` saying how to create it."""
    from ledger.facade import Ledger

    return Ledger.open(path_or_url, actor)


def __getattr__(name: str) -> Any:
    """`Ledger`, `Problem` and `PartialDate`, imported when first asked for."""
    if name == "Ledger":
        from ledger.facade import Ledger

        return Ledger
    if name == "Problem":
        from ledger.rules import Problem

        return Problem
    if name == "PartialDate":
        from ledger.domain import PartialDate

        return PartialDate
    raise AttributeError(f"module 'ledger' has no attribute {name!r}")
