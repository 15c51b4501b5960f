"""The journal takes entries for the categories a ledger adds.

The journal's trigger (`journal_extends_chain`, 0009) lists the entities an entry may be of, and
on PostgreSQL reads a record's key from its state, as `code` for a party and `key` for the rest.
0010 made categories records that `ledger category add` and a package's categories.csv add, and
are journaled like every other, with their key as `code`: this migration rewrites the trigger (on
PostgreSQL its function) as it stands, with `category` among its entities and its key read from
`code`. Going down puts the trigger back as 0009 made it; the entries already written stay.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 14:00:00+00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

# What the journal's trigger (0009's) says of the entities it takes, and how it reads this one's.
TRIGGER_0009 = {
    "'claim', 'assertion')": "'claim', 'assertion', 'category')",
    "CASE e.entity WHEN 'party' THEN 'code' ELSE 'key' END": (
        "CASE e.entity WHEN 'party' THEN 'code' WHEN 'category' THEN 'code' ELSE 'key' END"
    ),
}


def _journal_trigger(changes: dict[str, str]) -> None:
    """Rewrite the journal's trigger (on PostgreSQL its function) as it stands, with `changes`:
    each text it holds replaced (its entities, and the field naming a category's key)."""
    connection = op.get_bind()
    postgresql = connection.dialect.name == "postgresql"
    if postgresql:
        found = "SELECT pg_get_functiondef('journal_extends_chain'::regproc)"
    else:
        found = "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'journal_extends_chain'"
    definition = connection.execute(sa.text(found)).scalar_one()
    for old, new in changes.items():
        if old not in definition and (postgresql or "CASE" not in old):  # SQLite's trigger reads no key
            raise RuntimeError(f"the journal's trigger is not the one expected: it does not hold {old!r}")
        definition = definition.replace(old, new)
    if not postgresql:
        op.execute("DROP TRIGGER journal_extends_chain")
    op.execute(definition)


def upgrade() -> None:
    _journal_trigger(TRIGGER_0009)


def downgrade() -> None:
    _journal_trigger({new: old for old, new in TRIGGER_0009.items()})
