"""Admission by cost: heavy queries take turns, light ones go straight through.

A query whose estimated cost is at or above `heavy_cost` waits for one of
`max_heavy` turns, at most `wait_seconds`, and is refused with a retry hint
after that. A turn is handed on only after a pause in proportion to the
time the heavy query took, so that heavy queries together take at most
`share` of the server's time. Light queries (most of them: a body, a
country's outcomes) never wait for heavy ones, and keep the rest: they keep
their latency while heavy ones queue. How many requests are served at all is
bounded by the API's in-flight limit.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass

from graphql import GraphQLError


class BusyError(GraphQLError):
    """No turn for a heavy query came in time; the client should retry later."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(
            f"the server is busy with other large queries; retry in {retry_after}s or ask for less",
            extensions={"code": "BUSY", "retryAfter": retry_after},
        )
        self.retry_after = retry_after


@dataclass
class Lanes:
    heavy_cost: int = 5_000
    max_heavy: int = 1
    wait_seconds: float = 2.0
    share: float = 0.33

    def __post_init__(self) -> None:
        self._turns: dict[asyncio.AbstractEventLoop, asyncio.Semaphore] = {}

    def _semaphore(self) -> asyncio.Semaphore:
        # One per event loop: an app may outlive a loop (tests, reloads).
        loop = asyncio.get_running_loop()
        if loop not in self._turns:
            self._turns = {loop: asyncio.Semaphore(self.max_heavy)}
        return self._turns[loop]

    @asynccontextmanager
    async def slot(self, cost: int, refused: Callable[[str], None]) -> AsyncIterator[None]:
        if cost < self.heavy_cost:
            yield
            return
        turns = self._semaphore()
        try:
            async with asyncio.timeout(self.wait_seconds):
                await turns.acquire()
        except TimeoutError:
            refused("BUSY")
            raise BusyError(max(1, math.ceil(self.wait_seconds))) from None
        started = time.monotonic()
        try:
            yield
        finally:
            pause = (time.monotonic() - started) * (1 / self.share - 1)
            asyncio.get_running_loop().call_later(pause, turns.release)
