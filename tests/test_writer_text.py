"""The writer's statements, checked as text with no store (as neo4j-graphrag
tests its generated Cypher): labels and types from the model, every declared
property written, values only in parameters, deletes before writes."""

from __future__ import annotations

from datetime import date

import pytest

from graph import embedded_rows, writer
from graph.batch import EdgeKey
from graph.facts import FactState
from graph.model import BOOKKEEPING, NODE_PROPS, REL_SPECS, NodeKind, Prop, PropType, RelKind
from graph.sources import Plan, Source, SourceKind
from graph.store import Dialect

HOSTILE = "'}) MATCH (n) DETACH DELETE n //"
N, R = NodeKind, RelKind


@pytest.mark.parametrize("dialect", list(Dialect))
def test_node_statements_name_the_label_and_every_property(dialect: Dialect) -> None:
    for kind in NodeKind:
        create = writer.node_create(kind, dialect).text(dialect)
        update = writer.node_update(kind, dialect).text(dialect)
        assert create.startswith(f"UNWIND $rows AS row CREATE (n:{kind.value} {{id: row.id")
        assert update.startswith(f"UNWIND $rows AS row MATCH (n:{kind.value} {{id: row.id}})")
        columns = (*NODE_PROPS[kind], *BOOKKEEPING)
        for prop in columns:
            value = (
                embedded_rows.expression(columns, prop)
                if dialect is Dialect.LADYBUG
                else f"row.{prop.name}"
            )
            assert f"{prop.name}: {value}" in create
            assert f"n.{prop.name} = {value}" in update
        assert writer.node_delete(kind).text(dialect).endswith("DETACH DELETE n")


@pytest.mark.parametrize("dialect", list(Dialect))
def test_edge_statements_match_each_end_on_its_own(dialect: Dialect) -> None:
    for rel, spec in REL_SPECS.items():
        for src, dst in spec.endpoints:
            text = writer.edge_create(rel, src, dst, dialect).text(dialect)
            ends = f"MATCH (a:{src.value} {{id: row.src}}) MATCH (b:{dst.value} {{id: row.dst}})"
            assert ends in text
            assert f"CREATE (a)-[r:{rel.value} {{key: row.key" in text
            for prop in (*spec.props, *BOOKKEEPING):
                assert f"{prop.name}: " in text


def test_values_travel_as_parameters_and_deletes_come_first() -> None:
    body = (N.BODY, HOSTILE)
    agency = (N.AGENCY, "UNDP")
    seat = EdgeKey(R.MEMBER_OF, N.AGENCY, "UNDP", N.BODY, HOSTILE, HOSTILE)
    gone = (N.PARTNER, "P-OLD")
    state = FactState({"name": HOSTILE, "kind": "UNCT"}, [HOSTILE], HOSTILE)
    plan = Plan(
        Source("test", SourceKind.PACK),
        writes={body: state, agency: FactState({"name": "UNDP"}), seat: FactState({})},
        new={body, agency, seat},
        deletes=[gone],
    )
    statements = writer.statements(plan, Dialect.NEO4J)
    assert all(HOSTILE not in s.query.cypher for s in statements)
    names = [s.query.name for s in statements]
    assert names[0] == "delete_Partner"
    assert names.index("create_MEMBER_OF_Agency_Body") > names.index("create_Body")
    rows = [row for s in statements for row in s.params["rows"]]
    assert any(r.get("id") == HOSTILE and r.get("sources") == [HOSTILE] for r in rows)
    assert any(r.get("key") == HOSTILE and r.get("dst") == HOSTILE for r in rows)


def test_large_plans_are_chunked() -> None:
    writes = {(N.PARTNER, f"P{n}"): FactState({"name": "x"}) for n in range(writer.CHUNK + 1)}
    plan = Plan(Source("test", SourceKind.PACK), writes=writes, new=set(writes))
    statements = writer.statements(plan, Dialect.LADYBUG)
    assert [len(s.params["rows"]) for s in statements] == [writer.CHUNK, 1]


def test_embedded_rows_carry_every_value_back_as_stated() -> None:
    columns = (*NODE_PROPS[N.SUB_OUTPUT], *BOOKKEEPING)
    values = {
        "title": HOSTILE,
        "startDate": date(2021, 2, 28),
        "required": 0.1,
        "budgetYears": [2021],
        "sources": ["a.csv"],
    }
    row = embedded_rows.encode(columns, values)
    scalars = [p for p in columns if not p.type.value.endswith("[]")]
    assert row["c"][scalars.index(Prop("title"))] == HOSTILE
    assert row["c"][scalars.index(Prop("startDate", PropType.DATE))] == "2021-02-28"
    assert row["c"][scalars.index(Prop("required", PropType.FLOAT))] == "0.1"
    assert row["budgetYears"] == [2021] and row["sources"] == ["a.csv"]
    title = embedded_rows.expression(columns, Prop("title"))
    assert title == f"CAST(row.c[{scalars.index(Prop('title')) + 1}] AS STRING)"
