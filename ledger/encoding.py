"""The one canonical encoding of a record's cells: the text its data-package row holds.

The journal hashes a record's state in this encoding and a dump writes its cells in it, so it
must never change: a different byte here would break the hash of every entry already written.
It depends on no display code (`render` shows values as this encodes them, not the reverse).

- nothing (None) is the empty cell;
- a date is ISO 8601, a `PartialDate` to its precision (`2025-06-12`, or `2025-06` for a month);
- a whole number is its digits; an undisclosed count is the word `undisclosed` (as read);
- a list is its items encoded, joined with `;` (a list inside a list is flattened the same way);
- text is itself, its non-ASCII letters kept.

>>> from ledger.domain import PartialDate
>>> cell([PartialDate.parse("2025-06"), 1000, None, "Łódź"])
'2025-06;1000;;Łódź'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from ledger.entities import ENTITIES

# The fields every row of one term repeats in a package (a term has one row per obligation).
TERM_SHARED = (
    "round", "category", "min_age", "max_age", "condition", "status", "supersedes", "deadline", "sources",
    "description",
)  # fmt: skip


def cell(value: Any) -> str:
    """One value as the text of its cell."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ";".join(cell(item) for item in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)  # text, a whole number, a PartialDate (its `__str__` is its ISO form)


def columns(entity: str) -> tuple[str, ...]:
    """The columns of an entity's package file (a claim's id is the ledger's, not the package's)."""
    return tuple(c for c in ENTITIES[entity].columns if c != "id")


def record_cells(entity: str, row: Mapping[str, Any]) -> dict[str, Any]:
    """A record as read back (`queries.one`) as the text of its data-package row, keyed by column:
    what the rules check and, with `voided`, the state the journal hashes. A party's code is also
    given as `key`; a term is one record, its obligations a list of {column: text}."""
    if entity == "term":
        raw: dict[str, Any] = {"key": row["term"], **{name: cell(row[name]) for name in TERM_SHARED}}
        raw["obligations"] = [{k: cell(v) for k, v in o.items()} for o in row["obligations"]]
        return raw
    raw = {name: cell(row.get(name)) for name in columns(entity)}
    if entity == "party":
        raw["key"] = raw["code"]
    return raw


def term_item(term: str, count: int | None) -> str:
    """A term a transfer names, as its list shows it: `term`, or `term:count` given a count."""
    return term if count is None else f"{term}:{count}"


def list_text(items: Iterable[str]) -> str:
    """A list of texts as the text of its package cell, `cell(list(items))` without its checks:
    the items joined with `;` (a load writes a million of them)."""
    return ";".join(items)
