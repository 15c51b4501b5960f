"""The journal as a transparency log: each entry covers a range of leaves of one Merkle tree.

Every journal entry gets `first_leaf` and `leaf_count` (the range of the tree's leaves it
covers), `root` (the Merkle root of its own leaves), `before` and `replaces` (an amend's or a
void's state before and the leaf index of the version it replaces) and `leaves` (a load's batch:
the 32-byte hashes of the records it added). `key` and `state` may be empty (a batch has
neither) and `action` may be `load`. The entries written before stay as they are, with their old
hash: each is one leaf (`first_leaf = seq - 1`), so that an upgraded ledger's tree starts with
them and continues. Every record gets `leaf` and `leaf_index`, its current version's leaf hash
and place in the tree (NULL while its last version is an old entry). `ledger_origin` holds the
ledger's identity for its checkpoints, made here.

The trigger `journal_extends_chain` (0008) now also checks that an entry's range continues the
one before it and that it is of the new form (it has a root; `before` and `replaces` come
together). On PostgreSQL it checks the new-format hash, a single entry's root (its leaf hash),
its state (a JSON object between braces naming the entry's key), an amend's or a void's state
before (an object, whose leaf is the earlier leaf of the same record it replaces), and a batch's
size. A batch's root over its leaves is left to `ledger verify` (see the README's Roles).

The origin is made here: a downgrade drops it, and an upgrade after it makes a new one (the
checkpoints made before then name the old origin).

Going down (a developer's step, like 0003's, which drops the journal) drops what the older schema
cannot hold: the entries of the new form, so that the journal ends where 0009 began, and the older
version's `ledger verify` names each record written since.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 04:40:00+00:00
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

GENESIS = "0" * 64
ENTITIES = "('party', 'source', 'process', 'round', 'term', 'transfer', 'claim', 'assertion')"
RECORDS = ("party", "source", "process", "round", "term", "transfer", "claim", "assertion")
NEW_COLUMNS = ("before", "replaces", "first_leaf", "leaf_count", "root", "leaves")


def _text(column: str) -> str:
    return f"coalesce(to_json(e.{column})::text, 'null')"


# An entry's hashed text, as `ledger.journal` builds it (0008's, and the new form's).
_OLD = (
    "'[' || e.seq || ',' || to_json(e.at)::text || ',' || to_json(e.actor)::text || ','"
    " || to_json(e.action)::text || ',' || to_json(e.entity)::text || ',' || to_json(e.key)::text || ','"
    " || e.state || ',' || coalesce(to_json(e.reason)::text, 'null') || ',' || to_json(e.prev_hash)::text || ']'"
)
_NEW = (
    "'[' || e.seq || ',' || to_json(e.at)::text || ',' || to_json(e.actor)::text || ','"
    f" || to_json(e.action)::text || ',' || to_json(e.entity)::text || ',' || {_text('key')} || ','"
    f" || coalesce(e.state, 'null') || ',' || {_text('reason')} || ',' || to_json(e.prev_hash)::text || ','"
    f" || coalesce(e.before, 'null') || ',' || {_text('replaces')} || ',' || e.first_leaf || ',' || e.leaf_count"
    " || ',' || to_json(e.root)::text || ']'"
)
_SHA = "encode(sha256({}), 'hex')"
# The function and the trigger, around the conditions that refuse an entry (each engine's, this
# revision's and 0008's, put back going down). The function names the journal with its schema: a
# temporary table of that name, which any role may make, would come first in the search path.
POSTGRESQL_FUNCTION = """
CREATE OR REPLACE FUNCTION journal_extends_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    wrong integer;
BEGIN
    BEGIN
        SELECT e.seq INTO wrong FROM added e
        WHERE e.prev_hash IS DISTINCT FROM CASE WHEN e.seq = 1 THEN '{genesis}'
                ELSE (SELECT prior.hash FROM {journal} prior WHERE prior.seq = e.seq - 1) END
            OR e.entity NOT IN {entities}
            {refused}
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
POSTGRESQL_REFUSED = """OR e.first_leaf IS DISTINCT FROM CASE WHEN e.seq = 1 THEN 0
                ELSE (SELECT prior.first_leaf + prior.leaf_count FROM {journal} prior WHERE prior.seq = e.seq - 1) END
            OR e.root IS NULL
            OR CASE WHEN e.action = 'load'
                THEN e.key IS NOT NULL OR e.state IS NOT NULL OR e.leaves IS NULL OR e.before IS NOT NULL
                    OR e.replaces IS NOT NULL OR e.leaf_count < 1 OR length(e.leaves) IS DISTINCT FROM 32 * e.leaf_count
                ELSE e.key IS NULL OR e.state IS NULL OR left(e.state, 1) <> '{{' OR right(e.state, 1) <> '}}'
                    OR json_typeof(e.state::json) IS DISTINCT FROM 'object'
                    OR CASE e.entity WHEN 'claim' THEN e.key !~ '^[0-9]+$'
                        ELSE (e.state::json ->> CASE e.entity WHEN 'party' THEN 'code' ELSE 'key' END)
                            IS DISTINCT FROM e.key END
                    OR e.leaf_count IS DISTINCT FROM 1 OR e.leaves IS NOT NULL
                    OR e.root IS DISTINCT FROM {leaf}
                    OR CASE WHEN e.action = 'add' THEN e.before IS NOT NULL OR e.replaces IS NOT NULL
                        ELSE e.before IS NULL OR e.replaces IS NULL OR e.replaces < 0 OR e.replaces >= e.first_leaf
                            OR left(e.before, 1) <> '{{' OR right(e.before, 1) <> '}}'
                            OR json_typeof(e.before::json) IS DISTINCT FROM 'object'
                            OR (e.before::json ->> CASE e.entity WHEN 'party' THEN 'code' ELSE 'key' END)
                                IS DISTINCT FROM CASE WHEN e.entity = 'claim' THEN NULL ELSE e.key END
                            OR NOT EXISTS (
                                SELECT 1 FROM (SELECT * FROM {journal} r WHERE r.first_leaf <= e.replaces
                                               ORDER BY r.first_leaf DESC LIMIT 1) r
                                WHERE e.replaces < r.first_leaf + r.leaf_count AND r.entity = e.entity
                                    AND (r.key IS NULL OR r.key = e.key)
                                    AND {before} = CASE WHEN r.leaves IS NOT NULL
                                        THEN encode(substring(r.leaves FROM 32 * (e.replaces - r.first_leaf) + 1
                                                              FOR 32), 'hex')
                                        ELSE coalesce(r.root, {replaced}) END)
                        END
                END
            OR e.hash IS DISTINCT FROM {new}"""
