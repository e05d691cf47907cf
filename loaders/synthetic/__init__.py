"""Generated data sets in the product's own input formats, for benchmarks and tests.

`generate(countries, seed, out)` writes, for each country:

    out/packs/<iso3>.yaml    a country pack: the country, its Cooperation
                             Framework (naming its UN INFO plan), the agencies
                             present (resident or not), a few partners, about
                             a dozen bodies with members, rotating chairs and
                             reporting lines up to the Steering Committee, the
                             outcomes, joint programmes and the Resident
                             Coordinator's post
    out/uninfo/<iso3>.csv    a UN INFO Joint Work Plan export of the same plan:
                             about 150 sub-outputs under 4-6 outcomes of 3-6
                             outputs, with agencies, partners, SDG targets from
                             the real catalogue, budgets per year, statuses,
                             dates and markers

Load the packs before the exports (`unct-graph load packs/*.yaml uninfo/*.csv`):
an export joins the framework its pack describes. The same seed writes the
same bytes; a country's files depend only on the seed and the country, so a
set of N countries is the start of every larger set with that seed.
Modules: countries (which countries and agencies), results and sub_outputs
(the results chain), bodies and seats (the coordination structure),
programmes and structure (the rest of a pack), pack and export (the files).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

from loaders.synthetic import countries, export, pack, partners, results, structure


@dataclass
class Summary:
    """What a run wrote, for the one line the command prints."""

    countries: int = 0
    packs: int = 0
    exports: int = 0
    sub_outputs: int = 0
    bodies: int = 0
    memberships: int = 0
    # Files already in the folders that this run did not write (left as they were).
    others: list[Path] = field(default_factory=list)

    def line(self, out: Path) -> str:
        return (
            f"generated {self.countries} countries in {out}: {self.packs + self.exports} files "
            f"({self.packs} packs, {self.exports} UN INFO exports), {self.sub_outputs} "
            f"sub-outputs, {self.bodies} bodies, {self.memberships} memberships"
        )


@dataclass(frozen=True)
class CountrySet:
    """One country's generated plan and structure, before they are written."""

    plan: results.Plan
    coordination: structure.Structure


def country_set(country: countries.Country, seed: int) -> CountrySet:
    """A country's data: its own random streams, so nothing else changes it."""
    plan = results.plan(
        country, partners.of(country), random.Random(f"{seed}:{country.iso3}:results")
    )
    made = structure.draw(plan, random.Random(f"{seed}:{country.iso3}:structure"))
    return CountrySet(plan, made)


def generate(count: int, seed: int, out: Path) -> Summary:
    """Writes `count` countries' packs and exports under `out`; what was written."""
    if count < 1:
        raise ValueError("generate at least one country")
    chosen = countries.choose(count, seed)
    (out / "packs").mkdir(parents=True, exist_ok=True)
    (out / "uninfo").mkdir(parents=True, exist_ok=True)
    summary = Summary()
    written: set[Path] = set()
    for country in chosen:
        made = country_set(country, seed)
        name = country.iso3.lower()
        packs, exports = out / "packs" / f"{name}.yaml", out / "uninfo" / f"{name}.csv"
        _write(packs, pack.text(made.plan, made.coordination, seed))
        _write(exports, export.text(made.plan))
        written |= {packs, exports}
        summary.countries += 1
        summary.packs += 1
        summary.exports += 1
        summary.sub_outputs += len(made.plan.sub_outputs())
        summary.bodies += len(made.coordination.bodies)
        summary.memberships += sum(len(b.seats) for b in made.coordination.bodies)
    found = sorted((out / "packs").glob("*.yaml")) + sorted((out / "uninfo").glob("*.csv"))
    summary.others = [path for path in found if path not in written]
    return summary


def _write(path: Path, text: str) -> None:
    # newline="": the text's own line ends, the same bytes on every platform.
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(text)
