"""Every validation rule of the ledger, in one place, used by every path that writes.

Each `check_*` function takes one record as the user gave it (text, as typed at the command line
or read from a data-package cell, keyed by the package's column names) and a `Catalog` that
answers questions about what the ledger already holds. It returns the clean record, with parsed
values and resolved ids, and the list of problems found; it never stops at the first problem and
never raises for bad input. A record that breaks a rule is None: no record is ever filled with
placeholders. The database constraints are the second line of defence.

- `records`: the problem, the clean records (frozen), the catalog the rules ask;
- `fields`: the common field checker, and the checker that remembers its readings;
- `entities`: the rules of each kind of record but the transfer;
- `transfers`: the rules of a transfer, for one record and for the many rows of a load;
- `filters`: the filters of lists and reports, and a record given from Python.

>>> record, problems = check_process({"key": "istanbul-2025", "name": ""}, EmptyCatalog())
>>> [str(p) for p in problems], record
(['name: is required'], None)
"""

from __future__ import annotations

from ledger.rules.entities import (
    CATEGORY_PATTERN,
    CODE_PATTERN,
    LANGUAGE_PATTERN,
    MAX_AGE,
    check_assertion,
    check_category,
    check_claim,
    check_party,
    check_process,
    check_round,
    check_source,
    check_term,
)
from ledger.rules.fields import KEY_PATTERN, as_given, check_reason
from ledger.rules.filters import FILTER_CHOICES, as_text, check_filters, date_filters, given_fields, one_value_each
from ledger.rules.records import (
    AssertionRecord,
    Catalog,
    CategoryRecord,
    ClaimRecord,
    EmptyCatalog,
    ObligationRecord,
    PartyRecord,
    Problem,
    ProcessRecord,
    Raw,
    RoundInfo,
    RoundRecord,
    SourceRecord,
    TermInfo,
    TermRecord,
    TransferRecord,
)
from ledger.rules.transfers import TransferChecker, check_transfer

__all__ = [
    "CATEGORY_PATTERN", "CODE_PATTERN", "FILTER_CHOICES", "KEY_PATTERN", "LANGUAGE_PATTERN", "MAX_AGE",
    "AssertionRecord", "Catalog", "CategoryRecord", "ClaimRecord", "EmptyCatalog", "ObligationRecord",
    "PartyRecord", "Problem", "ProcessRecord", "Raw", "RoundInfo", "RoundRecord", "SourceRecord", "TermInfo",
    "TermRecord", "TransferChecker", "TransferRecord", "as_given", "as_text", "check_assertion", "check_category",
    "check_claim", "check_filters", "check_party", "check_process", "check_reason", "check_round", "check_source",
    "check_term", "check_transfer", "date_filters", "given_fields", "one_value_each",
]  # fmt: skip
