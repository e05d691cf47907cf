"""Acceptance: the API's answers about UN INFO data equal answers computed here,
independently, from the export files themselves (csv + openpyxl, no loaders.*).

The demo packs also hold outcomes for KHM and VNM; they are read here from the
YAML files so the expected answers cover everything the store holds.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from graph.repository import Graph
from graph.store import GraphStore
from loaders import load
from tests.conftest import GraphQL, StoreFactory, load_all, run

ROOT = Path(__file__).resolve().parent.parent
UNINFO = ROOT / "loaders" / "data" / "uninfo"
DEMO = ROOT / "loaders" / "data" / "demo"

COUNTRIES = {
    "Jordan": "JOR",
    "Cambodia": "KHM",
    "Albania": "ALB",
    "Pacific": "XPA",
    "Viet Nam": "VNM",
    "Turkiye": "TUR",
    "Lao PDR": "LAO",
    "Kenya": "KEN",
}
ALIASES = {
    "UN Women": "UN-Women",
    "UN-HABITAT": "UN-Habitat",
    "UN ESCAP": "ESCAP",
    "UN DESA": "DESA",
    "World Bank": "WORLD BANK GROUP",
    "UN RCO": "DCO",
}
UNTITLED = "(untitled in UN INFO)"
ALL_GOALS = {str(n) for n in range(1, 18)}

GOAL_RE = re.compile(r"(?:^|[,;]\s*)(\d{1,2})\s+(?=[A-Z])")
TARGET_RE = re.compile(r"(?:^|[,;]\s*)(\d{1,2})\.(\d{1,2}|[a-z])\s+(?=[A-Z0-9])")


def clean(value: Any) -> str:
    text = " ".join(str("" if value is None else value).split())
    return "" if text == "-" else text


def code(value: Any) -> str:
    return clean(value).replace(" ", "").rstrip(".")


def goals_of(goals_cell: Any, targets_cell: Any) -> set[str]:
    goals = set(GOAL_RE.findall(clean(goals_cell)))
    goals |= {goal for goal, _ in TARGET_RE.findall(clean(targets_cell))}
    return goals


def agencies_of(cell: Any) -> set[str]:
    names = (n.strip() for n in re.split(r"[;,]", clean(cell)))
    return {ALIASES.get(n, n) for n in names if n and n != "-"}


def export_rows() -> Iterator[dict[str, Any]]:
    for path in sorted(UNINFO.glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            yield from csv.DictReader(handle)
    book = openpyxl.load_workbook(UNINFO / "africa_water.xlsx", read_only=True, data_only=True)
    try:
        values = book.worksheets[0].iter_rows(values_only=True)
        header = [str(h) for h in next(values)]
        for row in values:
            if any(v not in (None, "") for v in row):
                yield dict(zip(header, row, strict=False))
    finally:
        book.close()


@dataclass
class Expected:
    framework: str
    title: str
    agencies: set[str] = field(default_factory=set)
    goals: set[str] = field(default_factory=set)

    @property
    def key(self) -> tuple[str, str]:
        return self.framework, self.title


@cache
def expected() -> dict[str, dict[tuple[str, ...], Expected]]:
    """iso3 -> outcome identity -> what the files say about it."""
    seen: set[str] = set()
    result: dict[str, dict[tuple[str, ...], Expected]] = {iso3: {} for iso3 in COUNTRIES.values()}
    packs = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(DEMO.glob("*.yaml"))]
    # A plan a demo pack names (`uninfo_plan:`) is that pack's framework.
    same_plan = {
        pack["framework"]["uninfo_plan"]: pack["framework"]["title"]
        for pack in packs
        if pack.get("framework", {}).get("uninfo_plan")
    }
    for row in export_rows():
        uninfo_id = clean(row["ID"])
        if uninfo_id in seen:
            continue
        seen.add(uninfo_id)
        iso3 = COUNTRIES.get(clean(row["Country"]))
        if iso3 is None:
            continue
        plan = clean(row["Plan name"])
        plan = same_plan.get(plan, plan)
        identity = (plan, code(row["Strategic priority code"]), code(row["Outcome code"]))
        outcome = result[iso3].setdefault(
            identity, Expected(plan, clean(row["Outcome"]) or UNTITLED)
        )
        outcome.agencies |= agencies_of(row["Agency abbreviations"])
        outcome.goals |= goals_of(row["SDG Goals"], row["SDG Targets"])
    for pack in packs:
        iso3 = pack["country"]["iso3"]
        if iso3 not in result:
            continue
        for item in pack.get("outcomes", []):
            goals = {str(g) for g in item.get("sdg_goals", [])}
            goals |= {str(t).split(".")[0] for t in item.get("sdg_targets", [])}
            result[iso3][("demo", item["id"])] = Expected(
                pack["framework"]["title"],
                item["title"],
                {ALIASES.get(a, a) for a in item.get("contributors", [])},
                goals,
            )
    return result


OUTCOMES = """
query ($country: ID!, $without: Boolean) {
  outcomes(country: $country, withoutSdg: $without) {
    id code title framework { title }
    contributors(via: [DIRECT]) { agency { id } }
    sdgGoals { code }
  }
}"""

COVERAGE = """
query ($country: ID!) {
  sdgCoverage(country: $country) {
    uncoveredGoals { code }
    goals { goal { code } outcomes { id } }
    outcomesWithoutSdg { id }
  }
}"""


def api_outcomes(demo_api: GraphQL, iso3: str, without: bool | None = None) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = demo_api(OUTCOMES, country=iso3, without=without)["outcomes"]
    return rows


def key(outcome: dict[str, Any]) -> tuple[str, str]:
    return outcome["framework"]["title"], outcome["title"]


def matched(demo_api: GraphQL, iso3: str) -> list[tuple[Expected, dict[str, Any]]]:
    """Pairs (expected, API outcome), matched by (framework title, outcome title)."""
    want = list(expected()[iso3].values())
    got = api_outcomes(demo_api, iso3)
    assert len(got) == len(want), (sorted(key(o) for o in got), sorted(e.key for e in want))
    by_key = {key(o): o for o in got}
    assert len(by_key) == len(got), "two API outcomes share a framework and title"
    assert sorted(by_key) == sorted(e.key for e in want)
    return [(e, by_key[e.key]) for e in want]


@pytest.fixture(params=sorted(COUNTRIES.values()))
def iso3(request: pytest.FixtureRequest) -> str:
    value: str = request.param
    return value


def test_oracle_sees_every_tested_country() -> None:
    for iso3, outcomes in expected().items():
        assert outcomes, iso3


def test_same_outcomes(demo_api: GraphQL, iso3: str) -> None:
    matched(demo_api, iso3)


def test_direct_contributors(demo_api: GraphQL, iso3: str) -> None:
    for want, got in matched(demo_api, iso3):
        agencies = {c["agency"]["id"] for c in got["contributors"]}
        assert agencies == want.agencies, want.key


def test_sdg_goals_per_outcome(demo_api: GraphQL, iso3: str) -> None:
    for want, got in matched(demo_api, iso3):
        assert {g["code"] for g in got["sdgGoals"]} == want.goals, want.key


def test_without_sdg(demo_api: GraphQL, iso3: str) -> None:
    pairs = matched(demo_api, iso3)
    ids = {got["id"]: want for want, got in pairs}
    without = {o["id"] for o in api_outcomes(demo_api, iso3, without=True)}
    with_sdg = {o["id"] for o in api_outcomes(demo_api, iso3, without=False)}
    assert without == {i for i, want in ids.items() if not want.goals}
    assert with_sdg == {i for i, want in ids.items() if want.goals}


def test_sdg_coverage(demo_api: GraphQL, iso3: str) -> None:
    pairs = matched(demo_api, iso3)
    coverage = demo_api(COVERAGE, country=iso3)["sdgCoverage"]
    covered = set().union(*(want.goals for want, _ in pairs))
    assert {g["code"] for g in coverage["uncoveredGoals"]} == ALL_GOALS - covered
    serving = {g["goal"]["code"]: {o["id"] for o in g["outcomes"]} for g in coverage["goals"]}
    assert set(serving) == ALL_GOALS
    for goal in ALL_GOALS:
        assert serving[goal] == {got["id"] for want, got in pairs if goal in want.goals}, goal
    assert {o["id"] for o in coverage["outcomesWithoutSdg"]} == {
        got["id"] for want, got in pairs if not want.goals
    }


def test_dedupe_rule_is_exercised() -> None:
    """The exports overlap (rows with the same ID in two files), so dedupe matters."""
    ids = [clean(row["ID"]) for row in export_rows()]
    assert len(ids) > len(set(ids))


def _size(store: GraphStore) -> tuple[int, int]:
    async def go() -> tuple[int, int]:
        try:
            await store.setup()
            return await Graph(store).size()
        finally:
            await store.close()

    result: tuple[int, int] = run(go())
    return result


def test_load_order_does_not_matter(stores: StoreFactory) -> None:
    files = sorted(UNINFO.iterdir())
    files = [p for p in files if p.suffix in (".csv", ".xlsx")]
    assert len(files) == 6
    assert files == load.sample_exports()
    store = stores.demo()  # the demo packs, then the exports in this order
    forward = _size(store)
    load_all(store, files)  # twice: nothing changes
    assert _size(store) == forward
    del store
    store = stores.new()
    load_all(store, list(reversed(files)), demo=True)
    assert _size(store) == forward
    assert forward[0] > 0 and forward[1] > 0
