"""The rules' view of the ledger (`rules.Catalog`): the lookups the rules make, answered in the
caller's transaction, one query at a time (`SessionCatalog`, for a single write) or cached for
checking many rows (`CachedCatalog`, for a load and `ledger check`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from sqlalchemy import false, select
from sqlalchemy.orm import Session, aliased

from ledger import models as m
from ledger import rules
from ledger.entities import ENTITIES
from ledger.sql import party_aliases


class SessionCatalog:
    """The rules' view of the ledger, answered by queries in the caller's transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def _id(self, column: Any, key: str) -> int | None:
        """A live record's id: a voided record cannot be referred to."""
        table = column.class_
        return self.session.scalar(select(table.id).where(column == key, table.voided == false()))

    def exists(self, entity: str, key: str) -> bool:
        """Whether a key is taken, by a live or a voided record: a key is never used twice."""
        column = ENTITIES[entity].key_attribute
        return self.session.scalar(select(column.class_.id).where(column == key)) is not None

    def party_id(self, code: str) -> int | None:
        return self._id(m.Party.code, code)

    def categories(self) -> dict[str, str]:
        """The live categories' kinds by code, in the order reports show them."""
        live = select(m.Category.code, m.Category.kind).where(m.Category.voided == false())
        return {code: kind for code, kind in self.session.execute(live.order_by(m.Category.position, m.Category.id))}

    def source_id(self, key: str) -> int | None:
        return self._id(m.Source.key, key)

    def process_id(self, key: str) -> int | None:
        return self._id(m.Process.key, key)

    def transfer_id(self, key: str) -> int | None:
        return self._id(m.Transfer.key, key)

    def assertion_id(self, key: str) -> int | None:
        return self._id(m.Assertion.key, key)

    def round_info(self, key: str) -> rules.RoundInfo | None:
        return self._round_infos(m.Round.key == key).get(key)

    def term_info(self, key: str) -> rules.TermInfo | None:
        return self._term_infos(m.Term.key == key).get(key)

    def _round_infos(self, *where: Any) -> dict[str, rules.RoundInfo]:
        """The live rounds that match `where` (all of them, given nothing), by key."""
        live = (m.Round.voided == false(), *where)
        roles: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for round_id, code, role in self.session.execute(
            select(m.RoundParticipant.round_id, m.Party.code, m.RoundParticipant.role)
            .join(m.Party, m.Party.id == m.RoundParticipant.party_id)
            .where(m.RoundParticipant.round_id.in_(select(m.Round.id).where(*live)))
            .order_by(m.RoundParticipant.round_id, m.RoundParticipant.position)
        ):
            roles[round_id].append((code, role))
        found = select(m.Round.id, m.Round.key, m.Round.process_id, m.Round.number, m.Round.start_date).where(*live)
        return {
            key: rules.RoundInfo(
                id, process, number, start, tuple(code for code, role in roles[id] if role == "party"),
                frozenset(code for code, _ in roles[id]),
            )
            for id, key, process, number, start in self.session.execute(found)
        }  # fmt: skip

    def _term_infos(self, *where: Any) -> dict[str, rules.TermInfo]:
        """The live terms that match `where` (all of them, given nothing), by key."""
        live = (m.Term.voided == false(), *where)
        deliverer, receiver = party_aliases()
        directions: dict[int, set[tuple[str, str]]] = defaultdict(set)
        for term_id, *direction in self.session.execute(
            select(m.Obligation.term_id, deliverer.code, receiver.code)
            .join(deliverer, deliverer.id == m.Obligation.deliverer_id)
            .join(receiver, receiver.id == m.Obligation.receiver_id)
            .where(m.Obligation.term_id.in_(select(m.Term.id).where(*live)))
        ):
            directions[term_id].add(tuple(direction))  # type: ignore[arg-type]
        base = aliased(m.Term, name="base")
        bases: dict[int, set[str]] = defaultdict(set)
        for term_id, per in self.session.execute(
            select(m.Obligation.term_id, base.key)
            .join(base, base.id == m.Obligation.per_id)
            .where(m.Obligation.term_id.in_(select(m.Term.id).where(*live)))
        ):
            bases[term_id].add(per)
        rounds = self._round_infos(m.Round.id.in_(select(m.Term.round_id).where(*live)))  # theirs, at once
        infos = {}
        for id, key, round_key, category in self.session.execute(
            select(m.Term.id, m.Term.key, m.Round.key, m.Term.category)
            .join(m.Round, m.Round.id == m.Term.round_id)
            .where(*live)
        ):
            round_info = rounds.get(round_key)
            assert round_info is not None  # the foreign key guarantees the round
            infos[key] = rules.TermInfo(
                id, round_key, round_info, frozenset(directions[id]), frozenset(bases[id]), category
            )
        return infos

    def alias_owner(self, alias: str) -> str | None:
        return self.session.scalar(select(m.Party.code).join(m.PartyAlias).where(m.PartyAlias.alias == alias))

    def round_number_taken(self, process_id: int, number: int) -> str | None:
        return self.session.scalar(
            select(m.Round.key).where(m.Round.process_id == process_id, m.Round.number == number)
        )

    def claim_exists(self, subject_type: str, subject_id: int, field: str, source_id: int, claimant: str) -> bool:
        column = {"round": m.Claim.round_id, "term": m.Claim.term_id, "transfer": m.Claim.transfer_id}[subject_type]
        found = self.session.scalar(
            select(m.Claim.id).where(
                m.Claim.subject_type == subject_type,
                column == subject_id,
                m.Claim.field == field,
                m.Claim.source_id == source_id,
                m.Claim.claimant == claimant,
            )
        )
        return found is not None


