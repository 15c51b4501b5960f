"""The common field checker: small readers for each kind of value (a key, a date, a whole number,
a choice, a list, a reference to a record), collecting problems as they go; and the checker that
remembers its readings, for the many rows of a load."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ledger import domain
from ledger.domain import PartialDate, ValueProblem
from ledger.rules.records import Catalog, EmptyCatalog, Problem, Raw

KEY_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$")


# The checker: small readers for each kind of value, collecting problems as they go.


def _broken(value: Any) -> bool:
    """Whether a cell holds a line break."""
    return isinstance(value, str) and ("\n" in value or "\r" in value)


def as_given(value: Any) -> Any:
    """Free text (notes, a description, a quote) as given, its leading spaces, tabs and line breaks
    included; nothing but blanks is no text."""
    if isinstance(value, str) and not value.strip():
        return None
    return value or None


@dataclass
class FieldChecker:
    raw: Raw
    catalog: Catalog
    # Checking a record that is already in the ledger (to compare it or to amend it): its own key
    # is not a duplicate, and its own alias or round number is not taken.
    amending: bool = False
    problems: list[Problem] = field(default_factory=list)

    def fail(self, name: str, message: str, item: int | None = None, *, unknown: tuple[str, str] | None = None) -> None:
        problem = Problem(name, message, item, unknown)
        if problem not in self.problems:  # `each` checks one quantity twice, once per direction
            self.problems.append(problem)

    def text(self, name: str, *, required: bool = False) -> str | None:
        """A one-line value: a key, code, date, number, choice or reference, without spaces around it.
        A line break in one is refused: it is what a stray quote in a file leaves."""
        if _broken(self.raw.get(name)):
            self.fail(name, f"must be on one line, got {self.raw[name]!r}")
            return None
        return self.label(name, required=required)

    def prose(self, name: str) -> str | None:
        return None if self._nul(name) else as_given(self.raw.get(name))

    def _nul(self, name: str) -> bool:
        """Whether a value holds a NUL character, which PostgreSQL cannot store in any text (and a
        ledger holds the same on either engine): refused, named by its field."""
        value = self.raw.get(name)
        if isinstance(value, str) and "\x00" in value:
            self.fail(name, f"holds a NUL character (0x00), which no text may hold, got {value!r}")
            return True
        return False

    def label(self, name: str, *, required: bool = False) -> str | None:
        """A name or a short text (a publisher, a venue, a claimant), without spaces around it."""
        if self._nul(name):
            return None
        value = self.raw.get(name)
        value = value.strip() if isinstance(value, str) else value
        if not value:
            if required:
                self.fail(name, "is required")
            return None
        return value

    def items(self, name: str) -> list[str]:
        """A list, given as repeated options or as one `;`-separated cell."""
        value = self.raw.get(name)
        if value is None or self._nul(name):
            return []
        if _broken(value):
            self.fail(name, f"must be on one line, got {value!r}")
            return []
        parts = value.split(";") if isinstance(value, str) else list(value)
        items = [part.strip() for part in parts if part and part.strip()]
        seen: set[str] = set()
        for item in items:
            if item in seen:
                self.fail(name, f"lists {item!r} twice")
            seen.add(item)
        return items

    def key(self, name: str) -> str | None:
        value = self.text(name, required=True)
        if value is not None and not KEY_PATTERN.match(value):
            self.fail(
                name,
                f"must start with a letter or digit and hold only letters, digits, '.', '_' or '-', got {value!r}",
            )
            return None
        return value

    def new_key(self, name: str, entity: str) -> str | None:
        value = self.key(name)
        if value is not None and not self.amending and self.catalog.exists(entity, value):
            self.fail(name, f"{entity} {value!r} already exists")
            return None
        return value

    def choice(self, name: str, choices: tuple[str, ...], default: str | None) -> str | None:
        value = self.text(name)
        if value is None:
            if default is None and not _broken(self.raw.get(name)):  # a line break is said already
                self.fail(name, f"is required, one of {', '.join(choices)}")
            return default
        if value not in choices:
            self.fail(name, f"must be one of {', '.join(choices)}, got {value!r}")
            return None
        return value

    def category(self, *, people: bool) -> str | None:
        """A category of the ledger's catalog, of the kinds that count people (`people`) or of any
        kind; one the catalog does not hold is an unknown reference, which a load may explain."""
        known = self.catalog.categories()
        choices = tuple(code for code, kind in known.items() if kind in domain.PEOPLE_KINDS or not people)
        value = self.text("category")
        if value is None:
            self.fail("category", f"is required, one of {', '.join(choices)}")
        elif value in known and value not in choices:  # of kind none, where people are counted
            self.fail("category", f"{value!r} counts nobody (kind none): give one of {', '.join(choices)}")
            return None
        elif value not in choices:
            self.fail("category", f"must be one of {', '.join(choices)}, got {value!r}", unknown=("category", value))
            return None
        return value

    def whole(self, name: str, *, required: bool = False, minimum: int = 0) -> int | None:
        value = self.text(name, required=required)
        if value is None:
            return None
        return self.parse(name, domain.parse_whole, value, minimum=minimum)

    def date(self, name: str, *, required: bool = False, allow_month: bool = True) -> PartialDate | None:
        value = self.text(name, required=required)
        if value is None:
            return None
        return self.parse(name, PartialDate.parse, value, allow_month=allow_month)

    def parse(self, name: str, parser, value: str, **options: Any) -> Any:
        try:
            return parser(value, **options)
        except ValueProblem as problem:
            self.fail(name, str(problem))
            return None

    def reference(self, name: str, entity: str, lookup, value: str | None) -> Any:
        if value is None:
            return None
        found = lookup(value)
        if found is None and self.catalog.exists(entity, value):  # taken by a voided record
            self.fail(name, f"{entity} {value!r} is voided")
        elif found is None:
            self.fail(name, f"unknown {entity} {value!r}", unknown=(entity, value))
        return found

    def party(self, name: str, *, required: bool = True) -> int | None:
        return self.reference(name, "party", self.catalog.party_id, self.text(name, required=required))

    def parties(self, name: str) -> list[tuple[str, int]]:
        found = []
        for code in self.items(name):
            party_id = self.reference(name, "party", self.catalog.party_id, code)
            if party_id is not None:
                found.append((code, party_id))
        return found

    def sources(self, name: str = "sources") -> list[int]:
        ids = [self.reference(name, "source", self.catalog.source_id, key) for key in self.items(name)]
        return [source_id for source_id in ids if source_id is not None]

    def sides(self) -> tuple[int | None, int | None]:
        deliverer = self.party("deliverer")
        receiver = self.party("receiver")
        if deliverer is not None and deliverer == receiver:
            self.fail("receiver", f"must differ from the deliverer, got {self.raw['receiver']!r} for both")
        return deliverer, receiver

    def remembered(self, key: tuple[Any, ...], read: Any, *args: Any) -> Any:
        """What `read(self, *args)` gives: read afresh here; `key` names the reading and the text
        it reads, for a checker that remembers readings (`RememberingChecker`)."""
        return read(self, *args)

    def url(self, name: str) -> str | None:
        value = self.text(name)
        if value is not None and not re.match(r"^https?://\S+$", value):
            self.fail(name, f"must be an http:// or https:// address, got {value!r}")
        return value


@dataclass
class RememberingChecker(FieldChecker):
    """A `FieldChecker` that remembers what each reading of a field's text gave, the value and the
    problems, and gives the same again for the same text: the fast path of `TransferChecker`.
    Only readings that depend on nothing but the text and the catalog's parties, sources and terms
    are remembered (not the key, whose use changes as rows are added)."""

    memo: dict[tuple[Any, ...], tuple[Any, list[Problem]]] = field(default_factory=dict)
    # Every problem noted, even one that `fail` leaves out as already listed: a reading's own
    # problems, whatever the other readings of its row found.
    noted: list[Problem] = field(default_factory=list)

    def fail(self, name: str, message: str, item: int | None = None, *, unknown: tuple[str, str] | None = None) -> None:
        self.noted.append(Problem(name, message, item, unknown))
        super().fail(name, message, item, unknown=unknown)

    def remembered(self, key: tuple[Any, ...], read: Any, *args: Any) -> Any:
        """What `read(self, *args)` gives, read once for each `key`: the value kept, and its
        problems noted again each time."""
        try:
            found = self.memo.get(key)
        except TypeError:  # a list given from Python, not a cell's text: read afresh
            return read(self, *args)
        if found is None:
            start = len(self.noted)
            value = read(self, *args)
            self.memo[key] = (value, self.noted[start:])
            return value
        value, problems = found
        for problem in problems:
            self.fail(problem.field, problem.message, problem.item, unknown=problem.unknown)
        return value

    def date(self, name: str, *, required: bool = False, allow_month: bool = True) -> PartialDate | None:
        key = ("date", name, self.raw.get(name), required, allow_month)
        return self.remembered(key, _date, name, required, allow_month)

    def party(self, name: str, *, required: bool = True) -> int | None:
        return self.remembered(("party", name, self.raw.get(name), required), _party, name, required)

    def parties(self, name: str) -> list[tuple[str, int]]:
        return self.remembered(("parties", name, self.raw.get(name)), FieldChecker.parties, name)

    def sources(self, name: str = "sources") -> list[int]:
        return self.remembered(("sources", name, self.raw.get(name)), FieldChecker.sources, name)

    def items(self, name: str) -> list[str]:
        return self.remembered(("items", name, self.raw.get(name)), FieldChecker.items, name)

    def choice(self, name: str, choices: tuple[str, ...], default: str | None) -> str | None:
        key = ("choice", name, self.raw.get(name), choices, default)
        return self.remembered(key, FieldChecker.choice, name, choices, default)

    def category(self, *, people: bool) -> str | None:
        key = ("category", self.raw.get("category"), people)
        return self.remembered(key, _category, people)

    def parse(self, name: str, parser: Any, value: str, **options: Any) -> Any:
        if options:
            return super().parse(name, parser, value, **options)
        return self.remembered(("parse", name, parser, value), FieldChecker.parse, name, parser, value)


def _date(c: FieldChecker, name: str, required: bool, allow_month: bool) -> PartialDate | None:
    return FieldChecker.date(c, name, required=required, allow_month=allow_month)


def _category(c: FieldChecker, people: bool) -> str | None:
    return FieldChecker.category(c, people=people)


def _party(c: FieldChecker, name: str, required: bool) -> int | None:
    return FieldChecker.party(c, name, required=required)


def check_reason(reason: str | None) -> tuple[str | None, list[Problem]]:
    """Why a record is amended or voided: text, kept in the journal with the change."""
    c = FieldChecker({"reason": reason}, EmptyCatalog())
    text = c.text("reason")
    if text is None:
        c.fail("reason", "is required: say why, in words (the journal keeps it with the change)")
    return (None if c.problems else text), c.problems
