"""The derived tables, recomputed from the records and compared with what is stored.

Every report sums the allocation shares, and registers and dumps read each transfer's lists as
text kept on the transfer: neither is a record, so the journal does not hold them, and a share
changed, copied or deleted behind the ledger's back (or a transfer changed without its shares
being rewritten) would change every figure while the journal still verifies. `ledger verify`
therefore walks the allocation again, as a fresh load would (`shares.allocation_walk`), and
compares each transfer's shares with it, and each transfer's list texts with its links;
`ledger check` compares the list texts and the shares' copies of their transfers too.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from itertools import groupby

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ledger import models as m
from ledger import sql
from ledger.encoding import list_text
from ledger.shares import SHARE_COPIES, allocation_walk
from ledger.sql import linked_transfers

Difference = tuple[str, str]  # (what: "transfer KEY", how it differs)
Share = tuple[int | None, int | None, bool]  # (obligation id, amount, explicit), as stored or recomputed


def differences(session: Session) -> list[Difference]:
    """Every way the stored derived tables differ from what the records give."""
    return share_differences(session) + share_copies(session) + stored_lists(session)


def share_differences(session: Session) -> list[Difference]:
    """Each transfer and obligation (or its unallocated part) whose stored shares are not those
    the allocation walk gives: amounts changed, rows copied, missing or extra."""
    walked: dict[int, list[Share]] = defaultdict(list)
    for share in allocation_walk(session):
        walked[share.transfer_id].append((share.obligation_id, share.amount, share.explicit))
    s = m.AllocationShare
    stored = sql.driver_rows(
        session, select(s.transfer_id, s.obligation_id, s.amount, s.explicit).order_by(s.transfer_id)
    )
    differing: dict[int, tuple[list[Share], list[Share]]] = {}
    for transfer_id, rows in groupby(stored, key=lambda row: row[0]):
        kept = [(obligation, amount, bool(explicit)) for _, obligation, amount, explicit in rows]
        recomputed = walked.pop(transfer_id, [])
        if sorted(kept, key=_order) != sorted(recomputed, key=_order):
            differing[transfer_id] = (kept, recomputed)
    for transfer_id, recomputed in walked.items():  # transfers with no stored share at all
        differing[transfer_id] = ([], recomputed)
    if not differing:
        return []
    keys = select(m.Transfer.id, m.Transfer.key)
    if len(differing) <= 1000:  # else every key, rather than more ids than a statement may bind
        keys = keys.where(m.Transfer.id.in_(differing))
    transfers = dict(session.execute(keys).all())
    named = _obligation_names(session, {o for pair in differing.values() for o, _, _ in (*pair[0], *pair[1])})
    found = []
    for transfer_id, (kept, recomputed) in differing.items():
        for obligation in sorted({o for o, _, _ in (*kept, *recomputed)}, key=lambda o: (o is None, named.get(o, ""))):
            here, there = _amounts(kept, obligation), _amounts(recomputed, obligation)
            if here != there:
                what = "unallocated" if obligation is None else f"allocation to term {named[obligation]}"
                name = transfers.get(transfer_id, f"(no transfer has id {transfer_id})")  # a share of a deleted id
                found.append((f"transfer {name}", f"{what}: stored {here}, recomputed {there}"))
    return sorted(found, key=lambda difference: difference[0])  # by transfer key, each in its order


def _order(share: Share) -> tuple[int, int, bool]:
    obligation, amount, explicit = share
    return (-1 if obligation is None else obligation, -1 if amount is None else amount, explicit)


def _amounts(shares: Iterable[Share], obligation: int | None) -> str:
    """The shares a transfer gives one obligation, as `270 (explicit) + 30 (automatic)`."""
    amounts = sorted((s for s in shares if s[0] == obligation), key=_order)
    shown = [f"{'undisclosed' if a is None else a} ({'explicit' if e else 'automatic'})" for _, a, e in amounts]
    return " + ".join(shown) or "nothing"


def _obligation_names(session: Session, ids: set[int | None]) -> dict[int | None, str]:
    """Each obligation as `TERM DELIVERER→RECEIVER`."""
    deliverer, receiver = sql.party_aliases()
    found = session.execute(
        select(m.Obligation.id, m.Term.key, deliverer.code, receiver.code)
        .join(m.Term, m.Term.id == m.Obligation.term_id)
        .join(deliverer, deliverer.id == m.Obligation.deliverer_id)
        .join(receiver, receiver.id == m.Obligation.receiver_id)
        .where(m.Obligation.id.in_([id for id in ids if id is not None]))
    )
    return {id: f"{term} {d}→{r}" for id, term, d, r in found}


def share_copies(session: Session) -> list[Difference]:
    """Transfers whose allocation shares hold another direction, category or date than theirs
    (each share keeps a copy of them, for the fulfilment report to sum)."""
    s, t = m.AllocationShare, m.Transfer
    differs = or_(*(getattr(s, name) != getattr(t, name) for name in SHARE_COPIES))
    key = sql.code_point_order(t.key)
    keys = session.scalars(select(key).join(s, s.transfer_id == t.id).where(differs).distinct().order_by(key))
    message = "its allocation shares hold another direction, category or date"
    return [(f"transfer {key}", message) for key in keys]


def stored_lists(session: Session) -> list[Difference]:
    """Transfers whose terms, intermediaries or sources, as stored on the transfer for reports and
    dumps (`storage.link_texts`), are not what their links give."""
    found = []
    t = m.Transfer
    transfers = select(t.id, t.key, t.terms_text, t.intermediaries_text, t.sources_text).order_by(t.id)
    for (_, key, *stored), linked in linked_transfers(session, transfers):
        found += list_differences(key, stored, linked)
    return by_key(found)


LISTS = ("terms", "intermediaries", "sources")


def list_differences(key: str, stored: Sequence[str], linked: Sequence[list[str]]) -> list[Difference]:
    """How one transfer's list texts (`stored`, as `LISTS`) differ from its links' items (`linked`)."""
    found = []
    for name, text, items in zip(LISTS, stored, linked, strict=True):
        given = list_text(items)
        if text != given:
            found.append((
                f"transfer {key}",
                f"{name}: reports and dumps show {text or '(empty)'!r}, its links give {given or '(empty)'!r}",
            ))  # fmt: skip
    return found


def by_key(found: list[Difference]) -> list[Difference]:
    """Differences of transfers in order of key (by code point), each transfer's in its order."""
    return sorted(found, key=lambda difference: difference[0])
