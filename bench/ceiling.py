"""The raw-Cypher ceiling: bench/cypher.py's statements run in this process
through the product's store classes, by 1 and 16 concurrent asyncio tasks.

This is what the store itself can do for a question, through the same
driver or embedded engine and the same `read` the server uses, with nothing
of GraphQL or HTTP on top. LadybugDB's reads run in worker threads, Neo4j's on
the async driver's connection pool, as in the server.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from bench.cypher import STATEMENTS
from bench.runs import CLIENTS, Plan, Run, Table, percentile
from graph.errors import UnctGraphError
from graph.store import GraphStore, Query, Row

Rows = list[Row]


class _Tally:
    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.failures = 0


async def _client(
    store: GraphStore, statements: tuple[Query, ...], params: dict[str, Any], until: float,
    tally: _Tally,
) -> None:  # fmt: skip
    while time.perf_counter() < until:
        started = time.perf_counter()
        try:
            for statement in statements:
                await store.read(statement, params)
        except UnctGraphError:
            tally.failures += 1
            continue
        tally.latencies.append(time.perf_counter() - started)


async def measure(
    store: GraphStore, statements: tuple[Query, ...], params: dict[str, Any], clients: int,
    seconds: float,
) -> Run:  # fmt: skip
    """`clients` tasks asking the statements back to back for `seconds`."""
    tally = _Tally()
    started = time.perf_counter()
    until = started + seconds
    await asyncio.gather(
        *(_client(store, statements, params, until, tally) for _ in range(clients))
    )
    elapsed = time.perf_counter() - started
    ordered = sorted(tally.latencies)
    return Run(
        requests=len(ordered) + tally.failures,
        seconds=elapsed,
        p50_ms=1000 * percentile(ordered, 50) if ordered else None,
        p99_ms=1000 * percentile(ordered, 99) if ordered else None,
        errors=tally.failures,
    )


async def first_rows(store: GraphStore, params: dict[str, Any]) -> dict[str, Rows]:
    """Each question's rows, once: the statements must run before they are timed."""
    found: dict[str, Rows] = {}
    for name, statements in STATEMENTS.items():
        found[name] = [row for s in statements for row in await store.read(s, params)]
    return found


async def run_all(store: GraphStore, params: dict[str, Any], plan: Plan) -> dict[str, Any]:
    """Warm every question up, then measure them interleaved, round by round."""
    for statements in STATEMENTS.values():
        await measure(store, statements, params, max(CLIENTS), plan.warmup)
    table = Table()
    for name, clients in plan.order(list(STATEMENTS), plan.ceiling_rounds):
        run = await measure(store, STATEMENTS[name], params, clients, plan.ceiling_run)
        table.add(name, clients, run)
    return {
        name: {"statements": len(s), "clients": table.clients(name)}
        for name, s in STATEMENTS.items()
    }
