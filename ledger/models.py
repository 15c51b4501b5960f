"""The relational schema: SQLAlchemy 2 typed models, one table per entity of DESIGN.md.

Natural keys (`code`, `key`) are unique and are what users and files see; integer surrogate ids
join the tables. Every rule the database can hold is held here too, as a named constraint, so a
write that skips the rules module (a script, a bug) still cannot store an impossible ledger.
There are no ORM relationships: a hidden query per row is a bug in a report over a million
transfers, so every query says what it joins and loads (see `ledger.queries`).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from ledger import domain
from ledger.constraints import NAMING_CONVENTION
from ledger.constraints import exactly_one as _exactly_one
from ledger.constraints import one_of as _one_of
from ledger.constraints import precision_pair as _precision_pair


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Voidable:
    """A record that can be voided: it stops counting anywhere, and is never deleted.

    `leaf` is the hex leaf hash of its current state in the journal's Merkle tree and `leaf_index`
    where that leaf is (`ledger.journal`); both NULL for a record of an upgraded ledger whose last
    version is an entry written before the tree (migration 0009). Neither is part of its state."""

    voided: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    leaf: Mapped[str | None] = mapped_column(String(64))
    leaf_index: Mapped[int | None] = mapped_column(Integer)


class Party(Voidable, Base):
    __tablename__ = "party"
    __table_args__ = (
        CheckConstraint(_one_of("kind", domain.PARTY_KINDS), name="kind_known"),
        CheckConstraint("code <> ''", name="code_not_empty"),
        CheckConstraint("name <> ''", name="name_not_empty"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16), default="state")


class PartyAlias(Base):
    """Another name of a party, in any script (`Україна`, `Россия`); unique across parties."""

    __tablename__ = "party_alias"
    __table_args__ = (CheckConstraint("alias <> ''", name="alias_not_empty"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("party.id"), index=True)
    alias: Mapped[str] = mapped_column(Text, unique=True)
    position: Mapped[int] = mapped_column(Integer)


class Source(Voidable, Base):
    __tablename__ = "source"
    __table_args__ = (
        CheckConstraint(_one_of("kind", domain.SOURCE_KINDS), name="kind_known"),
        CheckConstraint(_precision_pair("published"), name="published_precision"),
        CheckConstraint("key <> ''", name="key_not_empty"),
        CheckConstraint("publisher <> ''", name="publisher_not_empty"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(120), unique=True)
    publisher: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    published: Mapped[dt.date | None] = mapped_column(Date)
    published_precision: Mapped[str | None] = mapped_column(String(5))
    language: Mapped[str | None] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(20), default="media")


class Process(Voidable, Base):
    """A series of talks (`istanbul-2025`)."""

    __tablename__ = "process"
    __table_args__ = (
        CheckConstraint("key <> ''", name="key_not_empty"),
        CheckConstraint("name <> ''", name="name_not_empty"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(120), unique=True)
    name: Mapped[str] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)


class Round(Voidable, Base):
    """One meeting of a process."""

    __tablename__ = "round"
    __table_args__ = (
        UniqueConstraint("process_id", "number"),
        CheckConstraint("number >= 1", name="number_positive"),
        CheckConstraint(_one_of("status", domain.ROUND_STATUSES), name="status_known"),
        CheckConstraint(
            "end_date IS NULL OR start_date IS NULL OR end_date >= start_date",
            name="end_not_before_start",
        ),
        CheckConstraint("key <> ''", name="key_not_empty"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(120), unique=True)
    process_id: Mapped[int] = mapped_column(ForeignKey("process.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="held")
    venue: Mapped[str | None] = mapped_column(Text)
    city: Mapped[str | None] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)


class RoundParticipant(Base):
    """A party's part in a round: negotiating party, mediator, host or observer."""

    __tablename__ = "round_participant"
    __table_args__ = (CheckConstraint(_one_of("role", domain.ROLES), name="role_known"),)

    round_id: Mapped[int] = mapped_column(ForeignKey("round.id"), primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("party.id"), primary_key=True, index=True)
    role: Mapped[str] = mapped_column(String(16), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)


class DelegationHead(Base):
    """Who led a participant's delegation at a round."""

    __tablename__ = "delegation_head"
    __table_args__ = (CheckConstraint("name <> ''", name="name_not_empty"),)

    round_id: Mapped[int] = mapped_column(ForeignKey("round.id"), primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("party.id"), primary_key=True, index=True)
    name: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer)


