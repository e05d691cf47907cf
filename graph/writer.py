"""Turns a plan (graph.sources) into statements for one transaction.

Statements are generated from graph.model: per node kind and per
(relationship, source kind, target kind) one `UNWIND $rows` each to create
new facts, update existing ones and delete retracted ones. Each endpoint is
found by its own MATCH (a comma-joined MATCH plans as a cross product on
LadybugDB), and an edge is found between its ends. On LadybugDB a row takes
the shape graph.embedded_rows gives it. The plan has already decided every
final value, so statements SET values outright; nothing here merges or
compares.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from typing import Any

from graph import embedded_rows, stated
from graph.batch import EdgeKey, NodeKey
from graph.facts import FactKey, FactState, props_of, types_of
from graph.model import BOOKKEEPING, NODE_PROPS, REL_SPECS, NodeKind, Prop, RelKind
from graph.sources import Plan
from graph.store import Dialect, Query, Statement

# Large files are split so that one parameter list stays a reasonable size;
# all chunks still run in the same transaction.
CHUNK = 2000


def _value(kind: NodeKind | RelKind, prop: Prop, dialect: Dialect) -> str:
    if dialect is Dialect.LADYBUG:
        return embedded_rows.expression(_columns(kind), prop)
    return f"row.{prop.name}"


@cache
def _columns(kind: NodeKind | RelKind) -> tuple[Prop, ...]:
    props = NODE_PROPS[kind] if isinstance(kind, NodeKind) else REL_SPECS[kind].props
    return (*props, *BOOKKEEPING)


def _assignments(var: str, kind: NodeKind | RelKind, dialect: Dialect) -> str:
    return ", ".join(f"{var}.{p.name} = {_value(kind, p, dialect)}" for p in _columns(kind))


def _literal(kind: NodeKind | RelKind, dialect: Dialect, first: str) -> str:
    return ", ".join([first, *(f"{p.name}: {_value(kind, p, dialect)}" for p in _columns(kind))])


def _ends(rel: RelKind, src: NodeKind, dst: NodeKind) -> str:
    return (
        f"UNWIND $rows AS row MATCH (a:{src.value} {{id: row.src}}) "
        f"MATCH (b:{dst.value} {{id: row.dst}}) "
    )


@cache
def node_create(kind: NodeKind, dialect: Dialect) -> Query:
    text = (
        f"UNWIND $rows AS row CREATE (n:{kind.value} {{{_literal(kind, dialect, 'id: row.id')}}})"
    )
    return Query(f"create_{kind.value}", text)


@cache
def node_update(kind: NodeKind, dialect: Dialect) -> Query:
    text = (
        f"UNWIND $rows AS row MATCH (n:{kind.value} {{id: row.id}}) "
        f"SET {_assignments('n', kind, dialect)}"
    )
    return Query(f"update_{kind.value}", text)


@cache
def node_delete(kind: NodeKind) -> Query:
    return Query(
        f"delete_{kind.value}",
        f"UNWIND $rows AS row MATCH (n:{kind.value} {{id: row.id}}) DETACH DELETE n",
    )


@cache
def edge_create(rel: RelKind, src: NodeKind, dst: NodeKind, dialect: Dialect) -> Query:
    text = (
        _ends(rel, src, dst)
        + f"CREATE (a)-[r:{rel.value} {{{_literal(rel, dialect, 'key: row.key')}}}]->(b)"
    )
    return Query(f"create_{rel.value}_{src.value}_{dst.value}", text)


def _edge_match(rel: RelKind, src: NodeKind, dst: NodeKind) -> str:
    # The ends first, then the edge between them: as one pattern, LadybugDB
    # scans the whole relationship table for every statement.
    return _ends(rel, src, dst) + f"MATCH (a)-[r:{rel.value} {{key: row.key}}]->(b) "


@cache
def edge_update(rel: RelKind, src: NodeKind, dst: NodeKind, dialect: Dialect) -> Query:
    text = _edge_match(rel, src, dst) + f"SET {_assignments('r', rel, dialect)}"
    return Query(f"update_{rel.value}_{src.value}_{dst.value}", text)


@cache
def edge_delete(rel: RelKind, src: NodeKind, dst: NodeKind) -> Query:
    return Query(
        f"delete_{rel.value}_{src.value}_{dst.value}", _edge_match(rel, src, dst) + "DELETE r"
    )


def _row(fact: FactKey, state: FactState | None, dialect: Dialect) -> dict[str, Any]:
    if isinstance(fact, EdgeKey):
        row: dict[str, Any] = {"src": fact.src, "dst": fact.dst, "key": fact.key}
        kind: NodeKind | RelKind = fact.kind
    else:
        row = {"id": fact[1]}
        kind = fact[0]
    if state is None:
        return row
    values = {p.name: state.props.get(p.name) for p in props_of(fact)}
    values.update(
        sources=state.sources,
        origin=state.origin,
        stated=stated.encode(state.stated, types_of(fact)),
    )
    if dialect is Dialect.LADYBUG:
        values = embedded_rows.encode(_columns(kind), values)
    row.update(values)
    return row


Group = tuple[str, NodeKind | RelKind, NodeKind | None, NodeKind | None]


def _group(fact: FactKey) -> Group:
    if isinstance(fact, EdgeKey):
        return ("edge", fact.kind, fact.src_kind, fact.dst_kind)
    node: NodeKey = fact
    return ("node", node[0], None, None)


def _grouped(
    facts: Iterable[tuple[FactKey, FactState | None]], dialect: Dialect
) -> dict[Group, list[dict[str, Any]]]:
    groups: dict[Group, list[dict[str, Any]]] = defaultdict(list)
    for fact, state in facts:
        groups[_group(fact)].append(_row(fact, state, dialect))
    return groups


def _query(group: Group, action: str, dialect: Dialect) -> Query:
    what, kind, src, dst = group
    if what == "node":
        assert isinstance(kind, NodeKind)
        if action == "delete":
            return node_delete(kind)
        return (node_create if action == "create" else node_update)(kind, dialect)
    assert isinstance(kind, RelKind) and src is not None and dst is not None
    if action == "delete":
        return edge_delete(kind, src, dst)
    return (edge_create if action == "create" else edge_update)(kind, src, dst, dialect)


def statements(plan: Plan, dialect: Dialect) -> list[Statement]:
    """Relationships out first, then nodes out; nodes in first, then relationships in."""
    deletes = _grouped(((fact, None) for fact in plan.deletes), dialect)
    writes = sorted(plan.writes.items(), key=_order)
    creates = _grouped(((f, s) for f, s in writes if f in plan.new), dialect)
    updates = _grouped(((f, s) for f, s in writes if f not in plan.new), dialect)
    result: list[Statement] = []
    for what in ("edge", "node"):
        result += _chunks(deletes, what, "delete", dialect)
    for what in ("node", "edge"):
        result += _chunks(creates, what, "create", dialect)
        result += _chunks(updates, what, "update", dialect)
    return result


def _order(item: tuple[FactKey, FactState]) -> tuple[str, ...]:
    fact = item[0]
    if isinstance(fact, EdgeKey):
        return (fact.kind, fact.src_kind, fact.dst_kind, fact.src, fact.dst, fact.key)
    return (fact[0], fact[1])


def _chunks(
    groups: dict[Group, list[dict[str, Any]]], what: str, action: str, dialect: Dialect
) -> list[Statement]:
    result = []
    for group, rows in groups.items():
        if group[0] != what:
            continue
        query = _query(group, action, dialect)
        result += [
            Statement(query, {"rows": rows[i : i + CHUNK]}) for i in range(0, len(rows), CHUNK)
        ]
    return result
