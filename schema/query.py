"""Root fields over the coordination structure, the outcomes and the SDGs."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Annotated

import strawberry

import schema.enums  # noqa: F401  (registers the model's enums with strawberry)
from graph.model import BodyKind
from graph.provenance import Basis
from schema.arguments import body_id, country_code, iso3_of, known_country
from schema.context import Info
from schema.cost import size
from schema.types import (
    Agency,
    Body,
    Country,
    Framework,
    GoalCoverage,
    Outcome,
    SdgCoverage,
    SdgGoal,
    SdgTarget,
    agencies_by_id,
    bodies_by_id,
)


@strawberry.type(description="Questions about UN country-level coordination structures.")
class StructureQuery:
    @strawberry.field(description="A country by ISO 3166 alpha-3 code, e.g. VNM.")
    async def country(self, info: Info, iso3: strawberry.ID) -> Country | None:
        row = await info.context.loaders.country.load((iso3.upper(),))
        return Country.of(row) if row else None

    @strawberry.field(
        metadata=size(150), description="Every country (or multi-country office) in the graph."
    )
    async def countries(self, info: Info) -> list[Country]:
        return [Country.of(r) for r in await info.context.graph.countries()]

    @strawberry.field(description="An agency by id or any known alias (`UN Women` = `UN-Women`).")
    async def agency(self, info: Info, id: strawberry.ID) -> Agency | None:  # noqa: A002
        agency_id = await info.context.graph.resolve_agency(id)
        found = await agencies_by_id(info, [agency_id]) if agency_id else []
        return found[0] if found else None

    @strawberry.field(
        metadata=size(30, unfiltered=250, narrowed_by=("country",)),
        description="Agencies, optionally only those present in a country.",
    )
    async def agencies(
        self, info: Info, country: strawberry.ID | None = None, un_system_only: bool = False
    ) -> list[Agency]:
        code = await country_code(info, country)
        if code:
            rows = await info.context.loaders.country_agencies.load((code,))
            found = [Agency.of(r) for r in rows]
            return [a for a in found if a.un_system or not un_system_only]
        return [Agency.of(r) for r in await info.context.graph.agencies(un_system_only)]

    @strawberry.field(description="A coordination body by id, e.g. VNM-DRR-JRG.")
    async def body(self, info: Info, id: strawberry.ID) -> Body | None:  # noqa: A002
        found = await body_id(info, id)
        bodies = await bodies_by_id(info, [found]) if found else []
        return bodies[0] if bodies else None

    @strawberry.field(
        metadata=size(20, unfiltered=500, narrowed_by=("country", "name")),
        description="Bodies filtered by country, kind and a part of the name.",
    )
    async def bodies(
        self,
        info: Info,
        country: strawberry.ID | None = None,
        kind: BodyKind | None = None,
        name: str | None = None,
    ) -> list[Body]:
        rows = await info.context.graph.bodies(
            await country_code(info, country), kind.value if kind else None, name
        )
        return [Body.of(r) for r in rows]

    @strawberry.field(description="An outcome by id.")
    async def outcome(self, info: Info, id: strawberry.ID) -> Outcome | None:  # noqa: A002
        row = await info.context.loaders.outcome.load((id,))
        return Outcome.of(row) if row else None

    @strawberry.field(
        metadata=size(10, unfiltered=1000, narrowed_by=("country", "framework", "title")),
        description="Outcomes by country and framework; `withoutSdg: true` keeps "
        "those with no SDG goal (directly or beneath them), `false` those with one.",
    )
    async def outcomes(
        self,
        info: Info,
        country: strawberry.ID | None = None,
        framework: strawberry.ID | None = None,
        without_sdg: bool | None = None,
        title: str | None = None,
    ) -> list[Outcome]:
        code = iso3_of(country)
        rows = await info.context.graph.outcomes(code, framework, without_sdg, title)
        if not rows and code is not None:
            await known_country(info, code, str(country))
        return [Outcome.of(r) for r in rows]

    @strawberry.field(description="A Cooperation Framework by id.")
    async def framework(self, info: Info, id: strawberry.ID) -> Framework | None:  # noqa: A002
        row = await info.context.loaders.framework.load((id,))
        return Framework.of(row) if row else None

    @strawberry.field(
        metadata=size(4),
        description="The chain of bodies from `from` (first) up its reporting lines "
        "to the nearest body of kind `to` (last), valid on `asOf` (default today); "
        "empty when there is none. With `basis`, only lines some source states on one of "
        "those bases count (`[DOCUMENT]`: the chain the documents support).",
    )
    async def reporting_line(
        self,
        info: Info,
        from_: Annotated[strawberry.ID, strawberry.argument(name="from")],
        to: BodyKind = BodyKind.STEERING_COMMITTEE,
        as_of: date | None = None,
        basis: list[Basis] | None = None,
    ) -> list[Body]:
        start = await body_id(info, from_)
        if start is None:
            return []
        row = await info.context.loaders.body.load((start,))
        day = as_of or info.context.today
        ids = await info.context.graph.reporting_line(row, to.value, day, basis)
        return await bodies_by_id(info, ids)

    @strawberry.field(metadata=size(17), description="The 17 SDG goals.")
    async def sdg_goals(self, info: Info) -> list[SdgGoal]:
        return [SdgGoal.of(r) for r in await info.context.graph.sdg_goals()]

    @strawberry.field(description="An SDG goal by number, e.g. 13.")
    async def sdg_goal(self, info: Info, code: strawberry.ID) -> SdgGoal | None:
        row = await info.context.loaders.sdg_goal.load((code,))
        return SdgGoal.of(row) if row else None

    @strawberry.field(description="An SDG target by code, e.g. 13.1.")
    async def sdg_target(self, info: Info, code: strawberry.ID) -> SdgTarget | None:
        row = await info.context.loaders.sdg_target.load((code,))
        return SdgTarget.of(row) if row else None

    @strawberry.field(
        description="How a country's outcomes (optionally of one framework) cover the SDGs."
    )
    async def sdg_coverage(
        self, info: Info, country: strawberry.ID, framework: strawberry.ID | None = None
    ) -> SdgCoverage:
        graph, loaders = info.context.graph, info.context.loaders
        code = iso3_of(country)
        outcome_rows, goal_rows = await asyncio.gather(
            graph.outcomes(code, framework, None), graph.sdg_goals()
        )
        outcomes = [Outcome.of(r) for r in outcome_rows]
        if not outcomes and code is not None:
            await known_country(info, code, str(country))
        goal_lists = await loaders.outcome_goals.load_many([(o.id,) for o in outcomes])
        goals = [SdgGoal.of(r) for r in goal_rows]
        serving: dict[str, list[Outcome]] = {g.code: [] for g in goals}
        for outcome, linked in zip(outcomes, goal_lists, strict=True):
            for goal in linked:
                serving.setdefault(goal["id"], []).append(outcome)
        return SdgCoverage(
            goals=[GoalCoverage(goal=g, outcomes=serving[g.code]) for g in goals],
            uncovered_goals=[g for g in goals if not serving[g.code]],
            outcomes_without_sdg=[o for o, c in zip(outcomes, goal_lists, strict=True) if not c],
            _goal_counts=[(o, len(c)) for o, c in zip(outcomes, goal_lists, strict=True)],
        )
