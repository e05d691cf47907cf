"""Facts as the write side sees them: identity, stated values, bookkeeping.

A fact is a node, named by its kind and id, or a relationship, named by an
EdgeKey (kind, endpoints, key). In a store a fact has its properties, the
sources asserting it and its origin (where it was last stated). The queries
that read facts back are generated from graph.model, like the upserts in
graph.writer, so a property added to the model is read and compared too.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from graph import stated
from graph.batch import EdgeKey, NodeKey
from graph.model import BOOKKEEPING, NODE_PROPS, REL_SPECS, NodeKind, Prop, RelKind
from graph.stated import Statements
from graph.store import Query, Reader, Row

FactKey = NodeKey | EdgeKey
Endpoints = tuple[RelKind, NodeKind, NodeKind]


@dataclass
class FactState:
    """A fact as stored: property values, asserting sources, origin, and what
    each source states while several do (graph.stated)."""

    props: dict[str, Any]
    sources: list[str] = field(default_factory=list)
    origin: str | None = None
    stated: Statements | None = None


def props_of(fact: FactKey) -> tuple[Prop, ...]:
    if isinstance(fact, EdgeKey):
        return REL_SPECS[fact.kind].props
    return NODE_PROPS[fact[0]]


def types_of(fact: FactKey) -> stated.Types:
    return _types(props_of(fact))


@cache
def _types(props: tuple[Prop, ...]) -> stated.Types:
    return {p.name: p.type for p in props}


def endpoint_pairs() -> list[Endpoints]:
    return [(rel, src, dst) for rel, spec in REL_SPECS.items() for src, dst in spec.endpoints]


def _columns(var: str, props: Sequence[Prop]) -> str:
    names = [*(p.name for p in props), *(p.name for p in BOOKKEEPING)]
    return ", ".join(f"{var}.{name} AS {name}" for name in names)


@cache
def nodes_by_id(kind: NodeKind) -> Query:
    # One lookup per id: LadybugDB answers `WHERE n.id IN $ids` by scanning
    # the whole table, and its primary-key index only for `{id: ...}`.
    return Query(
        f"facts_{kind.value}_by_id",
        f"UNWIND $ids AS wanted MATCH (n:{kind.value} {{id: wanted}}) "
        f"RETURN n.id AS id, {_columns('n', NODE_PROPS[kind])}",
    )


@cache
def nodes_of_source(kind: NodeKind) -> Query:
    return Query(
        f"facts_{kind.value}_of_source",
        f"MATCH (n:{kind.value}) WHERE $source IN n.sources "
        f"RETURN n.id AS id, {_columns('n', NODE_PROPS[kind])}",
    )


def _edge_match(rel: RelKind, src: NodeKind, dst: NodeKind, where: str) -> str:
    return f"MATCH (a:{src.value}){where}-[r:{rel.value}]->(b:{dst.value})"


@cache
def edges_by_key(rel: RelKind, src: NodeKind, dst: NodeKind) -> Query:
    return Query(
        f"facts_{rel.value}_{src.value}_{dst.value}_by_key",
        # The ends first, then the edge: see graph.writer.
        f"UNWIND $rows AS row MATCH (a:{src.value} {{id: row.src}}) "
        f"MATCH (b:{dst.value} {{id: row.dst}}) MATCH (a)-[r:{rel.value} {{key: row.key}}]->(b) "
        f"RETURN a.id AS src, b.id AS dst, r.key AS key, "
        f"{_columns('r', REL_SPECS[rel].props)}",
    )


@cache
def edges_of_source(rel: RelKind, src: NodeKind, dst: NodeKind) -> Query:
    return Query(
        f"facts_{rel.value}_{src.value}_{dst.value}_of_source",
        f"{_edge_match(rel, src, dst, '')} WHERE $source IN r.sources "
        f"RETURN a.id AS src, b.id AS dst, r.key AS key, "
        f"{_columns('r', REL_SPECS[rel].props)}",
    )


def _state(row: Row, props: tuple[Prop, ...]) -> FactState:
    return FactState(
        {p.name: row[p.name] for p in props},
        list(row["sources"] or []),
        row["origin"],
        stated.decode(row["stated"], _types(props)),
    )


async def read_facts(reader: Reader, facts: Iterable[FactKey]) -> dict[FactKey, FactState]:
    """The stored state of each fact that exists; absent facts are left out."""
    node_ids: dict[NodeKind, set[str]] = defaultdict(set)
    edges: list[EdgeKey] = []
    for fact in facts:
        if isinstance(fact, EdgeKey):
            edges.append(fact)
        else:
            node_ids[fact[0]].add(fact[1])
    found: dict[FactKey, FactState] = {}
    for kind, ids in node_ids.items():
        for row in await reader.read(nodes_by_id(kind), {"ids": sorted(ids)}):
            found[(kind, row["id"])] = _state(row, NODE_PROPS[kind])
    edge_rows: dict[Endpoints, list[dict[str, str]]] = defaultdict(list)
    for edge in edges:
        if _may_exist(edge, node_ids, found):
            edge_rows[(edge.kind, edge.src_kind, edge.dst_kind)].append(
                {"src": edge.src, "dst": edge.dst, "key": edge.key}
            )
    for (rel, src, dst), rows in edge_rows.items():
        for row in await reader.read(edges_by_key(rel, src, dst), {"rows": rows}):
            key = EdgeKey(rel, src, row["src"], dst, row["dst"], row["key"])
            found[key] = _state(row, REL_SPECS[rel].props)
    return found


def _may_exist(
    edge: EdgeKey, asked: dict[NodeKind, set[str]], found: dict[FactKey, FactState]
) -> bool:
    """False when an endpoint was looked up and is absent: no edge can hang from it.

    A first load is mostly new nodes; their edges need no lookup at all.
    """
    for kind, node_id in ((edge.src_kind, edge.src), (edge.dst_kind, edge.dst)):
        if node_id in asked.get(kind, ()) and (kind, node_id) not in found:
            return False
    return True


async def facts_of_source(reader: Reader, source: str) -> dict[FactKey, FactState]:
    """Every fact the source asserts now."""
    found: dict[FactKey, FactState] = {}
    params = {"source": source}
    for kind in NODE_PROPS:
        for row in await reader.read(nodes_of_source(kind), params):
            found[(kind, row["id"])] = _state(row, NODE_PROPS[kind])
    for rel, src, dst in endpoint_pairs():
        for row in await reader.read(edges_of_source(rel, src, dst), params):
            key = EdgeKey(rel, src, row["src"], dst, row["dst"], row["key"])
            found[key] = _state(row, REL_SPECS[rel].props)
    return found


def describe(fact: FactKey) -> str:
    """`Body RWA-OMT` or `MEMBER_OF UNDP -> RWA-OMT`: how people name a fact."""
    if isinstance(fact, EdgeKey):
        return f"{fact.kind.value} {fact.src} -> {fact.dst}"
    return f"{fact[0].value} {fact[1]}"


def subjects(fact: FactKey) -> tuple[str, ...]:
    """The ids of the nodes a fact is about."""
    if isinstance(fact, EdgeKey):
        return (fact.src, fact.dst)
    return (fact[1],)


@cache
def edges_at(rel: RelKind, src: NodeKind, dst: NodeKind, end: str) -> Query:
    """The relationships whose `end` ("a": source, "b": target) is one of $ids."""
    return Query(
        f"facts_{rel.value}_{src.value}_{dst.value}_at_{end}",
        f"{_edge_match(rel, src, dst, '')} WHERE {end}.id IN $ids "
        f"RETURN a.id AS src, b.id AS dst, r.key AS key, "
        f"{_columns('r', REL_SPECS[rel].props)}",
    )


async def edges_touching(
    reader: Reader, rel: RelKind, ids: Iterable[str], end: str
) -> dict[FactKey, FactState]:
    """Every `rel` relationship starting (end="a") or ending (end="b") at the given nodes."""
    wanted = sorted(set(ids))
    found: dict[FactKey, FactState] = {}
    if not wanted:
        return found
    for src, dst in REL_SPECS[rel].endpoints:
        for row in await reader.read(edges_at(rel, src, dst, end), {"ids": wanted}):
            key = EdgeKey(rel, src, row["src"], dst, row["dst"], row["key"])
            found[key] = _state(row, REL_SPECS[rel].props)
    return found
