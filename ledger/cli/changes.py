"""The record commands that change what is recorded, the same for every kind of record: `amend`
(the options of `add`, only those to change), `void`, and `history` (every version)."""

from __future__ import annotations

from typing import Any

import click

from ledger import render
from ledger.cli import categories  # noqa: F401  (its group, `ledger category`, is one of KINDS)
from ledger.cli.app import App, LedgerCommand
from ledger.cli.options import count_given, show_format
from ledger.cli.records import KINDS, Kind, obligation


def _changes(entity: str, options: dict[str, Any]) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for name, value in options.items():
        if value is None or value == () or value is False:
            continue
        changes[name] = list(value) if isinstance(value, tuple) else value
    if entity == "term" and "obligations" in changes:
        changes["obligations"] = [
            obligation(text, changes.get("basis"), changes.get("per")) for text in changes["obligations"]
        ]
    if entity == "transfer" and changes.pop("undisclosed", False):
        changes["count"] = count_given(changes.get("count"), True)
    return changes


def _add_change_commands(entity: str, kind: Kind) -> None:
    group, argument, key = kind.group, kind.argument, kind.changed
    options = [p for p in group.commands["add"].params if isinstance(p, click.Option)]
    reason = click.Option(["--reason"], required=True, help="Why: kept in the journal with the change.")

    def amend(app: App, reason: str, **values: Any) -> None:
        record_key = str(values.pop(argument))
        changed = app.ledger().amend(entity, record_key, _changes(entity, values), reason)
        if not changed:
            click.echo(f"Nothing to change: {entity} {record_key} already has these values.")
            return
        click.echo(f"Amended {entity} {record_key}: " + "; ".join(changed) + ".")

    group.add_command(LedgerCommand(
        "amend", callback=click.pass_obj(amend), params=[click.Argument([argument]), *options, reason],
        help=f"Change a {entity}; the rules of add apply, and the old values stay in the journal.\n\n"
        "Give only the options to change; a repeatable option given replaces the whole list.\n\n"
        f"\b\nExample:\n  ledger {entity} amend {key} {kind.amended} --reason \"corrected from the source\"",
    ))  # fmt: skip

    def void(app: App, reason: str, cascade: bool, **values: Any) -> None:
        voided = app.ledger().void(entity, str(values[argument]), reason, cascade)
        click.echo("Voided " + ", ".join(f"{e} {k}" for e, k in voided) + ".")

    group.add_command(LedgerCommand(
        "void", callback=click.pass_obj(void),
        params=[
            click.Argument([argument]), reason,
            click.Option(["--cascade"], is_flag=True, help="Also void the live records that depend on it."),
        ],
        help=f"Void a {entity}: it stops counting anywhere (lists, reports, allocations, checks, dumps) but "
        "stays in the ledger and its history. Refused while live records depend on it, unless --cascade.\n\n"
        f"\b\nExample:\n  ledger {entity} void {key} --reason \"entered twice\"",
    ))  # fmt: skip

    def history(app: App, fmt: str, **values: Any) -> None:
        versions = app.ledger().history(entity, str(values[argument]))
        if fmt == "json":
            click.echo(render.to_json(versions), nl=False)
            return
        for version in versions:
            why = f" — {version['reason']}" if version["reason"] else ""
            click.echo(f"#{version['seq']}  {version['at']}  {version['actor']}  {version['action']}{why}")
            for change in version["changes"]:
                click.echo(f"    {change}")

    group.add_command(LedgerCommand(
        "history", callback=click.pass_obj(history),
        params=[click.Argument([argument]), show_format()],
        help=f"Every version of a {entity}: when, who, the action, the reason, and each field changed.\n\n"
        f"\b\nExample:\n  ledger {entity} history {key}",
    ))  # fmt: skip


for _entity, _kind in KINDS.items():
    _add_change_commands(_entity, _kind)
