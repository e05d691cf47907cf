"""Every fact says where it comes from; the RC in the graph; one framework per plan."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.store import Query
from loaders import load
from loaders.plans import Framework, same_plan, words
from loaders.problems import LoadError
from tests.conftest import GraphQL, StoreFactory, load_files, read_ids

DATA = Path(__file__).parent / "data"


def test_a_chain_on_documents_only(demo_api: GraphQL) -> None:
    data = demo_api("""{
        omtDocs: reportingLine(from: "VNM-OMT", basis: [DOCUMENT]) { id }
        omtAll: reportingLine(from: "VNM-OMT") { id }
        omtLines: reportingPath(from: "VNM-OMT") { from { id } sources { basis } }
        drr: reportingLine(from: "VNM-DRR-JRG", basis: [DOCUMENT]) { id }
        drrLines: reportingPath(from: "VNM-DRR-JRG", basis: [DOCUMENT]) {
            from { id } to { id } since until sources { source basis evidence } } }""")
    # The OMT's chain exists only through illustrative lines.
    assert data["omtDocs"] == []
    assert [b["id"] for b in data["omtAll"]] == ["VNM-OMT", "VNM-UNCT", "VNM-JSC"]
    assert {s["basis"] for line in data["omtLines"] for s in line["sources"]} == {"ILLUSTRATIVE"}
    assert [b["id"] for b in data["drr"]] == ["VNM-DRR-JRG", "VNM-JSC"]
    [line] = data["drrLines"]
    assert (line["from"]["id"], line["to"]["id"]) == ("VNM-DRR-JRG", "VNM-JSC")
    [source] = line["sources"]
    assert (source["source"], source["basis"]) == ("vnm.yaml", "DOCUMENT")
    assert source["evidence"].startswith('seed:000 "Chairs of Results Groups are accountable')


def test_the_chair_answers_to_the_resident_coordinator(demo_api: GraphQL) -> None:
    data = demo_api("""{
        drr: body(id: "VNM-DRR-JRG") { chair { id }
            accountableTo { kind post { id kind leads { id } } sources { basis evidence } } }
        unct: body(id: "VNM-UNCT") { ledBy { id title kind } }
        khm: body(id: "KHM-UNCT") { ledBy { id sources { basis evidence } } }
        rc: post(id: "VNM-RC") { country { iso3 } holder { name } holders { since } } }""")
    assert data["drr"]["chair"] == {"id": "UNICEF"}
    owed = {a["kind"]: a for a in data["drr"]["accountableTo"]}
    assert set(owed) == {"ANNUAL_REPORT", "APPRAISAL"}
    for each in owed.values():
        assert each["post"] == {
            "id": "VNM-RC",
            "kind": "RESIDENT_COORDINATOR",
            "leads": [{"id": "VNM-UNCT"}],
        }
        assert [s["basis"] for s in each["sources"]] == ["DOCUMENT"]
    assert (
        "Report annually to the Resident Coordinator"
        in owed["ANNUAL_REPORT"]["sources"][0]["evidence"]
    )
    assert data["unct"]["ledBy"] == [
        {
            "id": "VNM-RC",
            "title": "United Nations Resident Coordinator in Viet Nam",
            "kind": "RESIDENT_COORDINATOR",
        }
    ]
    [rc] = data["khm"]["ledBy"]
    assert rc["id"] == "KHM-RC" and rc["sources"][0]["basis"] == "DOCUMENT"
    # The documents name the post, not its holder.
    assert data["rc"] == {"country": {"iso3": "VNM"}, "holder": None, "holders": []}


def test_facts_carry_their_sources(demo_api: GraphQL) -> None:
    data = demo_api("""{
        body(id: "VNM-DRR-JRG") { sources { source basis evidence }
            members { role agency { id } partner { id } sources { basis } } }
        outcome(id: "VNM-OSP-2017/O1") { sources { basis }
            framework { sources { source basis } }
            contributors(via: [DIRECT]) { agency { id } sources { source basis } } }
        khm: outcomes(country: "KHM") { id source sources { source basis }
            contributors(via: [DIRECT]) { sources { basis } } } }""")
    body = data["body"]
    assert [(s["source"], s["basis"]) for s in body["sources"]] == [("vnm.yaml", "DOCUMENT")]
    bases = {
        (m["role"], (m["agency"] or m["partner"])["id"]): {s["basis"] for s in m["sources"]}
        for m in body["members"]
    }
    assert bases[("CHAIR", "UNICEF")] == {"DOCUMENT"}
    assert bases[("SECRETARIAT", "UNICEF")] == {"DOCUMENT"}
    assert bases[("CO_CHAIR", "VNM-MARD")] == {"ILLUSTRATIVE"}
    outcome = data["outcome"]
    assert [s["basis"] for s in outcome["sources"]] == ["ILLUSTRATIVE"]
    assert ("vnm.yaml", "DOCUMENT") in {
        (s["source"], s["basis"]) for s in outcome["framework"]["sources"]
    }
    for contributor in outcome["contributors"]:
        assert [s["basis"] for s in contributor["sources"]] == ["ILLUSTRATIVE"]
    from_uninfo = [o for o in data["khm"] if o["source"] == "UN INFO"]
    assert from_uninfo
    for outcome in from_uninfo:
        assert {s["basis"] for s in outcome["sources"]} == {"DATA"}
        for contributor in outcome["contributors"]:
            assert {s["basis"] for s in contributor["sources"]} == {"DATA"}


def test_one_framework_per_plan(demo_api: GraphQL) -> None:
    data = demo_api("""{
        country(iso3: "KHM") { frameworks { id startYear endYear uninfoPlan } }
        sdgCoverage(country: "KHM") { goals { outcomes { id } } outcomesWithoutSdg { id } }
        outcomes(country: "KHM", framework: "KHM-UNDAF-2019") { id source framework { id } } }""")
    plans_2019 = [f for f in data["country"]["frameworks"] if f["startYear"] == 2019]
    assert [f["id"] for f in plans_2019] == ["KHM-UNDAF-2019"]
    assert (
        plans_2019[0]["uninfoPlan"] == "Cambodia United Development Assistance Framework 2019-2023"
    )
    # The UN INFO outcomes of that plan are the pack framework's outcomes.
    sources = {o["source"] for o in data["outcomes"]}
    assert "UN INFO" in sources and len(sources) > 1
    coverage = data["sdgCoverage"]
    for goal in coverage["goals"]:
        ids = [o["id"] for o in goal["outcomes"]]
        assert len(ids) == len(set(ids))
    assert not any(o["id"].startswith("KHM/cambodia-") for o in data["outcomes"])


def test_unaids_sits_in_the_cambodia_unct(demo_api: GraphQL) -> None:
    members = demo_api('{ body(id: "KHM-UNCT") { members { agency { id } } } }')["body"]["members"]
    assert "UNAIDS" in {m["agency"]["id"] for m in members}


def test_plan_titles_alike() -> None:
    undaf = Framework(
        "KHM-UNDAF-2019",
        "United Nations Development Assistance Framework 2019-2023",
        2019,
        2023,
        None,
    )
    assert words("Cambodia United Development Assistance Framework 2019-2023", ["Cambodia"]) == {
        "development",
        "assistance",
        "framework",
    }
    assert same_plan(
        "Cambodia United Development Assistance Framework 2019-2023", undaf, ["Cambodia"]
    )
    assert not same_plan(
        "United Nations Sustainable Development Cooperation Framework (2024-2028)",
        undaf,
        ["Cambodia"],
    )
    assert not same_plan(
        "Cambodia United Development Assistance Framework 2010-2015", undaf, ["Cambodia"]
    )
    osp = Framework("VNM-OSP-2017", "One UN Strategic Plan 2017-2021", 2017, 2021, None)
    assert same_plan("Viet Nam One Strategic Plan 2017-2021 (OSP)", osp, ["Viet Nam"])


PACK = """\
country: {iso3: VNM, name: Viet Nam}
framework:
  {id: VNM-PLAN-A, title: One UN Strategic Plan 2017-2021, start_year: 2017, end_year: 2021}
