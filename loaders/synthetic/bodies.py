"""A country's coordination bodies, their members and their reporting lines.

The shape follows the Standard Operating Procedures for Delivering as One:
the Joint National/UN Steering Committee at the top, the UNCT reporting to
it; task forces report to the OMT, the OMT to the UNCT; theme groups, the
communication group and the PMT to the UNCT, the M&E group to the PMT; results
groups to the Steering Committee, or to the PMT, or to the Steering
Committee first and the PMT after a mid-cycle restructuring. Every line stays
in the country and leads up to the Steering Committee, so no cycle can form.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from graph.model import BodyKind, MemberRole
from loaders.synthetic import seats, themes
from loaders.synthetic.countries import Country
from loaders.synthetic.results import Outcome, Plan
from loaders.synthetic.seats import Seat

MIN_MEMBERS, MAX_MEMBERS = 8, 20
NAMES = {
    BodyKind.PROGRAMME_MANAGEMENT_TEAM: "Programme Management Team",
    BodyKind.OPERATIONS_MANAGEMENT_TEAM: "Operations Management Team",
    BodyKind.COMMUNICATION_GROUP: "UN Communication Group",
    BodyKind.MONITORING_EVALUATION_GROUP: "Monitoring and Evaluation Group",
}


@dataclass(frozen=True)
class Line:
    body: str
    since: date
    until: date | None = None


@dataclass(frozen=True)
class Body:
    id: str
    kind: BodyKind
    name: str
    reports_to: tuple[Line, ...]
    seats: tuple[Seat, ...]
    outcomes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Government:
    """The pack's partners that sit in bodies: who chairs the Steering Committee, who observes."""

    planning: str
    foreign_affairs: str
    donor: str
    civil_society: str


