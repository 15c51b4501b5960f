"""Each allocation share with its transfer's direction, category and date.

The fulfilment report sums shares per obligation, and the unallocated ones per direction and
category, each with its first and last date: it read the transfer of every share for these (a
million lookups at a million transfers, most of the report's time). The shares are derived
data, rewritten with every write that can change them, so the transfer's values are copied into
them as they are written; one index in the report's order (`models.SHARE_TOTALS`) then answers
both sums without reading a table row. It replaces the index of 0005, whose sums it also serves.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25 22:05:00+00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

COPIED = {
    "deliverer_id": sa.Integer(),
    "receiver_id": sa.Integer(),
    "category": sa.String(length=16),
    "date": sa.Date(),
    "date_precision": sa.String(length=5),
}
TOTALS = ["obligation_id", "deliverer_id", "receiver_id", "category", "date", "date_precision", "amount"]


def upgrade() -> None:
    for name, type_ in COPIED.items():
        op.add_column("allocation_share", sa.Column(name, type_, nullable=True))
    copied = ", ".join(
        f"{name} = (SELECT t.{name} FROM transfer t WHERE t.id = allocation_share.transfer_id)" for name in COPIED
    )
    op.execute(f"UPDATE allocation_share SET {copied}")
    with op.batch_alter_table("allocation_share", schema=None) as batch_op:
        for name, type_ in COPIED.items():
            batch_op.alter_column(name, existing_type=type_, nullable=False)
        batch_op.drop_index("ix_allocation_share_obligation_amount")
        batch_op.create_index("ix_allocation_share_totals", TOTALS, unique=False)


def downgrade() -> None:
    with op.batch_alter_table("allocation_share", schema=None) as batch_op:
        batch_op.drop_index("ix_allocation_share_totals")
        batch_op.create_index("ix_allocation_share_obligation_amount", ["obligation_id", "transfer_id", "amount"])
        for name in reversed(COPIED):
            batch_op.drop_column(name)
