"""The commands about the ledger as a whole: `init` its schema, `check` it, `verify` its journal,
read the journal (`log`), and the database's roles for a team (`db roles`)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

import ledger
from ledger.cli.app import App, LedgerGroup, cli, pass_app
from ledger.cli.options import DATE, FORMAT, show_rows
from ledger.domain import PartialDate
from ledger.entities import ENTITIES


@cli.command()
@pass_app
def init(app: App) -> None:
    """Create the ledger's schema, or upgrade an older ledger to this version's.

    Safe to run again: a ledger that is up to date is left as it is.

    \b
    Example:
      ledger init
      ledger --db postgresql://postgres@127.0.0.1/ledger init
    """
    done = ledger.Ledger.init(app.url)
    if done.before is None:
        click.echo(f"Created a ledger at {done.where} (schema {done.after}).")
    elif done.before == done.after:
        click.echo(f"The ledger at {done.where} is up to date (schema {done.after}).")
    else:
        click.echo(f"Upgraded the ledger at {done.where} from schema {done.before} to {done.after}.")


@cli.command("check")
@pass_app
def check_command(app: App) -> None:
    """Check every assertion against the ledger, every rule over every record, and each transfer's
    lists as reports print them against its links.

    Prints each failure with the expected and actual figures; exit code 1 if any fails.

    \b
    Example:
      ledger check
    """
    found = app.ledger().check()
    for failure in found.failures:
        click.echo(f"FAIL {failure}")
    summary = (
        f"{found.held} of {found.assertions} assertion{'s' if found.assertions != 1 else ''} "
        f"{'holds' if found.held == 1 else 'hold'}; {found.records} records checked against every rule"
    )
    if found.failures:
        click.echo(f"{summary}: {len(found.failures)} problem{'s' if len(found.failures) != 1 else ''}.")
        sys.exit(1)
    click.echo(f"{summary}: all pass.")


@cli.command()
@click.option("--print-head", is_flag=True, help="Print only the head hash (to publish it elsewhere).")
@click.option("--checkpoint", "checkpoint_file", type=click.Path(path_type=Path), metavar="FILE",
              help="Also prove that the journal extends this checkpoint (`ledger checkpoint` made it).")  # fmt: skip
@pass_app
def verify(app: App, print_head: bool, checkpoint_file: Path | None) -> None:
    """Verify the journal: its hash chain, its tree's leaves, and that every record's state is its
    leaf; then recompute the derived tables (the allocation shares every report sums, the
    transfers' list texts) from the records.

    Names each problem (a record edited behind the ledger's back, or rewritten with its leaf hash;
    a journal entry altered or removed, a load's leaves altered; a record with no journal entry, or
    deleted; an allocation share or list text that is not what the records give, stored against
    recomputed) and exits 1; exits 0 with a summary when all is well.
    Publish the head hash (--print-head) somewhere others can see it: a later verify that reaches
    another head shows the history was rewritten. With --checkpoint FILE, also proves that the
    journal extends that checkpoint (it only grew since): exit 1 if it is another ledger's, if the
    journal was truncated, or if its history was rewritten.

    \b
    Example:
      ledger verify
      ledger verify --print-head
      ledger verify --checkpoint 2025-06-30.checkpoint
    """
    book = app.ledger()
    published = book.read_checkpoint(checkpoint_file) if checkpoint_file else None  # a bad file: before the work
    result = book.verify(published)  # the checkpoint in the same snapshot as the rest
    extended = result.extended
    if extended and extended.problem:
        result.problems.append(f"checkpoint {checkpoint_file}: {extended.problem}")
    for problem in result.problems:
        click.echo(f"FAIL {problem}", err=print_head)
    if print_head:
        click.echo(result.head)
    elif not result.problems:
        click.echo(
            f"Verified: {result.entries} journal entries chain correctly and {result.records} records match them; "
            f"head {result.head}."
        )
    if extended and not extended.problem and not print_head:
        old, now = extended.old, extended.now
        click.echo(
            f"The journal extends the checkpoint {checkpoint_file}: {old.size:,} leaves then, {now.size:,} now; "
            f"root {old.root_text} then, {now.root_text} now."
        )
        if old.journal is None:
            click.echo(
                "The checkpoint has no journal line (it is of three lines): it covers the records' states, and "
                "cannot check who made each change, when or why."
            )
    if result.problems:
        click.echo(f"{len(result.problems)} problem{'s' if len(result.problems) != 1 else ''} found.", err=print_head)
        sys.exit(1)


@cli.command()
@click.option("--since", type=DATE, help="Changes from this date (UTC).")
@click.option("--actor", "who", metavar="NAME", help="Only changes by this actor.")
@FORMAT
@pass_app
def log(app: App, since: PartialDate | None, who: str | None, fmt: str) -> None:
    """The journal, newest first: a load's batch entry shows how many records it added (in the
    table's key column, as `2000 transfers`; in csv and json its key is empty and `records`, the
    last column, has the number).

    \b
    Example:
      ledger log --since 2025-06 --actor alice
    """
    entries = app.ledger().log(since.first.isoformat() if since else None, who)
    rows = [
        {"seq": e.seq, "at": e.at, "actor": e.actor, "action": e.action, "entity": e.entity,
         "key": e.key if e.key is not None or fmt != "table" else _records(e.leaf_count, e.entity),
         "records": e.leaf_count, "reason": e.reason, "hash": e.hash}
        for e in entries
    ]  # fmt: skip
    show_rows(rows, ("seq", "at", "actor", "action", "entity", "key", "reason", "hash", "records"),
               ("seq", "at", "actor", "action", "entity", "key", "reason"), fmt, "journal")  # fmt: skip


def _records(count: int, entity: str) -> str:
    """What a batch entry holds, in the key column: `2000 transfers`."""
    return f"{count} {ENTITIES[entity].stem if count != 1 and entity in ENTITIES else entity}"


@cli.group(cls=LedgerGroup)
def db() -> None:
    """The database itself: roles for a team on PostgreSQL."""


@db.command()
@click.option("--print", "print_only", is_flag=True, help="Print the SQL instead of running it.")
@click.option("--reader", default="ledger_reader", show_default=True, help="The role that can only read.")
@click.option("--editor", default="ledger_editor", show_default=True, help="The role that enters data.")
@pass_app
def roles(app: App, print_only: bool, reader: str, editor: str) -> None:
    """Create two PostgreSQL roles: a reader that can only select, and an editor with only what the
    ledger's writes need: it adds, amends, voids and loads, but deletes no record and only appends
    to the journal. Run it again after `ledger init` upgrades the ledger: it revokes what an
    earlier run granted first.

    Roles belong to the whole server; the grants are for this database. Give them passwords or
    trusted connections as your server's authentication requires.

    \b
    Example:
      ledger --db postgresql://postgres@127.0.0.1/ledger db roles
      ledger --db postgresql://postgres@127.0.0.1/ledger db roles --print
    """
    statements = app.ledger().grant_roles(reader, editor, execute=not print_only)
    if print_only:
        click.echo(";\n".join(statements) + ";")
    else:
        done = f"{reader} (select only) and {editor} (deletes no record; journal: append only)"
        click.echo(f"Created or updated roles {done}.")
