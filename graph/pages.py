"""Pages of the lists that grow with the data, fetched in the store.

A page is the `limit` rows that follow a sort key (keyset pagination), so a
page means the same rows whatever was added before it, and the store reads
no more than it returns. Each paged list names its page and count queries
(graph.queries) and the columns of its sort key; the API turns sort keys
into opaque cursors (schema.connections).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from graph import queries
from graph.store import Params, Query, Reader, Row


@dataclass(frozen=True)
class Listing:
    """One paged list: its page and count queries and its sort-key columns."""

    name: str
    page: Query
    count: Query
    key: tuple[str, ...]

    def key_of(self, row: Row) -> list[str]:
        return [str(row[column]) for column in self.key]


BODIES = Listing("bodies", queries.BODIES_PAGE, queries.BODIES_COUNT, ("sortGroup", "id"))
OUTCOMES = Listing("outcomes", queries.OUTCOMES_PAGE, queries.OUTCOMES_COUNT, ("sortGroup", "id"))
AGENCIES = Listing("agencies", queries.AGENCIES_PAGE, queries.AGENCIES_COUNT, ("id",))
MEMBERSHIPS = Listing(
    "memberships", queries.MEMBERSHIPS_PAGE, queries.MEMBERSHIPS_COUNT, ("body", "key")
)
AGENCY_OUTCOMES = Listing(
    "agencyOutcomes",
    queries.AGENCY_OUTCOMES_PAGE,
    queries.AGENCY_OUTCOMES_COUNT,
    ("sortGroup", "id"),
)


async def page(
    store: Reader, listing: Listing, filters: Params, after: Sequence[str] | None, limit: int
) -> list[Row]:
    """Up to `limit` rows after the sort key `after` (None: from the start)."""
    if after is not None and len(after) != len(listing.key):
        raise ValueError(f"a key of {listing.name} has {len(listing.key)} parts")
    bounds = list(after) if after is not None else [None] * len(listing.key)
    params = {**filters, "limit": limit}
    params.update({f"after{i}": value for i, value in enumerate(bounds, start=1)})
    rows = await store.read(listing.page, params)
    # A page query may be a union whose branches each return a page of their
    # own (LadybugDB's variants, graph.shapes): the page is the first `limit`
    # distinct rows of them all.
    unique = {tuple(listing.key_of(row)): row for row in rows}
    return [unique[key] for key in sorted(unique)][:limit]


async def count(store: Reader, listing: Listing, filters: Params) -> int:
    """The count query answers `n`, or one row per item where it is a union."""
    rows = await store.read(listing.count, filters)
    if rows and "n" in rows[0]:
        return int(rows[0]["n"])
    return len(rows)
