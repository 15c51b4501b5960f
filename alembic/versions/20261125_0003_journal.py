"""The journal: an append-only, hash-chained log of every change, and the `voided` flag that
replaces deletion.

A ledger created before the journal gets one `add` entry for each record it holds, written by
`ledger init` right after this migration (ledger.migrate), so that `ledger verify` can vouch for it
from then on.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 17:20:00+00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

VOIDABLE = ("party", "source", "process", "round", "term", "transfer", "claim", "assertion")


def upgrade() -> None:
    # A plain ADD COLUMN on every engine: SQLite need not rebuild the tables.
    for table in VOIDABLE:
        op.add_column(table, sa.Column("voided", sa.Boolean(), server_default=sa.false(), nullable=False))
    op.create_table(
        "journal",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("action", sa.String(length=8), nullable=False),
        sa.Column("entity", sa.String(length=16), nullable=False),
        sa.Column("key", sa.String(length=400), nullable=False),
        sa.Column("state", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.CheckConstraint("action IN ('add', 'amend', 'void')", name=op.f("ck_journal_action_known")),
        sa.CheckConstraint("seq >= 1", name=op.f("ck_journal_seq_positive")),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_journal")),
        sa.UniqueConstraint("hash", name=op.f("uq_journal_hash")),
    )
    op.create_index("ix_journal_record", "journal", ["entity", "key", "seq"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_journal_record", table_name="journal")
    op.drop_table("journal")
    for table in VOIDABLE:
        # Not a batch rebuild on SQLite: rebuilding a table that others refer to would cascade
        # through their foreign keys and lose the claims' expression index. SQLite 3.35 and later
        # drop a plain column in place.
        if op.get_bind().dialect.name == "sqlite":
            op.execute(f'ALTER TABLE "{table}" DROP COLUMN voided')
        else:
            op.drop_column(table, "voided")
