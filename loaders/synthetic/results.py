"""A country's generated Cooperation Framework: strategic priorities down to sub-outputs.

The pack and the UN INFO export of a country describe this one plan. The
pack names it (`uninfo_plan:`, matched exactly by loaders.plans) and gives
its outcomes the ids the export's rows make (`FRAMEWORK/SP<code>/O<code>`),
so both files state the same framework and the same outcomes, and the
pack's results groups and joint programmes cover the outcomes the export's
sub-outputs sit under.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass

from loaders.synthetic import sub_outputs
from loaders.synthetic.countries import Country
from loaders.synthetic.partners import CountryPartners
from loaders.synthetic.shares import split
from loaders.synthetic.sub_outputs import target_order
from loaders.synthetic.themes import PILLARS, THEMES, Theme

MIN_OUTCOMES, MAX_OUTCOMES = 4, 6
MIN_OUTPUTS, MAX_OUTPUTS = 3, 6
MIN_SUB_OUTPUTS, MAX_SUB_OUTPUTS = 140, 180  # per country


@dataclass(frozen=True)
class Framework:
    id: str
    title: str
    plan: str  # its name in UN INFO
    start: int
    end: int


@dataclass(frozen=True)
class Priority:
    code: str
    title: str


@dataclass(frozen=True)
class Output:
    code: str
    title: str
    sub_outputs: tuple[sub_outputs.SubOutput, ...]


@dataclass(frozen=True)
class Outcome:
    id: str
    code: str
    title: str
    priority: Priority
    theme: Theme
    outputs: tuple[Output, ...]

    def sub_outputs(self) -> list[sub_outputs.SubOutput]:
        return [s for output in self.outputs for s in output.sub_outputs]

    def main_targets(self, count: int = 3) -> list[str]:
        """The targets its sub-outputs name most, as the pack states them for the outcome."""
        named = Counter(t.code for s in self.sub_outputs() for t in s.targets)
        ranked = sorted(named.items(), key=lambda item: (-item[1], target_order(item[0])))
        return sorted((code for code, _ in ranked[:count]), key=target_order)


@dataclass(frozen=True)
class Plan:
    country: Country
    framework: Framework
    outcomes: tuple[Outcome, ...]

    def sub_outputs(self) -> list[sub_outputs.SubOutput]:
        return [s for outcome in self.outcomes for s in outcome.sub_outputs()]


def framework(country: Country, rng: random.Random) -> Framework:
    start = rng.randint(2019, 2023)
    end = start + 4
    plan = rng.choice(
        (
            f"{country.label} United Nations Sustainable Development Cooperation Framework "
            f"{start}-{end}",
            f"UNSDCF {start} - {end}",
            f"United Nations Sustainable Development Cooperation Framework ({start}-{end})",
            f"{country.label} Cooperation Framework {start}-{end}",
        )
    )
    title = f"United Nations Sustainable Development Cooperation Framework {start}-{end}"
    return Framework(f"{country.iso3}-UNSDCF-{start}", title, plan, start, end)


def plan(country: Country, partners: CountryPartners, rng: random.Random) -> Plan:
    """The framework, 4-6 outcomes under their pillars, 3-6 outputs each, ~150 sub-outputs."""
    chosen = framework(country, rng)
    pillars = list(PILLARS)
    themes = sorted(
        rng.sample(THEMES, rng.randint(MIN_OUTCOMES, MAX_OUTCOMES)),
        key=lambda t: (pillars.index(t.pillar), THEMES.index(t)),
    )
    output_counts = [rng.randint(MIN_OUTPUTS, min(MAX_OUTPUTS, len(t.outputs))) for t in themes]
    per_output = split(
        rng.randint(MIN_SUB_OUTPUTS, MAX_SUB_OUTPUTS), sum(output_counts), rng, minimum=2
    )
    priorities: dict[str, Priority] = {}
    outcomes: list[Outcome] = []
    serial = 0
    for number, (theme, outputs) in enumerate(zip(themes, output_counts, strict=True), 1):
        priority = priorities.setdefault(
            theme.pillar, Priority(str(len(priorities) + 1), PILLARS[theme.pillar])
        )
        setting = sub_outputs.Setting(country, theme, partners, (chosen.start, chosen.end))
        made: list[Output] = []
        for index, phrase in enumerate(rng.sample(theme.outputs, outputs), 1):
            rows = []
            for code in range(1, per_output.pop(0) + 1):
                serial += 1
                uninfo_id = f"9{country.number:03d}{serial:04d}"
                rows.append(sub_outputs.draw(setting, uninfo_id, str(code), rng))
            made.append(Output(f"{number}.{index}", phrase, tuple(rows)))
        outcomes.append(
            Outcome(
                id=f"{chosen.id}/SP{priority.code}/O{number}",
                code=str(number),
                title=f"By {chosen.end}, {theme.outcome.format(country=country.label)}",
                priority=priority,
                theme=theme,
                outputs=tuple(made),
            )
        )
    return Plan(country, chosen, tuple(outcomes))
