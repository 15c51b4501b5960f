"""What a load tells back (`ledger.loading.load`): each problem where it is (`Located`), the
counts of records added, changed and unchanged (`LoadReport`), and the one line a load ends with
(`summary`)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ledger.entities import ENTITIES
from ledger.package_terms import Located
from ledger.rules import Problem

MAX_PROBLEMS = 50


@dataclass
class LoadReport:
    added: Counter = field(default_factory=Counter)
    changed: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    problems: list[Located] = field(default_factory=list)
    more_problems: int = 0  # found past MAX_PROBLEMS
    changes: list[str] = field(default_factory=list)  # what --update amended (or would)
    # Files whose rows could not all be read (entity -> label), and how many references to their
    # records later rows make in vain: follow-on problems, counted rather than listed. A row refused
    # for follow-on problems alone is missing for the same cause (its key -> that file's entity).
    unread: dict[str, str] = field(default_factory=dict)
    follow_ons: Counter = field(default_factory=Counter)
    shadowed: dict[tuple[str, str], str] = field(default_factory=dict)

    @property
    def refused(self) -> bool:
        return bool(self.problems)

    def problem(self, found: Located) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(found)
        else:
            self.more_problems += 1

    def rules_broken(self, label: str, entity: str, key: str, found: list[tuple[int, str, Problem]]) -> None:
        """The rules' problems with a record, each (line, column, problem): listed, but a reference
        to what a file that could not be read may hold is a follow-on, counted."""
        causes = [self._cause(p.unknown) for _, _, p in found]
        for (line, column, p), cause in zip(found, causes, strict=True):
            if cause is None:
                self.problem(Located(label, line, column, p.message))
            else:
                self.follow_ons[cause] += 1
        if key and causes and None not in causes:
            self.shadowed[entity, key] = causes[0]

    def _cause(self, unknown: tuple[str, str] | None) -> str | None:
        if unknown is None:
            return None
        return unknown[0] if unknown[0] in self.unread else self.shadowed.get(unknown)

    def hidden(self) -> list[str]:
        """A line for each file whose unread rows hide follow-on problems, with their number."""
        return [
            f"{self.unread[entity]}: this hides {n} follow-on problem{'s' if n != 1 else ''} in later files, "
            f"references that cannot be checked until {self.unread[entity]} is read"
            for entity, n in self.follow_ons.items()
        ]


def _counted(counter: Counter) -> str:
    parts = [f"{counter[e]} {ENTITIES[e].stem if counter[e] != 1 else e}" for e in ENTITIES if counter[e]]
    return ", ".join(parts)


def summary(report: LoadReport, path: str, dry_run: bool) -> str:
    """The one line a load ends with (a refused load: how many problems, and that nothing was loaded)."""
    if report.refused:
        count = len(report.problems) + report.more_problems
        return f"{path}: {count} problem{'s' if count > 1 else ''}; nothing was loaded"
    added, changed, unchanged = (sum(c.values()) for c in (report.added, report.changed, report.unchanged))
    if dry_run:
        head = f"Dry run of {path}, nothing written: would add "
        tail = f"; would change {_counted(report.changed) or 'nothing'}; {unchanged} unchanged."
        return head + (_counted(report.added) or "nothing") + tail
    if not added and not changed:
        return f"Loaded {path}: nothing new, {unchanged} record{'s' if unchanged != 1 else ''} already in the ledger."
    return (
        f"Loaded {path}: added {_counted(report.added) or 'nothing'}; "
        f"changed {_counted(report.changed) or 'nothing'}; {unchanged} unchanged."
    )
