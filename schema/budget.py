"""The Common Budgetary Framework in GraphQL: `Budget` and `BudgetYear`.

The sums come from graph.budget: over distinct sub-outputs, as UN INFO
states figures per sub-output and does not split them between agencies.
"""

from __future__ import annotations

import strawberry

from graph import budget
from schema.cost import size

_GAP = "required - available: what is still to be mobilised."


@strawberry.type(description="One year of a budget (UN INFO's {YEAR} Required/Available/...).")
class BudgetYear:
    year: int
    required: float
    available: float
    expenditure: float
    funding_gap: float = strawberry.field(description=_GAP)

    @classmethod
    def of(cls, figures: budget.YearBudget) -> BudgetYear:
        return cls(
            year=figures.year,
            required=figures.required,
            available=figures.available,
            expenditure=figures.expenditure,
            funding_gap=figures.funding_gap,
        )


@strawberry.type(
    description="Required, available and spent resources and the funding gap, in total and "
    "by year, summed over the sub-outputs beneath (each counted once). A total is null when "
    "no sub-output states it; a year is listed when any sub-output states a figure for it, "
    "and a blank cell in such a year counts as 0."
)
class Budget:
    required: float | None
    available: float | None
    expenditure: float | None
    funding_gap: float | None = strawberry.field(
        description=_GAP + " A missing available figure counts as nothing available; null "
        "when nothing is required."
    )
    years: list[BudgetYear] = strawberry.field(
        metadata=size(6), description="By year, oldest first."
    )

    @classmethod
    def of(cls, figures: budget.Budget) -> Budget:
        return cls(
            required=figures.required,
            available=figures.available,
            expenditure=figures.expenditure,
            funding_gap=figures.funding_gap,
            years=[BudgetYear.of(year) for year in figures.years],
        )
