"""Joint programmes: agencies delivering together, convened by one of them,
often through a pooled fund (the "One Fund" of Delivering as One)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import strawberry

import schema.enums  # noqa: F401  (registers the model's enums with strawberry)
from graph.model import ParticipationRole
from graph.store import Row
from schema.context import Info
from schema.cost import size
from schema.results import SubOutput, partners_by_id, rows_by_id, sub_outputs_by_id
from schema.types import (
    Agency,
    Outcome,
    Partner,
    SdgTarget,
    agencies_by_id,
    outcomes_by_id,
    targets_by_code,
)


@strawberry.type(description="An agency taking part in a joint programme, and how.")
class Participant:
    agency: Agency
    role: ParticipationRole


@strawberry.type(description="A pooled fund financing joint programmes.")
class Fund:
    id: strawberry.ID
    name: str


@strawberry.type(description="A joint programme of several agencies.")
class JointProgramme:
    id: strawberry.ID
    title: str
    start_date: date | None
    end_date: date | None
    budget: float | None = strawberry.field(description="Its budget, as its country pack states.")
    source: str | None

    @classmethod
    def of(cls, row: Row) -> JointProgramme:
        return cls(
            id=strawberry.ID(row["id"]),
            title=row["title"] or row["id"],
            start_date=row.get("startDate"),
            end_date=row.get("endDate"),
            budget=row.get("budget"),
            source=row.get("source"),
        )

    @strawberry.field(metadata=size(4), description="Its agencies, the convening agency first.")
    async def participants(
        self, info: Info, role: ParticipationRole | None = None
    ) -> list[Participant]:
        rows = await info.context.loaders.participants.load((self.id,))
        rows = [r for r in rows if role is None or r["role"] == role.value]
        agencies = {a.id: a for a in await agencies_by_id(info, [r["id"] for r in rows])}
        return [
            Participant(agency=agencies[r["id"]], role=ParticipationRole(r["role"]))
            for r in rows
            if r["id"] in agencies and r["role"]
        ]

    @strawberry.field(
        metadata=size(1), description="The agencies convening it (leading it for the others)."
    )
    async def convening(self, info: Info) -> list[Agency]:
        found = await self.participants(info, ParticipationRole.CONVENING)
        return [p.agency for p in found]

    @strawberry.field(metadata=size(3), description="The agencies taking part without convening.")
    async def participating(self, info: Info) -> list[Agency]:
        found = await self.participants(info, ParticipationRole.PARTICIPATING)
        return [p.agency for p in found]

    @strawberry.field(metadata=size(2), description="The pooled funds financing it.")
    async def funds(self, info: Info) -> list[Fund]:
        rows = await info.context.loaders.funds.load((self.id,))
        return [Fund(id=strawberry.ID(r["id"]), name=r["name"] or r["id"]) for r in rows]

    @strawberry.field(metadata=size(2), description="Partners (donors, government) financing it.")
    async def funders(self, info: Info) -> list[Partner]:
        ids = await info.context.loaders.programme_funders.load((self.id,))
        return await partners_by_id(info, ids)

    @strawberry.field(
        metadata=size(2),
        description="The outcomes it serves: those it covers, and those above the "
        "sub-outputs it covers.",
    )
    async def outcomes(self, info: Info) -> list[Outcome]:
        ids = await info.context.loaders.programme_outcomes.load((self.id,))
        return await outcomes_by_id(info, ids)

    @strawberry.field(metadata=size(5), description="The sub-outputs it delivers (UN INFO).")
    async def sub_outputs(self, info: Info) -> list[SubOutput]:
        ids = await info.context.loaders.programme_sub_outputs.load((self.id,))
        return await sub_outputs_by_id(info, ids)

    @strawberry.field(metadata=size(3), description="The SDG targets it is aligned with.")
    async def sdg_targets(self, info: Info) -> list[SdgTarget]:
        codes = await info.context.loaders.programme_targets.load((self.id,))
        return await targets_by_code(info, codes)


async def programmes_by_id(info: Info, ids: Sequence[str]) -> list[JointProgramme]:
    rows = await rows_by_id(info.context.loaders.programme, ids)
    return [JointProgramme.of(r) for r in sorted(rows, key=lambda r: r["id"])]
