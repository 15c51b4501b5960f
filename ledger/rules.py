"""Every validation rule of the ledger, in one place, used by every path that writes.

Each `check_*` function takes one record as the user gave it (text, as typed at the command line
or read from a data-package cell, keyed by the package's column names) and a `Catalog` that
answers questions about what the ledger already holds. It returns the clean record, with parsed
values and resolved ids, and the list of problems found; it never stops at the first problem and
never raises for bad input. The database constraints are the second line of defence.

>>> record, problems = check_process({"key": "istanbul-2025", "name": ""}, EmptyCatalog())
>>> [str(p) for p in problems]
['name: is required']
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple, Protocol

from ledger import domain
from ledger.domain import PartialDate, ValueProblem

KEY_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$")
CODE_PATTERN = re.compile(r"^[A-Z][A-Z0-9_-]{1,15}$")
LANGUAGE_PATTERN = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
MAX_AGE = 150

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


class Catalog(Protocol):
    """What the rules need to know about the ledger as it stands."""

    def party_id(self, code: str) -> int | None: ...
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


# The filters of lists and reports that take a word of the vocabulary, by what they list: a typo
# there would list nothing, as if the ledger held nothing of the kind.
FILTER_CHOICES: dict[str, dict[str, tuple[str, ...]]] = {
    "party": {"kind": domain.PARTY_KINDS},
    "source": {"kind": domain.SOURCE_KINDS},
    "round": {"status": domain.ROUND_STATUSES},
    "term": {"category": domain.CATEGORIES, "status": domain.TERM_STATUSES},
    "transfer": {"category": domain.CATEGORIES},
    "assertion": {"category": domain.CATEGORIES},
    "report": {"category": domain.CATEGORIES, "status": domain.TERM_STATUSES},
}


def check_filters(listing: str, filters: Mapping[str, Any]) -> list[Problem]:
    """The problems of the filter values given for a list of `listing` (an entity, or "report"):
    a word outside the vocabulary, a period that ends before it begins, or a claim's subject that
    is not TYPE:KEY. A filter may be a single value or several."""
    problems = []
    for name, choices in FILTER_CHOICES.get(listing, {}).items():
        value = filters.get(name)
        for item in value if isinstance(value, (list, tuple)) else () if value is None else (value,):
            if item not in choices:
                problems.append(Problem(name, f"must be one of {', '.join(choices)}, got {item!r}"))
    since, until = filters.get("since"), filters.get("until")
    if since is not None and until is not None and until < since:  # each as its first or last day
        problems.append(Problem("until", f"must not be before --since, got {until} (--since {since})"))
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


def date_filters(filters: Mapping[str, Any]) -> tuple[dict[str, Any], list[Problem]]:
    """The filters with `since` and `until` as the days they bound (the first day of `since`, the
    last of `until`), each given as a date, a `PartialDate` or its text (`2025-06`); a value that
    is no date is a problem named by its filter."""
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
    known = {*domain.COLUMNS[entity], "key", *(("obligations", "each") if entity == "term" else ())}
    problems = [
        Problem(name, f"is not a field of a {entity}: the fields are {', '.join(domain.COLUMNS[entity])}")
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
class _Checker:
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
        return as_given(self.raw.get(name))

    def label(self, name: str, *, required: bool = False) -> str | None:
        """A name or a short text (a publisher, a venue, a claimant), without spaces around it."""
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
        if value is None:
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
            if default is None:
                self.fail(name, f"is required, one of {', '.join(choices)}")
            return default
        if value not in choices:
            self.fail(name, f"must be one of {', '.join(choices)}, got {value!r}")
            return None
        return value

    def whole(self, name: str, *, required: bool = False, minimum: int = 0) -> int | None:
        value = self.text(name, required=required)
        if value is None:
            return None
        return self._parse(name, domain.parse_whole, value, minimum=minimum)

    def date(self, name: str, *, required: bool = False, allow_month: bool = True) -> PartialDate | None:
        value = self.text(name, required=required)
        if value is None:
            return None
        return self._parse(name, PartialDate.parse, value, allow_month=allow_month)

    def _parse(self, name: str, parser, value: str, **options: Any) -> Any:
        try:
            return parser(value, **options)
        except ValueProblem as problem:
            self.fail(name, str(problem))
            return None

    def reference(self, name: str, entity: str, lookup, value: str | None) -> Any:
        if value is None:
            return None
        found = lookup(value)
        if found is None:
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

    def term_share(
        self, item: str, direction: tuple[str, str], undisclosed: bool
    ) -> tuple[int, tuple[TermInfo, int | None] | None]:
        return _term_share(self, item, direction, undisclosed)

    def url(self, name: str) -> str | None:
        value = self.text(name)
        if value is not None and not re.match(r"^https?://\S+$", value):
            self.fail(name, f"must be an http:// or https:// address, got {value!r}")
        return value


def check_reason(reason: str | None) -> tuple[str | None, list[Problem]]:
    """Why a record is amended or voided: text, kept in the journal with the change."""
    c = _Checker({"reason": reason}, EmptyCatalog())
    text = c.text("reason")
    if text is None:
        c.fail("reason", "is required: say why, in words (the journal keeps it with the change)")
    return (None if c.problems else text), c.problems


def check_party(raw: Raw, catalog: Catalog, *, amending: bool = False) -> tuple[PartyRecord | None, list[Problem]]:
    c = _Checker(raw, catalog, amending)
    code = c.text("code", required=True)
    if code is not None and not CODE_PATTERN.match(code):
        c.fail("code", f"must be 2 to 16 capital letters, digits, '_' or '-', starting with a letter, got {code!r}")
    elif code is not None and not amending and catalog.exists("party", code):
        c.fail("code", f"party {code!r} already exists")
    name = c.label("name", required=True)
    kind = c.choice("kind", domain.PARTY_KINDS, "state")
    aliases = c.items("aliases")
    for alias in aliases:
        owner = catalog.alias_owner(alias)
        if owner is not None and owner != code:
            c.fail("aliases", f"{alias!r} is already an alias of {owner}")
    if c.problems:
        return None, c.problems
    return PartyRecord(code, name, kind, aliases), c.problems


def check_source(raw: Raw, catalog: Catalog, *, amending: bool = False) -> tuple[SourceRecord | None, list[Problem]]:
    c = _Checker(raw, catalog, amending)
    key = c.new_key("key", "source")
    publisher = c.label("publisher", required=True)
    title = c.label("title")
    url = c.url("url")
    published = c.date("published")
    language = c.text("language")
    if language is not None and not LANGUAGE_PATTERN.match(language):
        c.fail("language", f"must be a language code such as en, uk, ru or tr, got {language!r}")
    kind = c.choice("kind", domain.SOURCE_KINDS, "media")
    if c.problems:
        return None, c.problems
    return SourceRecord(key, publisher, title, url, published, language, kind), c.problems


def check_process(raw: Raw, catalog: Catalog, *, amending: bool = False) -> tuple[ProcessRecord | None, list[Problem]]:
    c = _Checker(raw, catalog, amending)
    key = c.new_key("key", "process")
    name = c.label("name", required=True)
    if c.problems:
        return None, c.problems
    return ProcessRecord(key, name, c.prose("description")), c.problems


def check_round(raw: Raw, catalog: Catalog, *, amending: bool = False) -> tuple[RoundRecord | None, list[Problem]]:
    c = _Checker(raw, catalog, amending)
    key = c.new_key("key", "round")
    process_id = c.reference("process", "process", catalog.process_id, c.text("process", required=True))
    number = c.whole("number", required=True, minimum=1)
    if process_id is not None and number is not None:
        taken = catalog.round_number_taken(process_id, number)
        if taken is not None and taken != key:
            c.fail("number", f"round {number} of process {raw['process']!r} already exists ({taken})")
    start = c.date("start_date", allow_month=False)
    end = c.date("end_date", allow_month=False)
    if start is not None and end is not None and end.value < start.value:
        c.fail("end_date", f"{end} is before start_date {start}")
    status = c.choice("status", domain.ROUND_STATUSES, "held" if start else "announced")

    participants: list[tuple[int, str]] = []
    roles_of: dict[str, set[str]] = {}
    for role, name in (("party", "parties"), ("mediator", "mediators"), ("host", "hosts"), ("observer", "observers")):
        for code, party_id in c.parties(name):
            participants.append((party_id, role))
            roles_of.setdefault(code, set()).add(role)
    for code, roles in roles_of.items():
        clash = roles & {"mediator", "observer"}
        if "party" in roles and clash:
            c.fail("parties", f"{code} cannot be both a negotiating party and a {sorted(clash)[0]}")

    heads: list[tuple[int, str]] = []
    named: set[str] = set()
    for item in c.items("heads"):
        code, sep, name = (part.strip() for part in item.partition("="))
        if not sep or not code or not name:
            c.fail("heads", f"must be CODE=Name, got {item!r}")
            continue
        party_id = c.reference("heads", "party", catalog.party_id, code)
        if party_id is None:
            continue
        if code not in roles_of:
            c.fail("heads", f"{code} is not a participant of this round (add it with a role first)")
        elif code in named:
            c.fail("heads", f"{code} has more than one head of delegation")
        else:
            named.add(code)
            heads.append((party_id, name))

    venue, city, country, source_ids = c.label("venue"), c.label("city"), c.label("country"), c.sources()
    if c.problems:
        return None, c.problems
    record = RoundRecord(
        key,
        process_id,
        number,
        start.value if start else None,
        end.value if end else None,
        status,
        venue,
        city,
        country,
        participants,
        heads,
        source_ids,
        c.prose("notes"),
    )
    return record, c.problems


def _obligations(c: _Checker, round_: RoundInfo | None, category: str | None) -> list[ObligationRecord]:
    """Read `each` (one obligation each way between the round's two parties) or `obligations`
    (deliverer, receiver, quantity and basis per direction)."""
    each = c.text("each")
    given: Sequence[Mapping[str, str | None]] = c.raw.get("obligations") or []
    if each is not None and given:
        c.fail("each", "give a quantity for each side or a list of obligations, not both")
        return []
    if each is not None:
        if round_ is None:
            return []
        if len(round_.parties) != 2:
            c.fail(
                "each",
                f"needs a round with exactly two negotiating parties, and this round has "
                f"{len(round_.parties)}: list the obligations one by one instead",
            )
            return []
        first, second = round_.parties
        given = [
            {"deliverer": first, "receiver": second, "quantity": each, "basis": c.raw.get("basis")},
            {"deliverer": second, "receiver": first, "quantity": each, "basis": c.raw.get("basis")},
        ]
        name_of = {"quantity": "each"}
    else:
        name_of = {}

    records: list[ObligationRecord] = []
    directions: set[tuple[str, str]] = set()
    for index, item in enumerate(given):
        one = _Checker(item, c.catalog)
        deliverer, receiver = one.sides()
        quantity_text = one.text("quantity")
        basis = one.text("basis")
        quantity = None
        if basis is not None and basis not in domain.BASES:
            one.fail("basis", f"must be one of {', '.join(domain.BASES)}, got {basis!r}")
        elif quantity_text is None:
            if basis != "all":
                one.fail("quantity", 'is required: a whole number, or "all" for everyone who meets the criteria')
        elif quantity_text.lower() == domain.ALL:
            if basis not in (None, "all"):
                one.fail("basis", f'must be "all" when the quantity is "all", got {basis!r}')
            basis = "all"
        else:
            quantity = one._parse("quantity", domain.parse_whole, quantity_text)
            basis = basis or "exact"
            if basis == "all":
                one.fail("basis", f'"all" takes no quantity, got {quantity_text!r}')
        direction = (str(item.get("deliverer")), str(item.get("receiver")))
        if deliverer is not None and receiver is not None:
            if direction in directions:
                one.fail("obligations", f"lists {direction[0]} to {direction[1]} twice (one obligation per direction)")
            directions.add(direction)
        for problem in one.problems:
            named = name_of.get(problem.field, problem.field)
            c.fail(named, problem.message, None if each else index, unknown=problem.unknown)
        if not one.problems and deliverer is not None and receiver is not None and basis is not None:
            records.append(ObligationRecord(deliverer, receiver, quantity, basis))

    if category == "other" and (given or each):
        c.fail("obligations", "a term of category other has no obligations (no deliverer, receiver or quantity)")
    elif category in domain.PEOPLE_CATEGORIES and not given and each is None:
        c.fail(
            "obligations",
            f"a term of category {category} needs at least one obligation: a quantity each way or one per direction",
        )
    return records


def _starts_before(earlier: RoundInfo, later: RoundInfo) -> bool | None:
    """Whether one round came before another, or None when the ledger cannot tell."""
    if earlier.start_date is not None and later.start_date is not None:
        if earlier.start_date != later.start_date:
            return earlier.start_date < later.start_date
    if earlier.process_id == later.process_id:
        return earlier.number < later.number
    return None


def check_term(raw: Raw, catalog: Catalog, *, amending: bool = False) -> tuple[TermRecord | None, list[Problem]]:
    c = _Checker(raw, catalog, amending)
    key = c.new_key("key", "term")
    round_key = c.text("round", required=True)
    round_ = c.reference("round", "round", catalog.round_info, round_key)
    category = c.choice("category", domain.CATEGORIES, None)
    status = c.choice("status", domain.TERM_STATUSES, "agreed")
    min_age = c.whole("min_age")
    max_age = c.whole("max_age")
    for name, age in (("min_age", min_age), ("max_age", max_age)):
        if age is not None and age > MAX_AGE:
            c.fail(name, f"must be an age of at most {MAX_AGE}, got {age}")
    if min_age is not None and max_age is not None and min_age > max_age:
        c.fail("max_age", f"{max_age} is below min_age {min_age}")
    deadline = c.date("deadline")
    if deadline is not None and round_ is not None and round_.start_date is not None:
        if deadline.last < round_.start_date:
            c.fail("deadline", f"{deadline} is before round {round_key!r} began ({round_.start_date})")

    supersedes_key = c.text("supersedes")
    supersedes = c.reference("supersedes", "term", catalog.term_info, supersedes_key)
    if supersedes is not None and round_ is not None:
        order = _starts_before(supersedes.round, round_)
        if supersedes.round.id == round_.id or order is False:
            c.fail("supersedes", f"term {supersedes_key!r} must come from an earlier round than {round_key!r}")
        elif order is None:
            c.fail(
                "supersedes",
                f"cannot tell whether term {supersedes_key!r} comes from an earlier round: "
                "give both rounds a start date",
            )

    obligations = _obligations(c, round_, category)
    condition, source_ids = c.label("condition"), c.sources()
    if c.problems:
        return None, c.problems
    record = TermRecord(
        key,
        round_.id,
        category,
        min_age,
        max_age,
        condition,
        status,
        supersedes.id if supersedes else None,
        deadline,
        c.prose("description"),
        obligations,
        source_ids,
    )
    return record, c.problems


def _term_share(
    c: _Checker, item: str, direction: tuple[str, str], undisclosed: bool
) -> tuple[int, tuple[TermInfo, int | None] | None]:
    """One item of a transfer's `terms` (`TERM` or `TERM:COUNT`), whatever the transfer's date and
    count: what it adds to the counts given to terms, and the term with its count, or None when
    the item breaks a rule (its problem noted)."""
    term_key, sep, count_text = (part.strip() for part in item.partition(":"))
    share = None
    if sep:
        share = c._parse("terms", domain.parse_whole, count_text, minimum=1)
        if share is None:
            return 0, None
        if undisclosed:
            c.fail("terms", f"an undisclosed transfer cannot give a count to a term, got {item!r}")
            return 0, None
    given = share or 0
    term = c.reference("terms", "term", c.catalog.term_info, term_key)
    if term is None:
        return given, None
    if all(direction) and direction[0] != direction[1] and direction not in term.directions:
        c.fail("terms", f"term {term_key!r} has no obligation from {direction[0]} to {direction[1]}")
        return given, None
    return given, (term, share)


def _allocations(
    c: _Checker, date: PartialDate | None, count: int | None, undisclosed: bool
) -> list[tuple[int, int | None]]:
    allocations: list[tuple[int, int | None]] = []
    items = c.items("terms")
    if not items:
        return allocations
    total = 0
    direction = (str(c.raw.get("deliverer") or "").strip(), str(c.raw.get("receiver") or "").strip())
    for item in items:
        given, found = c.term_share(item, direction, undisclosed)
        total += given
        if found is None:
            continue
        term, share = found
        if date is not None and term.round.start_date is not None and date.last < term.round.start_date:
            c.fail(
                "terms",
                f"the transfer ({date}) is dated before round {term.round_key!r} of term "
                f"{item.partition(':')[0].strip()!r} began ({term.round.start_date})",
            )
            continue
        allocations.append((term.id, share))
    if count is not None and total > count:
        c.fail("terms", f"the counts given to terms add up to {total}, more than the transfer's count {count}")
    return allocations


def check_transfer(
    raw: Raw, catalog: Catalog, *, amending: bool = False
) -> tuple[TransferRecord | None, list[Problem]]:
    return _transfer(_Checker(raw, catalog, amending))


def _transfer(c: _Checker) -> tuple[TransferRecord | None, list[Problem]]:
    """The rules of a transfer, stated once: `check_transfer` and `TransferChecker` both run them."""
    key = c.new_key("key", "transfer")
    date = c.date("date", required=True)
    deliverer, receiver = c.sides()
    category = c.choice("category", domain.PEOPLE_CATEGORIES, None)
    count_text = c.text("count", required=True)
    count = c._parse("count", domain.parse_count, count_text) if count_text is not None else None
    undisclosed = count_text is not None and count_text.lower() == domain.UNDISCLOSED
    allocations = _allocations(c, date, count, undisclosed)
    intermediaries = []
    for code, party_id in c.parties("intermediaries"):
        if party_id in (deliverer, receiver):
            c.fail("intermediaries", f"{code} hands over or receives this transfer, so it cannot be its intermediary")
        intermediaries.append(party_id)
    exchange = c.text("exchange")
    if exchange is not None and not KEY_PATTERN.match(exchange):
        c.fail("exchange", f"must be a key of letters, digits, '.', '_' or '-', got {exchange!r}")
    location, source_ids = c.label("location"), c.sources()
    if c.problems:
        return None, c.problems
    record = TransferRecord(
        key,
        date,
        deliverer,
        receiver,
        category,
        count,
        allocations,
        exchange,
        intermediaries,
        location,
        source_ids,
        c.prose("notes"),
    )
    return record, c.problems


@dataclass
class _Remembering(_Checker):
    """A `_Checker` that remembers what each reading of a field's text gave, the value and the
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

    def _read(self, key: tuple[Any, ...], read: Any, *args: Any) -> Any:
        """What `read(self, *args)` gives (`key` names the reading and the text it reads), read
        once: the value kept, and its problems noted again each time."""
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
        return self._read(key, _date, name, required, allow_month)

    def party(self, name: str, *, required: bool = True) -> int | None:
        return self._read(("party", name, self.raw.get(name), required), _party, name, required)

    def parties(self, name: str) -> list[tuple[str, int]]:
        return self._read(("parties", name, self.raw.get(name)), _Checker.parties, name)

    def sources(self, name: str = "sources") -> list[int]:
        return self._read(("sources", name, self.raw.get(name)), _Checker.sources, name)

    def items(self, name: str) -> list[str]:
        return self._read(("items", name, self.raw.get(name)), _Checker.items, name)

    def choice(self, name: str, choices: tuple[str, ...], default: str | None) -> str | None:
        key = ("choice", name, self.raw.get(name), choices, default)
        return self._read(key, _Checker.choice, name, choices, default)

    def _parse(self, name: str, parser: Any, value: str, **options: Any) -> Any:
        if options:
            return super()._parse(name, parser, value, **options)
        return self._read(("parse", name, parser, value), _Checker._parse, name, parser, value)

    def term_share(
        self, item: str, direction: tuple[str, str], undisclosed: bool
    ) -> tuple[int, tuple[TermInfo, int | None] | None]:
        return self._read(("term", item, direction, undisclosed), _term_share, item, direction, undisclosed)


def _date(c: _Checker, name: str, required: bool, allow_month: bool) -> PartialDate | None:
    return _Checker.date(c, name, required=required, allow_month=allow_month)


def _party(c: _Checker, name: str, required: bool) -> int | None:
    return _Checker.party(c, name, required=required)


class TransferChecker:
    """`check_transfer` for the many rows of a load, each repeated value read once.

    It runs the same rules (`_transfer`) with a checker that remembers what each field's text
    gave the first time it was read, value and problems alike: the date, each party, the
    category, the count, the lists of sources and intermediaries, each item of the terms with the
    direction it depends on. A row of values seen before costs a few lookups, and the result and
    every message are those of `check_transfer`. The catalog must not change its parties, sources
    or terms while this is in use.
    """

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.memo: dict[tuple[Any, ...], tuple[Any, list[Problem]]] = {}

    def __call__(self, raw: Mapping[str, str]) -> tuple[TransferRecord | None, list[Problem]]:
        return _transfer(_Remembering(raw, self.catalog, memo=self.memo))


def _subject(
    c: _Checker, name: str, types: tuple[str, ...], lookups: Mapping[str, Any]
) -> tuple[str | None, int | None]:
    text = c.text(name, required=name == "subject")
    if text is None:
        return None, None
    try:
        kind, key = domain.parse_reference(text, types)
    except ValueProblem as problem:
        c.fail(name, str(problem))
        return None, None
    found = c.reference(name, kind, lookups[kind], key)
    if found is None:
        return kind, None
    return kind, found if isinstance(found, int) else found.id


def check_claim(raw: Raw, catalog: Catalog, *, amending: bool = False) -> tuple[ClaimRecord | None, list[Problem]]:
    c = _Checker(raw, catalog, amending)
    lookups = {"round": catalog.round_info, "term": catalog.term_info, "transfer": catalog.transfer_id}
    subject_type, subject_id = _subject(c, "subject", domain.SUBJECT_TYPES, lookups)
    field_name = c.text("field", required=True)
    if subject_type is not None and field_name is not None:
        fields = domain.CLAIM_FIELDS[subject_type]
        if field_name not in fields:
            c.fail("field", f"a {subject_type} has no field {field_name!r}; known: {', '.join(fields)}")
    value = c.label("value", required=True)
    source_id = c.reference("source", "source", catalog.source_id, c.text("source", required=True))
    claimant = c.label("claimant") or ""
    stated_on = c.date("stated_on")
    if (
        not c.problems
        and not amending
        and catalog.claim_exists(subject_type, subject_id, field_name, source_id, claimant)
    ):
        who = f" by {claimant!r}" if claimant else ""
        c.fail("subject", f"a claim on {raw['subject']} {field_name}{who} from source {raw['source']!r} already exists")
    if c.problems:
        return None, c.problems
    record = ClaimRecord(
        subject_type,
        subject_id,
        field_name,
        value,
        source_id,
        claimant,
        stated_on,
        c.prose("quote"),
    )
    return record, c.problems


def check_assertion(
    raw: Raw, catalog: Catalog, *, amending: bool = False
) -> tuple[AssertionRecord | None, list[Problem]]:
    c = _Checker(raw, catalog, amending)
    key = c.new_key("key", "assertion")
    as_of = c.date("as_of", required=True, allow_month=False)
    deliverer, receiver = c.sides()
    category = c.choice("category", domain.PEOPLE_CATEGORIES, None)
    expected = c.whole("expected", required=True)
    lookups = {"term": catalog.term_info, "round": catalog.round_info, "process": catalog.process_id}
    scope_type, scope_id = _subject(c, "scope", domain.SCOPE_TYPES, lookups)
    source_id = c.reference("source", "source", catalog.source_id, c.text("source"))
    if c.problems:
        return None, c.problems
    record = AssertionRecord(
        key,
        as_of,
        deliverer,
        receiver,
        category,
        scope_type,
        scope_id,
        expected,
        source_id,
    )
    return record, c.problems
