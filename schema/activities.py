"""IATI activities in GraphQL: what they are, who takes part, their SDGs and the
outcomes they are inferred to serve."""

from __future__ import annotations

from datetime import date

import strawberry

from graph.model import ActivityRole
from graph.store import Row
from schema.context import Info
from schema.types import (
    Agency,
    Country,
    Outcome,
    Partner,
    SdgGoal,
    SdgTarget,
    goals_by_code,
    targets_by_code,
)

strawberry.enum(ActivityRole, description="How an organisation takes part in an IATI activity.")


@strawberry.type(description="An organisation taking part in an activity, in one role.")
class ActivityParticipant:
    role: ActivityRole
    _member: strawberry.Private[str]
    _is_agency: strawberry.Private[bool]

    @strawberry.field(description="The UN agency (null for a partner).")
    async def agency(self, info: Info) -> Agency | None:
        if not self._is_agency:
            return None
        row = await info.context.loaders.agency.load((self._member,))
        return Agency.of(row) if row else None

    @strawberry.field(description="The partner (null for an agency).")
    async def partner(self, info: Info) -> Partner | None:
        if self._is_agency:
            return None
        row = await info.context.loaders.partner.load((self._member,))
        return Partner.of(row) if row else None


@strawberry.type(description="An IATI activity (the aid-transparency standard).")
class Activity:
    id: strawberry.ID = strawberry.field(description="The IATI identifier.")
    title: str
    description: str | None
    status: str | None
    start_date: date | None = strawberry.field(description="Actual start, else planned.")
    end_date: date | None = strawberry.field(description="Actual end, else planned.")
    reporting_org: str | None
    currency: str | None = strawberry.field(description="The currency of every amount.")
    budget: float | None
    commitments: float | None
    disbursements: float | None
    expenditures: float | None

    @classmethod
    def of(cls, row: Row) -> Activity:
        return cls(
            id=strawberry.ID(row["id"]),
            title=row["title"] or row["id"],
            description=row.get("description"),
            status=row.get("status"),
            start_date=row.get("startDate"),
            end_date=row.get("endDate"),
            reporting_org=row.get("reportingOrg"),
            currency=row.get("currency"),
            budget=row.get("budget"),
            commitments=row.get("commitments"),
            disbursements=row.get("disbursements"),
            expenditures=row.get("expenditures"),
        )

    @strawberry.field(description="Funding, accountable, extending and implementing organisations.")
    async def participants(
        self, info: Info, role: ActivityRole | None = None
    ) -> list[ActivityParticipant]:
        rows = await info.context.loaders.activity_participants.load((self.id,))
        return [
            ActivityParticipant(
                role=ActivityRole(r["role"]), _member=r["id"], _is_agency=r["isAgency"]
            )
            for r in rows
            if role is None or r["role"] == role.value
        ]

    @strawberry.field(description="Recipient countries.")
    async def countries(self, info: Info) -> list[Country]:
        ids = await info.context.loaders.activity_countries.load((self.id,))
        rows = await info.context.loaders.country.load_many([(i,) for i in ids])
        return [Country.of(r) for r in rows if r]

    @strawberry.field(description="SDG targets it is tagged with.")
    async def sdg_targets(self, info: Info) -> list[SdgTarget]:
        codes = await info.context.loaders.activity_targets.load((self.id,))
        return await targets_by_code(info, codes)

    @strawberry.field(description="SDG goals it is tagged with, directly or through its targets.")
    async def sdg_goals(self, info: Info) -> list[SdgGoal]:
        codes = await info.context.loaders.activity_goals.load((self.id,))
        return await goals_by_code(info, codes)


@strawberry.type(description="An activity serving an outcome: inferred from shared SDG targets.")
class OutcomeActivity:
    activity: Activity
    inferred: bool = strawberry.field(
        description="Always true today: IATI files do not name outcomes; the link is "
        "inferred from SDG targets the two share in the same country."
    )
    shared_targets: list[SdgTarget]


async def activities_of_country(info: Info, iso3: str) -> list[Activity]:
    ids = await info.context.loaders.country_activities.load((iso3,))
    rows = await info.context.loaders.activity.load_many([(i,) for i in ids])
    return [Activity.of(r) for r in rows if r]


async def activities_of_outcome(info: Info, outcome: Outcome) -> list[OutcomeActivity]:
    links: dict[str, list[str]] = await info.context.loaders.outcome_activities.load((outcome.id,))
    rows = await info.context.loaders.activity.load_many([(i,) for i in sorted(links)])
    return [
        OutcomeActivity(
            activity=Activity.of(row),
            inferred=True,
            shared_targets=await targets_by_code(info, links[row["id"]]),
        )
        for row in rows
        if row
    ]


@strawberry.type(description="IATI activities.")
class ActivityQuery:
    @strawberry.field(description="An activity by its IATI identifier.")
    async def activity(self, info: Info, id: strawberry.ID) -> Activity | None:  # noqa: A002
        row = await info.context.loaders.activity.load((id,))
        return Activity.of(row) if row else None
