"""The one write path: loads, unloads and API edits all end here.

A batch -> a plan against what its source said before (graph.sources) ->
invariant checks (graph.invariants) -> one transaction that writes the plan,
records the source and, when anything visible changed, a change set
(graph.changes). The plan is computed inside that transaction, from what it
reads there, so concurrent writers cannot interleave. A preview is the same
path stopped before the transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from graph import changes, invariants, queries, writer
from graph.batch import GraphBatch
from graph.errors import UnknownSourceError
from graph.facts import FactKey
from graph.sources import Plan, Source, SourceKind, plan
from graph.store import GraphStore, Reader, Row, Transaction


@dataclass(frozen=True)
class Applied:
    plan: Plan
    change_set: str | None  # the id of the change set recorded, if anything changed
    written: bool  # False when there was nothing to write


class _Unchanged(Exception):
    """Raised inside the transaction to roll it back when there is nothing to do."""

    def __init__(self, result: Plan) -> None:
        self.plan = result


async def preview(
    reader: Reader,
    source: Source,
    batch: GraphBatch,
    *,
    replace: bool = True,
    retract: Iterable[FactKey] = (),
) -> Plan:
    """What `apply` would do, checked like it, with nothing written."""
    new = await _record_of(reader, source.name) is None
    result = await plan(reader, source, batch, replace=replace, retract=retract, new_source=new)
    await invariants.check(reader, result)
    return result


async def apply(
    store: GraphStore,
    source: Source,
    batch: GraphBatch,
    actor: str,
    *,
    replace: bool = True,
    retract: Iterable[FactKey] = (),
    unload: bool = False,
) -> Applied:
    """Writes `batch` as `source` (replacing or amending it) in one transaction.

    With unload=True the batch must be empty: the source's facts are all
    retracted and the source itself forgotten.
    """
    retracted = list(retract)

    async def work(tx: Transaction) -> Applied:
        last = await changes.take_counter(tx)
        known = await _record_of(tx, source.name)
        new = known is None and not unload  # an unload also clears facts of a forgotten source
        result = await plan(tx, source, batch, replace=replace, retract=retracted, new_source=new)
        await invariants.check(tx, result)
        if result.empty and not result.changes and _same(known, source, unload):
            raise _Unchanged(result)
        for statement in writer.statements(result, store.dialect):
            await tx.run(statement.query, statement.params)
        at = changes.now()
        await _record_source(tx, source, result, known, actor, at, unload)
        change_set = await changes.record(tx, last, result, actor, at) if result.changes else None
        return Applied(result, change_set, True)

    try:
        return await store.transact(work)
    except _Unchanged as nothing:
        return Applied(nothing.plan, None, False)


async def unload_source(store: GraphStore, name: str, actor: str) -> Applied:
    """Retracts everything a source asserts and forgets the source."""
    known = await _record_of(store, name)
    kind = SourceKind(known["kind"]) if known else SourceKind.DATA
    applied = await apply(store, Source(name, kind), GraphBatch(), actor, unload=True)
    if known is None and not applied.written:
        raise UnknownSourceError(f"no source named {name!r} (see `unct-graph sources`)")
    return applied


def _same(known: Row | None, source: Source, unload: bool) -> bool:
    if unload:
        return known is None
    return known is not None and known["hash"] == source.hash and source.hash is not None


async def _record_of(reader: Reader, name: str) -> Row | None:
    rows = await reader.read(queries.SOURCES_BY_NAME, {"names": [name]})
    return rows[0] if rows else None


async def _record_source(
    tx: Transaction,
    source: Source,
    result: Plan,
    known: Row | None,
    actor: str,
    at: datetime,
    unload: bool,
) -> None:
    if unload:
        await tx.run(queries.SOURCE_DELETE, {"name": source.name})
        return
    before = known or {}
    await tx.run(
        queries.SOURCE_UPSERT,
        {
            "name": source.name,
            "kind": source.kind.value,
            "file": source.file,
            "hash": source.hash,
            "loadedAt": at.isoformat(),
            "actor": actor,
            "nodes": int(before.get("nodes") or 0) + result.asserted["nodes"],
            "relationships": int(before.get("relationships") or 0)
            + result.asserted["relationships"],
        },
    )
