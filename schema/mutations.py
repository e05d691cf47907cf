"""Mutations: the RC office's edits, for editor keys only (graph.edits does the work)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry

from graph.apply import unload_source
from graph.edits import Edits, Seat
from graph.errors import UnctGraphError
from graph.keys import Role
from graph.model import BodyKind, MemberRole, NodeKind
from graph.sources import Op
from schema.context import Info
from schema.types import Body, Membership, Outcome, bodies_by_id, outcomes_by_id


class NotAllowedError(UnctGraphError):
    """The request's key may not do this."""


@strawberry.input(description="A coordination body to create or update.")
class BodyInput:
    id: strawberry.ID
    country: strawberry.ID = strawberry.field(description="ISO 3166 alpha-3 code.")
    kind: BodyKind
    name: str
    description: str | None = None


def _edits(info: Info) -> Edits:
    principal = info.context.principal
    if not principal.may(Role.EDITOR):
        raise NotAllowedError(
            "editing needs an editor key (Authorization: Bearer ...); "
            f"{principal.kind} may only read"
        )
    return Edits(info.context.store, principal)


async def _body(info: Info, body_id: str) -> Body:
    info.context.forget()
    found = await bodies_by_id(info, [body_id])
    return found[0]


def _membership(seat: Seat) -> Membership:
    state = seat.state.props
    return Membership.of(
        {
            "body": seat.fact.dst,
            "member": seat.fact.src,
            "isAgency": seat.fact.src_kind is NodeKind.AGENCY,
            "role": state["role"],
            "since": state.get("since"),
            "until": state.get("until"),
            "source": state.get("source"),
        }
    )


@strawberry.type(description="What removing a source changed.")
class SourceChange:
    source: str
    added: int
    removed: int
    changed: int
    change_set: strawberry.ID | None


From = Annotated[strawberry.ID, strawberry.argument(name="from")]


@strawberry.type(description="Edits, attributed to the source `api:<key name>`; editor keys only.")
class EditMutation:
    @strawberry.mutation(description="Create a body, or update its name, kind or description.")
    async def upsert_body(self, info: Info, input: BodyInput) -> Body:  # noqa: A002
        body_id = await _edits(info).upsert_body(
            input.id, input.country, input.kind, input.name, input.description
        )
        return await _body(info, body_id)

    @strawberry.mutation(
        description="Give an agency or partner a seat in a body from `since` (until `until`). "
        "A chair rotation is endMembership on the old chair and setMembership on the new."
    )
    async def set_membership(
        self,
        info: Info,
        body: strawberry.ID,
        role: MemberRole,
        since: date,
        agency: strawberry.ID | None = None,
        partner: strawberry.ID | None = None,
        until: date | None = None,
    ) -> Membership:
        seat = await _edits(info).set_membership(body, agency, partner, role, since, until)
        info.context.forget()
        return _membership(seat)

    @strawberry.mutation(description="End the seat `member` holds in `role` on `until`.")
    async def end_membership(
        self, info: Info, body: strawberry.ID, member: strawberry.ID, role: MemberRole, until: date
    ) -> Membership:
        seat = await _edits(info).end_membership(body, member, role, until)
        info.context.forget()
        return _membership(seat)

    @strawberry.mutation(description="Make `from` report to `to` (from `since`, until `until`).")
    async def set_reporting_line(
        self,
        info: Info,
        from_: From,
        to: strawberry.ID,
        since: date | None = None,
        until: date | None = None,
    ) -> Body:
        body_id = await _edits(info).set_reporting_line(from_, to, since, until)
        return await _body(info, body_id)

    @strawberry.mutation(description="End the reporting line from `from` to `to` on `until`.")
    async def end_reporting_line(
        self, info: Info, from_: From, to: strawberry.ID, until: date
    ) -> Body:
        body_id = await _edits(info).end_reporting_line(from_, to, until)
        return await _body(info, body_id)

    @strawberry.mutation(
        description="Remove everything a source states, as `unct-graph unload` does; a fact "
        "another source also states stays."
    )
    async def unload_source(self, info: Info, name: str) -> SourceChange:
        edits = _edits(info)
        applied = await unload_source(info.context.store, name, edits.principal.name)
        info.context.forget()
        plan = applied.plan
        return SourceChange(
            source=name,
            added=plan.count(Op.ADDED),
            removed=plan.count(Op.REMOVED),
            changed=plan.count(Op.CHANGED),
            change_set=strawberry.ID(applied.change_set) if applied.change_set else None,
        )

    @strawberry.mutation(description="Make a body (a results group) cover an outcome.")
    async def link_outcome(self, info: Info, body: strawberry.ID, outcome: strawberry.ID) -> Body:
        return await _body(info, await _edits(info).covers(body, outcome, linked=True))

    @strawberry.mutation(
        description="Undo linkOutcome (a link a file states is changed in the file)."
    )
    async def unlink_outcome(self, info: Info, body: strawberry.ID, outcome: strawberry.ID) -> Body:
        return await _body(info, await _edits(info).covers(body, outcome, linked=False))

    @strawberry.mutation(description="Align an outcome with an SDG target.")
    async def link_sdg_target(
        self, info: Info, outcome: strawberry.ID, target: strawberry.ID
    ) -> Outcome:
        outcome_id = await _edits(info).aligned(outcome, target, linked=True)
        info.context.forget()
        return (await outcomes_by_id(info, [outcome_id]))[0]

    @strawberry.mutation(
        description="Undo linkSdgTarget (a link a file states is changed in the file)."
    )
    async def unlink_sdg_target(
        self, info: Info, outcome: strawberry.ID, target: strawberry.ID
    ) -> Outcome:
        outcome_id = await _edits(info).aligned(outcome, target, linked=False)
        info.context.forget()
        return (await outcomes_by_id(info, [outcome_id]))[0]
