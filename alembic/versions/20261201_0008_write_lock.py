"""The write lock: an empty table that every writer locks to append to the journal one at a time.

On PostgreSQL writers take it with `LOCK TABLE write_lock IN EXCLUSIVE MODE`
(`ledger.journal.take_write_lock`). It replaces a transaction advisory lock, which any role that
may connect can take: a reader's `SELECT pg_advisory_lock(...)` stalled every writer. Locking a
table in that mode needs the right to update it, which `ledger db roles` gives the editor and not
the reader; the reader's own reads take no lock that conflicts with it. SQLite has the table too
(its writers take turns by `BEGIN IMMEDIATE`), so that both engines have one schema.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 21:30:00+00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("write_lock", sa.Column("id", sa.Integer(), nullable=False),
                    sa.PrimaryKeyConstraint("id", name=op.f("pk_write_lock")))  # fmt: skip


def downgrade() -> None:
    op.drop_table("write_lock")
