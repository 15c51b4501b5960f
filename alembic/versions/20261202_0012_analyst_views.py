"""Views for analysts who open the database in Datasette, sqlite-utils or psql.

Three read-only views over the tables, with voided records left out and integer ids replaced by
the natural keys and names users know:

- `transfers_v`: one row per live transfer, its parties' codes and names, its category's kind, its
  count and an `undisclosed` flag (a boolean on PostgreSQL, 0 or 1 on SQLite), the text of its
  terms, intermediaries and sources as a package writes them;
- `obligations_v`: one row per obligation of a live term, with its round, process, status, basis,
  the base term of a ratio (`per`) and its deadline as a package writes it (`2025-03-02`, `2025-06`
  or `P42D`);
- `fulfilment_v`: one row per obligation of a live agreed term, committed and delivered as
  `ledger report fulfilment` computes them, from the stored allocation shares: a ratio commits its
  quantity times what the base term's opposite obligation delivered (all of it: the view has no
  `--until`). Its percentage is rounded to one decimal as the report rounds it (a tie to even).
  The report's `due` and `overdue`, which need the date of today, are not in it.

One definition serves both engines (CASE, COALESCE, joins, GROUP BY, integer arithmetic). Going
down drops them. Alembic's autogenerate compares tables only, so the views stay out of `alembic
check`. A later migration that changes a table these views read must drop them first and create
them again after: SQLite refuses to rename a rebuilt table (batch mode) while a view names the one
it replaces, and PostgreSQL to change a column a view reads.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 14:30:00+00:00
"""

from __future__ import annotations

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def _as_written(date: str, precision: str) -> str:
    """A date as a package writes it: to the day, or to the month (`2025-06`)."""
    return f"SUBSTR(CAST({date} AS VARCHAR(10)), 1, CASE WHEN {precision} = 'month' THEN 7 ELSE 10 END)"


# Obligations with their term, round, process, category and both parties, for both views of them.
_OBLIGATIONS = """FROM obligation o
JOIN term tm ON tm.id = o.term_id
JOIN round rd ON rd.id = tm.round_id
JOIN process p ON p.id = rd.process_id
JOIN category c ON c.code = tm.category
JOIN party d ON d.id = o.deliverer_id
JOIN party r ON r.id = o.receiver_id
"""

TRANSFERS = """
CREATE VIEW transfers_v AS
SELECT t.key AS key, t.date AS date, t.date_precision AS date_precision,
       d.code AS deliverer, d.name AS deliverer_name, r.code AS receiver, r.name AS receiver_name,
       t.category AS category, c.kind AS category_kind, t.count AS count,
       t.count IS NULL AS undisclosed, t.exchange AS exchange, t.terms_text AS terms,
       t.intermediaries_text AS intermediaries, t.location AS location, t.sources_text AS sources,
       t.notes AS notes
FROM transfer t
JOIN party d ON d.id = t.deliverer_id
JOIN party r ON r.id = t.receiver_id
JOIN category c ON c.code = t.category
WHERE NOT t.voided
"""

OBLIGATIONS = f"""
CREATE VIEW obligations_v AS
SELECT tm.key AS term, rd.key AS round, rd.number AS round_number, rd.start_date AS round_start,
       p.key AS process, tm.category AS category, c.kind AS category_kind, tm.status AS status,
       d.code AS deliverer, r.code AS receiver, o.quantity AS quantity, o.basis AS basis,
       base.key AS per,
       COALESCE(tm.deadline_duration, {_as_written("tm.deadline", "tm.deadline_precision")}) AS deadline,
       tm.min_age AS min_age, tm.max_age AS max_age, tm.condition AS condition,
       tm.description AS description
{_OBLIGATIONS}LEFT JOIN term base ON base.id = o.per_id
WHERE NOT tm.voided
"""

# What each obligation received: the allocation shares (derived from the live transfers and terms
# only), summed; an undisclosed share (no amount) counts one transfer apart.
_RECEIVED = """
SELECT obligation_id, COALESCE(SUM(amount), 0) AS delivered,
       SUM(CASE WHEN amount IS NULL THEN 1 ELSE 0 END) AS undisclosed,
       MIN(date) AS first, MIN(CASE WHEN date_precision = 'month' THEN date END) AS first_month,
       MAX(date) AS last, MAX(CASE WHEN date_precision = 'month' THEN date END) AS last_month
FROM allocation_share
WHERE obligation_id IS NOT NULL
GROUP BY obligation_id
"""

