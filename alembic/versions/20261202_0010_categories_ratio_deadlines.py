"""Agreements of other shapes: categories as data, ratio obligations, deadlines as durations.

- `category`: the vocabulary of categories, each with a kind (`living`, `remains` or `none`).
  The built-in ones are made here (`builtin` true, not journaled, never dumped); a package or
  `ledger category add` adds more, journaled like every record: the journal's trigger
  (`journal_extends_chain`, 0009) takes entries of entity `category`, whose state names its key
  as `code`. Terms, transfers and assertions name their category by code, now a foreign key into
  this table instead of a fixed list.
- `obligation.per_id`: the base term of a `ratio` obligation ("30 per civilian hostage"), whose
  obligation in the opposite direction sets what this one commits. A ratio has a quantity (the
  number per unit) and a base; no other basis has a base.
- `term.deadline_duration`: a deadline given as an ISO 8601 duration from the round's start
  (`P42D`, `PT72H`), kept as written; a term has a dated deadline or a duration, not both.

Going down refuses a ledger that uses what the older schema cannot hold (a category of its own,
a ratio, a duration), rather than losing it.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 08:00:00+00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# The built-in vocabulary as this migration made it (code, name, kind), in the order reports use.
BUILTIN = [
    ("pow", "Prisoners of war", "living"),
    ("civilian", "Detained civilians", "living"),
    ("child", "Children", "living"),
    ("hostage", "Hostages", "living"),
    ("detainee", "Detainees", "living"),
    ("bodies", "Remains of the dead", "remains"),
    ("other", "Other commitments (no count)", "none"),
]
OLD_PEOPLE = "('pow', 'civilian', 'child', 'bodies')"
OLD_ALL = "('pow', 'civilian', 'child', 'bodies', 'other')"
CATEGORY_TABLES = ("term", "transfer", "assertion")
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
    if connection.dialect.name == "postgresql":
        found = "SELECT pg_get_functiondef('journal_extends_chain'::regproc)"
    else:
        found = "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'journal_extends_chain'"
    definition = connection.execute(sa.text(found)).scalar_one()
    for old, new in changes.items():
        if old not in definition and not (connection.dialect.name == "sqlite" and "CASE" in old):
            raise RuntimeError(f"the journal's trigger is not 0009's: it does not hold {old!r}")
        definition = definition.replace(old, new)
    if connection.dialect.name != "postgresql":
        op.execute("DROP TRIGGER journal_extends_chain")
    op.execute(definition)


def upgrade() -> None:
    category = op.create_table(
        "category",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("builtin", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("voided", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("leaf", sa.String(length=64), nullable=True),
        sa.Column("leaf_index", sa.Integer(), nullable=True),
        sa.CheckConstraint("kind IN ('living', 'remains', 'none')", name=op.f("ck_category_kind_known")),
        sa.CheckConstraint("code <> ''", name=op.f("ck_category_code_not_empty")),
        sa.CheckConstraint("name <> ''", name=op.f("ck_category_name_not_empty")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_category")),
        sa.UniqueConstraint("code", name=op.f("uq_category_code")),
    )
    op.bulk_insert(
        category,
        [
            {"code": code, "name": name, "kind": kind, "position": i + 1, "builtin": True, "voided": False}
            for i, (code, name, kind) in enumerate(BUILTIN)
        ],
    )
    for table in CATEGORY_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(op.f(f"ck_{table}_category_known"), type_="check")
            batch_op.create_foreign_key(batch_op.f(f"fk_{table}_category_category"), "category", ["category"], ["code"])
    with op.batch_alter_table("term", schema=None) as batch_op:
        batch_op.add_column(sa.Column("deadline_duration", sa.String(length=32), nullable=True))
        batch_op.create_check_constraint("one_deadline", "deadline IS NULL OR deadline_duration IS NULL")
    with op.batch_alter_table("obligation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("per_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_obligation_per_id_term"), "term", ["per_id"], ["id"])
        batch_op.create_index(batch_op.f("ix_obligation_per_id"), ["per_id"], unique=False)
        batch_op.drop_constraint(op.f("ck_obligation_basis_known"), type_="check")
        batch_op.create_check_constraint("basis_known", "basis IN ('exact', 'at-least', 'all', 'ratio')")
        batch_op.create_check_constraint(
            "per_only_for_ratio", "(basis = 'ratio' AND per_id IS NOT NULL) OR (basis <> 'ratio' AND per_id IS NULL)"
        )
    _journal_trigger(TRIGGER_0009)


def _refuse_what_0009_cannot_hold() -> None:
    connection = op.get_bind()
    used = {
        "categories of its own": "SELECT count(*) FROM category WHERE NOT builtin",
        "terms of category hostage or detainee": "SELECT count(*) FROM term WHERE category IN ('hostage', 'detainee')",
        "transfers of category hostage or detainee": (
            "SELECT count(*) FROM transfer WHERE category IN ('hostage', 'detainee')"
        ),
        "assertions of category hostage or detainee": (
            "SELECT count(*) FROM assertion WHERE category IN ('hostage', 'detainee')"
        ),
        "ratio obligations": "SELECT count(*) FROM obligation WHERE basis = 'ratio'",
        "deadlines given as durations": "SELECT count(*) FROM term WHERE deadline_duration IS NOT NULL",
    }
    found = [f"{n} {what}" for what, sql in used.items() if (n := connection.execute(sa.text(sql)).scalar_one())]
    if found:
        raise RuntimeError("schema 0009 cannot hold this ledger's " + ", ".join(found) + "; nothing was changed")


def downgrade() -> None:
    _refuse_what_0009_cannot_hold()
    _journal_trigger({new: old for old, new in TRIGGER_0009.items()})
    with op.batch_alter_table("obligation", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_obligation_per_only_for_ratio"), type_="check")
        batch_op.drop_constraint(op.f("ck_obligation_basis_known"), type_="check")
        batch_op.create_check_constraint("basis_known", "basis IN ('exact', 'at-least', 'all')")
        batch_op.drop_index(batch_op.f("ix_obligation_per_id"))
        batch_op.drop_constraint(batch_op.f("fk_obligation_per_id_term"), type_="foreignkey")
        batch_op.drop_column("per_id")
    with op.batch_alter_table("term", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_term_one_deadline"), type_="check")
        batch_op.drop_column("deadline_duration")
    for table in CATEGORY_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(batch_op.f(f"fk_{table}_category_category"), type_="foreignkey")
            batch_op.create_check_constraint(
                "category_known", f"category IN {OLD_ALL if table == 'term' else OLD_PEOPLE}"
            )
    op.drop_table("category")
