"""The writer's statements, checked as text with no store (as neo4j-graphrag
tests its generated Cypher): labels and types from the model, values only in
parameters, nodes before relationships."""

from __future__ import annotations

import pytest

from graph import writer
from graph.batch import GraphBatch
from graph.model import NODE_PROPS, REL_SPECS, NodeKind, RelKind
from graph.store import Dialect

HOSTILE = "'}) MATCH (n) DETACH DELETE n //"


@pytest.mark.parametrize("dialect", list(Dialect))
def test_node_upsert_sets_every_model_property(dialect: Dialect) -> None:
    for kind in NodeKind:
        text = writer.node_upsert(kind, dialect).text(dialect)
        assert text.startswith(f"UNWIND $rows AS row MERGE (n:{kind.value} {{id: row.id}})")
        for prop in NODE_PROPS[kind]:
            assert f"n.{prop.name} = coalesce(" in text
            cast = f"CAST(row.{prop.name} AS {prop.type.value})"
            assert (cast in text) == (dialect is Dialect.LADYBUG)


@pytest.mark.parametrize("dialect", list(Dialect))
def test_edge_upsert_matches_each_end_on_its_own(dialect: Dialect) -> None:
    for rel, spec in REL_SPECS.items():
        for src, dst in spec.endpoints:
            text = writer.edge_upsert(rel, src, dst, dialect).text(dialect)
            assert (
                f"MATCH (a:{src.value} {{id: row.src}}) MATCH (b:{dst.value} {{id: row.dst}})"
                in text
            )
            assert f"MERGE (a)-[r:{rel.value} {{key: row.key}}]->(b)" in text


def test_statements_carry_values_as_parameters_only() -> None:
    batch = GraphBatch()
    batch.node(NodeKind.BODY, HOSTILE, name=HOSTILE, kind="UNCT")
    batch.node(NodeKind.AGENCY, "UNDP", name="UNDP")
    batch.edge(RelKind.MEMBER_OF, (NodeKind.AGENCY, "UNDP"), (NodeKind.BODY, HOSTILE), HOSTILE)
    statements = writer.statements(batch, Dialect.NEO4J)
    assert all(HOSTILE not in s.query.cypher for s in statements)
    kinds = [s.query.name for s in statements]
    assert kinds.index("upsert_MEMBER_OF_Agency_Body") > max(
        kinds.index("upsert_Body"), kinds.index("upsert_Agency")
    )
    rows = [row for s in statements for row in s.params["rows"]]
    assert {"id": HOSTILE}.items() <= next(r for r in rows if r.get("id") == HOSTILE).items()
    assert any(r.get("key") == HOSTILE for r in rows)


def test_large_batches_are_chunked() -> None:
    batch = GraphBatch()
    for number in range(writer.CHUNK + 1):
        batch.node(NodeKind.PARTNER, f"P{number}", name="x")
    statements = writer.statements(batch, Dialect.LADYBUG)
    assert [len(s.params["rows"]) for s in statements] == [writer.CHUNK, 1]