OLD_POSTGRESQL_REFUSED = """OR json_typeof(e.state::json) IS DISTINCT FROM 'object'
            OR e.hash IS DISTINCT FROM {old}"""
SQLITE_TRIGGER = f"""
CREATE TRIGGER journal_extends_chain BEFORE INSERT ON journal
WHEN NEW.prev_hash IS NOT coalesce((SELECT hash FROM journal WHERE seq = NEW.seq - 1),
                                   CASE WHEN NEW.seq = 1 THEN '{GENESIS}' END)
    OR NEW.entity NOT IN {ENTITIES}
    {{refused}}
BEGIN
    SELECT RAISE(ABORT, 'journal entry refused: it does not extend the journal''s chain');
END
"""
SQLITE_REFUSED = """OR NEW.first_leaf IS NOT coalesce((SELECT first_leaf + leaf_count FROM journal WHERE seq = NEW.seq - 1),
                                      CASE WHEN NEW.seq = 1 THEN 0 END)
    OR NEW.root IS NULL OR (NEW.before IS NULL) <> (NEW.replaces IS NULL)"""


def _postgresql_function(refused: str) -> str:
    schema = op.get_bind().execute(sa.text("SELECT quote_ident(current_schema())")).scalar_one()
    journal = f"{schema}.journal"
    hashes = {"old": _SHA.format(f"convert_to({_OLD}, 'UTF8')"), "new": _SHA.format(f"convert_to({_NEW}, 'UTF8')"),
              "leaf": _SHA.format("'\\x00'::bytea || convert_to(e.state, 'UTF8')"),
              "before": _SHA.format("'\\x00'::bytea || convert_to(e.before, 'UTF8')"),
              "replaced": _SHA.format("'\\x00'::bytea || convert_to(r.state, 'UTF8')")}  # fmt: skip
    return POSTGRESQL_FUNCTION.format(genesis=GENESIS, journal=journal, entities=ENTITIES,
                                      refused=refused.format(journal=journal, **hashes))  # fmt: skip


def upgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    for table in RECORDS:  # a plain ADD COLUMN on every engine: SQLite need not rebuild the tables
        op.add_column(table, sa.Column("leaf", sa.String(length=64), nullable=True))
        op.add_column(table, sa.Column("leaf_index", sa.Integer(), nullable=True))
    op.add_column("journal", sa.Column("before", sa.Text(), nullable=True))
    op.add_column("journal", sa.Column("replaces", sa.Integer(), nullable=True))
    op.add_column("journal", sa.Column("first_leaf", sa.Integer(), nullable=True))
    op.add_column("journal", sa.Column("leaf_count", sa.Integer(), nullable=True))
    op.add_column("journal", sa.Column("root", sa.String(length=64), nullable=True))
    op.add_column("journal", sa.Column("leaves", sa.LargeBinary(), nullable=True))
    op.execute("UPDATE journal SET first_leaf = seq - 1, leaf_count = 1")  # each old entry: one leaf
    if not postgresql:
        op.execute("DROP TRIGGER journal_extends_chain")  # the table is rebuilt: the trigger goes with it
    with op.batch_alter_table("journal") as batch:
        batch.alter_column("key", existing_type=sa.String(length=400), nullable=True)
        batch.alter_column("state", existing_type=sa.Text(), nullable=True)
        batch.alter_column("first_leaf", existing_type=sa.Integer(), nullable=False)
        batch.alter_column("leaf_count", existing_type=sa.Integer(), nullable=False)
        batch.drop_constraint(op.f("ck_journal_action_known"), type_="check")
        batch.create_check_constraint("action_known", "action IN ('add', 'amend', 'void', 'load')")
        batch.create_index("ix_journal_first_leaf", ["first_leaf"], unique=True)
    if postgresql:
        op.execute(_postgresql_function(POSTGRESQL_REFUSED))
    else:
        op.execute(SQLITE_TRIGGER.format(refused=SQLITE_REFUSED))
    origin = op.create_table(
        "ledger_origin",
        sa.Column("origin", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("origin", name=op.f("pk_ledger_origin")),
    )
    op.bulk_insert(origin, [{"origin": f"humanitarian-ledger/{uuid.uuid4().hex}"}])


def downgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    op.execute("DELETE FROM journal WHERE root IS NOT NULL")
    op.drop_table("ledger_origin")
    if not postgresql:
        op.execute("DROP TRIGGER journal_extends_chain")
    with op.batch_alter_table("journal") as batch:
        batch.drop_index("ix_journal_first_leaf")
        batch.drop_constraint(op.f("ck_journal_action_known"), type_="check")
        batch.create_check_constraint("action_known", "action IN ('add', 'amend', 'void')")
        batch.alter_column("key", existing_type=sa.String(length=400), nullable=False)
        batch.alter_column("state", existing_type=sa.Text(), nullable=False)
        for column in NEW_COLUMNS:
            batch.drop_column(column)
    if postgresql:
        op.execute(_postgresql_function(OLD_POSTGRESQL_REFUSED))
    else:
        op.execute(SQLITE_TRIGGER.format(refused=""))
    for table in RECORDS:
        for column in ("leaf_index", "leaf"):
            # Not a batch rebuild on SQLite (see 0003): SQLite 3.35 and later drop a plain column in place.
            if not postgresql:
                op.execute(f'ALTER TABLE "{table}" DROP COLUMN {column}')
            else:
                op.drop_column(table, column)
