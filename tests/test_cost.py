"""The cost and depth of queries, computed from the document against the real schema."""

from __future__ import annotations

from typing import Any

import pytest
from graphql import parse

from api.graphql import build_schema
from schema.cost import CostModel, Measure, measure
from schema.limits import QueryLimits

SCHEMA = build_schema()._schema
LIMITS = QueryLimits()


def _measure(query: str, **variables: Any) -> Measure:
    return measure(SCHEMA, parse(query), None, variables, CostModel())


def test_lists_multiply_what_is_beneath_them() -> None:
    assert _measure("{ sdgGoals { code } }") == Measure(cost=17 * 2, depth=2)
    assert _measure("{ sdgGoals { code title } }").cost == 17 * 3
    assert _measure("{ sdgGoals { code targets { code } } }").cost == 17 * (2 + 10 * 2)


def test_aliases_and_fragments_count_where_they_are_used() -> None:
    once = _measure("{ sdgGoals { code } }").cost
    assert _measure("{ a: sdgGoals { code } b: sdgGoals { code } }").cost == 2 * once
    spread = "{ ...G ...G } fragment G on Query { sdgGoals { code } }"
    assert _measure(spread).cost == 2 * once
    inline = "{ ... on Query { sdgGoals { code } } }"
    assert _measure(inline).cost == once


def test_first_sets_the_size_of_a_connection() -> None:
    query = "query($n: Int) { bodiesConnection(first: $n) { edges { node { id } } } }"
    assert _measure(query, n=10).cost == 10 * (1 + 1 * (1 + 1 * (1 + 1)))
    assert _measure(query, n=50).cost == 5 * _measure(query, n=10).cost
    # an absent `first` counts as the default page size, a huge one as the maximum
    assert _measure("{ bodiesConnection { totalCount } }").cost == 20 * 2
    assert _measure(query, n=10**9).cost == _measure(query, n=100).cost


def test_a_root_list_of_everything_costs_more_than_one_country() -> None:
    everything = _measure("{ outcomes { id } }").cost
    one = _measure('{ outcomes(country: "KHM") { id } }').cost
    assert everything >= 50 * one
    assert _measure("query($c: ID) { outcomes(country: $c) { id } }", c=None).cost == everything


def test_the_nested_query_of_the_report_is_far_over_the_limit() -> None:
    found = _measure(
        "{ outcomes { contributors { agency { outcomes { contributors { agency "
        "{ outcomes { id } } } } } } } }"
    )
    assert found.cost > 100 * LIMITS.max_cost
    assert found.depth == 8


def test_fragment_fan_out_is_measured_once_per_fragment() -> None:
    fragments = " ".join(
        f"fragment F{i} on Query {{ " + " ".join([f"...F{i + 1}"] * 4) + " }" for i in range(40)
    )
    query = "{ ...F0 } " + fragments + " fragment F40 on Query { sdgGoals { code } }"
    # 4^40 spreads if walked naively; measured once per fragment, it returns at once.
    assert _measure(query).cost == 4**40 * 34


def test_cycles_and_unknown_names_do_not_break_the_measure() -> None:
    assert (
        _measure("{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }") == Measure()
    )
    assert _measure("{ nope { deeper } sdgGoals { code } }").cost == 1 + 34
    assert _measure("{ ...Missing }") == Measure()


@pytest.mark.parametrize(
    "page",
    [
        # a country's outcomes with contributors and SDG goals
        """{ outcomes(country: "KHM") { id code title framework { id title }
             contributors { agency { id name } via } sdgGoals { code title } } }""",
        # an org chart: the bodies of a country with chairs, members and reporting lines
        """{ bodies(country: "KHM") { id name kind chair { id name }
             members { role since until agency { id name } partner { id name } }
             reportsTo { id } } }""",
        # SDG coverage
        """{ sdgCoverage(country: "KHM") { uncoveredGoals { code title }
             outcomesWithoutSdg { id title }
             goals { goal { code title } outcomes { id title } } } }""",
        # a body's members
        """{ body(id: "KHM-OMT") { id name members { role since until agency { id name }
             partner { id name } } outcomes { id title } } }""",
    ],
)
def test_normal_pages_pass_comfortably(page: str) -> None:
    found = _measure(page)
    assert found.cost <= LIMITS.max_cost // 4
    assert found.depth <= LIMITS.max_depth


def test_every_list_field_names_its_typical_size() -> None:
    # A list without an estimate counts as 25 long; one that is usually
    # longer lets heavy queries through, one that is shorter refuses normal
    # ones. Each list says what it is, next to its resolver: `size(n)`.
    from graphql import GraphQLObjectType, get_nullable_type, is_list_type

    missing = []
    for name, graphql_type in SCHEMA.type_map.items():
        if name.startswith("__") or not isinstance(graphql_type, GraphQLObjectType):
            continue
        for field_name, field in graphql_type.fields.items():
            if not is_list_type(get_nullable_type(field.type)) or "first" in field.args:
                continue
            definition = (field.extensions or {}).get("strawberry-definition")
            if "unct_graph.size" not in getattr(definition, "metadata", {}):
                missing.append(f"{name}.{field_name}")
    assert not missing, f"list fields without size(...): {missing}"
