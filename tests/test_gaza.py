"""The second real dataset, data/gaza-2025: the 2025 Israel–Hamas agreements, with ratio terms,
deadlines as durations, and remains that proved not to be the named hostage corrected in its
corrections.csv. It loads, checks and round-trips, alone and beside the Istanbul dataset."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ledger.package import FILES, OPTIONAL

from conftest import GAZA, ISTANBUL, counts, ok

README = Path(__file__).resolve().parent.parent / "README.md"
DUMPED = [f"{stem}.csv" for entity, stem in FILES.items() if entity not in OPTIONAL] + ["datapackage.json"]
CORRECTED = {
    "2025-02-20-ham-isr-bodies": 3,  # the fourth body was not Shiri Bibas
    "2025-10-14-ham-isr-bodies": 3,  # the fourth body matched none of the hostages
}
VOIDED = ["2025-10-27-ham-isr-bodies", "2025-10-31-ham-isr-bodies", "2025-12-02-ham-isr-bodies"]


def _history(db: str, key: str) -> list[str]:
    """A transfer's history without the times and actor of its entries."""
    lines = ok(db, "transfer", "history", key).splitlines()
    return [
        line if line.startswith("    ") else line.split("  ", 1)[0] + "  " + line.split("  ", 3)[3] for line in lines
    ]


def test_the_gaza_dataset_loads_its_corrections_and_passes_its_checks(db: str) -> None:
    assert ok(db, "load", str(GAZA)) == (
        "changed transfer 2025-02-20-ham-isr-bodies: count: 4 → 3 (corrections.csv:2)\n"
        "changed transfer 2025-10-14-ham-isr-bodies: count: 4 → 3 (corrections.csv:3)\n"
        "changed transfer 2025-10-27-ham-isr-bodies: voided (corrections.csv:4)\n"
        "changed transfer 2025-10-31-ham-isr-bodies: voided (corrections.csv:5)\n"
        "changed transfer 2025-12-02-ham-isr-bodies: voided (corrections.csv:6)\n"
        f"Loaded {GAZA}: added 9 parties, 124 sources, 1 process, 2 rounds, 21 terms, 54 transfers, 26 claims, "
        "5 assertions; changed 5 transfers; 0 unchanged.\n"
    )
    assert ok(db, "check") == "5 of 5 assertions hold; 239 records checked against every rule: all pass.\n"
    before = counts(db)
    assert ok(db, "load", str(GAZA)) == f"Loaded {GAZA}: nothing new, 242 records already in the ledger.\n"
    assert counts(db) == before


@pytest.mark.usefixtures("gaza")
def test_history_tells_how_the_remains_were_handed_over_and_corrected(db: str) -> None:
    assert _history(db, "2025-02-20-ham-isr-bodies")[1:] == [
        '#9  amend — The fourth body was "not that of Shiri Bibas and did not match any known hostage" (IDF: '
        '"grave violation"); Hamas said the remains were "mixed up" in the rubble of an airstrike',
        "    count: 4 → 3",
    ]
    assert _history(db, "2025-10-31-ham-isr-bodies")[1:] == [
        '#12  void — "Not our hostages" (PMO): the remains of three people',
        "    voided: False → True",
    ]
    listed = {t["key"]: t["count"] for t in json.loads(ok(db, "transfer", "list", "--format", "json"))}
    assert {key: listed[key] for key in CORRECTED} == CORRECTED
    assert not set(VOIDED) & set(listed)


@pytest.mark.usefixtures("gaza")
def test_the_ratio_terms_commit_what_their_base_terms_delivered(db: str) -> None:
    rows = json.loads(ok(db, "report", "fulfilment", "--format", "json", "--process", "gaza-2025"))
    found = {r["term"]: (r["basis"], r["committed"], r["delivered"], r["score"]) for r in rows}
    assert found["r1-hostages-civilian"] == ("all", None, 5, None)
    assert found["r1-detainees-per-civilian"] == ("ratio", 150, 150, 3)  # 30 × 5 civilians
    assert found["r1-hostages-female-soldier"] == ("all", None, 5, None)
    assert found["r1-detainees-per-female-soldier"] == ("ratio", 250, 250, 3)  # 50 × 5 soldiers
    assert found["r2-remains-hostages"] == ("all", None, 23, None)
    assert found["r2-remains-foreign-nationals"] == ("all", None, 4, None)  # none returned for them
    assert found["r2-remains-palestinians"] == ("ratio", 345, 345, 3)  # 15 × 23
    assert found["r2-hostages-living"] == ("exact", 20, 20, 3)
    assert found["r2-detainees-gaza"] == ("exact", 1700, 1718, 3)
    detainees = sum(r["delivered"] for r in rows if r["round"] == "gaza-2025-r1" and r["category"] == "detainee")
    assert detainees == 1778  # the Israel Prison Service's figure, an assertion that holds


@pytest.mark.usefixtures("gaza")
def test_a_dump_is_the_package_as_corrected_and_round_trips(db: str, fresh_db: str, tmp_path: Path) -> None:
    dumped = tmp_path / "dump"
    ok(db, "dump", str(dumped))
    assert sorted(p.name for p in dumped.iterdir()) == sorted(DUMPED)
    for name in DUMPED:
        if name not in ("transfers.csv", "datapackage.json"):
            assert (dumped / name).read_bytes() == (GAZA / name).read_bytes(), name
    transfers = (dumped / "transfers.csv").read_text(encoding="utf-8").splitlines()
    original = (GAZA / "transfers.csv").read_text(encoding="utf-8").splitlines()
    assert len(transfers) == len(original) - len(VOIDED)
    assert [line for line in transfers if line.startswith(tuple(CORRECTED))] == [
        line.replace(",bodies,4,", ",bodies,3,") for line in original if line.startswith(tuple(CORRECTED))
    ]
    descriptor = json.loads((GAZA / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor.pop("licenses")
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] != "corrections"]
    assert json.loads((dumped / "datapackage.json").read_text(encoding="utf-8")) == descriptor
    ok(fresh_db, "load", str(dumped))
    again = tmp_path / "again"
    ok(fresh_db, "dump", str(again))
    assert {p.name: p.read_bytes() for p in again.iterdir()} == {p.name: p.read_bytes() for p in dumped.iterdir()}


def test_the_package_without_its_corrections_is_a_dump_byte_for_byte(db: str, tmp_path: Path) -> None:
    package = tmp_path / "package"
    shutil.copytree(GAZA, package)
    (package / "corrections.csv").unlink()
    ok(db, "load", str(package))
    ok(db, "dump", str(tmp_path / "dump"))
    for name in DUMPED[:-1]:
        assert (tmp_path / "dump" / name).read_bytes() == (GAZA / name).read_bytes(), name


def test_both_datasets_load_into_one_ledger(db: str) -> None:
    ok(db, "load", str(ISTANBUL))
    loaded = ok(db, "load", str(GAZA)).splitlines()[-1]
    assert loaded.endswith("changed 5 transfers; 3 unchanged.")  # ICRC, TUR and USA, the same rows
    assert ok(db, "check") == "6 of 6 assertions hold; 357 records checked against every rule: all pass.\n"


@pytest.mark.usefixtures("gaza")
def test_the_readme_shows_the_gaza_fulfilment_report_as_it_is(db: str) -> None:
    shown = (
        README.read_text(encoding="utf-8")
        .split("<!-- gaza-fulfilment:start -->\n```\n")[1]
        .split("```\n<!-- gaza-fulfilment:end")[0]
    )
    assert ok(db, "report", "fulfilment", "--process", "gaza-2025") == shown
