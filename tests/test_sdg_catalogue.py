"""The SDG catalogue served over GraphQL is the bundled CSVs, row for row, and
the bundled CSVs are UNSD's workbook as published (footnote markers dropped)."""

from __future__ import annotations

import csv
import importlib.util
import re
from pathlib import Path

import pytest

from tests.conftest import GraphQL

ROOT = Path(__file__).resolve().parent.parent
SDG = ROOT / "loaders" / "data" / "sdg"
# ../shared beside the checkout (or beside the folder of worktrees).
_NAME = "Global-Indicator-Framework-after-2025-review-English.xlsx"
WORKBOOKS = [folder / "shared" / "data" / "sdg" / _NAME for folder in ROOT.parents[:2]]
WORKBOOK = next((p for p in WORKBOOKS if p.exists()), WORKBOOKS[0])
CATALOGUE = """{ sdgGoals { code title targets { code title
    indicators { code unsdCode title } } } }"""
# A footnote marker glued to a word: "impacts3", "speed4" (not "CO2", "PM2.5", "PM10").
GLUED_MARKER = re.compile(r"(?<!\bCO)(?<!\bPM)(?<=[a-z\)])\d+(?=[\s,.;:]|$)")


def _csv(name: str) -> list[dict[str, str]]:
    with (SDG / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _spaced(text: str) -> str:
    return " ".join(text.split())


def test_served_catalogue_is_the_bundled_csvs(demo_api: GraphQL) -> None:
    goals = demo_api(CATALOGUE)["sdgGoals"]
    served_goals = [(g["code"], g["title"]) for g in goals]
    served_targets = [(t["code"], g["code"], t["title"]) for g in goals for t in g["targets"]]
    # A repeated indicator is one node with the title of its first listing;
    # UNSD spells a few repeats with a plain space where the first has a
    # non-breaking one, so indicator titles are compared space-normalised.
    served_indicators = [
        (i["code"], t["code"], g["code"], i["unsdCode"], _spaced(i["title"]))
        for g in goals
        for t in g["targets"]
        for i in t["indicators"]
    ]
    assert served_goals == [(r["code"], r["title"]) for r in _csv("sdg_gif_2025_goals.csv")]
    assert served_targets == [
        (r["code"], r["goal"], r["title"]) for r in _csv("sdg_gif_2025_targets.csv")
    ]
    listed = [
        (r["code"], r["target"], r["goal"], r["unsd_code"], _spaced(r["title"]))
        for r in _csv("sdg_gif_2025_indicators.csv")
    ]
    assert served_indicators == listed
    assert (len(served_goals), len(served_targets), len(served_indicators)) == (17, 169, 251)
    assert len({i[3] for i in served_indicators}) == 235


def test_a_repeated_indicator_keeps_its_code_under_each_target(demo_api: GraphQL) -> None:
    data = demo_api(
        '{ a: sdgTarget(code: "1.5") { indicators { code unsdCode } } '
        'b: sdgTarget(code: "13.1") { indicators { code unsdCode } } }'
    )
    assert [i["code"] for i in data["a"]["indicators"]] == ["1.5.1", "1.5.2", "1.5.3", "1.5.4"]
    assert {"code": "13.1.1", "unsdCode": "C200303"} in data["b"]["indicators"]
    assert {"code": "1.5.1", "unsdCode": "C200303"} in data["a"]["indicators"]


@pytest.mark.parametrize(
    "name", ["sdg_gif_2025_goals.csv", "sdg_gif_2025_targets.csv", "sdg_gif_2025_indicators.csv"]
)
def test_no_footnote_marker_is_glued_to_a_title(name: str) -> None:
    glued = [(r["code"], r["title"][-30:]) for r in _csv(name) if GLUED_MARKER.search(r["title"])]
    assert glued == []
    assert GLUED_MARKER.search("climate change and its impacts3")
    assert not GLUED_MARKER.search("CO2 emission per unit of value added; PM2.5 and PM10")


@pytest.mark.skipif(not WORKBOOK.exists(), reason="UNSD's workbook is not beside the repo")
def test_bundled_csvs_are_the_workbook_as_published(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location(
        "sdg_catalogue", ROOT / "tools" / "sdg_catalogue.py"
    )
    assert spec and spec.loader
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    script.OUT = tmp_path
    script.main(WORKBOOK)
    for path in sorted(SDG.glob("*.csv")):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name
