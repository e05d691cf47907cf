"""The GraphQL endpoint: strawberry on Starlette, a fresh context per request.

The schema carries the request limits (schema.limits); this view adds what
belongs to HTTP: which methods and pages are on (GraphiQL, GET queries; off
in production), strict decoding of the body (invalid UTF-8 or a lone
surrogate is a 400, not a crash further in), what errors clients see
(api.errors), and the request's record for logs and metrics.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import strawberry
from cross_web import HTTPException
from graphql import GraphQLError
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.extensions import ParserCache, SchemaExtension
from strawberry.http import GraphQLHTTPResponse
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext, ExecutionResult

from api import errors, record
from api.auth import principal_of
from api.pages import graphiql_page
from graph.settings import Settings
from graph.store import GraphStore
from schema.admission import Lanes
from schema.context import Context
from schema.guard import guard_lists, run_stoppable
from schema.limits import QueryLimits, RequestLimits, ValidDocuments
from schema.names import CachedNameConverter
from schema.root import Mutation, Query


class _Schema(strawberry.Schema):
    async def execute(self, *args: Any, **kwargs: Any) -> ExecutionResult:
        # An answer that outgrows its limit or its time is stopped whole (schema.guard).
        return await run_stoppable(lambda: super(_Schema, self).execute(*args, **kwargs))

    def process_errors(
        self, errors_: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        # strawberry's default logs each error with the request's text; a
        # 10 MB query would be copied into the log. Ours logs messages only.
        errors.log_errors(errors_)


class _OperationName(SchemaExtension):
    def on_validate(self) -> Iterator[None]:
        seen = record.current()
        if seen is not None:
            seen.operation = self.execution_context.operation_name
        yield


def build_schema(
    limits: QueryLimits | None = None,
    lanes: Lanes | None = None,
    refused: Callable[[str], None] = lambda code: None,
) -> strawberry.Schema:
    limits = limits or QueryLimits()
    lanes = lanes or Lanes()
    valid = ValidDocuments()
    schema = _Schema(
        query=Query,
        mutation=Mutation,
        config=StrawberryConfig(name_converter=CachedNameConverter()),
        # Limits first: a document over its size limit must not even be parsed.
        extensions=[
            lambda: RequestLimits(limits, lanes, refused, valid),
            lambda: ParserCache(maxsize=512),
            _OperationName,
        ],
    )
    guard_lists(schema._schema)
    return schema


def _check_text(value: Any) -> None:
    """Refuse strings that cannot be UTF-8 (lone surrogates from `\\ud800` escapes)."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                raise HTTPException(400, "the request holds invalid Unicode text") from None
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)


class GraphQLApp(GraphQL[Context, None]):
    def __init__(
        self, store: GraphStore, settings: Settings, refused: Callable[[str], None]
    ) -> None:
        super().__init__(
            build_schema(
                QueryLimits.of(settings),
                Lanes(
                    settings.heavy_cost,
                    settings.max_heavy,
                    settings.heavy_wait_seconds,
                    settings.heavy_share,
                ),
                refused,
            ),
            graphql_ide="graphiql" if settings.graphiql else None,
            allow_queries_via_get=settings.get_queries,
        )
        self.store = store
        self.production = settings.production
        self.max_page_size = settings.max_page_size

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        request.state.graphql_response = response
        return Context.for_request(self.store, principal_of(request.scope), self.max_page_size)

    async def get_root_value(self, request: Any) -> None:
        return None

    def decode_json(self, data: str | bytes) -> object:
        try:
            text = data.decode("utf-8") if isinstance(data, bytes) else data
            value = json.loads(text)
        except UnicodeDecodeError:
            raise HTTPException(400, "the request body is not valid UTF-8") from None
        except RecursionError:
            raise HTTPException(400, "the request body nests too deeply") from None
        _check_text(value)
        return value

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        found = result.errors or []
        seen = record.current()
        if seen is not None:
            seen.error_kinds += [errors.kind(e) for e in found]
            cost = (result.extensions or {}).get("cost")
            seen.cost = cost if isinstance(cost, int) else None
        busy = [e for e in found if errors.kind(e) == "BUSY"]
        if busy:
            response = request.state.graphql_response
            response.status_code = 429
            response.headers["Retry-After"] = str((busy[0].extensions or {}).get("retryAfter", 1))
        result.errors = [errors.public(e, self.production) for e in found] or None
        return await super().process_result(request, result)

    async def render_graphql_ide(self, request: Request) -> HTMLResponse:
        # Our own page, from vendored assets: strawberry's loads them from a CDN.
        return graphiql_page()
