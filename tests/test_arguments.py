"""Arguments that name nothing in the graph are GraphQL errors saying so;
body ids match whatever their case."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from api.app import create_app
from tests.conftest import STORES, StoreFactory, load_all

Post = Callable[[str], dict[str, Any]]


@pytest.fixture(scope="module", params=STORES)
def post(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Post]:
    """POST a query to an API over the reference data and the demo; the whole response."""
    factory = StoreFactory(request.param, tmp_path_factory.mktemp(request.param), request)
    store = factory.demo(samples=False)
    with TestClient(create_app(store)) as client:

        def go(query: str) -> dict[str, Any]:
            response = client.post("/graphql", json={"query": query})
            assert response.status_code == 200, response.text
            body: dict[str, Any] = response.json()
            return body

        yield go


UNKNOWN_COUNTRY = [
    '{ sdgCoverage(country: "XXX") { uncoveredGoals { code } } }',
    '{ outcomes(country: "XXX") { id } }',
    '{ bodies(country: "XXX") { id } }',
    '{ agencies(country: "XXX") { id } }',
    '{ conformance(country: "XXX") { rule } }',
    '{ bodiesConnection(country: "XXX") { totalCount } }',
    '{ outcomesConnection(country: "XXX") { totalCount } }',
    '{ agenciesConnection(country: "XXX") { totalCount } }',
    '{ conformanceReport(country: "XXX") { __typename } }',
]


@pytest.mark.parametrize("query", UNKNOWN_COUNTRY)
def test_unknown_country_is_an_error(post: Post, query: str) -> None:
    body = post(query)
    assert body["data"] is None
    (error,) = body["errors"]
    assert "no country 'XXX' in the graph" in error["message"]


def test_known_country_in_any_case(post: Post) -> None:
    body = post('{ a: bodies(country: "vnm") { id } b: bodies(country: "VNM") { id } }')
    assert "errors" not in body
    assert body["data"]["a"] == body["data"]["b"] != []
    coverage = post('{ sdgCoverage(country: "khm") { uncoveredGoals { code } } }')
    assert "errors" not in coverage
    assert len(coverage["data"]["sdgCoverage"]["uncoveredGoals"]) < 17


def test_body_ids_match_ignoring_case(post: Post) -> None:
    body = post(
        '{ a: body(id: "vnm-drr-jrg") { id } b: body(id: "VNM-DRR-JRG") { id } '
        'c: body(id: "NO-SUCH-BODY") { id } '
        'line: reportingLine(from: "vnm-drr-jrg") { id } '
        'exact: reportingLine(from: "VNM-DRR-JRG") { id } }'
    )
    assert "errors" not in body
    data = body["data"]
    assert data["a"] == data["b"] == {"id": "VNM-DRR-JRG"}
    assert data["c"] is None
    assert data["line"] == data["exact"] != []


def test_ids_differing_only_in_case_are_listed(stores: StoreFactory, tmp_path: Path) -> None:
    pack = tmp_path / "tst.yaml"
    pack.write_text(
        "country: {iso3: TST, name: Testland}\n"
        "bodies:\n"
        "  - {id: TST-rg, kind: RESULTS_GROUP, name: One}\n"
        "  - {id: TST-RG, kind: RESULTS_GROUP, name: Two}\n",
        encoding="utf-8",
    )
    store = stores.new()
    load_all(store, [pack])
    with TestClient(create_app(store)) as client:
        body = client.post("/graphql", json={"query": '{ body(id: "tst-Rg") { id } }'}).json()
        exact = client.post("/graphql", json={"query": '{ body(id: "TST-rg") { name } }'}).json()
    (error,) = body["errors"]
    assert "TST-RG, TST-rg" in error["message"]
    assert exact["data"]["body"] == {"name": "One"}
