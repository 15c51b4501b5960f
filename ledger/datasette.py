"""Datasette metadata for a ledger's database (Datasette 0.65's metadata.json, which
`ledger dump --datasette-metadata FILE` writes), so that analysts who open the database in
Datasette read what each table, view and column holds without reading the ledger's code:

- `title`: the ledger and its processes; `description`: how many records of each kind it holds,
  and the journal's checkpoint, so that a reader can check later that the ledger only grew since;
- `license` and `license_url`: only as given (the ledger stores no licence);
- `source`: how many sources the records cite (each row names its own, in the `source` table);
- `databases.NAME.tables`: a title, a description and each column's meaning for every table and
  view of the database (`TABLES`, the columns' meanings over `COLUMNS`); the tables of the
  ledger's own workings `hidden`; a `label_column` where a record's key names it better than the
  column Datasette would guess (a round has no name; a source's title may be empty).

Names, descriptions and counts only: no value of any record, but the processes' keys and names
(which name talks, not people). Datasette names a database by its file's stem (`ledger.db` is
`ledger`); a PostgreSQL database, which Datasette does not open, by its name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Engine, false, func, inspect, select

from ledger import checkpoints, db, domain
from ledger import models as m
from ledger.descriptor import DATE_DESCRIPTION, DEADLINE_DESCRIPTION, LIST_DESCRIPTION, PER_DESCRIPTION
from ledger.entities import ENTITIES
from ledger.errors import InvalidInput
from ledger.hxl import PERSONAL
from ledger.rules import Problem
from ledger.sql import code_point_order

TITLE = "Humanitarian agreements ledger"
SHOWN_PROCESSES = 5  # in the title; the rest are counted
PERSONAL_NOTE = " Free text: it may name individuals."


def _one_of(values: tuple[str, ...]) -> str:
    return ", ".join(values[:-1]) + " or " + values[-1]


_PRECISION = "day, or month when only the month is known (the date is then the month's 1st)."
_ALSO_IN_FILES = "as transfers.csv writes it."
# What a column means wherever a table or view has it (a table's own meaning comes first).
COLUMNS: dict[str, str] = {
    "id": "The row's number, which other tables' *_id columns name; files and commands name records by their keys.",
    "voided": "True (1 in SQLite) once the record is voided: it then counts nowhere, and the views leave it out "
    "(nothing is deleted).",
    "leaf": "The hash (hex) of the record's current state, a leaf of the journal's Merkle tree (empty for a version "
    "written before the tree).",
    "leaf_index": "Where that leaf is in the journal's tree (`ledger proof show` proves it is there).",
    "position": "Its place in the record's list, as entered, from 0.",
    "party_id": "The party (party.id).",
    "source_id": "The source (source.id).",
    "round_id": "The round (round.id).",
    "term_id": "The term (term.id).",
    "transfer_id": "The transfer (transfer.id).",
    "process_id": "The process (process.id).",
    "deliverer_id": "The party handing over (party.id).",
    "receiver_id": "The party receiving (party.id).",
    "date_precision": _PRECISION,
    "category": "Who or what is handed over: a category's code (category.code).",
    "category_kind": f"What the category counts: {_one_of(domain.KINDS)}; no total adds remains to living people.",
    "basis": "exact (that many), at-least (a floor), all (everyone who meets the term's criteria) or ratio (so many "
    "per person the base term delivered the other way).",
    "quantity": "How many (empty for basis all; for a ratio, how many per person the base term delivered).",
    "min_age": "The youngest person covered.",
    "max_age": "The oldest person covered.",
    "condition": "Who is covered: severely wounded, civilian, military…",
    "notes": "Anything else worth keeping.",
    # the views', which name records by their keys and codes
    "term": "The term's key.",
    "round": "The round's key.",
    "process": "The process's key.",
    "deliverer": "The party handing over: its code.",
    "receiver": "The party receiving: its code.",
}


@dataclass(frozen=True)
class Table:
    title: str
    description: str
    columns: dict[str, str] = field(default_factory=dict)  # its own meanings, before `COLUMNS`
    hidden: bool = False  # the ledger's own workings, not its records
    label: str | None = None  # Datasette's label_column: what names its rows where others refer to them


def _sources_of(what: str, key: str) -> Table:
    return Table(f"Sources of {what}s", f"The sources each {what} rests on, in the order given.", {
        key: f"The {what} ({what}.id).", "source_id": "A source it rests on (source.id)."})  # fmt: skip


TABLES: dict[str, Table] = {
    "party": Table("Parties", "States, organisations and groups that negotiate, mediate, host or hand people over.", {
        "code": "Its short code (UKR, ICRC), which files, commands and the views name it by.",
        "name": "Its full name.", "kind": f"{_one_of(domain.PARTY_KINDS)}."}),
    "party_alias": Table("Other names of parties", "A party's other names, in any script (Україна, Россия).", {
        "alias": "Another name of the party; each names one party only."}),
    "source": Table(
        "Sources", "Where facts come from: news pages, official statements, reports. Every figure cites its "
        "sources: rounds, terms and transfers through round_source, term_source and transfer_source, claims and "
        "assertions by source_id.", {
            "key": "Its key, which files and commands cite it by.", "publisher": "Who published it.",
            "title": "Its headline or title.", "url": "Its address.", "published": "When it was published.",
            "published_precision": _PRECISION, "language": "Its language's code: en, uk, ru, tr…",
            "kind": f"{_one_of(domain.SOURCE_KINDS)}."}, label="key"),
    "process": Table("Processes", "Series of talks, such as the 2025 Istanbul talks.", {
        "key": "Its key (istanbul-2025).", "name": "What the talks are called.",
        "description": "A sentence or two about them."}),
    "round": Table("Rounds", "The meetings of a process: when, where and how it went.", {
        "key": "Its key.", "process_id": "The process it is a round of (process.id).",
        "number": "Its number within the process (1, 2, 3…).", "start_date": "Its first day.",
        "end_date": "Its last day (empty for a one-day round).", "status": f"{_one_of(domain.ROUND_STATUSES)}.",
        "venue": "Where it met (a palace, a hotel).", "city": "Its city.", "country": "Its country."}, label="key"),
    "round_participant": Table("Participants of rounds", "Who took part in each round, and as what.", {
        "role": f"{_one_of(domain.ROLES)}; party: a negotiating party."}),
    "delegation_head": Table("Heads of delegations", "Who led a participant's delegation at a round.", {
        "party_id": "The participant whose delegation it was (party.id).",
        "name": "The head of the delegation's name: personal data."}),
    "category": Table(
        "Categories", "Who or what a term or a transfer counts, each of a kind: living people or remains (never "
        "added together), or none for a term without a count. The built-in ones come with every ledger.", {
            "code": "Its code (pow, bodies), which files and commands name it by.", "name": "What it counts.",
            "kind": f"{_one_of(domain.KINDS)}: living people, remains, or nothing to count.",
            "position": "Its place in the list of categories.",
            "builtin": "True (1 in SQLite) for a category every ledger comes with, false for one this ledger "
            "added."}),
    "term": Table(
        "Terms", "Commitments made in a round (agreed, proposed, rejected or withdrawn), each with one obligation "
        "per direction (the obligation table).", {
            "key": "Its key.", "round_id": "The round that agreed or proposed it (round.id).",
            "status": f"{_one_of(domain.TERM_STATUSES)}.",
            "supersedes_id": "The term of an earlier round that this one replaces (term.id).",
            "deadline": "By when, as a date (to the day or the month: deadline_precision).",
            "deadline_precision": _PRECISION,
            "deadline_duration": "By when, as a time from the round's start (ISO 8601: P42D, P6W, PT72H).",
            "description": "The commitment in words."}, label="key"),
    "obligation": Table("Obligations", "What a term commits one side to hand the other: a quantity with its basis.", {
        "per_id": f"{PER_DESCRIPTION} Its id (term.id)."}),
    "transfer": Table(
        "Transfers", "Handovers of people or remains, one direction each. An undisclosed count is empty, which is "
        "not zero.", {
            "key": "Its key.", "date": "When it was handed over (date_precision: to the day or the month).",
            "count": "How many; empty when the count was not made public (which is not zero).",
            "exchange": "The swap that paired it with the opposite direction.",
            "location": "Where the handover took place.",
            "terms_text": f"The terms it was entered as counting towards, with their counts (term:count;term), "
            f"{_ALSO_IN_FILES}",
            "intermediaries_text": f"Its intermediaries' codes, {_ALSO_IN_FILES}",
            "sources_text": f"Its sources' keys, {_ALSO_IN_FILES}"}, label="key"),
    "transfer_intermediary": Table("Intermediaries of transfers", "The parties that carried or mediated a transfer "
                                   "(a mediator state, the ICRC).", {"party_id": "The intermediary (party.id)."}),
    "allocation": Table(
        "Explicit allocations", "The terms a transfer was entered as counting towards (its terms), with or "
        "without a count; the rest of the allocation is automatic, derived with these in allocation_share.", {
            "count": "How many of the transfer count towards the term; empty: what is left, in the list's order."}),
    "round_source": _sources_of("round", "round_id"),
    "term_source": _sources_of("term", "term_id"),
    "transfer_source": _sources_of("transfer", "transfer_id"),
    "claim": Table(
        "Claims", "Values as one source or speaker stated them, kept beside the recorded ones where sources "
        "disagree.", {
            "id": "The claim's number, which commands name it by.",
            "subject_type": f"What the claim is about: a {_one_of(domain.SUBJECT_TYPES)}, whose id is set.",
            "round_id": "The round it is about (round.id), if its subject is one.",
            "term_id": "The term it is about (term.id), if its subject is one.",
            "transfer_id": "The transfer it is about (transfer.id), if its subject is one.",
            "field": "The subject's field it is about (count, date, quantity, terms…).",
            "value": "The value as stated (of a field such as heads: people's names).",
            "source_id": "Where it was stated (source.id).",
            "claimant": "Who stated it (empty: the source itself).", "stated_on": "When it was stated.",
            "stated_on_precision": _PRECISION, "quote": "A short quotation."}),
    "assertion": Table(
        "Assertions", "Running totals someone published, which `ledger check` compares with the ledger: the "
        "transfers of a direction and category to a date, within a term, a round, a process or everything.", {
            "key": "Its key.", "as_of": "The date the total runs to.",
            "scope_type": f"What the total covers: a {_one_of(domain.SCOPE_TYPES)} (whose id is set), or empty for "
            "everything.",
            "term_id": "The term in scope (term.id).", "round_id": "The round in scope (round.id).",
            "process_id": "The process in scope (process.id).", "expected": "The published total.",
            "source_id": "Where it was published (source.id)."}, label="key"),
    # The ledger's own workings: derived, or read through its commands.
    "allocation_share": Table(
        "Allocation shares", "Derived, never entered: how much of each transfer counts towards which obligation, "
        "recomputed with every write (fulfilment_v sums them).", {
            "obligation_id": "The obligation (obligation.id); empty: unallocated.",
            "amount": "How many; empty for a transfer whose count is undisclosed.",
            "explicit": "True (1 in SQLite) if an explicit allocation gave it, false if allocated automatically.",
            "date": "The transfer's date.", "category": "The transfer's category (category.code)."}, hidden=True),
    "journal": Table(
        "Journal", "Every change to the ledger (add, amend, void, load), appended and never changed, each chained "
        "to the one before by its hash; `ledger log`, `ledger ENTITY history` and `ledger verify` read it.", {
            "seq": "Its number, from 1.", "at": "When, in UTC.",
            "actor": "Who made the change (a login name or the --actor given): personal data.",
            "action": "add, amend, void or load.", "entity": "The kind of record changed.",
            "key": "The record's key (empty for a load).",
            "state": "The record's new state, as canonical JSON (empty for a load).",
            "reason": "Why (a load: the package it read).", "prev_hash": "The hash of the entry before.",
            "hash": "Its hash, over its fields and the entry before's.",
            "before": "An amend's or a void's state before, as canonical JSON.",
            "replaces": "The leaf index of the version it replaces.", "first_leaf": "Its first leaf in the tree.",
            "leaf_count": "How many leaves it adds.", "root": "The Merkle root of its own leaves.",
            "leaves": "A load's leaf hashes, 32 bytes each."}, hidden=True),
    "ledger_origin": Table("Origin", "The ledger's name in its checkpoints: one row.", {
        "origin": "humanitarian-ledger/ and a random hex number."}, hidden=True),
    "write_lock": Table("Write lock", "No rows: writers lock this table to take turns.", {
        "id": "Never set."}, hidden=True),
    "alembic_version": Table("Schema revision", "The revision of the ledger's schema, which `ledger init` "
                             "upgrades.", {"version_num": "The revision."}, hidden=True),
    # The analysts' views (migration 0012).
    "transfers_v": Table(
        "Transfers (view)", "One row per live transfer: its parties by code and name, its category's kind, and "
        "a real undisclosed flag.", {
            "key": "The transfer's key.", "date": "When it was handed over (date_precision: to the day or the "
            "month).", "deliverer_name": "The party handing over: its name.",
            "receiver_name": "The party receiving: its name.", "count": "How many; empty when undisclosed.",
            "undisclosed": "True (1 in SQLite) when the count was not made public, which is not zero.",
            "exchange": "The swap that paired it with the opposite direction.",
            "terms": f"{LIST_DESCRIPTION} The terms it was entered as counting towards, each optionally with a "
            "count (term:count).", "intermediaries": f"{LIST_DESCRIPTION} Its intermediaries' codes.",
            "location": "Where the handover took place.", "sources": f"{LIST_DESCRIPTION} Its sources' keys."}),
    "obligations_v": Table(
        "Obligations (view)", "One row per obligation of a live term, with its round, process, status and "
        "deadline.", {
            "round_number": "The round's number within its process.", "round_start": "The round's first day.",
            "status": f"The term's status: {_one_of(domain.TERM_STATUSES)}.", "per": f"{PER_DESCRIPTION} Its key.",
            "deadline": DEADLINE_DESCRIPTION, "description": "The term's commitment in words."}),
    "fulfilment_v": Table(
        "Fulfilment (view)", "One row per obligation of a live agreed term: committed and delivered as `ledger "
        "report fulfilment` computes them, over every transfer, without its due and overdue (which depend on the "
        "day they are read).", {
            "committed": "The quantity, or for a ratio the quantity times what the base term delivered the other "
            "way; empty for basis all.",
            "delivered": "What the transfers allocated to it handed over (an undisclosed count adds nothing).",
            "undisclosed": "How many of the transfers allocated to it had an undisclosed count.",
            "outstanding": "Committed less delivered, at least 0; empty for basis all.",
            "excess": "Delivered beyond committed; empty for basis all.",
            "fulfilled_pct": "Delivered as a percentage of committed, to one decimal (a tie to even); empty where "
            "nothing is measured (basis all, or a ratio with nothing committed yet).",
            "score": "0 nothing delivered, 1 under half, 2 half or more, 3 all or more; empty where nothing is "
            "measured.", "first_transfer": f"The first transfer's date. {DATE_DESCRIPTION}",
            "last_transfer": f"The last transfer's date. {DATE_DESCRIPTION}"}),
}  # fmt: skip


def described(table: str, column: str) -> str | None:
    """What a column of a table or view holds (None: nothing is said of it)."""
    own = TABLES[table].columns if table in TABLES else {}
    meaning = own.get(column) or COLUMNS.get(column)
    if meaning and column in PERSONAL:
        meaning += PERSONAL_NOTE
    return meaning


def check_licence(licence: Any, licence_url: Any) -> None:
    """The licence given, refused (`InvalidInput`, each problem named by its parameter) unless it
    is a licence's identifier (`CC-BY-4.0`), and its address an http:// or https:// one given with it."""
    problems = []
    for name, value in (("licence", licence), ("licence_url", licence_url)):
        if value is not None and not isinstance(value, str):
            problems.append(Problem(name, f"must be text, got {value!r}"))
        elif value is not None and not value.strip():
            problems.append(Problem(name, "is empty: give it, or leave it out"))
    if problems:
        raise InvalidInput(problems)
    if licence is not None and not re.fullmatch(r"[-a-zA-Z0-9._]+", licence.strip()):
        # A Data Package names a licence by its Open Definition (SPDX) identifier.
        problems.append(Problem("licence", f"must be a licence's identifier, such as CC-BY-4.0 or ODC-BY-1.0 "
                                           f"(letters, digits, - . _), got {licence!r}"))  # fmt: skip
    if licence_url is not None:
        try:
            parts = urlsplit(licence_url)
            host = parts.hostname
        except ValueError:  # a bracketed host that is no IPv6 address
            host = None
        if not host or parts.scheme not in ("http", "https") or any(c.isspace() for c in licence_url):
            problems.append(Problem("licence_url", f"must be an http:// or https:// address, got {licence_url!r}"))
        if licence is None:
            problems.append(Problem("licence_url", "is the address of a licence: name the licence too"))
    if problems:
        raise InvalidInput(problems)


