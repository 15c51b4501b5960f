"""The canonical encoding of a record's cells (`ledger.encoding`): the bytes the journal hashes
and a dump writes. Every expected text here is literal, taken from the ledger as it was before the
encoding had a module of its own: a change to any of them breaks the hash of every past entry."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger import encoding, journal, queries
from ledger import models as m
from ledger.domain import PartialDate
from ledger.entities import ENTITIES
from ledger.facade import Ledger

from conftest import ok

ISTANBUL = Path(__file__).resolve().parent.parent / "data" / "istanbul-2025"

CELLS = [
    (None, ""),
    ("", ""),
    (PartialDate.parse("2025-06-12"), "2025-06-12"),
    (PartialDate.parse("2025-06"), "2025-06"),
    (dt.date(2025, 5, 16), "2025-05-16"),
    (1000, "1000"),
    (0, "0"),
    ("undisclosed", "undisclosed"),
    (["Jaźń", "Łódź"], "Jaźń;Łódź"),
    (("UKR", "RUS"), "UKR;RUS"),
    ([], ""),
    (["UKR=Rustem Umerov", "RUS=Vladimir Medinsky"], "UKR=Rustem Umerov;RUS=Vladimir Medinsky"),
    (["r3-pow-1200-for-1200:60", "r1-pow-1000-for-1000"], "r3-pow-1200-for-1200:60;r1-pow-1000-for-1000"),
    ([PartialDate.parse("2025-07"), None, 5], "2025-07;;5"),
    ('Gomel, "border"\ttab \\ Ümlaut', 'Gomel, "border"\ttab \\ Ümlaut'),
]


def test_each_kind_of_value_has_one_literal_encoding() -> None:
    for value, expected in CELLS:
        assert encoding.cell(value) == expected, value


def test_a_record_is_encoded_by_column_without_display_code() -> None:
    party = {"code": "ZZL", "name": "Żółć Gęślą", "kind": "group", "aliases": ["Jaźń", "Łódź"], "voided": False}
    assert journal.canonical(journal.state_of("party", party)) == (
        '{"aliases":"Jaźń;Łódź","code":"ZZL","kind":"group","name":"Żółć Gęślą","voided":false}'
    )
    term = {
        "term": "t1", "round": "r1", "category": "pow", "min_age": None, "max_age": 25, "condition": None,
        "status": "agreed", "supersedes": None, "deadline": PartialDate.parse("2025-07"), "sources": ["s1", "s2"],
        "description": "Ünïcode", "voided": True,
        "obligations": [{"deliverer": "UKR", "receiver": "RUS", "quantity": None, "basis": "all"},
                        {"deliverer": "RUS", "receiver": "UKR", "quantity": 1000, "basis": "exact"}],
    }  # fmt: skip
    assert journal.canonical(journal.state_of("term", term)) == (
        '{"category":"pow","condition":"","deadline":"2025-07","description":"Ünïcode","key":"t1","max_age":"25",'
        '"min_age":"","obligations":[{"basis":"all","deliverer":"UKR","quantity":"","receiver":"RUS"},'
        '{"basis":"exact","deliverer":"RUS","quantity":"1000","receiver":"UKR"}],"round":"r1","sources":"s1;s2",'
        '"status":"agreed","supersedes":"","voided":true}'
    )
    assert "ledger.render" not in _imports_of(encoding.__file__)


def _imports_of(path: str) -> str:
    return "\n".join(line for line in Path(path).read_text().splitlines() if line.startswith(("import", "from")))


# The states of the Istanbul package loaded, one party and one month-dated undisclosed transfer
# added from Python, and that transfer amended, as the ledger journaled them before. The journal
# holds them as a Merkle tree since schema 0009 (a load's batch: the root of its records' leaves):
# its digest is of that form; the records' states are those of before.
JOURNAL_DIGEST = "2785e0b26bf50c83ad819c4fac7dc99c0fa11ff855c3ef70493b2c08281a4d9e"
RECORDS_DIGEST = "252d19db91186b1db6be2a98646270af88957214a5287635a8d3a13a303c3a7c"
SOME_STATES = {
    ("party", "ZZL"): '{"aliases":"Jaźń;Łódź","code":"ZZL","kind":"group","name":"Żółć Gęślą","voided":false}',
    ("round", "istanbul-2025-r1"): (
        '{"city":"Istanbul","country":"Türkiye","end_date":"","heads":"UKR=Rustem Umerov;RUS=Vladimir Medinsky",'
        '"hosts":"TUR","key":"istanbul-2025-r1","mediators":"TUR","notes":"Chaired by Turkish Foreign Minister '
        'Hakan Fidan.","number":"1","observers":"","parties":"UKR;RUS","process":"istanbul-2025","sources":'
        '"tass-1959169;pravda-7512561;hindustantimes-101747404933556","start_date":"2025-05-16","status":"held",'
        '"venue":"Dolmabahçe Palace","voided":false}'
    ),
    ("transfer", "2025-06-ukr-rus-bodies"): (
        '{"category":"bodies","count":"78","date":"2025-06","deliverer":"UKR","exchange":"","intermediaries":"",'
        '"key":"2025-06-ukr-rus-bodies","location":"","notes":"Mid-June; a single source gives this figure.",'
        '"receiver":"RUS","sources":"head-post","terms":"r2-bodies-6000","voided":false}'
    ),
    ("transfer", "t-month"): (
        '{"category":"bodies","count":"12","date":"2025-07","deliverer":"RUS","exchange":"","intermediaries":"",'
        '"key":"t-month","location":"","notes":"ünïcode","receiver":"UKR","sources":"","terms":"","voided":false}'
    ),
    ("claim", "1"): (
        '{"claimant":"Volodymyr Zelensky","field":"start_date","quote":"Ukrainian President Volodymyr Zelensky '
        'previously indicated that talks could take place on July 23","source":"chaspravdy-2025-07-23",'
        '"stated_on":"","subject":"round:istanbul-2025-r3","value":"2025-07-23","voided":false}'
    ),
}


def test_a_ledger_journaled_before_has_the_same_states_and_verifies(db: str) -> None:
    ok(db, "load", str(ISTANBUL))
    book = Ledger.open(db, actor="tester")
    try:
        book.add("party", {"code": "ZZL", "name": "Żółć Gęślą", "kind": "group", "aliases": ["Jaźń", "Łódź"]})
        book.add("transfer", {"key": "t-month", "date": "2025-07", "deliverer": "RUS", "receiver": "UKR",
                              "category": "bodies", "count": "undisclosed", "notes": "ünïcode"})  # fmt: skip
        book.amend("transfer", "t-month", {"count": "12"}, "a count came")
        with Session(book.engine) as session:
            # A single entry's key and state, a batch's root over its records' leaves (a load's).
            entries = [
                (entity, key or "", state or "", root)
                for entity, key, state, root in session.execute(
                    select(m.JournalEntry.entity, m.JournalEntry.key, m.JournalEntry.state, m.JournalEntry.root)
                    .order_by(m.JournalEntry.seq)
                )
            ]  # fmt: skip
            states = sorted(
                (entity, key, state)
                for entity in ENTITIES
                for _, key, state in journal.identified_states(session, entity)
            )
        assert _digest(entries) == JOURNAL_DIGEST
        assert _digest(states) == RECORDS_DIGEST
        found = {(entity, key): state for entity, key, state in states}
        for name, state in SOME_STATES.items():
            assert found[name] == state, name
        assert book.verify().problems == []
    finally:
        book.close()


def _digest(rows) -> str:
    return hashlib.sha256("\n".join("\t".join(row) for row in rows).encode()).hexdigest()


# A load journals each new transfer from its clean record, without reading it back
# (`loading.transfer_state`, for a million of them): that text must be what the journal gives the
# stored record (`journal.state_of`), in every cell, or `ledger verify` would name the transfer.
TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), max_size=12)


@st.composite
def _transfer_rows(draw: st.DrawFn) -> list[dict[str, str]]:
    rows = []
    for _ in range(draw(st.integers(1, 4))):
        deliverer, receiver = draw(st.sampled_from([("RUS", "UKR"), ("UKR", "RUS")]))
        undisclosed = draw(st.booleans())
        count = "undisclosed" if undisclosed else str(draw(st.integers(1, 50)))
        month = draw(st.booleans())
        date = draw(st.sampled_from(["2025-07", "2025-08"])) if month else f"2025-07-{draw(st.integers(1, 31)):02d}"
        terms = (
            ""
            if undisclosed or month
            else draw(st.sampled_from(["", "r1-pow-1000-for-1000", "r1-pow-1000-for-1000:1"]))
        )
        rows.append({
            "date": date, "deliverer": deliverer, "receiver": receiver, "category": "pow", "count": count,
            "terms": terms, "exchange": draw(st.sampled_from(["", "swap-x"])),
            "intermediaries": draw(st.sampled_from(["", "ICRC", "UAE;ICRC"])), "location": draw(TEXT).strip(),
            "sources": draw(st.sampled_from(["", "pravda-7513734", "babel-121896;anews-2025-07-23"])),
            "notes": draw(TEXT).strip(),
        })  # fmt: skip
    return rows


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ledger]:
    path = tmp_path_factory.mktemp("states") / "ledger.db"
    Ledger.init(path)
    book = Ledger.open(path, actor="analyst")
    book.load(ISTANBUL)
    yield book
    book.close()


_loads = itertools.count()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=_transfer_rows())
def test_a_loaded_transfer_is_journaled_in_the_state_the_journal_gives_it_stored(
    loaded: Ledger, rows: list[dict[str, str]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    load = next(_loads)
    folder = tmp_path_factory.mktemp("package")
    keys = [f"state-{load}-{i}" for i in range(len(rows))]
    with (folder / "transfers.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=encoding.columns("transfer"))
        writer.writeheader()
        writer.writerows({"key": key, **row} for key, row in zip(keys, rows, strict=True))
    done = loaded.load(folder / "transfers.csv")
    assert not done.refused, [str(p) for p in done.report.problems]
    with Session(loaded.engine) as session:
        leaves = journal.leaves(session)
        journaled = dict(
            session.execute(select(m.Transfer.key, m.Transfer.leaf_index).where(m.Transfer.key.in_(keys))).all()
        )
        for key in keys:  # the leaf the load hashed from its text is the leaf of the state stored
            stored = journal.state_of("transfer", queries.one(session, "transfer", key))
            assert leaves[journaled[key]] == journal.leaf_of(journal.canonical(stored))
