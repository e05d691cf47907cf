"""The peer's fact check (bench/peer_check.py): unct-graph's answers and the peer's,
in their own shapes, reduced to the same facts; no Node, no server."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest

from bench import over_http, peer, peer_check, report
from bench.data import Variables
from bench.questions import NAMES, QUESTIONS
from bench.runs import Plan

PEER = Path(__file__).resolve().parent.parent / "bench" / "peer"
UNDP = {"id": "UNDP", "name": "United Nations Development Programme"}
WFP = {"id": "WFP", "name": "World Food Programme"}
MINISTRY = {"id": "GAB-MP", "name": "Ministry of Planning"}
JSC = {"id": "GAB-JSC", "name": "Joint Steering Committee", "kind": "STEERING_COMMITTEE"}
RG = {"id": "GAB-RG1", "name": "Results Group 1", "kind": "RESULTS_GROUP"}
GOAL = {"code": "2", "title": "Zero hunger"}

# One answer of each side per question, stating the same facts.
OURS: dict[str, dict[str, Any]] = {
    "outcomes": {
        "outcomes": [
            {
                "id": "O1", "code": "1", "title": "Food security",
                "contributors": [
                    {"agency": UNDP, "via": ["DIRECT", "RESULTS_GROUP"]},
                    {"agency": WFP, "via": ["JOINT_PROGRAMME"]},
                ],
                "sdgGoals": [GOAL],
            },
            {"id": "O2", "code": "2", "title": "Health", "contributors": [], "sdgGoals": []},
        ]
    },
    "body": {
        "body": {
            **RG,
            "chair": UNDP,
            "members": [
                {"role": "CHAIR", "since": "2024-01-01", "until": None, "agency": UNDP,
                 "partner": None},
                {"role": "CO_CHAIR", "since": None, "until": "2027-12-31", "agency": None,
                 "partner": MINISTRY},
                {"role": "MEMBER", "since": None, "until": None, "agency": WFP, "partner": None},
            ],
        },
        "reportingLine": [RG, JSC],
    },
    "coverage": {
        "sdgCoverage": {
            "goals": [
                {"goal": GOAL, "outcomes": [{"id": "O1", "code": "1"}]},
                {"goal": {"code": "3", "title": "Good health"}, "outcomes": []},
            ],
            "uncoveredGoals": [{"code": "3"}],
            "outcomesWithoutSdg": [{"id": "O2"}],
        }
    },
    "memberships": {
        "agency": {
            **UNDP,
            "memberships": [
                {"role": "CHAIR", "since": "2024-01-01", "until": None,
                 "body": {**RG, "country": {"iso3": "GAB", "name": "Gabon"}}},
                {"role": "MEMBER", "since": None, "until": None,
                 "body": {**JSC, "country": None}},
            ],
        }
    },
    "nested": {
        "country": {
            "iso3": "GAB", "name": "Gabon",
            "bodies": [
                {**RG, "members": [{"role": "CHAIR", "agency": UNDP}, {"role": "CO_CHAIR",
                                                                      "agency": None}]},
                {**JSC, "members": []},
            ],
        }
    },
}  # fmt: skip

THEIRS: dict[str, dict[str, Any]] = {
    "outcomes": {
        "outcomes": [
            {"id": "O2", "code": "2", "title": "Health", "direct": [], "viaResultsGroup": [],
             "viaJointProgramme": [], "sdgGoals": []},
            {"id": "O1", "code": "1", "title": "Food security", "direct": [UNDP],
             "viaResultsGroup": [UNDP], "viaJointProgramme": [WFP], "sdgGoals": [GOAL]},
        ]
    },
    "body": {
        "bodies": [
            {
                **RG,
                "chair": UNDP,
                "members": [
                    {"role": "MEMBER", "since": None, "until": None, "agency": WFP,
                     "partner": None},
                    {"role": "CO_CHAIR", "since": None, "until": "2027-12-31", "agency": None,
                     "partner": MINISTRY},
                    {"role": "CHAIR", "since": "2024-01-01", "until": None, "agency": UNDP,
                     "partner": None},
                ],
                "reportingLine": [RG, JSC],
            }
        ]
    },
    "coverage": {
        "sdgCoverage": {
            "goals": [
                {"goal": {"code": "3", "title": "Good health"}, "outcomes": []},
                {"goal": GOAL, "outcomes": [{"id": "O1", "code": "1"}]},
            ],
            "uncoveredGoals": [{"code": "3"}],
            "outcomesWithoutSdg": [{"id": "O2"}],
        }
    },
    "memberships": {
        "agencies": [
            {
                **UNDP,
                "memberships": [
                    {"role": "MEMBER", "since": None, "until": None,
                     "body": {**JSC, "country": None}},
                    {"role": "CHAIR", "since": "2024-01-01", "until": None,
                     "body": {**RG, "country": {"iso3": "GAB", "name": "Gabon"}}},
                ],
            }
        ]
    },
    "nested": {
        "countries": [
            {
                "iso3": "GAB", "name": "Gabon",
                "bodies": [
                    {**JSC, "members": []},
                    {**RG, "members": [{"role": "CO_CHAIR", "agency": None},
                                       {"role": "CHAIR", "agency": UNDP}]},
                ],
            }
        ]
    },
}  # fmt: skip


def _compare(name: str, ours: dict[str, Any], theirs: dict[str, Any]) -> dict[str, Any]:
    return peer_check.compare(name, {"data": ours}, {"data": theirs})


@pytest.mark.parametrize("name", NAMES)
def test_answers_in_their_own_shapes_state_the_same_facts(name: str) -> None:
    agreement = _compare(name, OURS[name], THEIRS[name])
    stated = peer_check.peer(name, {"data": THEIRS[name]})
    assert agreement == {"same_facts": True, "facts": len(stated)}
    assert stated


def test_a_contribution_path_the_peer_misses_is_a_difference_it_names() -> None:
    theirs = copy.deepcopy(THEIRS["outcomes"])
    theirs["outcomes"][1]["viaResultsGroup"] = []
    agreement = _compare("outcomes", OURS["outcomes"], theirs)
    assert not agreement["same_facts"]
    assert agreement["only_unct_graph"] == [["O1", "RESULTS_GROUP", "UNDP", UNDP["name"]]]
    assert agreement["only_peer"] == []


def test_an_sdg_goal_only_the_peer_states_is_a_difference() -> None:
    theirs = copy.deepcopy(THEIRS["outcomes"])
    theirs["outcomes"][0]["sdgGoals"] = [GOAL]
    agreement = _compare("outcomes", OURS["outcomes"], theirs)
    assert agreement["only_peer"] == [["O2", "SDG_GOAL", "2", "Zero hunger"]]


@pytest.mark.parametrize(
    ("change", "seen"),
    [
        (lambda b: b["members"][2].update(since="2023-01-01"), "a member's start date"),
        (lambda b: b["members"][1].update(role="MEMBER"), "a partner's role"),
        (lambda b: b["members"].append(copy.deepcopy(b["members"][0])), "a member twice"),
        (lambda b: b.update(chair=WFP), "the chair"),
        (lambda b: b.update(reportingLine=[JSC, RG]), "the reporting line's order"),
        (lambda b: b.update(reportingLine=[RG]), "a reporting line stopped short"),
    ],
)
def test_the_body_question_sees(change: Any, seen: str) -> None:
    theirs = copy.deepcopy(THEIRS["body"])
    change(theirs["bodies"][0])
    assert not _compare("body", OURS["body"], theirs)["same_facts"], seen


def test_no_body_found_is_no_facts() -> None:
    assert not _compare("body", OURS["body"], {"bodies": []})["same_facts"]


def test_coverage_compares_goals_uncovered_goals_and_outcomes_without_sdg() -> None:
    for field, value in [
        ("uncoveredGoals", []),
        ("outcomesWithoutSdg", [{"id": "O2"}, {"id": "O1"}]),
    ]:
        theirs = copy.deepcopy(THEIRS["coverage"])
        theirs["sdgCoverage"][field] = value
        assert not _compare("coverage", OURS["coverage"], theirs)["same_facts"], field
    theirs = copy.deepcopy(THEIRS["coverage"])
    theirs["sdgCoverage"]["goals"][0]["outcomes"] = [{"id": "O2", "code": "2"}]
    agreement = _compare("coverage", OURS["coverage"], theirs)
    assert agreement["only_peer"] == [["GOAL", "3", "Good health", "O2", "2"]]


def test_memberships_compare_the_body_and_its_country() -> None:
    theirs = copy.deepcopy(THEIRS["memberships"])
    theirs["agencies"][0]["memberships"][1]["body"]["country"] = {"iso3": "GAB", "name": "Gab"}
    assert not _compare("memberships", OURS["memberships"], theirs)["same_facts"]
    theirs["agencies"][0]["memberships"].pop()
    assert not _compare("memberships", OURS["memberships"], theirs)["same_facts"]


def test_nested_counts_partner_seats_as_seats_without_an_agency() -> None:
    theirs = copy.deepcopy(THEIRS["nested"])
    theirs["countries"][0]["bodies"][1]["members"].pop(0)
    agreement = _compare("nested", OURS["nested"], theirs)
    assert agreement["only_unct_graph"] == [["MEMBER", "GAB-RG1", "CO_CHAIR", None, None]]


def test_only_a_few_differing_facts_are_kept() -> None:
    theirs = copy.deepcopy(THEIRS["nested"])
    theirs["countries"][0]["bodies"][0]["members"] = [
        {"role": "MEMBER", "agency": {"id": f"A{i}", "name": "N"}} for i in range(20)
    ]
    agreement = _compare("nested", OURS["nested"], theirs)
    assert len(agreement["only_peer"]) == peer_check.SHOWN


def test_every_question_has_a_peer_query_taking_the_products_variable() -> None:
    assert set(peer_check.PEER) == set(NAMES)
    for question in QUESTIONS:
        text = (PEER / "queries" / f"{question.name}.graphql").read_text()
        assert set(re.findall(r"\$(\w+)\s*:", text)) == {question.variable}, question.name


def test_a_question_whose_facts_differ_is_left_out_of_the_peers_runs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    wrong = copy.deepcopy(THEIRS["nested"])
    wrong["countries"][0]["name"] = "Gabun"
    said = {"coverage": THEIRS["coverage"], "nested": wrong}
    measured: list[str] = []

    def check(url: str, bodies: Any) -> dict[str, dict[str, Any]]:
        (name,) = bodies
        if name == "body":
            raise over_http.QuestionError("body: 400")
        return {name: {"answer": {"data": said[name]}, "bytes": 10}}

    def measure_all(url: str, bodies: Any, plan: Plan) -> dict[str, Any]:
        measured.extend(bodies)
        return {name: {"16": {"req_s": 1.0}} for name in bodies}

    monkeypatch.setattr(over_http, "check", check)
    monkeypatch.setattr(over_http, "measure_all", measure_all)
    ours = {name: {"answer": {"data": OURS[name]}} for name in NAMES}
    asked = {name: {"query": "{}"} for name in ("body", "coverage", "nested")}
    found = peer._measure("http://peer/", asked, Plan(1, 1, 0, 1), ours)["questions"]
    assert measured == ["coverage"]
    assert found["coverage"]["same_facts"] and "clients" in found["coverage"]
    assert not found["nested"]["same_facts"] and "clients" not in found["nested"]
    assert found["nested"]["only_peer"] == [["COUNTRY", "GAB", "Gabun"]]
    assert "error" in found["body"]
    results: dict[str, Any] = {"stores": {}, "peer": {"status": "measured", "questions": found}}
    line = report.table(results | _header()).splitlines()[-1]
    expected = "coverage; left out: body (error), nested (facts differ)"
    assert line == f"peer: same facts as unct-graph: {expected}"


def _header() -> dict[str, Any]:
    return {
        "scale": "small", "seed": 7, "dataset": {"countries": 1},
        "plan": {"seconds": 1, "rounds": 1}, "load_average": {"before": [], "after": []},
        "machine": {"cores": 2},
    }  # fmt: skip


def test_the_peer_is_asked_with_the_data_sets_variables() -> None:
    asked = peer.bodies(Variables("GAB", "GAB-RG1", "UNDP"))
    assert set(asked) == set(NAMES)
    assert asked["body"]["variables"] == {"body": "GAB-RG1"}
    assert asked["memberships"]["variables"] == {"agency": "UNDP"}
