"""The GraphQL endpoint: strawberry on Starlette, a fresh context per request."""

from __future__ import annotations

from typing import Any

import strawberry
from graphql import GraphQLError
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.extensions import MaskErrors, QueryDepthLimiter

from api.auth import principal_of
from api.pages import graphiql_page
from graph.errors import UnctGraphError
from graph.store import GraphStore
from schema.context import Context
from schema.root import Mutation, Query

MAX_DEPTH = 12


def _mask(error: GraphQLError) -> bool:
    # Our own errors say what went wrong in words meant for users (store down,
    # query timed out); anything else is a bug, and its details stay in the log.
    original = error.original_error
    return original is not None and not isinstance(original, UnctGraphError)


def build_schema() -> strawberry.Schema:
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        extensions=[
            lambda: QueryDepthLimiter(max_depth=MAX_DEPTH),
            lambda: MaskErrors(should_mask_error=_mask, error_message="internal error"),
        ],
    )


class GraphQLApp(GraphQL[Context, None]):
    def __init__(self, store: GraphStore) -> None:
        super().__init__(build_schema(), graphql_ide="graphiql")
        self.store = store

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        return Context.for_request(self.store, principal_of(request.scope))

    async def get_root_value(self, request: Any) -> None:
        return None

    async def render_graphql_ide(self, request: Request) -> HTMLResponse:
        # Our own page, from vendored assets: strawberry's loads them from a CDN.
        return graphiql_page()
