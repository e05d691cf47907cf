"""Structured logs: one JSON object per line, each carrying its request's id.

`RequestLog` opens the request's record (api.record), counts its store work
(graph.usage), answers with an `X-Request-ID` header, and writes one line
per request: method, path, status, time, GraphQL operation and cost, store
round trips and time, error kinds, and the body's size and hash (never the
body). Requests slower than `slow_seconds` are logged as warnings with
`"slow": true`, which makes the slowest operations easy to find.
"""

from __future__ import annotations

import logging
import sys
import time
from typing import Any

from pythonjsonlogger.json import JsonFormatter
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api import record
from graph import usage

log = logging.getLogger("unct_graph.requests")


class _RequestIdFilter(logging.Filter):
    def filter(self, entry: logging.LogRecord) -> bool:
        if not hasattr(entry, "request_id"):
            seen = record.current()
            entry.request_id = seen.id if seen else None
        return True


def json_handler() -> logging.Handler:
    """A stderr handler writing one JSON object per line, with the request id."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        JsonFormatter(
            "{asctime}{levelname}{name}{message}",
            style="{",
            rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
        )
    )
    handler.addFilter(_RequestIdFilter())
    return handler


def configure(level: str = "INFO") -> dict[str, Any]:
    """JSON logs on stderr for this process, uvicorn's included; returns uvicorn's log config."""
    handler = json_handler()
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(level)
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "loggers": {
            name: {"handlers": [], "propagate": True, "level": level}
            for name in ("uvicorn", "uvicorn.error", "uvicorn.access")
        },
    }


class RequestLog:
    """Opens each request's record and logs it, as JSON, when it is answered."""

    def __init__(self, app: ASGIApp, slow_seconds: float = 1.0) -> None:
        self.app = app
        self.slow_seconds = slow_seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        seen = record.RequestRecord(
            id=record.request_id(Headers(scope=scope).get("x-request-id")),
            method=scope["method"],
            path=scope["path"],
        )

        async def with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                seen.status = message["status"]
                MutableHeaders(scope=message)["X-Request-ID"] = seen.id
            await send(message)

        started = time.perf_counter()
        with record.recording(seen), usage.counting() as counted:
            seen.usage = counted
            try:
                await self.app(scope, receive, with_id)
            finally:
                self._log(seen, time.perf_counter() - started)

    def _log(self, seen: record.RequestRecord, seconds: float) -> None:
        slow = seconds >= self.slow_seconds
        log.log(
            logging.WARNING if slow else logging.INFO,
            "%s %s %s",
            seen.method,
            seen.path,
            seen.status,
            extra={
                "request_id": seen.id,
                "method": seen.method,
                "path": seen.path,
                "status": seen.status,
                "seconds": round(seconds, 4),
                "slow": slow,
                "operation": seen.operation,
                "cost": seen.cost,
                "store_round_trips": seen.usage.round_trips,
                "store_seconds": round(seen.usage.seconds, 4),
                "errors": seen.error_kinds or None,
                "body_bytes": seen.body_bytes,
                "body_sha256": seen.body_sha256,
            },
        )
