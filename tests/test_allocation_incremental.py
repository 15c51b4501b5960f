"""Allocating as each transfer is added (one direction, or one transfer) gives the shares a full
recomputation gives: hypothesis adds transfers in random order, dates and allocations, and between
them adds and amends terms that supersede others (in the same direction or the other)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from ledger import db
from ledger import models as m
from ledger.facade import Ledger
from ledger.shares import SHARE_COPIES, reallocate

from conftest import settle

TRANSFER = st.fixed_dictionaries({
    "day": st.integers(1, 60),
    "direction": st.sampled_from([("RUS", "UKR"), ("UKR", "RUS")]),
    "category": st.sampled_from(["pow", "civilian"]),
    "count": st.one_of(st.integers(0, 700).map(str), st.just("undisclosed")),
    "terms": st.sampled_from(["", "t1", "t2", "t1;t2", "t2:50"]),
})  # fmt: skip
# A term of round 2 superseding one of round 1, added (or, if one was added before, that one amended)
# once so many transfers are in.
CHANGE = st.fixed_dictionaries({
    "after": st.integers(0, 12),
    "action": st.sampled_from(["add", "amend"]),
    "supersedes": st.sampled_from(["t1", "t3", "c1", "t0"]),
    "direction": st.sampled_from([("RUS", "UKR"), ("UKR", "RUS")]),
    "status": st.sampled_from(["agreed", "proposed", "withdrawn"]),
})  # fmt: skip


def _shares(ledger: Ledger) -> list[tuple]:
    with db.reading(ledger.engine) as session:
        rows = session.execute(
            select(
                m.Transfer.key,
                m.AllocationShare.obligation_id,
                m.AllocationShare.amount,
                m.AllocationShare.explicit,
                *(getattr(m.AllocationShare, name) for name in SHARE_COPIES),  # as the transfer has them
            ).join(m.Transfer, m.Transfer.id == m.AllocationShare.transfer_id)
        ).all()
    return sorted(rows, key=lambda r: tuple("" if v is None else str(v) for v in r))


@pytest.fixture(scope="module")
def fresh_terms(
    sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[], AbstractContextManager[Ledger]]]:
    """What gives each example afresh the parties, rounds and terms it starts from: they are added
    once, to a template; the examples' ledger is opened once (its engine keeps the statements it has
    compiled) and its file replaced by a copy of the template while it is closed."""
    folder = tmp_path_factory.mktemp("terms")
    template, path = folder / "terms.db", folder / "l.db"
    shutil.copy(sqlite_template, template)
    ledger = Ledger.open(f"sqlite:///{template}", actor="test")
    try:
        for code in ("UKR", "RUS"):
            ledger.add("party", {"code": code, "name": code})
        ledger.add("process", {"key": "p", "name": "p"})
        ledger.add("round", {"key": "r1", "process": "p", "number": "1", "start_date": "2025-01-01",
                             "parties": ["UKR", "RUS"]})  # fmt: skip
        ledger.add("round", {"key": "r2", "process": "p", "number": "2", "start_date": "2025-01-20",
                             "parties": ["UKR", "RUS"]})  # fmt: skip
        ledger.add("term", {"key": "t1", "round": "r1", "category": "pow", "each": "500"})
        ledger.add("term", {"key": "t2", "round": "r2", "category": "pow", "each": "300", "basis": "at-least"})
        # Terms that a transfer naming none never fills: `all`, not agreed, superseded, no round start.
        ledger.add("term", {"key": "t0", "round": "r1", "category": "pow", "each": "all"})
        ledger.add("term", {"key": "t3", "round": "r1", "category": "pow", "each": "200", "status": "proposed"})
        ledger.add("term", {"key": "c1", "round": "r1", "category": "civilian", "each": "100"})
        ledger.add("term", {"key": "c2", "round": "r2", "category": "civilian", "each": "150", "supersedes": "c1"})
        ledger.add("round", {"key": "r3", "process": "p", "number": "3", "parties": ["UKR", "RUS"]})
        ledger.add("term", {"key": "t4", "round": "r3", "category": "pow", "each": "100"})
    finally:
        ledger.close()
    settle(template)
    shutil.copy(template, path)
    ledger = Ledger.open(f"sqlite:///{path}", actor="test")

    @contextmanager
    def fresh() -> Iterator[Ledger]:
        ledger.close()
        for stale in (Path(f"{path}-wal"), Path(f"{path}-shm")):
            assert not stale.exists(), f"{stale}: the ledger was not closed"
        shutil.copy(template, path)
        yield ledger

    yield fresh
    ledger.close()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(transfers=st.lists(TRANSFER, min_size=1, max_size=12), changes=st.lists(CHANGE, max_size=4))
def test_added_one_by_one_equals_recomputed(
    transfers: list[dict], changes: list[dict], fresh_terms: Callable[[], AbstractContextManager[Ledger]]
) -> None:
    with fresh_terms() as ledger:
        try:
            superseding: list[str] = []

            def change_terms(done: int) -> None:
                for change in (c for c in changes if min(c["after"], len(transfers)) == done):
                    deliverer, receiver = change["direction"]
                    values = {"supersedes": change["supersedes"], "status": change["status"]}
                    if change["action"] == "amend" and superseding:
                        ledger.amend("term", superseding[-1], values, "read again")
                    else:
                        superseding.append(f"s{len(superseding)}")
                        ledger.add("term", {"key": superseding[-1], "round": "r2", "category": "pow", **values,
                                            "obligations": [{"deliverer": deliverer, "receiver": receiver,
                                                             "quantity": "40"}]})  # fmt: skip
                    incremental = _shares(ledger)
                    with db.writing(ledger.engine) as session:
                        reallocate(session)
                    assert incremental == _shares(ledger), change

            for i, t in enumerate(transfers):
                change_terms(i)
                day = f"2025-{1 + (t['day'] - 1) // 28:02}-{1 + (t['day'] - 1) % 28:02}"
                terms = t["terms"] if t["day"] >= 20 else ("t1" if "t1" in t["terms"] else "")
                if t["count"] == "undisclosed" or int(t["count"]) < 50:
                    terms = terms.replace(":50", "")  # a count to a term needs that many people
                ledger.add("transfer", {
                    "key": f"x{(i * 7919) % 1000:03}", "date": day, "deliverer": t["direction"][0],
                    "receiver": t["direction"][1], "category": t["category"], "count": t["count"], "terms": terms,
                })  # fmt: skip
            change_terms(len(transfers))
            incremental = _shares(ledger)
            with db.writing(ledger.engine) as session:
                reallocate(session)
            assert incremental == _shares(ledger)
        finally:
            ledger.close()


def test_a_day_is_allocated_in_key_order_whatever_the_database_collation(postgres, tmp_path: Path) -> None:
    # In an en-US collation "b1" sorts before "B2"; the rule (and SQLite, and Python) put "B2" first.
    from ledger import migrate

    from conftest import ok

    name = postgres.create(options=" TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'")
    url = postgres.url_of(name)
    migrate.upgrade(url)
    package = tmp_path / "p"
    package.mkdir()
    files = {
        "parties": "code,name\nUKR,Ukraine\nRUS,Russia\n",
        "processes": "key,name\np,Talks\n",
        "rounds": "key,process,number,start_date,parties\nr1,p,1,2025-05-16,UKR;RUS\n",
        "terms": "term,round,category,deliverer,receiver,quantity,basis\nt,r1,pow,RUS,UKR,5,exact\n",
        "transfers": "key,date,deliverer,receiver,category,count\n"
        "b1,2025-05-23,RUS,UKR,pow,5\nB2,2025-05-23,RUS,UKR,pow,5\n",
    }
    for stem, text in files.items():
        (package / f"{stem}.csv").write_text(text, encoding="utf-8")
    ok(url, "load", str(package))
    shares = _shares(Ledger.open(url))
    assert [(key, obligation is not None, amount) for key, obligation, amount, *_ in shares] == [
        ("B2", True, 5), ("b1", False, 5)]  # fmt: skip
    ok(url, "transfer", "add", "B0", "--date", "2025-05-23", "--from", "RUS", "--to", "UKR", "--category", "pow",
       "--count", "5")  # fmt: skip
    shares = _shares(Ledger.open(url))
    assert [(key, obligation is not None) for key, obligation, *_ in shares] == [
        ("B0", True), ("B2", False), ("b1", False)]  # fmt: skip
    # The time line names the day's first and last keys in that order too (en-US would end at B2).
    timeline = ok(url, "report", "timeline", "--format", "json")
    assert json.loads(timeline)[-1]["detail"] == "3 transfers, B0 to b1"
