"""The write lock, and the database's own check that each journal entry extends the chain.

`write_lock` is an empty table that every writer locks to append to the journal one at a time: on
PostgreSQL with `LOCK TABLE write_lock IN EXCLUSIVE MODE` (`ledger.journal.take_write_lock`). It
replaces a transaction advisory lock, which any role that may connect can take: a reader's
`SELECT pg_advisory_lock(...)` stalled every writer. Locking a table in that mode needs the right
to update it, which `ledger db roles` gives the editor and not the reader; the reader's own reads
take no lock that conflicts with it. SQLite has the table too (its writers take turns by `BEGIN
IMMEDIATE`), so that both engines have one schema.

The trigger `journal_extends_chain` refuses a journal entry that does not extend the chain: its
sequence number follows the last entry's (the first is 1), its `prev_hash` is that entry's hash
and its entity is one the ledger records. On PostgreSQL, where roles may append and never delete,
its state must also be a JSON object and its hash the SHA-256 of its contents
(`ledger.journal.entry_hash`), so that no role can add an entry that `ledger verify` would report
for ever; it checks the rows of each statement at once (a load copies thousands of entries in
one). SQLite checks each row's place in the chain only: it has no SHA-256, a JSON parse of every
state would slow a load by a third, and whoever can write the file can drop the trigger or delete
a row anyway; there `verify` reports such an entry.

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

GENESIS = "0" * 64
ENTITIES = "('party', 'source', 'process', 'round', 'term', 'transfer', 'claim', 'assertion')"

# An entry's hashed text, as `ledger.journal` builds it: PostgreSQL's to_json escapes a string as
# Python's json module does with ensure_ascii=False.
_CONTENT = (
    "'[' || e.seq || ',' || to_json(e.at)::text || ',' || to_json(e.actor)::text || ','"
    " || to_json(e.action)::text || ',' || to_json(e.entity)::text || ',' || to_json(e.key)::text || ','"
    " || e.state || ',' || coalesce(to_json(e.reason)::text, 'null') || ',' || to_json(e.prev_hash)::text || ']'"
)
# The journal is named with its schema: a temporary table of that name, which any role may make,
# would come first in the search path of the role inserting.
POSTGRESQL_FUNCTION = """
CREATE FUNCTION journal_extends_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    wrong integer;
BEGIN
    BEGIN
        SELECT e.seq INTO wrong FROM added e
        WHERE e.prev_hash IS DISTINCT FROM CASE WHEN e.seq = 1 THEN '{genesis}'
                ELSE (SELECT before.hash FROM {journal} before WHERE before.seq = e.seq - 1) END
            OR e.entity NOT IN {entities}
            OR json_typeof(e.state::json) IS DISTINCT FROM 'object'
            OR e.hash IS DISTINCT FROM encode(sha256(convert_to({content}, 'UTF8')), 'hex')
        ORDER BY e.seq LIMIT 1;
    EXCEPTION WHEN invalid_text_representation THEN
        RAISE EXCEPTION 'journal entry refused: its state is not JSON' USING ERRCODE = 'check_violation';
    END;
    IF wrong IS NOT NULL THEN
        RAISE EXCEPTION 'journal entry % refused: it does not extend the journal''s chain', wrong
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$
"""
POSTGRESQL_TRIGGER = (
    "CREATE TRIGGER journal_extends_chain AFTER INSERT ON journal REFERENCING NEW TABLE AS added"
    " FOR EACH STATEMENT EXECUTE FUNCTION journal_extends_chain()"
)
SQLITE_TRIGGER = f"""
CREATE TRIGGER journal_extends_chain BEFORE INSERT ON journal
WHEN NEW.prev_hash IS NOT coalesce((SELECT hash FROM journal WHERE seq = NEW.seq - 1),
                                   CASE WHEN NEW.seq = 1 THEN '{GENESIS}' END)
    OR NEW.entity NOT IN {ENTITIES}
BEGIN
    SELECT RAISE(ABORT, 'journal entry refused: it does not extend the journal''s chain');
END
"""


def upgrade() -> None:
    op.create_table("write_lock", sa.Column("id", sa.Integer(), nullable=False),
                    sa.PrimaryKeyConstraint("id", name=op.f("pk_write_lock")))  # fmt: skip
    if op.get_bind().dialect.name == "postgresql":
        schema = op.get_bind().execute(sa.text("SELECT quote_ident(current_schema())")).scalar_one()
        op.execute(POSTGRESQL_FUNCTION.format(genesis=GENESIS, journal=f"{schema}.journal", entities=ENTITIES,
                                              content=_CONTENT))  # fmt: skip
        op.execute(POSTGRESQL_TRIGGER)
    else:
        op.execute(SQLITE_TRIGGER)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER journal_extends_chain ON journal")
        op.execute("DROP FUNCTION journal_extends_chain()")
    else:
        op.execute("DROP TRIGGER journal_extends_chain")
    op.drop_table("write_lock")
