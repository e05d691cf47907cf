"""Who is asking: `Authorization: Bearer KEY` resolved to a principal.

A bad or revoked key is refused outright (401), never taken for anonymous.
Without a key a request is anonymous, which may read unless anonymous read is
off (production); what each role may do beyond reading is decided where it
is done (mutations, POST /load).
"""

from __future__ import annotations

import logging

from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from graph import keys
from graph.errors import StoreQueryError, StoreUnavailableError
from graph.keys import ANONYMOUS, Principal
from graph.store import Reader

log = logging.getLogger("unct_graph.auth")
# Said when the store cannot look a key up (down, or out of memory under
# load): the request may succeed in a moment; the cause goes to the log only.
KEYS_UNAVAILABLE = "keys cannot be checked right now: the store is unavailable; retry shortly"

# Paths anyone may reach: liveness, metrics, and pages (which fetch their
# data through /graphql like any client).
OPEN_PREFIXES = ("/health", "/metrics", "/explore", "/static", "/favicon")


class AuthMiddleware:
    def __init__(self, app: ASGIApp, reader: Reader, anonymous_read: bool = True) -> None:
        self.app = app
        self.reader = reader
        self.anonymous_read = anonymous_read

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        header = Headers(scope=scope).get("authorization")
        try:
            principal = await self._principal(header)
        except (StoreUnavailableError, StoreQueryError) as e:
            log.warning("key lookup failed: %s", e)
            await _refuse(503, KEYS_UNAVAILABLE)(scope, receive, send)
            return
        if principal is None:
            await _refuse(401, "unknown or revoked key")(scope, receive, send)
            return
        if principal.role is None and not self.anonymous_read and not _open(scope["path"]):
            await _refuse(401, "this service needs a key: Authorization: Bearer <key>")(
                scope, receive, send
            )
            return
        scope.setdefault("state", {})["principal"] = principal
        await self.app(scope, receive, send)

    async def _principal(self, header: str | None) -> Principal | None:
        if header is None:
            return ANONYMOUS
        scheme, _, secret = header.partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            return None
        key = await keys.authenticate(self.reader, secret.strip())
        return Principal(key.name, key.role) if key else None


def _open(path: str) -> bool:
    return path == "/" or path.startswith(OPEN_PREFIXES)


def _refuse(status: int, message: str) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else {"Retry-After": "1"}
    # Shaped for GraphQL clients (`errors`) and for the others (`error`) alike.
    body = {"errors": [{"message": message}], "error": message}
    return JSONResponse(body, status_code=status, headers=headers)


def principal_of(scope: Scope) -> Principal:
    """The principal AuthMiddleware found for this request (anonymous without it)."""
    found = scope.get("state", {}).get("principal")
    return found if isinstance(found, Principal) else ANONYMOUS
