"""The commands of checkpoints and proofs: `checkpoint` (the four lines to publish under a
figure), `proof show` (that a record's state is in the ledger as a checkpoint names it) and
`proof check` (checks such a proof with no database at all). `ledger verify --checkpoint`
(in `admin`) proves that the ledger only grew since a checkpoint."""

from __future__ import annotations

import sys
from pathlib import Path

import click

import ledger
from ledger.cli.app import App, LedgerGroup, Refusal, cli, pass_app
from ledger.config import sqlite_path
from ledger.entities import ENTITIES

OUTPUT = click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to this file, not the screen.")
CHECKPOINT_FILE = click.Path(path_type=Path)


def _write(app: App, output: Path | None, text: str, what: str, reads: Path | None = None) -> None:
    """`text` on the screen, or in the file `output` (in a folder that exists; neither the ledger's
    own database nor the file `reads` the command reads) with a line saying so."""
    if output is None:
        click.echo(text, nl=False)
        return
    if not output.parent.is_dir():
        raise Refusal([f"-o: {output.parent} is not a folder; create it first"])
    if output.is_dir():
        raise Refusal([f"-o: {output} is a folder; give the file to write in it"])
    database = sqlite_path(app.url)
    for kept, name in ((Path(database) if database else None, "the ledger's database"), (reads, "--checkpoint")):
        if kept is not None and output.resolve() == kept.resolve():
            raise Refusal([f"-o: {output} is {name}: give another file"])
    try:
        output.write_text(text, encoding="utf-8", newline="\n")
    except OSError as error:
        raise Refusal([f"-o: {output}: {error.strerror or error}"]) from None
    click.echo(f"Wrote {what} to {output}.")


@cli.command()
@OUTPUT
@pass_app
def checkpoint(app: App, output: Path | None) -> None:
    """Print the journal's checkpoint: the ledger's name (origin), the number of leaves in its
    journal (one per version of a record) and the root hash over all of them.

    Publish it under a figure, or keep it: `ledger verify --checkpoint FILE` later proves that the
    ledger only grew since (nothing in it was changed or removed), and `ledger proof show` that a
    record was in it.

    \b
    Example:
      ledger checkpoint
      ledger checkpoint -o 2025-06-30.checkpoint
    """
    made = app.ledger().checkpoint()
    _write(app, output, made.text(), f"the checkpoint ({made.size:,} leaves)")


@cli.group(cls=LedgerGroup)
def proof() -> None:
    """Inclusion proofs: that a record's state is in the ledger a checkpoint names, checked
    without the database."""


@proof.command("show")
@click.argument("entity", type=click.Choice(list(ENTITIES)), metavar="ENTITY")
@click.argument("key")
@click.option("--checkpoint", "checkpoint_file", type=CHECKPOINT_FILE, metavar="FILE",
              help="Prove against this checkpoint (default: one made now).")  # fmt: skip
@OUTPUT
@pass_app
def show(app: App, entity: str, key: str, checkpoint_file: Path | None, output: Path | None) -> None:
    """Print the proof that a record's current state is in the journal, against a checkpoint
    (one made now, or a published one): a small JSON file with the checkpoint, the record's
    state, its leaf and the hashes from that leaf to the root.

    Anyone can check it with `ledger proof check`, without the ledger's database.

    \b
    Example:
      ledger proof show transfer 2025-05-23-rus-ukr-pow --checkpoint 2025-06-30.checkpoint -o t1.proof
    """
    book = app.ledger()
    made = book.proof(entity, key, book.read_checkpoint(checkpoint_file) if checkpoint_file else None)
    said = f"the proof of {entity} {key} (leaf {made.leaf_index:,} of {made.checkpoint.size:,})"
    _write(app, output, made.text(), said, checkpoint_file)


@proof.command("check")
@click.argument("proof_file", type=CHECKPOINT_FILE, metavar="FILE")
@click.option("--checkpoint", "checkpoint_file", type=CHECKPOINT_FILE, metavar="FILE",
              help="The checkpoint the proof must be against (as published).")  # fmt: skip
def check(proof_file: Path, checkpoint_file: Path | None) -> None:
    """Check an inclusion proof with nothing but its hashes: no database is opened.

    Exit code 0 if the record's state is the leaf the proof names in the tree of its checkpoint
    (and that checkpoint is the one given with --checkpoint); 1, with what is wrong, if not. It
    proves that this version was in the ledger by that checkpoint: the record may have been
    amended since (its history shows it).

    \b
    Example:
      ledger proof check t1.proof --checkpoint 2025-06-30.checkpoint
    """
    found = ledger.Ledger.check_proof(proof_file, checkpoint_file)
    for problem in found.problems:
        click.echo(f"FAIL {proof_file}: {problem}")
    if found.problems:
        sys.exit(1)
    p, c = found.proof, found.proof.checkpoint
    click.echo(f"Proved: this version of {p.entity} {p.key} was in the ledger by this checkpoint (it may have been "
               "amended since: see its history):")  # fmt: skip
    click.echo(f"  origin  {c.origin}\n  size    {c.size:,} leaves (this state is leaf {p.leaf_index:,})")
    click.echo(f"  root    {c.root_text}\n  state   {p.state}")
    if checkpoint_file is None:
        click.echo("The proof carries its checkpoint: compare these three lines with the one published.")
