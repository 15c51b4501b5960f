"""The record commands that read: `list` for each kind of record (with its filters), and `show`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import click

from ledger import domain, entities, render
from ledger.cli import categories  # noqa: F401  (its group, `ledger category`, is one of KINDS)
from ledger.cli.app import App, pass_app
from ledger.cli.options import (
    CATEGORY_FILTER,
    FORMAT,
    PARTY_FILTER,
    PROCESS_FILTER,
    ROUND_FILTER,
    SHOW_FORMAT,
    SINCE,
    UNTIL,
    choices,
    first,
    hxl_option,
    last,
    show_rows,
)
from ledger.cli.records import KINDS, assertion, claim, party, process, round_, source, term, transfer
from ledger.domain import PartialDate


@party.command("list")
@click.option("--kind", metavar=choices(domain.PARTY_KINDS), help="Only parties of this kind.")
@FORMAT
@hxl_option(entities.COLUMNS["party"])
@pass_app
def party_list(app: App, kind: str | None, fmt: str, hxl: bool) -> None:
    """List parties by code.

    \b
    Example:
      ledger party list
      ledger party list --kind organisation --format csv
    """
    rows = app.ledger().rows("party", kind=kind)
    show_rows(rows, entities.COLUMNS["party"], ("code", "name", "kind", "aliases"), fmt, "party", hxl)


@source.command("list")
@click.option("--kind", metavar=choices(domain.SOURCE_KINDS), help="Only sources of this kind.")
@SINCE
@UNTIL
@FORMAT
@hxl_option(entities.COLUMNS["source"])
@pass_app
def source_list(
    app: App, kind: str | None, since: PartialDate | None, until: PartialDate | None, fmt: str, hxl: bool
) -> None:
    """List sources by key, optionally published within a period.

    \b
    Example:
      ledger source list --since 2025-06 --until 2025-06
    """
    rows = app.ledger().rows("source", kind=kind, since=first(since), until=last(until))
    show_rows(
        rows, entities.COLUMNS["source"], ("key", "publisher", "published", "language", "title"), fmt, "source", hxl
    )


@process.command("list")
@FORMAT
@hxl_option(entities.COLUMNS["process"])
@pass_app
def process_list(app: App, fmt: str, hxl: bool) -> None:
    """List processes.

    \b
    Example:
      ledger process list --format json
    """
    show_rows(
        app.ledger().rows("process"), entities.COLUMNS["process"], entities.COLUMNS["process"], fmt, "process", hxl
    )


@round_.command("list")
@PROCESS_FILTER
@PARTY_FILTER
@click.option("--status", metavar=choices(domain.ROUND_STATUSES), help="Only rounds with this status.")
@SINCE
@UNTIL
@FORMAT
@hxl_option(entities.COLUMNS["round"])
@pass_app
def round_list(
    app: App,
    process: str | None,
    party: str | None,
    status: str | None,
    since: PartialDate | None,
    until: PartialDate | None,
    fmt: str,
    hxl: bool,
) -> None:
    """List rounds by process and number.

    \b
    Example:
      ledger round list --process istanbul-2025 --party RUS
    """
    rows = app.ledger().rows(
        "round", process=process, party=party, status=status, since=first(since), until=last(until)
    )
    show_rows(
        rows,
        entities.COLUMNS["round"],
        ("key", "process", "number", "start_date", "status", "city", "parties"),
        fmt,
        "round",
        hxl,
    )


@term.command("list")
@PROCESS_FILTER
@ROUND_FILTER
@PARTY_FILTER
@CATEGORY_FILTER
@click.option("--status", metavar=choices(domain.TERM_STATUSES), help="Only terms with this status.")
@FORMAT
@hxl_option(entities.COLUMNS["term"])
@pass_app
def term_list(
    app: App,
    process: str | None,
    round: str | None,  # the field's name, as the option gives it
    party: str | None,
    category: str | None,
    status: str | None,
    fmt: str,
    hxl: bool,
) -> None:
    """List terms, one line per obligation, in round order.

    \b
    Example:
      ledger term list --round istanbul-2025-r2 --category bodies
    """
    rows = app.ledger().rows("term", process=process, round=round, party=party, category=category, status=status)
    if fmt == "table":
        rows = [{**row, "quantity": _quantity(row)} for row in rows]
    show_rows(
        rows,
        entities.COLUMNS["term"],
        ("term", "round", "category", "deliverer", "receiver", "quantity", "status"),
        fmt,
        "term",
        hxl,
    )


def _quantity(row: Mapping[str, Any]) -> str:
    return "" if row["basis"] is None else domain.format_quantity(row["quantity"], row["basis"], row.get("per"))


@transfer.command("list")
@PROCESS_FILTER
@ROUND_FILTER
@click.option("--term", metavar="KEY", help="Only transfers explicitly allocated to this term.")
@PARTY_FILTER
@CATEGORY_FILTER
@click.option("--exchange", metavar="KEY", help="Only this exchange.")
@SINCE
@UNTIL
@FORMAT
@hxl_option(entities.COLUMNS["transfer"])
@pass_app
def transfer_list(
    app: App,
    process: str | None,
    round: str | None,  # the field's name, as the option gives it
    term: str | None,
    party: str | None,
    category: str | None,
    exchange: str | None,
    since: PartialDate | None,
    until: PartialDate | None,
    fmt: str,
    hxl: bool,
) -> None:
    """List transfers in date order.

    --round, --term and --process select transfers explicitly allocated to those terms. A
    transfer dated to a month is listed when its month overlaps --since/--until.

    \b
    Example:
      ledger transfer list --party UKR --category bodies --since 2025-06 --until 2025-06-30
    """
    rows = app.ledger().rows(
        "transfer",
        process=process,
        round=round,
        term=term,
        party=party,
        category=category,
        exchange=exchange,
        since=first(since),
        until=last(until),
    )
    show_rows(
        rows,
        entities.COLUMNS["transfer"],
        ("key", "date", "deliverer", "receiver", "category", "count", "terms"),
        fmt,
        "transfer",
        hxl,
    )


@claim.command("list")
@click.option("--subject", metavar="TYPE:KEY", help="Only claims on this record.")
@click.option("--field", help="Only claims on this field.")
@click.option("--source", metavar="KEY", help="Only claims from this source.")
@FORMAT
@hxl_option(entities.COLUMNS["claim"])
@pass_app
def claim_list(app: App, subject: str | None, field: str | None, source: str | None, fmt: str, hxl: bool) -> None:
    """List claims; the id column is what `claim show` takes.

    \b
    Example:
      ledger claim list --subject round:istanbul-2025-r3
    """
    rows = app.ledger().rows("claim", subject=subject, field=field, source=source)
    show_rows(
        rows, entities.COLUMNS["claim"], ("id", "subject", "field", "value", "source", "claimant"), fmt, "claim", hxl
    )


@assertion.command("list")
@PARTY_FILTER
@CATEGORY_FILTER
@SINCE
@UNTIL
@FORMAT
@hxl_option(entities.COLUMNS["assertion"])
@pass_app
def assertion_list(
    app: App,
    party: str | None,
    category: str | None,
    since: PartialDate | None,
    until: PartialDate | None,
    fmt: str,
    hxl: bool,
) -> None:
    """List assertions by date.

    \b
    Example:
      ledger assertion list --party UKR --category bodies
    """
    rows = app.ledger().rows("assertion", party=party, category=category, since=first(since), until=last(until))
    show_rows(
        rows,
        entities.COLUMNS["assertion"],
        ("key", "as_of", "deliverer", "receiver", "category", "expected", "scope"),
        fmt,
        "assertion",
        hxl,
    )


def _add_show(group: click.Group, entity: str, argument: str, example: str) -> None:
    @group.command(
        "show", help=(f"Show one {entity} with every field.\n\n\b\nExample:\n  ledger {entity} show {example}")
    )
    @click.argument(argument)
    @SHOW_FORMAT
    @pass_app
    def show(app: App, fmt: str, **key: str) -> None:
        found = app.ledger().show(entity, next(iter(key.values())))
        if fmt == "json":
            click.echo(render.to_json_record(found), nl=False)
        else:
            click.echo(render.record({**found, "voided": "yes"} if found.get("voided") else found))


for _entity, _kind in KINDS.items():
    _add_show(_kind.group, _entity, _kind.argument, _kind.shown)
