"""The checks of what is not a record: the filters of lists and reports, and a record given from
Python (its field names and the types of its values) before the rules read it as text."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from ledger import domain, entities
from ledger.domain import PartialDate, ValueProblem
from ledger.errors import Parameter, Said
from ledger.rules.records import Problem

# The filters of lists and reports that take a word of the vocabulary, by what they list: a typo
# there would list nothing, as if the ledger held nothing of the kind. The categories are the
# ledger's own (its catalog), given by the caller.
FILTER_CHOICES: dict[str, dict[str, tuple[str, ...]]] = {
    "party": {"kind": domain.PARTY_KINDS},
    "source": {"kind": domain.SOURCE_KINDS},
    "round": {"status": domain.ROUND_STATUSES},
    "category": {"kind": domain.KINDS},
    "term": {"status": domain.TERM_STATUSES},
    "report": {"status": domain.TERM_STATUSES},
}
CATEGORY_FILTERED = ("term", "transfer", "assertion", "report")


def check_filters(listing: str, filters: Mapping[str, Any], categories: Sequence[str] | None = None) -> list[Problem]:
    """The problems of the filter values given for a list of `listing` (an entity, or "report"):
    a word outside the vocabulary (a category outside `categories`, the ledger's, when given), a
    period that ends before it begins, a claim's subject that is not TYPE:KEY, or several values
    given to a filter that takes one (only a report's `status` takes several)."""
    several = ("status",) if listing == "report" else ()
    problems = one_value_each(filters, several)
    chosen = dict(FILTER_CHOICES.get(listing, {}))
    if categories is not None and listing in CATEGORY_FILTERED:
        chosen["category"] = tuple(categories)
    for name, choices in chosen.items():
        value = filters.get(name)
        if isinstance(value, (list, tuple, set, frozenset)) and name not in several:
            continue  # refused above
        for item in value if isinstance(value, (list, tuple)) else () if value is None else (value,):
            if item not in choices:
                problems.append(Problem(name, f"must be one of {', '.join(choices)}, got {item!r}"))
    since, until = filters.get("since"), filters.get("until")
    if since is not None and until is not None and until < since:  # each as its first or last day
        problems.append(
            Problem(
                "until",
                Said("must not be before ", Parameter("since"), f", got {until} (", Parameter("since"), f" {since})"),
            )
        )
    if listing == "claim":
        subject_type = None
        if filters.get("subject"):
            try:
                subject_type, _ = domain.parse_reference(filters["subject"], domain.SUBJECT_TYPES)
            except ValueProblem as problem:
                problems.append(Problem("subject", str(problem)))
        field = filters.get("field")
        # The fields a claim may be on: those of its subject's kind, or of any kind.
        fields = domain.CLAIM_FIELDS.get(subject_type or "") or tuple(dict.fromkeys(
            name for names in domain.CLAIM_FIELDS.values() for name in names))  # fmt: skip
        if field is not None and field not in fields:
            kind = f"a {subject_type}" if subject_type else "a claim"
            problems.append(Problem("field", f"{kind} has no field {field!r}; known: {', '.join(fields)}"))
    return problems


def one_value_each(filters: Mapping[str, Any], several: Sequence[str] = ()) -> list[Problem]:
    """The filters given several values (a list, a tuple or a set) that take one: the lists and
    reports filter by one process, round, party or category at a time, only a report's `status`
    by several."""
    return [
        Problem(name, f"takes one value, got {type(value).__name__} {list(value)!r}")
        for name, value in filters.items()
        if isinstance(value, (list, tuple, set, frozenset)) and name not in several
    ]


def date_filters(filters: Mapping[str, Any]) -> tuple[dict[str, Any], list[Problem]]:
    """The filters with `since` and `until` as the days they bound (the first day of `since`, the
    last of `until`), each given as a date (a datetime as its day), a `PartialDate` or its text
    (`2025-06`); a value that is no date is a problem named by its filter."""
    values = dict(filters)
    problems = []
    for name, bound in (("since", "first"), ("until", "last")):
        value = values.get(name)
        if isinstance(value, str):
            try:
                value = PartialDate.parse(value)
            except ValueProblem as problem:
                problems.append(Problem(name, str(problem)))
                continue
        if isinstance(value, PartialDate):
            value = getattr(value, bound)
        elif isinstance(value, datetime):  # a time of day too (a pandas Timestamp): its day
            value = value.date()
        elif value is not None and not isinstance(value, date):
            problems.append(Problem(name, f"must be a date YYYY-MM-DD or YYYY-MM, got {value!r}"))
            continue
        values[name] = value
    return values, problems


def given_fields(entity: str, raw: Mapping[str, Any]) -> tuple[dict[str, Any], list[Problem]]:
    """A record given from Python (`Ledger.add`, `Ledger.amend`) as the text a file would hold
    (`as_text`), with a problem for each field the entity does not have (a misspelt name would
    otherwise be dropped without a word) and each value of a type no field takes (a float, a
    bool, bytes)."""
    known = {*entities.COLUMNS[entity], "key", *(("obligations", "each") if entity == "term" else ())}
    problems = [
        Problem(name, f"is not a field of a {entity}: the fields are {', '.join(entities.COLUMNS[entity])}")
        for name in raw
        if name not in known
    ]
    for name, value in raw.items():
        items = value if isinstance(value, list | tuple) else [value]
        for item in items:
            if isinstance(item, Mapping) and name == "obligations":
                item = next((v for v in item.values() if not _plain(v)), None)
            if not _plain(item):
                problems.append(Problem(name, f"must be text, a whole number or a date, got {type(item).__name__}"))
                break
    return (as_text(dict(raw)) if not problems else {}), problems


def _plain(value: Any) -> bool:
    return value is None or (isinstance(value, str | int | date | PartialDate) and not isinstance(value, bool))


def as_text(value: Any) -> Any:
    """A value given from Python as the text a file or an option would hold: `307` as `"307"`, a
    date as `2025-06-12`; lists and mappings (a term's obligations) item by item."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, int | date | PartialDate):
        return value.isoformat() if isinstance(value, date) else str(value)
    if isinstance(value, Mapping):
        return {name: as_text(item) for name, item in value.items()}
    if isinstance(value, list | tuple):
        return [as_text(item) for item in value]
    return value
