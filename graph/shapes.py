"""Cypher shapes that LadybugDB plans well, for the dialect variants in graph.queries.

LadybugDB plans a query from the sizes of its tables, with no statistics on
values, and three shapes the product needs go wrong at the scale of every
country team (bench/README.md, "Query plans", has the measurements):

- `WHERE n.id IN $ids` scans the whole table; `UNWIND $ids ... MATCH
  (n:Label {id: ...})` looks each id up in the primary-key index;
- a variable-length walk down the results chain, `(o)<-[:PART_OF*0..2]-(x)`,
  scans every table the unlabeled `x` might be in;
- a multi-hop path is joined from its larger end: the agencies beneath five
  outcomes are found by scanning every CONTRIBUTES_TO edge in the graph.

The builders spell the results chain out as fixed, labeled paths, one UNION
branch per level (the outcome itself, its outputs, their sub-outputs), each
joined in the order written, from the ids asked for (a HINT). Neo4j plans
the portable texts well and keeps them.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Tail:
    """A path continuing from a node of the results chain.

    `names` are its relationships and nodes in order, for the join order;
    `levels` the labels of the results chain it may start from (a pattern
    between tables no relationship joins is an error in LadybugDB).
    """

    pattern: str
    names: Sequence[str]
    levels: Collection[str]


# The levels of the results chain at and beneath an outcome `o`: each pattern
# ends at the level's node, where a tail continues.
_LEVELS: tuple[tuple[str, str, Sequence[str]], ...] = (
    ("Outcome", "(o:Outcome)", ("o",)),
    ("Output", "(o:Outcome)<-[l1:PART_OF]-(x:Output)", ("o", "l1", "x")),
    (
        "SubOutput",
        "(o:Outcome)<-[l1:PART_OF]-(y:Output)<-[l2:PART_OF]-(x:SubOutput)",
        ("o", "l1", "y", "l2", "x"),
    ),
)


def join_order(names: Sequence[str]) -> str:
    """LadybugDB's HINT joining `names` left to right: ((a JOIN r) JOIN b)."""
    order = names[0]
    for name in names[1:]:
        order = f"({order} JOIN {name})"
    return order


def beneath_outcomes(
    tails: Sequence[Tail],
    where: str,
    returns: str,
    *,
    from_tail: bool = False,
    keep_duplicates: bool = False,
) -> str:
    """The portable `(o:Outcome)<-[:PART_OF*0..2]-(x)` + tail, as one branch per level and tail.

    `where` filters the start of the walk: the outcome (`o.id IN $ids`), or with
    `from_tail` the far end of the tail (`a.id IN $ids`), from which the join
    then starts. The union removes duplicate rows, as RETURN DISTINCT would,
    unless `keep_duplicates` (one row per path, as a plain RETURN gives).
    """
    union = " UNION ALL " if keep_duplicates else " UNION "
    branches = []
    for label, level, level_names in _LEVELS:
        for tail in tails:
            if label not in tail.levels:
                continue
            names = [*level_names, *tail.names]
            order = join_order(names[::-1] if from_tail else names)
            branches.append(
                f"MATCH {level}{tail.pattern} WHERE {where} HINT {order} RETURN {returns}"
            )
    return union.join(branches)


def expand(label: str, var: str, path: str, returns: str, where: str = "") -> str:
    """From the nodes of `label` with the ids in $ids, along `path`: one row per path found.

    Each start is looked up in the primary-key index and expanded from there
    (an OPTIONAL MATCH, which LadybugDB runs per start node rather than joining
    whole tables); starts without a path are then dropped. `returns` must name
    each column (`expr AS name`), and its second column must be null exactly
    when there is no path.
    """
    names = re.findall(r"\bAS (\w+)", returns)
    condition = f" WHERE {where}" if where else ""
    return (
        f"UNWIND $ids AS wanted MATCH ({var}:{label} {{id: wanted}}) "
        f"OPTIONAL MATCH {path}{condition} WITH {returns} "
        f"WHERE {names[1]} IS NOT NULL RETURN {', '.join(names)}"
    )


def by_ids(label: str, var: str, returns: str) -> str:
    """The nodes of `label` with the ids in $ids, looked up in the primary-key index."""
    return f"UNWIND $ids AS wanted MATCH ({var}:{label} {{id: wanted}}) RETURN {returns}"
