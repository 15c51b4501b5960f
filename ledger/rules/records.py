"""What the rules give and what they ask: a problem, the clean records, and the catalog.

A clean record is frozen and made only from input that broke no rule; a check that finds a problem
gives None for it, never a record filled with placeholders.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple, Protocol

from ledger import domain
from ledger.domain import Duration, PartialDate

Raw = Mapping[str, Any]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one field of one record."""

    field: str
    message: str
    item: int | None = None  # which obligation of a term, for a file with one row per obligation
    unknown: tuple[str, str] | None = None  # (entity, key) of a reference to nothing, which a load may explain

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class RoundInfo(NamedTuple):
    id: int
    process_id: int
    number: int
    start_date: Any  # datetime.date | None
    parties: tuple[str, ...]  # codes of the negotiating parties, in the order entered
    participants: frozenset[str]  # codes of every participant, whatever the role


class TermInfo(NamedTuple):
    id: int
    round_key: str
    round: RoundInfo
    directions: frozenset[tuple[str, str]]  # (deliverer code, receiver code) of its obligations
    bases: frozenset[str] = frozenset()  # the keys of the terms its ratio obligations count per
    category: str = ""  # its category's code (none given: a term the rules need not tell apart by kind)


class Catalog(Protocol):
    """What the rules need to know about the ledger as it stands."""

    def party_id(self, code: str) -> int | None: ...
    def categories(self) -> Mapping[str, str]: ...  # the live categories' kinds by code, in their order
    def exists(self, entity: str, key: str) -> bool: ...  # live or voided: a key is never reused
    def source_id(self, key: str) -> int | None: ...
    def process_id(self, key: str) -> int | None: ...
    def round_info(self, key: str) -> RoundInfo | None: ...
    def term_info(self, key: str) -> TermInfo | None: ...
    def transfer_id(self, key: str) -> int | None: ...
    def assertion_id(self, key: str) -> int | None: ...
    def alias_owner(self, alias: str) -> str | None: ...
    def round_number_taken(self, process_id: int, number: int) -> str | None: ...
    def claim_exists(self, subject_type: str, subject_id: int, field: str, source_id: int, claimant: str) -> bool: ...


class EmptyCatalog:
    """A ledger with nothing in it (for doctests and for checking a record on its own)."""

    def party_id(self, code: str) -> int | None:
        return None

    source_id = process_id = transfer_id = assertion_id = party_id

    def exists(self, entity: str, key: str) -> bool:
        return False

    def categories(self) -> Mapping[str, str]:
        return {code: kind for code, _, kind in domain.BUILTIN_CATEGORIES}

    def round_info(self, key: str) -> RoundInfo | None:
        return None

    def term_info(self, key: str) -> TermInfo | None:
        return None

    def alias_owner(self, alias: str) -> str | None:
        return None

    def round_number_taken(self, process_id: int, number: int) -> str | None:
        return None

    def claim_exists(self, *args: Any) -> bool:
        return False


# Clean records, as the services store them: frozen, and made only from input that broke no
# rule (a check gives None for the record when it found a problem, never a placeholder).


@dataclass(frozen=True)
class PartyRecord:
    code: str
    name: str
    kind: str
    aliases: list[str]


@dataclass(frozen=True)
class SourceRecord:
    key: str
    publisher: str
    title: str | None
    url: str | None
    published: PartialDate | None
    language: str | None
    kind: str


@dataclass(frozen=True)
class ProcessRecord:
    key: str
    name: str
    description: str | None


@dataclass(frozen=True)
class CategoryRecord:
    code: str
    name: str
    kind: str


@dataclass(frozen=True)
class RoundRecord:
    key: str
    process_id: int
    number: int
    start_date: Any
    end_date: Any
    status: str
    venue: str | None
    city: str | None
    country: str | None
    participants: list[tuple[int, str]]  # (party id, role)
    heads: list[tuple[int, str]]  # (party id, name)
    source_ids: list[int]
    notes: str | None


@dataclass(frozen=True)
class ObligationRecord:
    deliverer_id: int
    receiver_id: int
    quantity: int | None
    basis: str
    per_id: int | None = None  # a ratio's base term


@dataclass(frozen=True)
class TermRecord:
    key: str
    round_id: int
    category: str
    min_age: int | None
    max_age: int | None
    condition: str | None
    status: str
    supersedes_id: int | None
    deadline: PartialDate | None
    description: str | None
    obligations: list[ObligationRecord]
    source_ids: list[int]
    deadline_duration: Duration | None = None  # a deadline counted from the round's start, not a date


@dataclass(frozen=True)
class TransferRecord:
    key: str
    date: PartialDate
    deliverer_id: int
    receiver_id: int
    category: str
    count: int | None
    allocations: list[tuple[int, int | None]]  # (term id, count or None)
    exchange: str | None
    intermediary_ids: list[int]
    location: str | None
    source_ids: list[int]
    notes: str | None


@dataclass(frozen=True)
class ClaimRecord:
    subject_type: str
    subject_id: int
    field: str
    value: str
    source_id: int
    claimant: str
    stated_on: PartialDate | None
    quote: str | None


@dataclass(frozen=True)
class AssertionRecord:
    key: str
    as_of: PartialDate
    deliverer_id: int
    receiver_id: int
    category: str
    scope_type: str | None
    scope_id: int | None
    expected: int
    source_id: int | None
