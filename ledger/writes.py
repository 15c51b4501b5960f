"""What the facade checks before a write begins, and how it tells back what changed: the kind of
record asked for (`behaviour_of`), the reason an amend or a void must give (`given_reason`), and
a field's value as a change line shows it (`render_value`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ledger import rules
from ledger.entities import ENTITIES
from ledger.errors import InvalidInput


def behaviour_of(entity: str) -> tuple[Callable[..., Any], Callable[..., int]]:
    """How a kind of record is checked and stored; a kind the ledger does not hold is refused."""
    if entity not in ENTITIES:
        raise InvalidInput([rules.Problem("entity", f"must be one of {', '.join(ENTITIES)}, got {entity!r}")])
    return ENTITIES[entity].check, ENTITIES[entity].store


def given_reason(reason: str | None) -> str:
    """The reason for an amend or a void, or a refusal when there is none."""
    text, problems = rules.check_reason(reason)
    if problems:
        raise InvalidInput(problems)
    return text


def render_value(value: Any) -> str:
    """A field's value as a change line shows it; an obligation as `RUS→UKR 6000 exact`."""
    if isinstance(value, list):
        return "; ".join(render_value(item) for item in value) or "(empty)"
    if isinstance(value, dict):
        quantity = value.get("quantity") or "all"
        per = f" per {value['per']}" if value.get("per") else ""
        return f"{value.get('deliverer')}→{value.get('receiver')} {quantity} {value.get('basis') or 'exact'}{per}"
    return "(empty)" if value in (None, "") else str(value)
