"""The registry of entities: the one place that says what kinds of record the ledger holds.

Each entity is one `Entity` entry in `ENTITIES`, in the order a package loads (every reference
points up the list): its name, the stem of its package file, its columns and required columns,
how a record is named (its natural key, and `key_of`, the one function that writes a record's
key from a row or a clean record), the package's primary and foreign keys, what the command line
calls its key, and the behaviour bound to it: the reader (`ledger.readers`), the rules' check
(`ledger.rules`), the storage function (`ledger.storage`) and the model (`ledger.models`).

Adding an entity is one entry here, plus its model, its reader, its storage function and its rules.

Keeping the imports one way: this module imports nothing of the ledger, so that the lowest
modules (`domain`, `package`) can read the static description from it. The behaviour lives in
modules that sit above it (they import `domain`, which imports this), so an entry names each
behaviour as `module:name` and `Entity.reader`, `.check`, `.store` and `.model` look it up when
asked for, each time: importing the registry never imports a behaviour module, and a test that
replaces one of those functions in its module (monkeypatch) replaces it for the whole ledger.
The names follow one pattern, written by `_behaviour`: `ledger.readers:ENTITY_rows`,
`ledger.rules:check_ENTITY`, `ledger.storage:store_ENTITY` and the model's class in `ledger.models`.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


def _bound(name: str) -> Any:
    module, _, attribute = name.partition(":")
    return getattr(importlib.import_module(module), attribute)


@dataclass(frozen=True)
class Entity:
    name: str  # party, source, ...: what the library, the journal and the command line call it
    stem: str  # the package file (`parties.csv`) or workbook sheet
    columns: tuple[str, ...]  # of its package file, in order (a claim's id is the ledger's)
    required: tuple[str, ...]  # the columns a file of it must have
    key_column: str  # the column of a read row that names the record (a claim, which has no key: its id)
    key_field: str | None  # the rules' name for that key, in a raw record and on a clean one (a claim: none)
    natural_key: tuple[str, ...]  # the package columns that tell one record from another in a package
    primary_key: tuple[str, ...]  # of its package file's rows (a term has one row per obligation)
    foreign_keys: Mapping[str, tuple[str, str]]  # column -> (entity, column) of the record it names
    key_argument: str  # what the command line calls the key it is named by
    example_key: str  # a key of the example ledger, for help texts
    model_key: str  # the model's column that holds the key (`code`, `key`, or the claim's `id`)
    behaviour: Mapping[str, str] = field(repr=False)  # reader, check, store, model as `module:name`
    allocating: bool = False  # a write to it can change the allocation
    read_by_rules: tuple[str, ...] = ()  # the fields of it other records' rules read (in their order)
    # The reader's filters that leave out the records that come with the schema (the built-in
    # categories): only what someone recorded is journaled, dumped, checked and verified.
    recorded: Mapping[str, Any] = field(default_factory=dict)

    @property
    def reader(self) -> Any:
        """`reader(session, *, key=None, include_voided=False, **filters) -> list[dict]`."""
        return _bound(self.behaviour["reader"])

    @property
    def check(self) -> Any:
        """`check(raw, catalog, *, amending=False) -> (record, problems)`: the rules of `add`."""
        return _bound(self.behaviour["check"])

    @property
    def store(self) -> Any:
        """`store(session, record, existing_id=None) -> id`: a clean record and its links."""
        return _bound(self.behaviour["store"])

    @property
    def model(self) -> Any:
        """The SQLAlchemy model of its table."""
        return _bound(self.behaviour["model"])

    @property
    def key_attribute(self) -> Any:
        """The model's column that holds the key."""
        return getattr(self.model, self.model_key)

    @property
    def named_by_id(self) -> bool:
        return self.key_field is None

    @property
    def identity_fields(self) -> tuple[str, ...]:
        """The fields of a raw record that tell it from another: its key, or a claim's natural key."""
        return self.natural_key if self.key_field is None else (self.key_field,)

    def key_of(self, found: Any, id: int | None = None) -> str:
        """How a record is named (by the journal, in messages, by `show`): its code or key, from a
        row read by `ledger.queries` (a dict) or from a clean record (`ledger.rules`); a claim,
        which has no key, by its id (the row's, or `id`, that of the record just stored)."""
        if self.key_field is None:
            return str(found["id"] if id is None else id)
        if isinstance(found, Mapping):
            return str(found[self.key_column])
        return str(getattr(found, self.key_field))


def _behaviour(name: str, model: str) -> dict[str, str]:
    return {
        "reader": f"ledger.readers:{name}_rows",
        "check": f"ledger.rules:check_{name}",
        "store": f"ledger.storage:store_{name}",
        "model": f"ledger.models:{model}",
    }


