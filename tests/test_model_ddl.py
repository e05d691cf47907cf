"""The schema of both engines is derived from graph.model, kind by kind."""

from __future__ import annotations

import re

from graph import embedded, neo4j
from graph.model import NODE_PROPS, REL_SPECS, NodeKind, RelKind

NODE_TABLE = re.compile(r"^CREATE NODE TABLE IF NOT EXISTS (\w+)\((.*)\)$")
REL_TABLE = re.compile(r"^CREATE REL TABLE IF NOT EXISTS (\w+)\((.*)\)$")
CONSTRAINT = re.compile(
    r"^CREATE CONSTRAINT (\w+) IF NOT EXISTS FOR \(n:(\w+)\) REQUIRE n\.id IS UNIQUE$"
)


def _tables(pattern: re.Pattern[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for statement in embedded.ddl():
        match = pattern.match(statement)
        if match:
            assert match[1] not in found, f"{match[1]} created twice"
            found[match[1]] = match[2]
    return found


def test_every_statement_is_a_table() -> None:
    for statement in embedded.ddl():
        assert NODE_TABLE.match(statement) or REL_TABLE.match(statement), statement


def test_every_node_kind_has_a_node_table() -> None:
    tables = _tables(NODE_TABLE)
    assert set(tables) == {k.value for k in NodeKind} == {k.value for k in NODE_PROPS}
    for kind, props in NODE_PROPS.items():
        columns = tables[kind.value]
        assert columns.startswith("id STRING PRIMARY KEY"), kind
        for prop in props:
            assert f"{prop.name} {prop.type.value}" in columns, (kind, prop.name)


def test_every_rel_has_a_rel_table() -> None:
    tables = _tables(REL_TABLE)
    assert set(tables) == {r.value for r in RelKind} == {r.value for r in REL_SPECS}
    for rel, spec in REL_SPECS.items():
        columns = tables[rel.value]
        assert spec.endpoints, rel
        for src, dst in spec.endpoints:
            assert f"FROM {src.value} TO {dst.value}" in columns, (rel, src, dst)
            assert src in NODE_PROPS and dst in NODE_PROPS
        for prop in spec.props:
            assert f"{prop.name} {prop.type.value}" in columns, (rel, prop.name)


def test_every_node_kind_has_a_neo4j_constraint() -> None:
    labels: list[str] = []
    names: list[str] = []
    for statement in neo4j.constraints():
        match = CONSTRAINT.match(statement)
        assert match, statement
        names.append(match[1])
        labels.append(match[2])
    assert sorted(labels) == sorted(k.value for k in NODE_PROPS)
    assert len(set(names)) == len(names)
