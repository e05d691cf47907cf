"""The schema of both engines is derived from graph.model, kind by kind."""

from __future__ import annotations

import re
from pathlib import Path

from graph import embedded_schema, neo4j
from graph.model import BOOKKEEPING, META_PROPS, NODE_PROPS, REL_SPECS, MetaKind, NodeKind, RelKind

NODE_TABLE = re.compile(r"^CREATE NODE TABLE IF NOT EXISTS (\w+)\((.*)\)$")
REL_TABLE = re.compile(r"^CREATE REL TABLE IF NOT EXISTS (\w+)\((.*)\)$")
CONSTRAINT = re.compile(
    r"^CREATE CONSTRAINT (\w+) IF NOT EXISTS FOR \(n:(\w+)\) REQUIRE n\.id IS UNIQUE$"
)


def _tables(pattern: re.Pattern[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for statement in embedded_schema.ddl():
        match = pattern.match(statement)
        if match:
            assert match[1] not in found, f"{match[1]} created twice"
            found[match[1]] = match[2]
    return found


def test_every_statement_is_a_table() -> None:
    for statement in embedded_schema.ddl():
        assert NODE_TABLE.match(statement) or REL_TABLE.match(statement), statement


def test_every_node_kind_has_a_node_table() -> None:
    tables = _tables(NODE_TABLE)
    assert {k.value for k in NodeKind} == {k.value for k in NODE_PROPS}
    assert {k.value for k in MetaKind} == {k.value for k in META_PROPS}
    assert set(tables) == {k.value for k in NodeKind} | {k.value for k in MetaKind}
    for kind, props in NODE_PROPS.items():
        columns = tables[kind.value]
        assert columns.startswith("id STRING PRIMARY KEY"), kind
        for prop in (*props, *BOOKKEEPING):
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
        for prop in (*spec.props, *BOOKKEEPING):
            assert f"{prop.name} {prop.type.value}" in columns, (rel, prop.name)


def test_every_node_kind_has_a_neo4j_constraint() -> None:
    labels: list[str] = []
    names: list[str] = []
    for statement in neo4j.constraints():
        match = CONSTRAINT.match(statement)
        assert match, statement
        names.append(match[1])
        labels.append(match[2])
    assert sorted(labels) == sorted(
        [*(k.value for k in NODE_PROPS), *(k.value for k in META_PROPS)]
    )
    assert len(set(names)) == len(names)


def test_an_older_embedded_store_is_migrated_in_place(tmp_path: Path) -> None:
    """A store made before a column or endpoint pair existed gains it and keeps its data."""
    import ladybug

    db = ladybug.Database(str(tmp_path / "old.lbug"))
    conn = ladybug.Connection(db)
    conn.execute("CREATE NODE TABLE Body(id STRING PRIMARY KEY, name STRING)")
    conn.execute("CREATE NODE TABLE Agency(id STRING PRIMARY KEY)")
    conn.execute("CREATE REL TABLE MEMBER_OF(FROM Agency TO Body, key STRING, role STRING)")
    conn.execute(
        "CREATE (:Agency {id: 'UNDP'})-[:MEMBER_OF {key: 'k', role: 'CHAIR'}]->"
        "(:Body {id: 'B', name: 'Old body'})"
    )
    altered = embedded_schema.migrate(conn.execute)
    assert "ALTER TABLE Body ADD sources STRING[]" in altered
    assert "ALTER TABLE MEMBER_OF ADD FROM Partner TO Body" in altered
    rows = conn.execute("MATCH (a)-[r:MEMBER_OF]->(b:Body) RETURN b.name, r.role, b.kind").get_all()
    assert rows == [["Old body", "CHAIR", None]]
    assert embedded_schema.migrate(conn.execute) == []
    conn.close()
    db.close()
