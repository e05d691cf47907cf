"""JSON-LD in the W3C Organization Ontology: linked-data tools read the structure.

The UNCT is an org:OrganizationalCollaboration of agencies (org:FormalOrganization);
its groups are org:OrganizationalUnit, org:subOrganizationOf the UNCT; reporting
lines are org:reportsTo; every seat is an org:Membership with its org:Role and,
when dated, org:memberDuring a time:Interval. Results (outcomes, outputs, ...)
are skos:Concepts in their framework's skos:ConceptScheme, SDG goals and
targets are named by their official IRIs (http://metadata.un.org/sdg/13.1).
What W3C ORG and SKOS do not say is in the product's own small vocabulary
(unct:, vocabulary.ttl beside this module, served at /export/vocabulary.ttl).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, RDF, RDFS, SKOS, TIME, XSD

from graph.model import BodyKind, NodeKind, RelKind
from graph.subgraph import Edge, NodeKey, Subgraph

N, R = NodeKind, RelKind
UNCT = Namespace("urn:unct-graph:vocab#")
SDG = Namespace("http://metadata.un.org/sdg/")
SDGO = Namespace("http://metadata.un.org/sdg/ontology#")
VOCABULARY = Path(__file__).parent / "vocabulary.ttl"
CONTEXT = {
    "org": str(ORG),
    "skos": str(SKOS),
    "time": str(TIME),
    "dct": str(DCTERMS),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "sdg": str(SDG),
    "sdgo": str(SDGO),
    "unct": str(UNCT),
}

_CLASSES: dict[NodeKind, tuple[URIRef, ...]] = {
    N.COUNTRY: (UNCT.Country,),
    N.AGENCY: (ORG.FormalOrganization,),
    N.PARTNER: (ORG.Organization, UNCT.Partner),
    N.FRAMEWORK: (SKOS.ConceptScheme, UNCT.Framework),
    N.STRATEGIC_PRIORITY: (SKOS.Concept, UNCT.StrategicPriority),
    N.OUTCOME: (SKOS.Concept, UNCT.Outcome),
    N.OUTPUT: (SKOS.Concept, UNCT.Output),
    N.SUB_OUTPUT: (SKOS.Concept, UNCT.SubOutput),
    N.SDG_GOAL: (SKOS.Concept, SDGO.Goal),
    N.SDG_TARGET: (SKOS.Concept, SDGO.Target),
}
_PROPS = {
    "name": SKOS.prefLabel,
    "title": SKOS.prefLabel,
    "code": SKOS.notation,
    "iso3": SKOS.notation,
    "acronym": SKOS.notation,
    "aliases": SKOS.altLabel,
    "description": DCTERMS.description,
    "source": DCTERMS.source,
    "kind": UNCT.bodyKind,
}
_SKIPPED = {"lookupKeys", "country", "framework"}
_RELS = {
    R.REPORTS_TO: ORG.reportsTo,
    R.COVERS: UNCT.covers,
    R.CONTRIBUTES_TO: UNCT.contributesTo,
    R.ALIGNED_WITH: UNCT.alignedWith,
    R.PRESENT_IN: UNCT.presentIn,
    R.PARTICIPATES_IN: UNCT.participatesIn,
    R.FUNDED_BY: UNCT.fundedBy,
    R.PARTNERS_WITH: UNCT.partnersWith,
}


def iri(key: NodeKey) -> URIRef:
    kind, node = key
    if kind is N.SDG_GOAL or kind is N.SDG_TARGET:
        return SDG[node]
    return URIRef(f"urn:unct-graph:{kind.value}:{quote(node, safe='-._~/')}")


def role_iri(role: str) -> URIRef:
    return URIRef(f"urn:unct-graph:role:{role}")


def _camel(name: str) -> str:
    head, *rest = name.lower().split("_")
    return head + "".join(part.title() for part in rest)


def _literal(value: Any) -> Literal:
    if isinstance(value, date):
        return Literal(value.isoformat(), datatype=XSD.date)
    return Literal(value)


def build(subgraph: Subgraph) -> Graph:
    rdf = Graph()
    for prefix, namespace in CONTEXT.items():
        rdf.bind(prefix, Namespace(namespace))
    uncts = {p["country"]: i for i, p in subgraph.of_kind(N.BODY) if p["kind"] == BodyKind.UNCT}
    for key, props in subgraph.nodes.items():
        _node(rdf, key, props, uncts)
    for edge in subgraph.edges:
        _edge(rdf, edge)
    for role in sorted({str(e.props["role"]) for e in subgraph.edges_of(R.MEMBER_OF)}):
        rdf.add((role_iri(role), RDF.type, ORG.Role))
        rdf.add((role_iri(role), SKOS.prefLabel, Literal(role.replace("_", " ").capitalize())))
    return rdf


def _node(rdf: Graph, key: NodeKey, props: dict[str, Any], uncts: dict[str, str]) -> None:
    subject = iri(key)
    kind = key[0]
    classes = _CLASSES.get(kind, (UNCT[kind.value],))
    if kind is N.BODY:
        unct = uncts.get(props["country"])
        if props["kind"] == BodyKind.UNCT:
            classes = (ORG.Organization, ORG.OrganizationalCollaboration)
        else:
            classes = (ORG.OrganizationalUnit,)
            if unct and props["kind"] != BodyKind.STEERING_COMMITTEE:
                rdf.add((subject, ORG.subOrganizationOf, iri((N.BODY, unct))))
    for cls in classes:
        rdf.add((subject, RDF.type, cls))
    for name, value in props.items():
        if value is None or name in _SKIPPED or name in ("sources", "origin"):
            continue
        predicate = _PROPS.get(name, UNCT[name])
        for item in value if isinstance(value, list) else [value]:
            rdf.add((subject, predicate, _literal(item)))
    if props.get("country"):
        rdf.add((subject, UNCT.country, iri((N.COUNTRY, props["country"]))))


def _edge(rdf: Graph, edge: Edge) -> None:
    src, dst = iri(edge.src), iri(edge.dst)
    if edge.kind is R.MEMBER_OF:
        _membership(rdf, edge, src, dst)
        return
    if edge.kind is R.PART_OF:
        predicate = UNCT.country if edge.dst[0] is N.COUNTRY else SKOS.broader
        if edge.dst[0] is N.FRAMEWORK:
            predicate = SKOS.inScheme
        rdf.add((src, predicate, dst))
        return
    rdf.add((src, _RELS.get(edge.kind, UNCT[_camel(edge.kind.value)]), dst))
    if edge.kind is R.REPORTS_TO and (edge.props["since"] or edge.props["until"]):
        line = BNode()
        rdf.add((line, RDF.type, UNCT.ReportingLine))
        rdf.add((line, UNCT.reporter, src))
        rdf.add((line, ORG.reportsTo, dst))
        rdf.add((line, UNCT.during, _interval(rdf, edge.props["since"], edge.props["until"])))


def _membership(rdf: Graph, edge: Edge, member: URIRef, body: URIRef) -> None:
    kind, member_id = edge.src
    local = re.sub(r"[^A-Za-z0-9._~-]", "_", f"{edge.dst[1]}.{kind.value}.{member_id}.{edge.key}")
    seat = URIRef(f"urn:unct-graph:Membership:{local}")
    rdf.add((seat, RDF.type, ORG.Membership))
    rdf.add((seat, ORG.member, member))
    rdf.add((seat, ORG.organization, body))
    rdf.add((seat, ORG.role, role_iri(str(edge.props["role"]))))
    if edge.props["since"] or edge.props["until"]:
        interval = _interval(rdf, edge.props["since"], edge.props["until"])
        rdf.add((seat, ORG.memberDuring, interval))
    if edge.props.get("source"):
        rdf.add((seat, DCTERMS.source, Literal(edge.props["source"])))


def _interval(rdf: Graph, since: date | None, until: date | None) -> BNode:
    interval = BNode()
    rdf.add((interval, RDF.type, TIME.Interval))
    for predicate, day in ((TIME.hasBeginning, since), (TIME.hasEnd, until)):
        if day is not None:
            instant = BNode()
            rdf.add((instant, RDF.type, TIME.Instant))
            rdf.add((instant, TIME.inXSDDate, _literal(day)))
            rdf.add((interval, predicate, instant))
    return interval


def write(subgraph: Subgraph) -> bytes:
    text = build(subgraph).serialize(format="json-ld", context=CONTEXT, indent=1)
    return text.encode("utf-8")
