"""The journal: amend, void, history, verify and log, on both engines."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from ledger import db as ledger_db
from ledger.config import normalise_url

from conftest import counts, ok, prebuilt, run


def _sql(db: str, statement: str) -> None:
    engine = ledger_db.make_engine(normalise_url(db))
    try:
        with engine.begin() as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()


@prebuilt("ledger", on="round1")
def ledger(round1: str) -> None:
    """Round 1 with a transfer, a claim on it and an assertion."""
    ok(round1, "transfer", "add", "t1", "--date", "2025-05-23", "--from", "RUS", "--to", "UKR", "--category", "pow",
       "--count", "270", "--term", "r1-pow-exchange", "--source", "pravda-7513734")  # fmt: skip
    ok(round1, "claim", "add", "--subject", "transfer:t1", "--field", "count", "--value", "390",
       "--source", "pravda-7513734")  # fmt: skip
    ok(round1, "assertion", "add", "a1", "--as-of", "2025-05-31", "--from", "RUS", "--to", "UKR", "--category", "pow",
       "--expected", "270")  # fmt: skip


AMENDMENTS = [
    ("party", "ICRC", ["--name", "ICRC"], "name: International Committee of the Red Cross → ICRC"),
    ("source", "tass-1959169", ["--title", "Talks"], "title: (empty) → Talks"),
    ("process", "istanbul-2025", ["--description", "Hosted by Türkiye"], "description: (empty) → Hosted by Türkiye"),
    ("round", "istanbul-2025-r1", ["--end", "2025-05-17"], "end_date: (empty) → 2025-05-17"),
    ("term", "r1-pow-exchange", ["--basis", "at-least"],
     "obligations: UKR→RUS 1000 exact; RUS→UKR 1000 exact → UKR→RUS 1000 at-least; RUS→UKR 1000 at-least"),
    ("transfer", "t1", ["--count", "390"], "count: 270 → 390"),
    ("claim", "1", ["--claimant", "Ukraine"], "claimant: (empty) → Ukraine"),
    ("assertion", "a1", ["--expected", "390"], "expected: 270 → 390"),
]  # fmt: skip


@pytest.mark.parametrize(("entity", "key", "options", "change"), AMENDMENTS, ids=[a[0] for a in AMENDMENTS])
def test_amend_and_history_for_every_entity(
    ledger: str, entity: str, key: str, options: list[str], change: str
) -> None:
    result = run(ledger, "--actor", "alice", entity, "amend", key, *options, "--reason", "checked the source")
    assert (result.exit_code, result.stdout) == (0, f"Amended {entity} {key}: {change}.\n")
    versions = json.loads(ok(ledger, entity, "history", key, "--format", "json"))
    assert [v["action"] for v in versions] == ["add", "amend"]
    assert (versions[1]["actor"], versions[1]["reason"], versions[1]["changes"]) == (
        "alice", "checked the source", [change])  # fmt: skip
    text_history = ok(ledger, entity, "history", key)
    assert f"  alice  amend — checked the source\n    {change}\n" in text_history
    assert ok(ledger, "verify").startswith("Verified: ")


def test_amend_is_checked_by_the_rules_of_add(ledger: str) -> None:
    before = counts(ledger)
    result = run(ledger, "transfer", "amend", "t1", "--count", "-5", "--to", "RUS", "--reason", "x")
    assert (result.exit_code, result.stderr) == (2, (
        "Error: --to: must differ from the deliverer, got 'RUS' for both\n"
        "Error: --count: must be a whole number ≥ 0 or \"undisclosed\", got '-5'\n"))  # fmt: skip
    assert counts(ledger) == before
    assert ok(ledger, "transfer", "amend", "t1", "--count", "270", "--reason", "x") == (
        "Nothing to change: transfer t1 already has these values.\n")  # fmt: skip
    assert run(ledger, "transfer", "amend", "t1", "--count", "3").exit_code == 2  # --reason is required


def test_amending_a_transfer_reallocates(ledger: str) -> None:
    ok(ledger, "transfer", "amend", "t1", "--count", "1200", "--reason", "the full swap")
    fulfilment = ok(ledger, "report", "fulfilment", "--format", "csv")
    assert "r1-pow-exchange,istanbul-2025-r1,pow,RUS,UKR,exact,1000,1200,0,0,,,200,120.0,3," in fulfilment


def test_amending_a_transfers_lists_changes_them_in_reports_and_dumps(ledger: str, tmp_path) -> None:
    ok(ledger, "transfer", "amend", "t1", "--source", "tass-1959169", "--source", "pravda-7513734", "--via", "TUR",
       "--term", "r1-pow-exchange:200", "--reason", "a second source")  # fmt: skip
    register = ok(ledger, "report", "register", "--format", "csv")
    assert ",r1-pow-exchange:200,,TUR,,tass-1959169;pravda-7513734," in register
    ok(ledger, "dump", str(tmp_path / "d"))
    assert ",r1-pow-exchange:200,,TUR,,tass-1959169;pravda-7513734," in (tmp_path / "d" / "transfers.csv").read_text()
    assert ok(ledger, "check").endswith(": all pass.\n")


VOIDS = [("claim", "1"), ("assertion", "a1"), ("transfer", "t1"), ("source", "pravda-7513734")]


@pytest.mark.parametrize(("entity", "key"), VOIDS, ids=[v[0] for v in VOIDS])
def test_void_keeps_the_record_but_it_stops_counting(ledger: str, entity: str, key: str) -> None:
    before = counts(ledger)
    result = run(ledger, entity, "void", key, "--reason", "entered twice", "--cascade")
    assert result.exit_code == 0, result.output
    assert f"{entity} {key}" in result.stdout
    after = counts(ledger)
    assert after[entity] == before[entity]  # never deleted
    assert after["journal"] > before["journal"]
    listed = ok(ledger, entity, "list", "--format", "json")
    assert key not in listed
    assert ok(ledger, entity, "show", key).startswith("voided:")  # still shown, marked voided
    history = json.loads(ok(ledger, entity, "history", key, "--format", "json"))
    assert history[-1]["action"] == "void" and history[-1]["state"]["voided"] is True
    assert ok(ledger, "verify").startswith("Verified: ")


def test_a_voided_transfer_leaves_reports_checks_and_dumps(ledger: str, tmp_path) -> None:
    ok(ledger, "claim", "void", "1", "--reason", "x")
    ok(ledger, "transfer", "void", "t1", "--reason", "reported by mistake")
    assert "r1-pow-exchange,istanbul-2025-r1,pow,RUS,UKR,exact,1000,0,0,1000,,," in ok(
        ledger, "report", "fulfilment", "--format", "csv")  # fmt: skip
    result = run(ledger, "check")
    assert result.exit_code == 1 and "expected 270 pow RUS → UKR by 2025-05-31; the ledger has 0" in result.stdout
    ok(ledger, "dump", str(tmp_path / "d"))
    assert (tmp_path / "d" / "transfers.csv").read_text(encoding="utf-8").count("\n") == 1
    assert "t1" not in ok(ledger, "report", "register", "--format", "csv")


def test_voiding_what_others_depend_on_is_refused_unless_cascade(ledger: str) -> None:
    before = counts(ledger)
    result = run(ledger, "round", "void", "istanbul-2025-r1", "--reason", "wrong round")
    assert (result.exit_code, result.stderr) == (2, (
        "Error: KEY: 1 live record depends on round istanbul-2025-r1 (term r1-pow-exchange): void it first, or give "
        "--cascade\n"))  # fmt: skip
    assert counts(ledger) == before
    result = run(ledger, "round", "void", "istanbul-2025-r1", "--reason", "wrong round", "--cascade")
    assert result.stdout == (
        "Voided claim 1, transfer t1, term r1-pow-exchange, round istanbul-2025-r1.\n")  # fmt: skip
    assert run(ledger, "transfer", "amend", "t1", "--count", "1", "--reason", "x").stderr == (
        "Error: KEY: transfer 't1' is voided\n")  # fmt: skip
    assert run(ledger, "transfer", "add", "t1", "--date", "2025-05-23", "--from", "RUS", "--to", "UKR",
               "--category", "pow", "--count", "1").stderr == "Error: KEY: transfer 't1' already exists\n"  # fmt: skip
    assert run(ledger, "transfer", "add", "t2", "--date", "2025-05-23", "--from", "RUS", "--to", "UKR",
               "--category", "pow", "--count", "1", "--term", "r1-pow-exchange").stderr == (
        "Error: --term: term 'r1-pow-exchange' is voided\n")  # fmt: skip
    assert ok(ledger, "verify").startswith("Verified: ")


# verify


def test_verify_a_clean_ledger_and_print_its_head(ledger: str) -> None:
    summary = ok(ledger, "verify")
    assert summary.startswith("Verified: 12 journal entries chain correctly and 12 records match them; head ")
    head = ok(ledger, "verify", "--print-head").strip()
    assert len(head) == 64 and summary.endswith(f"head {head}.\n")
    log = json.loads(ok(ledger, "log", "--format", "json"))
    assert log[0]["hash"] == head and [e["seq"] for e in log] == list(range(12, 0, -1))


def _verify_fails(db: str) -> str:
    result = run(db, "verify")
    assert result.exit_code == 1
    return result.stdout


def test_verify_finds_a_record_edited_behind_the_ledgers_back(ledger: str) -> None:
    _sql(ledger, "UPDATE transfer SET count = 2700 WHERE key = 't1'")
    assert _verify_fails(ledger) == (
        "FAIL transfer t1: differs from the journal (count: journal '270', ledger '2700')\n"
        "FAIL transfer t1: allocation to term r1-pow-exchange RUS→UKR: stored 270 (explicit), "
        "recomputed 2700 (explicit)\n2 problems found.\n"
    )


def test_verify_finds_a_record_with_no_journal_entry(ledger: str) -> None:
    _sql(ledger, "INSERT INTO process (key, name, voided) VALUES ('ghost', 'Ghost talks', false)")
    assert "FAIL process ghost: has no journal entry (written behind the ledger's back)\n" in _verify_fails(ledger)


def test_verify_finds_an_altered_journal_entry(ledger: str) -> None:
    _sql(ledger, "UPDATE journal SET actor = 'mallory' WHERE seq = 3")
    assert "FAIL journal entry 3 (add party TUR): altered (its hash does not match its contents)\n" in _verify_fails(
        ledger)  # fmt: skip


def test_verify_finds_a_removed_journal_entry(ledger: str) -> None:
    _sql(ledger, "DELETE FROM journal WHERE seq = 5")
    out = _verify_fails(ledger)
    assert "FAIL journal: entry 5 is missing (removed from the journal)\n" in out
    assert "FAIL source tass-1959169: has no journal entry (written behind the ledger's back)\n" in out


def test_verify_finds_the_last_journal_entry_removed(ledger: str) -> None:
    _sql(ledger, "DELETE FROM journal WHERE seq = 12")
    assert _verify_fails(ledger) == (
        "FAIL assertion a1: has no journal entry (written behind the ledger's back, or its entry removed: its leaf 11 "
        "is beyond the journal's 11)\n1 problem found.\n"
    )


def test_a_refused_write_leaves_no_journal_entry(ledger: str) -> None:
    before = counts(ledger)["journal"]
    assert run(ledger, "party", "add", "UKR", "--name", "again").exit_code == 2
    assert counts(ledger)["journal"] == before


def test_log_filters(ledger: str) -> None:
    ok(ledger, "--actor", "bob", "process", "amend", "istanbul-2025", "--name", "Istanbul talks", "--reason", "short")
    rows = json.loads(ok(ledger, "log", "--actor", "bob", "--format", "json"))
    assert [(r["action"], r["entity"], r["key"], r["reason"]) for r in rows] == [
        ("amend", "process", "istanbul-2025", "short")]  # fmt: skip
    assert json.loads(ok(ledger, "log", "--since", "2999-01", "--format", "json")) == []


def test_the_library_log_refuses_a_date_that_is_not_one(ledger: str) -> None:
    from ledger.errors import InvalidInput
    from ledger.facade import Ledger

    book = Ledger.open(normalise_url(ledger))
    try:
        assert len(book.log(since="2025-06")) == len(book.log()) and book.log(since="2999-01-01") == []
        with pytest.raises(InvalidInput, match=r"^since: is not a real date, got '2025-13'$"):
            book.log(since="2025-13")  # compared as text, it came after every entry's time: all of them
    finally:
        book.close()


def test_the_actor_comes_from_the_environment(round1: str, monkeypatch) -> None:
    monkeypatch.setenv("LEDGER_ACTOR", "carol")
    ok(round1, "party", "add", "UAE", "--name", "United Arab Emirates")
    assert json.loads(ok(round1, "log", "--format", "json"))[0]["actor"] == "carol"


def test_loads_are_journaled(db: str) -> None:
    from pathlib import Path

    data = Path(__file__).resolve().parent.parent / "data" / "istanbul-2025"
    ok(db, "--actor", "loader", "load", str(data))
    log = json.loads(ok(db, "log", "--format", "json"))
    # One batch entry for each table, oldest last, holding the leaves of every record it added.
    assert [(e["seq"], e["action"], e["entity"], e["key"], e["records"]) for e in log] == [
        (8, "load", "assertion", None, 1), (7, "load", "claim", None, 15),
        (6, "load", "transfer", None, 48), (5, "load", "term", None, 12),
        (4, "load", "round", None, 3), (3, "load", "process", None, 1),
        (2, "load", "source", None, 35), (1, "load", "party", None, 6),
    ]  # fmt: skip
    assert {e["actor"] for e in log} == {"loader"} and {e["reason"] for e in log} == {f"loaded from {data}"}
    assert ok(db, "verify").startswith("Verified: 8 journal entries chain correctly and 121 records match them")
    table = ok(db, "log")
    assert "  loader  load    transfer   48 trans" in table
    csv = ok(db, "log", "--format", "csv").splitlines()
    assert csv[0] == "seq,at,actor,action,entity,key,reason,hash,records"
    assert csv[3].startswith("6,") and ",loader,load,transfer,,loaded from " in csv[3] and csv[3].endswith(",48")


def test_a_load_journals_each_record_in_canonical_json(ledger: str, tmp_path) -> None:
    # A load builds transfer states as text directly; they must read as the canonical form does.
    from sqlalchemy.orm import Session

    from ledger import journal
    from ledger.config import database_url
    from ledger.facade import Ledger
    from ledger.journal import canonical

    package = tmp_path / "more"
    package.mkdir()
    (package / "transfers.csv").write_text(
        "key,date,deliverer,receiver,category,count,terms,intermediaries,location,notes\n"
        't9,2025-05,RUS,UKR,pow,undisclosed,r1-pow-exchange,ICRC,"Gomel, ""border""",Ümlaut \\ tab\there\n',
        encoding="utf-8",
    )
    ok(ledger, "load", str(package))
    engine = Ledger.open(database_url(ledger)).engine
    with Session(engine) as session:
        index, state = journal.record_leaf(session, "transfer", "t9")  # its canonical state, from the record
        leaves = journal.leaves(session)
        stored = session.execute(text("SELECT leaf, leaf_index FROM transfer WHERE key = 't9'")).one()
    engine.dispose()
    # The leaf the load hashed from the text it built is the leaf of the canonical state.
    assert (index, stored.leaf_index, stored.leaf) == (len(leaves) - 1, index, leaves[index].hex())
    assert leaves[index] == journal.leaf_of(state) and state == canonical(json.loads(state))
    assert json.loads(state) == {
        "category": "pow", "count": "undisclosed", "date": "2025-05", "deliverer": "RUS", "exchange": "",
        "intermediaries": "ICRC", "key": "t9", "location": 'Gomel, "border"', "notes": "Ümlaut \\ tab\there",
        "receiver": "UKR", "sources": "", "terms": "r1-pow-exchange", "voided": False,
    }  # fmt: skip
    assert ok(ledger, "verify").startswith("Verified: ")


