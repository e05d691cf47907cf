"""Root connections: the long lists of the graph, a page at a time."""

from __future__ import annotations

import strawberry

from graph import pages
from graph.model import BodyKind
from schema.arguments import country_code
from schema.connections import DEFAULT_PAGE_SIZE, Connection, connection
from schema.context import Info
from schema.types import Agency, Body, Outcome


@strawberry.type
class PagingQuery:
    @strawberry.field(
        description="Bodies by country and kind, a page at a time, ordered by country and id."
    )
    async def bodies_connection(
        self,
        info: Info,
        country: strawberry.ID | None = None,
        kind: BodyKind | None = None,
        first: int | None = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[Body]:
        filters = {
            "country": await country_code(info, country),
            "kind": kind.value if kind else None,
        }
        return await connection(info, pages.BODIES, filters, first, after, Body.of)

    @strawberry.field(
        description="Outcomes by country and framework (`withoutSdg` as in `outcomes`), "
        "a page at a time, ordered by country and id."
    )
    async def outcomes_connection(
        self,
        info: Info,
        country: strawberry.ID | None = None,
        framework: strawberry.ID | None = None,
        without_sdg: bool | None = None,
        first: int | None = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[Outcome]:
        filters = {
            "country": await country_code(info, country),
            "framework": framework,
            "withoutSdg": without_sdg,
        }
        return await connection(info, pages.OUTCOMES, filters, first, after, Outcome.of)

    @strawberry.field(
        description="Agencies, optionally only those present in a country, a page at a time, "
        "ordered by id."
    )
    async def agencies_connection(
        self,
        info: Info,
        country: strawberry.ID | None = None,
        un_system_only: bool = False,
        first: int | None = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[Agency]:
        filters = {"country": await country_code(info, country), "unSystemOnly": un_system_only}
        return await connection(info, pages.AGENCIES, filters, first, after, Agency.of)
