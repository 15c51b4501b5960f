"""The rules of each kind of record but the transfer (`transfers`): `check_ENTITY(raw, catalog)`
gives the clean record, or None, and every problem found."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from ledger import domain
from ledger.domain import Duration, PartialDate, ValueProblem
from ledger.rules.fields import FieldChecker
from ledger.rules.records import (
    AssertionRecord,
    Catalog,
    CategoryRecord,
    ClaimRecord,
    ObligationRecord,
    PartyRecord,
    Problem,
    ProcessRecord,
    Raw,
    RoundInfo,
    RoundRecord,
    SourceRecord,
    TermRecord,
)

CODE_PATTERN = re.compile(r"^[A-Z][A-Z0-9_-]{1,15}$")
CATEGORY_PATTERN = re.compile(r"^[a-z][a-z0-9_-]{1,15}$")
BUILTIN = {code: (name, kind) for code, name, kind in domain.BUILTIN_CATEGORIES}
LANGUAGE_PATTERN = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
MAX_AGE = 150


def check_party(raw: Raw, catalog: Catalog, *, amending: bool = False) -> tuple[PartyRecord | None, list[Problem]]:
    c = FieldChecker(raw, catalog, amending)
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


def check_category(
    raw: Raw, catalog: Catalog, *, amending: bool = False
) -> tuple[CategoryRecord | None, list[Problem]]:
    """A category of people (or of nothing): its code, its name and its kind. A built-in one is
    the schema's, as it is: the same code with another name or kind is refused."""
    c = FieldChecker(raw, catalog, amending)
    code = c.text("code", required=True)
    name = c.label("name", required=True)
    kind = c.choice("kind", domain.KINDS, None)
    if code is not None and not CATEGORY_PATTERN.match(code):
        c.fail("code", f"must be 2 to 16 small letters, digits, '_' or '-', starting with a letter, got {code!r}")
    elif code in BUILTIN and name is not None and kind is not None and BUILTIN[code] != (name, kind):
        builtin_name, builtin_kind = BUILTIN[code]
        c.fail("code", f"{code!r} is a built-in category ({builtin_name}, {builtin_kind}), which cannot change: "
                       "give another code")  # fmt: skip
    elif code is not None and not amending and catalog.exists("category", code):
        c.fail("code", f"category {code!r} already exists")
    if c.problems:
        return None, c.problems
    return CategoryRecord(code, name, kind), c.problems


def check_source(raw: Raw, catalog: Catalog, *, amending: bool = False) -> tuple[SourceRecord | None, list[Problem]]:
    c = FieldChecker(raw, catalog, amending)
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
    c = FieldChecker(raw, catalog, amending)
    key = c.new_key("key", "process")
    name = c.label("name", required=True)
    if c.problems:
        return None, c.problems
    return ProcessRecord(key, name, c.prose("description")), c.problems


def check_round(raw: Raw, catalog: Catalog, *, amending: bool = False) -> tuple[RoundRecord | None, list[Problem]]:
    c = FieldChecker(raw, catalog, amending)
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


def _obligations(
    c: FieldChecker, round_: RoundInfo | None, category: str | None, key: str | None
) -> list[ObligationRecord]:
    """Read `each` (one obligation each way between the round's two parties) or `obligations`
    (deliverer, receiver, quantity, basis and, for a ratio, the base term `per`, per direction)."""
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
            {"deliverer": first, "receiver": second, "quantity": each, "basis": c.raw.get("basis"),
             "per": c.raw.get("per")},
            {"deliverer": second, "receiver": first, "quantity": each, "basis": c.raw.get("basis"),
             "per": c.raw.get("per")},
        ]  # fmt: skip
        name_of = {"quantity": "each"}
    else:
        name_of = {}

    kind = c.catalog.categories().get(category or "")
    if kind == "none" and (given or each):  # no obligation to check: the sides are not wanted at all
        named = "obligations" if each is None else "each"
        c.fail(named, f"a term of category {category} has no obligations (no deliverer, receiver or quantity)")
        return []
    records: list[ObligationRecord] = []
    directions: set[tuple[str, str]] = set()
    bases: dict[str, int | None] = {}  # the base terms named, each with the first obligation naming it
    for index, item in enumerate(given):
        one = FieldChecker(item, c.catalog)
        deliverer, receiver = one.sides()
        quantity_text = one.text("quantity")
        basis = one.text("basis")
        quantity = None
        if basis is not None and basis not in domain.BASES:
            one.fail("basis", f"must be one of {', '.join(domain.BASES)}, got {basis!r}")
        elif quantity_text is None:
            if basis == "ratio":
                one.fail("quantity", "is required with basis ratio: how many for each person the base term delivered")
            elif basis != "all":
                one.fail("quantity", 'is required: a whole number, or "all" for everyone who meets the criteria')
        elif quantity_text.lower() == domain.ALL:
            if basis not in (None, "all"):  # kept as given: what else the row says is checked by it
                one.fail("basis", f'must be "all" when the quantity is "all", got {basis!r}')
            else:
                basis = "all"
        else:
            least = 1 if basis == "ratio" else 0  # so many per person: none per person is no ratio
            quantity = one.parse("quantity", domain.parse_whole, quantity_text, minimum=least)
            if basis == "ratio" and quantity is not None and quantity > domain.MAX_RATIO:
                one.fail("quantity", f"must be at most {domain.MAX_RATIO:,} for each person the base term "
                                     f"delivered, got {quantity_text!r}")  # fmt: skip
            basis = basis or "exact"
            if basis == "all":
                one.fail("basis", f'"all" takes no quantity, got {quantity_text!r}')
        per_id = _ratio_base(one, key, basis, item) if basis in domain.BASES else None
        direction = (str(item.get("deliverer")), str(item.get("receiver")))
        if deliverer is not None and receiver is not None:
            if direction in directions:
                one.fail("obligations", f"lists {direction[0]} to {direction[1]} twice (one obligation per direction)")
            directions.add(direction)
        for problem in one.problems:
            named = name_of.get(problem.field, problem.field)
            c.fail(named, problem.message, None if each else index, unknown=problem.unknown)
        if per_id is not None:
            bases.setdefault(str(item.get("per")).strip(), None if each else index)
        if not one.problems and deliverer is not None and receiver is not None and basis is not None:
            records.append(ObligationRecord(deliverer, receiver, quantity, basis, per_id))

    for per, index in bases.items() if key is not None else ():  # once per base: a cycle is the term's
        cycle = _cycle(c.catalog, key, per)
        if cycle:
            c.fail("per", f"ratios cannot count per each other in a cycle: {' → '.join(cycle)}", index)
    if kind in domain.PEOPLE_KINDS and not given and each is None:
        c.fail(
            "obligations",
            f"a term of category {category} needs at least one obligation: a quantity each way or one per direction",
        )
    return records


