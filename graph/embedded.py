"""The default store: LadybugDB, embedded, on disk, in this process.

LadybugDB's Python API is synchronous, so each call runs in a worker thread.
Reads run, each in a transaction of its own, on a connection per thread. Writes run on
one dedicated writer thread, one transaction at a time (the engine allows one
writer); readers keep reading meanwhile.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import ladybug

from graph import deadline, queries
from graph.embedded_schema import migrate
from graph.errors import StoreLockedError, StoreQueryError, StoreUnavailableError
from graph.store import Dialect, Params, Query, Row, Statement, Transaction, Work
from graph.usage import metered

T = TypeVar("T")
R = TypeVar("R")
# How often a waiting writer checks whether the current one has finished.
_WRITER_POLL_S = 0.005


class EmbeddedStore:
    """A GraphStore backed by a LadybugDB database directory."""

    dialect = Dialect.LADYBUG

    def __init__(
        self,
        path: str | Path,
        query_timeout_ms: int = 30_000,
        read_only: bool = False,
        memory_mb: int = 0,
    ) -> None:
        self.path = Path(path)
        # LadybugDB's buffer pool holds cached pages and every query's working
        # memory; it grows to its high-water mark and keeps it. 0: its default.
        self._pool_bytes = memory_mb * 1024 * 1024
        self.description = f"embedded:{self.path}"
        self.read_only = read_only
        self._timeout_ms = query_timeout_ms
        self._db: ladybug.Database | None = None
        self._local = threading.local()
        self._tx_lock = threading.Lock()
        self._open_lock = threading.Lock()
        self._writer: ThreadPoolExecutor | None = None

    def _database(self) -> ladybug.Database:
        with self._open_lock:
            if self._db is None:
                if self.read_only and not self.path.exists():
                    raise StoreUnavailableError(f"{self.description} does not exist")
                if not self.read_only:
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                try:
                    self._db = ladybug.Database(
                        str(self.path), read_only=self.read_only, buffer_pool_size=self._pool_bytes
                    )
                except RuntimeError as e:
                    if "Could not set lock" in str(e):
                        raise StoreLockedError(
                            f"{self.description} is in use by another process "
                            "(a running `unct-graph serve`?)"
                        ) from e
                    raise StoreUnavailableError(f"cannot open {self.description}: {e}") from e
            return self._db

    def _connection(self) -> ladybug.Connection:
        # Connections are cheap but not shareable across threads.
        conn: ladybug.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = ladybug.Connection(self._database())
            conn.set_query_timeout(self._timeout_ms)
            self._local.conn = conn
        return conn

    async def setup(self) -> None:
        if self.read_only:
            return  # a read-only store is used as it is, never migrated
        async with self._writer_turn():
            await self._on_writer(lambda: migrate(self._connection().execute))

    @contextlib.asynccontextmanager
    async def _writer_turn(self) -> Any:
        # Polled rather than awaited in a thread: a cancelled waiter must not
        # leave a thread behind that takes the lock later and never frees it.
        while not self._tx_lock.acquire(blocking=False):
            await asyncio.sleep(_WRITER_POLL_S)
        try:
            yield
        finally:
            self._tx_lock.release()

    async def _on_writer(self, call: Callable[[], R]) -> R:
        if self._writer is None:
            self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ladybug-writer")
        return await asyncio.get_running_loop().run_in_executor(self._writer, call)

    @metered
    async def read(self, query: Query, params: Params | None = None) -> list[Row]:
        timeout_ms = max(1, int(deadline.time_left(self._timeout_ms / 1000) * 1000))
        call = _Call()
        try:
            return await asyncio.to_thread(self._read, query, dict(params or {}), timeout_ms, call)
        except asyncio.CancelledError:
            # The request is gone (deadline passed, client left): stop its query
            # now rather than let the worker thread finish it for nobody.
            call.cancel()
            raise
        except StoreQueryError as e:
            if deadline.passed():
                raise deadline.DeadlineExceededError() from e
            raise

    def _read(
        self, query: Query, params: dict[str, Any], timeout_ms: int, call: _Call
    ) -> list[Row]:
        conn = self._connection()
        if not call.begin(conn):
            raise StoreQueryError(f"{query.name}: cancelled")
        conn.set_query_timeout(timeout_ms)
        # One statement is one transaction (LadybugDB wraps each in its own),
        # and reads are the product's own read-only texts: an explicit
        # BEGIN/COMMIT around each cost two more calls into the engine.
        try:
            return _rows(_execute(conn, query, params, self.dialect), query)
        finally:
            call.end()

    async def write(self, statements: Sequence[Statement]) -> None:
        async def work(tx: Transaction) -> None:
            for statement in statements:
                await tx.run(statement.query, statement.params)

        await self.transact(work)

    async def transact(self, work: Work[T]) -> T:
        async with self._writer_turn():
            conn = await self._on_writer(self._connection)
            await self._on_writer(lambda: conn.execute("BEGIN TRANSACTION"))
            try:
                result = await work(_Transaction(self, conn))
            except BaseException:
                await self._on_writer(lambda: _rollback(conn))
                raise
            await self._on_writer(lambda: conn.execute("COMMIT"))
            return result

    async def ping(self) -> None:
        try:
            await self.read(queries.PING)
        except StoreQueryError as e:
            raise StoreUnavailableError(str(e)) from e

    async def close(self) -> None:
        await asyncio.to_thread(self._close)

    def _close(self) -> None:
        if self._writer is not None:
            self._writer.shutdown(wait=True)
            self._writer = None
        with self._open_lock:
            if self._db is not None:
                self._db.close()
                self._db = None
        self._local = threading.local()


class _Call:
    """One read on a worker thread, which the awaiting request may cancel."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._conn: ladybug.Connection | None = None
        self._cancelled = False

    def begin(self, conn: ladybug.Connection) -> bool:
        with self._lock:
            self._conn = conn
            return not self._cancelled

    def end(self) -> None:
        with self._lock:
            self._conn = None

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            if self._conn is not None:
                self._conn.interrupt()


class _Transaction:
    """The open write transaction, on the writer thread's connection."""

    def __init__(self, store: EmbeddedStore, conn: ladybug.Connection) -> None:
        self._store, self._conn = store, conn

    async def read(self, query: Query, params: Params | None = None) -> list[Row]:
        values = dict(params or {})
        conn, dialect = self._conn, self._store.dialect
        return await self._store._on_writer(
            lambda: _rows(_execute(conn, query, values, dialect), query)
        )

    async def run(self, query: Query, params: Params | None = None) -> None:
        values = dict(params or {})
        conn, dialect = self._conn, self._store.dialect
        await self._store._on_writer(lambda: _execute(conn, query, values, dialect))


def _rollback(conn: ladybug.Connection) -> None:
    # A failed statement may already have ended the transaction.
    with contextlib.suppress(RuntimeError):
        conn.execute("ROLLBACK")


def _execute(
    conn: ladybug.Connection, query: Query, params: dict[str, Any], dialect: Dialect
) -> Any:
    try:
        return conn.execute(query.text(dialect), params)
    except RuntimeError as e:
        raise StoreQueryError(f"{query.name}: {e}") from e


def _rows(result: Any, query: Query) -> list[Row]:
    try:
        columns = result.get_column_names()
        return [dict(zip(columns, values, strict=True)) for values in result.get_all()]
    except RuntimeError as e:
        raise StoreQueryError(f"{query.name}: {e}") from e
