"""A set of validated nodes and relationships, written to a store as one unit.

Loaders build a GraphBatch from a file; the store writes it in a single
transaction, so a file either lands whole or not at all. Recording the same
node or relationship twice merges it (later non-null values win), which is
what lets overlapping exports load without duplicates. Each fact remembers
the line of the file that first stated it, so a later check (an invariant
broken across two files, say) can point at it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from graph.model import REL_SPECS, NodeKind, RelKind, node_prop_names, rel_prop_names

Props = dict[str, Any]


@dataclass(frozen=True)
class EdgeKey:
    kind: RelKind
    src_kind: NodeKind
    src: str
    dst_kind: NodeKind
    dst: str
    key: str = ""


NodeKey = tuple[NodeKind, str]


@dataclass
class GraphBatch:
    nodes: dict[NodeKey, Props] = field(default_factory=dict)
    edges: dict[EdgeKey, Props] = field(default_factory=dict)
    lines: dict[NodeKey | EdgeKey, int] = field(default_factory=dict)

    def node(self, kind: NodeKind, node_id: str, /, line: int | None = None, **props: Any) -> None:
        unknown = set(props) - set(node_prop_names(kind))
        if unknown:
            raise ValueError(f"{kind} has no properties {sorted(unknown)}")
        _merge(self.nodes.setdefault((kind, node_id), {}), props)
        self._at((kind, node_id), line)

    def edge(
        self,
        kind: RelKind,
        src: tuple[NodeKind, str],
        dst: tuple[NodeKind, str],
        /,
        key: str = "",
        line: int | None = None,
        **props: Any,
    ) -> None:
        unknown = set(props) - set(rel_prop_names(kind))
        if unknown:
            raise ValueError(f"{kind} has no properties {sorted(unknown)}")
        if (src[0], dst[0]) not in REL_SPECS[kind].endpoints:
            raise ValueError(f"{kind} does not connect {src[0]} to {dst[0]}")
        edge = EdgeKey(kind, src[0], src[1], dst[0], dst[1], key)
        _merge(self.edges.setdefault(edge, {}), props)
        self._at(edge, line)

    def merge(self, other: GraphBatch) -> None:
        """Adds another batch's facts, as if they had been recorded here."""
        for node, props in other.nodes.items():
            _merge(self.nodes.setdefault(node, {}), props)
        for edge, props in other.edges.items():
            _merge(self.edges.setdefault(edge, {}), props)
        for fact, line in other.lines.items():
            self.lines.setdefault(fact, line)

    def _at(self, fact: NodeKey | EdgeKey, line: int | None) -> None:
        if line is not None:
            self.lines.setdefault(fact, line)

    def facts(self) -> Iterator[tuple[NodeKey | EdgeKey, Props]]:
        """Every node, then every relationship, with what the batch states of it."""
        yield from self.nodes.items()
        yield from self.edges.items()

    def has_node(self, kind: NodeKind, node_id: str) -> bool:
        return (kind, node_id) in self.nodes

    def ids(self, kind: NodeKind) -> Iterator[str]:
        return (node_id for (k, node_id) in self.nodes if k == kind)

    def __len__(self) -> int:
        return len(self.nodes) + len(self.edges)


def _merge(into: Props, props: Props) -> None:
    for name, value in props.items():
        if value is not None:
            into[name] = value
