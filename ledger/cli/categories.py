"""`ledger category`: the vocabulary of categories, built in and added, with `add` and `list`
(`show`, `amend`, `void` and `history` come with every kind of record)."""

from __future__ import annotations

import click

from ledger import domain
from ledger.cli.app import App, pass_app
from ledger.cli.options import FORMAT, choices, hxl_option, show_rows
from ledger.cli.records import add, ask, entity_group, vocabulary

LISTED = ("code", "name", "kind", "builtin")


@entity_group("category", amended='--name "Remains of foreign nationals"')
def category() -> None:
    """Who or what a term or a transfer counts: living people, remains, or nobody."""


@category.command("add")
@click.argument("code", required=False)
@click.option("--name", help="What it is called, e.g. Remains of foreign nationals.")
@click.option("--kind", metavar=choices(domain.KINDS), help="What it counts: living people, remains, or none.")
@pass_app
def category_add(app: App, code: str | None, name: str | None, kind: str | None) -> None:
    """Add a category to the built-in ones, under a short code in small letters.

    Its kind says what it counts: reports never add remains to living people, and a category of
    kind none (like other) counts nobody, its terms having no obligations.

    \b
    Example:
      ledger category add foreign-remains --name "Remains of foreign nationals" --kind remains
    """
    values = {"code": code, "name": name, "kind": kind}
    ask(app, "category", values, [("code", None), ("name", None), ("kind", vocabulary(domain.KINDS))])
    add(app, "category", values)
    click.echo(f"Added category {values['code']}.")


@category.command("list")
@click.option("--kind", metavar=choices(domain.KINDS), help="Only categories of this kind.")
@FORMAT
@hxl_option(LISTED)
@pass_app
def category_list(app: App, kind: str | None, fmt: str, hxl: bool) -> None:
    """List the categories in the order reports show them: the built-in ones, then those added.

    \b
    Example:
      ledger category list
      ledger category list --kind remains --format csv
    """
    rows = app.ledger().rows("category", kind=kind)
    if fmt != "json":
        rows = [{**row, "builtin": "yes" if row["builtin"] else "no"} for row in rows]
    show_rows(rows, LISTED, LISTED, fmt, "category", hxl)
