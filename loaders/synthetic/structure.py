"""A country's coordination structure as its pack states it: partners, bodies,
joint programmes and the Resident Coordinator's post."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from graph.model import PartnerType
from loaders.synthetic import programmes
from loaders.synthetic.bodies import Body, Builder, Government
from loaders.synthetic.results import Plan


@dataclass(frozen=True)
class Partner:
    id: str
    name: str
    type: PartnerType


@dataclass(frozen=True)
class Holder:
    since: date
    until: date | None


@dataclass(frozen=True)
class Post:
    """The Resident Coordinator: leads the UNCT; results groups' chairs answer to the post."""

    id: str
    title: str
    leads: str
    since: date
    holders: tuple[Holder, ...]


@dataclass(frozen=True)
class Structure:
    partners: tuple[Partner, ...]
    bodies: tuple[Body, ...]
    programmes: tuple[programmes.JointProgramme, ...]
    post: Post


def partners(plan: Plan) -> tuple[Partner, ...]:
    iso3, label = plan.country.iso3, plan.country.label
    return (
        Partner(
            f"{iso3}-GOV-PLANNING",
            f"Ministry of Planning and Development of {label}",
            PartnerType.GOVERNMENT,
        ),
        Partner(
            f"{iso3}-GOV-MFA", f"Ministry of Foreign Affairs of {label}", PartnerType.GOVERNMENT
        ),
        Partner(f"{iso3}-EU", f"European Union Delegation to {label}", PartnerType.DONOR),
        Partner(
            f"{iso3}-CSO-PLATFORM",
            f"{label} Civil Society Platform for the SDGs",
            PartnerType.CIVIL_SOCIETY,
        ),
    )


def post(plan: Plan, rng: random.Random) -> Post:
    """The RC post, held by two people in turn: one appointed before the framework began."""
    start = date(plan.framework.start, 1, 1)
    first = date(plan.framework.start - rng.randint(1, 3), rng.choice((3, 6, 9)), 1)
    second = date(plan.framework.start + rng.randint(2, 3), rng.choice((1, 5, 9)), 1)
    return Post(
        id=f"{plan.country.iso3}-RC",
        title=f"United Nations Resident Coordinator in {plan.country.label}",
        leads=f"{plan.country.iso3}-UNCT",
        since=start,
        holders=(Holder(first, second - timedelta(days=1)), Holder(second, None)),
    )


def draw(plan: Plan, rng: random.Random) -> Structure:
    found = partners(plan)
    government = Government(*(p.id for p in found))
    return Structure(
        partners=found,
        bodies=tuple(Builder(plan, government, rng).all()),
        programmes=tuple(programmes.draw(plan, rng)),
        post=post(plan, rng),
    )
