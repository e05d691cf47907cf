"""Posts held by people (W3C ORG org:Post): the Resident Coordinator, who leads the UNCT
and to whom results group chairs answer."""

from __future__ import annotations

from datetime import date

import strawberry

from graph.model import AccountabilityKind, PostKind
from graph.store import Row
from schema import provenance
from schema.context import Info
from schema.cost import size
from schema.provenance import Provenance
from schema.types import Body, Country, bodies_by_id


def _as_of(info: Info, as_of: date | None) -> date:
    return as_of or info.context.today


@strawberry.type(description="A person holding a post; the name may be unknown.")
class Person:
    id: strawberry.ID
    name: str | None


@strawberry.type(description="Someone holding a post from `since` until `until`.")
class Holding:
    person: Person
    since: date | None
    until: date | None
    _sources: strawberry.Private[list[str]]
    _evidence: strawberry.Private[str | None]

    @classmethod
    def of(cls, row: Row) -> Holding:
        return cls(
            person=Person(id=strawberry.ID(row["person"]), name=row["name"]),
            since=row.get("since"),
            until=row.get("until"),
            _sources=list(row.get("sources") or []),
            _evidence=row.get("source"),
        )

    @strawberry.field(metadata=size(2), description="Who states it, and on what basis.")
    async def sources(self, info: Info) -> list[Provenance]:
        return await provenance.of_fact(info, self._sources, self._evidence)


@strawberry.type(description="A post, such as the UN Resident Coordinator of a country.")
class Post:
    id: strawberry.ID
    title: str
    kind: PostKind
    _country: strawberry.Private[str | None]
    _sources: strawberry.Private[list[str]]
    _evidence: strawberry.Private[str | None]

    @classmethod
    def of(cls, row: Row) -> Post:
        return cls(
            id=strawberry.ID(row["id"]),
            title=row["title"] or row["id"],
            kind=PostKind(row["kind"] or PostKind.OTHER.value),
            _country=row.get("country"),
            _sources=list(row.get("sources") or []),
            _evidence=row.get("source"),
        )

    @strawberry.field
    async def country(self, info: Info) -> Country | None:
        row = await info.context.loaders.country.load((self._country,)) if self._country else None
        return Country.of(row) if row else None

    @strawberry.field(
        metadata=size(1), description="The bodies it leads on `asOf` (default today)."
    )
    async def leads(self, info: Info, as_of: date | None = None) -> list[Body]:
        rows = await info.context.loaders.bodies_led.load((self.id, _as_of(info, as_of)))
        return await bodies_by_id(info, sorted({r["body"] for r in rows}))

    @strawberry.field(metadata=size(5), description="Who has held it, earliest first.")
    async def holders(self, info: Info) -> list[Holding]:
        return [Holding.of(r) for r in await info.context.loaders.holders.load((self.id,))]

    @strawberry.field(description="Who holds it on `asOf` (default today), when known.")
    async def holder(self, info: Info, as_of: date | None = None) -> Person | None:
        day = _as_of(info, as_of)
        for row in await info.context.loaders.holders.load((self.id,)):
            if (row["since"] or date.min) <= day <= (row["until"] or date.max):
                return Holding.of(row).person
        return None

    @strawberry.field(metadata=size(2), description="Who states it, and on what basis.")
    async def sources(self, info: Info) -> list[Provenance]:
        return await provenance.of_fact(info, self._sources, self._evidence)


@strawberry.type(description="A body's chair answering to a post: a yearly report, an appraisal.")
class Accountability:
    kind: AccountabilityKind
    since: date | None
    until: date | None
    _post: strawberry.Private[str]
    _sources: strawberry.Private[list[str]]
    _evidence: strawberry.Private[str | None]

    @classmethod
    def of(cls, row: Row) -> Accountability:
        return cls(
            kind=AccountabilityKind(row["kind"] or AccountabilityKind.OTHER.value),
            since=row.get("since"),
            until=row.get("until"),
            _post=row["post"],
            _sources=list(row.get("sources") or []),
            _evidence=row.get("source"),
        )

    @strawberry.field(description="The post answered to.")
    async def post(self, info: Info) -> Post:
        return Post.of(await info.context.loaders.post.load((self._post,)))

    @strawberry.field(metadata=size(2), description="Who states it, and on what basis.")
    async def sources(self, info: Info) -> list[Provenance]:
        return await provenance.of_fact(info, self._sources, self._evidence)


async def posts_by_id(info: Info, ids: list[str]) -> list[Post]:
    rows = await info.context.loaders.post.load_many([(i,) for i in ids])
    return [Post.of(r) for r in rows if r]


async def leaders(info: Info, body: str, as_of: date | None) -> list[Post]:
    rows = await info.context.loaders.posts_leading.load((body, _as_of(info, as_of)))
    return await posts_by_id(info, sorted({r["post"] for r in rows}))


async def accountability(info: Info, body: str, as_of: date | None) -> list[Accountability]:
    rows = await info.context.loaders.accountability.load((body, _as_of(info, as_of)))
    return [Accountability.of(r) for r in rows]


async def posts_of_country(info: Info, country: str) -> list[Post]:
    return await posts_by_id(info, await info.context.loaders.country_posts.load((country,)))


@strawberry.type
class PostQuery:
    @strawberry.field(description="A post by id, e.g. VNM-RC (the Resident Coordinator).")
    async def post(self, info: Info, id: strawberry.ID) -> Post | None:  # noqa: A002
        found = await posts_by_id(info, [id])
        return found[0] if found else None
