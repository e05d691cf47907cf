"""The results chain beneath a Cooperation Framework, as UN INFO plans it:
strategic priority -> outcome -> output -> sub-output.

Sub-outputs carry what a Joint Work Plan states: status and dates, the
agencies delivering them with their resources, partners, joint programmes,
SDG targets and the UN INFO markers.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from graph.repository import natural_key
from graph.store import Row
from schema.budget import Budget
from schema.context import Info
from schema.cost import size
from schema.types import (
    Agency,
    Outcome,
    Partner,
    SdgGoal,
    SdgTarget,
    agencies_by_id,
    goals_by_code,
    outcomes_by_id,
    targets_by_code,
)

if TYPE_CHECKING:
    from schema.programmes import JointProgramme

_Programme = Annotated["JointProgramme", strawberry.lazy("schema.programmes")]


async def rows_by_id(loader: Any, ids: Sequence[str]) -> list[Row]:
    """The rows of `ids` that exist, in the order given."""
    rows = await loader.load_many([(i,) for i in ids])
    return [r for r in rows if r]


def code_order(row: Row) -> tuple[Any, ...]:
    return (natural_key(row.get("code")), row["id"])


@strawberry.type(description="A strategic priority of a Cooperation Framework (UN INFO).")
class StrategicPriority:
    id: strawberry.ID
    code: str
    title: str
    description: str | None
    _framework: strawberry.Private[str | None]

    @classmethod
    def of(cls, row: Row) -> StrategicPriority:
        return cls(
            id=strawberry.ID(row["id"]),
            code=row["code"] or "-",
            title=row["title"] or "",
            description=row.get("description"),
            _framework=row.get("framework"),
        )

    @strawberry.field(metadata=size(3), description="Its outcomes, in code order.")
    async def outcomes(self, info: Info) -> list[Outcome]:
        ids = await info.context.loaders.priority_outcomes.load((self.id,))
        return await outcomes_by_id(info, ids)


@strawberry.type(description="An output: a result an outcome is broken into.")
class Output:
    id: strawberry.ID
    code: str
    title: str
    description: str | None

    @classmethod
    def of(cls, row: Row) -> Output:
        return cls(
            id=strawberry.ID(row["id"]),
            code=row["code"] or "-",
            title=row["title"] or "",
            description=row.get("description"),
        )

    @strawberry.field(description="The outcome it serves.")
    async def outcome(self, info: Info) -> Outcome | None:
        ids = await info.context.loaders.output_outcome.load((self.id,))
        found = await outcomes_by_id(info, ids[:1])
        return found[0] if found else None

    @strawberry.field(metadata=size(5), description="Its sub-outputs, in code order.")
    async def sub_outputs(self, info: Info) -> list[SubOutput]:
        ids = await info.context.loaders.output_sub_outputs.load((self.id,))
        return await sub_outputs_by_id(info, ids)

    @strawberry.field(description="The sum of its sub-outputs' budgets.")
    async def budget(self, info: Info) -> Budget:
        return Budget.of(await info.context.loaders.output_budget.load((self.id,)))


@strawberry.type(
    description="An agency delivering a sub-output, with the resources UN INFO lists on its "
    "row. UN INFO does not split a sub-output's resources between its agencies: each agency "
    "shows the sub-output's totals, so these figures must not be added up across agencies."
)
class AgencyContribution:
    agency: Agency
    required: float | None
    available: float | None
    expenditure: float | None


@strawberry.type(description="UN INFO markers of a sub-output, as the export writes them.")
class Markers:
    gender: str | None = strawberry.field(description="Gender equality marker, e.g. '2 - ...'.")
    human_rights: str | None
    humanitarian: str | None
    sustaining_peace: str | None
    lnob_groups: list[str] = strawberry.field(
        metadata=size(3), description="Groups left behind it targets."
    )
    qcpr_functions: list[str] = strawberry.field(
        metadata=size(3), description="QCPR functions it serves."
    )
    geography: list[str] = strawberry.field(
        metadata=size(3), description="Where it is carried out."
    )

    @classmethod
    def of(cls, row: Row) -> Markers:
        return cls(
            gender=row.get("genderMarker"),
            human_rights=row.get("humanRightsMarker"),
            humanitarian=row.get("humanitarianMarker"),
            sustaining_peace=row.get("sustainingPeaceMarker"),
            lnob_groups=list(row.get("lnobGroups") or []),
            qcpr_functions=list(row.get("qcprFunctions") or []),
            geography=list(row.get("geography") or []),
        )


@strawberry.type(description="A sub-output: one row of a UN INFO Joint Work Plan.")
class SubOutput:
    id: strawberry.ID = strawberry.field(description="UNINFO-<the UN INFO ID>.")
    code: str
    title: str
    description: str | None
    status: str | None
    start_date: date | None
    end_date: date | None
    source: str | None
    markers: Markers

    @classmethod
    def of(cls, row: Row) -> SubOutput:
        return cls(
            id=strawberry.ID(row["id"]),
            code=row["code"] or "-",
            title=row["title"] or "",
            description=row.get("description"),
            status=row.get("status"),
            start_date=row.get("startDate"),
            end_date=row.get("endDate"),
            source=row.get("source"),
            markers=Markers.of(row),
        )

    @strawberry.field(description="The output it serves.")
    async def output(self, info: Info) -> Output | None:
        ids = await info.context.loaders.sub_output_output.load((self.id,))
        found = await rows_by_id(info.context.loaders.output, ids[:1])
        return Output.of(found[0]) if found else None

    @strawberry.field(description="Its budget, in total and by year.")
    async def budget(self, info: Info) -> Budget:
        return Budget.of(await info.context.loaders.sub_output_budget.load((self.id,)))

    @strawberry.field(metadata=size(3), description="The agencies delivering it, by id.")
    async def agencies(self, info: Info) -> list[AgencyContribution]:
        rows = await info.context.loaders.sub_output_agencies.load((self.id,))
        agencies = {a.id: a for a in await agencies_by_id(info, [r["id"] for r in rows])}
        return [
            AgencyContribution(
                agency=agencies[r["id"]],
                required=r["required"],
                available=r["available"],
                expenditure=r["expenditure"],
            )
            for r in rows
            if r["id"] in agencies
        ]

    @strawberry.field(
        metadata=size(3),
        description="Partners implementing it (UN INFO's implementation partners).",
    )
    async def implementing_partners(self, info: Info) -> list[Partner]:
        ids = await info.context.loaders.sub_output_implementers.load((self.id,))
        return await partners_by_id(info, ids)

    @strawberry.field(
        metadata=size(3), description="Partners funding it (UN INFO's contributing partners)."
    )
    async def contributing_partners(self, info: Info) -> list[Partner]:
        ids = await info.context.loaders.sub_output_funders.load((self.id,))
        return await partners_by_id(info, ids)

    @strawberry.field(metadata=size(1), description="The joint programmes it belongs to.")
    async def joint_programmes(self, info: Info) -> list[_Programme]:
        from schema.programmes import programmes_by_id

        ids = await info.context.loaders.sub_output_programmes.load((self.id,))
        return await programmes_by_id(info, ids)

    @strawberry.field(metadata=size(3), description="The SDG targets it is aligned with.")
    async def sdg_targets(self, info: Info) -> list[SdgTarget]:
        codes = await info.context.loaders.sub_output_targets.load((self.id,))
        return await targets_by_code(info, codes)

    @strawberry.field(
        metadata=size(2), description="The SDG goals it serves, directly or through its targets."
    )
    async def sdg_goals(self, info: Info) -> list[SdgGoal]:
        codes = await info.context.loaders.sub_output_goals.load((self.id,))
        return await goals_by_code(info, codes)


async def priorities_by_id(info: Info, ids: Sequence[str]) -> list[StrategicPriority]:
    rows = await rows_by_id(info.context.loaders.priority, ids)
    return [StrategicPriority.of(r) for r in sorted(rows, key=code_order)]


async def outputs_by_id(info: Info, ids: Sequence[str]) -> list[Output]:
    rows = await rows_by_id(info.context.loaders.output, ids)
    return [Output.of(r) for r in sorted(rows, key=code_order)]


async def sub_outputs_by_id(info: Info, ids: Sequence[str]) -> list[SubOutput]:
    rows = await rows_by_id(info.context.loaders.sub_output, ids)
    return [SubOutput.of(r) for r in sorted(rows, key=code_order)]


async def partners_by_id(info: Info, ids: Sequence[str]) -> list[Partner]:
    return [Partner.of(r) for r in await rows_by_id(info.context.loaders.partner, ids)]
