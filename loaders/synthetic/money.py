"""A sub-output's Common Budgetary Framework figures: per year, and totals that add up.

Figures are whole US dollars, so totals are exact sums of the years and a
test can compare them to the cent. Money is spent only in years that have
passed by DATA_YEAR, the year the generated exports describe (a constant:
the generator never reads the clock).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from loaders.synthetic.shares import split

DATA_YEAR = 2025


@dataclass(frozen=True)
class Year:
    year: int
    required: int
    available: int
    expenditure: int | None  # None: nothing reported yet (a year still to come)


@dataclass(frozen=True)
class Budget:
    years: tuple[Year, ...]

    @property
    def required(self) -> int:
        return sum(y.required for y in self.years)

    @property
    def available(self) -> int:
        return sum(y.available for y in self.years)

    @property
    def expenditure(self) -> int:
        return sum(y.expenditure or 0 for y in self.years)


def draw(years: range, pipeline: bool, rng: random.Random) -> Budget:
    """Required resources spread over the years, part of them available, part spent."""
    required = round(rng.lognormvariate(12.2, 1.1) / 500) * 500 + 5000
    figures = []
    for year, needed in zip(years, split(required, len(years), rng), strict=True):
        funded = rng.uniform(0.1, 0.6) if pipeline or year > DATA_YEAR else rng.uniform(0.65, 1.05)
        available = round(needed * funded)
        if year < DATA_YEAR and not pipeline:
            spent: int | None = round(available * rng.uniform(0.7, 1.0))
        elif year == DATA_YEAR and not pipeline:
            spent = round(available * rng.uniform(0.2, 0.7))
        else:
            spent = None
        figures.append(Year(year, needed, available, spent))
    return Budget(tuple(figures))
