"""Exports of countries' subgraphs in open formats: W3C ORG JSON-LD, GraphML, CSV.

All of them are written from graph.subgraph (which nodes and relationships are
a country's is defined there) and graph.repository reads.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from api.exports import graphml, jsonld, tables
from graph.repository import Graph
from graph.subgraph import country_subgraph


@dataclass(frozen=True)
class Format:
    suffix: str
    media_type: str


FORMATS = {
    "jsonld": Format(".jsonld", "application/ld+json"),
    "graphml": Format(".graphml", "application/graphml+xml"),
    "csv": Format(".csv.zip", "application/zip"),
}


async def export(graph: Graph, countries: Sequence[str], fmt: str) -> bytes:
    """The countries' subgraph written in `fmt` (a key of FORMATS)."""
    subgraph = await country_subgraph(graph, countries)
    if fmt == "jsonld":
        return jsonld.write(subgraph)
    if fmt == "graphml":
        return graphml.write(subgraph)
    return await tables.write(graph, subgraph)
