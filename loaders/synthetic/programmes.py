"""A country's joint programmes: 2-5 agencies, one convening, serving outcomes and SDG targets."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from loaders.synthetic import bundled
from loaders.synthetic.results import Plan


@dataclass(frozen=True)
class JointProgramme:
    id: str
    title: str
    start: date
    end: date
    budget: int
    convening: str
    participating: tuple[str, ...]
    outcomes: tuple[str, ...]
    targets: tuple[str, ...]


def draw(plan: Plan, rng: random.Random) -> list[JointProgramme]:
    country, framework = plan.country, plan.framework
    present = [a.id for a in country.agencies]
    programmes = []
    for number in range(1, rng.randint(2, 4) + 1):
        served = rng.sample(plan.outcomes, rng.choice((1, 1, 2)))
        theme = served[0].theme
        leads = [a for o in served for a in o.theme.leads if a in present]
        convening = rng.choice(leads) if leads else rng.choice(present)
        others = [a for a in dict.fromkeys(leads + rng.sample(present, 4)) if a != convening]
        participating = others[: rng.randint(1, 4)]
        start = date(framework.start + rng.randint(0, 2), rng.choice((1, 4, 7, 10)), 1)
        end = min(
            start.replace(year=start.year + rng.randint(2, 3)) - timedelta(days=1),
            date(framework.end, 12, 31),
        )
        goals = theme.goals[:2]
        targets = {rng.choice(bundled.sdg_targets()[rng.choice(goals)]).code for _ in range(3)}
        programmes.append(
            JointProgramme(
                id=f"{country.iso3}-JP-{number}",
                title=f"Joint Programme on {rng.choice(theme.topics)} in {country.label}",
                start=start,
                end=end,
                budget=int(round(rng.lognormvariate(15.0, 0.6), -3)),
                convening=convening,
                participating=tuple(participating),
                outcomes=tuple(sorted(o.id for o in served)),
                targets=tuple(sorted(targets)),
            )
        )
    return programmes
