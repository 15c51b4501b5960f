"""`ledger report`: the reports over the ledger, printed, written to a file, as a workbook or a chart.

The names are the reports' own (`ledger.reports.NAMES`), with the spelling fulfillment accepted
and `chart`. They are read when the command runs: the reports' package is not imported to start
the command line.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from ledger import domain
from ledger.cli.app import App, Refusal, cli, pass_app
from ledger.cli.options import (
    CATEGORY_FILTER,
    PARTY_FILTER,
    PROCESS_FILTER,
    ROUND_FILTER,
    SINCE,
    UNTIL,
    choices,
    terminal_width,
)
from ledger.domain import PartialDate
from ledger.hxl import check_format


def report_names() -> tuple[str, ...]:
    """What `ledger report` takes: each report (fulfilment also as fulfillment), then chart."""
    from ledger.reports import NAMES

    spelt = {"fulfilment": ("fulfilment", "fulfillment")}
    return (*(name for report in NAMES for name in spelt.get(report, (report,))), "chart")


class ReportName(click.Choice):
    """The choice of `report_names`, read when first needed."""

    def __init__(self) -> None:
        super().__init__(())

    @property  # type: ignore[override]
    def choices(self) -> tuple[str, ...]:
        return report_names()

    @choices.setter
    def choices(self, _: Any) -> None:
        pass


@cli.command()
@click.argument("name", type=ReportName(), metavar="NAME")
@click.argument("chart", required=False, metavar="[CHART]")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "json", "md", "xlsx"]), default="table",
    show_default=True, help="table for the terminal, csv/json for tools, md to paste, xlsx for Excel.",
)  # fmt: skip
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to this file instead of the screen.")
@PROCESS_FILTER
@ROUND_FILTER
@PARTY_FILTER
@CATEGORY_FILTER
@SINCE
@UNTIL
@click.option(
    "--status", "statuses", multiple=True, metavar=choices(domain.TERM_STATUSES),
    help="commitments: the term statuses to show (repeatable; default agreed).",
)  # fmt: skip
@click.option("--excel", is_flag=True, help="CSV with a byte-order mark, so that Excel shows every script.")
@click.option(
    "--hxl", is_flag=True,
    help="With --format csv: the HXL hashtag row under the header, for HDX. Leaves out the register's notes, "
    "the timeline's detail and the discrepancies' claims, which can name individuals: HDX forbids personal data.",
)  # fmt: skip
@pass_app
def report(
    app: App,
    name: str,
    chart: str | None,
    fmt: str,
    output: Path | None,
    process: str | None,
    round: str | None,  # the field's name, as the option gives it
    party: str | None,
    category: str | None,
    since: PartialDate | None,
    until: PartialDate | None,
    statuses: tuple[str, ...],
    excel: bool,
    hxl: bool,
) -> None:
    """Reports over the ledger.

    \b
    NAME is one of:
      commitments    what each round committed each side to, and how it changed
      fulfilment     committed, delivered, outstanding and score per obligation
      register       transfers in date order, with running totals
      discrepancies  where the record and the sources disagree
      timeline       rounds and transfers on one time line, a line per day,
                     direction and category (each transfer: the register)
      deadlines      what is due or overdue (as of --until, or today), soonest first
      workbook       all of these as sheets of one .xlsx file, with charts (needs -o)
      page           one self-contained web page (needs -o FILE.html): per process,
                     its rounds, commitments, fulfilment in plain words, deadlines,
                     charts and disputed figures with their sources linked, and the
                     checkpoint it was built from; without --process or --round, what
                     counts towards no agreed term too; no script, nothing fetched from
                     anywhere, aggregates only (no claimants, quotes, heads or notes)
      chart CHART    returns or fulfilment as an image (needs -o FILE.png or .svg)

    \b
    Example:
      ledger report fulfilment
      ledger report commitments --status agreed --status proposed --format md
      ledger report register --party UKR --since 2025-06 --format csv --excel -o register.csv
      ledger report fulfilment --format csv --hxl -o fulfilment-hxl.csv
      ledger report deadlines --until 2025-03-01
      ledger report workbook -o istanbul-2025.xlsx
      ledger report page --process gaza-2025 -o gaza-2025.html
      ledger report chart returns -o returns.png
    """
    from ledger.reports import Filters

    filters = Filters.of(
        process=process, round=round, party=party, category=category, since=since, until=until, status=statuses
    )
    if output is not None and not output.parent.is_dir():
        raise Refusal([f"-o: {output.parent} is not a folder; create it first"])
    if output is not None and output.is_dir():
        raise Refusal([f"-o: {output} is a folder; give the file to write in it"])
    name = "fulfilment" if name == "fulfillment" else name
    if hxl and name in ("chart", "workbook", "page"):
        raise Refusal([f"--hxl: tags CSV only, not the {name}"])
    if hxl:
        check_format(fmt)
    book = app.ledger()
    if name == "chart":
        if chart not in book.charts():
            raise Refusal([f"chart: name the chart, one of {', '.join(book.charts())}, got {chart!r}"])
        if output is None or output.suffix.lower() not in (".png", ".svg"):
            raise Refusal(["chart: give the image to write with -o FILE.png or -o FILE.svg"])
        book.chart(chart, output, filters=filters)
        click.echo(f"Drew the {chart} chart to {output}.")
        return
    if chart is not None:
        raise click.UsageError(f"Got unexpected extra argument ({chart})")
    if name == "page":
        if output is None or output.suffix.lower() not in (".html", ".htm"):
            raise Refusal(["page: give the page to write with -o FILE.html"])
        built = book.page(output, filters=filters)
        held = ", ".join(built.processes) or "no process: nothing these filters reach"
        click.echo(f"Wrote the page to {output} ({held}; {built.charts} chart{'' if built.charts == 1 else 's'}).")
        return
    if name == "workbook":
        if output is None or output.suffix.lower() != ".xlsx":
            raise Refusal(["workbook: give the workbook to write with -o FILE.xlsx"])
        written = book.workbook(output, filters=filters)
        click.echo(f"Wrote the workbook to {output} ({written.reports} reports, {written.charts} charts).")
        return
    if name in ("register", "fulfilment") and fmt == "csv":  # written as read, without pandas
        book.report_csv(name, sys.stdout if output is None else output, excel=excel, hxl=hxl, filters=filters)
    elif fmt == "xlsx":
        if output is None or output.suffix.lower() != ".xlsx":
            raise Refusal(["--format xlsx: give the workbook to write with -o FILE.xlsx"])
        book.report_sheet(name, output, filters=filters)
    else:
        text = book.report_text(name, fmt, width=terminal_width(), excel=excel, hxl=hxl, filters=filters)
        if output is None:
            click.echo(text, nl=False)
            return
        output.write_text(text, encoding="utf-8", newline="")
    if output is not None:
        click.echo(f"Wrote the {name} report to {output}.")
