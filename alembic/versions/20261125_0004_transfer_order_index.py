"""Transfers indexed in the order every report, dump and allocation reads them: date, then key.

The index on date alone left the key to a sort of its own (SQLite: "USE TEMP B-TREE FOR RIGHT
PART OF ORDER BY"), over a million rows for a register, a dump or a reallocation. The new index
replaces it: it serves every query the old one did.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 19:20:00+00:00
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_transfer_date_key", "transfer", ["date", "key"], unique=False)
    op.drop_index("ix_transfer_date", table_name="transfer")


def downgrade() -> None:
    op.create_index("ix_transfer_date", "transfer", ["date"], unique=False)
    op.drop_index("ix_transfer_date_key", table_name="transfer")
