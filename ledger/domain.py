"""The ledger's vocabulary and small value types, with no database and no command line.

Everything that names a kind of thing (a category of people, a status, a basis) is listed
here once; the models turn these tuples into CHECK constraints and the rules into refusals.

>>> PartialDate.parse("2025-06")
PartialDate(value=datetime.date(2025, 6, 1), precision='month')
>>> str(PartialDate.parse("2025-05-23"))
'2025-05-23'
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from ledger import entities

# Categories are data (the `category` table): each has a kind, what it counts. These are the
# built-in ones every ledger starts with (migration 0010 made them), in the order reports show
# them; a package or `ledger category add` adds more. `other` is for terms with no count (a
# ceasefire memorandum, working groups, a humanitarian pause). No total adds remains to living
# people, and a category of kind `none` counts nobody.
KINDS = ("living", "remains", "none")
PEOPLE_KINDS = ("living", "remains")
BUILTIN_CATEGORIES: tuple[tuple[str, str, str], ...] = (
    ("pow", "Prisoners of war", "living"),
    ("civilian", "Detained civilians", "living"),
    ("child", "Children", "living"),
    ("hostage", "Hostages", "living"),
    ("detainee", "Detainees", "living"),
    ("bodies", "Remains of the dead", "remains"),
    ("other", "Other commitments (no count)", "none"),
)
CATEGORIES = tuple(code for code, _, _ in BUILTIN_CATEGORIES)  # the built-in codes; a ledger's own are its table's

ROUND_STATUSES = ("announced", "scheduled", "held", "postponed", "cancelled")
TERM_STATUSES = ("agreed", "proposed", "rejected", "withdrawn")
BASES = ("exact", "at-least", "all", "ratio")
PARTY_KINDS = ("state", "organisation", "group", "other")
SOURCE_KINDS = ("official", "media", "ngo", "intergovernmental", "other")
# How a party takes part in a round. Heads of delegation are recorded apart (any participant).
ROLES = ("party", "mediator", "host", "observer")
PRECISIONS = ("day", "month")

# What a claim may be about, and the fields of each subject a claim may dispute: every column
# of the subject's record but its key, the record it belongs to, and its sources.
CLAIM_FIELDS: dict[str, tuple[str, ...]] = {
    subject: tuple(c for c in entities.COLUMNS[subject] if c not in ("key", "term", "process", "round", "sources"))
    for subject in ("round", "term", "transfer")
}
SUBJECT_TYPES = tuple(CLAIM_FIELDS)
SCOPE_TYPES = ("term", "round", "process")

UNDISCLOSED = "undisclosed"
ALL = "all"

_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?$")  # ASCII digits, as in a count


class ValueProblem(ValueError):
    """A single value that cannot be read; the message says what was expected."""


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the day, or only to the month (stored as the first of that month)."""

    value: date
    precision: Literal["day", "month"] = "day"

    @classmethod
    def parse(cls, text: str, *, allow_month: bool = True) -> PartialDate:
        shape = "YYYY-MM-DD or YYYY-MM" if allow_month else "YYYY-MM-DD"
        match = _DATE.match(text.strip())
        if not match:
            raise ValueProblem(f"must be a date {shape}, got {text!r}")
        year, month, day = match.group(1), match.group(2), match.group(3)
        if day is None and not allow_month:
            raise ValueProblem(f"must be a date to the day, {shape}, got {text!r}")
        try:
            value = date(int(year), int(month), int(day or 1))
        except ValueError:
            raise ValueProblem(f"is not a real date, got {text!r}") from None
        return cls(value, "month" if day is None else "day")

    @property
    def first(self) -> date:
        """The earliest day this date may stand for."""
        return self.value

    @property
    def last(self) -> date:
        """The latest day this date may stand for (the month's last day at month precision)."""
        if self.precision == "day":
            return self.value
        days = calendar.monthrange(self.value.year, self.value.month)[1]
        return self.value.replace(day=days)

    def __str__(self) -> str:
        if self.precision == "month":
            return self.value.strftime("%Y-%m")
        return self.value.isoformat()


# The largest count, quantity or number the ledger holds, on every engine: PostgreSQL's INTEGER
# (SQLite would store more, so the rules hold both to this).
MAX_WHOLE = 2_147_483_647


