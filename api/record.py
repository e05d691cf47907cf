"""What is known about the request being served, for its log line and metrics.

Middleware open a record per request; the GraphQL endpoint fills in the
operation, its cost and the kinds of its errors; the stores' counters (see
graph.usage) give the round trips. The request body itself is never kept:
only its size and a hash, so a log cannot be flooded or leak what was sent.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from graph.usage import StoreUsage

_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


@dataclass
class RequestRecord:
    id: str
    method: str
    path: str
    status: int = 0
    operation: str | None = None
    cost: int | None = None
    error_kinds: list[str] = field(default_factory=list)
    body_bytes: int = 0
    body_sha256: str | None = None
    usage: StoreUsage = field(default_factory=StoreUsage)


_current: ContextVar[RequestRecord | None] = ContextVar("unct_graph_request", default=None)


def request_id(offered: str | None) -> str:
    """The client's X-Request-ID when it is a sane token, else a fresh one."""
    if offered and _ID.match(offered):
        return offered
    return uuid.uuid4().hex


@contextmanager
def recording(record: RequestRecord) -> Iterator[RequestRecord]:
    token = _current.set(record)
    try:
        yield record
    finally:
        _current.reset(token)


def current() -> RequestRecord | None:
    return _current.get()
