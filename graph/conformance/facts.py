"""What the rules judge: a country's structure and programme, read in a few queries.

Facts are read for many countries at once (the regional summary asks for all
of them), with every dated term kept, so one read serves any `asOf` and the
rules that look back in time (a chair's term that lapsed).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from graph.model import BodyKind, MemberRole
from graph.repository import Graph
from graph.store import Row


@dataclass(frozen=True)
class Term:
    """A dated relationship: a seat in a body, or a reporting line."""

    body: str
    other: str
    role: MemberRole | None
    since: date | None
    until: date | None
    is_agency: bool = True

    def valid_on(self, day: date) -> bool:
        return (self.since is None or self.since <= day) and (
            self.until is None or self.until >= day
        )


@dataclass
class Framework:
    id: str
    start_year: int | None
    end_year: int | None


@dataclass
class CountryFacts:
    iso3: str
    bodies: dict[str, BodyKind] = field(default_factory=dict)
    body_names: dict[str, str] = field(default_factory=dict)
    seats: list[Term] = field(default_factory=list)
    reporting: list[Term] = field(default_factory=list)
    covers: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    frameworks: list[Framework] = field(default_factory=list)
    outcomes: dict[str, str] = field(default_factory=dict)  # id -> framework
    contributors: dict[str, set[str]] = field(default_factory=dict)
    sdg_goals: dict[str, list[str]] = field(default_factory=dict)
    budgets: dict[str, list[Row]] = field(default_factory=dict)
    present: set[str] = field(default_factory=set)

    def of_kind(self, *kinds: BodyKind) -> list[str]:
        return [b for b, kind in self.bodies.items() if kind in kinds]

    def seats_on(self, day: date, body: str | None = None) -> list[Term]:
        return [s for s in self.seats if s.valid_on(day) and body in (None, s.body)]

    def reports_on(self, day: date) -> dict[str, set[str]]:
        """body -> the bodies it reports to on `day`."""
        lines: dict[str, set[str]] = defaultdict(set)
        for term in self.reporting:
            if term.valid_on(day):
                lines[term.body].add(term.other)
        return lines

    def current_frameworks(self, day: date) -> list[str]:
        """The frameworks running in `day`'s year; when none is, the latest one."""
        running = [
            f.id for f in self.frameworks if (f.start_year or 0) <= day.year <= (f.end_year or 9999)
        ]
        if running or not self.frameworks:
            return sorted(running)
        latest = max(self.frameworks, key=lambda f: (f.end_year or 0, f.start_year or 0, f.id))
        return [latest.id]

    def current_outcomes(self, day: date) -> list[str]:
        frameworks = set(self.current_frameworks(day))
        return [o for o, framework in self.outcomes.items() if framework in frameworks]


async def read_facts(graph: Graph, countries: Sequence[str]) -> dict[str, CountryFacts]:
    facts = {iso3: CountryFacts(iso3) for iso3 in countries}
    for row in await graph.bodies_in(countries):
        facts[row["country"]].bodies[row["id"]] = BodyKind(row["kind"])
        facts[row["country"]].body_names[row["id"]] = row["name"] or row["id"]
    country_of = {b: f.iso3 for f in facts.values() for b in f.bodies}
    for row in await graph.membership_terms(countries):
        role = MemberRole(row["role"]) if row["role"] else MemberRole.MEMBER
        term = Term(
            row["body"], row["member"], role, row["since"], row["until"], bool(row["isAgency"])
        )
        facts[country_of[row["body"]]].seats.append(term)
    for row in await graph.reporting_terms(countries):
        term = Term(row["body"], row["target"], None, row["since"], row["until"])
        facts[country_of[row["body"]]].reporting.append(term)
    for row in await graph.covers_in(countries):
        facts[country_of[row["body"]]].covers[row["body"]].add(row["outcome"])
    frameworks = await graph.frameworks_of_countries(countries)
    rows = await graph.frameworks_by_id([f for ids in frameworks.values() for f in ids])
    for iso3, ids in frameworks.items():
        facts[iso3].frameworks = [
            Framework(i, rows[i]["startYear"], rows[i]["endYear"]) for i in ids
        ]
    outcomes = await graph.outcomes_in(countries)
    for row in outcomes:
        facts[row["country"]].outcomes[row["id"]] = row["framework"]
    await _read_outcome_facts(graph, facts, [row["id"] for row in outcomes])
    for iso3, agencies in (await graph.agencies_of_countries(countries)).items():
        facts[iso3].present = {row["id"] for row in agencies}
    return facts


async def _read_outcome_facts(
    graph: Graph, facts: dict[str, CountryFacts], outcome_ids: list[str]
) -> None:
    contributors = await graph.contributors(outcome_ids)
    goals = await graph.sdg_goals_of_outcomes(outcome_ids)
    budgets = await graph.sub_output_budgets(outcome_ids)
    for country in facts.values():
        for outcome in country.outcomes:
            found = contributors.get(outcome, [])
            country.contributors[outcome] = {c.agency["id"] for c in found}
            country.sdg_goals[outcome] = [row["id"] for row in goals.get(outcome, [])]
            country.budgets[outcome] = budgets.get(outcome, [])
