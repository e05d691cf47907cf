"""Hostile traffic against a real server process on loopback, on both stores.

Here timing, disconnects and memory are real: the server's resident memory
is measured after a warm-up and again after rounds of every hostile request
(it must come back within 10%); a request whose client leaves stops being
served; the deadline answers a runaway query; half-open connections are
closed.
"""

from __future__ import annotations

import functools
import json
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import httpx2 as httpx
import pytest

from tests.conftest import STORES, StoreFactory
from tests.server_process import ServerProcess

SMALL = "{ sdgGoals { code } }"
NORMAL = """{ outcomes(country: "KHM") { id title contributors { agency { id name } via }
  sdgGoals { code title } } }"""
HEAVY = """{ outcomes(country: "VNM") { id contributors { agency { id name
  memberships { role body { id name } } } via } sdgGoals { code title } } }"""
NESTED = (
    "{ outcomes { contributors { agency { outcomes { contributors { agency "
    "{ outcomes { id } } } } } } } }"
)


@pytest.fixture(scope="module", params=STORES)
def store_uri(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    factory = StoreFactory(request.param, tmp_path_factory.mktemp("server"), request)
    factory.demo()
    if request.param == "embedded":
        return f"embedded:{factory.path}"
    uri, user, password = request.getfixturevalue("neo4j_server")
    return f"{uri}|{user}|{password}"


def _server(store_uri: str, tmp_path: Path, **env: str) -> ServerProcess:
    uri, *auth = store_uri.split("|")
    if auth:
        env = {"NEO4J_USER": auth[0], "NEO4J_PASSWORD": auth[1], **env}
    return ServerProcess(uri, env, log=tmp_path / "server.log")


@functools.cache
def _hostile_bodies() -> tuple[dict[str, str], ...]:
    """The hostile GraphQL documents, built once: building the large ones
    costs more than the server takes to refuse them."""
    return (
        {"query": NESTED},
        {
            "query": "{ "
            + " ".join(f"a{i}: outcomes {{ contributors {{ via }} }}" for i in range(500))
            + " }"
        },
        {"query": "{ sdgGoals { code" + " @include(if: true)" * 10_000 + " } }"},
        {
            "query": "{ ...F0 } "
            + " ".join(
                f"fragment F{i} on Query {{ " + " ".join([f"...F{i + 1}"] * 4) + " }"
                for i in range(10)
            )
            + " fragment F10 on Query { outcomes { contributors { via } } }"
        },
        {"query": "{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }"},
        {"query": HEAVY},
    )


@functools.cache
def _padded(megabytes: int) -> bytes:
    """A small query with a variable of `megabytes` MB, as a raw JSON body."""
    return json.dumps({"query": SMALL, "variables": {"pad": "x" * megabytes * 1_000_000}}).encode()


def _hostile_round(client: httpx.Client, url: str) -> list[int]:
    """Every hostile request once; returns the HTTP statuses."""
    graphql = f"{url}/graphql"
    statuses = [client.post(graphql, json=body).status_code for body in _hostile_bodies()]
    statuses.append(client.post(graphql, json=[{"query": SMALL}] * 100).status_code)
    statuses.append(client.get(graphql, params={"query": NESTED}).status_code)
    raw = {"content-type": "application/json"}
    statuses.append(client.post(graphql, content=b'{"query": "\xff\xfe"}', headers=raw).status_code)
    surrogate = (
        '{"query": "query($c: ID!) { country(iso3: $c) { name } }", "variables": {"c": "\\udc00"}}'
    )
    statuses.append(client.post(graphql, content=surrogate, headers=raw).status_code)
    for megabytes in (10, 50):
        with httpx.Client(timeout=30) as fresh:  # the server closes a connection it refuses
            try:
                statuses.append(
                    fresh.post(graphql, content=_padded(megabytes), headers=raw).status_code
                )
            except httpx.TransportError:
                statuses.append(413)  # refused before the client finished sending
    return statuses


def test_memory_comes_back_after_hostile_traffic(store_uri: str, tmp_path: Path) -> None:
    with _server(store_uri, tmp_path) as server, httpx.Client(timeout=30) as client:
        for _ in range(20):  # warm-up: caches, pools and arenas reach their working size
            for query in (SMALL, NORMAL, HEAVY):
                assert (
                    client.post(f"{server.url}/graphql", json={"query": query}).status_code == 200
                )
            _hostile_round(client, server.url)
        baseline = server.rss()
        for _ in range(10):
            statuses = _hostile_round(client, server.url)
            assert all(status < 500 for status in statuses), statuses
            assert {413, 400} <= set(statuses)
        after = server.rss()
        assert after <= baseline * 1.10, f"RSS grew from {baseline} to {after} bytes"
        # the server still answers, and counted what it refused
        assert client.post(f"{server.url}/graphql", json={"query": SMALL}).status_code == 200
        assert server.metric("unct_graph_refused_total") > 0
        assert server.metric('unct_graph_requests_total{endpoint="/graphql",status="500"}') == 0


def _in_flight_drops_to_one(server: ServerProcess, within: float) -> float:
    """Seconds until only the /metrics request itself is in flight."""
    started = time.monotonic()
    while time.monotonic() - started < within:
        if server.metric("unct_graph_in_flight") <= 1:
            return time.monotonic() - started
        time.sleep(0.05)
    raise AssertionError("the request was still being served")


def test_a_runaway_query_is_stopped_in_time(store_uri: str, tmp_path: Path) -> None:
    # With the cost limit lifted, the nested query runs until the deadline or
    # the limit on the answer's size stops it, whichever comes first.
    with _server(
        store_uri, tmp_path, UNCT_GRAPH_DEADLINE="2", UNCT_GRAPH_MAX_COST="1000000000000"
    ) as server:
        started = time.monotonic()
        response = httpx.post(f"{server.url}/graphql", json={"query": NESTED}, timeout=30)
        elapsed = time.monotonic() - started
        assert response.status_code == 200
        codes = {e["extensions"]["code"] for e in response.json()["errors"]}
        assert codes & {"DEADLINE_EXCEEDED", "RESULT_TOO_LARGE"}, response.text[:500]
        assert elapsed < 2 + 2, elapsed
        _in_flight_drops_to_one(server, within=2)


def test_a_client_that_leaves_stops_its_request(store_uri: str, tmp_path: Path) -> None:
    limits_off = {
        "UNCT_GRAPH_MAX_COST": "1000000000000",
        "UNCT_GRAPH_MAX_RESULT_ITEMS": "1000000000",
    }
    with _server(store_uri, tmp_path, UNCT_GRAPH_DEADLINE="30", **limits_off) as server:
        with pytest.raises(httpx.TimeoutException):
            httpx.post(f"{server.url}/graphql", json={"query": NESTED}, timeout=1.0)
        # The deadline is 30 s away: only the disconnect can end the request sooner.
        assert _in_flight_drops_to_one(server, within=20) < 20
        small = httpx.post(f"{server.url}/graphql", json={"query": SMALL}, timeout=5)
        assert small.status_code == 200


def _half_open(port: int, count: int) -> Iterator[socket.socket]:
    for i in range(count):
        sock = socket.create_connection(("127.0.0.1", port))
        if i % 2:
            sock.sendall(b"POST /graphql HTTP/1.1\r\nHost: x\r\nContent-")
        yield sock


def test_half_open_connections_are_closed(store_uri: str, tmp_path: Path) -> None:
    with _server(store_uri, tmp_path, UNCT_GRAPH_HEADER_TIMEOUT="1") as server:
        sockets = list(_half_open(server.port, 200))
        time.sleep(2.5)
        closed = 0
        for sock in sockets:
            sock.settimeout(2)
            try:
                closed += sock.recv(16) == b""
            except (TimeoutError, ConnectionResetError):
                pass
            finally:
                sock.close()
        assert closed == len(sockets)
        assert httpx.post(f"{server.url}/graphql", json={"query": SMALL}).status_code == 200
