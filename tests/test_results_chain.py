"""The results chain in GraphQL, on both stores: what the API says about
sub-outputs, outputs, outcomes and strategic priorities equals what the
export files say (read here with csv + openpyxl), and joint programmes equal
what the demo packs say."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from starlette.testclient import TestClient

from api.app import create_app
from graph.apply import apply
from graph.batch import GraphBatch
from graph.model import NodeKind, RelKind
from graph.sources import Source, SourceKind
from tests.conftest import ACTOR, GraphQL, StoreFactory, load_all, run
from tests.test_uninfo_oracle import (
    ALIASES,
    DEMO,
    TARGET_RE,
    UNTITLED,
    clean,
    export_rows,
)

SUB_OUTPUT = """
query ($id: ID!) {
  subOutput(id: $id) {
    id code title description status startDate endDate
    markers { gender humanRights humanitarian sustainingPeace lnobGroups qcprFunctions geography }
    agencies { agency { id } required available expenditure }
    implementingPartners { id name subOutputs { id } }
    contributingPartners { id name subOutputs { id } }
    sdgTargets { code } sdgGoals { code }
    output {
      code title subOutputs { id }
      outcome {
        code title outputs { code }
        strategicPriority { code title outcomes { code title } }
        framework { title strategicPriorities { code } }
      }
    }
  }
}"""


def sample_rows() -> list[dict[str, Any]]:
    """Every 50th sub-output of the exports (the first of each file among them)."""
    rows = list(export_rows())
    return rows[::50]


def code(value: Any) -> str:
    """A code as the export writes it, less padding and trailing dots; `-` when empty."""
    return clean(value).rstrip(".").strip() or "-"


def text_or_none(value: Any) -> str | None:
    return clean(value) or None


def items(value: Any) -> list[str]:
    pieces = (p.strip() for p in re.split(r"[;,]", clean(value)))
    return list(dict.fromkeys(p for p in pieces if p and p != "-"))


def amount(value: Any) -> float | None:
    text = clean(value).replace(",", "")
    return float(text) if text else None


@pytest.mark.parametrize("row", sample_rows(), ids=lambda r: clean(r["ID"]))
def test_sub_output_as_its_export_row(demo_api: GraphQL, row: dict[str, Any]) -> None:
    got = demo_api(SUB_OUTPUT, id=f"UNINFO-{clean(row['ID'])}")["subOutput"]
    assert got is not None
    assert got["code"] == code(row["Sub-Output code"])
    assert got["title"] == (clean(row["Sub-Output"]) or UNTITLED)
    assert got["description"] == text_or_none(row.get("Description"))
    assert got["status"] == text_or_none(row.get("Status"))
    assert got["startDate"] == (clean(row.get("Start date"))[:10] or None)
    assert got["endDate"] == (clean(row.get("End date"))[:10] or None)
    assert got["markers"] == {
        "gender": text_or_none(row.get("Gender marker")),
        "humanRights": text_or_none(row.get("Human rights marker")),
        "humanitarian": text_or_none(row.get("Humanitarian marker")),
        "sustainingPeace": text_or_none(row.get("Sustaining peace marker")),
        "lnobGroups": items(row.get("LNOB groups targeted")),
        "qcprFunctions": items(row.get("QCPR function")),
        "geography": items(row.get("Geography")),
    }
    # Each agency shows the sub-output's totals (UN INFO does not split them).
    names = {n.strip() for n in re.split(r"[;,]", clean(row["Agency abbreviations"]))} - {""}
    want_agencies = {ALIASES.get(n, n).upper().replace(" ", "") for n in names}
    got_agencies = {a["agency"]["id"].upper().replace(" ", "") for a in got["agencies"]}
    assert got_agencies == want_agencies
    for agency in got["agencies"]:
        assert agency["required"] == amount(row["Total required resources"])
        assert agency["available"] == amount(row["Total available resources"])
        assert agency["expenditure"] == amount(row["Total expenditure resources"])
    targets = {f"{goal}.{target}" for goal, target in TARGET_RE.findall(clean(row["SDG Targets"]))}
    assert {t["code"] for t in got["sdgTargets"]} == targets
    assert {t.split(".")[0] for t in targets} <= {g["code"] for g in got["sdgGoals"]}
    for column, field in (
        ("Implementation partners", "implementingPartners"),
        ("Contributing partners", "contributingPartners"),
    ):
        assert bool(got[field]) == bool(clean(row.get(column)))
        for partner in got[field]:
            assert partner["name"] in clean(row[column])
            assert got["id"] in {s["id"] for s in partner["subOutputs"]}


@pytest.mark.parametrize("row", sample_rows()[:8], ids=lambda r: clean(r["ID"]))
def test_chain_up_and_down_from_a_sub_output(demo_api: GraphQL, row: dict[str, Any]) -> None:
    got = demo_api(SUB_OUTPUT, id=f"UNINFO-{clean(row['ID'])}")["subOutput"]
    output = got["output"]
    assert output["code"] == code(row["Output code"])
    assert output["title"] == (clean(row["Output"]) or UNTITLED)
    assert got["id"] in {s["id"] for s in output["subOutputs"]}
    outcome = output["outcome"]
    assert outcome["code"] == code(row["Outcome code"])
    assert outcome["title"] == (clean(row["Outcome"]) or UNTITLED)
    assert output["code"] in {o["code"] for o in outcome["outputs"]}
    priority = outcome["strategicPriority"]
    assert priority["code"] == code(row["Strategic priority code"])
    assert priority["title"] == clean(row["Strategic priority"])
    assert (outcome["code"], outcome["title"]) in {
        (o["code"], o["title"]) for o in priority["outcomes"]
    }
    assert outcome["framework"]["title"] == clean(row["Plan name"])
    assert priority["code"] in {p["code"] for p in outcome["framework"]["strategicPriorities"]}


PROGRAMMES = """
query ($iso3: ID!) {
  country(iso3: $iso3) {
    jointProgrammes {
      id title convening { id } participating { id } outcomes { id jointProgrammes { id } }
      sdgTargets { code } participants { agency { id } role }
    }
  }
}"""


@pytest.mark.parametrize("pack", sorted(DEMO.glob("*.yaml")), ids=lambda p: p.stem)
def test_joint_programmes_as_the_pack_states(demo_api: GraphQL, pack: Path) -> None:
    data = yaml.safe_load(pack.read_text(encoding="utf-8"))
    want = {p["id"]: p for p in data.get("joint_programmes", [])}
    got = demo_api(PROGRAMMES, iso3=data["country"]["iso3"])["country"]["jointProgrammes"]
    assert {p["id"] for p in got} == set(want)
    for programme in got:
        stated = want[programme["id"]]
        assert programme["title"] == stated["title"]
        roles = {a["agency"]: a.get("role", "PARTICIPATING") for a in stated["agencies"]}
        assert [a["id"] for a in programme["convening"]] == [
            a for a, role in roles.items() if role == "CONVENING"
        ]
        assert {a["id"] for a in programme["participating"]} == {
            a for a, role in roles.items() if role == "PARTICIPATING"
        }
        assert programme["participants"][0]["role"] == "CONVENING"  # convening first
        assert {o["id"] for o in programme["outcomes"]} == set(stated["outcomes"])
        for outcome in programme["outcomes"]:
            assert programme["id"] in {j["id"] for j in outcome["jointProgrammes"]}
        assert {t["code"] for t in programme["sdgTargets"]} == set(stated.get("sdg_targets", []))


def test_joint_programme_funds(stores: StoreFactory) -> None:
    """Funds and funders read from the graph (no bundled file states one yet)."""
    store = stores.new()
    load_all(store, [])
    batch = GraphBatch()
    programme = (NodeKind.JOINT_PROGRAMME, "TST-JP")
    batch.node(NodeKind.JOINT_PROGRAMME, "TST-JP", title="Test programme", country="TST")
    batch.node(NodeKind.FUND, "TST-ONE-FUND", name="One UN Fund")
    batch.node(NodeKind.PARTNER, "TST-DONOR", name="A donor", type="DONOR")
    batch.edge(RelKind.FUNDED_BY, programme, (NodeKind.FUND, "TST-ONE-FUND"))
    batch.edge(RelKind.FUNDED_BY, programme, (NodeKind.PARTNER, "TST-DONOR"))
    batch.edge(RelKind.PARTICIPATES_IN, (NodeKind.AGENCY, "UNDP"), programme, role="CONVENING")
    batch.edge(RelKind.PARTICIPATES_IN, (NodeKind.AGENCY, "WFP"), programme, role="PARTICIPATING")

    async def write() -> None:
        try:
            await store.setup()
            await apply(store, Source("funds-test", SourceKind.DATA), batch, ACTOR)
        finally:
            await store.close()

    run(write())
    with TestClient(create_app(store)) as client:
        body = client.post(
            "/graphql",
            json={
                "query": '{ jointProgramme(id: "TST-JP") { funds { id name } '
                "funders { id name type } convening { id } participating { id } "
                'outcomes { id } } jointProgrammes(country: "TST") { id } }'
            },
        ).json()
    assert "errors" not in body, body
    programme_data = body["data"]["jointProgramme"]
    assert programme_data["funds"] == [{"id": "TST-ONE-FUND", "name": "One UN Fund"}]
    assert programme_data["funders"] == [{"id": "TST-DONOR", "name": "A donor", "type": "DONOR"}]
    assert programme_data["convening"] == [{"id": "UNDP"}]
    assert programme_data["participating"] == [{"id": "WFP"}]
    assert programme_data["outcomes"] == []
    assert body["data"]["jointProgrammes"] == [{"id": "TST-JP"}]


def test_unknown_ids_are_null(demo_api: GraphQL) -> None:
    data = demo_api(
        '{ subOutput(id: "UNINFO-0") { id } output(id: "nope") { id } '
        'strategicPriority(id: "nope") { id } jointProgramme(id: "nope") { id } }'
    )
    assert data == {
        "subOutput": None,
        "output": None,
        "strategicPriority": None,
        "jointProgramme": None,
    }


def test_funding_gap_refuses_a_bad_first(demo_api: GraphQL) -> None:
    with pytest.raises(AssertionError, match="first must be between 0 and 100"):
        demo_api("{ fundingGap(first: 1000) { id } }")
