"""The Starlette application: /graphql, /health, /explore, and the store's lifetime."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse
from starlette.routing import Route

from api import pages
from api.auth import AuthMiddleware
from api.exports.routes import routes as export_routes
from api.graphql import GraphQLApp
from api.load import LoadEndpoint
from graph.errors import UnctGraphError
from graph.repository import Graph
from graph.settings import Settings
from graph.store import GraphStore


def create_app(store: GraphStore, settings: Settings | None = None) -> Starlette:
    """The service over one store; the store is set up on startup and closed on shutdown."""
    settings = settings or Settings()
    graphql = GraphQLApp(store)

    async def health(request: Request) -> JSONResponse:
        try:
            await store.ping()
        except UnctGraphError as e:
            return JSONResponse(
                {"status": "unavailable", "store": store.description, "error": str(e)},
                status_code=503,
            )
        return JSONResponse({"status": "ok", "store": store.description})

    async def home(request: Request) -> RedirectResponse:
        return RedirectResponse("/graphql")

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await store.setup()
        try:
            yield
        finally:
            await store.close()

    return Starlette(
        routes=[
            Route("/", home),
            Route("/health", health),
            Route("/graphql", graphql, methods=["GET", "POST"]),
            *export_routes(Graph(store)),
            Route("/load", LoadEndpoint(store), methods=["POST"]),
            *pages.routes(),
        ],
        middleware=[
            Middleware(AuthMiddleware, reader=store, anonymous_read=settings.anonymous_read),
        ],
        lifespan=lifespan,
    )
