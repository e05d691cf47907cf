"""The Starlette application: /graphql, /explore, /load, /export, /health, /metrics,
and the store's lifetime."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse
from starlette.routing import Route

from api import pages
from api.auth import AuthMiddleware
from api.exports.routes import routes as export_routes
from api.graphql import GraphQLApp
from api.limits import BodyLimit, Deadline, InFlightLimit
from api.load import LoadEndpoint
from api.logs import RequestLog
from api.metrics import Metrics, MetricsMiddleware
from graph.errors import UnctGraphError
from graph.repository import Graph
from graph.settings import Settings
from graph.store import GraphStore


def create_app(store: GraphStore, settings: Settings | None = None) -> Starlette:
    """The service over one store; the store is set up on startup and closed on shutdown."""
    settings = settings or Settings()
    metrics = Metrics(endpoints={"/", "/graphql", "/health", "/metrics", "/load", "/explore"})
    graphql = GraphQLApp(store, settings, metrics.refuse)

    async def health(request: Request) -> JSONResponse:
        try:
            await store.ping()
        except UnctGraphError as e:
            detail = {} if settings.production else {"store": store.description, "error": str(e)}
            return JSONResponse({"status": "unavailable", **detail}, status_code=503)
        detail = {} if settings.production else {"store": store.description}
        return JSONResponse({"status": "ok", **detail})

    async def home(request: Request) -> RedirectResponse:
        return RedirectResponse("/graphql")

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await store.setup()
        try:
            yield
        finally:
            await store.close()

    # Outermost first: every request is logged and counted, CORS preflights
    # are answered before any limit, limits refuse before any work, and the
    # key is looked up within the request's deadline. Uploads to /load may be
    # bigger and take longer than queries; exports of a whole country too.
    uploads = {"/load": settings.max_upload_bytes}
    loads = {"/load": settings.load_deadline_seconds, "/export/": settings.load_deadline_seconds}
    middleware = [
        Middleware(RequestLog, slow_seconds=settings.slow_seconds),
        Middleware(MetricsMiddleware, metrics=metrics),
        Middleware(
            CORSMiddleware,
            allow_origins=settings.allowed_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type", "Authorization", "X-Request-ID"],
            expose_headers=["X-Request-ID", "Retry-After"],
            max_age=600,
        ),
        Middleware(InFlightLimit, max_in_flight=settings.max_in_flight, refused=metrics.refuse),
        Middleware(
            BodyLimit, max_bytes=settings.max_body_bytes, refused=metrics.refuse, paths=uploads
        ),
        Middleware(
            Deadline, seconds=settings.deadline_seconds, refused=metrics.refuse, paths=loads
        ),
        Middleware(AuthMiddleware, reader=store, anonymous_read=settings.anonymous_read),
    ]
    return Starlette(
        routes=[
            Route("/", home),
            Route("/health", health),
            Route("/metrics", metrics.endpoint),
            Route("/graphql", graphql, methods=["GET", "POST"]),
            *export_routes(Graph(store)),
            Route("/load", LoadEndpoint(store), methods=["POST"]),
            *pages.routes(),
        ],
        middleware=middleware,
        lifespan=lifespan,
    )