def database_name(engine: Engine) -> str:
    """The database's name in Datasette: a SQLite file's stem; a PostgreSQL database's name."""
    name = engine.url.database or ""
    if engine.dialect.name == "sqlite":
        return Path(name).stem if name not in ("", ":memory:") else "_memory"
    return name


def _counted(counts: dict[str, int]) -> str:
    parts = [f"{n:,} {ENTITIES[e].stem if n != 1 else e}" for e, n in counts.items() if n]
    if not parts:
        return "no records yet"
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _title(keys: list[str]) -> str:
    if not keys:
        return TITLE
    shown = ", ".join(keys[:SHOWN_PROCESSES])
    more = len(keys) - SHOWN_PROCESSES
    return f"{TITLE}: {shown}" + (f" and {more} more" if more > 0 else "")


def _tables(connection: Any) -> dict[str, Any]:
    """Each table and view of the database, described."""
    found = inspect(connection)
    tables: dict[str, Any] = {}
    for name in sorted(found.get_table_names()) + sorted(found.get_view_names()):
        table = TABLES.get(name)
        entry: dict[str, Any] = {"title": table.title, "description": table.description} if table else {}
        columns = {column["name"]: described(name, column["name"]) for column in found.get_columns(name)}
        entry["columns"] = {column: meaning for column, meaning in columns.items() if meaning}
        if table and table.hidden:
            entry["hidden"] = True
        if table and table.label:
            entry["label_column"] = table.label
        tables[name] = entry
    return tables


