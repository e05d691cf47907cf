"""GraphML: a country's subgraph for networkx, Gephi and yEd.

Every node carries its kind (`nodeKind`) and a readable `label`, every edge
its type (`edgeType`), and both their model properties. Node ids are
`Kind:id` (ids are unique per kind only); lists are written `a; b`, dates in
ISO 8601. Edges have ids, so readers
keep parallel edges (an agency both chair and member of a body).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from lxml import etree

from graph.model import NODE_PROPS, REL_SPECS, NodeKind, Prop, PropType
from graph.subgraph import NodeKey, Subgraph

NS = "http://graphml.graphdrawing.org/xmlns"
INTERNAL = {"lookupKeys"}  # how the product matches agency names, not a fact
_TYPES = {PropType.INT: "long", PropType.FLOAT: "double", PropType.BOOL: "boolean"}


def node_id(key: NodeKey) -> str:
    return f"{key[0].value}:{key[1]}"


def label(kind: NodeKind, node: str, props: dict[str, Any]) -> str:
    """What a drawing shows on the node: its name or title, else its id."""
    return str(props.get("name") or props.get("acronym") or props.get("title") or node)


def _keys(props: list[Prop], fixed: tuple[str, ...]) -> dict[str, str]:
    """attribute name -> GraphML type, for the fixed attributes and every model property."""
    keys = dict.fromkeys(fixed, "string")
    for prop in props:
        if prop.name in INTERNAL:
            continue
        kind = _TYPES.get(prop.type, "string")
        keys[prop.name] = kind if keys.get(prop.name, kind) == kind else "string"
    return keys


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return "; ".join(_text(v) for v in value)
    return str(value)


def write(subgraph: Subgraph) -> bytes:
    root = etree.Element(f"{{{NS}}}graphml", nsmap={None: NS})
    node_keys = _keys([p for props in NODE_PROPS.values() for p in props], ("nodeKind", "label"))
    edge_keys = _keys([p for spec in REL_SPECS.values() for p in spec.props], ("edgeType", "key"))
    for domain, keys in (("node", node_keys), ("edge", edge_keys)):
        for name, kind in keys.items():
            etree.SubElement(
                root,
                f"{{{NS}}}key",
                {"id": f"{domain[0]}_{name}", "for": domain, "attr.name": name, "attr.type": kind},
            )
    graph = etree.SubElement(root, f"{{{NS}}}graph", {"edgedefault": "directed"})
    for key, props in sorted(subgraph.nodes.items()):
        node = etree.SubElement(graph, f"{{{NS}}}node", {"id": node_id(key)})
        values = {**props, "nodeKind": key[0].value, "label": label(key[0], key[1], props)}
        _data(node, "n", values)
    for number, edge in enumerate(subgraph.edges):
        element = etree.SubElement(
            graph,
            f"{{{NS}}}edge",
            {"id": f"e{number}", "source": node_id(edge.src), "target": node_id(edge.dst)},
        )
        _data(element, "e", {**edge.props, "edgeType": edge.kind.value, "key": edge.key})
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def _data(element: etree._Element, prefix: str, values: dict[str, Any]) -> None:
    for name, value in values.items():
        if name in INTERNAL or value is None or value == "" or value == []:
            continue
        data = etree.SubElement(element, f"{{{NS}}}data", {"key": f"{prefix}_{name}"})
        data.text = _text(value)
