"""Root fields over the results chain, joint programmes and the budget."""

from __future__ import annotations

import strawberry

from graph.errors import UnctGraphError
from schema.context import Info
from schema.cost import size
from schema.programmes import JointProgramme, programmes_by_id
from schema.results import (
    Output,
    StrategicPriority,
    SubOutput,
    outputs_by_id,
    priorities_by_id,
    sub_outputs_by_id,
)
from schema.types import Outcome, outcomes_by_id

MAX_FIRST = 100


class InvalidArgumentError(UnctGraphError):
    """An argument outside what the field accepts."""


def _largest_gap_first(item: tuple[str, float | None]) -> tuple[bool, float, str]:
    outcome, gap = item
    return (gap is None, -(gap or 0.0), outcome)


@strawberry.type
class ResultsQuery:
    @strawberry.field(description="A strategic priority by id.")
    async def strategic_priority(
        self,
        info: Info,
        id: strawberry.ID,  # noqa: A002
    ) -> StrategicPriority | None:
        found = await priorities_by_id(info, [id])
        return found[0] if found else None

    @strawberry.field(description="An output by id.")
    async def output(self, info: Info, id: strawberry.ID) -> Output | None:  # noqa: A002
        found = await outputs_by_id(info, [id])
        return found[0] if found else None

    @strawberry.field(description="A sub-output by id: UNINFO-<the UN INFO ID>.")
    async def sub_output(self, info: Info, id: strawberry.ID) -> SubOutput | None:  # noqa: A002
        found = await sub_outputs_by_id(info, [id])
        return found[0] if found else None

    @strawberry.field(description="A joint programme by id.")
    async def joint_programme(
        self,
        info: Info,
        id: strawberry.ID,  # noqa: A002
    ) -> JointProgramme | None:
        found = await programmes_by_id(info, [id])
        return found[0] if found else None

    @strawberry.field(metadata=size(20), description="The joint programmes of a country, by id.")
    async def joint_programmes(self, info: Info, country: strawberry.ID) -> list[JointProgramme]:
        ids = await info.context.loaders.country_programmes.load((country.upper(),))
        return await programmes_by_id(info, ids)

    @strawberry.field(
        description="Outcomes by funding gap (required - available), largest first, for a "
        "reviewer of the Common Budgetary Framework: the `first` of them (at most "
        f"{MAX_FIRST}), of a country and/or a framework. Outcomes with no sub-outputs state "
        "no budget and are left out."
    )
    async def funding_gap(
        self,
        info: Info,
        country: strawberry.ID | None = None,
        framework: strawberry.ID | None = None,
        first: int = 10,
    ) -> list[Outcome]:
        if not 0 <= first <= MAX_FIRST:
            raise InvalidArgumentError(f"first must be between 0 and {MAX_FIRST}, not {first}")
        budgets = await info.context.graph.outcome_budgets(
            country.upper() if country else None, framework
        )
        ranked = sorted(((o, b.funding_gap) for o, b in budgets.items()), key=_largest_gap_first)
        chosen = [outcome for outcome, _ in ranked[:first]]
        for outcome in chosen:  # already summed: spare `budget { ... }` a second read
            info.context.loaders.outcome_budget.prime((outcome,), budgets[outcome])
        return await outcomes_by_id(info, chosen)
