"""The production store: Neo4j 5 over Bolt, with the async driver.

Reads run in managed read transactions and writes in one managed write
transaction per call, so a file lands whole or not at all; the driver retries
transaction functions on transient failures, which is safe because every
statement is an idempotent MERGE. Routing URIs (neo4j://) reach clusters and
Aura; the driver keeps causal consistency with bookmarks within a session.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import date
from typing import Any, TypeVar

import neo4j
import neo4j.time
from neo4j import AsyncDriver, AsyncGraphDatabase, AsyncManagedTransaction
from neo4j.exceptions import (
    AuthError,
    ClientError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from graph import deadline
from graph.errors import StoreQueryError, StoreUnavailableError
from graph.model import META_PROPS, NODE_PROPS, legacy_adoption
from graph.store import Dialect, Params, Query, Row, Statement, Transaction, Work
from graph.usage import metered

T = TypeVar("T")

CONNECTION_TIMEOUT_S = 5.0
# How long a request may wait for a reachable server before it is told the
# store is unavailable (not a hang).
ACQUISITION_TIMEOUT_S = 10.0
RETRY_TIME_S = 10.0


def constraints() -> list[str]:
    """One uniqueness constraint per node kind in graph.model (it also indexes `id`)."""
    return [
        f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
        for label in [*(k.value for k in NODE_PROPS), *(k.value for k in META_PROPS)]
    ]


INDEXES = [
    "CREATE INDEX body_country IF NOT EXISTS FOR (n:Body) ON (n.country)",
    "CREATE INDEX outcome_country IF NOT EXISTS FOR (n:Outcome) ON (n.country)",
    "CREATE INDEX outcome_framework IF NOT EXISTS FOR (n:Outcome) ON (n.framework)",
    "CREATE INDEX framework_country IF NOT EXISTS FOR (n:Framework) ON (n.country)",
    "CREATE INDEX apikey_hash IF NOT EXISTS FOR (n:ApiKey) ON (n.hash)",
    "CREATE INDEX changeset_seq IF NOT EXISTS FOR (n:ChangeSet) ON (n.seq)",
]


class Neo4jStore:
    """A GraphStore backed by a Neo4j server or cluster."""

    dialect = Dialect.NEO4J

    def __init__(
        self,
        uri: str,
        user: str,
        password: str,
        database: str | None = None,
        query_timeout: float = 30.0,
    ) -> None:
        self.description = uri if database is None else f"{uri} (database {database})"
        self._database = database
        self._timeout = query_timeout
        self._ready = False
        self._uri, self._auth = uri, (user, password)
        self._driver_instance: AsyncDriver | None = None
        # The columns each read query returns, learnt from its first run (the
        # texts are the product's own, so this holds a few hundred at most).
        self._columns: dict[str, list[str]] = {}

    @property
    def _driver(self) -> AsyncDriver:
        # Created on first use, inside the event loop that will use it; close()
        # drops it, so a closed store can be used again (by a later loop).
        if self._driver_instance is None:
            self._driver_instance = AsyncGraphDatabase.driver(
                self._uri,
                auth=self._auth,
                connection_timeout=CONNECTION_TIMEOUT_S,
                connection_acquisition_timeout=ACQUISITION_TIMEOUT_S,
                max_transaction_retry_time=RETRY_TIME_S,
                # Queries name labels and properties a young graph may not have
                # yet; the server's "does not exist" notices are noise here.
                notifications_min_severity="OFF",
            )
        return self._driver_instance

    async def setup(self) -> None:
        # One transaction per schema command: they cannot share one with each other or data.
        self._ready = True
        try:
            for statement in [*constraints(), *INDEXES]:
                await self._run_write([Statement(Query("schema", statement), {})])
            # Neo4j has no columns to add; data from before sources were
            # recorded is adopted in place (a no-op once done).
            adopt = [Statement(Query("adopt_legacy", s), {}) for s in legacy_adoption()]
            await self._run_write(adopt)
        except BaseException:
            self._ready = False
            raise

    @metered
    async def read(self, query: Query, params: Params | None = None) -> list[Row]:
        # The server ends the transaction when the request's time is up; a
        # cancelled request (deadline, client gone) closes its connection,
        # which ends the transaction too.
        timeout = deadline.time_left(self._timeout)
        reached = False

        async def work(tx: AsyncManagedTransaction) -> list[Row]:
            nonlocal reached
            reached = True
            return await self._rows(tx, query, dict(params or {}))

        try:
            # The driver retries an unreachable server for longer than a
            # request may wait: past the time left, the request is told so.
            async with (
                asyncio.timeout(timeout),
                self._driver.session(
                    database=self._database, default_access_mode=neo4j.READ_ACCESS
                ) as session,
            ):
                return await session.execute_read(_timed(work, timeout))
        except TimeoutError as e:
            if not reached:
                raise StoreUnavailableError("Neo4j is unavailable: no connection in time") from e
            raise deadline.DeadlineExceededError() from e
        except Exception as e:
            if deadline.passed():
                raise deadline.DeadlineExceededError() from e
            raise _translate(e, query.name) from e

    async def _rows(
        self, tx: AsyncManagedTransaction, query: Query, params: dict[str, Any]
    ) -> list[Row]:
        # The driver spends tens of microseconds on each record it receives:
        # for a read of thousands of rows, most of its time. Once a query's
        # columns are known, its rows come back as one list in one record.
        cypher = query.text(self.dialect)
        columns = self._columns.get(cypher)
        if columns is None:
            result = await tx.run(cypher, params)
            rows = [_plain(record.data()) async for record in result]
            self._columns[cypher] = list(result.keys())
            return rows
        result = await tx.run(_collected(cypher, columns), params)
        record = await result.single(strict=True)
        found: list[Row] = _plain(record["rows"])
        return found

    async def write(self, statements: Sequence[Statement]) -> None:
        await self._run_write(statements)

    async def _run_write(self, statements: Sequence[Statement]) -> None:
        async def work(tx: Transaction) -> None:
            for statement in statements:
                await tx.run(statement.query, statement.params)

        await self.transact(work)

    async def transact(self, work: Work[T]) -> T:
        async def managed(tx: AsyncManagedTransaction) -> T:
            return await work(_Transaction(tx, self.dialect))

        if not self._ready:
            await self.setup()
        try:
            async with self._driver.session(database=self._database) as session:
                return await session.execute_write(managed)
        except Exception as e:
            raise _translate(e, "write") from e

    async def ping(self) -> None:
        try:
            await self._driver.verify_connectivity()
        except Exception as e:
            raise StoreUnavailableError(f"Neo4j at {self.description} is unreachable: {e}") from e

    async def close(self) -> None:
        if self._driver_instance is not None:
            await self._driver_instance.close()
            self._driver_instance = None


class _Transaction:
    """The open write transaction of a managed transaction function."""

    def __init__(self, tx: AsyncManagedTransaction, dialect: Dialect) -> None:
        self._tx, self._dialect = tx, dialect

    # Driver errors pass through untranslated: the driver retries the whole
    # transaction function on transient ones, and transact() translates the rest.
    async def read(self, query: Query, params: Params | None = None) -> list[Row]:
        result = await self._tx.run(query.text(self._dialect), dict(params or {}))
        return [_plain(record.data()) async for record in result]

    async def run(self, query: Query, params: Params | None = None) -> None:
        result = await self._tx.run(query.text(self._dialect), dict(params or {}))
        await result.consume()


def _collected(cypher: str, columns: Sequence[str]) -> str:
    """`cypher`, answering one row: the list of its rows, each a map of its columns."""
    fields = ", ".join(f"`{c}`: `{c}`" for c in columns)
    return f"CALL {{ {cypher} }} RETURN collect({{{fields}}}) AS rows"


def _timed(work: Any, timeout: float) -> Any:
    """Ask the server to end a transaction that runs past the timeout."""
    return neo4j.unit_of_work(timeout=timeout)(work)


def _plain(value: Any) -> Any:
    """Neo4j temporal values -> Python ones, so both stores return the same rows."""
    if isinstance(value, neo4j.time.Date):
        return date(value.year, value.month, value.day)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _translate(error: Exception, name: str) -> Exception:
    if isinstance(error, ServiceUnavailable | SessionExpired | AuthError | OSError):
        return StoreUnavailableError(f"Neo4j is unavailable: {error}")
    if isinstance(error, ClientError) and "Timeout" in (error.code or ""):
        return StoreQueryError(f"{name}: query timed out")
    if isinstance(error, Neo4jError | DriverError):
        return StoreQueryError(f"{name}: {error}")
    return error
