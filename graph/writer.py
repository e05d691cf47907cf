"""Turns a GraphBatch into idempotent upsert statements for one transaction.

Statements are generated from graph.model: one `UNWIND $rows` per node kind
and one per (relationship, source kind, target kind), each endpoint found by
its own MATCH (a comma-joined MATCH plans as a cross product on LadybugDB).
Properties are set with coalesce() so that a file which only mentions a node
(an agency named in an export, say) never erases what another file said of it.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from graph.batch import EdgeKey, GraphBatch
from graph.model import NODE_PROPS, REL_SPECS, NodeKind, Prop, RelKind
from graph.store import Dialect, Query, Statement

# Large files are split so that one parameter list stays a reasonable size;
# all chunks still run in the same transaction.
CHUNK = 2000


def _value(prop: Prop, dialect: Dialect) -> str:
    # LadybugDB types a parameter list from its values; a column that is null
    # in every row would be typed STRING, so it is cast to the declared type.
    if dialect is Dialect.LADYBUG:
        return f"CAST(row.{prop.name} AS {prop.type.value})"
    return f"row.{prop.name}"


def node_upsert(kind: NodeKind, dialect: Dialect) -> Query:
    sets = ", ".join(
        f"n.{p.name} = coalesce({_value(p, dialect)}, n.{p.name})" for p in NODE_PROPS[kind]
    )
    text = f"UNWIND $rows AS row MERGE (n:{kind.value} {{id: row.id}})"
    if sets:
        text += f" SET {sets}"
    return Query(f"upsert_{kind.value}", text)


def edge_upsert(kind: RelKind, src: NodeKind, dst: NodeKind, dialect: Dialect) -> Query:
    props = REL_SPECS[kind].props
    text = (
        f"UNWIND $rows AS row MATCH (a:{src.value} {{id: row.src}}) "
        f"MATCH (b:{dst.value} {{id: row.dst}}) "
        f"MERGE (a)-[r:{kind.value} {{key: row.key}}]->(b)"
    )
    if props:
        text += " SET " + ", ".join(
            f"r.{p.name} = coalesce({_value(p, dialect)}, r.{p.name})" for p in props
        )
    return Query(f"upsert_{kind.value}_{src.value}_{dst.value}", text)


def statements(batch: GraphBatch, dialect: Dialect) -> list[Statement]:
    """Nodes first (every kind), then relationships, so every MATCH finds its node."""
    node_rows: dict[NodeKind, list[dict[str, Any]]] = defaultdict(list)
    for (kind, node_id), props in sorted(batch.nodes.items()):
        row = {p.name: props.get(p.name) for p in NODE_PROPS[kind]}
        row["id"] = node_id
        node_rows[kind].append(row)
    edge_rows: dict[tuple[RelKind, NodeKind, NodeKind], list[dict[str, Any]]] = defaultdict(list)
    for edge, props in sorted(batch.edges.items(), key=lambda item: _edge_order(item[0])):
        row = {p.name: props.get(p.name) for p in REL_SPECS[edge.kind].props}
        row.update(src=edge.src, dst=edge.dst, key=edge.key)
        edge_rows[(edge.kind, edge.src_kind, edge.dst_kind)].append(row)

    result: list[Statement] = []
    for kind, rows in node_rows.items():
        result += _chunks(node_upsert(kind, dialect), rows)
    for (rel, src, dst), rows in edge_rows.items():
        result += _chunks(edge_upsert(rel, src, dst, dialect), rows)
    return result


def _edge_order(edge: EdgeKey) -> tuple[str, ...]:
    return (edge.kind, edge.src_kind, edge.dst_kind, edge.src, edge.dst, edge.key)


def _chunks(query: Query, rows: list[dict[str, Any]]) -> list[Statement]:
    return [Statement(query, {"rows": rows[i : i + CHUNK]}) for i in range(0, len(rows), CHUNK)]
