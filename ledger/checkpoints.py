"""Checkpoints and proofs: what a publisher prints under a figure, and how anyone checks it later.

The journal's leaves (one per version of a record: the hash of its canonical state) form one
Merkle tree (`ledger.merkle`). A **checkpoint** is that tree at one moment, in four lines of
text, the body of a C2SP tlog-checkpoint (unsigned) with one extension line:

    humanitarian-ledger/5f0c3e1b…      the ledger's identity (origin)
    57                                 the number of leaves then (the tree's size)
    yHBDCo6ENj5Hxvkaxi+Ed3tTQa6iT4Tu…  the root hash of those leaves, base64
    journal 8 3f1a…                    the journal entry that ends at that leaf, and its chain hash

The leaves are the records' states; who made each change, when and why are in the journal's
entries, which the hash chain covers: the fourth line ties the checkpoint to the chain, so that a
rewritten actor, time or reason is found too. A checkpoint of three lines (an older one) is still
read; against it, only the states can be checked.

A ledger **extends** a checkpoint when its tree's first `size` leaves have that root: a
consistency proof from today's tree shows it in O(log n) hashes (`consistency`). An **inclusion
proof** (`Proof`, a small JSON file) shows that one record's state is a leaf of the tree a
checkpoint names; `check_proof` checks it with nothing but the file and, if given, the
checkpoint: no database. Nothing here writes to the ledger.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger import journal, merkle
from ledger import models as m
from ledger.entities import ENTITIES
from ledger.errors import LedgerError

ORIGIN_PREFIX = "humanitarian-ledger/"
_HASH = 32  # bytes in a SHA-256 hash
_LARGEST = 2**20  # bytes: a checkpoint is three lines, a proof a few dozen hashes
_PROOF_FIELDS = ("origin", "size", "root", "entity", "key", "leaf_index", "state", "path")


@dataclass(frozen=True)
class Checkpoint:
    """The journal's tree at one moment: the ledger's `origin`, the tree's `size` (leaves) and its
    `root` hash (32 bytes)."""

    origin: str
    size: int
    root: bytes
    journal: tuple[int, str] | None = None  # the entry ending at leaf `size` (seq, chain hash), if the line was there

    @property
    def root_text(self) -> str:
        """The root as the checkpoint writes it: base64."""
        return base64.b64encode(self.root).decode("ascii")

    def text(self) -> str:
        entry = f"journal {self.journal[0]} {self.journal[1]}\n" if self.journal else ""
        return f"{self.origin}\n{self.size}\n{self.root_text}\n{entry}"

    def tree_head(self) -> tuple[str, int, bytes]:
        """What a proof is checked against: the origin, size and root (not the journal line)."""
        return self.origin, self.size, self.root


def parse(text: str, name: str) -> Checkpoint:
    """A checkpoint from its text; what is wrong is a `LedgerError` naming `name` and the line.

    Lines after the third are extension lines (`journal <seq> <hash>` is read, others read past),
    and a blank line ends the body (a signed note's signatures follow it)."""
    lines = [line.removesuffix("\r") for line in text.removesuffix("\n").split("\n")]
    if not text.strip():
        raise LedgerError(f"{name}: is empty: a checkpoint has three lines (origin, tree size, root hash)")
    if len(lines) < 3:
        raise LedgerError(
            f"{name}: is not a checkpoint: it has {len(lines)} line{'s' if len(lines) > 1 else ''}, where a "
            "checkpoint has three (origin, tree size, root hash)"
        )
    if not lines[0] or lines[0].strip() != lines[0]:
        raise LedgerError(f"{name}: line 1: the origin must be the ledger's name, with no space around it, "
                          f"got {lines[0]!r}")  # fmt: skip
    origin, size_text, root_text = lines[:3]
    if not size_text.isascii() or not size_text.isdigit() or (size_text != "0" and size_text.startswith("0")):
        raise LedgerError(f"{name}: line 2: the tree size must be a whole number of leaves, got {size_text!r}")
    try:
        root = base64.b64decode(root_text.encode("ascii"), validate=True)
    except (UnicodeEncodeError, binascii.Error):
        root = b""
    if len(root) != _HASH:
        raise LedgerError(f"{name}: line 3: the root must be a SHA-256 hash in base64 (44 characters), "
                          f"got {root_text!r}")  # fmt: skip
    journal_line = None
    for number, line in enumerate(lines[3:], start=4):
        if not line:
            break
        if line.startswith("journal "):
            parts = line.split(" ")
            if len(parts) != 3 or not parts[1].isascii() or not parts[1].isdigit() or not _is_hex_hash(parts[2]):
                raise LedgerError(f"{name}: line {number}: the journal line must be `journal <entry number> <its hash "
                                  f"in hex>`, got {line!r}")  # fmt: skip
            journal_line = (int(parts[1]), parts[2].lower())
    return Checkpoint(origin, int(size_text), root, journal_line)


def _read_text(path: Any, what: str) -> tuple[str, str]:
    """The text of a file a user named, and its name; a missing, unreadable or non-UTF-8 file is a
    `LedgerError` naming it."""
    if not isinstance(path, str | os.PathLike) or isinstance(path, bytes):
        raise LedgerError(f"{what}: give a file's path (text or a pathlib.Path), got {path!r}")
    name = os.fspath(path)
    try:
        with Path(path).open("rb") as file:
            data = file.read(_LARGEST + 1)
        if len(data) > _LARGEST:
            raise LedgerError(f"{name}: is not {what}: it is larger than {_LARGEST // 2**20} MB")
        return data.decode("utf-8").removeprefix("\ufeff"), name  # a byte-order mark an editor added
    except IsADirectoryError:
        raise LedgerError(f"{name}: is a folder, not {what}") from None
    except OSError as error:
        raise LedgerError(f"{name}: {error.strerror or error}") from None
    except UnicodeDecodeError as error:
        raise LedgerError(f"{name}: is not {what}: it is not UTF-8 text (byte {error.start + 1})") from None


def read(path: str | os.PathLike[str]) -> Checkpoint:
    """The checkpoint in the file at `path`."""
    return parse(*_read_text(path, "a checkpoint"))


def of(tree: merkle.Tree, origin: str, head: tuple[int, str] | None = None) -> Checkpoint:
    return Checkpoint(origin, tree.size, tree.root(), head)


def entries_problem(session: Session, old: Checkpoint) -> str | None:
    """Why the journal's entries are not those `old`'s journal line names (the entry numbered there
    with that chain hash, ending at leaf `size`), or None if they are (or it has no such line)."""
    if old.journal is None:
        return None
    seq, digest = old.journal
    e = m.JournalEntry
    found = session.execute(select(e.hash, e.first_leaf + e.leaf_count).where(e.seq == seq)).first()
    if found is None or found[0] != digest or found[1] != old.size:
        return (
            f"the journal's entries up to {seq:,} were rewritten (who, when or why changed): entry {seq:,} "
            + ("is gone" if found is None else f"has hash {found[0]} and ends at leaf {found[1]:,}")
            + f", where the checkpoint names hash {digest} ending at leaf {old.size:,}"
        )
    return None


def consistency(old: Checkpoint, origin: str, tree: merkle.Tree) -> str | None:
    """Why the log of `origin` with `tree` does not extend the checkpoint `old`, or None if it does
    (a consistency proof from `old.size` to today's size, checked as a reader would check it)."""
    if old.origin != origin:
        return f"it is of another ledger ({old.origin}; this ledger is {origin})"
    if old.size > tree.size:
        return (
            f"it has {old.size:,} leaves and the journal now has {tree.size:,}: the journal was truncated "
            "(entries were removed since the checkpoint)"
        )
    path = tree.consistency(old.size)
    if not merkle.verify_consistency(old.size, tree.size, old.root, tree.root(), path):
        return (
            f"the journal's first {old.size:,} leaves are not the ones it names (root {old.root_text} then, "
            f"{_b64(tree.root(old.size))} now): the history was rewritten"
        )
    return None


def _b64(digest: bytes) -> str:
    return base64.b64encode(digest).decode("ascii")


@dataclass(frozen=True)
class Proof:
    """That one record's state is leaf `leaf_index` of the tree of a checkpoint: the `path` of
    hashes (RFC 9162 audit path, from the leaf up) from the leaf to the checkpoint's root."""

    checkpoint: Checkpoint
    entity: str
    key: str
    leaf_index: int
    state: str  # the record's canonical state JSON, as the leaf hashes it
    path: tuple[bytes, ...]

    def text(self) -> str:
        """The proof as a JSON file: the checkpoint's origin, size and root (base64), the record,
        its leaf index and state, and the path (hex)."""
        c = self.checkpoint
        return json.dumps({
            "origin": c.origin, "size": c.size, "root": c.root_text, "entity": self.entity, "key": self.key,
            "leaf_index": self.leaf_index, "state": self.state, "path": [h.hex() for h in self.path],
        }, indent=2, ensure_ascii=False) + "\n"  # fmt: skip


def prove(tree: merkle.Tree, checkpoint: Checkpoint, entity: str, key: str, index: int, state: str) -> Proof:
    """The inclusion proof of `state`, leaf `index` of `tree`, against `checkpoint` (which `tree`
    extends). A record whose version came after the checkpoint, or whose state is not its leaf,
    is a `LedgerError` saying so."""
    if index >= checkpoint.size:
        raise LedgerError(
            f"{entity} {key}: its current version came later than the checkpoint (it is leaf {index:,}; the "
            f"checkpoint has {checkpoint.size:,} leaves, 0 to {checkpoint.size - 1:,}): make a new checkpoint"
        )
    if merkle.leaf_hash(state.encode("utf-8")) != tree.levels[0][index]:
        raise LedgerError(
            f"{entity} {key}: its state is not its leaf {index:,} in the journal (changed behind the ledger's "
            "back): see `ledger verify`"
        )
    return Proof(checkpoint, entity, key, index, state, tuple(tree.inclusion(index, checkpoint.size)))


def parse_proof(text: str, name: str) -> Proof:
    """A proof from its JSON text; what is wrong is a `LedgerError` naming `name` and the field."""
    try:
        given = json.loads(text)
    except json.JSONDecodeError as error:
        raise LedgerError(f"{name}: is not a proof: line {error.lineno}: not JSON ({error.msg})") from None
    except RecursionError:
        raise LedgerError(f"{name}: is not a proof: its JSON is nested too deep") from None
    except ValueError:  # Python's limit on the digits of a whole number
        raise LedgerError(f"{name}: is not a proof: it holds a number of more than 4,300 digits") from None
    if not isinstance(given, dict):
        raise LedgerError(f"{name}: is not a proof: a proof is a JSON object with {', '.join(_PROOF_FIELDS)}")
    missing = [field for field in _PROOF_FIELDS if field not in given]
    if missing:
        raise LedgerError(f"{name}: is not a proof: it has no {', '.join(missing)}")

    def wrong(field: str, must: str) -> LedgerError:
        return LedgerError(f"{name}: {field}: must be {must}, got {given[field]!r}")

    for field in ("origin", "entity", "key", "state"):
        if not isinstance(given[field], str):
            raise wrong(field, "text")
    for field in ("size", "leaf_index"):
        if isinstance(given[field], bool) or not isinstance(given[field], int) or given[field] < 0:
            raise wrong(field, "a whole number ≥ 0")
    if not given["origin"] or given["origin"].strip() != given["origin"] or "\n" in given["origin"]:
        raise wrong("origin", "the ledger's name, with no space around it")
    try:
        checkpoint = parse(f"{given['origin']}\n{given['size']}\n{given['root']}\n", name)
    except LedgerError:
        raise wrong("root", "a SHA-256 hash in base64") from None
    if not isinstance(given["path"], list) or not all(_is_hex_hash(h) for h in given["path"]):
        raise wrong("path", "a list of SHA-256 hashes in hex")
    path = tuple(bytes.fromhex(h) for h in given["path"])
    return Proof(checkpoint, given["entity"], given["key"], given["leaf_index"], given["state"], path)


def _is_hex_hash(value: Any) -> bool:
    return isinstance(value, str) and len(value) == 2 * _HASH and all(c in "0123456789abcdefABCDEF" for c in value)


def read_proof(path: str | os.PathLike[str]) -> Proof:
    """The proof in the file at `path`."""
    return parse_proof(*_read_text(path, "a proof"))


def check_proof(proof: Proof, checkpoint: Checkpoint | None = None) -> list[str]:
    """What is wrong with `proof`, checked with nothing but its hashes (and against `checkpoint`,
    if given, besides the one it carries): nothing if it proves its state is in the tree."""
    c = proof.checkpoint
    problems = []
    if checkpoint is not None and checkpoint.tree_head() != c.tree_head():
        problems.append(
            f"it is against another checkpoint ({c.origin}, size {c.size:,}, root {c.root_text}) than the one "
            f"given ({checkpoint.origin}, size {checkpoint.size:,}, root {checkpoint.root_text})"
        )
    problems += _state_problems(proof)
    leaf = merkle.leaf_hash(proof.state.encode("utf-8"))
    if proof.leaf_index >= c.size:
        problems.append(f"leaf {proof.leaf_index:,} is not in a tree of {c.size:,} leaves")
    elif not merkle.verify_inclusion(leaf, proof.leaf_index, c.size, proof.path, c.root):
        problems.append(
            f"its path does not lead from the state, as leaf {proof.leaf_index:,}, to the root {c.root_text} of "
            f"{c.size:,} leaves: the state, the leaf index or the path is not what the ledger gave"
        )
    return problems


def _state_problems(proof: Proof) -> list[str]:
    """Whether the proof's state is a state of the record it names: an object with the fields of
    that entity's states, its key field the proof's key (a proof's labels are not in its hashes)."""
    if proof.entity not in ENTITIES:
        return [f"its entity {proof.entity!r} is not one the ledger holds ({', '.join(ENTITIES)})"]
    try:
        state = json.loads(proof.state)
    except (ValueError, RecursionError):
        state = None
    if not isinstance(state, dict) or set(state) != journal.state_fields(proof.entity):
        return [f"its state is not the state of a record of the kind {proof.entity} (its fields are not theirs)"]
    field = journal.key_field(proof.entity)
    named = state.get(field) if field is not None else proof.key
    if named != proof.key or (field is None and not proof.key.isdigit()):
        return [f"its state is not that of {proof.entity} {proof.key}: it names {field} {named!r}"]
    return []


def current(session: Session) -> tuple[Checkpoint, merkle.Tree]:
    """The ledger's checkpoint now (at the journal's last entry, named on its journal line), and
    its tree (for the proofs)."""
    tree = journal.tree(session)
    e = m.JournalEntry
    head = session.execute(select(e.seq, e.hash).order_by(e.seq.desc()).limit(1)).first()
    return of(tree, journal.origin(session), (head[0], head[1]) if head else None), tree


def extension(session: Session, old: Checkpoint) -> tuple[Checkpoint, str | None]:
    """The ledger's checkpoint now, and why it does not extend `old` (None if it does): its
    leaves (a consistency proof), then its entries (the journal line)."""
    now, tree = current(session)
    return now, consistency(old, now.origin, tree) or entries_problem(session, old)


def proof(session: Session, entity: str, key: str, checkpoint: Checkpoint | None = None) -> Proof:
    """The inclusion proof of a record's current state against `checkpoint` (default: the
    ledger's now), which the ledger must extend."""
    index, state = journal.record_leaf(session, entity, key)
    now, tree = current(session)
    problem = consistency(checkpoint, now.origin, tree) if checkpoint else None
    if problem:
        raise LedgerError(f"cannot prove anything against this checkpoint: {problem}")
    return prove(tree, checkpoint or now, entity, key, index, state)
