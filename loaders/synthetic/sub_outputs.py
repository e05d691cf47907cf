"""One generated sub-output: who delivers it, when, for which SDG targets, with what money.

A sub-output is what UN INFO exports one row for. Its agencies are present
in the country, its targets come from the real SDG catalogue, its status
follows from its dates, and its budget from loaders.synthetic.money.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from loaders.synthetic import bundled, markers, money
from loaders.synthetic.countries import Agency, Country
from loaders.synthetic.partners import CountryPartners
from loaders.synthetic.themes import ACTIVITIES, Theme

# Joint initiatives UN INFO rows name beside the pack's joint programmes.
INITIATIVES = (
    "Spotlight Initiative",
    "Joint SDG Fund Integrated Social Protection Programme",
    "Joint Programme on Youth Employment",
    "Peacebuilding Fund Cross-Border Initiative",
)


@dataclass(frozen=True)
class SubOutput:
    uninfo_id: str
    code: str
    title: str
    description: str | None
    start: date
    end: date
    status: str
    agencies: tuple[Agency, ...]
    targets: tuple[bundled.Target, ...]
    goals: tuple[str, ...]
    budget: money.Budget
    markers: markers.Markers
    funders: tuple[str, ...]
    implementers: tuple[str, ...]
    initiative: str | None


@dataclass(frozen=True)
class Setting:
    """What every sub-output of one outcome draws from."""

    country: Country
    theme: Theme
    partners: CountryPartners
    years: tuple[int, int]  # the framework's first and last year


def draw(setting: Setting, uninfo_id: str, code: str, rng: random.Random) -> SubOutput:
    first, last = setting.years
    start = rng.randint(first, last)
    end = min(last, start + rng.choices((0, 1, 2), (50, 30, 20))[0])
    status = _status(start, end, rng)
    targets = _targets(setting.theme, rng)
    goals = {t.goal for t in targets} or {setting.theme.goals[0]}
    title = f"{rng.choice(ACTIVITIES)} {rng.choice(setting.theme.topics)}"
    implementers = setting.partners.implementers(setting.theme.key, rng)
    return SubOutput(
        uninfo_id=uninfo_id,
        code=code,
        title=title,
        description=_description(title, setting, implementers, rng),
        start=date(start, 1, 1),
        end=date(end, 12, 31),
        status=status,
        agencies=_agencies(setting, rng),
        targets=targets,
        goals=tuple(sorted(goals, key=int)),
        budget=money.draw(range(start, end + 1), status == "Pipeline", rng),
        markers=markers.draw(rng),
        funders=tuple(setting.partners.funders(rng)),
        implementers=tuple(implementers),
        initiative=rng.choice(INITIATIVES) if rng.random() < 0.06 else None,
    )


def _status(start: int, end: int, rng: random.Random) -> str:
    if end < money.DATA_YEAR:
        return "Closed" if rng.random() < 0.85 else "Finalisation"
    if start > money.DATA_YEAR:
        return "Pipeline"
    running = ("Implementation", "Finalisation", "Suspended", "Cancelled")
    return rng.choices(running, (94, 3, 1, 2))[0]


def _targets(theme: Theme, rng: random.Random) -> tuple[bundled.Target, ...]:
    """Up to 3 targets of the theme's goals (the main one most often), now and then
    one of another goal; a few sub-outputs name none, as in real exports."""
    catalogue = bundled.sdg_targets()
    count = rng.choices((0, 1, 2, 3), (6, 47, 32, 15))[0]
    chosen: list[bundled.Target] = []
    for _ in range(count):
        goal = theme.goals[0] if rng.random() < 0.6 else rng.choice(theme.goals)
        chosen.append(rng.choice(catalogue[goal]))
    if count and rng.random() < 0.08:
        chosen.append(rng.choice(catalogue[rng.choice(sorted(catalogue))]))
    unique = {t.code: t for t in chosen}
    return tuple(unique[c] for c in sorted(unique, key=target_order))


def target_order(code: str) -> tuple[int, int, str]:
    """Targets in the catalogue's order: 4.1 ... 4.7, 4.a, 4.b, then 5.1."""
    goal, target = code.split(".")
    return (int(goal), int(target) if target.isdigit() else 100, target)


def _agencies(setting: Setting, rng: random.Random) -> tuple[Agency, ...]:
    """1-4 agencies present in the country; the first one of the theme's leads most often."""
    present = setting.country.agencies
    leads = [a for a in (setting.country.agency(i) for i in setting.theme.leads) if a]
    count = min(len(present), rng.choices((1, 2, 3, 4), (45, 30, 15, 10))[0])
    chosen = [rng.choice(leads)] if leads and rng.random() < 0.8 else []
    residents = [a for a in present if a.resident]
    while len(chosen) < count:
        agency = rng.choice(residents if rng.random() < 0.8 else present)
        if agency not in chosen:
            chosen.append(agency)
    return tuple(sorted(chosen, key=lambda a: a.spelling))


def _description(
    title: str, setting: Setting, implementers: list[str], rng: random.Random
) -> str | None:
    if rng.random() < 0.35:
        return None
    where = f" with {implementers[0]}" if implementers else ""
    return f"{title} in {setting.country.label}{where}, towards {setting.theme.name.lower()}."
