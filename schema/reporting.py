"""Reporting lines as facts: who reports to whom, from when, and on whose word."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry

from graph.model import BodyKind
from graph.provenance import Basis
from graph.store import Row
from schema import provenance
from schema.arguments import body_id
from schema.context import Info
from schema.cost import size
from schema.provenance import Provenance
from schema.types import Body, bodies_by_id


@strawberry.type(description="One body reporting to another, from `since` until `until`.")
class ReportingLine:
    since: date | None
    until: date | None
    _from: strawberry.Private[str]
    _to: strawberry.Private[str]
    _sources: strawberry.Private[list[str]]
    _evidence: strawberry.Private[str | None]

    @classmethod
    def of(cls, row: Row) -> ReportingLine:
        return cls(
            since=row.get("since"),
            until=row.get("until"),
            _from=row["src"],
            _to=row["dst"],
            _sources=list(row.get("sources") or []),
            _evidence=row.get("source"),
        )

    @strawberry.field(name="from", description="The body that reports.")
    async def from_(self, info: Info) -> Body:
        return (await bodies_by_id(info, [self._from]))[0]

    @strawberry.field(description="The body reported to.")
    async def to(self, info: Info) -> Body:
        return (await bodies_by_id(info, [self._to]))[0]

    @strawberry.field(
        metadata=size(2),
        description="Where the line comes from: each source stating it, and on what basis.",
    )
    async def sources(self, info: Info) -> list[Provenance]:
        return await provenance.of_fact(info, self._sources, self._evidence)


async def lines_from(info: Info, body: str, as_of: date) -> list[ReportingLine]:
    rows = await info.context.loaders.reporting_lines.load((body, as_of))
    return [ReportingLine.of(r) for r in rows]


@strawberry.type
class ReportingQuery:
    @strawberry.field(
        metadata=size(4),
        description="The reporting lines of `reportingLine`'s chain, each with its dates and "
        "sources: the chain an RC office can defend, line by line.",
    )
    async def reporting_path(
        self,
        info: Info,
        from_: Annotated[strawberry.ID, strawberry.argument(name="from")],
        to: BodyKind = BodyKind.STEERING_COMMITTEE,
        as_of: date | None = None,
        basis: list[Basis] | None = None,
    ) -> list[ReportingLine]:
        start = await body_id(info, from_)
        row = await info.context.loaders.body.load((start,)) if start else None
        if row is None or row["kind"] == to.value:
            return []
        day = as_of or info.context.today
        chain = await info.context.graph.reporting_chain(row, to.value, day, basis)
        return [ReportingLine.of(line) for line in chain]
