"""Each headline question as the fewest Cypher statements that return its facts.

Run in-process through the store classes, these are the ceiling of what a
store can do for a question: no GraphQL, no HTTP, no resolvers, no
DataLoaders, one round trip each. They keep to
the portable subset of DESIGN.md and graph/queries.py; where LadybugDB needs
other text (no list or pattern comprehensions: `list_transform`, `label(m)`,
its own filter on each hop of a variable-length pattern) the variant sits in
the same Query, as in graph/queries.py. Lists of maps are collected with
`CASE WHEN x IS NULL THEN NULL ELSE {..} END` so an OPTIONAL MATCH that found
nothing yields an empty list on both engines. Each engine gets the quickest
form found for it (timed on the small data set): the outcomes question is
COLLECT subqueries on Neo4j and flat rows glued with UNION ALL on LadybugDB.

Memberships and reporting lines are those valid on $asOf (the server's
default is today); an agency is asked by its id (the server also resolves
aliases).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from bench.data import Variables
from graph.store import Query

_VALID = "(r.since IS NULL OR r.since <= $asOf) AND (r.until IS NULL OR r.until >= $asOf)"


# Neo4j: one row per outcome, each list a COLLECT subquery (Neo4j 5), the
# quickest form there. LadybugDB has no COLLECT subqueries, and chaining
# OPTIONAL MATCH and collect() through WITH is 3-4x slower on it than one flat
# row per fact in parts glued by UNION ALL (the client groups them).
_OUTCOME_PATHS = {
    "direct": ("DIRECT", "(o)<-[:PART_OF*0..2]-(x)<-[:CONTRIBUTES_TO]-(a:Agency)"),
    "viaResultsGroup": ("RESULTS_GROUP", "(o)<-[:COVERS]-(:Body)<-[:MEMBER_OF]-(a:Agency)"),
    "viaJointProgramme": (
        "JOINT_PROGRAMME",
        "(o)<-[:PART_OF*0..2]-(x)<-[:COVERS]-(:JointProgramme)<-[:PARTICIPATES_IN]-(a:Agency)",
    ),
}
_OUTCOME_GOALS = "(o)<-[:PART_OF*0..2]-(x)-[:ALIGNED_WITH]->(t)-[:PART_OF*0..1]->(g:SdgGoal)"
_COUNTRY_OUTCOMES = "MATCH (o:Outcome) WHERE o.country = $country"


def _outcome(path: str) -> str:
    """A path from `(o)` (the outer outcome of a subquery), starting a MATCH of its own."""
    return path.replace("(o)", "(o:Outcome)", 1)


OUTCOMES = Query(
    "bench_outcomes",
    f"{_COUNTRY_OUTCOMES} RETURN o.id AS id, o.code AS code, o.title AS title, "
    + "".join(
        f"COLLECT {{ MATCH {path} RETURN DISTINCT {{id: a.id, name: a.name}} }} AS {column}, "
        for column, (_, path) in _OUTCOME_PATHS.items()
    )
    + f"COLLECT {{ MATCH {_OUTCOME_GOALS} RETURN DISTINCT {{code: g.code, title: g.title}} }} "
    "AS sdgGoals",
    ladybug=" UNION ALL ".join(
        [
            f"{_COUNTRY_OUTCOMES} RETURN o.id AS outcome, 'OUTCOME' AS part, o.code AS key, "
            "o.title AS value",
            *(
                f"MATCH {_outcome(path)} WHERE o.country = $country RETURN DISTINCT "
                f"o.id AS outcome, '{part}' AS part, a.id AS key, a.name AS value"
                for part, path in _OUTCOME_PATHS.values()
            ),
            f"MATCH {_outcome(_OUTCOME_GOALS)} WHERE o.country = $country RETURN DISTINCT "
            "o.id AS outcome, 'SDG_GOAL' AS part, g.code AS key, g.title AS value",
        ]
    ),
)

_MEMBERS = (
    "MATCH (b:Body {id: $body}) "
    "OPTIONAL MATCH (m)-[r:MEMBER_OF]->(b) WHERE " + _VALID + " "
    "WITH b, collect(CASE WHEN m IS NULL THEN NULL ELSE {role: r.role, since: r.since, "
    "until: r.until, id: m.id, name: m.name, isAgency: IS_AGENCY} END) AS members "
)
_BODY_RETURN = "RETURN b.id AS id, b.name AS name, b.kind AS kind, members, "
# The chair is the member with role CHAIR; the reporting line is the shortest
# valid path up to the Steering Committee.
BODY = Query(
    "bench_body",
    _MEMBERS.replace("IS_AGENCY", "(m:Agency)")
    + "OPTIONAL MATCH p = (b)-[:REPORTS_TO*1..12]->(t:Body {kind: 'STEERING_COMMITTEE'}) "
    "WHERE all(r IN relationships(p) WHERE " + _VALID + ") "
    "WITH b, members, p ORDER BY length(p) LIMIT 1 "
    + _BODY_RETURN
    + "[n IN nodes(p) | {id: n.id, name: n.name, kind: n.kind}] AS reportingLine",
    ladybug=_MEMBERS.replace("IS_AGENCY", "label(m) = 'Agency'")
    + "OPTIONAL MATCH p = (b)-[:REPORTS_TO*1..12 (r, n | WHERE "
    + _VALID
    + ")]->(t:Body {kind: 'STEERING_COMMITTEE'}) "
    "WITH b, members, p ORDER BY length(p) LIMIT 1 "
    + _BODY_RETURN
    + "list_transform(nodes(p), n -> {id: n.id, name: n.name, kind: n.kind}) AS reportingLine",
)

# Every goal with each outcome of the country serving it (an uncovered goal:
# one row, no outcome), then the outcomes serving none. LadybugDB cannot
# union an untyped NULL with text, hence the empty strings.
COVERAGE = Query(
    "bench_coverage",
    "MATCH (g:SdgGoal) "
    "OPTIONAL MATCH (g)<-[:PART_OF*0..1]-(t)<-[:ALIGNED_WITH]-(x)-[:PART_OF*0..2]->(o:Outcome) "
    "WHERE o.country = $country "
    "RETURN DISTINCT 'GOAL' AS part, g.code AS code, g.title AS title, o.id AS outcome, "
    "o.code AS outcomeCode "
    "UNION ALL "
    "MATCH (o:Outcome) WHERE o.country = $country "
    "AND NOT EXISTS { MATCH (o)<-[:PART_OF*0..2]-(x)-[:ALIGNED_WITH]->(s) } "
    "RETURN 'WITHOUT_SDG' AS part, '' AS code, '' AS title, o.id AS outcome, "
    "o.code AS outcomeCode",
)

MEMBERSHIPS = Query(
    "bench_memberships",
    "MATCH (a:Agency {id: $agency}) "
    "OPTIONAL MATCH (a)-[r:MEMBER_OF]->(b:Body) WHERE " + _VALID + " "
    "OPTIONAL MATCH (c:Country) WHERE c.id = b.country "
    "RETURN a.id AS id, a.name AS name, r.role AS role, r.since AS since, r.until AS until, "
    "b.id AS body, b.name AS bodyName, b.kind AS kind, c.id AS iso3, c.name AS countryName",
)

_NESTED = (
    "MATCH (c:Country {id: $country}) "
    "OPTIONAL MATCH (b:Body) WHERE b.country = c.id "
    "OPTIONAL MATCH (m)-[r:MEMBER_OF]->(b) WHERE " + _VALID + " "
    "RETURN c.id AS iso3, c.name AS name, b.id AS id, b.name AS bodyName, b.kind AS kind, "
    "collect(CASE WHEN m IS NULL THEN NULL ELSE {role: r.role, id: m.id, name: m.name, "
    "isAgency: IS_AGENCY} END) AS members"
)
NESTED = Query(
    "bench_nested",
    _NESTED.replace("IS_AGENCY", "(m:Agency)"),
    ladybug=_NESTED.replace("IS_AGENCY", "label(m) = 'Agency'"),
)

STATEMENTS: dict[str, tuple[Query, ...]] = {
    "outcomes": (OUTCOMES,),
    "body": (BODY,),
    "coverage": (COVERAGE,),
    "memberships": (MEMBERSHIPS,),
    "nested": (NESTED,),
}


def parameters(variables: Variables, as_of: date) -> dict[str, Any]:
    """Every parameter any statement takes; each store ignores the unused ones."""
    return {
        "country": variables.country,
        "body": variables.body,
        "agency": variables.agency,
        "asOf": as_of,
    }
