"""Several processes writing one ledger at once: nothing lost, nothing fails with "database is
locked", and a key two writers race for ends with one winner and one clean refusal."""

from __future__ import annotations

import json
import subprocess
import sys

from ledger.config import normalise_url

from conftest import counts, ok

WRITER = """
import json, sys
from ledger.services import Ledger
from ledger.errors import LedgerError
url, n, writes = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
ledger = Ledger.open(url)
outcome = {"added": 0, "refused": []}
for i in range(writes):
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
        subprocess.Popen(
            [sys.executable, "-c", WRITER, url, str(n), "25"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for n in range(4)
    ]
    outcomes = []
    for writer in writers:
        out, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err
        outcomes.append(json.loads(out))
    assert sum(o["added"] for o in outcomes) == 4 * 25 + 1
    refusals = [r for o in outcomes for r in o["refused"]]
    assert len(refusals) == 3
    assert all("SAME" in r or "already exists" in r for r in refusals), refusals
    assert counts(db)["party"] == 4 * 25 + 1
    assert ok(db, "party", "show", "SAME").startswith("code:    SAME\n")
