"""What verify checks that no journal entry holds: the ledger's origin, the built-in categories
(made by the schema, never journaled), and whole-number cells holding something else (SQLite keeps
what a forger writes). Each problem is a line naming the table, the record and what is wrong."""

from __future__ import annotations

import re

from sqlalchemy import Integer, func, select, true
from sqlalchemy.orm import Session

from ledger import domain
from ledger import models as m

MAX_SHOWN = 20  # mistyped cells named of each column


def origin_problems(session: Session) -> list[str]:
    """The ledger's origin: one row, `humanitarian-ledger/<uuid4 hex>` (what a checkpoint names)."""
    found = session.scalars(select(m.Origin.origin)).all()
    if len(found) != 1:
        return [f"ledger_origin: holds {len(found)} rows, where the ledger keeps its one name (altered behind its "
                "back)"]  # fmt: skip
    if not re.fullmatch(r"humanitarian-ledger/[0-9a-f]{32}", found[0]):
        return [f"ledger_origin: {found[0]!r:.80} is not a name the ledger makes (altered behind its back)"]
    return []


def builtin_category_problems(session: Session) -> list[str]:
    """The built-in categories, which no journal entry holds, each as the schema made it."""
    made = {code: (name, kind) for code, name, kind in domain.BUILTIN_CATEGORIES}
    c = m.Category
    found = {code: (name, kind, voided) for code, name, kind, voided in session.execute(
        select(c.code, c.name, c.kind, c.voided).where(c.builtin == true()))}  # fmt: skip
    problems = []
    for code in sorted(made.keys() | found.keys()):
        if code not in found:
            problems.append(f"category {code}: built in, and missing (deleted behind the ledger's back)")
        elif code not in made:
            problems.append(f"category {code}: marked built in, which it is not (altered behind the ledger's back)")
        elif found[code] != (*made[code], False):
            name, kind, voided = found[code]
            problems.append(f"category {code}: built in as {made[code][0]!r}, {made[code][1]}, and holds {name!r}, "
                            f"{kind}{', voided' if voided else ''} (altered behind the ledger's back)")  # fmt: skip
    return problems


def mistyped(session: Session) -> list[str]:
    """Each whole-number cell that holds something else: SQLite keeps what it is given (`'abc'` in
    a count) when written behind the ledger's back; PostgreSQL refuses it, so this reads nothing there."""
    if session.get_bind().dialect.name != "sqlite":
        return []
    found = []
    for table in m.Base.metadata.sorted_tables:
        name = next((table.c[c] for c in ("key", "code") if c in table.c), table.c.get("id"))
        for column in table.columns:
            if not isinstance(column.type, Integer) or name is None or column is name:
                continue
            rows = session.execute(select(name, column).where(func.typeof(column).not_in(("integer", "null")))
                                   .limit(MAX_SHOWN))  # fmt: skip
            said = table.name if name.name != "id" else f"{table.name} id"
            found += [f"{said} {key}: its {column.name} holds {value!r:.40}, not a whole number (written behind "
                      "the ledger's back)" for key, value in rows]  # fmt: skip
    return found
