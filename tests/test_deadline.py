"""Deadlines and cancellation reach the store's work, on both engines.

A query that would run for many seconds is stopped when the request's
deadline passes, and when the request is cancelled (its client went away);
the store answers the next query at once.
"""

from __future__ import annotations

import asyncio
import time

import pytest

from graph import deadline
from graph.store import GraphStore, Query
from graph.usage import counting
from tests.conftest import StoreFactory, run

# Test-only Cypher: a hundred million rows, whose count takes far longer
# than the deadlines below on either engine.
SLOW = Query(
    "slow",
    "UNWIND range(1, 10000) AS a UNWIND range(1, 10000) AS b "
    "WITH a, b WHERE (a * b) % 7919 = 3 RETURN count(*) AS n",
)
QUICK = Query("quick", "RETURN 1 AS one")


async def _fresh(store: GraphStore) -> None:
    await store.setup()
    await store.read(QUICK)  # connections warm, so timings measure the query


def test_the_deadline_stops_a_slow_query(stores: StoreFactory) -> None:
    store = stores.new()

    async def go() -> float:
        await _fresh(store)
        started = time.monotonic()
        with deadline.within(0.5), pytest.raises(deadline.DeadlineExceededError):
            await store.read(SLOW)
        elapsed = time.monotonic() - started
        assert (await store.read(QUICK)) == [{"one": 1}]
        await store.close()
        return elapsed

    assert run(go()) < 4.0


def test_no_query_starts_after_the_deadline(stores: StoreFactory) -> None:
    store = stores.new()

    async def go() -> None:
        await _fresh(store)
        with deadline.within(0.01), counting() as usage:
            await asyncio.sleep(0.02)
            with pytest.raises(deadline.DeadlineExceededError):
                await store.read(QUICK)
        assert usage.round_trips == 1
        await store.close()

    run(go())


def test_cancelling_a_request_stops_its_query(stores: StoreFactory) -> None:
    store = stores.new()

    async def go() -> float:
        await _fresh(store)
        task = asyncio.ensure_future(store.read(SLOW))
        await asyncio.sleep(0.3)
        started = time.monotonic()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        # The engine is free again soon: the query was stopped, not left running.
        assert (await store.read(QUICK)) == [{"one": 1}]
        elapsed = time.monotonic() - started
        await store.close()
        return elapsed

    assert run(go()) < 4.0


def test_store_round_trips_are_counted_per_request(stores: StoreFactory) -> None:
    store = stores.new()

    async def go() -> None:
        await _fresh(store)
        with counting() as usage:
            await store.read(QUICK)
            await store.read(QUICK)
        assert usage.round_trips == 2 and usage.seconds > 0
        await store.read(QUICK)  # outside a request: counted nowhere
        assert usage.round_trips == 2
        await store.close()

    run(go())
