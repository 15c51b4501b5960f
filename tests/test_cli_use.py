"""The command line as users and hostile testers meet it: prompts, usage errors, filters, pipes,
voided records and spreadsheet-safe lists."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from conftest import ok

TRANSFER = ["transfer", "add", "t1", "--date", "2025-05-24", "--from", "RUS", "--to", "UKR", "--category", "pow"]


# list --format csv: what a spreadsheet would run as a formula is neutralised; a dump stays raw


def test_list_csv_neutralises_formulas_and_a_dump_keeps_them(round1: str, tmp_path: Path) -> None:
    ok(round1, *TRANSFER, "--count", "307", "--note", '=HYPERLINK("http://x","y")', "--location", "@home")
    ok(round1, "party", "add", "BLR", "--name", "+Belarus", "--alias", "=1+1")
    transfers = list(csv.DictReader(io.StringIO(ok(round1, "transfer", "list", "--format", "csv"))))
    assert (transfers[0]["notes"], transfers[0]["location"]) == ('\'=HYPERLINK("http://x","y")', "'@home")
    assert (transfers[0]["date"], transfers[0]["count"]) == ("2025-05-24", "307")
    parties = {r["code"]: r for r in csv.DictReader(io.StringIO(ok(round1, "party", "list", "--format", "csv")))}
    assert (parties["BLR"]["name"], parties["BLR"]["aliases"]) == ("'+Belarus", "'=1+1")
    assert json.loads(ok(round1, "transfer", "list", "--format", "json"))[0]["location"] == "@home"
    ok(round1, "dump", str(tmp_path / "d"))
    dumped = list(csv.DictReader((tmp_path / "d" / "transfers.csv").open(encoding="utf-8")))
    assert (dumped[0]["notes"], dumped[0]["location"]) == ('=HYPERLINK("http://x","y")', "@home")
    dumped = {r["code"]: r for r in csv.DictReader((tmp_path / "d" / "parties.csv").open(encoding="utf-8"))}
    assert (dumped["BLR"]["name"], dumped["BLR"]["aliases"]) == ("+Belarus", "=1+1")
