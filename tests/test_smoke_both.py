from __future__ import annotations

from tests.conftest import GraphQL


def test_reporting_line_and_chair(demo_api: GraphQL) -> None:
    data = demo_api('{ reportingLine(from: "VNM-DRR-JRG") { id kind } body(id: "VNM-DRR-JRG") { chair { id } } }')
    assert data["reportingLine"][-1]["kind"] == "STEERING_COMMITTEE"
    assert data["body"]["chair"]["id"] == "UNICEF"
