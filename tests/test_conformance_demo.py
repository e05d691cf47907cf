"""The demo's conformance findings, as README lists them, are what the service answers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import GraphQL

README = Path(__file__).resolve().parents[1] / "README.md"


def readme_findings(iso3: str) -> list[str]:
    text = README.read_text(encoding="utf-8")
    block = re.search(
        rf"\$ unct-graph conformance {iso3} --as-of 2021-06-30\n(.*?)\n(?:\$|```)", text, re.S
    )
    assert block, f"README lists no findings for {iso3}"
    return block.group(1).splitlines()[1:]


@pytest.mark.parametrize("iso3", ["VNM", "KHM"])
def test_readme_lists_the_demo_findings(demo_api: GraphQL, iso3: str) -> None:
    data = demo_api(
        'query($c: ID!) { conformanceReport(country: $c, asOf: "2021-06-30") '
        "{ score findings { rule severity message subjects source { document passage } } } }",
        c=iso3,
    )["conformanceReport"]
    lines = [f"{f['severity']:<7} {f['rule']}: {f['message']}" for f in data["findings"]]
    assert lines == readme_findings(iso3)
    assert all(f["subjects"] and f["source"]["passage"] for f in data["findings"])


def test_summary_covers_every_country(demo_api: GraphQL) -> None:
    data = demo_api(
        '{ conformanceSummary(asOf: "2021-06-30") { iso3 score rulesChecked rulesPassed } '
        "countries { iso3 } }"
    )
    summary = {r["iso3"]: r for r in data["conformanceSummary"]}
    assert set(summary) == {c["iso3"] for c in data["countries"]}
    for report in summary.values():
        assert 0 <= report["score"] <= 1
        assert report["rulesPassed"] <= report["rulesChecked"]
    assert summary["KHM"]["score"] == pytest.approx(
        summary["KHM"]["rulesPassed"] / summary["KHM"]["rulesChecked"]
    )
