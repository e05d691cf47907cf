"""The Common Budgetary Framework: budget figures summed over sub-outputs.

UN INFO states required, available and spent resources per sub-output, in
total and per year; it does not split them between the agencies delivering a
sub-output (each agency's CONTRIBUTES_TO edge repeats the sub-output's
totals). So every budget here, for a framework, an outcome, an output or an
agency, is a sum over distinct sub-outputs, each counted once, and never a
sum over agency edges.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from graph.store import Row

# Sub-output properties a budget is summed from (graph.model's SubOutput).
TOTALS = ("required", "available", "expenditure")
BY_YEAR = ("requiredByYear", "availableByYear", "expenditureByYear")


@dataclass(frozen=True)
class YearBudget:
    year: int
    required: float
    available: float
    expenditure: float

    @property
    def funding_gap(self) -> float:
        return money(self.required - self.available)


@dataclass(frozen=True)
class Budget:
    """Totals (None when no sub-output states the figure) and per-year sums."""

    required: float | None
    available: float | None
    expenditure: float | None
    years: tuple[YearBudget, ...]

    @property
    def funding_gap(self) -> float | None:
        """required - available; a missing available figure counts as nothing available."""
        if self.required is None:
            return None
        return money(self.required - (self.available or 0.0))


EMPTY = Budget(None, None, None, ())


def money(value: float) -> float:
    # Sums are exact (math.fsum: the same whatever order the store returns rows
    # in); rounding to a millionth only drops binary noise such as
    # 0.30000000000000004, while keeping the sub-cent figures UN INFO holds.
    return round(value, 6) + 0.0  # + 0.0 turns -0.0 into 0.0


def _total(values: list[float | None]) -> float | None:
    stated = [v for v in values if v is not None]
    return money(math.fsum(stated)) if stated else None


def total(sub_outputs: Iterable[Row]) -> Budget:
    """The budget of a set of sub-outputs; a sub-output listed twice counts once."""
    rows = list({row["id"]: row for row in sub_outputs}.values())
    if not rows:
        return EMPTY
    required, available, expenditure = (_total([row.get(n) for row in rows]) for n in TOTALS)
    return Budget(required, available, expenditure, _years(rows))


def _years(rows: list[Row]) -> tuple[YearBudget, ...]:
    # year -> the required, available and spent figures of each sub-output
    figures: dict[int, tuple[list[float], list[float], list[float]]] = {}
    for row in rows:
        for i, year in enumerate(row.get("budgetYears") or []):
            columns = figures.setdefault(int(year), ([], [], []))
            for column, name in zip(columns, BY_YEAR, strict=True):
                values = row.get(name) or []
                column.append(float(values[i]) if i < len(values) else 0.0)
    return tuple(
        YearBudget(
            year,
            required=money(math.fsum(figures[year][0])),
            available=money(math.fsum(figures[year][1])),
            expenditure=money(math.fsum(figures[year][2])),
        )
        for year in sorted(figures)
    )


def grouped(rows: Iterable[Row], owner: str = "owner") -> dict[str, Budget]:
    """owner id -> the budget of its sub-outputs."""
    by_owner: dict[str, list[Row]] = {}
    for row in rows:
        by_owner.setdefault(row[owner], []).append(row)
    return {key: total(members) for key, members in by_owner.items()}
