"""The documents stand alone: they name no path outside the repository, and a dataset's README
lists its sources itself."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEP = "/"  # the patterns below are built with it, so that this file does not name what it looks for

# A path that climbs out of the folder it is read from: it must lead to something the repository holds.
UPWARD = re.compile(rf"(?:\.\.{SEP})+[^\s`'\"()\[\]<>,;|*]*")
# Paths that are outside the repository wherever it is: absolute or home paths (not the path of
# an address, which follows "://"), file addresses, drive letters, and the folder beside the
# repository that its authors share.
ELSEWHERE = [
    re.compile(rf"(?:^|(?<=[\s`'\"(\[=,]))~?{SEP}[\w.~-]+(?:{SEP}[\w.~-]*)*", re.MULTILINE),
    re.compile(rf"\bfile:{SEP}", re.IGNORECASE),
    re.compile(r"(?<![\w])[A-Za-z]:\\\w"),
    re.compile(rf"(?<![\w.-])shared{SEP}"),
]


def outside_paths(text: str, folder: Path) -> list[str]:
    """The paths outside the repository (or to nothing it holds) that a text read in `folder` names."""
    found = []
    for match in UPWARD.finditer(text):
        target = (folder / match.group()).resolve()
        if not (target.is_relative_to(ROOT) and target.exists()):
            found.append(match.group())
    for pattern in ELSEWHERE:
        found += [match.group().strip() for match in pattern.finditer(text)]
    return found


def documents() -> list[Path]:
    """README.md, every data README, the benchmark results, and every text file under docs/ and tests/."""
    paths = [ROOT / "README.md", *sorted((ROOT / "data").glob("**/README.md")), ROOT / "bench" / "results.md"]
    for folder in ("docs", "tests"):
        paths += sorted(path for path in (ROOT / folder).rglob("*") if path.is_file())
    return [path for path in paths if b"\0" not in path.read_bytes()]  # not images or bytecode


def test_no_document_or_test_names_a_path_outside_the_repository() -> None:
    checked = documents()
    assert ROOT / "README.md" in checked and ROOT / "data" / "istanbul-2025" / "README.md" in checked
    assert ROOT / "tests" / "conftest.py" in checked
    named = {
        f"{path.relative_to(ROOT)}: {found}"
        for path in checked
        for found in outside_paths(path.read_text(encoding="utf-8"), path.parent)
    }
    assert sorted(named) == []


@pytest.mark.parametrize(
    ("text", "folder", "found"),
    [
        (
            f"the public record (`..{SEP}shared{SEP}reference{SEP}record.md`)",
            ROOT,
            [f"..{SEP}shared{SEP}reference{SEP}record.md", f"shared{SEP}"],
        ),
        (f"[the guide](..{SEP}..{SEP}DESIGN.md)", ROOT / "data", [f"..{SEP}..{SEP}DESIGN.md"]),
        (f"[the guide](..{SEP}DESIGN.md)", ROOT / "data", [f"..{SEP}DESIGN.md"]),
        (f"see {SEP}work{SEP}main{SEP}README.md", ROOT, [f"{SEP}work{SEP}main{SEP}README.md"]),
        (f'Path("{SEP}tmp{SEP}x.db")', ROOT / "tests", [f"{SEP}tmp{SEP}x.db"]),
        (f"in ~{SEP}notes.md", ROOT, [f"~{SEP}notes.md"]),
        (f"file:{SEP}{SEP}{SEP}srv{SEP}ledger.db", ROOT, [f"file:{SEP}"]),
        ("open C:\\Users\\me\\ledger.db", ROOT, ["C:\\U"]),
        (f"in shared{SEP}reference", ROOT, [f"shared{SEP}"]),
        # Inside the repository, addresses and database URLs are not paths outside it.
        (f"[Datasets](..{SEP}README.md), [the data](..{SEP}istanbul-2025{SEP})", ROOT / "data" / "x", []),
        (f"`data{SEP}istanbul-2025`, `bench{SEP}results.md`, `ledger{SEP}reports{SEP}`", ROOT, []),
        (f"https:{SEP}{SEP}tass.com{SEP}politics{SEP}1959169 and sqlite:{SEP}{SEP}{SEP}ledger.db", ROOT, []),
        (f"postgresql:{SEP}{SEP}postgres@127.0.0.1{SEP}ledger, `--format csv|xlsx`, r2-pow:150", ROOT, []),
    ],
)
def test_the_check_tells_paths_outside_the_repository_from_the_rest(text: str, folder: Path, found: list[str]) -> None:
    assert outside_paths(text, folder) == found


def _listed_sources(readme: Path) -> list[dict[str, str]]:
    """The rows of the table under the README's "## Sources" heading."""
    section = readme.read_text(encoding="utf-8").split("\n## Sources\n")[1].split("\n## ")[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    listed = []
    for row in rows:
        cells = re.split(r"(?<!\\)\|", row.strip().removeprefix("|").removesuffix("|"))
        key, publisher, title, published, url = (cell.strip().replace("\\|", "|") for cell in cells)
        listed.append(
            {"key": key.strip("`"), "publisher": publisher, "title": title, "published": published, "url": url}
        )
    return listed


@pytest.mark.parametrize("dataset", sorted(path.parent.name for path in (ROOT / "data").glob("*/sources.csv")))
def test_a_dataset_readme_lists_every_source_as_sources_csv_holds_it(dataset: str) -> None:
    folder = ROOT / "data" / dataset
    with (folder / "sources.csv").open(encoding="utf-8", newline="") as file:
        held = [
            {field: row[field] for field in ("key", "publisher", "title", "published", "url")}
            for row in csv.DictReader(file)
        ]
    assert len(held) >= 1
    assert _listed_sources(folder / "README.md") == held