# verify recomputes the derived tables: the allocation shares every report sums, the lists' texts

SHARE = ("INSERT INTO allocation_share (transfer_id, obligation_id, amount, explicit, deliverer_id, receiver_id, "
         "category, date, date_precision) SELECT transfer_id, obligation_id, amount, explicit, deliverer_id, "
         "receiver_id, category, date, date_precision FROM allocation_share")  # fmt: skip
TAMPERED_SHARES = [
    ("UPDATE allocation_share SET amount = 5000",
     "stored 5000 (explicit), recomputed 270 (explicit)"),
    (SHARE, "stored 270 (explicit) + 270 (explicit), recomputed 270 (explicit)"),
    ("DELETE FROM allocation_share", "stored nothing, recomputed 270 (explicit)"),
    ("UPDATE allocation_share SET explicit = false", "stored 270 (automatic), recomputed 270 (explicit)"),
]  # fmt: skip


@pytest.mark.parametrize(("statement", "shown"), TAMPERED_SHARES, ids=["amount", "copied", "deleted", "explicit"])
def test_verify_finds_an_allocation_share_changed_behind_the_ledgers_back(
    ledger: str, statement: str, shown: str
) -> None:
    assert ok(ledger, "check").endswith(": all pass.\n")
    _sql(ledger, statement)
    assert _verify_fails(ledger) == (
        f"FAIL transfer t1: allocation to term r1-pow-exchange RUS→UKR: {shown}\n1 problem found.\n"
    )


