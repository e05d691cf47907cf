"""Relay connections: `edges { cursor node }`, `pageInfo`, `totalCount`.

Generic over the node type, so any list that grows with the data pages the
same way: a resolver names the paged list (graph.pages), its filters and how
a row becomes a node, and `connection()` does the rest. A cursor is the
opaque, URL-safe form of the sort key of its row (not an offset), so it
still means "after this row" when rows come and go, and it names its list,
so a cursor of one list is refused by another.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

import strawberry

from graph.errors import UnctGraphError
from graph.pages import Listing
from graph.store import Params, Row
from schema.context import Info
from schema.cost import size

T = TypeVar("T")

DEFAULT_PAGE_SIZE = 20
_MAX_CURSOR_CHARS = 1_000


class PagingError(UnctGraphError):
    """A `first` out of range, or a cursor this list did not hand out."""


@strawberry.type(description="Where a page ends, and whether more follow.")
class PageInfo:
    has_next_page: bool
    end_cursor: str | None = strawberry.field(
        description="Pass as `after` to get the next page; null on an empty page."
    )


@strawberry.type(description="One item of a page, with the cursor that points after it.")
class Edge(Generic[T]):
    cursor: str
    node: T


@strawberry.type(description="A page of a list, in a stable order (Relay connection).")
class Connection(Generic[T]):
    # Sized 1: the connection's `first` already multiplies everything in it.
    edges: list[Edge[T]] = strawberry.field(metadata=size(1))
    page_info: PageInfo
    _count: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(description="How many items the whole list has (all pages).")
    async def total_count(self) -> int:
        return await self._count()


def encode_cursor(listing: Listing, key: list[str]) -> str:
    raw = json.dumps([listing.name, *key], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(listing: Listing, cursor: str) -> list[str]:
    try:
        if len(cursor) > _MAX_CURSOR_CHARS:
            raise ValueError
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        value = json.loads(raw)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise PagingError(f"`after` is not a cursor of {listing.name}") from None
    valid = (
        isinstance(value, list)
        and len(value) == len(listing.key) + 1
        and all(isinstance(part, str) for part in value)
        and value[0] == listing.name
    )
    if not valid:
        raise PagingError(f"`after` is not a cursor of {listing.name}")
    return [str(part) for part in value[1:]]


async def connection(
    info: Info,
    listing: Listing,
    filters: Params,
    first: int | None,
    after: str | None,
    node: Callable[[Row], T],
) -> Connection[T]:
    """The page of `listing` that `first` and `after` ask for, fetched in the store."""
    limit = info.context.max_page_size
    wanted = DEFAULT_PAGE_SIZE if first is None else first
    if not 0 <= wanted <= limit:
        raise PagingError(f"`first` must be between 0 and {limit}")
    start = decode_cursor(listing, after) if after else None
    graph = info.context.graph
    rows = await graph.page(listing, filters, start, wanted + 1) if wanted else []
    edges = [
        Edge(cursor=encode_cursor(listing, listing.key_of(row)), node=node(row))
        for row in rows[:wanted]
    ]

    async def count() -> int:
        return await graph.count(listing, filters)

    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=len(rows) > wanted,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        _count=count,
    )
