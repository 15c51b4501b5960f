"""The format of a package's `corrections.csv`: changes to records of the package (or of the
ledger it loads into) as they happened, applied after every other file, in file order, each as
`ledger ENTITY amend` or `ledger ENTITY void` would make it (`ledger.changes.apply_corrections`).

    entity,key,action,field,value,reason
    transfer,2025-10-14-ham-isr-bodies,amend,count,3,"the fourth body matched none of the hostages"
    transfer,2025-10-31-ham-isr-bodies,void,,,the remains of three people: not our hostages (PMO)

`amend` names a column of the entity's file (`field`) and its new `value` (empty: unknown);
`void` leaves both empty. `reason` is required: the journal keeps it with the change. A dump
writes the corrected records, so it holds no corrections file. This module reads rows into
`Correction` records and knows nothing of the database.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from ledger.entities import ENTITIES

STEM = "corrections"
COLUMNS = ("entity", "key", "action", "field", "value", "reason")
REQUIRED = ("entity", "key", "action", "reason")
ACTIONS = ("amend", "void")
# What a correction may not change: the key names the record, and a term's obligations are rows of
# their own (amend the term with `ledger term amend --each` instead).
FIXED = {"term": ("term", "deliverer", "receiver", "quantity", "basis", "per")}


class Correction(NamedTuple):
    line: int
    entity: str
    key: str
    action: str
    field: str | None
    value: str | None
    reason: str


def parse(line: int, row: Mapping[str, str]) -> tuple[Correction | None, list[tuple[str, str]]]:
    """One row as a `Correction`, or None and its problems as (column, message)."""
    cells = {name: (row.get(name) or "").strip() for name in COLUMNS}
    problems = [(name, "is required") for name in REQUIRED if not cells[name]]
    entity, action, field = cells["entity"], cells["action"], cells["field"]
    correctable = [name for name in ENTITIES if not ENTITIES[name].named_by_id]
    if entity and entity not in correctable:
        why = " (a claim has no key in a package)" if entity in ENTITIES else ""
        problems.append(("entity", f"must be one of {', '.join(correctable)}, got {entity!r}{why}"))
    if action and action not in ACTIONS:
        problems.append(("action", f"must be amend or void, got {action!r}"))
    if action == "void" and (field or cells["value"]):
        problems.append(("field" if field else "value", "must be empty for a void: a void changes no field"))
    if action == "amend" and not field:
        problems.append(("field", "is required for an amend: name the column to change"))
    if action == "amend" and field and entity in correctable:
        own = ENTITIES[entity]
        fixed = (own.key_column, *FIXED.get(entity, ()))
        if field not in own.columns:
            problems.append(("field", f"is not a column of {own.stem}.csv: the columns are {', '.join(own.columns)}"))
        elif field in fixed:
            problems.append(("field", f"{field} cannot be corrected here: void the {entity} and add it anew"))
    if problems:
        return None, problems
    return Correction(line, entity, cells["key"], action, field or None, cells["value"] if field else None,
                      cells["reason"]), []  # fmt: skip


def corrected(raw: Mapping[str, Any], fixes: list[Correction]) -> dict[str, Any] | None:
    """A package's row as its corrections leave it, or None if they void it: what a ledger that
    loaded the package before holds for it."""
    row = dict(raw)
    for fix in fixes:
        if fix.action == "void":
            return None
        row[fix.field or ""] = fix.value or ""
    return row
