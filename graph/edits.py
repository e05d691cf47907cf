"""Edits through the API: small batches, validated like file input, applied as `api:<key>`.

Each edit names the facts it states (and, to unlink, the facts it retracts)
and goes through graph.apply like a load, so invariants hold, a change set
is recorded and re-sending an edit changes nothing (facts are identified by
their natural keys: a membership by member, body, role and start date).
Edits amend their source rather than replace it, and a later reload of a
file does not undo them: the file's and the edit's values combine as
graph.sources describes. A fact that a file states cannot be unlinked here;
the error names the file to change instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from graph.apply import Applied, apply
from graph.batch import EdgeKey, GraphBatch
from graph.errors import UnctGraphError
from graph.facts import FactState, edges_touching, read_facts
from graph.keys import Principal
from graph.model import BodyKind, MemberRole, NodeKind, RelKind
from graph.repository import Graph
from graph.sources import Source, SourceKind
from graph.store import GraphStore

N, R = NodeKind, RelKind
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9/._:-]{0,199}$")


class EditError(UnctGraphError):
    """An edit that cannot be made as asked; nothing was written."""


@dataclass(frozen=True)
class Seat:
    """A membership as it stands after an edit."""

    fact: EdgeKey
    state: FactState


class Edits:
    """The edits one principal may make to one store."""

    def __init__(self, store: GraphStore, principal: Principal) -> None:
        self.store = store
        self.graph = Graph(store)
        self.principal = principal
        self.source = Source(f"api:{principal.name}", SourceKind.API)

    async def _apply(self, batch: GraphBatch, retract: list[EdgeKey] | None = None) -> Applied:
        return await apply(
            self.store,
            self.source,
            batch,
            self.principal.name,
            replace=False,
            retract=retract or [],
        )

    async def _node(self, kind: NodeKind, node_id: str, what: str) -> str:
        """The stored id for `node_id`, matched exactly or ignoring case."""
        rows = await self.graph.existing(kind.value, [node_id])
        if rows:
            return node_id
        found = await self.graph.ids_ignoring_case(kind.value, node_id)
        if len(found) == 1:
            return found[0]
        hint = f" (did you mean {', '.join(found)}?)" if found else ""
        raise EditError(f"{what}: no {kind.value} {node_id!r}{hint}")

    async def _agency(self, name: str) -> str:
        agency = await self.graph.resolve_agency(name)
        if agency is None:
            raise EditError(f"agency: unknown agency {name!r}")
        return agency

    async def upsert_body(
        self, body_id: str, country: str, kind: BodyKind, name: str, description: str | None
    ) -> str:
        if not _ID.match(body_id):
            raise EditError(f"id: {body_id!r} is not a valid id (letters, digits, / . _ : -)")
        if not name.strip():
            raise EditError("name: must not be empty")
        iso3 = await self._node(N.COUNTRY, country.upper(), "country")
        batch = GraphBatch()
        batch.node(
            N.BODY,
            body_id,
            name=name.strip(),
            kind=kind.value,
            country=iso3,
            description=description,
        )
        await self._apply(batch)
        return body_id

    async def set_membership(
        self,
        body: str,
        agency: str | None,
        partner: str | None,
        role: MemberRole,
        since: date,
        until: date | None,
    ) -> Seat:
        if (agency is None) == (partner is None):
            raise EditError("name exactly one of agency or partner")
        body_id = await self._node(N.BODY, body, "body")
        if agency is not None:
            member = (N.AGENCY, await self._agency(agency))
        else:
            member = (N.PARTNER, await self._node(N.PARTNER, partner or "", "partner"))
        fact = EdgeKey(R.MEMBER_OF, member[0], member[1], N.BODY, body_id, _seat_key(role, since))
        batch = GraphBatch()
        batch.edge(
            fact.kind,
            member,
            (N.BODY, body_id),
            fact.key,
            role=role.value,
            since=since,
            until=until,
        )
        return await self._seat(batch, fact)

    async def end_membership(self, body: str, member: str, role: MemberRole, until: date) -> Seat:
        body_id = await self._node(N.BODY, body, "body")
        seats = await edges_touching(self.store, R.MEMBER_OF, [body_id], "b")
        agency = await self.graph.resolve_agency(member)
        mine = [
            (fact, state)
            for fact, state in seats.items()
            if isinstance(fact, EdgeKey)
            and fact.src in (member, agency)
            and state.props.get("role") == role.value
            and _holds(state, until)
        ]
        if not mine:
            raise EditError(f"{member} holds no {role.value} seat in {body_id} on {until}")
        fact, state = mine[0]
        assert isinstance(fact, EdgeKey)
        batch = GraphBatch()
        props = {**state.props, "until": until}
        batch.edge(fact.kind, (fact.src_kind, fact.src), (N.BODY, body_id), fact.key, **props)
        return await self._seat(batch, fact)

    async def _seat(self, batch: GraphBatch, fact: EdgeKey) -> Seat:
        await self._apply(batch)
        state = (await read_facts(self.store, [fact]))[fact]
        return Seat(fact, state)

    async def set_reporting_line(
        self, source: str, target: str, since: date | None, until: date | None
    ) -> str:
        src = await self._node(N.BODY, source, "from")
        dst = await self._node(N.BODY, target, "to")
        if src == dst:
            raise EditError("a body cannot report to itself")
        batch = GraphBatch()
        key = since.isoformat() if since else ""
        batch.edge(R.REPORTS_TO, (N.BODY, src), (N.BODY, dst), key, since=since, until=until)
        await self._apply(batch)
        return src

    async def end_reporting_line(self, source: str, target: str, until: date) -> str:
        src = await self._node(N.BODY, source, "from")
        dst = await self._node(N.BODY, target, "to")
        lines = await edges_touching(self.store, R.REPORTS_TO, [src], "a")
        current = [
            (f, s)
            for f, s in lines.items()
            if isinstance(f, EdgeKey) and f.dst == dst and _holds(s, until)
        ]
        if not current:
            raise EditError(f"{src} does not report to {dst} on {until}")
        fact, state = current[0]
        assert isinstance(fact, EdgeKey)
        batch = GraphBatch()
        batch.edge(
            fact.kind, (N.BODY, src), (N.BODY, dst), fact.key, **{**state.props, "until": until}
        )
        await self._apply(batch)
        return src

    async def link(
        self, kind: RelKind, src: tuple[NodeKind, str], dst: tuple[NodeKind, str]
    ) -> None:
        batch = GraphBatch()
        batch.edge(kind, src, dst)
        await self._apply(batch)

    async def unlink(
        self, kind: RelKind, src: tuple[NodeKind, str], dst: tuple[NodeKind, str]
    ) -> None:
        await self._apply(GraphBatch(), [EdgeKey(kind, src[0], src[1], dst[0], dst[1])])

    async def covers(self, body: str, outcome: str, linked: bool) -> str:
        ends = (N.BODY, await self._node(N.BODY, body, "body"))
        target = (N.OUTCOME, await self._node(N.OUTCOME, outcome, "outcome"))
        await (self.link if linked else self.unlink)(R.COVERS, ends, target)
        return ends[1]

    async def aligned(self, outcome: str, target: str, linked: bool) -> str:
        ends = (N.OUTCOME, await self._node(N.OUTCOME, outcome, "outcome"))
        sdg = (N.SDG_TARGET, await self._node(N.SDG_TARGET, target, "target"))
        await (self.link if linked else self.unlink)(R.ALIGNED_WITH, ends, sdg)
        return ends[1]


def _seat_key(role: MemberRole, since: date | None) -> str:
    # The same key a country pack gives the seat, so an edit and a file agree.
    return f"{role.value}|{since.isoformat() if since else ''}"


def _holds(state: FactState, day: date) -> bool:
    since, until = state.props.get("since"), state.props.get("until")
    return (since is None or since <= day) and (until is None or until >= day)
