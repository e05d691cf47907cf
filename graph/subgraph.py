"""The part of the graph that belongs to some countries: what exports write out.

Which nodes and relationships are "of a country", precisely:
- its core: the Country node; every node whose `country` property names it
  (bodies, frameworks, outcomes, joint programmes, partners, ...); every node
  whose `framework` property names one of its frameworks (strategic
  priorities, outputs, sub-outputs); and every other node related to the
  Country node directly (an IATI activity in the country, say), agencies aside;
- its neighbours: the agencies, partners, funds, SDG goals and SDG targets
  related by any relationship to a core node;
- its relationships: every relationship whose two ends are both among those
  nodes (so an agency's seat in another country's body is not, but the SDG
  target -> goal link between two targets and goals it names is).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from graph import queries
from graph.model import NODE_PROPS, REL_SPECS, NodeKind, RelKind
from graph.repository import Graph

N = NodeKind
NEIGHBOURS = frozenset({N.AGENCY, N.PARTNER, N.FUND, N.SDG_GOAL, N.SDG_TARGET})
NodeKey = tuple[NodeKind, str]


@dataclass(frozen=True)
class Edge:
    kind: RelKind
    src: NodeKey
    dst: NodeKey
    key: str
    props: dict[str, Any]


@dataclass
class Subgraph:
    nodes: dict[NodeKey, dict[str, Any]] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)

    def of_kind(self, kind: NodeKind) -> list[tuple[str, dict[str, Any]]]:
        return sorted((i, props) for (k, i), props in self.nodes.items() if k is kind)

    def edges_of(self, kind: RelKind) -> list[Edge]:
        return [e for e in self.edges if e.kind is kind]


def _with_prop(name: str) -> list[NodeKind]:
    return [kind for kind, props in NODE_PROPS.items() if any(p.name == name for p in props)]


async def country_subgraph(graph: Graph, countries: Sequence[str]) -> Subgraph:
    """The nodes and relationships of `countries` (see the module's docstring)."""
    store = graph.store
    core: dict[NodeKind, set[str]] = defaultdict(set)
    core[N.COUNTRY] = set(countries)
    for kind in _with_prop("country"):
        rows = await store.read(queries.kind_ids_in_countries(kind), {"countries": countries})
        core[kind] |= {row["id"] for row in rows}
    frameworks = sorted(core[N.FRAMEWORK])
    for kind in _with_prop("framework"):
        rows = await store.read(queries.kind_ids_in_frameworks(kind), {"frameworks": frameworks})
        core[kind] |= {row["id"] for row in rows}
    # Other kinds tied to the Country node itself (agencies are neighbours).
    for _, src, dst, rows in await _edges(graph, {N.COUNTRY: set(countries)}, touching=True):
        if dst is N.COUNTRY and src not in NEIGHBOURS:
            core[src] |= {row["src"] for row in rows}

    members: dict[NodeKind, set[str]] = defaultdict(set, {k: set(v) for k, v in core.items()})
    for _, src, dst, rows in await _edges(graph, core, touching=True):
        for row in rows:
            if src in NEIGHBOURS and row["dst"] in core[dst]:
                members[src].add(row["src"])
            if dst in NEIGHBOURS and row["src"] in core[src]:
                members[dst].add(row["dst"])

    subgraph = Subgraph()
    for kind, ids in members.items():
        if not ids:
            continue
        for row in await store.read(queries.kind_nodes(kind), {"ids": sorted(ids)}):
            subgraph.nodes[(kind, row.pop("id"))] = row
    for rel, src, dst, rows in await _edges(graph, members, touching=False):
        for row in rows:
            props = {k: v for k, v in row.items() if k not in ("src", "dst", "key")}
            subgraph.edges.append(
                Edge(rel, (src, row["src"]), (dst, row["dst"]), row["key"] or "", props)
            )
    subgraph.edges.sort(key=lambda e: (e.kind, e.src, e.dst, e.key))
    return subgraph


async def _edges(
    graph: Graph, ids: dict[NodeKind, set[str]], touching: bool
) -> list[tuple[RelKind, NodeKind, NodeKind, list[dict[str, Any]]]]:
    found = []
    for rel, spec in REL_SPECS.items():
        for src, dst in spec.endpoints:
            src_ids, dst_ids = sorted(ids.get(src, ())), sorted(ids.get(dst, ()))
            if not (src_ids or dst_ids) if touching else not (src_ids and dst_ids):
                continue
            query = queries.pair_edges(rel, src, dst, touching)
            rows = await graph.store.read(query, {"src": src_ids, "dst": dst_ids})
            found.append((rel, src, dst, rows))
    return found
