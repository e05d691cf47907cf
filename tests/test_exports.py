"""Exports over HTTP on both stores: JSON-LD answers SPARQL as GraphQL does, GraphML
holds exactly the country's nodes and edges (counted here straight from the store),
CSV tables open in a spreadsheet."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
import rdflib
from starlette.testclient import TestClient

from api.app import create_app
from api.cli import main
from graph.store import Dialect, GraphStore, Query
from loaders import load
from tests.conftest import STORES, StoreFactory, run

# Which nodes are a country's (graph/subgraph.py), restated here on raw Cypher.
NEIGHBOUR_KINDS = {"Agency", "Partner", "Fund", "SdgGoal", "SdgTarget"}
_LABEL = {Dialect.NEO4J: "labels(n)[0]", Dialect.LADYBUG: "label(n)"}


@dataclass
class Exported:
    client: TestClient
    counts: dict[str, tuple[int, int]]  # country -> (nodes, edges), counted with Cypher


def _rows(store: GraphStore, cypher: str, **params: Any) -> list[dict[str, Any]]:
    async def go() -> list[dict[str, Any]]:
        try:
            await store.setup()
            return await store.read(Query("test", cypher), params)
        finally:
            await store.close()

    rows: list[dict[str, Any]] = run(go())
    return rows


def count_country(store: GraphStore, iso3: str) -> tuple[int, int]:
    """Nodes and relationships of a country, by the definition in graph/subgraph.py."""
    label = _LABEL[store.dialect]
    edge_label = "type(r)" if store.dialect is Dialect.NEO4J else "label(r)"
    src_label, dst_label = label.replace("n)", "a)"), label.replace("n)", "b)")
    edges = _rows(
        store,
        f"MATCH (a)-[r]->(b) RETURN {src_label} AS sk, a.id AS s, {dst_label} AS dk, "
        f"b.id AS d, {edge_label} AS t",
    )
    core = {("Country", iso3)}
    core |= {
        (r["k"], r["id"])
        for r in _rows(
            store, f"MATCH (n) WHERE n.country = $c RETURN {label} AS k, n.id AS id", c=iso3
        )
    }
    frameworks = [i for k, i in core if k == "Framework"]
    core |= {
        (r["k"], r["id"])
        for r in _rows(
            store,
            f"MATCH (n) WHERE n.framework IN $f RETURN {label} AS k, n.id AS id",
            f=frameworks,
        )
    }
    core |= {
        (e["sk"], e["s"])
        for e in edges
        if (e["dk"], e["d"]) == ("Country", iso3) and e["sk"] not in NEIGHBOUR_KINDS
    }
    nodes = set(core)
    for e in edges:
        src, dst = (e["sk"], e["s"]), (e["dk"], e["d"])
        if src in core and dst[0] in NEIGHBOUR_KINDS:
            nodes.add(dst)
        if dst in core and src[0] in NEIGHBOUR_KINDS:
            nodes.add(src)
    inside = [e for e in edges if (e["sk"], e["s"]) in nodes and (e["dk"], e["d"]) in nodes]
    return len(nodes), len(inside)


@pytest.fixture(scope="module", params=STORES)
def exported(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Exported]:
    """The service over the reference data, the demo packs and the UN INFO samples."""
    store = StoreFactory(request.param, tmp_path_factory.mktemp("exports"), request).demo()
    counts = {iso3: count_country(store, iso3) for iso3 in ("KHM", "VNM")}
    with TestClient(create_app(store)) as client:
        yield Exported(client, counts)


def graphql(client: TestClient, text: str) -> dict[str, Any]:
    body = client.post("/graphql", json={"query": text}).json()
    assert "errors" not in body, body
    data: dict[str, Any] = body["data"]
    return data


# rdflib's own JSON-LD parser still builds the ConjunctiveGraph it has deprecated.
RDFLIB_PARSER = pytest.mark.filterwarnings(
    "ignore:(ConjunctiveGraph|Dataset.default_context) is deprecated:DeprecationWarning"
)
ORG = "PREFIX org: <http://www.w3.org/ns/org#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
ORG += "PREFIX unct: <urn:unct-graph:vocab#> "
DRR = "<urn:unct-graph:Body:VNM-DRR-JRG>"


@RDFLIB_PARSER
def test_jsonld_answers_chair_and_reporting_line(exported: Exported) -> None:
    response = exported.client.get("/export/VNM.jsonld")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/ld+json")
    rdf = rdflib.Graph().parse(data=response.text, format="json-ld")

    chairs = rdf.query(
        ORG + "SELECT ?chair WHERE { ?seat a org:Membership ; org:organization " + DRR + " ; "
        "org:role <urn:unct-graph:role:CHAIR> ; org:member ?agency . "
        "?agency a org:FormalOrganization ; skos:notation ?chair }"
    )
    committees = rdf.query(
        ORG + "SELECT ?top WHERE { " + DRR + " org:reportsTo+ ?top . "
        '?top unct:bodyKind "STEERING_COMMITTEE" ; a org:OrganizationalUnit }'
    )
    direct = rdf.query(ORG + "SELECT ?up WHERE { " + DRR + " org:reportsTo ?up }")
    data = graphql(
        exported.client,
        '{ body(id: "VNM-DRR-JRG") { chair { id } reportsTo { id } } '
        'reportingLine(from: "VNM-DRR-JRG") { id } }',
    )
    assert [str(row[0]) for row in chairs] == [data["body"]["chair"]["id"]] == ["UNICEF"]
    top = data["reportingLine"][-1]["id"]
    assert [str(row[0]) for row in committees] == [f"urn:unct-graph:Body:{top}"]
    assert top == "VNM-JSC"
    assert sorted(str(row[0]).rsplit(":", 1)[1] for row in direct) == sorted(
        b["id"] for b in data["body"]["reportsTo"]
    )


@RDFLIB_PARSER
def test_jsonld_sdg_targets_by_official_iri(exported: Exported) -> None:
    rdf = rdflib.Graph().parse(
        data=exported.client.get("/export/VNM.jsonld").text, format="json-ld"
    )
    targets = rdf.query(
        ORG + "PREFIX sdgo: <http://metadata.un.org/sdg/ontology#> "
        "SELECT ?t WHERE { <urn:unct-graph:Outcome:VNM-OSP-2017/O1> unct:alignedWith ?t . "
        "?t a sdgo:Target }"
    )
    assert sorted(str(r[0]) for r in targets) == [
        f"http://metadata.un.org/sdg/{code}" for code in ("1.5", "11.5", "11.b", "13.1")
    ]
    vocabulary = exported.client.get("/export/vocabulary.ttl")
    assert vocabulary.status_code == 200
    assert len(rdflib.Graph().parse(data=vocabulary.text, format="turtle")) > 20


@pytest.mark.parametrize("iso3", ["KHM", "VNM"])
def test_graphml_has_the_country_nodes_and_edges(exported: Exported, iso3: str) -> None:
    response = exported.client.get(f"/export/{iso3.lower()}.graphml")
    assert response.status_code == 200
    graph = nx.read_graphml(io.BytesIO(response.content))
    assert (graph.number_of_nodes(), graph.number_of_edges()) == exported.counts[iso3]
    kinds = {data["nodeKind"] for _, data in graph.nodes(data=True)}
    assert {"Country", "Body", "Agency", "Outcome", "SdgGoal"} <= kinds
    types = {data["edgeType"] for _, _, data in graph.edges(data=True)}
    assert {"MEMBER_OF", "REPORTS_TO", "PRESENT_IN", "ALIGNED_WITH"} <= types
    if iso3 == "KHM":
        seats = graph.get_edge_data("Agency:UNDP", "Body:KHM-OMT")
        assert sorted(s["role"] for s in seats.values()) == ["CHAIR", "MEMBER"]


def test_csv_tables(exported: Exported) -> None:
    response = exported.client.get("/export/KHM.csv.zip")
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    expected = {
        "bodies.csv",
        "memberships.csv",
        "reporting_lines.csv",
        "outcomes_agencies.csv",
        "outcomes_sdg_goals.csv",
        "budgets.csv",
    }
    assert set(archive.namelist()) == expected
    tables = {}
    for name in expected:
        raw = archive.read(name)
        assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for UTF-8
        tables[name] = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    data = graphql(
        exported.client,
        '{ bodies(country: "KHM") { id } '
        'outcomes(country: "KHM") { id sdgGoals { code } contributors { agency { id } } } }',
    )
    assert sorted(r["body"] for r in tables["bodies.csv"]) == sorted(
        b["id"] for b in data["bodies"]
    )
    assert len(tables["outcomes_sdg_goals.csv"]) == sum(
        len(o["sdgGoals"]) for o in data["outcomes"]
    )
    assert len(tables["outcomes_agencies.csv"]) == sum(
        len(o["contributors"]) for o in data["outcomes"]
    )
    omt_chairs = [
        (r["member"], r["since"], r["until"])
        for r in tables["memberships.csv"]
        if r["body"] == "KHM-OMT" and r["role"] == "CHAIR"
    ]
    assert sorted(omt_chairs) == [("UNDP", "2019-01-01", "2020-12-31"), ("WFP", "2021-01-01", "")]
    totals = [r for r in tables["budgets.csv"] if not r["year"]]
    assert totals and all(float(r["required"] or 0) >= 0 for r in totals)


@pytest.mark.parametrize(
    "path", ["/export/XXX.jsonld", "/export/VNM.pdf", "/export/VNMX.graphml", "/export/"]
)
def test_export_not_found(exported: Exported, path: str) -> None:
    assert exported.client.get(path).status_code == 404


def test_cli_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = f"embedded:{tmp_path / 'graph.lbug'}"
    demo = [str(p) for p in load.demo_files()]
    assert main(["load", "-q", "--store", store, *demo]) == 0
    out = tmp_path / "all.graphml"
    assert main(["export", "--store", store, "--format", "graphml", "-o", str(out)]) == 0
    graph = nx.read_graphml(out)
    countries = {n for n, d in graph.nodes(data=True) if d["nodeKind"] == "Country"}
    assert countries == {"Country:KHM", "Country:VNM"}
    tables = tmp_path / "vnm.csv.zip"
    args = ["export", "--store", store, "--country", "vnm", "--format", "csv", "-o", str(tables)]
    assert main(args) == 0
    assert "memberships.csv" in zipfile.ZipFile(tables).namelist()
    assert main(["export", "--store", store, "--country", "XXX", "--format", "csv"]) == 2
    assert "unknown country XXX" in capsys.readouterr().err
