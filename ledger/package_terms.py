"""A package's terms: one row per obligation, gathered into one record per term and checked to
agree (`grouped_terms`, `term_raw`), then put in an order where a ratio's base term comes before
the ratio (`in_base_order`), so that the order of terms.csv does not matter.

>>> rows = [(2, {"term": "pc", "per": "hc"}), (3, {"term": "hc", "per": ""})]
>>> [lines[0][0] for lines, _ in in_base_order([([row], []) for row in rows], "terms.csv")]
[3, 2]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ledger import encoding
from ledger.encoding import TERM_SHARED
from ledger.errors import Said

OBLIGATION = ("deliverer", "receiver", "quantity", "basis", "per")

Lines = list[tuple[int, Mapping[str, str]]]  # a term's rows, each with its line


@dataclass(frozen=True)
class Located:
    """One problem, where it is: `transfers.csv:36: count: must be ...`."""

    label: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        return self.said()

    def said(self) -> str:
        """The problem as one line, a message that names parameters (`Said`) kept as one."""
        where = self.label if self.line is None else f"{self.label}:{self.line}"
        before = f"{where}: {self.column}: " if self.column else f"{where}: "
        if isinstance(self.message, Said):
            return Said(before, *self.message.parts)
        return before + self.message


def canonical(value: Any) -> str:
    """A cell's text as compared: without spaces around it or around its list's items."""
    text = encoding.cell(value) if not isinstance(value, str) else value
    if ";" in text:
        return ";".join(part.strip() for part in text.split(";") if part.strip())
    return text.strip()


def term_raw(lines: Lines) -> dict[str, Any]:
    """A term's rows as one raw record, its obligations a list."""
    first = lines[0][1]
    raw: dict[str, Any] = {"key": first.get("term", "")}
    raw.update({name: first.get(name, "") for name in TERM_SHARED})
    raw["obligations"] = [
        {name: row.get(name, "") for name in OBLIGATION}
        for _, row in lines
        if any(row.get(name, "").strip() for name in OBLIGATION)
    ]
    return raw


def grouped_terms(label: str, rows: Iterable[tuple[int, Mapping[str, str]]]) -> Iterable[tuple[Lines, list[Located]]]:
    """Terms come one row per obligation; gather each term's rows and check they agree."""
    groups: dict[str, Lines] = {}
    for line, row in rows:
        groups.setdefault(row.get("term", "").strip() or f"\0{line}", []).append((line, row))
    for lines in groups.values():
        problems = []
        first_line, first = lines[0]
        for line, row in lines[1:]:
            for name in TERM_SHARED:
                if canonical(row.get(name, "")) != canonical(first.get(name, "")):
                    problems.append(
                        Located(
                            label, line, name,
                            f"{row.get(name, '')!r} differs from line {first_line} of the same term, "
                            f"which has {first.get(name, '')!r}",
                        )
                    )  # fmt: skip
        yield lines, problems


def in_base_order(groups: Iterable[tuple[Lines, list[Located]]], label: str) -> list[tuple[Lines, list[Located]]]:
    """The terms with each ratio's base term (`per`) before it, otherwise in file order. Terms
    whose ratios count per each other in a cycle keep their order, each with a problem naming
    the cycle (the rules, which see one term at a time, would only find the base unknown)."""
    given = list(groups)
    index = {lines[0][1].get("term", "").strip(): i for i, (lines, _) in enumerate(given)}
    bases = [
        [index[per] for _, row in lines if (per := (row.get("per") or "").strip()) in index and index[per] != i]
        for i, (lines, _) in enumerate(given)
    ]
    placed: list[int] = []
    state = [0] * len(given)  # 0 not seen, 1 being placed, 2 placed
    cycles: dict[int, list[int]] = {}

    def place(i: int, path: list[int]) -> None:  # depth first: a chain of ratios is short
        if state[i] == 2:
            return
        if state[i] == 1:
            cycle = [*path[path.index(i) :], i]
            for member in cycle[:-1]:
                cycles.setdefault(member, cycle[cycle.index(member) :] + cycle[1 : cycle.index(member) + 1])
            return
        state[i] = 1
        for base in bases[i]:
            place(base, [*path, i])
        state[i] = 2
        placed.append(i)

    for i in range(len(given)):
        place(i, [])
    ordered = []
    for i in placed:
        lines, problems = given[i]
        if i in cycles:
            names = " → ".join(given[j][0][0][1].get("term", "").strip() for j in cycles[i])
            line = next((n for n, row in lines if (row.get("per") or "").strip()), lines[0][0])
            found = Located(label, line, "per", f"ratios cannot count per each other in a cycle: {names}")
            problems = [*problems, found]
        ordered.append((lines, problems))
    return ordered
