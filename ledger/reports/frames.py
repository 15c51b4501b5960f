"""Each report as a DataFrame: SQL aggregates, pandas shapes.

A `Report` is its rows (`frame`: what CSV and JSON hold, so that other tools can read them) and,
for the terminal and workbook views, extra blocks such as subtotals per side and reciprocity.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterator
from typing import Any

import pandas as pd
from sqlalchemy import case, false, func, or_, select
from sqlalchemy.orm import Session, aliased

from ledger import domain, queries, sql
from ledger import models as m
from ledger.dates import as_date
from ledger.domain import PartialDate
from ledger.errors import InvalidInput
from ledger.reports import NAMES, TABLES
from ledger.reports.commitments import commitments
from ledger.reports.deadlines import deadlines
from ledger.reports.filters import Filters, given, transfer_filters
from ledger.reports.fulfilment import (
    FULFILMENT_COLUMNS,
    fulfilment_rows,
    transfer_dates,
    undisclosed_transfers,
)
from ledger.reports.register import REGISTER_COLUMNS, register_rows
from ledger.reports.report import Report
from ledger.rules import Problem

# fulfilment


def fulfilment(session: Session, f: Filters) -> Report:
    records = fulfilment_rows(session, f)
    result = pd.DataFrame(records, columns=FULFILMENT_COLUMNS, dtype=object)
    view = pd.DataFrame(
        [
            {
                "term": r["term"], "from": r["deliverer"], "to": r["receiver"],
                "committed": shown_quantity(r["committed"], r["basis"]), "delivered": r["delivered"],
                "undiscl": r["undisclosed"], "short": r["outstanding"], "pct": r["fulfilled_pct"], "score": r["score"],
            }
            for r in records
            if r["term"] is not None
        ],
        columns=["term", "from", "to", "committed", "delivered", "undiscl", "short", "pct", "score"],
        dtype=object,
    )  # fmt: skip
    unallocated = [{**r, "from": r["deliverer"], "to": r["receiver"]} for r in records if r["term"] is None]
    columns = ["from", "to", "category", "delivered", "undisclosed", "first_transfer", "last_transfer"]
    title = "Unallocated (counted towards no term)"
    view_blocks = [(title, pd.DataFrame(unallocated, columns=columns, dtype=object))]
    blocks = _fulfilment_blocks(result, undisclosed_transfers(session, f), queries.category_kinds(session))
    allocated = result["term"].notna()
    heading = "Fulfilment of each obligation"
    sheets = [
        ("Fulfilment", heading, result[allocated].reset_index(drop=True)),
        ("Unallocated", title, result.loc[~allocated, UNALLOCATED_COLUMNS].reset_index(drop=True)),
    ]
    return Report("fulfilment", heading, result, blocks, view, view_blocks if unallocated else [], sheets)


UNALLOCATED_COLUMNS = [
    "category", "deliverer", "receiver", "delivered", "undisclosed", "first_transfer", "last_transfer",
]  # fmt: skip


def shown_quantity(quantity: int | None, basis: str) -> str:
    """`1,000`, `≥1,000` or `all`, with thousands separators for the terminal."""
    if basis == "ratio":  # as derived: so many per person the base term delivered
        return f"{quantity:,}"
    text = domain.format_quantity(quantity, basis)
    return text if quantity is None else text.replace(str(quantity), f"{quantity:,}")


def _fulfilment_blocks(
    frame: pd.DataFrame, undisclosed: dict[tuple[str, str, str], int], kinds: dict[str, str]
) -> list[tuple[str, pd.DataFrame]]:
    """Subtotals per side and kind (`kinds`, by category), living people and remains apart
    (`undisclosed`: the transfers of undisclosed count of each, each once), and the reciprocity
    of each term."""
    if frame.empty:
        return []
    allocated = frame[frame["term"].notna()]
    sides = frame.assign(
        side=frame["deliverer"] + " → " + frame["receiver"],
        kind=[kinds[c] for c in frame["category"]],
        committed_n=frame["committed"].fillna(0).astype(int),
        unallocated=frame["delivered"].where(frame["term"].isna(), 0).astype(int),
    )
    subtotals = (
        sides.groupby(["side", "kind"], sort=True)
        .agg(committed=("committed_n", "sum"), delivered=("delivered", "sum"), unallocated=("unallocated", "sum"))
        .reset_index()
    )  # fmt: skip
    order = {kind: i for i, kind in enumerate(domain.KINDS)}
    subtotals = subtotals.sort_values(["side", "kind"], key=lambda s: s.map(order) if s.name == "kind" else s)
    per_side = {(f"{a} → {b}", kind): n for (a, b, kind), n in undisclosed.items()}
    counts = [per_side.get(key, 0) for key in zip(subtotals["side"], subtotals["kind"], strict=True)]
    subtotals = subtotals.reset_index(drop=True)
    subtotals.insert(4, "undisclosed", counts)
    reciprocity = []
    terms: dict[str, dict[tuple[str, str], dict[str, Any]]] = {}
    for r in allocated.to_dict("records"):  # one pass: grouping with pandas costs a frame per term
        terms.setdefault(r["term"], {})[(r["deliverer"], r["receiver"])] = r
    for term, by_side in terms.items():
        for (a, b), row in by_side.items():
            back = by_side.get((b, a))
            if back is None or a > b:
                continue
            there, here = int(row["delivered"]), int(back["delivered"])
            ratio = round(there / here, 1) if here else None  # to 1; none when nothing came back
            reciprocity.append(
                {"term": term, "from": a, "to": b, "delivered": there, "in return": here, "ratio": ratio}
            )
    blocks = [("Subtotals per side and kind (no sum adds remains to living people)", subtotals)]
    if reciprocity:
        blocks.append(("Reciprocity per term (delivered one way, in return, and their ratio to 1)",
                       pd.DataFrame(reciprocity, columns=list(reciprocity[0]), dtype=object)))  # fmt: skip
    return blocks


# register


def register(session: Session, f: Filters) -> Report:
    """Running totals over every transfer, so that a filtered register still shows true totals."""
    frame = pd.DataFrame(list(register_rows(session, f, typed=True)), columns=REGISTER_COLUMNS)
    for name in ("terms", "intermediaries", "sources"):
        frame[name] = [c.split(";") if c else [] for c in frame[name]]
    for name in ("exchange", "location", "notes"):
        frame[name] = [c or None for c in frame[name]]
    view = frame[["key", "date", "deliverer", "receiver", "category", "count", "running_total"]].rename(
        columns={"running_total": "total"}
    )
    return Report("register", "Register of transfers, with running totals per receiver and category", frame, view=view)


# discrepancies


DISCREPANCY_COLUMNS = ["subject", "field", "recorded", "claims", "values", "spread"]


def _number(text: str) -> float | None:
    cleaned = text.replace(",", "").replace("about", "").replace("~", "").strip()
    try:
        return float(cleaned)
    except ValueError:
        return None


def _canonical(text: str) -> str:
    return " ".join(text.split()).casefold()


def claims_in_scope(session: Session, f: Filters) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """The claims about what the filters reach (`subjects_in_scope`), by subject and field."""
    allowed = subjects_in_scope(session, f)
    by_subject: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for claim in queries.rows(session, "claim"):
        if allowed is None or claim["subject"] in allowed:
            by_subject.setdefault((claim["subject"], claim["field"]), []).append(claim)
    return by_subject


def discrepancies(session: Session, f: Filters) -> Report:
    by_subject = claims_in_scope(session, f)
    records = []
    from ledger.render import cell

    for (subject, field_name), group in by_subject.items():
        kind, _, key = subject.partition(":")
        stored = queries.one(session, kind, key) or {}
        if kind == "term" and field_name in ("deliverer", "receiver", "quantity", "basis", "per"):
            recorded = _obligations_field(stored.get("obligations", []), field_name)
        else:
            recorded = cell(stored.get(field_name))
        values = {_canonical(recorded)} if recorded else set()
        values |= {_canonical(c["value"]) for c in group}
        if len(values) <= 1:
            continue
        numbers = [n for n in (_number(v) for v in [recorded, *(c["value"] for c in group)] if v) if n is not None]
        spread = max(numbers) - min(numbers) if len(numbers) >= 2 else None
        described = " | ".join(
            f"{c['value']} — {c['claimant'] or 'the source'} ({c['source']}"
            + (f", {cell(c['stated_on'])}" if c["stated_on"] else "") + ")"
            for c in group
        )  # fmt: skip
        records.append({
            "claimed": " | ".join(dict.fromkeys(c["value"] for c in group)),
            "subject": subject, "field": field_name, "recorded": recorded, "claims": described,
            "values": len(values),
            "spread": None if spread is None else (int(spread) if spread.is_integer() else spread),
        })  # fmt: skip
    frame = pd.DataFrame(records, columns=DISCREPANCY_COLUMNS, dtype=object)
    view = pd.DataFrame(
        [{"subject": r["subject"], "field": r["field"], "recorded": r["recorded"], "claimed": r["claimed"]}
         for r in records],
        columns=["subject", "field", "recorded", "claimed"],
    )  # fmt: skip
    return Report("discrepancies", "Where the record and the sources disagree", frame, view=view)


def _obligations_field(obligations: list[dict[str, Any]], field_name: str) -> str:
    """A term's field that lives on its obligations: one value if they all agree, else per side."""

    def value(o: dict[str, Any]) -> str:
        if field_name == "quantity":
            return domain.format_quantity(o["quantity"], o["basis"], o.get("per"))
        return str(o.get(field_name) or "")

    values = [value(o) for o in obligations]
    if len(set(values)) <= 1:
        return values[0] if values else ""
    return "; ".join(f"{o['deliverer']}→{o['receiver']} {v}" for o, v in zip(obligations, values, strict=True))