def parse_whole(text: str, *, minimum: int = 0) -> int:
    """A count or quantity: digits only, so that "1,000" or "1.5" is refused, not guessed.

    >>> parse_whole("2147483648")
    Traceback (most recent call last):
    ...
    ledger.domain.ValueProblem: must be a whole number ≤ 2147483647 (the most the ledger holds), got '2147483648'
    """
    cleaned = text.strip()
    if not cleaned.isascii() or not cleaned.isdigit():
        raise ValueProblem(f"must be a whole number ≥ {minimum}, got {text!r}")
    # Compared as text first: Python refuses to read an integer of more than 4,300 digits.
    digits = cleaned.lstrip("0")
    value = int(digits or "0") if len(digits) <= len(str(MAX_WHOLE)) else MAX_WHOLE + 1
    if value > MAX_WHOLE:
        raise ValueProblem(f"must be a whole number ≤ {MAX_WHOLE} (the most the ledger holds), got {text!r}")
    if value < minimum:
        raise ValueProblem(f"must be a whole number ≥ {minimum}, got {text!r}")
    return value


def parse_count(text: str) -> int | None:
    """A transfer's count: a whole number, or "undisclosed" (None), which is not zero."""
    cleaned = text.strip()
    if cleaned.lower() == UNDISCLOSED:
        return None
    if not cleaned.isascii() or not cleaned.isdigit():
        raise ValueProblem(f'must be a whole number ≥ 0 or "{UNDISCLOSED}", got {text!r}')
    return parse_whole(text)  # digits: only too large a number is refused


def parse_reference(text: str, types: tuple[str, ...]) -> tuple[str, str]:
    """A `TYPE:KEY` reference such as `transfer:2025-05-23-pow`."""
    kind, sep, key = text.partition(":")
    if not sep or not key or kind not in types:
        raise ValueProblem(f"must be TYPE:KEY with TYPE one of {', '.join(types)}, got {text!r}")
    return kind, key


def format_quantity(quantity: int | None, basis: str, per: str | None = None) -> str:
    """How a commitment reads: `1000`, `≥1000`, `all`, or a ratio `30 per hc` (30 per person the
    term `hc` delivered)."""
    if basis == "all" or quantity is None:
        return ALL
    if basis == "ratio":
        return f"{quantity} per {per}"
    return f"≥{quantity}" if basis == "at-least" else str(quantity)


# The most a ratio may give for each person its base delivered: the agreements on record give tens
# (30, 50, 15), the largest known about a thousand; a quantity far above is a slip, and its product
# with the base's deliveries would pass what a report's totals can hold.
MAX_RATIO = 10_000

# A deadline given as a duration from its round's start: ISO 8601, in days, weeks or hours
# (`P42D`, `P6W`, `PT72H`, `P3DT12H`). Months and years are refused: how long "P1M" is depends
# on the month it starts in, and a reader of the agreement should not have to guess.
MAX_DURATION_DAYS = 3653  # ten years
_DURATION = re.compile(r"^P(?:([0-9]+)W|([0-9]+)D(?:T([0-9]+)H)?|T([0-9]+)H)$")


@dataclass(frozen=True)
class Duration:
    """A deadline as a time from the round's start, kept as written.

    >>> Duration.parse("PT72H").due(date(2025, 1, 19))
    datetime.date(2025, 1, 22)
    >>> Duration.parse("P42D").due(date(2025, 1, 19))
    datetime.date(2025, 3, 2)
    """

    text: str
    hours: int

    @classmethod
    def parse(cls, text: str) -> Duration:
        cleaned = text.strip()
        match = _DURATION.match(cleaned) if cleaned.isascii() else None
        if not match:
            if re.match(r"^P(?:[0-9]+Y)|^P(?:[0-9]+[YWD])*[0-9]+M", cleaned):
                raise ValueProblem(
                    f"months and years are ambiguous (their length depends on when they start): give days or "
                    f"weeks, such as P42D or P6W, got {text!r}"
                )
            raise ValueProblem(
                f"must be a date YYYY-MM-DD or YYYY-MM, or a duration from the round's start in days, weeks "
                f"or hours (P42D, P6W, PT72H, P3DT12H), got {text!r}"
            )
        weeks, days, day_hours, hours = (int(g) if g else 0 for g in match.groups())
        total = (weeks * 7 + days) * 24 + day_hours + hours
        if total > MAX_DURATION_DAYS * 24:
            raise ValueProblem(f"must be at most {MAX_DURATION_DAYS} days (ten years), got {text!r}")
        return cls(cleaned, total)

    def due(self, start: date) -> date:
        """The day it falls on, counted from the start of the round's first day."""
        return start + timedelta(hours=self.hours)

    def __str__(self) -> str:
        return self.text


def is_duration(text: str) -> bool:
    """Whether a deadline's text is a duration (`P…`) rather than a date."""
    return text.strip().upper().startswith("P")
