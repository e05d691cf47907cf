"""Store round trips and store time of the request being served.

The stores count every read here; the API's metrics read the totals once the
request is answered. A request's tasks (DataLoader batches) share its context,
hence its counters, and its share of the store (READS_PER_REQUEST).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import wraps
from typing import Any, ParamSpec, TypeVar

# Store queries one request may have in flight at once: a request that fans
# out (a page of agencies, each with its own page of outcomes) queues its own
# queries rather than everyone's, so other requests keep their turn.
READS_PER_REQUEST = 4


@dataclass
class StoreUsage:
    round_trips: int = 0
    seconds: float = 0.0
    _slots: asyncio.Semaphore | None = None

    def slots(self) -> asyncio.Semaphore:
        if self._slots is None:
            self._slots = asyncio.Semaphore(READS_PER_REQUEST)
        return self._slots


_usage: ContextVar[StoreUsage | None] = ContextVar("unct_graph_store_usage", default=None)

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def counting() -> Iterator[StoreUsage]:
    """Count the store work done inside (one request, and the tasks it starts)."""
    usage = StoreUsage()
    token = _usage.set(usage)
    try:
        yield usage
    finally:
        _usage.reset(token)


def metered(
    read: Callable[P, Coroutine[Any, Any, R]],
) -> Callable[P, Coroutine[Any, Any, R]]:
    """Count a store method's calls and time against the current request, if any."""

    @wraps(read)
    async def counted(*args: P.args, **kwargs: P.kwargs) -> R:
        usage = _usage.get()
        if usage is None:
            return await read(*args, **kwargs)
        async with usage.slots():
            started = time.perf_counter()
            try:
                return await read(*args, **kwargs)
            finally:
                usage.round_trips += 1
                usage.seconds += time.perf_counter() - started

    return counted