def test_verify_finds_an_unallocated_share_that_is_not_the_walks(ledger: str) -> None:
    ok(ledger, "transfer", "add", "t2", "--date", "2025-05-24", "--from", "RUS", "--to", "UKR", "--category", "pow",
       "--count", "800")  # fmt: skip  # 730 fill the term, 70 are left unallocated
    assert ok(ledger, "verify").startswith("Verified: ")
    _sql(ledger, "UPDATE allocation_share SET obligation_id = NULL WHERE amount = 730")
    assert _verify_fails(ledger) == (
        "FAIL transfer t2: allocation to term r1-pow-exchange RUS→UKR: stored nothing, recomputed 730 (automatic)\n"
        "FAIL transfer t2: unallocated: stored 70 (automatic) + 730 (automatic), recomputed 70 (automatic)\n"
        "2 problems found.\n"
    )


def test_verify_finds_a_count_journaled_without_reallocating(ledger: str) -> None:
    """An editor may change a transfer and append a validly hashed entry for it: the journal
    agrees, but the shares still hold the old figure, and every report would sum it."""
    from ledger.journal import Journal

    engine = ledger_db.make_engine(normalise_url(ledger))
    try:
        with ledger_db.writing(engine) as session:
            journal = Journal(session, "mallory")
            was = journal.version("transfer", "t1")
            session.execute(text("UPDATE transfer SET count = 2700 WHERE key = 't1'"))
            journal.record("amend", "transfer", "t1", "recounted", was)
            journal.flush()
    finally:
        engine.dispose()
    assert _verify_fails(ledger) == (
        "FAIL transfer t1: allocation to term r1-pow-exchange RUS→UKR: stored 270 (explicit), "
        "recomputed 2700 (explicit)\n1 problem found.\n"
    )
    ok(ledger, "transfer", "amend", "t1", "--count", "2701", "--reason", "recounted again")  # reallocates
    assert ok(ledger, "verify").startswith("Verified: 14 journal entries chain correctly")