"""
SECOND = """\
country: {iso3: VNM, name: Viet Nam}
framework: {id: VNM-PLAN-B, title: One Strategic Plan, start_year: 2016, end_year: 2020}
"""


def test_a_plan_matches_by_likeness_or_is_ambiguous(stores: StoreFactory, tmp_path: Path) -> None:
    export = load.UNINFO_DIR / "asia-pacific_education.csv"
    first = tmp_path / "a.yaml"
    first.write_text(PACK, encoding="utf-8")
    store = stores.new()
    load_files(store, [first, export])

    found = read_ids(store, FRAMEWORKS_OF_VNM)
    assert "VNM-PLAN-A" in found and not any(
        f.startswith("VNM/viet-nam-one-strategic") for f in found
    )

    second = tmp_path / "b.yaml"
    second.write_text(SECOND, encoding="utf-8")
    store = stores.new()
    with pytest.raises(LoadError) as refused:
        load_files(store, [first, second, export])
    message = str(refused.value)
    assert "VNM-PLAN-A" in message and "VNM-PLAN-B" in message and "uninfo_plan" in message


FRAMEWORKS_OF_VNM = Query("test", "MATCH (f:Framework) WHERE f.country = 'VNM' RETURN f.id AS id")


def _export_and_pack(folder: Path) -> tuple[Path, Path]:
    """A copy of an export holding a VNM plan, and a pack describing that plan."""
    export = folder / "asia-pacific_education.csv"
    shutil.copy(load.UNINFO_DIR / export.name, export)
    pack = folder / "a.yaml"
    pack.write_text(PACK, encoding="utf-8")
    return export, pack


def test_a_plan_is_one_framework_whichever_file_comes_first(
    stores: StoreFactory, tmp_path: Path
) -> None:
    """The export loaded before the pack: the pack's load joins the plan all the same."""
    export, pack = _export_and_pack(tmp_path)
    store = stores.new()
    load_files(store, [export])
    own = read_ids(store, FRAMEWORKS_OF_VNM)
    (plan,) = [f for f in own if f.startswith("VNM/viet-nam-one-strategic")]
    assert read_ids(store, OUTCOMES_OF, id=plan)

    load_files(store, [pack])
    others = [f for f in own if f != plan]  # the export's later plan is not the pack's
    assert read_ids(store, FRAMEWORKS_OF_VNM) == sorted(["VNM-PLAN-A", *others])
    pack_first = stores.new()
    load_files(pack_first, [pack, export])
    assert read_ids(store, OUTCOMES_OF, id="VNM-PLAN-A") == read_ids(
        pack_first, OUTCOMES_OF, id="VNM-PLAN-A"
    )
    assert read_ids(store, OUTCOMES_OF, id=plan) == []


def test_a_plan_that_cannot_join_refuses_the_pack(stores: StoreFactory, tmp_path: Path) -> None:
    export, pack = _export_and_pack(tmp_path)
    store = stores.new()
    load_files(store, [export])
    before = read_ids(store, FRAMEWORKS_OF_VNM)
    export.unlink()  # the export's file is gone: it cannot be loaded again
    with pytest.raises(LoadError) as refused:
        load_files(store, [pack])
    message = str(refused.value)
    assert f"{pack}:2: framework VNM-PLAN-A is the plan" in message
    assert "unload asia-pacific_education.csv, load this file" in message
    assert read_ids(store, FRAMEWORKS_OF_VNM) == before


OUTCOMES_OF = Query(
    "test", "MATCH (o:Outcome)-[:PART_OF]->(f:Framework) WHERE f.id = $id RETURN o.id AS id"
)
