"""The default store: LadybugDB, embedded, on disk, in this process.

LadybugDB's Python API is synchronous, so each call runs in a worker thread.
Reads run in read-only transactions on a connection per thread; writes are
serialised (the engine allows one writer) and each write is one transaction.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import ladybug

from graph import queries
from graph.errors import StoreQueryError, StoreUnavailableError
from graph.model import NODE_PROPS, REL_SPECS
from graph.store import Dialect, Params, Query, Row, Statement


def ddl() -> list[str]:
    """CREATE statements for every node and relationship table in graph.model."""
    statements = []
    for kind, props in NODE_PROPS.items():
        columns = ", ".join(["id STRING PRIMARY KEY", *(f"{p.name} {p.type.value}" for p in props)])
        statements.append(f"CREATE NODE TABLE IF NOT EXISTS {kind.value}({columns})")
    for rel, spec in REL_SPECS.items():
        pairs = ", ".join(f"FROM {src.value} TO {dst.value}" for src, dst in spec.endpoints)
        columns = ", ".join(["key STRING", *(f"{p.name} {p.type.value}" for p in spec.props)])
        statements.append(f"CREATE REL TABLE IF NOT EXISTS {rel.value}({pairs}, {columns})")
    return statements


class EmbeddedStore:
    """A GraphStore backed by a LadybugDB database directory."""

    dialect = Dialect.LADYBUG

    def __init__(self, path: str | Path, query_timeout_ms: int = 30_000) -> None:
        self.path = Path(path)
        self.description = f"embedded:{self.path}"
        self._timeout_ms = query_timeout_ms
        self._db: ladybug.Database | None = None
        self._local = threading.local()
        self._write_lock = threading.Lock()
        self._open_lock = threading.Lock()

    def _database(self) -> ladybug.Database:
        with self._open_lock:
            if self._db is None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                try:
                    self._db = ladybug.Database(str(self.path))
                except RuntimeError as e:
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
        await asyncio.to_thread(self._setup)

    def _setup(self) -> None:
        with self._write_lock:
            conn = self._connection()
            for statement in ddl():
                conn.execute(statement)

    async def read(self, query: Query, params: Params | None = None) -> list[Row]:
        return await asyncio.to_thread(self._read, query, dict(params or {}))

    def _read(self, query: Query, params: dict[str, Any]) -> list[Row]:
        conn = self._connection()
        conn.execute("BEGIN TRANSACTION READ ONLY")
        try:
            rows = _rows(_execute(conn, query, params, self.dialect), query)
        except BaseException:
            _rollback(conn)
            raise
        conn.execute("COMMIT")
        return rows

    async def write(self, statements: Sequence[Statement]) -> None:
        await asyncio.to_thread(self._write, statements)

    def _write(self, statements: Sequence[Statement]) -> None:
        with self._write_lock:
            conn = self._connection()
            conn.execute("BEGIN TRANSACTION")
            try:
                for statement in statements:
                    _execute(conn, statement.query, dict(statement.params), self.dialect)
            except BaseException:
                _rollback(conn)
                raise
            conn.execute("COMMIT")

    async def ping(self) -> None:
        try:
            await self.read(queries.PING)
        except StoreQueryError as e:
            raise StoreUnavailableError(str(e)) from e

    async def close(self) -> None:
        await asyncio.to_thread(self._close)

    def _close(self) -> None:
        with self._open_lock:
            if self._db is not None:
                self._db.close()
                self._db = None
        self._local = threading.local()


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
