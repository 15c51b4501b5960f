"""The commitments report: what each round committed each side to, a column per round in date
order, and what changed between rounds; totals per side, kind and round.

A ratio reads as agreed (`30 per hc`: 30 for each person the term `hc` delivered the other way),
and counts in the totals as what it now commits: its quantity times what its base term's
obligation the other way has delivered (as the fulfilment report derives it, up to `--until`).
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from sqlalchemy import false, select
from sqlalchemy.orm import Session, aliased

from ledger import domain, queries, sql
from ledger import models as m
from ledger.reports.filters import Filters
from ledger.reports.fulfilment import obligation_filters, obligations_joined, ratio_bases
from ledger.reports.report import Report


def _criteria(min_age: Any, max_age: Any, condition: Any) -> str:
    parts = []
    low = None if pd.isna(min_age) else int(min_age)
    high = None if pd.isna(max_age) else int(max_age)
    if low is not None and high is not None:
        parts.append(f"aged {low}–{high}")
    elif low is not None:
        parts.append(f"aged {low} or over")
    elif high is not None:
        parts.append(f"aged {high} or under")
    if isinstance(condition, str) and condition:
        parts.append(condition)
    return "; ".join(parts) or "any"


def commitments(session: Session, f: Filters) -> Report:
    deliverer, receiver = sql.party_aliases()
    base = aliased(m.Term, name="base")
    statement = (
        select(
            m.Round.key.label("round"), m.Round.start_date, m.Round.number, m.Term.key.label("term"),
            m.Term.category, m.Term.status, m.Term.min_age, m.Term.max_age, m.Term.condition,
            deliverer.code.label("deliverer"), receiver.code.label("receiver"), m.Obligation.quantity,
            m.Obligation.basis, base.key.label("per"), m.Obligation.per_id, m.Obligation.deliverer_id,
            m.Obligation.receiver_id,
        )
        .select_from(obligations_joined(deliverer, receiver))
        .outerjoin(base, base.id == m.Obligation.per_id)
        .where(m.Term.status.in_(f.statuses), m.Term.voided == false())
        .order_by(m.Round.start_date, m.Round.number, sql.code_point_order(m.Term.key), m.Obligation.id)
    )  # fmt: skip
    statement = obligation_filters(statement, f, deliverer, receiver)
    if f.since:
        statement = statement.where(m.Round.start_date >= f.since)
    if f.until:
        statement = statement.where(m.Round.start_date <= f.until)
    raw = pd.DataFrame(session.execute(statement).all(), columns=[
        "round", "start_date", "number", "term", "category", "status", "min_age", "max_age", "condition",
        "deliverer", "receiver", "quantity", "basis", "per", "per_id", "deliverer_id", "receiver_id",
    ])  # fmt: skip
    keys = ["category", "deliverer", "receiver", "criteria"]
    if raw.empty:
        return Report("commitments", "Commitments across rounds", pd.DataFrame(columns=[*keys, "change"]))
    rounds = list(dict.fromkeys(raw["round"]))  # in date order
    raw["criteria"] = [
        _criteria(a, b, c) for a, b, c in zip(raw["min_age"], raw["max_age"], raw["condition"], strict=True)
    ]
    raw["cell"] = [
        domain.format_quantity(None if pd.isna(q) else int(q), b, p) + ("" if s == "agreed" else f" ({s})")
        for q, b, p, s in zip(raw["quantity"], raw["basis"], raw["per"], raw["status"], strict=True)
    ]
    raw["counted"] = _counted(session, f, raw)
    table = raw.pivot_table(index=keys, columns="round", values="cell", aggfunc=" + ".join, sort=False)
    table = table.reindex(columns=rounds).reset_index()
    kinds = queries.category_kinds(session)  # in the categories' order
    order = {c: i for i, c in enumerate(kinds)}
    table = table.sort_values(
        ["category", "deliverer", "receiver", "criteria"],
        key=lambda s: s.map(order) if s.name == "category" else s,
        kind="stable",
    )
    table["change"] = [_change(row, rounds) for row in table[rounds].to_dict("records")]
    table.columns.name = None
    frame = table[[*keys, *rounds, "change"]].reset_index(drop=True).astype(object).where(lambda x: x.notna(), None)
    short = _short_labels(rounds)
    counted = raw.assign(kind=raw["category"].map(kinds)).loc[lambda t: t["kind"].isin(domain.PEOPLE_KINDS)]
    alls = [key for key in rounds if ((counted["round"] == key) & (counted["basis"] == "all")).any()]
    totals = []
    for (a, b, kind), rows in counted.groupby(["deliverer", "receiver", "kind"], sort=True):
        line: dict[str, Any] = {"side": f"{a} → {b}", "kind": kind}
        for key in rounds:
            here = rows[rows["round"] == key]
            line[short[key]] = int(here.loc[here["basis"] != "all", "counted"].sum())
            if key in alls:
                line[f"{short[key]} all"] = int((here["basis"] == "all").sum())
        totals.append(line)
    blocks = []
    if totals:
        blocks.append(("Totals per side, kind and round (numbers add, a ratio as derived; 'all' terms counted apart)",
                       pd.DataFrame(totals, columns=list(totals[0]), dtype=object)))  # fmt: skip
    view = frame.rename(columns=short)
    view["change"] = [_change(row, rounds, short) for row in frame[rounds].to_dict("records")]
    return Report("commitments", "Commitments across rounds", frame, blocks, view)


def _counted(session: Session, f: Filters, raw: pd.DataFrame) -> list[int]:
    """What each obligation counts for in the totals: its quantity, a ratio's derived (its quantity
    times what its base delivered back), nothing for `all`."""
    ratios = raw["basis"] == "ratio"
    bases = ratio_bases(session, f, {int(t) for t in raw.loc[ratios, "per_id"]})
    return [
        0 if pd.isna(q) else int(q) * (bases.get((int(t), int(b), int(a)), 0) if basis == "ratio" else 1)
        for q, basis, t, a, b in zip(
            raw["quantity"], raw["basis"], raw["per_id"], raw["deliverer_id"], raw["receiver_id"], strict=True
        )
    ]


def _short_labels(keys: list[str]) -> dict[str, str]:
    """Round keys without the part they all share (`istanbul-2025-r1` → `r1`), for narrow views."""
    if len(keys) < 2:
        return {key: key for key in keys}
    prefix = keys[0]
    for key in keys[1:]:
        while not key.startswith(prefix):
            prefix = prefix[:-1]
    prefix = prefix[: max(prefix.rfind("-"), prefix.rfind("_"), prefix.rfind("."), -1) + 1]
    return {key: key[len(prefix) :] or key for key in keys}


def _change(row: dict[str, Any], rounds: list[str], labels: dict[str, str] | None = None) -> str:
    """What changed from round to round: `1000 (r1) → ≥1000 (r2) → 1200 (r3)`, or `only r2`."""
    labels = labels or {}
    seen = [(labels.get(key, key), row[key]) for key in rounds if isinstance(row[key], str) and row[key]]
    if len(seen) == 1:
        return f"only {seen[0][0]}"
    return " → ".join(f"{value} ({key})" for key, value in seen)