def subjects_in_scope(session: Session, f: Filters) -> set[str] | None:
    if not any((f.process, f.round, f.party, f.category, f.since, f.until)):
        return None
    rounds = queries.rows(session, "round", **given(process=f.process, party=f.party, since=f.since, until=f.until))
    terms = queries.rows(session, "term", **given(process=f.process, round=f.round, party=f.party, category=f.category))
    transfers = queries.rows(session, "transfer", **transfer_filters(f))
    chosen = {f"round:{r['key']}" for r in rounds if not f.round or r["key"] == f.round}
    chosen |= {f"term:{t['term']}" for t in terms}
    chosen |= {f"transfer:{t['key']}" for t in transfers}
    return chosen


# timeline


TIMELINE_COLUMNS = ["date", "event", "key", "deliverer", "receiver", "category", "count", "transfers", "detail"]


def timeline(session: Session, f: Filters) -> Report:
    events = list(timeline_events(session, f))
    view = pd.DataFrame(
        [{"date": e["date"], "key": e["key"], "what": _event(e)} for e in events], columns=["date", "key", "what"]
    )
    frame = pd.DataFrame(events, columns=TIMELINE_COLUMNS, dtype=object)
    return Report("timeline", "Rounds and transfers on one time line, a line per day, direction and category",
                  frame, view=view)  # fmt: skip


