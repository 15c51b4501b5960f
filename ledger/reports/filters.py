"""What a report is limited to: the `--process`, `--round`, `--party`, `--category`, `--since`,
`--until` and `--status` options. Apart from the report builders so that it needs no pandas."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from ledger import rules
from ledger.errors import InvalidInput

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class Filters:
    """What a report is limited to; every filter left out (None) limits nothing."""

    process: str | None = None
    round: str | None = None
    party: str | None = None
    category: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    statuses: tuple[str, ...] = ("agreed",)

    def __post_init__(self) -> None:
        problems = rules.check_filters("report", {"status": self.statuses, "since": self.since, "until": self.until})
        if problems:
            raise InvalidInput(problems)

    def known(self, session: Session) -> dict[str, str]:
        """The ledger's categories' kinds by code (`queries.category_kinds`), once the category
        filter is found among them: the vocabulary is the ledger's, so it is checked in it. A
        process, round or party the ledger never held is refused too: a typo would report nothing
        due, as if nothing were."""
        from ledger import queries

        kinds = queries.category_kinds(session)
        problems = rules.check_filters("report", {"category": self.category}, tuple(kinds))
        problems += [
            rules.Problem(name, f"unknown {name} {value!r}")
            for name, value in (("process", self.process), ("round", self.round), ("party", self.party))
            if value is not None and queries.one(session, name, value, include_voided=True) is None
        ]
        if not problems and self.process and self.round:  # a round of another process: nothing, as if nothing were
            of = queries.one(session, "round", self.round, include_voided=True)["process"]  # type: ignore[index]
            if of != self.process:
                problems.append(
                    rules.Problem("round", f"round {self.round!r} is of process {of!r}, not {self.process!r}")
                )
        if problems:
            raise InvalidInput(problems)
        return kinds

    @classmethod
    def of(cls, **filters: Any) -> Filters:
        """The filters as the command line and `Ledger.report` take them: the fields above, with
        `since` and `until` as dates, `PartialDate`s or their text (`2025-06` from the first of
        June, up to its last day), and `status` a term status or several (default agreed).

        A name that is no filter, or a value outside the vocabulary, raises `InvalidInput` with a
        problem for each."""
        names = [f.name for f in fields(cls) if f.name != "statuses"]  # given as `status`
        problems = [
            rules.Problem(name, f"is not a report filter: give {', '.join(names)} or status")
            for name in filters
            if name not in names and name != "status"
        ]
        problems += rules.one_value_each({name: filters[name] for name in names if name in filters})
        values, dates = rules.date_filters({name: filters[name] for name in names if name in filters})
        status: str | Sequence[str] | None = filters.get("status")
        if status:
            values["statuses"] = (status,) if isinstance(status, str) else tuple(status)
        if problems or dates:
            raise InvalidInput(problems + dates)
        return cls(**values)

    def describe(self) -> str:
        """The filters in words, for the workbook's sheet about itself (`none` when there are none)."""
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
