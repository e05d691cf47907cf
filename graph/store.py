"""The seam between the product and a graph engine.

schema/ and loaders/ see only this Protocol (through graph.repository and
graph.writer); the engines behind it are graph.embedded (LadybugDB) and
graph.neo4j (Neo4j). A store executes named Cypher from graph.queries in the
dialect it declares; it holds no domain logic, which is why one conformance
suite can demand identical answers from both.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol, TypeVar

Row = dict[str, Any]
Params = Mapping[str, Any]


class Dialect(StrEnum):
    LADYBUG = "ladybug"
    NEO4J = "neo4j"


@dataclass(frozen=True)
class Query:
    """A named Cypher text, with a variant for an engine only where unavoidable."""

    name: str
    cypher: str
    ladybug: str | None = None

    def text(self, dialect: Dialect) -> str:
        if dialect is Dialect.LADYBUG and self.ladybug is not None:
            return self.ladybug
        return self.cypher


@dataclass(frozen=True)
class Statement:
    query: Query
    params: Params


T = TypeVar("T")


class Reader(Protocol):
    """Anything that answers read queries: a store, or an open transaction."""

    async def read(self, query: Query, params: Params | None = None) -> list[Row]: ...


class Transaction(Reader, Protocol):
    """One open write transaction: reads see its own writes."""

    async def run(self, query: Query, params: Params | None = None) -> None: ...


Work = Callable[[Transaction], Awaitable[T]]


class GraphStore(Protocol):
    """What the rest of the product may ask of a graph engine."""

    dialect: Dialect
    description: str

    async def setup(self) -> None:
        """Create tables, constraints and indexes derived from graph.model."""

    async def read(self, query: Query, params: Params | None = None) -> list[Row]:
        """Run a read-only query; rows are dicts of plain Python values."""

    async def write(self, statements: Sequence[Statement]) -> None:
        """Run every statement in one transaction: all of them land, or none."""

    async def transact(self, work: Work[T]) -> T:
        """Run `work` in one write transaction, one at a time per store.

        It commits when `work` returns and rolls back when it raises. The
        store may run `work` again after a transient failure, so `work` must
        decide everything from what it reads inside the transaction.
        """

    async def ping(self) -> None:
        """Raise StoreUnavailableError unless the store answers a query now."""

    async def close(self) -> None: ...
