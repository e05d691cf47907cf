"""The API over the demo packs, reference data and UN INFO samples, on both engines."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from starlette.testclient import TestClient

from api.app import create_app
from tests.conftest import GraphQL, StoreFactory, load_all

DEMO = Path(__file__).resolve().parent.parent / "loaders" / "data" / "demo"
TOR_AGENCIES = {"FAO", "UNDP", "UNESCO", "UN-Habitat", "UNICEF", "UNV", "UN-Women", "WHO"}


def test_reporting_line_from_drr_group(demo_api: GraphQL) -> None:
    line = demo_api('{ reportingLine(from: "VNM-DRR-JRG") { id kind } }')["reportingLine"]
    assert line[0]["id"] == "VNM-DRR-JRG"
    assert line[-1]["kind"] == "STEERING_COMMITTEE"
    assert line[-1]["id"] == "VNM-JSC"
    assert all(b["kind"] != "STEERING_COMMITTEE" for b in line[:-1])


def test_drr_group_chair_and_members(demo_api: GraphQL) -> None:
    body = demo_api("""{ body(id: "VNM-DRR-JRG") {
        kind chair { id }
        members { role agency { id } partner { id } }
        vice: members(role: VICE_CHAIR) { agency { id } } } }""")["body"]
    assert body["kind"] == "RESULTS_GROUP"
    assert body["chair"]["id"] == "UNICEF"
    agencies = {m["agency"]["id"] for m in body["members"] if m["agency"]}
    assert agencies >= TOR_AGENCIES
    assert [m["agency"]["id"] for m in body["vice"]] == ["UNDP"]
    assert body["members"][0]["role"] == "CHAIR"  # chairs first
    partners = {m["partner"]["id"] for m in body["members"] if m["partner"]}
    assert partners == {"VNM-MARD"}


def test_sdg_catalogue(demo_api: GraphQL) -> None:
    goals = demo_api("{ sdgGoals { code targets { code goal { code } } } }")["sdgGoals"]
    assert [g["code"] for g in goals] == [str(n) for n in range(1, 18)]
    assert sum(len(g["targets"]) for g in goals) == 169
    for goal in goals:
        assert all(t["goal"]["code"] == goal["code"] for t in goal["targets"])
        assert all(t["code"].split(".")[0] == goal["code"] for t in goal["targets"])


def test_sdg_target(demo_api: GraphQL) -> None:
    target = demo_api(
        '{ sdgTarget(code: "13.1") { code title goal { code } indicators { code unsdCode } } }'
    )["sdgTarget"]
    assert target["code"] == "13.1"
    assert target["goal"]["code"] == "13"
    codes = [i["code"] for i in target["indicators"]]
    assert codes and codes[0] == "13.1.1"
    assert all(c.startswith("13.1.") for c in codes)
    assert target["title"]


def test_unknown_sdg_target_is_null(demo_api: GraphQL) -> None:
    assert demo_api('{ sdgTarget(code: "13.9") { code } }')["sdgTarget"] is None


def test_agency_aliases(demo_api: GraphQL) -> None:
    data = demo_api(
        '{ a: agency(id: "UN Women") { id aliases } '
        'b: agency(id: "unicef") { id } c: agency(id: "UN-Women") { id } '
        'd: agency(id: "no such agency") { id } }'
    )
    assert data["a"]["id"] == "UN-Women"
    assert data["b"]["id"] == "UNICEF"
    assert data["c"]["id"] == "UN-Women"
    assert data["d"] is None


def _khm_pack() -> dict[str, Any]:
    pack: dict[str, Any] = yaml.safe_load((DEMO / "khm.yaml").read_text(encoding="utf-8"))
    return pack


def test_khm_task_forces_report_as_in_pack(demo_api: GraphQL) -> None:
    pack = _khm_pack()
    expected = {
        b["id"]: {r["body"] for r in b.get("reports_to", [])}
        for b in pack["bodies"]
        if b["kind"] == "TASK_FORCE"
    }
    bodies = demo_api('{ bodies(country: "KHM", kind: TASK_FORCE) { id kind reportsTo { id } } }')
    got = {b["id"]: {r["id"] for r in b["reportsTo"]} for b in bodies["bodies"]}
    assert got == expected
    assert all(b["kind"] == "TASK_FORCE" for b in bodies["bodies"])
    for parents in got.values():
        assert parents and parents <= {"KHM-OMT", "KHM-UNCT"}


def test_khm_chair_rotation(demo_api: GraphQL) -> None:
    # khm.yaml: the OMT is chaired by UNDP until 2020-12-31, by WFP from 2021-01-01.
    omt = next(b for b in _khm_pack()["bodies"] if b["id"] == "KHM-OMT")
    chairs = [m for m in omt["members"] if m.get("role") == "CHAIR"]
    assert {m["agency"] for m in chairs} == {"UNDP", "WFP"}
    data = demo_api("""{ body(id: "KHM-OMT") {
        before: chair(asOf: "2020-06-01") { id }
        after: chair(asOf: "2022-06-01") { id }
        last: chair(asOf: "2020-12-31") { id }
        first: chair(asOf: "2021-01-01") { id }
        members2020: members(asOf: "2020-06-01", role: MEMBER) { agency { id } } } }""")["body"]
    assert data["before"]["id"] == "UNDP"
    assert data["after"]["id"] == "WFP"
    assert data["last"]["id"] == "UNDP"
    assert data["first"]["id"] == "WFP"
    members = {m["agency"]["id"] for m in data["members2020"]}
    assert "WFP" in members and "UNDP" not in members


def test_unknown_things(demo_api: GraphQL) -> None:
    data = demo_api(
        '{ reportingLine(from: "nope") { id } country(iso3: "XXX") { iso3 } '
        'body(id: "nope") { id } outcome(id: "nope") { id } }'
    )
    assert data == {"reportingLine": [], "country": None, "body": None, "outcome": None}


def test_country_case_insensitive(demo_api: GraphQL) -> None:
    data = demo_api(
        '{ a: country(iso3: "vnm") { iso3 name } b: country(iso3: "XPA") { iso3 multiCountry } }'
    )
    assert data["a"] == {"iso3": "VNM", "name": "Viet Nam"}
    assert data["b"] == {"iso3": "XPA", "multiCountry": True}


def test_graphiql_and_health(stores: StoreFactory) -> None:
    store = stores.new()
    load_all(store, [])
    with TestClient(create_app(store)) as client:
        page = client.get("/graphql", headers={"Accept": "text/html"})
        assert page.status_code == 200
        assert page.headers["content-type"].startswith("text/html")
        assert "<html" in page.text.lower()
        health = client.get("/health")
        assert health.status_code == 200
        assert health.json()["status"] == "ok"
        posted = client.post("/graphql", json={"query": "{ sdgGoals { code } }"})
        assert posted.status_code == 200
        assert len(posted.json()["data"]["sdgGoals"]) == 17