def _ratio_base(one: FieldChecker, key: str | None, basis: str | None, item: Mapping[str, Any]) -> int | None:
    """The base term of a ratio obligation (`per`), which must be another live term with an
    obligation the opposite way (that it does not lead back here through other ratios is checked
    once per term, by `_cycle`)."""
    per = one.text("per")
    if basis != "ratio":
        if per is not None:
            one.fail("per", f"names the base term of a ratio: give it with basis ratio, got basis {basis!r}")
        return None
    if per is None:
        one.fail("per", "is required with basis ratio: the term whose deliveries the quantity is per")
        return None
    if per == key:
        one.fail("per", f"a ratio cannot count per its own term {per!r}")
        return None
    base = one.reference("per", "term", one.catalog.term_info, per)
    if base is None:
        return None
    deliverer, receiver = (str(item.get(name) or "").strip() for name in ("deliverer", "receiver"))
    if deliverer and receiver and (receiver, deliverer) not in base.directions:
        one.fail(
            "per",
            f"term {per!r} has no obligation from {receiver} to {deliverer}, the opposite direction, to count per",
        )
    return base.id


def _cycle(catalog: Catalog, key: str, per: str) -> list[str] | None:
    """The chain of bases from `key` through `per` back to `key`, if the ratios make one."""
    paths, seen = [[key, per]], {per}
    while paths:
        path = paths.pop()
        info = catalog.term_info(path[-1])
        for base in sorted(info.bases if info is not None else ()):
            if base == key:
                return [*path, key]
            if base not in seen:
                seen.add(base)
                paths.append([*path, base])
    return None


def _deadline(
    c: FieldChecker, round_: RoundInfo | None, round_key: str | None
) -> tuple[PartialDate | None, Duration | None]:
    """A term's deadline: a date, not before its round began, or a duration from the round's start."""
    text = c.text("deadline")
    if text is None or not domain.is_duration(text):
        deadline = c.date("deadline")
        if deadline is not None and round_ is not None and round_.start_date is not None:
            if deadline.last < round_.start_date:
                c.fail("deadline", f"{deadline} is before round {round_key!r} began ({round_.start_date})")
        return deadline, None
    duration = c.parse("deadline", Duration.parse, text)
    if duration is not None and not duration.hours:  # read back as stored, but never written anew
        c.fail("deadline", f"must be longer than zero: a deadline on the round's first day is its date, got {text!r}")
    elif duration is not None and round_ is not None and round_.start_date is None:
        c.fail("deadline", f"{text} counts from the round's start, and round {round_key!r} has no start_date")
    return None, duration


def _starts_before(earlier: RoundInfo, later: RoundInfo) -> bool | None:
    """Whether one round came before another, or None when the ledger cannot tell."""
    if earlier.start_date is not None and later.start_date is not None:
        if earlier.start_date != later.start_date:
            return earlier.start_date < later.start_date
    if earlier.process_id == later.process_id:
        return earlier.number < later.number
    return None


def check_term(raw: Raw, catalog: Catalog, *, amending: bool = False) -> tuple[TermRecord | None, list[Problem]]:
    c = FieldChecker(raw, catalog, amending)
    key = c.new_key("key", "term")
    round_key = c.text("round", required=True)
    round_ = c.reference("round", "round", catalog.round_info, round_key)
    category = c.category(people=False)
    status = c.choice("status", domain.TERM_STATUSES, "agreed")
    min_age = c.whole("min_age")
    max_age = c.whole("max_age")
    for name, age in (("min_age", min_age), ("max_age", max_age)):
        if age is not None and age > MAX_AGE:
            c.fail(name, f"must be an age of at most {MAX_AGE}, got {age}")
    if min_age is not None and max_age is not None and min_age > max_age:
        c.fail("max_age", f"{max_age} is below min_age {min_age}")
    deadline, duration = _deadline(c, round_, round_key)

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

    obligations = _obligations(c, round_, category, key or c.text("key"))
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
        duration,
    )
    return record, c.problems


def _subject(
    c: FieldChecker, name: str, types: tuple[str, ...], lookups: Mapping[str, Any]
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
    c = FieldChecker(raw, catalog, amending)
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
    c = FieldChecker(raw, catalog, amending)
    key = c.new_key("key", "assertion")
    as_of = c.date("as_of", required=True, allow_month=False)
    deliverer, receiver = c.sides()
    category = c.category(people=True)
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
