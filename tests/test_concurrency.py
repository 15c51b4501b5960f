"""Several processes writing one ledger at once: nothing lost, nothing fails with "database is
locked", the journal stays one unbroken chain, and a key two writers race for ends with one
winner and one clean refusal. A load killed halfway leaves the ledger as it was."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from ledger.config import normalise_url

from conftest import counts, ok, run

WRITER = """
import json, sys
from ledger.facade import Ledger
from ledger.errors import LedgerError
url, n, writes = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
ledger = Ledger.open(url, actor=f"writer-{n}")
outcome = {"added": 0, "amended": 0, "refused": []}
for i in range(writes):
    if i % 5 == 4:  # every fifth write amends what this writer added just before
        ledger.amend("party", f"P{n}X{i - 1}", {"name": f"Party {n}.{i - 1}, amended"}, "a second look")
        outcome["amended"] += 1
    else:
        ledger.add("party", {"code": f"P{n}X{i}", "name": f"Party {n}.{i}"})
        outcome["added"] += 1
try:
    ledger.add("party", {"code": "SAME", "name": f"Writer {n}"})
    outcome["added"] += 1
except LedgerError as refusal:
    outcome["refused"].append(str(refusal))
ledger.close()
print(json.dumps(outcome))
"""


def test_four_writers_at_once_lose_nothing(db: str) -> None:
    url = normalise_url(db)
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, url, str(n), "25"], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
        for n in range(4)
    ]  # fmt: skip
    outcomes = []
    for writer in writers:
        out, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err
        outcomes.append(json.loads(out))
    added = sum(o["added"] for o in outcomes)
    amended = sum(o["amended"] for o in outcomes)
    assert (added, amended) == (4 * 20 + 1, 4 * 5)
    refusals = [r for o in outcomes for r in o["refused"]]
    assert len(refusals) == 3 and all("SAME" in r or "already exists" in r for r in refusals), refusals
    assert counts(db)["party"] == 4 * 20 + 1
    assert counts(db)["journal"] == added + amended
    seqs = [entry["seq"] for entry in json.loads(ok(db, "log", "--format", "json"))]
    assert seqs == list(range(added + amended, 0, -1))  # one chain: no duplicate, no gap
    assert ok(db, "verify").startswith(f"Verified: {added + amended} journal entries")
    assert "Party 3.18, amended" in ok(db, "party", "show", "P3X18")


def _package(folder: Path, transfers: int) -> Path:
    folder.mkdir()
    (folder / "parties.csv").write_text("code,name\nUKR,Ukraine\nRUS,Russia\n", encoding="utf-8")
    lines = ["key,date,deliverer,receiver,category,count"]
    lines += [f"t{i:06},2025-06-{1 + i % 28:02},RUS,UKR,pow,{i % 300}" for i in range(transfers)]
    (folder / "transfers.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_a_load_killed_halfway_leaves_the_ledger_as_it_was(db: str, tmp_path: Path) -> None:
    ok(db, "party", "add", "TUR", "--name", "Türkiye")
    before = counts(db)
    package = _package(tmp_path / "big", 200_000)
    loader = subprocess.Popen([sys.executable, "-m", "ledger", "--db", db, "load", str(package)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    time.sleep(4)
    assert loader.poll() is None, "the load finished before it could be killed: make the package bigger"
    os.kill(loader.pid, signal.SIGKILL)
    loader.wait(timeout=30)
    assert counts(db) == before
    assert ok(db, "verify").startswith("Verified: 1 journal entries chain correctly and 1 records match them")
    assert run(db, "transfer", "list", "--format", "csv").stdout.count("\n") == 1
