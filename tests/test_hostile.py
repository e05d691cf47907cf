"""Requests as an attacker would send them, against the real app on both stores.

Each must be refused (4xx) or answered with a GraphQL error, quickly, and
never with a 5xx. Memory under the heaviest of them is measured on a real
server process in tests/test_hostile_server.py.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ladybug
import pytest
from graphql import GraphQLError
from starlette.testclient import TestClient

from api import auth, errors
from api.app import create_app
from graph import keys
from graph.deadline import DeadlineExceededError
from graph.embedded import EmbeddedStore
from graph.errors import StoreQueryError, StoreUnavailableError
from graph.neo4j import Neo4jStore
from graph.settings import Settings
from graph.store import GraphStore
from tests.conftest import STORES, StoreFactory

# The query from the report: 110 bytes, well inside the old depth limit,
# that took a server from 1 GiB to 6 GiB.
NESTED = (
    "{ outcomes { contributors { agency { outcomes { contributors { agency "
    "{ outcomes { id } } } } } } } }"
)
DEADLINE = 5.0


@pytest.fixture(scope="module", params=STORES)
def demo_store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> GraphStore:
    factory = StoreFactory(request.param, tmp_path_factory.mktemp("hostile"), request)
    return factory.demo(samples=False)


def _client(store: GraphStore, **settings: Any) -> Iterator[TestClient]:
    with TestClient(create_app(store, Settings(**settings)), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def dev(demo_store: GraphStore) -> Iterator[TestClient]:
    yield from _client(demo_store, UNCT_GRAPH_DEADLINE=DEADLINE)


@pytest.fixture
def prod(demo_store: GraphStore) -> Iterator[TestClient]:
    # Anonymous reads stay on here: these tests are about what production
    # shows to a reader (keys are tested with the auth middleware).
    yield from _client(
        demo_store,
        UNCT_GRAPH_ENV="production",
        UNCT_GRAPH_ANONYMOUS_READ=True,
        UNCT_GRAPH_DEADLINE=DEADLINE,
    )


def _timed(call: Any, *args: Any, **kwargs: Any) -> Any:
    started = time.monotonic()
    response = call(*args, **kwargs)
    assert time.monotonic() - started < DEADLINE, "a hostile request must not outlive the deadline"
    assert response.status_code < 500, response.text[:500]
    return response


def _refused(client: TestClient, body: Any, code: str | set[str]) -> dict[str, Any]:
    response = _timed(client.post, "/graphql", json=body)
    answer: dict[str, Any] = response.json()
    codes = {e.get("extensions", {}).get("code") for e in answer["errors"]}
    assert codes & ({code} if isinstance(code, str) else code), answer
    assert not answer.get("data")
    return answer


def test_the_nested_query_is_refused_by_cost_before_it_runs(dev: TestClient) -> None:
    assert len(NESTED.encode()) < 120
    answer = _refused(dev, {"query": NESTED}, "COST_LIMIT")
    error = answer["errors"][0]
    assert error["extensions"]["cost"] > error["extensions"]["limit"] == 25_000
    assert str(error["extensions"]["cost"]) in error["message"]
    # as a GET, too (GET queries are allowed outside production)
    response = _timed(dev.get, "/graphql", params={"query": NESTED})
    assert response.json()["errors"][0]["extensions"]["code"] == "COST_LIMIT"


def test_500_aliases_are_refused(dev: TestClient) -> None:
    many = " ".join(f"a{i}: outcomes {{ contributors {{ via }} }}" for i in range(500))
    _refused(dev, {"query": "{ " + many + " }"}, {"TOO_MANY_TOKENS", "TOO_MANY_ALIASES"})
    few_tokens = " ".join(f"a{i}: sdgGoals {{ code }}" for i in range(31))
    answer = _refused(dev, {"query": "{ " + few_tokens + " }"}, "TOO_MANY_ALIASES")
    assert "31 aliases" in answer["errors"][0]["message"]


def _reporting(depth: int) -> str:
    # body(1) + reportsTo x (depth - 2) + id(1)
    inner = "id"
    for _ in range(depth - 2):
        inner = f"reportsTo {{ {inner} }}"
    return f'{{ body(id: "VNM-DRR-JRG") {{ {inner} }} }}'


def test_depth_13_is_refused_and_12_is_not(dev: TestClient) -> None:
    answer = _refused(dev, {"query": _reporting(13)}, "TOO_DEEP")
    assert "13 levels" in answer["errors"][0]["message"]
    response = _timed(dev.post, "/graphql", json={"query": _reporting(12)})
    assert "errors" not in response.json(), response.json()


def test_10000_duplicated_directives_are_refused(dev: TestClient) -> None:
    directives = " @include(if: true)" * 10_000
    _refused(
        dev,
        {"query": "{ sdgGoals { code" + directives + " } }"},
        {"DOCUMENT_TOO_LARGE", "TOO_MANY_TOKENS"},
    )
    five = " @include(if: true)" * 5
    _refused(dev, {"query": "{ sdgGoals { code" + five + " } }"}, "TOO_MANY_DIRECTIVES")


def test_fragment_cycles_and_fan_out_are_refused(dev: TestClient) -> None:
    cycle = "{ ...A } fragment A on Query { ...B } fragment B on Query { ...A sdgGoals { code } }"
    answer = _timed(dev.post, "/graphql", json={"query": cycle}).json()
    assert "within itself" in answer["errors"][0]["message"]
    # Ten fragments each spreading the next four times: 4^10 paths if walked naively.
    fragments = [
        f"fragment F{i} on Query {{ " + " ".join([f"...F{i + 1}"] * 4) + " }" for i in range(10)
    ]
    fragments.append("fragment F10 on Query { outcomes { contributors { via } } }")
    _refused(dev, {"query": "{ ...F0 } " + " ".join(fragments)}, "COST_LIMIT")


def test_a_batch_of_100_operations_is_refused(dev: TestClient) -> None:
    batch = [{"query": "{ sdgGoals { code } }"}] * 100
    response = _timed(dev.post, "/graphql", json=batch)
    assert response.status_code == 400


@pytest.mark.parametrize("megabytes", [10, 50])
def test_big_bodies_are_refused_with_413(dev: TestClient, megabytes: int) -> None:
    padding = "x" * (megabytes * 1_000_000)
    body = json.dumps({"query": "{ sdgGoals { code } }", "variables": {"pad": padding}})
    response = _timed(
        dev.post, "/graphql", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "BODY_TOO_LARGE"


def test_a_body_without_length_is_counted_as_it_arrives(dev: TestClient) -> None:
    chunks = (b"x" * 100_000 for _ in range(30))  # 3 MB, streamed (chunked)
    response = _timed(
        dev.post, "/graphql", content=chunks, headers={"content-type": "application/json"}
    )
    assert response.status_code == 413


def test_invalid_utf8_is_a_400(dev: TestClient) -> None:
    body = b'{"query": "{ sdgGoals { code } }", "operationName": "\xff\xfe"}'
    response = _timed(
        dev.post, "/graphql", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert "UTF-8" in response.text


def test_lone_surrogates_in_variables_are_a_400(dev: TestClient) -> None:
    body = (
        '{"query": "query($c: ID!) { country(iso3: $c) { name } }", '
        '"variables": {"c": "VN\\ud800M"}}'
    )
    response = _timed(
        dev.post, "/graphql", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert "Unicode" in response.text


def test_deeply_nested_json_is_a_400(dev: TestClient) -> None:
    body = '{"query": "{ sdgGoals { code } }", "variables": {"v": ' + "[" * 100_000 + "]" * 100_000
    response = _timed(
        dev.post, "/graphql", content=body + "}}", headers={"content-type": "application/json"}
    )
    assert response.status_code == 400


def test_production_refuses_get_queries_and_graphiql(prod: TestClient) -> None:
    response = _timed(prod.get, "/graphql", params={"query": "{ sdgGoals { code } }"})
    assert 400 <= response.status_code < 500
    assert "sdgGoals" not in response.text
    page = _timed(prod.get, "/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 404
    # POST still works
    answer = _timed(prod.post, "/graphql", json={"query": "{ sdgGoals { code } }"}).json()
    assert len(answer["data"]["sdgGoals"]) == 17


def test_production_refuses_anonymous_reads_unless_enabled(demo_store: GraphStore) -> None:
    for client in _client(demo_store, UNCT_GRAPH_ENV="production"):
        response = _timed(client.post, "/graphql", json={"query": "{ sdgGoals { code } }"})
        assert response.status_code == 401


def test_production_refuses_introspection(prod: TestClient) -> None:
    query = "{ __schema { types { name } } }"
    answer = _timed(prod.post, "/graphql", json={"query": query}).json()
    assert answer["errors"] and not answer.get("data")
    assert "introspection" in answer["errors"][0]["message"].lower()
    typename = _timed(prod.post, "/graphql", json={"query": '{ __type(name: "Body") { name } }'})
    assert typename.json()["errors"]


PROBES = [
    "{ sdgGoalz { code } }",
    "{ bodies(kind: RESULTS_GROUPS) { id } }",
    "{ sdgGoals { cod } }",
    '{ body(idd: "x") { id } }',
]


def test_production_gives_no_suggestions(prod: TestClient) -> None:
    for probe in PROBES:
        answer = _timed(prod.post, "/graphql", json={"query": probe}).json()
        assert answer["errors"], probe
        assert "Did you mean" not in json.dumps(answer), answer
    variable = _timed(
        prod.post,
        "/graphql",
        json={
            "query": "query($k: BodyKind) { bodies(kind: $k) { id } }",
            "variables": {"k": "UNC"},
        },
    ).json()
    assert variable["errors"] and "Did you mean" not in json.dumps(variable)


def test_development_keeps_introspection_and_suggestions(dev: TestClient) -> None:
    query = "{ __schema { types { name } } }"
    assert _timed(dev.post, "/graphql", json={"query": query}).json()["data"]["__schema"]
    answer = _timed(dev.post, "/graphql", json={"query": PROBES[0]}).json()
    assert "Did you mean" in answer["errors"][0]["message"]


def test_production_masks_store_details() -> None:
    leaky = [
        StoreUnavailableError("Neo4j is unavailable: Couldn't connect to 10.0.0.7:7687"),
        StoreQueryError("sdg_goals_by_id: Binder exception: Variable g not defined"),
    ]
    for original in leaky:
        error = GraphQLError(str(original), original_error=original)
        shown = errors.public(error, production=True).message
        assert "7687" not in shown and "sdg_goals" not in shown and "Binder" not in shown
        assert errors.public(error, production=False).message == str(original)
    bug = GraphQLError("list index out of range", original_error=IndexError("x"))
    assert errors.public(bug, production=False).message == "internal error"
    ours = DeadlineExceededError(5)
    shown = errors.public(GraphQLError(str(ours), original_error=ours), production=True)
    assert shown.message == str(ours)


def test_production_health_names_no_store() -> None:
    # Nothing listens on port 1: the store is down, and its address must not leak.
    store = Neo4jStore("bolt://127.0.0.1:1", "neo4j", "secret-password")
    app = create_app(store, Settings(UNCT_GRAPH_ENV="production"))
    health = TestClient(app).get("/health")  # no lifespan: the store is never set up
    asyncio.run(store.close())
    assert health.status_code == 503
    assert health.json() == {"status": "unavailable"}


def test_a_key_the_store_cannot_check_is_a_503_that_names_no_store(tmp_path: Path) -> None:
    # A read-only database with no tables fails the key's query, as a full
    # buffer pool fails it under load (a store that is down fails it the
    # same way): a retryable 503 in JSON, not a 500, and no engine text.
    empty = tmp_path / "empty.lbug"
    ladybug.Database(str(empty)).close()
    store = EmbeddedStore(empty, read_only=True)
    app = create_app(store, Settings(UNCT_GRAPH_ENV="production"))
    answer = TestClient(app).post(
        "/graphql",
        json={"query": "{ sdgGoals { code } }"},
        headers={"Authorization": f"Bearer {keys.PREFIX}not-a-key"},
    )
    asyncio.run(store.close())
    assert answer.status_code == 503, answer.text
    assert answer.headers["retry-after"] == "1"
    assert answer.json()["errors"] == [{"message": auth.KEYS_UNAVAILABLE}]
    for leak in ("Binder", "lbug", "ApiKey", "key_by_hash"):
        assert leak not in answer.text


def test_heavy_queries_are_answered_with_their_cost(dev: TestClient) -> None:
    # The heaviest kind of query the limits let through still runs, and says its cost.
    query = """{ outcomes(country: "VNM") { id contributors { agency { id name
        memberships { role body { id name } } } via } sdgGoals { code title } } }"""
    answer = _timed(dev.post, "/graphql", json={"query": query}).json()
    assert "errors" not in answer, answer
    assert 0 < answer["extensions"]["cost"] <= 25_000