def metadata(engine: Engine, *, licence: str | None = None, licence_url: str | None = None) -> dict[str, Any]:
    """The Datasette metadata of the ledger's database (see the module's docstring), with the
    licence given, if any: one snapshot of the ledger, its counts and checkpoint alike."""
    check_licence(licence, licence_url)
    with db.reading(engine, snapshot=True) as session:
        counts = {}
        for name, entity in ENTITIES.items():
            model = entity.model
            recorded = [getattr(model, column) == value for column, value in entity.recorded.items()]
            live = select(func.count()).select_from(model).where(model.voided == false(), *recorded)
            counts[name] = session.scalar(live) or 0
        live_processes = select(m.Process.key, m.Process.name).where(m.Process.voided == false())
        processes = session.execute(live_processes.order_by(code_point_order(m.Process.key))).all()
        checkpoint = checkpoints.current(session)[0]
        tables = _tables(session.connection())
    found: dict[str, Any] = {
        "title": _title([key for key, _ in processes]),
        "description": (
            f"What negotiation rounds committed parties to, and what was handed over: {_counted(counts)}, voided "
            "records left out. The checkpoint when this was written, as `ledger checkpoint` prints it; saved as a "
            "file, `ledger verify --checkpoint FILE` proves the ledger has only grown since:\n" + checkpoint.text()
        ),
    }
    if licence is not None:
        found["license"] = licence.strip()
        if licence_url is not None:
            found["license_url"] = licence_url
    sources = counts["source"]
    if sources:
        found["source"] = (
            f"{sources:,} public source{'s' if sources != 1 else ''}, cited row by row in the source table"
        )
    database: dict[str, Any] = {}
    if processes:
        database["description"] = "Processes: " + "; ".join(f"{key} ({name})" for key, name in processes) + "."
    database["tables"] = tables
    found["databases"] = {database_name(engine): database}
    return found
