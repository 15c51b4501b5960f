"""What a report is limited to: the `--process`, `--round`, `--party`, `--category`, `--since`,
`--until` and `--status` options. Apart from the report builders so that it needs no pandas."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ledger import rules
from ledger.errors import InvalidInput


@dataclass(frozen=True)
class Filters:
    process: str | None = None
    round: str | None = None
    party: str | None = None
    category: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    statuses: tuple[str, ...] = ("agreed",)

    def __post_init__(self) -> None:
        problems = rules.check_filters(
            "report", {"category": self.category, "status": self.statuses, "since": self.since, "until": self.until}
        )
        if problems:
            raise InvalidInput(problems)

    def describe(self) -> str:
        parts = [
            f"{name} {value}"
            for name, value in (
                ("process", self.process), ("round", self.round), ("party", self.party),
                ("category", self.category), ("since", self.since), ("until", self.until),
            )
            if value
        ]  # fmt: skip
        if self.statuses != ("agreed",):
            parts.append("status " + ", ".join(self.statuses))
        return "; ".join(parts) or "none"


def given(**filters: Any) -> dict[str, Any]:
    """The filters that were given, as `ledger.queries` takes them."""
    return {name: value for name, value in filters.items() if value}


def transfer_filters(f: Filters) -> dict[str, Any]:
    return given(process=f.process, round=f.round, party=f.party, category=f.category, since=f.since, until=f.until)
