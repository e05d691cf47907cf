"""Acceptance: the Common Budgetary Framework served by the API agrees to the
cent with sums computed here, straight from the six real UN INFO exports
(csv + openpyxl, no loaders.*), for every outcome, every framework and every
agency in a country, in total and by year.

A sub-output is counted once however many exports repeat it and however many
agencies deliver it: UN INFO does not split a sub-output's figures by agency.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

import pytest

from tests.conftest import GraphQL
from tests.test_uninfo_oracle import ALIASES, clean, code, export_rows

CENT = Decimal("0.005")
TOTALS = {
    "required": "Total required resources",
    "available": "Total available resources",
    "expenditure": "Total expenditure resources",
}
YEAR_COLUMN = re.compile(r"^(\d{4}) (Required|Available|Expenditure)$")


def amount(value: Any) -> Decimal | None:
    text = clean(value).replace(",", "")
    return Decimal(text) if text else None


@dataclass
class SubOutputFigures:
    """What one export row states about money."""

    country: str
    outcome: tuple[str, ...]
    framework: tuple[str, ...]
    agencies: set[str]
    totals: dict[str, Decimal | None]
    # year -> figure name -> amount; a year is present when any of its cells is
    # filled, and a blank cell in such a year counts as 0
    years: dict[int, dict[str, Decimal]]


def figures(row: dict[str, Any]) -> SubOutputFigures:
    years: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for column, value in row.items():
        match = YEAR_COLUMN.match(" ".join(str(column).split()))
        number = amount(value) if match else None
        if match and number is not None:
            years[int(match[1])][match[2].lower()] = number
    country, plan = clean(row["Country"]), clean(row["Plan name"])
    names = (n.strip() for n in re.split(r"[;,]", clean(row["Agency abbreviations"])))
    return SubOutputFigures(
        country=country,
        outcome=(country, plan, code(row["Strategic priority code"]), code(row["Outcome code"])),
        framework=(country, plan),
        agencies={ALIASES.get(n, n) for n in names if n and n != "-"},
        totals={name: amount(row.get(column)) for name, column in TOTALS.items()},
        years=dict(years),
    )


@cache
def sub_outputs() -> dict[str, SubOutputFigures]:
    """UN INFO ID -> its figures; the first row wins (repeats state the same)."""
    found: dict[str, SubOutputFigures] = {}
    for row in export_rows():
        found.setdefault(f"UNINFO-{clean(row['ID'])}", figures(row))
    return found


@dataclass
class Expected:
    required: Decimal | None = None
    available: Decimal | None = None
    expenditure: Decimal | None = None
    years: dict[int, dict[str, Decimal]] = field(default_factory=dict)


def summed(ids: Iterable[str]) -> Expected:
    result = Expected()
    for sub_output in (sub_outputs()[i] for i in set(ids)):
        for name, value in sub_output.totals.items():
            if value is not None:
                setattr(result, name, (getattr(result, name) or Decimal(0)) + value)
        for year, cells in sub_output.years.items():
            sums = result.years.setdefault(year, dict.fromkeys(TOTALS, Decimal(0)))
            for name in TOTALS:
                sums[name] += cells.get(name, Decimal(0))
    return result


def to_the_cent(got: float | None, want: Decimal | None) -> bool:
    if got is None or want is None:
        return got is None and want is None
    return abs(Decimal(repr(got)) - want) < CENT


def assert_totals(got: dict[str, Any], want: Expected, what: object) -> None:
    for name in TOTALS:
        assert to_the_cent(got[name], getattr(want, name)), (what, name, got[name])
    gap = None if want.required is None else want.required - (want.available or Decimal(0))
    assert to_the_cent(got["fundingGap"], gap), (what, "fundingGap", got["fundingGap"])


def assert_budget(got: dict[str, Any], want: Expected, what: object) -> None:
    assert_totals(got, want, what)
    assert [y["year"] for y in got["years"]] == sorted(want.years), (what, got["years"])
    for year in got["years"]:
        sums = want.years[year["year"]]
        for name in TOTALS:
            assert to_the_cent(year[name], sums[name]), (what, year["year"], name)
        gap = sums["required"] - sums["available"]
        assert to_the_cent(year["fundingGap"], gap), (what, year["year"], "fundingGap")


FIGURES = "required available expenditure fundingGap"
BUDGET = f"{{ {FIGURES} years {{ year {FIGURES} }} }}"
# Three modest queries per country (each well inside a cost limit that
# counts 25 items for every list).
OUTCOMES = f"""
query ($iso3: ID!) {{
  outcomes(country: $iso3) {{
    id budget {BUDGET} subOutputs {{ id }}
    framework {{ id budget {BUDGET} }}
  }}
}}"""
CONTRIBUTORS = f"""
query ($iso3: ID!) {{
  outcomes(country: $iso3) {{
    id contributors(via: [DIRECT]) {{ agency {{ id }} budget {{ {FIGURES} }} }}
  }}
}}"""
AGENCIES = f"""
query ($iso3: ID!) {{ agencies(country: $iso3) {{ id budget(country: $iso3) {BUDGET} }} }}"""


@dataclass
class Served:
    """What the API says, country by country."""

    outcomes: dict[str, dict[str, Any]] = field(default_factory=dict)
    sub_outputs_of: dict[str, set[str]] = field(default_factory=dict)
    frameworks: dict[str, dict[str, Any]] = field(default_factory=dict)
    country_of: dict[str, str] = field(default_factory=dict)  # sub-output id -> iso3
    of_country: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    agencies: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)


@pytest.fixture(scope="module")
def served(demo_api: GraphQL) -> Served:
    result = Served()
    for country in demo_api("{ countries { iso3 } }")["countries"]:
        iso3 = country["iso3"]
        for outcome in demo_api(OUTCOMES, iso3=iso3)["outcomes"]:
            ids = {s["id"] for s in outcome["subOutputs"]}
            result.outcomes[outcome["id"]] = outcome
            result.sub_outputs_of[outcome["id"]] = ids
            result.frameworks[outcome["framework"]["id"]] = outcome["framework"]
            result.country_of.update(dict.fromkeys(ids, iso3))
            result.of_country[iso3].add(outcome["id"])
        for outcome in demo_api(CONTRIBUTORS, iso3=iso3)["outcomes"]:
            result.outcomes[outcome["id"]]["contributors"] = outcome["contributors"]
        for agency in demo_api(AGENCIES, iso3=iso3)["agencies"]:
            result.agencies[(iso3, agency["id"])] = agency["budget"]
    return result


def test_every_sub_output_is_served_once(served: Served) -> None:
    all_ids = [i for ids in served.sub_outputs_of.values() for i in ids]
    assert len(all_ids) == len(set(all_ids))
    assert set(all_ids) == set(sub_outputs())


def test_every_outcome_to_the_cent(served: Served) -> None:
    by_outcome: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for sub_output, found in sub_outputs().items():
        by_outcome[found.outcome].add(sub_output)
    owner = {i: outcome for outcome, ids in served.sub_outputs_of.items() for i in ids}
    checked = set()
    for identity, ids in by_outcome.items():
        outcome = owner[next(iter(ids))]
        assert served.sub_outputs_of[outcome] == ids, identity  # the same grouping
        assert_budget(served.outcomes[outcome]["budget"], summed(ids), identity)
        checked.add(outcome)
    assert len(checked) == len(by_outcome) > 300
    for outcome in set(served.outcomes) - checked:  # the demo packs' outcomes
        assert served.sub_outputs_of[outcome] == set()
        assert_budget(served.outcomes[outcome]["budget"], Expected(), outcome)


@pytest.fixture(scope="module")
def agency_ids(demo_api: GraphQL) -> dict[str, str]:
    """Each agency name the exports write -> the agency the API resolves it to."""
    names = {name for found in sub_outputs().values() for name in found.agencies}
    resolved = {}
    for name in sorted(names):
        agency = demo_api("query ($id: ID!) { agency(id: $id) { id } }", id=name)["agency"]
        assert agency, name
        resolved[name] = agency["id"]
    return resolved


def delivered_by(sub_output: str, agency_ids: dict[str, str]) -> set[str]:
    return {agency_ids[name] for name in sub_outputs()[sub_output].agencies}


def test_every_contributor_to_the_cent(served: Served, agency_ids: dict[str, str]) -> None:
    """A cell of the contribution matrix: what an agency delivers beneath an outcome."""
    for outcome, ids in served.sub_outputs_of.items():
        for contributor in served.outcomes[outcome]["contributors"]:
            agency = contributor["agency"]["id"]
            mine = {i for i in ids if agency in delivered_by(i, agency_ids)}
            assert_totals(contributor["budget"], summed(mine), (outcome, agency))


def test_every_framework_to_the_cent(served: Served) -> None:
    by_framework: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for sub_output, found in sub_outputs().items():
        by_framework[found.framework].add(sub_output)
    framework_of = {
        i: served.outcomes[o]["framework"]["id"]
        for o, ids in served.sub_outputs_of.items()
        for i in ids
    }
    for identity, ids in by_framework.items():
        framework = served.frameworks[framework_of[next(iter(ids))]]
        assert_budget(framework["budget"], summed(ids), identity)


def test_every_agency_in_a_country_to_the_cent(served: Served, agency_ids: dict[str, str]) -> None:
    delivered: dict[tuple[str, str], set[str]] = defaultdict(set)
    for sub_output in sub_outputs():
        for agency in delivered_by(sub_output, agency_ids):
            delivered[(served.country_of[sub_output], agency)].add(sub_output)
    assert set(delivered) <= set(served.agencies)
    for pair, got in served.agencies.items():
        assert_budget(got, summed(delivered.get(pair, set())), pair)
    assert len(delivered) > 500


def test_funding_gap_ranks_outcomes(demo_api: GraphQL, served: Served) -> None:
    ranked = demo_api(f'{{ fundingGap(country: "KHM", first: 100) {{ id budget {BUDGET} }} }}')[
        "fundingGap"
    ]
    khm = {o for o in served.of_country["KHM"] if served.sub_outputs_of[o]}
    assert {o["id"] for o in ranked} == khm
    gaps = [o["budget"]["fundingGap"] for o in ranked]
    assert gaps == sorted(gaps, reverse=True)
    for outcome in ranked:
        assert outcome["budget"] == served.outcomes[outcome["id"]]["budget"]
    top = demo_api('{ fundingGap(country: "KHM", first: 2) { id } }')["fundingGap"]
    assert [o["id"] for o in top] == [o["id"] for o in ranked[:2]]
