"""Generated packages survive load → dump → load → dump unchanged (hypothesis)."""

from __future__ import annotations

import csv
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger.package import columns

from conftest import ok

TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=12
).filter(lambda s: s.strip() and ";" not in s)
CODES = ["UKR", "RUS", "TUR", "ICRC"]
BUILTIN_KINDS = {"pow": "living", "civilian": "living", "bodies": "remains", "other": "none"}
# Categories a package may add, with their kinds: living, remains, and one that counts nobody.
OWN = [("wounded", "living"), ("foreign-remains", "remains"), ("memo", "none")]


@st.composite
def packages(draw: st.DrawFn) -> dict[str, list[dict[str, str]]]:
    codes = draw(st.lists(st.sampled_from(CODES), min_size=2, max_size=4, unique=True))
    aliases = draw(st.lists(TEXT, max_size=4, unique_by=lambda s: s.strip()))
    parties = [
        {"code": code, "name": draw(TEXT), "kind": draw(st.sampled_from(["", "state", "group"])),
         "aliases": ";".join(aliases[i::len(codes)])}
        for i, code in enumerate(codes)
    ]  # fmt: skip
    sources = [
        {"key": f"s{i}", "publisher": draw(TEXT), "title": draw(st.one_of(st.just(""), TEXT)),
         "published": draw(st.sampled_from(["", "2025-05", "2025-05-16"]))}
        for i in range(draw(st.integers(1, 3)))
    ]  # fmt: skip
    own = draw(st.lists(st.sampled_from(OWN), max_size=3, unique=True))
    categories = [{"code": code, "name": draw(TEXT), "kind": kind} for code, kind in own]
    kinds = {**BUILTIN_KINDS, **dict(own)}
    a, b = codes[0], codes[1]
    rounds, terms = [], []
    for n in range(1, draw(st.integers(1, 3)) + 1):
        rounds.append(
            {
                "key": f"r{n}",
                "process": "p",
                "number": str(n),
                "start_date": f"2025-0{n}-1{n}",
                "parties": f"{a};{b}",
                "sources": "s0",
                "notes": draw(st.one_of(st.just(""), TEXT)),
            }
        )
        for t in range(draw(st.integers(0, 2))):
            category = draw(st.sampled_from(list(kinds)))
            base = {
                "term": f"r{n}-t{t}",
                "round": f"r{n}",
                "category": category,
                "status": draw(st.sampled_from(["agreed", "proposed"])),
                "sources": "s0",
            }
            if kinds[category] == "none":
                terms.append(base)
                continue
            quantity = draw(st.sampled_from(["1000", "all", "0"]))
            basis = "all" if quantity == "all" else draw(st.sampled_from(["exact", "at-least"]))
            for deliverer, receiver in ((a, b), (b, a)):
                terms.append(
                    {
                        **base,
                        "deliverer": deliverer,
                        "receiver": receiver,
                        "quantity": "" if quantity == "all" else quantity,
                        "basis": basis,
                    }
                )
    people = [t for t in terms if kinds[t["category"]] != "none"]
    transfers = []
    for i in range(draw(st.integers(0, 6))):
        deliverer, receiver = draw(st.sampled_from([(a, b), (b, a)]))
        count = draw(st.one_of(st.just("undisclosed"), st.integers(0, 5000).map(str)))
        category = draw(st.sampled_from([code for code, kind in kinds.items() if kind != "none"]))
        named = sorted({  # a transfer counts towards terms of other categories of its kind, never another kind
            t["term"] for t in people
            if (t["deliverer"], t["receiver"]) == (deliverer, receiver) and kinds[t["category"]] == kinds[category]
        })  # fmt: skip
        chosen = draw(st.lists(st.sampled_from(named), unique=True, max_size=2)) if named else []
        transfers.append({
            "key": f"x{i}", "date": draw(st.sampled_from(["2025-09", "2025-09-30", "2025-12-01"])),
            "deliverer": deliverer, "receiver": receiver, "category": category,
            "count": count, "terms": ";".join(chosen), "exchange": draw(st.sampled_from(["", "e1"])),
            "intermediaries": ";".join(draw(st.permutations(codes[2:]))[: draw(st.integers(0, 2))]),
            "sources": ";".join(draw(st.permutations([s["key"] for s in sources]))[: draw(st.integers(1, 3))]),
            "notes": draw(st.one_of(st.just(""), TEXT)),
        })  # fmt: skip
    claims = [
        {"subject": f"transfer:x{i}", "field": "count", "value": draw(TEXT), "source": "s0",
         "claimant": draw(st.one_of(st.just(""), TEXT)), "quote": draw(st.one_of(st.just(""), TEXT))}
        for i in range(len(transfers))
        if draw(st.booleans())
    ]  # fmt: skip
    assertions = [
        {"key": "a1", "as_of": "2025-12-31", "deliverer": a, "receiver": b, "category": "pow",
         "expected": str(draw(st.integers(0, 10**6))), "scope": draw(st.sampled_from(["", "round:r1", "process:p"]))}
    ] if draw(st.booleans()) else []  # fmt: skip
    return {
        "parties": parties, "sources": sources, "processes": [{"key": "p", "name": draw(TEXT)}],
        "rounds": rounds, "categories": categories, "terms": terms, "transfers": transfers, "claims": claims,
        "assertions": assertions,
    }  # fmt: skip


ENTITY = {"parties": "party", "sources": "source", "processes": "process", "rounds": "round",
          "categories": "category", "terms": "term",
          "transfers": "transfer", "claims": "claim", "assertions": "assertion"}  # fmt: skip


def _write(folder: Path, package: dict[str, list[dict[str, str]]]) -> None:
    folder.mkdir()
    for stem, rows in package.items():
        with (folder / f"{stem}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns(ENTITY[stem]))
            writer.writeheader()
            writer.writerows(rows)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(package=packages())
def test_generated_packages_round_trip(package: dict, sqlite_template: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        first, second = work / "first.db", work / "second.db"
        shutil.copy(sqlite_template, first)
        shutil.copy(sqlite_template, second)
        _write(work / "in", package)
        ok(str(first), "load", str(work / "in"))
        ok(str(first), "dump", str(work / "one"))
        ok(str(second), "load", str(work / "one"))
        ok(str(second), "dump", str(work / "two"))
        with (work / "one" / "transfers.csv").open(encoding="utf-8", newline="") as handle:
            dumped = {row["key"]: row for row in csv.DictReader(handle)}
        lists = ("terms", "intermediaries", "sources")  # each in the order given
        assert [[dumped[t["key"]][c] for c in lists] for t in package["transfers"]] == [
            [t[c] for c in lists] for t in package["transfers"]
        ]
        for path in sorted((work / "one").iterdir()):
            assert path.read_bytes() == (work / "two" / path.name).read_bytes(), path.name
        assert ok(str(second), "load", str(work / "one")).startswith(f"Loaded {work / 'one'}: nothing new")
