"""HTTP-level limits, as small ASGI middleware: body size, requests in flight, deadline.

Each refuses with a 4xx and a short JSON body that says which limit and
what to do, and records the refusal (api.record, api.metrics), before the
request costs anything more.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import Callable
from typing import Any, TypeVar

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api import record
from graph import deadline

Refused = Callable[[str], None]


def _error_body(code: str, message: str) -> bytes:
    # The shape of a GraphQL error, so GraphQL clients show it as one.
    return json.dumps({"errors": [{"message": message, "extensions": {"code": code}}]}).encode()


async def refuse(
    send: Send, status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> None:
    seen = record.current()
    if seen is not None:
        seen.error_kinds.append(code)
    body = _error_body(code, message)
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


N = TypeVar("N", int, float)


def _for_path(paths: dict[str, N], path: str, default: N) -> N:
    """The limit of the first path prefix that matches, else the default."""
    return next((limit for prefix, limit in paths.items() if path.startswith(prefix)), default)


class _TooLarge(Exception):
    pass


class BodyLimit:
    """413 for a body over `max_bytes` (or its path's own limit), announced or streamed.

    It also hashes what it lets through, for the request's log line.
    """

    def __init__(
        self, app: ASGIApp, max_bytes: int, refused: Refused, paths: dict[str, int] | None = None
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.refused = refused
        self.paths = paths or {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = _for_path(self.paths, scope["path"], self.max_bytes)
        announced = Headers(scope=scope).get("content-length", "")
        if announced.isdigit() and int(announced) > limit:
            await self._refuse(send, limit)
            return
        digest, size, started = hashlib.sha256(), 0, False

        async def counted() -> Message:
            nonlocal size
            message = await receive()
            if message["type"] == "http.request":
                chunk = message.get("body", b"")
                size += len(chunk)
                if size > limit:
                    raise _TooLarge
                digest.update(chunk)
                seen = record.current()
                if seen is not None and not message.get("more_body", False):
                    seen.body_bytes, seen.body_sha256 = size, digest.hexdigest()[:16]
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except _TooLarge:
            if not started:
                await self._refuse(send, limit)

    async def _refuse(self, send: Send, limit: int) -> None:
        self.refused("BODY_TOO_LARGE")
        await refuse(
            send, 413, "BODY_TOO_LARGE", f"the request body is over the limit of {limit} bytes"
        )


class InFlightLimit:
    """429 with Retry-After once `max_in_flight` requests are being served."""

    def __init__(self, app: ASGIApp, max_in_flight: int, refused: Refused) -> None:
        self.app = app
        self.max_in_flight = max_in_flight
        self.refused = refused
        self.in_flight = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.in_flight >= self.max_in_flight:
            self.refused("IN_FLIGHT")
            await refuse(
                send,
                429,
                "BUSY",
                "the server is serving as many requests as it may; retry shortly",
                {"Retry-After": "1"},
            )
            return
        self.in_flight += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.in_flight -= 1


class Deadline:
    """Every request must be answered within `seconds`; its work stops when it is not.

    The deadline reaches the stores (graph.deadline), which give each query
    no more than the time left, and GraphQL execution, which stops between
    fields. As a last resort the request's task is cancelled `grace` seconds
    later, which interrupts its store queries. A client that disconnects has
    its request cancelled at once.
    """

    def __init__(
        self,
        app: ASGIApp,
        seconds: float,
        refused: Refused,
        paths: dict[str, float] | None = None,
        grace: float = 1.0,
    ) -> None:
        self.app = app
        self.seconds = seconds
        self.refused = refused
        self.paths = paths or {}
        self.grace = grace

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        watch = _Disconnect(receive)
        started = False

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            if message["type"] == "http.response.body" and not message.get("more_body", False):
                watch.answered = True
            await send(message)

        seconds = _for_path(self.paths, scope["path"], self.seconds)
        with deadline.within(seconds):
            task = asyncio.ensure_future(self.app(scope, watch.receive, watched))
            watch.cancels(task)
            try:
                await asyncio.wait_for(asyncio.shield(task), seconds + self.grace)
            except TimeoutError:
                task.cancel()
                await _settled(task)
                self.refused("DEADLINE_EXCEEDED")
                if not started:
                    await refuse(
                        send,
                        200,
                        "DEADLINE_EXCEEDED",
                        f"the request's deadline of {seconds:g}s passed; ask for less or page",
                    )
            except asyncio.CancelledError:
                task.cancel()
                await _settled(task)
                raise
            finally:
                watch.stop()


async def _settled(task: asyncio.Future[Any]) -> None:
    try:
        await task
    except BaseException:
        return


class _Disconnect:
    """Hands the body to the app, then listens for the client going away."""

    def __init__(self, receive: Receive) -> None:
        self._receive = receive
        self._body_done = False
        self._listener: asyncio.Task[Message] | None = None
        self._task: asyncio.Future[Any] | None = None
        # Once the whole response is sent, a disconnect is the normal end of
        # the exchange, not a client giving up.
        self.answered = False

    def cancels(self, task: asyncio.Future[Any]) -> None:
        self._task = task

    async def receive(self) -> Message:
        if not self._body_done:
            message = await self._receive()
            if message["type"] != "http.request" or not message.get("more_body", False):
                self._body_done = True
                self._listen()
            return message
        assert self._listener is not None
        return await asyncio.shield(self._listener)

    def _listen(self) -> None:
        self._listener = asyncio.ensure_future(self._receive())
        self._listener.add_done_callback(self._gone)

    def _gone(self, listener: asyncio.Task[Message]) -> None:
        if listener.cancelled() or self.answered or self._task is None or self._task.done():
            return
        if listener.result()["type"] == "http.disconnect":
            self._task.cancel()

    def stop(self) -> None:
        if self._listener is not None and not self._listener.done():
            self._listener.cancel()
