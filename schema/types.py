"""The GraphQL object types. Each wraps a row from graph.repository; nested
fields load through the request's DataLoaders."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

import schema.enums  # noqa: F401  (registers the model's enums with strawberry)
from graph import pages
from graph.budget import EMPTY as NO_BUDGET
from graph.model import CHAIR_ROLES, BodyKind, ContributionPath, MemberRole, PartnerType
from graph.repository import Contribution, nest_ends
from graph.store import Row
from schema import provenance
from schema.budget import Budget
from schema.changes import ChangeSet, change_sets_about
from schema.connections import DEFAULT_PAGE_SIZE, Connection, connection
from schema.context import Info
from schema.cost import size
from schema.provenance import Provenance
from schema.soon import Soon, loaded, then

if TYPE_CHECKING:  # types of other modules, which use these
    from schema.activities import Activity, OutcomeActivity
    from schema.posts import Accountability, Post
    from schema.programmes import JointProgramme
    from schema.reporting import ReportingLine
    from schema.results import Output, StrategicPriority, SubOutput

_ACTIVITIES = strawberry.lazy("schema.activities")
_REPORTING = strawberry.lazy("schema.reporting")
_POSTS = strawberry.lazy("schema.posts")
_Priority = Annotated["StrategicPriority", strawberry.lazy("schema.results")]
_Output = Annotated["Output", strawberry.lazy("schema.results")]
_SubOutput = Annotated["SubOutput", strawberry.lazy("schema.results")]
_Programme = Annotated["JointProgramme", strawberry.lazy("schema.programmes")]


# Enum members by value, for rows: a dict lookup is several times cheaper than
# calling the enum, which shows in answers of thousands of objects.
_BODY_KINDS = {kind.value: kind for kind in BodyKind}
_ROLES = {role.value: role for role in MemberRole}
_PATHS = {path.value: path for path in ContributionPath}


def _as_of(info: Info, as_of: date | None) -> date:
    return as_of or info.context.today


@strawberry.type(description="A country, or a UN multi-country office listed like one.")
class Country:
    iso3: strawberry.ID = strawberry.field(description="ISO 3166 alpha-3 code (X.. for offices).")
    name: str
    multi_country: bool = strawberry.field(
        description="True for a multi-country office (e.g. Pacific), which is not a state."
    )

    @classmethod
    def of(cls, row: Row) -> Country:
        return cls(
            iso3=strawberry.ID(row["id"]),
            name=row["name"] or row["id"],
            multi_country=bool(row.get("multiCountry")),
        )

    @strawberry.field(
        graphql_type="list[Agency]",
        metadata=size(30),
        description="Agencies present in the country, by id.",
    )
    def agencies(self, info: Info) -> Soon[list[Agency]]:
        rows = loaded(info.context.loaders.country_agencies, (self.iso3,))
        return then(rows, lambda found: [Agency.of(r) for r in found])

    @strawberry.field(
        graphql_type="list[Body]",
        metadata=size(20),
        description="Coordination bodies in the country, optionally of one kind.",
    )
    def bodies(self, info: Info, kind: BodyKind | None = None) -> Soon[list[Body]]:
        rows = loaded(info.context.loaders.country_bodies, (self.iso3,))
        wanted = kind.value if kind else None
        return then(rows, lambda found: [Body.of(r) for r in found if wanted in (None, r["kind"])])

    @strawberry.field(description="Its coordination bodies, a page at a time, by id.")
    async def bodies_connection(
        self,
        info: Info,
        kind: BodyKind | None = None,
        first: int | None = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[Body]:
        filters = {"country": str(self.iso3), "kind": kind.value if kind else None}
        return await connection(info, pages.BODIES, filters, first, after, Body.of)

    @strawberry.field(description="Agencies present in the country, a page at a time, by id.")
    async def agencies_connection(
        self, info: Info, first: int | None = DEFAULT_PAGE_SIZE, after: str | None = None
    ) -> Connection[Agency]:
        filters = {"country": str(self.iso3), "unSystemOnly": False}
        return await connection(info, pages.AGENCIES, filters, first, after, Agency.of)

    @strawberry.field(
        metadata=size(3), description="Cooperation Frameworks (UNDAFs, plans), oldest first."
    )
    async def frameworks(self, info: Info) -> list[Framework]:
        ids = await info.context.loaders.country_frameworks.load((self.iso3,))
        return [
            Framework.of(r)
            for r in await info.context.loaders.framework.load_many([(i,) for i in ids])
            if r
        ]

    @strawberry.field(metadata=size(10), description="Joint programmes in the country, by id.")
    async def joint_programmes(self, info: Info) -> list[_Programme]:
        from schema.programmes import programmes_by_id

        ids = await info.context.loaders.country_programmes.load((self.iso3,))
        return await programmes_by_id(info, ids)

    @strawberry.field(metadata=size(1), description="Its posts: the Resident Coordinator.")
    async def posts(self, info: Info) -> list[Annotated[Post, _POSTS]]:
        from schema.posts import posts_of_country

        return await posts_of_country(info, self.iso3)

    @strawberry.field(
        metadata=size(20), description="IATI activities whose recipient country it is."
    )
    async def activities(self, info: Info) -> list[Annotated[Activity, _ACTIVITIES]]:
        from schema.activities import activities_of_country

        return await activities_of_country(info, self.iso3)


@strawberry.type(description="A UN entity (or another organisation working as one in a UNCT).")
class Agency:
    id: strawberry.ID = strawberry.field(description="Canonical acronym, e.g. UNICEF, UN-Women.")
    acronym: str
    name: str
    category: str | None = strawberry.field(description="Its category in the UN system chart.")
    aliases: list[str] = strawberry.field(
        metadata=size(3), description="Other spellings that resolve to it."
    )
    un_system: bool = strawberry.field(
        description="False for organisations created from an import that are not in the UN "
        "entities list."
    )

    @classmethod
    def of(cls, row: Row) -> Agency:
        return cls(
            id=strawberry.ID(row["id"]),
            acronym=row["acronym"] or row["id"],
            name=row["name"] or row["id"],
            category=row.get("category"),
            aliases=list(row.get("aliases") or []),
            un_system=bool(row.get("unSystem")),
        )

    @strawberry.field(
        graphql_type="list[Membership]",
        metadata=size(10),
        description="The bodies it belongs to, valid on `asOf` (default today).",
    )
    def memberships(
        self, info: Info, country: strawberry.ID | None = None, as_of: date | None = None
    ) -> Soon[list[Membership]]:
        key = (self.id, country, _as_of(info, as_of))
        rows = loaded(info.context.loaders.agency_memberships, key)
        return then(rows, lambda found: [Membership.of(r) for r in found])

    @strawberry.field(
        description="The bodies it belongs to on `asOf` (default today), a page at a time, by body."
    )
    async def memberships_connection(
        self,
        info: Info,
        country: strawberry.ID | None = None,
        as_of: date | None = None,
        first: int | None = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[Membership]:
        filters = {"agency": str(self.id), "country": country, "asOf": _as_of(info, as_of)}
        return await connection(info, pages.MEMBERSHIPS, filters, first, after, Membership.of)

    @strawberry.field(
        metadata=size(3), description="The bodies it chairs or co-chairs on `asOf` (default today)."
    )
    async def chairs(self, info: Info, as_of: date | None = None) -> list[Membership]:
        rows = await info.context.loaders.agency_memberships.load(
            (self.id, None, _as_of(info, as_of))
        )
        return [Membership.of(r) for r in rows if r["role"] in CHAIR_ROLES]

    @strawberry.field(
        graphql_type="list[Outcome]",
        metadata=size(50),
        description="Outcomes it delivers directly or through outputs beneath them.",
    )
    def outcomes(self, info: Info) -> Soon[list[Outcome]]:
        key = (self.id,)
        rows = loaded(info.context.loaders.agency_outcomes, key)
        # Built once per agency and request: a list of agencies may name one many times.
        return then(
            rows,
            lambda found: info.context.built(
                ("Agency.outcomes", key), lambda: [Outcome.of(r) for r in found]
            ),
        )

    @strawberry.field(
        description="Outcomes it delivers directly or through outputs beneath them, a page "
        "at a time, by country and id."
    )
    async def outcomes_connection(
        self, info: Info, first: int | None = DEFAULT_PAGE_SIZE, after: str | None = None
    ) -> Connection[Outcome]:
        filters = {"agency": str(self.id)}
        return await connection(info, pages.AGENCY_OUTCOMES, filters, first, after, Outcome.of)

    @strawberry.field(
        description="Its budget in a country (optionally one framework of it): the sum over "
        "the sub-outputs the agency delivers there. UN INFO does not split a sub-output's "
        "resources between its agencies, so each sub-output counts whole for every agency "
        "delivering it, and agencies' budgets do not add up to the country's."
    )
    async def budget(
        self, info: Info, country: strawberry.ID, framework: strawberry.ID | None = None
    ) -> Budget:
        key = (self.id, country.upper(), framework)
        return Budget.of(await info.context.loaders.agency_budget.load(key))

    @strawberry.field(description="Change sets that touched it, oldest first, after `since`.")
    async def history(
        self, info: Info, since: strawberry.ID | None = None, first: int = 100
    ) -> list[ChangeSet]:
        return await change_sets_about(info, self.id, since, first)


@strawberry.type(description="A government ministry, donor, civil-society or other partner.")
class Partner:
    id: strawberry.ID
    name: str
    type: PartnerType | None

    @classmethod
    def of(cls, row: Row) -> Partner:
        return cls(
            id=strawberry.ID(row["id"]),
            name=row["name"] or row["id"],
            type=PartnerType(row["type"]) if row.get("type") else None,
        )

    @strawberry.field(
        metadata=size(30), description="The sub-outputs it implements or funds (UN INFO)."
    )
    async def sub_outputs(self, info: Info) -> list[_SubOutput]:
        from schema.results import sub_outputs_by_id

        ids = await info.context.loaders.partner_sub_outputs.load((self.id,))
        return await sub_outputs_by_id(info, ids)


@strawberry.type(description="A coordination body: UNCT, results group, theme group, OMT, ...")
class Body:
    id: strawberry.ID
    name: str
    kind: BodyKind
    description: str | None
    source: str | None = strawberry.field(
        description="Where the body's facts come from: `seed:...` (a document) or "
        "`illustrative: ...`."
    )
    _country: strawberry.Private[str | None]
    _sources: strawberry.Private[list[str]]
    # The country's row, when the query that found the body read it too.
    _country_row: strawberry.Private[Row | None] = None

    @classmethod
    def of(cls, row: Row) -> Body:
        return cls(
            id=strawberry.ID(row["id"]),
            name=row["name"] or row["id"],
            kind=_BODY_KINDS[row["kind"]],
            description=row.get("description"),
            source=row.get("source"),
            _country=row.get("country"),
            _sources=list(row.get("sources") or []),
            _country_row=row.get("countryRow"),
        )

    @strawberry.field(
        metadata=size(2),
        description="Where it comes from: each source stating it, and on what basis.",
    )
    async def sources(self, info: Info) -> list[Provenance]:
        return await provenance.of_fact(info, self._sources, self.source)

    @strawberry.field(graphql_type="Country | None")
    def country(self, info: Info) -> Soon[Country | None]:
        if not self._country:
            return None
        if self._country_row is not None:
            return Country.of(self._country_row)
        return _country(info, self._country)

    @strawberry.field(
        graphql_type="list[Membership]",
        metadata=size(15),
        description="Members valid on `asOf` (default today), chairs first.",
    )
    def members(
        self, info: Info, role: MemberRole | None = None, as_of: date | None = None
    ) -> Soon[list[Membership]]:
        # Every role is read, and the one asked kept here: `chair` and `members`
        # of one body then share a round trip.
        rows = loaded(info.context.loaders.members, (self.id, None, _as_of(info, as_of)))
        wanted = role.value if role else None
        return then(
            rows, lambda found: [Membership.of(r) for r in found if wanted in (None, r["role"])]
        )

    @strawberry.field(
        graphql_type="Agency | None",
        description="The agency chairing the body on `asOf` (default today).",
    )
    def chair(self, info: Info, as_of: date | None = None) -> Soon[Agency | None]:
        rows = loaded(info.context.loaders.members, (self.id, None, _as_of(info, as_of)))
        return then(rows, _chair)

    @strawberry.field(
        metadata=size(2), description="The bodies it reports to on `asOf` (default today)."
    )
    async def reports_to(self, info: Info, as_of: date | None = None) -> list[Body]:
        ids = await info.context.loaders.reports_to.load((self.id, _as_of(info, as_of)))
        return await bodies_by_id(info, ids)

    @strawberry.field(
        metadata=size(5), description="The bodies reporting to it on `asOf` (default today)."
    )
    async def reported_by(self, info: Info, as_of: date | None = None) -> list[Body]:
        ids = await info.context.loaders.reported_by.load((self.id, _as_of(info, as_of)))
        return await bodies_by_id(info, ids)

    @strawberry.field(
        graphql_type="list[Outcome]",
        metadata=size(3),
        description="The Cooperation Framework outcomes the body covers.",
    )
    def outcomes(self, info: Info) -> Soon[list[Outcome]]:
        rows = loaded(info.context.loaders.body_outcomes, (self.id,))
        return then(rows, lambda found: [Outcome.of(r) for r in found])

    @strawberry.field(description="Change sets that touched it, oldest first, after `since`.")
    async def history(
        self, info: Info, since: strawberry.ID | None = None, first: int = 100
    ) -> list[ChangeSet]:
        return await change_sets_about(info, self.id, since, first)

    @strawberry.field(
        metadata=size(3),
        description="Its reporting lines on `asOf` (default today), each with its dates and "
        "sources.",
    )
    async def reporting_lines(
        self, info: Info, as_of: date | None = None
    ) -> list[Annotated[ReportingLine, _REPORTING]]:
        from schema.reporting import lines_from

        return await lines_from(info, self.id, _as_of(info, as_of))

    @strawberry.field(
        metadata=size(1),
        description="The posts leading it on `asOf` (default today): the UNCT's Resident "
        "Coordinator.",
    )
    async def led_by(self, info: Info, as_of: date | None = None) -> list[Annotated[Post, _POSTS]]:
        from schema.posts import leaders

        return await leaders(info, self.id, as_of)

    @strawberry.field(
        metadata=size(2),
        description="The posts its chair answers to on `asOf` (default today), and how: the "
        "Resident Coordinator receives the chair's yearly report and appraises the chair.",
    )
    async def accountable_to(
        self, info: Info, as_of: date | None = None
    ) -> list[Annotated[Accountability, _POSTS]]:
        from schema.posts import accountability

        return await accountability(info, self.id, as_of)


@strawberry.type(description="A seat in a body: who, in what role, from when to when.")
class Membership:
    role: MemberRole
    since: date | None = strawberry.field(description="First day in the role, when known.")
    until: date | None = strawberry.field(description="Last day in the role; null while current.")
    source: str | None = strawberry.field(description="Where the fact comes from.")
    _body: strawberry.Private[str]
    _member: strawberry.Private[str]
    _is_agency: strawberry.Private[bool]
    _sources: strawberry.Private[list[str]]
    # The far end's row, when the query that found the seat read it too.
    _body_row: strawberry.Private[Row | None] = None
    _member_row: strawberry.Private[Row | None] = None

    @classmethod
    def of(cls, row: Row) -> Membership:
        row = nest_ends(row)
        return cls(
            role=_ROLES[row["role"]],
            since=row["since"],
            until=row["until"],
            source=row.get("source"),
            _body=row["body"],
            _member=row["member"],
            _is_agency=bool(row["isAgency"]),
            _sources=list(row.get("sources") or []),
            _body_row=row.get("bodyRow"),
            _member_row=row.get("memberRow"),
        )

    @strawberry.field(
        metadata=size(2),
        description="Where it comes from: each source stating it, and on what basis.",
    )
    async def sources(self, info: Info) -> list[Provenance]:
        return await provenance.of_fact(info, self._sources, self.source)

    @strawberry.field(
        graphql_type="Agency | None",
        description="The agency holding the seat (null for a partner).",
    )
    def agency(self, info: Info) -> Soon[Agency | None]:
        if not self._is_agency:
            return None
        if self._member_row is not None:
            return Agency.of(self._member_row)
        return _agency(info, self._member)

    @strawberry.field(
        graphql_type="Partner | None",
        description="The partner holding the seat (null for an agency).",
    )
    def partner(self, info: Info) -> Soon[Partner | None]:
        if self._is_agency:
            return None
        if self._member_row is not None:
            return Partner.of(self._member_row)
        return _partner(info, self._member)

    @strawberry.field(graphql_type="Body")
    def body(self, info: Info) -> Soon[Body]:
        if self._body_row is not None:
            return Body.of(self._body_row)
        return _body(info, self._body)


def _chair(members: list[Row]) -> Agency | None:
    """The first agency in the CHAIR role (members come chairs first), with its row."""
    for row in members:
        if row["role"] == MemberRole.CHAIR.value and row["isAgency"]:
            end = nest_ends(row).get("memberRow")
            return Agency.of(end) if end else None
    return None


def _contributors(
    outcome: str, found: list[Contribution], wanted: set[str] | None
) -> list[Contributor]:
    chosen = [(c, [p for p in c.paths if wanted is None or p in wanted]) for c in found]
    return [
        Contributor(agency=Agency.of(c.agency), via=[_PATHS[p] for p in paths], _outcome=outcome)
        for c, paths in chosen
        if paths
    ]


async def _country(info: Info, iso3: str) -> Country | None:
    row = await info.context.loaders.country.load((iso3,))
    return Country.of(row) if row else None


async def _agency(info: Info, agency_id: str) -> Agency | None:
    row = await info.context.loaders.agency.load((agency_id,))
    return Agency.of(row) if row else None


async def _partner(info: Info, partner_id: str) -> Partner | None:
    row = await info.context.loaders.partner.load((partner_id,))
    return Partner.of(row) if row else None


async def _body(info: Info, body_id: str) -> Body:
    return Body.of(await info.context.loaders.body.load((body_id,)))


@strawberry.type(description="A Cooperation Framework (UNDAF, UNSDCF, One Plan) of a country.")
class Framework:
    id: strawberry.ID
    title: str
    start_year: int | None
    end_year: int | None
    uninfo_plan: str | None = strawberry.field(
        description="The plan's name in UN INFO, when a country pack says which plan it is."
    )
    _country: strawberry.Private[str | None]
    _sources: strawberry.Private[list[str]]
    _evidence: strawberry.Private[str | None]

    @classmethod
    def of(cls, row: Row) -> Framework:
        return cls(
            id=strawberry.ID(row["id"]),
            title=row["title"] or row["id"],
            start_year=row.get("startYear"),
            end_year=row.get("endYear"),
            uninfo_plan=row.get("uninfoPlan"),
            _country=row.get("country"),
            _sources=list(row.get("sources") or []),
            _evidence=row.get("source"),
        )

    @strawberry.field(
        metadata=size(2),
        description="Where it comes from: each source stating it, and on what basis.",
    )
    async def sources(self, info: Info) -> list[Provenance]:
        return await provenance.of_fact(info, self._sources, self._evidence)

    @strawberry.field
    async def country(self, info: Info) -> Country | None:
        row = await info.context.loaders.country.load((self._country,)) if self._country else None
        return Country.of(row) if row else None

    @strawberry.field(
        graphql_type="list[Outcome]", metadata=size(10), description="Its outcomes, in code order."
    )
    def outcomes(self, info: Info) -> Soon[list[Outcome]]:
        rows = loaded(info.context.loaders.framework_outcomes, (self.id,))
        return then(rows, lambda found: [Outcome.of(r) for r in found])

    @strawberry.field(description="Its outcomes, a page at a time, by id.")
    async def outcomes_connection(
        self, info: Info, first: int | None = DEFAULT_PAGE_SIZE, after: str | None = None
    ) -> Connection[Outcome]:
        filters = {"country": None, "framework": str(self.id), "withoutSdg": None}
        return await connection(info, pages.OUTCOMES, filters, first, after, Outcome.of)

    @strawberry.field(
        metadata=size(4), description="Its strategic priorities (UN INFO), in code order."
    )
    async def strategic_priorities(self, info: Info) -> list[_Priority]:
        from schema.results import priorities_by_id

        ids = await info.context.loaders.framework_priorities.load((self.id,))
        return await priorities_by_id(info, ids)

    @strawberry.field(description="The Common Budgetary Framework: the sum of its sub-outputs.")
    async def budget(self, info: Info) -> Budget:
        return Budget.of(await info.context.loaders.framework_budget.load((self.id,)))


@strawberry.type(description="An agency contributing to an outcome, and by which paths.")
class Contributor:
    agency: Agency
    _outcome: strawberry.Private[str]
    via: list[ContributionPath] = strawberry.field(metadata=size(3))

    @strawberry.field(
        description="The budget of the sub-outputs beneath the outcome that the agency "
        "delivers (each counted whole: UN INFO does not split them between agencies)."
    )
    async def budget(self, info: Info) -> Budget:
        budgets = await info.context.loaders.contributor_budgets.load((self._outcome,))
        return Budget.of(budgets.get(self.agency.id, NO_BUDGET))

    @strawberry.field(
        metadata=size(2),
        description="Where its DIRECT contribution comes from: the sources stating that the "
        "agency delivers the outcome or the outputs and sub-outputs beneath it.",
    )
    async def sources(self, info: Info) -> list[Provenance]:
        edges = await info.context.loaders.contribution_sources.load((self._outcome,))
        return await provenance.of_facts(info, edges.get(self.agency.id, []))


@strawberry.type(description="A Cooperation Framework outcome.")
class Outcome:
    id: strawberry.ID
    code: str = strawberry.field(description="The code as the framework writes it (cleaned).")
    title: str
    description: str | None
    source: str | None
    _framework: strawberry.Private[str]
    _sources: strawberry.Private[list[str]]

    @classmethod
    def of(cls, row: Row) -> Outcome:
        return cls(
            id=strawberry.ID(row["id"]),
            code=row["code"] or "-",
            title=row["title"] or "",
            description=row.get("description"),
            source=row.get("source"),
            _framework=row["framework"],
            _sources=list(row.get("sources") or []),
        )

    @strawberry.field(
        metadata=size(2),
        description="Where it comes from: each source stating it, and on what basis.",
    )
    async def sources(self, info: Info) -> list[Provenance]:
        return await provenance.of_fact(info, self._sources, self.source)

    @strawberry.field(graphql_type="Framework")
    def framework(self, info: Info) -> Soon[Framework]:
        return then(loaded(info.context.loaders.framework, (self._framework,)), Framework.of)

    @strawberry.field(
        graphql_type="list[SdgTarget]",
        metadata=size(10),
        description="SDG targets linked to it or to outputs and sub-outputs beneath it.",
    )
    def sdg_targets(self, info: Info) -> Soon[list[SdgTarget]]:
        rows = loaded(info.context.loaders.outcome_targets, (self.id,))
        return then(rows, lambda found: [SdgTarget.of(r) for r in found])

    @strawberry.field(
        graphql_type="list[SdgGoal]",
        metadata=size(5),
        description="SDG goals linked to it directly, through its targets, or "
        "through the outputs and sub-outputs beneath it.",
    )
    def sdg_goals(self, info: Info) -> Soon[list[SdgGoal]]:
        rows = loaded(info.context.loaders.outcome_goals, (self.id,))
        return then(rows, lambda found: [SdgGoal.of(r) for r in found])

    @strawberry.field(
        graphql_type="list[Contributor]",
        metadata=size(8),
        description="Agencies contributing to it; all paths unless `via` narrows them.",
    )
    def contributors(
        self, info: Info, via: list[ContributionPath] | None = None
    ) -> Soon[list[Contributor]]:
        wanted = {p.value for p in via} if via else None
        found = loaded(info.context.loaders.contributors, (self.id,))
        return then(found, lambda rows: _contributors(self.id, rows, wanted))

    @strawberry.field(
        metadata=size(2), description="The bodies (results groups, ...) that cover it."
    )
    async def covered_by(self, info: Info) -> list[Body]:
        ids = await info.context.loaders.outcome_bodies.load((self.id,))
        return await bodies_by_id(info, ids)

    @strawberry.field(description="The strategic priority it serves (UN INFO plans).")
    async def strategic_priority(self, info: Info) -> _Priority | None:
        from schema.results import priorities_by_id

        ids = await info.context.loaders.outcome_priority.load((self.id,))
        found = await priorities_by_id(info, ids[:1])
        return found[0] if found else None

    @strawberry.field(metadata=size(4), description="Its outputs, in code order.")
    async def outputs(self, info: Info) -> list[_Output]:
        from schema.results import outputs_by_id

        ids = await info.context.loaders.outcome_outputs.load((self.id,))
        return await outputs_by_id(info, ids)

    @strawberry.field(
        metadata=size(20),
        description="Every sub-output beneath it, through its outputs, in code order: "
        "what its budget sums.",
    )
    async def sub_outputs(self, info: Info) -> list[_SubOutput]:
        from schema.results import sub_outputs_by_id

        ids = await info.context.loaders.outcome_sub_outputs.load((self.id,))
        return await sub_outputs_by_id(info, ids)

    @strawberry.field(description="The sum of the budgets of the sub-outputs beneath it.")
    async def budget(self, info: Info) -> Budget:
        return Budget.of(await info.context.loaders.outcome_budget.load((self.id,)))

    @strawberry.field(
        metadata=size(2),
        description="Joint programmes serving it, directly or through sub-outputs.",
    )
    async def joint_programmes(self, info: Info) -> list[_Programme]:
        from schema.programmes import programmes_by_id

        ids = await info.context.loaders.outcome_programmes.load((self.id,))
        return await programmes_by_id(info, ids)

    @strawberry.field(
        metadata=size(5),
        description="IATI activities in its country sharing an SDG target with it (inferred).",
    )
    async def activities(self, info: Info) -> list[Annotated[OutcomeActivity, _ACTIVITIES]]:
        from schema.activities import activities_of_outcome

        return await activities_of_outcome(info, self)


@strawberry.type(description="A Sustainable Development Goal.")
class SdgGoal:
    code: strawberry.ID
    title: str

    @classmethod
    def of(cls, row: Row) -> SdgGoal:
        return cls(code=strawberry.ID(row["id"]), title=row["title"] or "")

    @strawberry.field(
        graphql_type="list[SdgTarget]",
        metadata=size(10),
        description="Its targets in official order (1.1 ... 1.5, 1.a, 1.b).",
    )
    def targets(self, info: Info) -> Soon[list[SdgTarget]]:
        rows = loaded(info.context.loaders.goal_targets, (self.code,))
        return then(rows, lambda found: [SdgTarget.of(r) for r in found])


@strawberry.type(description="An SDG target, such as 13.1.")
class SdgTarget:
    code: strawberry.ID
    title: str
    _goal: strawberry.Private[str]

    @classmethod
    def of(cls, row: Row) -> SdgTarget:
        return cls(code=strawberry.ID(row["id"]), title=row["title"] or "", _goal=row["goal"])

    @strawberry.field(graphql_type="SdgGoal")
    def goal(self, info: Info) -> Soon[SdgGoal]:
        return then(loaded(info.context.loaders.sdg_goal, (self._goal,)), SdgGoal.of)

    @strawberry.field(
        metadata=size(2), description="Its indicators (one indicator may serve several targets)."
    )
    async def indicators(self, info: Info) -> list[SdgIndicator]:
        rows = await info.context.loaders.target_indicators.load((self.code,))
        return [
            SdgIndicator(
                code=strawberry.ID(r["code"]), unsd_code=r["unsdCode"], title=r["title"] or ""
            )
            for r in rows
        ]


@strawberry.type(description="An SDG indicator, as listed under one target.")
class SdgIndicator:
    code: strawberry.ID = strawberry.field(description="Its code under this target, e.g. 13.1.1.")
    unsd_code: str = strawberry.field(
        description="UNSD's code, the same for an indicator repeated under several targets."
    )
    title: str


@strawberry.type(description="Which outcomes serve an SDG goal.")
class GoalCoverage:
    goal: SdgGoal
    outcomes: list[Outcome] = strawberry.field(metadata=size(5))


@strawberry.type(description="How a country's outcomes cover the SDGs.")
class SdgCoverage:
    goals: list[GoalCoverage] = strawberry.field(
        metadata=size(17), description="Every goal, with the outcomes serving it."
    )
    uncovered_goals: list[SdgGoal] = strawberry.field(
        metadata=size(17), description="Goals no outcome serves."
    )
    outcomes_without_sdg: list[Outcome] = strawberry.field(
        metadata=size(10), description="Outcomes with no SDG goal."
    )
    _goal_counts: strawberry.Private[list[tuple[Outcome, int]]]

    @strawberry.field(
        metadata=size(10), description="Outcomes naming at least one but at most `max` SDG goals."
    )
    def outcomes_with_few_goals(self, max: int = 2) -> list[Outcome]:  # noqa: A002
        return [o for o, n in self._goal_counts if 0 < n <= max]


# --- batched constructors shared by the types and the root query ---
async def _many(loader: Any, ids: list[str]) -> list[Row]:
    rows = await loader.load_many([(i,) for i in ids])
    return [r for r in rows if r]


async def agencies_by_id(info: Info, ids: list[str]) -> list[Agency]:
    return [Agency.of(r) for r in await _many(info.context.loaders.agency, ids)]


async def bodies_by_id(info: Info, ids: list[str]) -> list[Body]:
    return [Body.of(r) for r in await _many(info.context.loaders.body, ids)]


async def outcomes_by_id(info: Info, ids: list[str]) -> list[Outcome]:
    return [Outcome.of(r) for r in await _many(info.context.loaders.outcome, ids)]


async def targets_by_code(info: Info, codes: list[str]) -> list[SdgTarget]:
    return [SdgTarget.of(r) for r in await _many(info.context.loaders.sdg_target, codes)]


async def goals_by_code(info: Info, codes: list[str]) -> list[SdgGoal]:
    return [SdgGoal.of(r) for r in await _many(info.context.loaders.sdg_goal, codes)]