def timeline_events(session: Session, f: Filters) -> Iterator[dict[str, Any]]:
    """Rounds (by start) and the transfers of each day (or month), deliverer, receiver and category
    (`queries.handovers`) in date order, a round before the transfers of its day.

    A line of transfers holds their number and the people they carried (undisclosed counts add
    nothing; the detail says how many there were); a lone transfer's line keeps its key and notes.
    Every transfer is on the register: the time line is for reading the sequence, at any size."""
    rounds = []
    if not f.category:
        round_filters = given(process=f.process, party=f.party, since=f.since, until=f.until)
        for r in queries.rows(session, "round", **round_filters):
            if (f.round and r["key"] != f.round) or r["start_date"] is None:
                continue
            where = ", ".join(p for p in (r["venue"], r["city"]) if p)
            rounds.append(((r["start_date"], False, r["key"]), {
                "date": PartialDate(r["start_date"]), "event": "round", "key": r["key"], "deliverer": None,
                "receiver": None, "category": None, "count": None, "transfers": None,
                "detail": f"Round {r['number']} of {r['process']}, {r['status']}" + (f", {where}" if where else ""),
            }))  # fmt: skip
    rounds.sort(key=lambda e: e[0])
    # Handovers come ordered by stored date (a month's first day) and first key, as the rounds are.
    handovers = queries.handovers(session, **transfer_filters(f))
    days = (((h.date.first, True, h.first_key), _handover(h)) for h in handovers)
    return (event for _, event in heapq.merge(rounds, days, key=lambda e: e[0]))


