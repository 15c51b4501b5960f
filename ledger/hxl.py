"""HXL hashtags (Humanitarian Exchange Language 1.1) for the CSV of every report and list.

One table, `TAGS`, gives each column its hashtag; a report or a list written with `--hxl`
puts the row of `tags` right under its header, so that HDX and other humanitarian data
platforms read the columns without being told what they mean. A column has one tag, whatever
its rows hold, so the tags say only what is true of every row:

- A party column (`deliverer`, `receiver`, `parties` ...) mixes states, armed groups and
  organisations, so it is tagged as organisation codes with its role as attribute
  (`#org+code+deliverer`), never `#country` (which would call an armed group a state) nor
  `#group` (which HXL keeps for population groups). The one column known to hold a state is
  the round's venue country, `#country+name`; no party column is.
- Figures are `#indicator+value+num`, with an `x_` attribute where HXL has none for what the
  figure is (`#indicator+x_outstanding+num`); a record's key is `#meta+id`.
- A column the table does not name gets `DEFAULT` (a report's own columns: `REPORT_DEFAULTS`),
  never an empty tag.

HDX forbids personal data. The HXL exports carry aggregates only: the columns of `PERSONAL`,
whose rows can name individuals (a claimant, a quote, a delegation's heads, free text),
are left out of a tagged export; so is the value the ledger holds of a field of `PERSONAL`, and
a claim keeps only a figure, a code or a date of what it states (`withheld`, `public`).

>>> tags(["term", "committed", "outstanding", "whatever"])
['#indicator+code', '#indicator+value+num+committed', '#indicator+x_outstanding+num', '#meta+x_untagged']
>>> kept, row, cells = tagged(["key", "claimant", "field", "value"], [("c1", "Zelensky", "heads", "Umerov")], "claim")
>>> kept, list(cells)
(['key', 'field', 'value'], [['c1', 'heads', None]])
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from ledger.errors import InvalidInput
from ledger.rules import Problem

DEFAULT = "#meta+x_untagged"
# A report whose columns are not fixed: commitments has a column per round, each holding what
# that round committed (a number, `≥1000`, `all` or `30 per hc`, hence no +num).
REPORT_DEFAULTS = {"commitments": "#indicator+x_committed"}
# Columns whose rows can name individuals: left out of an HXL export.
# Free text a user wrote (notes, a term's or a process's description, a timeline's detail) can name
# anyone, a hostage or an official alike; so can who said what (a claimant, a quote, the claims of
# the discrepancies report) and a delegation's heads.
PERSONAL = frozenset({"claimant", "quote", "heads", "notes", "description", "detail", "claims"})
# The columns that hold the value of the field a row's `field` names (a claim's value, the
# ledger's own in the discrepancies report): left empty where that field is one of `PERSONAL`.
VALUE_OF_FIELD = frozenset({"value", "recorded", "claimed"})
# What a claim states of a field, as an export of aggregates shows it (`public`). Of a figure, the
# figure, not the words a source put round it ("4, the fourth <a hostage's name>; …"). Of a code or
# a date, the value when it is one (`2025-07-24 or 2025-07-25`, `PFLP`, `r2-bodies-6000`); any
# other value is free text, which can name anyone, as can a claim of any other field (a venue, a
# location, a condition, a deadline in words): left out.
FIGURES = frozenset({"count", "quantity", "number", "min_age", "max_age"})
CODES = frozenset({
    "start_date", "end_date", "date", "status", "basis", "category", "deliverer", "receiver", "per", "supersedes",
    "parties", "mediators", "hosts", "observers", "intermediaries",
})  # fmt: skip
_FIGURE = re.compile(r"\s*((?:about |around |~|≈|≥)?\d(?:[\d,.]|[ \u202f\u00a0](?=\d{3}\b))*)")
_CODE = re.compile(r"[\w.:≥+-]+(?:(?:; | or |, )[\w.:≥+-]+)*")

TAGS: dict[str, str] = {
    # keys and codes
    "key": "#meta+id",
    "id": "#meta+id",
    "code": "#org+code",  # a party's (a category's code is `category.code`)
    "term": "#indicator+code",
    "category": "#group+code",  # who is counted: hostages, detainees, prisoners of war, remains
    "round": "#meta+id+x_round",
    "process": "#meta+id+x_process",
    "exchange": "#meta+id+x_exchange",
    "number": "#meta+x_round_number+num",
    "subject": "#meta+id+x_subject",
    "field": "#meta+x_field",
    "supersedes": "#indicator+code+x_supersedes",
    "per": "#indicator+code+x_per",
    "terms": "#indicator+code+x_allocated",
    "transfers": "#indicator+x_transfers+num",
    "event": "#meta+x_event",
    # parties: organisation codes, a column mixing states, armed groups and organisations
    "deliverer": "#org+code+deliverer",
    "receiver": "#org+code+receiver",
    "parties": "#org+code+x_parties",
    "mediators": "#org+code+x_mediators",
    "hosts": "#org+code+x_hosts",
    "observers": "#org+code+x_observers",
    "intermediaries": "#org+code+x_intermediaries",
    "name": "#org+name",  # a party's (a process's and a category's: `process.name`, `category.name`)
    "aliases": "#org+name+x_aliases",
    "kind": "#org+type",  # a party's
    # places
    "country": "#country+name",  # the state where a round was held
    "city": "#loc+name+x_city",
    "venue": "#loc+name+x_venue",
    "location": "#loc+name",
    # dates
    "date": "#date+occurred",
    "start_date": "#date+start",
    "end_date": "#date+end",
    "first_transfer": "#date+occurred+x_first",
    "last_transfer": "#date+occurred+x_last",
    "as_of": "#date+reported",
    "published": "#date+reported",
    "stated_on": "#date+reported+x_stated",
    "due": "#date+x_due",
    "deadline": "#date+x_deadline",
    # figures
    "count": "#indicator+value+num",
    "quantity": "#indicator+value+num+committed",
    "committed": "#indicator+value+num+committed",
    "delivered": "#indicator+value+num+delivered",
    "expected": "#indicator+value+num+x_expected",
    "running_total": "#indicator+value+num+x_running_total",
    "undisclosed": "#indicator+x_undisclosed+num",
    "outstanding": "#indicator+x_outstanding+num",
    "excess": "#indicator+x_excess+num",
    "fulfilled_pct": "#indicator+x_fulfilled+pct",
    "score": "#indicator+x_score+num",
    "days_left": "#indicator+x_days_left+num",
    "min_age": "#indicator+x_min_age+num",
    "max_age": "#indicator+x_max_age+num",
    "spread": "#indicator+x_spread+num",
    "values": "#indicator+x_values+num",
    # what a term or a figure is
    "basis": "#indicator+x_basis",
    "criteria": "#indicator+x_criteria",
    "condition": "#indicator+x_condition",
    "scope": "#indicator+x_scope",
    "status": "#status",
    "overdue": "#status+x_overdue",
    "change": "#meta+x_change",
    "recorded": "#meta+x_recorded",
    "value": "#meta+x_claimed",
    # sources
    "source": "#meta+source",
    "sources": "#meta+source",
    "url": "#meta+url",
    "publisher": "#meta+x_publisher",
    "title": "#description+title",
    "language": "#meta+x_language",
    "builtin": "#meta+x_builtin",
    # a column named alike in several lists, by the list it is in
    "source.kind": "#meta+x_kind",
    "category.code": "#group+code",
    "category.name": "#group+name",
    "category.kind": "#group+type",
    "process.name": "#meta+x_process_name",
}


def tag(column: str, within: str | None = None) -> str:
    """The hashtag of `column` in the report or list `within`, from `TAGS` or the default."""
    if within is not None and f"{within}.{column}" in TAGS:
        return TAGS[f"{within}.{column}"]
    return TAGS.get(column, REPORT_DEFAULTS.get(within or "", DEFAULT))


def tags(columns: Sequence[str], within: str | None = None) -> list[str]:
    """The hashtag row for a CSV with these `columns`."""
    return [tag(column, within) for column in columns]


def tagged(
    columns: Sequence[str], rows: Iterable[Sequence[Any]], within: str
) -> tuple[list[str], list[str], Iterator[list[Any]]]:
    """What an HXL export of `rows` (each a row's values in the order of `columns`) writes: the
    columns it keeps (none of `PERSONAL`), their hashtag row, and the rows' kept values, each
    `withheld`."""
    places = [i for i, column in enumerate(columns) if column not in PERSONAL]
    kept = [columns[i] for i in places]
    return kept, tags(kept, within), (withheld(kept, [values[i] for i in places]) for values in map(tuple, rows))


def withheld(columns: Sequence[str], values: Sequence[Any]) -> list[Any]:
    """A row's values, its claimed ones (`value`, `claimed`) as `public` shows them for the row's
    `field`, and the ledger's own (`recorded`) left out where that field is one of `PERSONAL` (a
    claim that disputes a round's heads or a transfer's notes holds that very text)."""
    values = list(values)
    if "field" in columns:
        field = values[list(columns).index("field")]
        for i, column in enumerate(columns):
            if column == "recorded" and field in PERSONAL:
                values[i] = None
            elif column in VALUE_OF_FIELD - {"recorded"}:
                values[i] = public(field, values[i])
    return values


def public(field: str, value: Any) -> Any:
    """What an export of aggregates shows of a value a claim states for `field`: of a figure
    (`FIGURES`), the figure alone, `…` marking words left out, or nothing where no figure leads;
    of a code or a date (`CODES`), the value when it is one; of any other field (free text,
    `PERSONAL` or not), nothing.

    >>> public("count", "about 250"), public("count", "4, the fourth one named"), public("count", "1 000")
    ('about 250', '4 …', '1 000')
    >>> public("start_date", "2025-07-24 or 2025-07-25"), public("deliverer", "said Ivan"), public("notes", "x")
    ('2025-07-24 or 2025-07-25', None, None)
    """
    if not isinstance(value, str) or field in PERSONAL:
        return None if field in PERSONAL else value
    if field in FIGURES:
        found = _FIGURE.match(value)
        if found is None:
            return None
        figure = found.group(1).rstrip(",.")
        return figure if value.strip() == figure else f"{figure} …"
    if field in CODES and _CODE.fullmatch(value.strip()):
        return value
    return None


def check_format(fmt: str) -> None:
    """Refuse `hxl` with a format other than csv: HXL tags a CSV's columns."""
    if fmt != "csv":
        raise InvalidInput([Problem("hxl", f"tags CSV only: give --format csv, not {fmt}")])
