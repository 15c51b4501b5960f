"""The Frictionless Data Package descriptor of a ledger package (`datapackage.json`): each
file's fields with their types, patterns and descriptions, keys and references, so that
`frictionless validate` reads a package as the ledger does."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

from ledger import corrections, domain
from ledger.encoding import columns
from ledger.entities import ENTITIES

# The CSV the ledger writes, as a Frictionless CSV Dialect: RFC 4180 with "\n" line ends, a cell
# quoted only when it must be, a quote inside it doubled. `write_csv` writes with these settings.
DIALECT: dict[str, Any] = {
    "delimiter": ",",
    "lineTerminator": "\n",
    "quoteChar": '"',
    "doubleQuote": True,
    "header": True,
}
# The files a dump writes only when they hold something: the categories a ledger added to the
# built-in ones (which come with every ledger, and are never written).
OPTIONAL = frozenset({"category"})
INTEGER_COLUMNS = {"number", "quantity", "min_age", "max_age", "expected"}
DATE_COLUMNS = {"published", "start_date", "end_date", "deadline", "date", "stated_on", "as_of"}
# Table Schema patterns are matched against the whole cell (frictionless wraps them in ^...$), so
# an alternation is grouped: `\d+|undisclosed` would let "12abc" through as a cell starting 12.
# A day no calendar has (2025-13-01, 2025-04-31) fails the pattern; 29 February of a common year
# is left to the ledger's own check.
DATE_PATTERN = (
    r"\d{4}-(0[1-9]|1[0-2]|(0[13578]|1[02])-(0[1-9]|[12]\d|3[01])|(0[469]|11)-(0[1-9]|[12]\d|30)|02-(0[1-9]|[12]\d))"
)
# What a deadline takes (ISO 8601): P6W, P42D, P3DT12H, PT72H, P0DT12H; never no time at all (P0D).
DURATION_PATTERN = r"P(0*[1-9]\d*W|0*[1-9]\d*D(T\d+H)?|0+DT0*[1-9]\d*H|T0*[1-9]\d*H)"
COUNT_PATTERN = r"(\d+|undisclosed)"
LIST_COLUMNS = {"aliases", "parties", "mediators", "hosts", "observers", "heads", "sources", "terms", "intermediaries"}
# The columns that take one word of the domain's vocabulary, as the ledger's rules and CHECK
# constraints do: an empty optional cell is a missing value (the ledger's default), not a word.
VOCABULARIES: dict[tuple[str, str], tuple[str, ...]] = {
    ("party", "kind"): domain.PARTY_KINDS,
    ("source", "kind"): domain.SOURCE_KINDS,
    ("round", "status"): domain.ROUND_STATUSES,
    ("category", "kind"): domain.KINDS,
    ("term", "basis"): domain.BASES,
    ("term", "status"): domain.TERM_STATUSES,
    ("claim", "field"): tuple(dict.fromkeys(name for names in domain.CLAIM_FIELDS.values() for name in names)),
}
# The references TYPE:KEY, by the types each column may name.
REFERENCES = {("claim", "subject"): domain.SUBJECT_TYPES, ("assertion", "scope"): domain.SCOPE_TYPES}
# What a cell of these columns holds, as a file (and the analysts' views, which write them alike) gives it.
DATE_DESCRIPTION = "A date: YYYY-MM-DD, or YYYY-MM when only the month is known."
DEADLINE_DESCRIPTION = (
    "A date (YYYY-MM-DD, or YYYY-MM when only the month is known), or an ISO 8601 duration from the "
    "round's start in days, weeks or hours (P42D, P6W, PT72H, P3DT12H)."
)
LIST_DESCRIPTION = "A list, items separated by ';'."
PER_DESCRIPTION = (
    "With basis ratio: the term whose obligation the other way the quantity counts per (30 per person it delivered)."
)


def category_enums(own: Mapping[str, str] | None = None) -> dict[str, list[str]]:
    """The categories each file's `category` column may name: the built-in ones and a ledger's
    `own` (code -> kind); a transfer or an assertion counts people, so never one of kind none."""
    kinds = {code: kind for code, _, kind in domain.BUILTIN_CATEGORIES} | dict(own or {})
    people = [code for code, kind in kinds.items() if kind in domain.PEOPLE_KINDS]
    return {"term": list(kinds), "transfer": people, "assertion": people}


def _field(entity: str, name: str, categories: Mapping[str, list[str]]) -> dict[str, Any]:
    described: dict[str, Any] = {"name": name, "type": "string"}
    if name in ENTITIES[entity].required:
        described["constraints"] = {"required": True}
    if (entity, name) in VOCABULARIES:
        described.setdefault("constraints", {})["enum"] = list(VOCABULARIES[entity, name])
    elif name == "category" and entity in categories:
        described["description"] = "A category: a built-in one, or one the package's categories.csv defines."
        described.setdefault("constraints", {})["enum"] = list(categories[entity])
    if name in INTEGER_COLUMNS:
        described["type"] = "integer"
        described.setdefault("constraints", {})["minimum"] = 1 if name == "number" else 0
    elif name == "deadline":
        described["description"] = DEADLINE_DESCRIPTION
        described.setdefault("constraints", {})["pattern"] = f"({DATE_PATTERN}|{DURATION_PATTERN})"
    elif name in DATE_COLUMNS:
        described["description"] = DATE_DESCRIPTION
        described.setdefault("constraints", {})["pattern"] = DATE_PATTERN
    elif name in LIST_COLUMNS:
        described["description"] = LIST_DESCRIPTION
    if entity == "transfer" and name == "count":
        described["description"] = 'A whole number, or "undisclosed" (which is not zero).'
        described["constraints"] = {"pattern": COUNT_PATTERN}
    if entity == "term" and name == "per":
        described["description"] = PER_DESCRIPTION
    if (entity, name) in REFERENCES:
        described["description"] = "A reference TYPE:KEY, such as round:istanbul-2025-r1."
        types = "|".join(REFERENCES[entity, name])
        described.setdefault("constraints", {})["pattern"] = f"({types}):.+"
    return described


def _resource(stem: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": stem,
        "path": f"{stem}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": DIALECT,
        "schema": schema,
    }


def _corrections_schema() -> dict[str, Any]:
    fields: list[dict[str, Any]] = [{"name": name, "type": "string"} for name in corrections.COLUMNS]
    for described in fields:
        if described["name"] in corrections.REQUIRED:
            described["constraints"] = {"required": True}
    fields[0]["constraints"]["enum"] = [e.name for e in ENTITIES.values() if not e.named_by_id]
    fields[2]["constraints"]["enum"] = list(corrections.ACTIONS)
    fields[3]["description"] = "The column an amend changes (empty for a void)."
    fields[4]["description"] = "Its new value, as the entity's file writes it (empty for a void)."
    return {"fields": fields, "missingValues": [""]}


def datapackage(
    entities: Collection[str] | None = None,
    with_corrections: bool = False,
    categories: Mapping[str, str] | None = None,
    sources: Sequence[Mapping[str, str]] = (),
    licence: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The Frictionless Data Package descriptor of a ledger package holding the files of
    `entities` (by default every file but the `OPTIONAL` ones, and categories.csv when there are
    `categories`); `with_corrections`, of one that also carries a `corrections.csv`, which a dump
    never writes; `categories`, the ledger's own categories (code -> kind) that its files may name
    besides the built-in ones; `sources`, the rows of its sources.csv (by column), which become the
    descriptor's `sources` (each publisher and title, and its address); `licence`, its `licenses`."""
    resources = []
    enums = category_enums(categories)
    wanted = entities if entities is not None else set(ENTITIES) - (OPTIONAL - ({"category"} if categories else set()))
    for entity, stem in ((e.name, e.stem) for e in ENTITIES.values() if e.name in wanted):
        schema: dict[str, Any] = {
            "fields": [_field(entity, name, enums) for name in columns(entity)],
            "primaryKey": list(ENTITIES[entity].primary_key),
            "missingValues": [""],
        }
        foreign = ENTITIES[entity].foreign_keys
        if foreign:
            schema["foreignKeys"] = [
                {"fields": name, "reference": {"resource": ENTITIES[target].stem, "fields": key}}
                for name, (target, key) in foreign.items()
            ]
        resources.append(_resource(stem, schema))
    if with_corrections:
        resources.append(_resource(corrections.STEM, _corrections_schema()))
    described: dict[str, Any] = {"profile": "tabular-data-package", "name": "humanitarian-ledger"}
    if licence:
        described["licenses"] = [dict(licence)]
    if sources:  # each once: sources with no title, date or address are named by their publisher alone
        cited = [_cited(source) for source in sources]
        described["sources"] = [dict(pairs) for pairs in dict.fromkeys(tuple(c.items()) for c in cited)]
    return {**described, "resources": resources}


def _cited(source: Mapping[str, str]) -> dict[str, str]:
    """A source as a Data Package's `sources` names one: a title (its publisher and title, else its
    key, and when it was published) and its address where it has one."""
    title = ": ".join(part for part in (source.get("publisher"), source.get("title")) if part) or source["key"]
    title += f", {source['published']}" if source.get("published") else ""
    return {"title": title, **({"path": source["url"]} if source.get("url") else {})}