class CachedCatalog(SessionCatalog):
    """The catalog for checking many rows (a load, `ledger check`): each lookup asked once, the
    keys taken read at once.

    Only found records are remembered (a missing one may be added by a later row); an amended
    round or term is forgotten, since its dates and directions may have changed.
    """

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self._found: dict[tuple[str, str], Any] = {}
        self._taken: dict[str, set[str]] = {}
        self.names: dict[tuple[str, int], str] = {}  # (entity, id) -> code or key, for journal states
        self._categories: dict[str, str] | None = None

    def _cached(self, kind: str, key: str, lookup: Callable[[str], Any]) -> Any:
        found = self._found.get((kind, key))
        if found is None:
            found = lookup(key)
            if found is not None:
                self._found[(kind, key)] = found
                self.names[(kind, found if isinstance(found, int) else found.id)] = key
        return found

    def party_id(self, code: str) -> int | None:
        return self._cached("party", code, super().party_id)

    def categories(self) -> dict[str, str]:
        if self._categories is None:
            self._categories = super().categories()
        return self._categories

    def source_id(self, key: str) -> int | None:
        return self._cached("source", key, super().source_id)

    def process_id(self, key: str) -> int | None:
        return self._cached("process", key, super().process_id)

    def transfer_id(self, key: str) -> int | None:
        return self._cached("transfer", key, super().transfer_id)

    def round_info(self, key: str) -> Any:
        return self._cached("round", key, super().round_info)

    def term_info(self, key: str) -> Any:
        return self._cached("term", key, super().term_info)

    def exists(self, entity: str, key: str) -> bool:
        if entity not in self._taken:
            column = ENTITIES[entity].key_attribute
            self._taken[entity] = {str(k) for k in self.session.scalars(select(column))}
        return key in self._taken[entity]

    def added(self, entity: str, key: str) -> None:
        if entity == "category":
            self._categories = None
        if entity in self._taken:
            self._taken[entity].add(key)

    def know_every_term(self) -> None:
        """Look up every live round and term at once: the transfers of a load name thousands of
        terms, and asking for each (with its round) took four queries."""
        for entity, infos in (("round", self._round_infos()), ("term", self._term_infos())):
            for key, info in infos.items():
                self._found[entity, key] = info
                self.names[entity, info.id] = key

    def amended(self, entity: str) -> None:
        if entity == "category":
            self._categories = None
        if entity in ("round", "term"):
            self._found = {k: v for k, v in self._found.items() if k[0] not in ("round", "term")}
