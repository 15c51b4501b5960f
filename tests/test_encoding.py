"""The canonical encoding of a record's cells (`ledger.encoding`): the bytes the journal hashes
and a dump writes. Every expected text here is literal, taken from the ledger as it was before the
encoding had a module of its own: a change to any of them breaks the hash of every past entry."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger import encoding, journal
from ledger import models as m
from ledger.domain import PartialDate
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
# added from Python, and that transfer amended, as the ledger journaled them before.
JOURNAL_DIGEST = "50ef0416527a43297a8fe3551fdf8abaeae56945f8dcea7f483ab90c8933c2a1"
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
            entries = session.execute(
                select(m.JournalEntry.entity, m.JournalEntry.key, m.JournalEntry.state).order_by(m.JournalEntry.seq)
            ).all()
            states = sorted((entity, key, journal.canonical(state)) for entity, key, state in journal.records(session))
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