PARTY = Entity(
    name="party", stem="parties",
    columns=("code", "name", "kind", "aliases"),
    required=("code", "name"),
    key_column="code", key_field="code", natural_key=("code",), primary_key=("code",), foreign_keys={},
    key_argument="code", example_key="UKR", model_key="code",
    behaviour=_behaviour("party", "Party"),
)  # fmt: skip
SOURCE = Entity(
    name="source", stem="sources",
    columns=("key", "publisher", "title", "url", "published", "language", "kind"),
    required=("key", "publisher"),
    key_column="key", key_field="key", natural_key=("key",), primary_key=("key",), foreign_keys={},
    key_argument="key", example_key="pravda-7513734", model_key="key",
    behaviour=_behaviour("source", "Source"),
)  # fmt: skip
PROCESS = Entity(
    name="process", stem="processes",
    columns=("key", "name", "description"),
    required=("key", "name"),
    key_column="key", key_field="key", natural_key=("key",), primary_key=("key",), foreign_keys={},
    key_argument="key", example_key="istanbul-2025", model_key="key",
    behaviour=_behaviour("process", "Process"),
)  # fmt: skip
ROUND = Entity(
    name="round", stem="rounds",
    columns=(
        "key", "process", "number", "start_date", "end_date", "status", "venue", "city", "country", "parties",
        "mediators", "hosts", "observers", "heads", "sources", "notes",
    ),
    required=("key", "process", "number"),
    key_column="key", key_field="key", natural_key=("key",), primary_key=("key",),
    foreign_keys={"process": ("process", "key")},
    key_argument="key", example_key="istanbul-2025-r1", model_key="key",
    behaviour=_behaviour("round", "Round"),
    allocating=True, read_by_rules=("start_date", "number", "process"),
)  # fmt: skip
CATEGORY = Entity(
    name="category", stem="categories",
    columns=("code", "name", "kind"),
    required=("code", "name", "kind"),
    key_column="code", key_field="code", natural_key=("code",), primary_key=("code",), foreign_keys={},
    key_argument="code", example_key="foreign-remains", model_key="code",
    behaviour=_behaviour("category", "Category"),
    read_by_rules=("kind",), recorded={"builtin": False},
)  # fmt: skip
TERM = Entity(
    name="term", stem="terms",
    columns=(
        "term", "round", "category", "deliverer", "receiver", "quantity", "basis", "per", "min_age", "max_age",
        "condition", "status", "supersedes", "deadline", "sources", "description",
    ),
    required=("term", "round", "category"),
    key_column="term", key_field="key", natural_key=("term",), primary_key=("term", "deliverer", "receiver"),
    foreign_keys={"round": ("round", "key"), "deliverer": ("party", "code"), "receiver": ("party", "code")},
    key_argument="key", example_key="r1-pow-exchange", model_key="key",
    behaviour=_behaviour("term", "Term"),
    allocating=True, read_by_rules=("round", "obligations", "each"),
)  # fmt: skip
TRANSFER = Entity(
    name="transfer", stem="transfers",
    columns=(
        "key", "date", "deliverer", "receiver", "category", "count", "terms", "exchange", "intermediaries",
        "location", "sources", "notes",
    ),
    required=("key", "date", "deliverer", "receiver", "category"),
    key_column="key", key_field="key", natural_key=("key",), primary_key=("key",),
    foreign_keys={"deliverer": ("party", "code"), "receiver": ("party", "code")},
    key_argument="key", example_key="2025-05-23-rus-ukr-pow", model_key="key",
    behaviour=_behaviour("transfer", "Transfer"),
    allocating=True,
)  # fmt: skip
CLAIM = Entity(
    name="claim", stem="claims",
    columns=("id", "subject", "field", "value", "source", "claimant", "stated_on", "quote"),
    required=("subject", "field", "value", "source"),
    key_column="id", key_field=None, natural_key=("subject", "field", "source", "claimant"),
    primary_key=("subject", "field", "source", "claimant"), foreign_keys={"source": ("source", "key")},
    key_argument="id", example_key="3", model_key="id",
    behaviour=_behaviour("claim", "Claim"),
)  # fmt: skip
ASSERTION = Entity(
    name="assertion", stem="assertions",
    columns=("key", "as_of", "deliverer", "receiver", "category", "scope", "expected", "source"),
    required=("key", "as_of", "deliverer", "receiver", "category", "expected"),
    key_column="key", key_field="key", natural_key=("key",), primary_key=("key",),
    foreign_keys={"deliverer": ("party", "code"), "receiver": ("party", "code"), "source": ("source", "key")},
    key_argument="key", example_key="bodies-to-ukr", model_key="key",
    behaviour=_behaviour("assertion", "Assertion"),
)  # fmt: skip

# Every entity, by name, in the order a package loads.
ENTITIES: dict[str, Entity] = {
    e.name: e for e in (PARTY, SOURCE, PROCESS, ROUND, CATEGORY, TERM, TRANSFER, CLAIM, ASSERTION)
}
NAMES = tuple(ENTITIES)
BY_STEM: dict[str, Entity] = {e.stem: e for e in ENTITIES.values()}
COLUMNS: dict[str, tuple[str, ...]] = {e.name: e.columns for e in ENTITIES.values()}


def key_of(entity: str, found: Any, id: int | None = None) -> str:
    """`Entity.key_of` of the entity named `entity`."""
    return ENTITIES[entity].key_of(found, id)
