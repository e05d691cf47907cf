"""africa_water.xlsx separates SDG goals with `; ` (the CSV exports use `, `):
every goal named must reach the outcome, whichever separator the export uses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.conftest import StoreFactory, graphql_client, load_all

UNINFO = Path(__file__).resolve().parent.parent / "loaders" / "data" / "uninfo"

QUERY = '{ outcomes(country: "KEN") { title sdgGoals { code } sdgTargets { code } } }'


def _first_kenya_row() -> tuple[list[str], list[Any]]:
    book = openpyxl.load_workbook(UNINFO / "africa_water.xlsx", read_only=True, data_only=True)
    try:
        values = book.worksheets[0].iter_rows(values_only=True)
        header = [str(h) for h in next(values)]
        for row in values:
            if row[header.index("Country")] == "Kenya":
                return header, list(row)
    finally:
        book.close()
    raise AssertionError("no Kenya row")


@pytest.mark.parametrize("separator", [", ", "; "])
def test_goals_after_any_separator(stores: StoreFactory, tmp_path: Path, separator: str) -> None:
    header, row = _first_kenya_row()
    row[header.index("SDG Goals")] = separator.join(
        ["1 No Poverty", "3 Good Health and Well-being", "6 Clean Water and Sanitation"]
    )
    row[header.index("SDG Targets")] = "-"
    row[header.index("Outcome")] = "A test outcome"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(header)
    sheet.append(row)
    path = tmp_path / "kenya.xlsx"
    book.save(path)

    store = stores.new()
    load_all(store, [path])
    for query in graphql_client(store):
        outcomes = query(QUERY)["outcomes"]
        assert len(outcomes) == 1
        assert outcomes[0]["title"] == "A test outcome"
        assert outcomes[0]["sdgTargets"] == []
        assert {g["code"] for g in outcomes[0]["sdgGoals"]} == {"1", "3", "6"}