def _handover(h: queries.Handover) -> dict[str, Any]:
    if h.transfers == 1:
        key, detail = h.first_key, h.notes or None
    else:
        key, detail = None, f"{h.transfers:,} transfers, {h.first_key} to {h.last_key}"
        if h.undisclosed:
            detail += f"; {h.undisclosed:,} of undisclosed count"
    return {
        "date": h.date, "event": "transfer", "key": key, "deliverer": h.deliverer, "receiver": h.receiver,
        "category": h.category, "count": domain.UNDISCLOSED if h.undisclosed == h.transfers else h.people,
        "transfers": h.transfers, "detail": detail, "undisclosed": h.undisclosed,  # for the view alone
    }  # fmt: skip


def _event(event: dict[str, Any]) -> str:
    if event["event"] == "round":
        return event["detail"]
    count = event["count"] if isinstance(event["count"], str) else f"{event['count']:,}"
    what = f"{event['deliverer']}→{event['receiver']} {count} {event['category']}"
    if event["transfers"] > 1:
        what += f" in {event['transfers']:,} transfers"
        if event["undisclosed"] and not isinstance(event["count"], str):
            what += f", {event['undisclosed']:,} of undisclosed count"
    return what


def returns(session: Session, f: Filters) -> pd.DataFrame:
    """People returned to each side, cumulative by date: living people and remains apart (a column
    for each kind and receiver, `living to UKR`, `remains to UKR`), and a `round` column naming the
    rounds that started that day (`R1 16 May`).

    Summed in SQL by date, receiver and kind; undisclosed counts add nothing. A transfer dated
    to a month stands at the first of that month. With a process (or round), what counts towards
    its agreed terms, as fulfilment counts it: each transfer's shares of their obligations, once
    (a transfer counted towards two of its terms returned its people once), so a transfer split
    between two processes counts in each for its part, and a handover beyond every agreement is in
    no process's returns.
    """
    receiver = aliased(m.Party, name="receiver")
    kind = m.Category.kind
    amount: Any = m.Transfer.count
    statement = select(m.Transfer.date, receiver.code, kind)
    if f.process or f.round:
        shared = (
            select(m.AllocationShare.transfer_id, func.sum(m.AllocationShare.amount).label("amount"))
            .join(m.Obligation, m.Obligation.id == m.AllocationShare.obligation_id)
            .join(m.Term, m.Term.id == m.Obligation.term_id)
            .join(m.Round, m.Round.id == m.Term.round_id)
            .join(m.Process, m.Process.id == m.Round.process_id)
            .where(m.Term.status == "agreed", m.Term.voided == false())
            .group_by(m.AllocationShare.transfer_id)
        )
        if f.process:
            shared = shared.where(m.Process.key == f.process)
        if f.round:
            shared = shared.where(m.Round.key == f.round)
        if f.category:  # the terms' category, as fulfilment filters: a pow term may count civilians
            shared = shared.where(m.Term.category == f.category)
        counted = shared.subquery()
        amount = case((counted.c.amount < m.Transfer.count, counted.c.amount), else_=m.Transfer.count)
        statement = statement.join(counted, counted.c.transfer_id == m.Transfer.id)
    statement = (
        statement.add_columns(func.sum(amount))
        .join(receiver, receiver.id == m.Transfer.receiver_id)
        .join(m.Category, m.Category.code == m.Transfer.category)
        .where(m.Transfer.voided == false())
        .group_by(m.Transfer.date, receiver.code, kind)
        .order_by(m.Transfer.date)
    )
    if f.party:
        deliverer = aliased(m.Party, name="deliverer")
        statement = statement.join(deliverer, deliverer.id == m.Transfer.deliverer_id).where(
            or_(deliverer.code == f.party, receiver.code == f.party)
        )
    if f.category and not (f.process or f.round):
        statement = statement.where(m.Transfer.category == f.category)
    statement = transfer_dates(statement, m.Transfer, f)
    daily = pd.DataFrame(session.execute(statement).all(), columns=["date", "side", "kind", "count"])
    if daily.empty:
        return pd.DataFrame(columns=["date"])
    daily["date"] = [as_date(d) for d in daily["date"]]
    daily["count"] = daily["count"].fillna(0).astype(int)
    daily["line"] = daily["kind"] + " to " + daily["side"]
    table = daily.pivot_table(index="date", columns="line", values="count", aggfunc="sum", fill_value=0).cumsum()
    kinds = {kind: i for i, kind in enumerate(domain.KINDS)}
    table = table[sorted(table.columns, key=lambda c: (kinds[c.split(" to ")[0]], c))]
    table.columns.name = None
    rounds = (
        select(m.Round.start_date, m.Round.number, m.Process.key)
        .join(m.Process, m.Process.id == m.Round.process_id)
        .where(m.Round.start_date.is_not(None), m.Round.voided == false())
        .order_by(m.Round.start_date, sql.code_point_order(m.Process.key), m.Round.number)
    )
    if f.process:
        rounds = rounds.where(m.Process.key == f.process)
    if f.round:
        rounds = rounds.where(m.Round.key == f.round)
    started = [(as_date(d), number, process) for d, number, process in session.execute(rounds)]
    several = len({process for _, _, process in started}) > 1
    labels: dict[Any, list[str]] = {}
    for day, number, process in started:
        label = f"R{number} {day.day} {_MONTHS[day.month - 1]}"
        labels.setdefault(day, []).append(f"{process} {label}" if several else label)
    table = table.reindex(sorted(set(table.index) | set(labels))).ffill().fillna(0).astype(int)
    table["round"] = [" / ".join(labels[d]) if d in labels else None for d in table.index]
    table.index.name = "date"
    return table.reset_index()


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


BUILDERS: dict[str, Callable[[Session, Filters], Report]] = {
    "commitments": commitments,
    "fulfilment": fulfilment,
    "register": register,
    "discrepancies": discrepancies,
    "timeline": timeline,
    "deadlines": deadlines,
}


def build(session: Session, name: str, f: Filters) -> Report:
    """The report `name`, one of `ledger.reports.TABLES`; another name raises `InvalidInput`."""
    if name not in BUILDERS:
        shown = ", ".join(TABLES)
        if name in NAMES:  # the workbook and the page are files of several tables
            suffix = ".html" if name == "page" else ".xlsx"
            raise InvalidInput([Problem("name", f"{name} is written as a file (ledger report {name} -o FILE{suffix}); "
                                                f"the tables are {shown}")])  # fmt: skip
        raise InvalidInput([Problem("name", f"must be one of {shown}, got {name!r}")])
    f.known(session)
    return BUILDERS[name](session, f)