# Committed and delivered per obligation of a live agreed term (a ratio: per person its base
# term's opposite obligation delivered); measured when it has a number to be measured against.
_COMMITTED = f"""
SELECT tm.key AS term, rd.key AS round, p.key AS process, tm.category AS category,
       c.kind AS category_kind, d.code AS deliverer, r.code AS receiver, o.basis AS basis,
       CASE WHEN o.basis = 'ratio' THEN o.quantity * COALESCE((
           SELECT SUM(s.amount) FROM allocation_share s
           JOIN obligation b ON b.id = s.obligation_id
           WHERE b.term_id = o.per_id AND b.deliverer_id = o.receiver_id AND b.receiver_id = o.deliverer_id
       ), 0) ELSE o.quantity END AS committed,
       COALESCE(got.delivered, 0) AS delivered, COALESCE(got.undisclosed, 0) AS undisclosed,
       CASE WHEN got.first = got.first_month THEN {_as_written("got.first", "'month'")}
            ELSE CAST(got.first AS VARCHAR(10)) END AS first_transfer,
       CASE WHEN got.last = got.last_month THEN {_as_written("got.last", "'month'")}
            ELSE CAST(got.last AS VARCHAR(10)) END AS last_transfer
{_OBLIGATIONS}LEFT JOIN ({_RECEIVED}) got ON got.obligation_id = o.id
WHERE NOT tm.voided AND tm.status = 'agreed'
"""

# The report's columns from those two numbers. `tenths` is 1000 × delivered ÷ committed in whole
# tenths of a per cent, rounded down; `half` is twice its remainder less committed (above 0: the
# remainder is more than half a tenth; 0: a tie, rounded to even), to round it as the report does.
_MEASURED = "(f.basis IN ('exact', 'at-least') OR (f.basis = 'ratio' AND f.committed > 0))"
FULFILMENT = f"""
CREATE VIEW fulfilment_v AS
SELECT f.term, f.round, f.process, f.category, f.category_kind, f.deliverer, f.receiver, f.basis,
       f.committed, f.delivered, f.undisclosed,
       CASE WHEN f.basis <> 'all' THEN
           CASE WHEN f.committed > f.delivered THEN f.committed - f.delivered ELSE 0 END END AS outstanding,
       CASE WHEN f.basis <> 'all' THEN
           CASE WHEN f.delivered > f.committed THEN f.delivered - f.committed ELSE 0 END END AS excess,
       CASE WHEN {_MEASURED} THEN
           CASE WHEN f.committed = 0 THEN 100.0
                ELSE CAST(f.tenths + CASE WHEN f.half > 0 OR (f.half = 0 AND f.tenths % 2 = 1) THEN 1 ELSE 0 END
                          AS DOUBLE PRECISION) / 10 END END AS fulfilled_pct,
       CASE WHEN {_MEASURED} THEN
           CASE WHEN f.delivered <= 0 THEN CASE WHEN f.committed > 0 THEN 0 ELSE 3 END
                WHEN f.delivered >= f.committed THEN 3
                WHEN 2 * f.delivered >= f.committed THEN 2
                ELSE 1 END END AS score,
       f.first_transfer, f.last_transfer
FROM (
    SELECT q.*,
           CASE WHEN q.committed > 0 THEN 1000 * q.delivered / q.committed END AS tenths,
           CASE WHEN q.committed > 0 THEN
               2 * (1000 * q.delivered - (1000 * q.delivered / q.committed) * q.committed) - q.committed
           END AS half
    FROM ({_COMMITTED}) q
) f
"""

VIEWS = {"transfers_v": TRANSFERS, "obligations_v": OBLIGATIONS, "fulfilment_v": FULFILMENT}


def upgrade() -> None:
    for definition in VIEWS.values():
        op.execute(definition)


def downgrade() -> None:
    for name in reversed(VIEWS):
        op.execute(f"DROP VIEW {name}")
