"""Metrics on /metrics and the JSON request log, on both stores."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from api import logs
from api.app import create_app
from api.metrics import MAX_OPERATIONS
from graph.settings import Settings
from tests.conftest import StoreFactory, load_all


@pytest.fixture
def client(stores: StoreFactory) -> Iterator[TestClient]:
    store = stores.new()
    load_all(store, [])
    with TestClient(create_app(store, Settings())) as c:
        yield c


def _sample(text: str, name: str, **labels: str) -> float:
    total = 0.0
    for line in text.splitlines():
        match = re.match(rf"^{re.escape(name)}(?:{{([^}}]*)}})? (\S+)$", line)
        if not match:
            continue
        found = dict(re.findall(r'(\w+)="([^"]*)"', match.group(1) or ""))
        if all(found.get(k) == v for k, v in labels.items()):
            total += float(match.group(2))
    return total


def test_metrics_count_requests_operations_store_work_and_refusals(client: TestClient) -> None:
    for _ in range(3):
        ok = client.post("/graphql", json={"query": "query Goals { sdgGoals { code } }"})
        assert ok.status_code == 200
    client.post(
        "/graphql",
        json={
            "query": "{ outcomes { contributors { agency { outcomes "
            "{ contributors { agency { id } } } } } } }"
        },
    )
    client.post("/graphql", json={"query": "{ nope }"})
    client.post("/graphql", content=b"x" * 2_000_000, headers={"content-type": "application/json"})

    response = client.get("/metrics")
    assert response.headers["content-type"].startswith("text/plain")
    text = response.text
    assert _sample(text, "unct_graph_requests_total", endpoint="/graphql", status="200") >= 5
    assert _sample(text, "unct_graph_requests_total", endpoint="/graphql", status="413") == 1
    assert _sample(text, "unct_graph_request_seconds_count", operation="Goals") == 3
    assert _sample(text, "unct_graph_operation_slowest_seconds", operation="Goals") > 0
    assert _sample(text, "unct_graph_store_round_trips_sum") >= 3
    assert _sample(text, "unct_graph_store_seconds_count") >= 5
    assert _sample(text, "unct_graph_refused_total", limit="COST_LIMIT") == 1
    assert _sample(text, "unct_graph_refused_total", limit="BODY_TOO_LARGE") == 1
    assert _sample(text, "unct_graph_errors_total", kind="INVALID_QUERY") == 1
    assert _sample(text, "unct_graph_query_cost_count") >= 3
    assert "unct_graph_in_flight" in text


def test_operation_names_cannot_grow_the_metrics(client: TestClient) -> None:
    for i in range(MAX_OPERATIONS + 50):
        client.post("/graphql", json={"query": f"query Op{i} {{ sdgGoals {{ code }} }}"})
    client.post("/graphql", json={"query": "{ sdgGoals { code } }", "operationName": "x" * 500})
    text = client.get("/metrics").text
    names = set(re.findall(r'unct_graph_request_seconds_count\{operation="([^"]*)"\}', text))
    assert len(names) <= MAX_OPERATIONS + 2  # + "other" + "anonymous"
    assert _sample(text, "unct_graph_request_seconds_count", operation="other") >= 50


def test_the_log_has_one_json_line_per_request_and_never_the_body(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "DO-NOT-LOG-" + "z" * 5_000
    query = "query Leak($s: String) { outcomes(title: $s) { id } nope }"
    with caplog.at_level(logging.INFO, logger="unct_graph"):
        response = client.post(
            "/graphql",
            json={"query": query, "variables": {"s": secret}},
            headers={"X-Request-ID": "req-42"},
        )
    assert response.headers["X-Request-ID"] == "req-42"
    lines = [r for r in caplog.records if r.name == "unct_graph.requests"]
    assert len(lines) == 1
    entry = lines[0]
    assert entry.request_id == "req-42"  # type: ignore[attr-defined]
    assert entry.operation == "Leak"  # type: ignore[attr-defined]
    assert entry.body_bytes > 5_000  # type: ignore[attr-defined]
    assert len(entry.body_sha256) == 16  # type: ignore[attr-defined]
    assert all("DO-NOT-LOG" not in r.getMessage() for r in caplog.records)
    line = json.loads(logs.json_handler().format(entry))
    assert line["request_id"] == "req-42" and line["status"] == 200
    assert "DO-NOT-LOG" not in json.dumps(line)


def test_a_request_id_is_made_when_none_or_a_bad_one_is_given(client: TestClient) -> None:
    made = client.get("/health").headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", made)
    bad = client.get("/health", headers={"X-Request-ID": "x" * 500 + "\n"}).headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", bad)
