"""Serving over HTTP with uvicorn, with limits on connections as well as requests.

uvicorn closes idle keep-alive connections, but waits forever for a new
connection to finish sending its headers: a few thousand clients that open
a connection and send half a request line would hold as many sockets. The
protocol below closes a connection that has not completed a request's
headers `header_timeout` seconds after connecting, or after its last
response. Header size is bounded by h11 (`h11_max_incomplete_event_size`).
"""

from __future__ import annotations

import asyncio
from typing import Any

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from api import logs
from api.app import create_app
from graph.settings import Settings
from graph.store import GraphStore

MAX_HEADER_BYTES = 16 * 1024


class HeaderTimeoutProtocol(H11Protocol):
    """uvicorn's h11 protocol, which also times out requests whose headers never end."""

    header_timeout = 10.0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        self._headers_due: asyncio.TimerHandle | None = None
        super().connection_made(transport)
        self._await_headers()

    def data_received(self, data: bytes) -> None:
        if self._headers_due is None and self._between_requests():
            self._await_headers()
        super().data_received(data)
        if self._headers_due is not None and not self._between_requests():
            self._headers_due.cancel()
            self._headers_due = None

    def connection_lost(self, exc: Exception | None) -> None:
        if self._headers_due is not None:
            self._headers_due.cancel()
            self._headers_due = None
        super().connection_lost(exc)

    def _between_requests(self) -> bool:
        return self.cycle is None or self.cycle.response_complete

    def _await_headers(self) -> None:
        self._headers_due = self.loop.call_later(self.header_timeout, self._too_slow)

    def _too_slow(self) -> None:
        self._headers_due = None
        if self._between_requests() and not self.transport.is_closing():
            self.transport.close()


def serve(store: GraphStore, settings: Settings, host: str, port: int) -> None:
    """Serve the app until stopped, with JSON logs and the connection limits above."""
    protocol: Any = type(
        "Protocol", (HeaderTimeoutProtocol,), {"header_timeout": settings.header_timeout_seconds}
    )
    uvicorn.run(
        create_app(store, settings),
        host=host,
        port=port,
        http=protocol,
        log_config=logs.configure(),
        access_log=False,  # api.logs writes one line per request, with more in it
        timeout_keep_alive=int(settings.keep_alive_seconds),
        h11_max_incomplete_event_size=MAX_HEADER_BYTES,
        timeout_graceful_shutdown=int(settings.deadline_seconds) + 1,
        server_header=False,
    )
