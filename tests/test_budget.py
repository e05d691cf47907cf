"""graph.budget on its own: how sub-outputs' figures add up (no store)."""

from __future__ import annotations

from typing import Any

from graph.budget import EMPTY, Budget, YearBudget, grouped, total


def sub_output(id: str, **figures: Any) -> dict[str, Any]:  # noqa: A002
    row: dict[str, Any] = dict.fromkeys(
        (
            "required",
            "available",
            "expenditure",
            "budgetYears",
            "requiredByYear",
            "availableByYear",
            "expenditureByYear",
        )
    )
    return {**row, "id": id, **figures}


def test_a_sub_output_listed_twice_counts_once() -> None:
    row = sub_output("S1", required=100.0, available=40.0, expenditure=10.0)
    assert total([row, row]) == Budget(100.0, 40.0, 10.0, ())
    assert total([row, row]).funding_gap == 60.0


def test_totals_are_null_only_when_no_sub_output_states_them() -> None:
    budget = total([sub_output("S1", required=5.0), sub_output("S2")])
    assert (budget.required, budget.available, budget.expenditure) == (5.0, None, None)
    assert budget.funding_gap == 5.0  # nothing stated available: all of it is missing
    assert total([sub_output("S1")]).funding_gap is None
    assert total([]) is EMPTY


def test_years_are_summed_across_sub_outputs_in_order() -> None:
    first = sub_output(
        "S1",
        budgetYears=[2021, 2022],
        requiredByYear=[10.0, 20.0],
        availableByYear=[5.0, 20.0],
        expenditureByYear=[1.0, 0.0],
    )
    second = sub_output(
        "S2",
        budgetYears=[2020, 2022],
        requiredByYear=[7.0, 0.5],
        availableByYear=[0.0, 0.25],
        expenditureByYear=[0.0, 0.0],
    )
    years = total([second, first]).years
    assert years == (
        YearBudget(2020, 7.0, 0.0, 0.0),
        YearBudget(2021, 10.0, 5.0, 1.0),
        YearBudget(2022, 20.5, 20.25, 0.0),
    )
    assert [y.funding_gap for y in years] == [7.0, 5.0, 0.25]


def test_sums_drop_binary_noise_but_keep_sub_cent_figures() -> None:
    rows = [sub_output(f"S{i}", required=0.1) for i in range(3)]
    assert total(rows).required == 0.3  # not 0.30000000000000004
    assert total([sub_output("S1", required=1.425)]).required == 1.425


def test_grouped_by_owner() -> None:
    rows = [
        {**sub_output("S1", required=1.0), "owner": "A"},
        {**sub_output("S2", required=2.0), "owner": "A"},
        {**sub_output("S1", required=1.0), "owner": "B"},
    ]
    budgets = grouped(rows)
    assert budgets["A"].required == 3.0
    assert budgets["B"].required == 1.0