class Category(Voidable, Base):
    """A category and its kind (what it counts); `builtin` ones (made by 0010) are not journaled."""

    __tablename__ = "category"
    __table_args__ = (
        CheckConstraint(_one_of("kind", domain.KINDS), name="kind_known"),
        CheckConstraint("code <> ''", name="code_not_empty"),
        CheckConstraint("name <> ''", name="name_not_empty"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(8))
    position: Mapped[int] = mapped_column(Integer)
    builtin: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class Term(Voidable, Base):
    """One commitment agreed, proposed, rejected or withdrawn in a round."""

    __tablename__ = "term"
    __table_args__ = (
        CheckConstraint(_one_of("status", domain.TERM_STATUSES), name="status_known"),
        CheckConstraint("min_age IS NULL OR min_age >= 0", name="min_age_non_negative"),
        CheckConstraint("max_age IS NULL OR max_age >= 0", name="max_age_non_negative"),
        CheckConstraint("min_age IS NULL OR max_age IS NULL OR min_age <= max_age", name="age_range_ordered"),
        CheckConstraint("supersedes_id IS NULL OR supersedes_id <> id", name="not_self_superseding"),
        CheckConstraint(_precision_pair("deadline"), name="deadline_precision"),
        CheckConstraint("deadline IS NULL OR deadline_duration IS NULL", name="one_deadline"),
        CheckConstraint("key <> ''", name="key_not_empty"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(120), unique=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id"), index=True)
    category: Mapped[str] = mapped_column(ForeignKey("category.code"))
    min_age: Mapped[int | None] = mapped_column(Integer)
    max_age: Mapped[int | None] = mapped_column(Integer)
    condition: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="agreed")
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("term.id"), index=True)
    deadline: Mapped[dt.date | None] = mapped_column(Date)
    deadline_precision: Mapped[str | None] = mapped_column(String(5))
    deadline_duration: Mapped[str | None] = mapped_column(String(32))
    description: Mapped[str | None] = mapped_column(Text)


class Obligation(Base):
    """What a term commits one side to hand the other: a quantity with its basis (a `ratio`: so
    many per unit the base term `per_id` delivered the other way)."""

    __tablename__ = "obligation"
    __table_args__ = (
        UniqueConstraint("term_id", "deliverer_id", "receiver_id"),
        CheckConstraint("deliverer_id <> receiver_id", name="deliverer_not_receiver"),
        CheckConstraint("quantity IS NULL OR quantity >= 0", name="quantity_non_negative"),
        CheckConstraint(_one_of("basis", domain.BASES), name="basis_known"),
        CheckConstraint(
            "(basis = 'all' AND quantity IS NULL) OR (basis <> 'all' AND quantity IS NOT NULL)",
            name="quantity_matches_basis",
        ),
        CheckConstraint(
            "(basis = 'ratio' AND per_id IS NOT NULL) OR (basis <> 'ratio' AND per_id IS NULL)",
            name="per_only_for_ratio",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    term_id: Mapped[int] = mapped_column(ForeignKey("term.id"))
    deliverer_id: Mapped[int] = mapped_column(ForeignKey("party.id"), index=True)
    receiver_id: Mapped[int] = mapped_column(ForeignKey("party.id"), index=True)
    quantity: Mapped[int | None] = mapped_column(Integer)
    basis: Mapped[str] = mapped_column(String(10), default="exact")
    per_id: Mapped[int | None] = mapped_column(ForeignKey("term.id"), index=True)


class Transfer(Voidable, Base):
    """One handover in one direction. `count` is NULL when undisclosed, which is not zero."""

    __tablename__ = "transfer"
    __table_args__ = (
        CheckConstraint("deliverer_id <> receiver_id", name="deliverer_not_receiver"),
        CheckConstraint("count IS NULL OR count >= 0", name="count_non_negative"),
        CheckConstraint(_one_of("date_precision", domain.PRECISIONS), name="date_precision_known"),
        CheckConstraint("key <> ''", name="key_not_empty"),
        Index("ix_transfer_flow", "deliverer_id", "receiver_id", "category", "date"),
        Index("ix_transfer_date_key", "date", "key"),  # the order reports, dumps and allocation read
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(120), unique=True)
    date: Mapped[dt.date] = mapped_column(Date)
    date_precision: Mapped[str] = mapped_column(String(5), default="day")
    deliverer_id: Mapped[int] = mapped_column(ForeignKey("party.id"))
    receiver_id: Mapped[int] = mapped_column(ForeignKey("party.id"), index=True)
    category: Mapped[str] = mapped_column(ForeignKey("category.code"))
    count: Mapped[int | None] = mapped_column(Integer)
    exchange: Mapped[str | None] = mapped_column(String(120), index=True)
    location: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    # Its links below as the text of their package cells (`term:count;term`, `ICRC`, `a;b`), kept
    # with every write of them, for reports and dumps to read with the transfer.
    terms_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    intermediaries_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    sources_text: Mapped[str] = mapped_column(Text, default="", server_default="")


class TransferIntermediary(Base):
    """A party that carried or mediated a transfer (a mediator state, the ICRC)."""

    __tablename__ = "transfer_intermediary"

    transfer_id: Mapped[int] = mapped_column(ForeignKey("transfer.id"), primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("party.id"), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer)


class Allocation(Base):
    """An explicit statement that a transfer counts towards a term, with or without a count.

    Automatic allocation (DESIGN.md, "Allocation") is derived from these and is not stored here.
    """

    __tablename__ = "allocation"
    __table_args__ = (
        UniqueConstraint("transfer_id", "term_id"),
        CheckConstraint("count IS NULL OR count >= 1", name="count_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    transfer_id: Mapped[int] = mapped_column(ForeignKey("transfer.id"))
    term_id: Mapped[int] = mapped_column(ForeignKey("term.id"), index=True)
    count: Mapped[int | None] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer)


class RoundSource(Base):
    __tablename__ = "round_source"

    round_id: Mapped[int] = mapped_column(ForeignKey("round.id"), primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer)


class TermSource(Base):
    __tablename__ = "term_source"

    term_id: Mapped[int] = mapped_column(ForeignKey("term.id"), primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer)


class TransferSource(Base):
    __tablename__ = "transfer_source"

    transfer_id: Mapped[int] = mapped_column(ForeignKey("transfer.id"), primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer)


class Claim(Voidable, Base):
    """A value as one source or speaker stated it, kept beside the recorded one.

    The subject is a round, a term or a transfer; exactly the matching reference is set, so the
    database keeps the link honest (a claim cannot point at a record that does not exist).
    """

    __tablename__ = "claim"
    __table_args__ = (
        CheckConstraint(_one_of("subject_type", domain.SUBJECT_TYPES), name="subject_type_known"),
        CheckConstraint(
            _exactly_one(
                "subject_type",
                {"round": "round_id", "term": "term_id", "transfer": "transfer_id"},
            ),
            name="one_subject",
        ),
        CheckConstraint(_precision_pair("stated_on"), name="stated_on_precision"),
        CheckConstraint("field <> ''", name="field_not_empty"),
        CheckConstraint("value <> ''", name="value_not_empty"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_type: Mapped[str] = mapped_column(String(16))
    round_id: Mapped[int | None] = mapped_column(ForeignKey("round.id"), index=True)
    term_id: Mapped[int | None] = mapped_column(ForeignKey("term.id"), index=True)
    transfer_id: Mapped[int | None] = mapped_column(ForeignKey("transfer.id"), index=True)
    field: Mapped[str] = mapped_column(String(40))
    value: Mapped[str] = mapped_column(Text)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"), index=True)
    claimant: Mapped[str] = mapped_column(Text, default="")
    stated_on: Mapped[dt.date | None] = mapped_column(Date)
    stated_on_precision: Mapped[str | None] = mapped_column(String(5))
    quote: Mapped[str | None] = mapped_column(Text)


class Assertion(Voidable, Base):
    """A published running total that `ledger check` compares with the ledger."""

    __tablename__ = "assertion"
    __table_args__ = (
        CheckConstraint("deliverer_id <> receiver_id", name="deliverer_not_receiver"),
        CheckConstraint("expected >= 0", name="expected_non_negative"),
        CheckConstraint(
            "(scope_type IS NULL AND term_id IS NULL AND round_id IS NULL AND process_id IS NULL)"
            " OR "
            + _exactly_one(
                "scope_type",
                {"term": "term_id", "round": "round_id", "process": "process_id"},
            ),
            name="one_scope",
        ),
        CheckConstraint("key <> ''", name="key_not_empty"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(120), unique=True)
    as_of: Mapped[dt.date] = mapped_column(Date)
    deliverer_id: Mapped[int] = mapped_column(ForeignKey("party.id"), index=True)
    receiver_id: Mapped[int] = mapped_column(ForeignKey("party.id"), index=True)
    category: Mapped[str] = mapped_column(ForeignKey("category.code"))
    scope_type: Mapped[str | None] = mapped_column(String(16))
    term_id: Mapped[int | None] = mapped_column(ForeignKey("term.id"), index=True)
    round_id: Mapped[int | None] = mapped_column(ForeignKey("round.id"), index=True)
    process_id: Mapped[int | None] = mapped_column(ForeignKey("process.id"), index=True)
    expected: Mapped[int] = mapped_column(Integer)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("source.id"), index=True)


# One statement per subject, field, source and claimant (an empty claimant is the source
# speaking for itself). An expression index, because the subject is one of three columns.
Index(
    "uq_claim_statement",
    Claim.subject_type,
    func.coalesce(Claim.round_id, Claim.term_id, Claim.transfer_id),
    Claim.field,
    Claim.source_id,
    Claim.claimant,
    unique=True,
)


# The columns of the index that fulfilment sums shares from, in its order.
SHARE_TOTALS = ("obligation_id", "deliverer_id", "receiver_id", "category", "date", "date_precision", "amount")


class AllocationShare(Base):
    """Derived, never entered: how much of each transfer counts towards which obligation.

    The result of `ledger.allocation.allocate` over the whole ledger, rewritten in the same
    transaction as every write that can change it, so that reports sum it in SQL. A share with
    no obligation is unallocated; a share with no amount is an undisclosed transfer. Dumps and
    the journal leave it out: it is always derived again.
    """

    __tablename__ = "allocation_share"
    __table_args__ = (
        CheckConstraint("amount IS NULL OR amount >= 0", name="amount_non_negative"),
        # What each obligation received and what is unallocated, with dates, from this index alone.
        Index("ix_allocation_share_totals", *SHARE_TOTALS),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    transfer_id: Mapped[int] = mapped_column(ForeignKey("transfer.id", ondelete="CASCADE"), index=True)
    obligation_id: Mapped[int | None] = mapped_column(ForeignKey("obligation.id", ondelete="CASCADE"))
    amount: Mapped[int | None] = mapped_column(Integer)
    explicit: Mapped[bool] = mapped_column(Boolean)
    # The transfer's direction, category and date, copied with the share (derived like it), so
    # that reports sum shares without reading each one's transfer.
    deliverer_id: Mapped[int] = mapped_column(Integer)
    receiver_id: Mapped[int] = mapped_column(Integer)
    category: Mapped[str] = mapped_column(String(16))
    date: Mapped[dt.date] = mapped_column(Date)
    date_precision: Mapped[str] = mapped_column(String(5))


class JournalEntry(Base):
    """One change to the ledger, chained to the one before by its hash (see `ledger.journal`).

    An entry covers the leaves `first_leaf` to `first_leaf + leaf_count - 1` of the journal's
    Merkle tree: a single entry (add, amend, void) one leaf, its `state`; a batch entry (load) the
    leaves of the records it added, stored as their concatenated 32-byte hashes in `leaves`, with
    no key and no state. `root` is the Merkle root of its own leaves; NULL for an entry written
    before the tree (migration 0009), which keeps its old hash. Appended in the same transaction
    as the change; never updated, never deleted.
    """

    __tablename__ = "journal"
    __table_args__ = (
        CheckConstraint("seq >= 1", name="seq_positive"),
        CheckConstraint("action IN ('add', 'amend', 'void', 'load')", name="action_known"),
        Index("ix_journal_record", "entity", "key", "seq"),
        Index("ix_journal_first_leaf", "first_leaf", unique=True),  # the entry that holds a leaf
    )

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String(32))  # UTC, ISO 8601 with microseconds and Z
    actor: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(String(8))
    entity: Mapped[str] = mapped_column(String(16))
    key: Mapped[str | None] = mapped_column(String(400))
    state: Mapped[str | None] = mapped_column(Text)  # the record's full new state, canonical JSON
    reason: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)
    before: Mapped[str | None] = mapped_column(Text)  # an amend's or a void's state before, canonical JSON
    replaces: Mapped[int | None] = mapped_column(Integer)  # the leaf index of the version it replaces
    first_leaf: Mapped[int] = mapped_column(Integer)
    leaf_count: Mapped[int] = mapped_column(Integer)
    root: Mapped[str | None] = mapped_column(String(64))
    leaves: Mapped[bytes | None] = mapped_column(LargeBinary)


class Origin(Base):
    """The ledger's identity in its checkpoints (`humanitarian-ledger/<uuid4 hex>`): one row."""

    __tablename__ = "ledger_origin"

    origin: Mapped[str] = mapped_column(Text, primary_key=True)


class WriteLock(Base):
    """An empty table that writers lock to take turns (see `ledger.journal.take_write_lock`)."""

    __tablename__ = "write_lock"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
