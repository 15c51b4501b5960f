"""Amending and voiding a record inside a write transaction: what `Ledger.amend` and
`Ledger.void` do once their transaction is open, and what a package's `corrections.csv` does
through them (`apply_corrections`), so that a correction in a file is the same change, with the
same rules, journal entries and reallocation, as one made at the command line.

Each function works on the session and `Journal` it is given and raises what the facade raises:
`NotFound` for a key the ledger does not hold, `InvalidInput` with every problem otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ledger import models as m
from ledger import queries, rules
from ledger.catalog import SessionCatalog
from ledger.corrections import Correction
from ledger.dependencies import DEPENDED_ON, MAX_DEPENDENT_PROBLEMS, dependent_problems, directions_of, live_dependents
from ledger.entities import ENTITIES
from ledger.errors import InvalidInput, LedgerError, NotFound, Parameter, Said, message_of
from ledger.journal import Journal
from ledger.shares import ALLOCATING, reallocate
from ledger.writes import behaviour_of, given_reason, render_value


def live(session: Session, entity: str, key: str) -> dict[str, Any]:
    """The record `key` with its id; refused if the ledger has none or it is voided."""
    found = queries.one(session, entity, key, with_id=True, include_voided=True)
    if found is None:
        raise NotFound(f"no {entity} {key!r}")
    if found["voided"]:
        raise InvalidInput([rules.Problem("key", f"{entity} {key!r} is voided")])
    return found


def amend_record(session: Session, journal: Journal, entity: str, key: str, changes: Mapping[str, Any],
          reason: str) -> list[str]:  # fmt: skip
    """Change a record, checked by the rules of `add`; return what changed (`field: old → new`)."""
    check, store = behaviour_of(entity)
    changes, refused = rules.given_fields(entity, changes)
    if refused:
        raise InvalidInput(refused)
    own = ENTITIES[entity]
    renamed = [n for n in dict.fromkeys(("key", own.key_column, own.key_field)) if n and changes.get(n, key) != key]
    if renamed:  # the key names the record in the journal and in every reference to it
        raise InvalidInput([rules.Problem(renamed[0], f"cannot be amended: void the {entity} and add it anew")])
    reason = given_reason(reason)
    existing = live(session, entity, key)
    before = queries.raw_of(entity, existing)
    raw = {**before, **changes}
    if entity == "term" and "each" in changes:
        raw["obligations"] = []  # each replaces the obligations
    elif entity == "term" and {"basis", "per"} & set(changes) and "obligations" not in changes:
        given = {name: changes[name] for name in ("basis", "per") if name in changes}
        if given.get("basis", "ratio") != "ratio":
            given.setdefault("per", None)  # a ratio made another basis loses its base
        raw["obligations"] = [{**o, **given} for o in before["obligations"]]
    catalog = SessionCatalog(session)
    record, problems = check(raw, catalog, amending=True)
    if problems:
        raise InvalidInput(problems)
    old, _ = check(before, catalog, amending=True)
    if old == record:
        return []
    directions = directions_of(session, entity, existing["id"])
    was = journal.version(entity, key)
    store(session, record, existing["id"])
    if entity in DEPENDED_ON and (broken := dependent_problems(session, entity, key)):
        field = next((name for name in DEPENDED_ON[entity] if name in changes), next(iter(changes)))
        shown = [f"{kind} {name}: {problem}" for kind, name, problem in broken[:MAX_DEPENDENT_PROBLEMS]]
        if len(broken) > MAX_DEPENDENT_PROBLEMS:
            more = len(broken) - MAX_DEPENDENT_PROBLEMS
            shown.append(f"and {more:,} more problem{'s' if more > 1 else ''} with the records that depend on it")
        raise InvalidInput([rules.Problem(field, message) for message in shown])
    journal.record("amend", entity, key, reason, was)
    if entity in ALLOCATING:
        reallocate(session, directions | directions_of(session, entity, existing["id"]))
    after = queries.raw_of(entity, queries.one(session, entity, key, include_voided=True, with_id=True))
    return [
        f"{name}: {render_value(before.get(name))} → {render_value(after.get(name))}"
        for name in after
        if render_value(before.get(name)) != render_value(after.get(name))
    ]


def void_record(session: Session, journal: Journal, entity: str, key: str, reason: str,
                cascade: bool = False, first: str | None = None) -> list[tuple[str, str]]:  # fmt: skip
    """Void a record (and, with `cascade`, what depends on it); return what was voided, in order.
    A record others depend on is refused, the message ending with the way out: giving `cascade`,
    or `first` when the caller has no such choice (a file: "in an earlier row")."""
    behaviour_of(entity)
    voided: list[tuple[str, str]] = []
    reason = given_reason(reason)
    found = live(session, entity, key)
    if found.get("builtin"):
        raise InvalidInput([rules.Problem("key", f"{entity} {key!r} is built in: every ledger has it")])
    directions = directions_of(session, entity, found["id"])
    _void(session, journal, entity, key, reason, cascade, voided, first)
    if any(e in ("round", "term") for e, _ in voided):
        reallocate(session)
    elif any(e == "transfer" for e, _ in voided):
        for voided_entity, voided_key in voided:
            if voided_entity == "transfer":
                transfer_id = session.scalar(select(m.Transfer.id).where(m.Transfer.key == voided_key))
                directions |= directions_of(session, "transfer", transfer_id)
        reallocate(session, directions)
    return voided


def _void(session: Session, journal: Journal, entity: str, key: str, reason: str, cascade: bool,
          voided: list[tuple[str, str]], first: str | None = None) -> None:  # fmt: skip
    dependents = live_dependents(session, entity, key)
    if dependents and not cascade:
        shown = ", ".join(f"{e} {k}" for e, k in dependents[:5]) + (" …" if len(dependents) > 5 else "")
        several = len(dependents) > 1
        said = (
            f"{len(dependents)} live record{'s depend' if several else ' depends'} on {entity} {key} ({shown}): "
            f"void {'them' if several else 'it'} first"
        )
        way_out = Said(said, ", or give ", Parameter("cascade")) if first is None else f"{said}, {first}"
        raise InvalidInput([rules.Problem("key", way_out)])
    for dependent, dependent_key in dependents:
        if (dependent, dependent_key) not in voided:
            _void(session, journal, dependent, dependent_key, f"{reason} (with {entity} {key})", True, voided)
    column = ENTITIES[entity].key_attribute
    value = int(key) if ENTITIES[entity].named_by_id else key
    was = journal.version(entity, key)
    session.execute(update(column.class_).where(column == value).values(voided=True))
    journal.record("void", entity, key, reason, was)
    voided.append((entity, key))


def apply_corrections(
    session: Session, journal: Journal, corrections: list[Correction]
) -> tuple[list[tuple[int, str, Any]], list[tuple[Correction, str]]]:
    """Apply a package's corrections in file order, each as `amend_record` or `void_record` would.

    Return the problems, as (line, column, message), and what each correction applied changed
    (`count: 3 → 2`, `voided`); one whose change the ledger already holds (the package loaded
    before) changes nothing and is left out. Each runs in a savepoint, so that one refused leaves
    the ledger as the corrections before it made it, and the next is checked against that."""
    journal.flush()  # the load's new records are in the journal before their first amend
    problems: list[tuple[int, str, Any]] = []
    applied: list[tuple[Correction, str]] = []
    for c in corrections:
        try:
            with session.begin_nested():
                if c.action == "amend":
                    changed = amend_record(session, journal, c.entity, c.key, {c.field: c.value}, c.reason)
                    if changed:
                        applied.append((c, ", ".join(changed)))
                elif not _voided(session, c.entity, c.key):
                    void_record(session, journal, c.entity, c.key, c.reason, first="in an earlier row")
                    applied.append((c, "voided"))
        except InvalidInput as error:
            for problem in error.problems:
                if problem.field in ("key", "reason"):
                    problems.append((c.line, problem.field, problem.message))
                else:
                    problems.append((c.line, "value", f"{problem.field}: {problem.message}"))
        except LedgerError as error:  # NotFound: no such record; or a journal that does not hold it
            problems.append((c.line, "key", message_of(error)))
    return problems, applied


def _voided(session: Session, entity: str, key: str) -> bool:
    found = queries.one(session, entity, key, include_voided=True)
    return found is not None and bool(found["voided"])
