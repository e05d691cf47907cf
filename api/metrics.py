"""Prometheus metrics: GET /metrics, and the middleware that feeds them.

Per request: its count by endpoint and status, latency per GraphQL operation
name, store round trips and store time, the estimated cost, errors by kind,
refusals by limit; and the requests in flight. Operation names come from
clients, so only the first `MAX_OPERATIONS` well-formed names get a series of
their own (the rest count as `other`): a client cannot grow the server's
memory by inventing names.
"""

from __future__ import annotations

import re
import time

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    disable_created_metrics,
    generate_latest,
)
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api import record

MAX_OPERATIONS = 100
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")
_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
_COUNT_BUCKETS = (1, 2, 5, 10, 20, 50, 100, 200, 500)
_COST_BUCKETS = (10, 100, 1_000, 5_000, 10_000, 25_000, 100_000)

# `*_created` series (when each counter was created) only double the output.
disable_created_metrics()  # type: ignore[no-untyped-call]  # untyped upstream


class Metrics:
    """The service's metrics, in a registry of its own (one per app)."""

    def __init__(self, endpoints: set[str]) -> None:
        self.registry = CollectorRegistry()
        self.endpoints = endpoints
        self._operations: set[str] = set()
        self._slowest: dict[str, float] = {}
        r = self.registry
        self.requests = Counter(
            "unct_graph_requests", "HTTP requests answered", ["endpoint", "status"], registry=r
        )
        self.errors = Counter(
            "unct_graph_errors", "Errors in answers, by kind", ["kind"], registry=r
        )
        self.refused = Counter(
            "unct_graph_refused", "Requests refused by a limit", ["limit"], registry=r
        )
        self.in_flight = Gauge("unct_graph_in_flight", "Requests being served", registry=r)
        self.latency = Histogram(
            "unct_graph_request_seconds",
            "Time to answer, per GraphQL operation name",
            ["operation"],
            buckets=_LATENCY_BUCKETS,
            registry=r,
        )
        self.slowest = Gauge(
            "unct_graph_operation_slowest_seconds",
            "The slowest answer seen, per GraphQL operation name",
            ["operation"],
            registry=r,
        )
        self.round_trips = Histogram(
            "unct_graph_store_round_trips",
            "Store queries per request",
            buckets=_COUNT_BUCKETS,
            registry=r,
        )
        self.store_seconds = Histogram(
            "unct_graph_store_seconds",
            "Time spent waiting on the store per request",
            buckets=_LATENCY_BUCKETS,
            registry=r,
        )
        self.cost = Histogram(
            "unct_graph_query_cost",
            "Estimated cost of the GraphQL operations run",
            buckets=_COST_BUCKETS,
            registry=r,
        )

    def refuse(self, limit: str) -> None:
        self.refused.labels(limit).inc()

    def operation(self, name: str | None) -> str:
        if not name:
            return "anonymous"
        if not _NAME.match(name):
            return "other"
        if name not in self._operations and len(self._operations) >= MAX_OPERATIONS:
            return "other"
        self._operations.add(name)
        return name

    def observe(self, seen: record.RequestRecord, seconds: float) -> None:
        endpoint = seen.path if seen.path in self.endpoints else "other"
        self.requests.labels(endpoint, str(seen.status)).inc()
        for kind in seen.error_kinds:
            self.errors.labels(kind).inc()
        if endpoint != "/graphql":
            return
        operation = self.operation(seen.operation)
        self.latency.labels(operation).observe(seconds)
        if seconds > self._slowest.get(operation, 0.0):
            self._slowest[operation] = seconds
            self.slowest.labels(operation).set(seconds)
        self.round_trips.observe(seen.usage.round_trips)
        self.store_seconds.observe(seen.usage.seconds)
        if seen.cost is not None:
            self.cost.observe(seen.cost)

    async def endpoint(self, request: Request) -> Response:
        return Response(generate_latest(self.registry), media_type=CONTENT_TYPE_LATEST)


class MetricsMiddleware:
    """Counts every HTTP request into Metrics once it is answered."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        seen = record.current()
        if scope["type"] != "http" or seen is None:
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        self.metrics.in_flight.inc()

        async def sent(message: Message) -> None:
            if message["type"] == "http.response.start":
                seen.status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, sent)
        finally:
            self.metrics.in_flight.dec()
            self.metrics.observe(seen, time.perf_counter() - started)
