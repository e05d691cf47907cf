"""The deadline of the request being served, seen by the stores.

The API sets a deadline per request; a store reads it before each query and
gives the engine no more time than is left (LadybugDB's query timeout, Neo4j's
transaction timeout), so store work ends when the request does. Outside a
request (loads, the CLI) there is no deadline and the store's own timeout
applies.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from graph.errors import UnctGraphError

_deadline: ContextVar[float | None] = ContextVar("unct_graph_deadline", default=None)


class DeadlineExceededError(UnctGraphError):
    """The request ran out of time; its pending store work was stopped."""

    def __init__(self, seconds: float | None = None) -> None:
        after = f" of {seconds:g}s" if seconds else ""
        super().__init__(f"the request's deadline{after} passed; ask for less or page")


@contextmanager
def within(seconds: float) -> Iterator[None]:
    """Everything run inside (and the tasks it starts) must finish in `seconds`."""
    token = _deadline.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _deadline.reset(token)


def remaining() -> float | None:
    """Seconds left before the current deadline; None when there is none."""
    deadline = _deadline.get()
    return None if deadline is None else deadline - time.monotonic()


def time_left(limit: float) -> float:
    """How long a store may work now: its own limit or the time left, whichever is less.

    Raises DeadlineExceededError when the deadline has passed already, so no
    new work starts for a request that is over.
    """
    left = remaining()
    if left is None:
        return limit
    if left <= 0:
        raise DeadlineExceededError()
    return min(limit, left)


def passed() -> bool:
    left = remaining()
    return left is not None and left <= 0