def test_verify_finds_a_transfers_list_text_that_is_not_its_links(ledger: str) -> None:
    _sql(ledger, "UPDATE transfer SET terms_text = 'r1-pow-exchange:5000', intermediaries_text = 'ICRC'")
    assert _verify_fails(ledger) == (
        "FAIL transfer t1: terms: reports and dumps show 'r1-pow-exchange:5000', its links give 'r1-pow-exchange'\n"
        "FAIL transfer t1: intermediaries: reports and dumps show 'ICRC', its links give '(empty)'\n"
        "2 problems found.\n"
    )


def test_verify_finds_a_share_whose_copy_of_its_transfer_differs(ledger: str) -> None:
    _sql(ledger, "UPDATE allocation_share SET category = 'civilian'")
    assert _verify_fails(ledger) == (
        "FAIL transfer t1: its allocation shares hold another direction, category or date\n1 problem found.\n"
    )


def test_a_ledger_written_only_through_the_ledger_verifies(ledger: str) -> None:
    """Shares written one transfer at a time, by amendments and voids, are those a fresh walk gives."""
    named = ("--term", "r1-pow-exchange")
    for key, day, count, *terms in (("t2", "2025-05-24", "800"), ("t3", "2025-05", "undisclosed"),
                                    ("t0", "2025-05-20", "100"), ("t4", "2025-05-25", "50", *named),
                                    ("t5", "2025-05-26", "undisclosed", *named)):  # fmt: skip
        ok(ledger, "transfer", "add", key, "--date", day, "--from", "RUS", "--to", "UKR", "--category", "pow",
           "--count", count, *terms)  # fmt: skip
    ok(ledger, "transfer", "amend", "t2", "--count", "900", "--reason", "recounted")
    ok(ledger, "transfer", "void", "t0", "--reason", "entered twice")
    ok(ledger, "term", "add", "r1-pow-more", "--round", "istanbul-2025-r1", "--category", "pow", "--each", "100")
    assert ok(ledger, "verify").startswith("Verified: 20 journal entries chain correctly and 18 records match them")


def test_verify_reads_one_moment_while_others_write(ledger: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A transfer added by another writer while verify walks the allocation is not taken for a
    share written behind the ledger's back: verify reads the ledger as it stood when it began."""
    from ledger import derived
    from ledger.facade import Ledger

    walk = derived.allocation_walk

    def walk_then_another_writer_adds(session):
        yield from walk(session)
        other = Ledger.open(normalise_url(ledger))
        try:
            other.add("transfer", {"key": "t2", "date": "2025-05-24", "deliverer": "RUS", "receiver": "UKR",
                                   "category": "pow", "count": "30"})  # fmt: skip
        finally:
            other.close()

    monkeypatch.setattr(derived, "allocation_walk", walk_then_another_writer_adds)
    assert ok(ledger, "verify").startswith("Verified: 12 journal entries chain correctly and 12 records match them")
    monkeypatch.undo()
    assert ok(ledger, "verify").startswith("Verified: 13 journal entries chain correctly and 13 records match them")