class Builder:
    """Builds one country's bodies; each method one kind of body."""

    def __init__(self, plan: Plan, government: Government, rng: random.Random) -> None:
        self.plan, self.government, self.rng = plan, government, rng
        self.country: Country = plan.country
        self.iso3 = self.country.iso3
        self.start = date(plan.framework.start, 1, 1)
        self.last_year = plan.framework.end
        self.bodies: list[Body] = []

    def id(self, suffix: str) -> str:
        return f"{self.iso3}-{suffix}"

    def all(self) -> list[Body]:
        """Every body, each after the bodies it reports to."""
        self.steering_committee()
        self.country_team()
        self.team(BodyKind.PROGRAMME_MANAGEMENT_TEAM, "PMT", "UNCT", themes.PROGRAMME_LEADS)
        self.results_groups()
        for key, name, leads in self.rng.sample(themes.THEME_GROUPS, self.rng.randint(2, 3)):
            self.team(BodyKind.THEME_GROUP, f"TG-{key}", "UNCT", leads, name)
        self.team(BodyKind.OPERATIONS_MANAGEMENT_TEAM, "OMT", "UNCT", themes.OPERATIONS_LEADS)
        for key, name, leads in self.rng.sample(themes.TASK_FORCES, self.rng.randint(2, 4)):
            # Some task forces are set up in the framework's second year.
            since = self.start.replace(year=self.start.year + self.rng.choice((0, 0, 1)))
            self.team(BodyKind.TASK_FORCE, f"OMT-TF-{key}", "OMT", leads, name, since)
        self.team(BodyKind.COMMUNICATION_GROUP, "UNCG", "UNCT", themes.COMMUNICATION_LEADS)
        self.team(BodyKind.MONITORING_EVALUATION_GROUP, "ME", "PMT", themes.MONITORING_LEADS)
        return self.bodies

    def members(self, leads: tuple[str, ...]) -> list[str]:
        """8-20 agencies present in the country: the leads first, then mostly residents."""
        present = [a.id for a in self.country.agencies]
        residents = [a.id for a in self.country.agencies if a.resident]
        wanted = self.rng.randint(MIN_MEMBERS, min(MAX_MEMBERS, len(present)))
        chosen = [a for a in leads if a in present][:3]
        while len(chosen) < wanted:
            agency = self.rng.choice(residents if self.rng.random() < 0.75 else present)
            if agency not in chosen:
                chosen.append(agency)
        return chosen

    def steering_committee(self) -> None:
        """Chaired by the government; agencies sit in it, a donor and civil society observe."""
        members = self.members(themes.PROGRAMME_LEADS)
        chair = Seat(None, self.government.planning, MemberRole.CHAIR, self.start, None)
        others = [
            Seat(None, self.government.foreign_affairs, MemberRole.MEMBER, self.start, None),
            Seat(None, self.government.donor, MemberRole.OBSERVER, self.start, None),
            Seat(None, self.government.civil_society, MemberRole.OBSERVER, self.start, None),
        ]
        self.add(
            Body(
                self.id("JSC"),
                BodyKind.STEERING_COMMITTEE,
                "Joint National/UN Steering Committee",
                (),
                (chair, *others, *seats.standing(members, self.start)),
            )
        )

    def country_team(self) -> None:
        """The heads of the resident agencies; the Resident Coordinator leads it (a post)."""
        residents = [a.id for a in self.country.agencies if a.resident][:MAX_MEMBERS]
        self.add(
            Body(
                self.id("UNCT"),
                BodyKind.UNCT,
                f"United Nations Country Team in {self.country.label}",
                (Line(self.id("JSC"), self.start),),
                tuple(seats.standing(residents, self.start)),
            )
        )

    def team(
        self,
        kind: BodyKind,
        suffix: str,
        reports_to: str,
        leads: tuple[str, ...],
        name: str | None = None,
        since: date | None = None,
    ) -> None:
        """A body whose chair rotates among its leads, with a vice-chair."""
        start = since or self.start
        name = name or NAMES[kind]
        members = self.members(leads)
        candidates = [a for a in leads if a in members]
        periods = seats.terms(start, self.last_year)
        rotating = seats.rotating(members, candidates, periods, MemberRole.VICE_CHAIR, self.rng)
        line = Line(self.id(reports_to), start)
        self.add(Body(self.id(suffix), kind, name, (line,), tuple(rotating)))

    def results_groups(self) -> None:
        """3-5 groups covering every outcome, co-chaired by the agencies that lead them."""
        outcomes = self.plan.outcomes
        count = min(self.rng.randint(3, 5), len(outcomes))
        groups: list[list[Outcome]] = [[] for _ in range(count)]
        for index, outcome in enumerate(outcomes):
            groups[index * count // len(outcomes)].append(outcome)
        style = self.rng.choices(("JSC", "PMT", "RESTRUCTURED"), (40, 40, 20))[0]
        for number, covered in enumerate(groups, 1):
            leads = tuple(a for o in covered for a in o.theme.leads)
            members = self.members(tuple(dict.fromkeys(leads)))
            candidates = [a for a in dict.fromkeys(leads) if a in members]
            periods = seats.terms(self.start, self.last_year)
            rotating = seats.rotating(members, candidates, periods, MemberRole.CO_CHAIR, self.rng)
            planning = Seat(None, self.government.planning, MemberRole.MEMBER, self.start, None)
            # A group of several outcomes is named by their pillars ("People and Planet").
            pillars = dict.fromkeys(o.theme.pillar for o in covered)
            name = covered[0].theme.name if len(covered) == 1 else " and ".join(pillars)
            self.add(
                Body(
                    self.id(f"RG{number}"),
                    BodyKind.RESULTS_GROUP,
                    f"Results Group {number}: {name}",
                    self.results_lines(style),
                    (*rotating, planning),
                    tuple(o.id for o in covered),
                )
            )

    def results_lines(self, style: str) -> tuple[Line, ...]:
        if style != "RESTRUCTURED":
            return (Line(self.id(style), self.start),)
        change = self.start.replace(year=self.start.year + seats.TERM_YEARS)
        return (
            Line(self.id("JSC"), self.start, change - timedelta(days=1)),
            Line(self.id("PMT"), change),
        )

    def add(self, body: Body) -> None:
        self.bodies.append(body)
