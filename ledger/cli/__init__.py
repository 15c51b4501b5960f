"""The `ledger` command line: parse options, call the library, print, choose the exit code.

Nothing here decides what is valid (that is `ledger.rules`) or how a record is stored or read
(that is the library, through `ledger.open` and its `Ledger`); a refusal from the library becomes
`Error: --option: what is wrong` on standard error and exit code 2, with nothing written.

    app       the `ledger` group, its options, the ledger once opened, refusals and exit codes
    options   the shared options, and how the library's field names become option names
    records   a group per kind of record, and its `add` (prompting for what is missing)
    categories  `category add` and `category list`: the vocabulary of categories
    listing   `list` and `show` for each kind of record
    changes   `amend`, `void` and `history` for each kind of record
    packages  `load`, `dump` and `datasets`
    report    `report`: tables, files, the workbook and charts
    admin     `init`, `check`, `verify`, `log` and `db roles`
    proofs    `checkpoint`, `proof show` and `proof check`
"""

from __future__ import annotations

from typing import Any

from ledger.cli import (  # noqa: F401  (they add the commands)
    admin,
    categories,
    changes,
    listing,
    packages,
    proofs,
    records,
    report,
)
from ledger.cli.app import EXIT_REFUSED, Refusal, cli, interactive, main

__all__ = ["EXIT_REFUSED", "REPORTS", "Refusal", "cli", "interactive", "main"]


def __getattr__(name: str) -> Any:
    """`REPORTS`, the names `ledger report` takes, read from the reports when first asked for."""
    if name == "REPORTS":
        return report.report_names()
    raise AttributeError(f"module 'ledger.cli' has no attribute {name!r}")
