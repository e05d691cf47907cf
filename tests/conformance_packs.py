"""Country packs for the conformance tests: one that passes every rule, and for each
rule one built from it that breaks exactly that rule.

Every scenario is its own (made-up) country, so all of them load into one store.
The funding-gap rule needs UN INFO budgets, so its two scenarios are real
countries with a small UN INFO export each.
"""

from __future__ import annotations

import copy
import csv
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import yaml

AS_OF = date(2024, 6, 30)
Pack = dict[str, Any]


def base(iso3: str, name: str = "") -> Pack:
    """A structure that passes every rule on AS_OF."""

    def body(suffix: str, kind: str, up: list[str], **more: Any) -> dict[str, Any]:
        entry = {"id": f"{iso3}-{suffix}", "kind": kind, "name": f"{suffix} of {iso3}"}
        if up:
            entry["reports_to"] = [f"{iso3}-{u}" for u in up]
        entry.update(more)
        return entry

    def seat(agency: str, role: str = "MEMBER", **dates: str) -> dict[str, Any]:
        return {"agency": agency, "role": role, **dates}

    return {
        "country": {"iso3": iso3, "name": name or f"Country {iso3}"},
        "framework": {
            "id": f"{iso3}-CF",
            "title": "Cooperation Framework 2020-2030",
            "start_year": 2020,
            "end_year": 2030,
        },
        "agencies": [{"id": "UNDP"}, {"id": "UNICEF"}, {"id": "FAO"}],
        "partners": [{"id": f"{iso3}-MOP", "name": "Ministry of Planning", "type": "GOVERNMENT"}],
        "bodies": [
            body("JSC", "STEERING_COMMITTEE", []),
            body("UNCT", "UNCT", ["JSC"], members=[seat("UNDP"), seat("UNICEF"), seat("FAO")]),
            body("RCO", "RC_OFFICE", []),
            body(
                "OMT",
                "OPERATIONS_MANAGEMENT_TEAM",
                ["UNCT"],
                members=[seat("UNDP", "CHAIR"), seat("UNICEF", "CO_CHAIR")],
            ),
            body("OMT-TF", "TASK_FORCE", ["OMT"], members=[seat("FAO", "CHAIR")]),
            body("UNCG", "COMMUNICATION_GROUP", ["UNCT"]),
            body("MEG", "MONITORING_EVALUATION_GROUP", ["UNCT"]),
            body(
                "RG1",
                "RESULTS_GROUP",
                ["JSC"],
                members=[seat("UNDP", "CHAIR"), seat("UNICEF", "VICE_CHAIR"), seat("FAO")],
                outcomes=[f"{iso3}-CF/O1"],
            ),
            body(
                "TG",
                "THEME_GROUP",
                ["UNCT"],
                members=[
                    seat("UNICEF", "CHAIR", since="2020-01-01", until="2022-12-31"),
                    seat("FAO", "CHAIR", since="2023-01-01"),
                ],
            ),
        ],
        "outcomes": [outcome(iso3, "O1")],
    }


def outcome(iso3: str, code: str, goals: tuple[str, ...] = ("1", "11", "13")) -> dict[str, Any]:
    return {
        "id": f"{iso3}-CF/{code}",
        "code": code[1:],
        "title": f"Outcome {code}",
        "sdg_goals": list(goals),
        "sdg_targets": ["1.5", "13.1"] if goals else [],
        "contributors": ["UNDP"],
    }


def _body(pack: Pack, suffix: str) -> dict[str, Any]:
    wanted = f"{pack['country']['iso3']}-{suffix}"
    found: dict[str, Any] = next(b for b in pack["bodies"] if b["id"] == wanted)
    return found


def _drop(pack: Pack, *suffixes: str) -> None:
    ids = {f"{pack['country']['iso3']}-{s}" for s in suffixes}
    pack["bodies"] = [b for b in pack["bodies"] if b["id"] not in ids]


def no_unct(pack: Pack) -> None:
    _drop(pack, "UNCT")
    jsc = f"{pack['country']['iso3']}-JSC"
    for entry in pack["bodies"]:
        entry["reports_to"] = [
            jsc if r.endswith("-UNCT") else r for r in entry.get("reports_to", [])
        ]


def silent_group(pack: Pack) -> None:
    del _body(pack, "UNCG")["reports_to"]


def dead_end(pack: Pack) -> None:
    _body(pack, "UNCG")["reports_to"] = [f"{pack['country']['iso3']}-RCO"]


def working_groups(pack: Pack) -> None:
    """A -> UNCT and B -> A; the tests then add A -> B past the write path's invariants,
    as a store written before they existed may hold."""
    iso3 = pack["country"]["iso3"]
    pack["bodies"] += [
        {"id": f"{iso3}-WGA", "kind": "WORKING_GROUP", "name": "A", "reports_to": [f"{iso3}-UNCT"]},
        {"id": f"{iso3}-WGB", "kind": "WORKING_GROUP", "name": "B", "reports_to": [f"{iso3}-WGA"]},
    ]


def no_chair(pack: Pack) -> None:
    _body(pack, "RG1")["members"][0]["role"] = "MEMBER"


def chair_is_deputy(pack: Pack) -> None:
    _body(pack, "RG1")["members"] += [{"agency": "UNDP", "role": "VICE_CHAIR"}]


def chair_gap(pack: Pack) -> None:
    _body(pack, "TG")["members"][1]["since"] = "2023-03-01"


def no_omt(pack: Pack) -> None:
    _drop(pack, "OMT", "OMT-TF")


def task_force_elsewhere(pack: Pack) -> None:
    _body(pack, "OMT-TF")["reports_to"] = [f"{pack['country']['iso3']}-UNCT"]


def no_communication_group(pack: Pack) -> None:
    _drop(pack, "UNCG")


def no_monitoring_group(pack: Pack) -> None:
    _drop(pack, "MEG")


def outcome_of_theme_group(pack: Pack) -> None:
    pack["outcomes"].append(outcome(pack["country"]["iso3"], "O2"))
    _body(pack, "TG")["outcomes"] = [pack["outcomes"][-1]["id"]]


def idle_results_group(pack: Pack) -> None:
    iso3 = pack["country"]["iso3"]
    pack["bodies"].append(
        {
            "id": f"{iso3}-RG2",
            "kind": "RESULTS_GROUP",
            "name": "Idle group",
            "reports_to": [f"{iso3}-JSC"],
            "members": [{"agency": "UNDP", "role": "CHAIR"}],
        }
    )


def outcome_without_agency(pack: Pack) -> None:
    # Covered by a results group whose only member is the Government chair.
    iso3 = pack["country"]["iso3"]
    extra = outcome(iso3, "O2")
    extra["contributors"] = []
    pack["outcomes"].append(extra)
    pack["bodies"].append(
        {
            "id": f"{iso3}-RG2",
            "kind": "RESULTS_GROUP",
            "name": "Government-led group",
            "reports_to": [f"{iso3}-JSC"],
            "members": [{"partner": f"{iso3}-MOP", "role": "CHAIR"}],
            "outcomes": [extra["id"]],
        }
    )


def outcome_without_sdg(pack: Pack) -> None:
    pack["outcomes"][0] = outcome(pack["country"]["iso3"], "O1", goals=())


def outcome_with_one_goal(pack: Pack) -> None:
    pack["outcomes"][0] = outcome(pack["country"]["iso3"], "O1", goals=("13",))


def agency_outside_groups(pack: Pack) -> None:
    pack["agencies"].append({"id": "WFP"})
    _body(pack, "UNCT")["members"].append({"agency": "WFP"})


def member_not_present(pack: Pack) -> None:
    """FAO still sits in bodies but is no longer listed as present."""
    pack["agencies"] = [a for a in pack["agencies"] if a["id"] != "FAO"]


# Rule -> (country, how the base pack is broken). reporting.cycle cannot be
# broken by a pack (the write path refuses cycles): its test finishes the job
# with Cypher, as a store written otherwise may hold.
BREAKS: dict[str, tuple[str, Callable[[Pack], None] | None]] = {
    "unct.exists": ("QBA", no_unct),
    "reporting.missing": ("QBB", silent_group),
    "reporting.reaches-top": ("QBC", dead_end),
    "reporting.cycle": ("QBD", working_groups),
    "chair.one": ("QBE", no_chair),
    "chair.distinct": ("QBF", chair_is_deputy),
    "chair.lapsed": ("QBG", chair_gap),
    "member.present": ("QBH", member_not_present),
    "omt.exists": ("QBI", no_omt),
    "omt.task-forces": ("QBJ", task_force_elsewhere),
    "communication.exists": ("QBK", no_communication_group),
    "monitoring.exists": ("QBL", no_monitoring_group),
    "outcome.results-group": ("QBM", outcome_of_theme_group),
    "results-group.outcomes": ("QBN", idle_results_group),
    "outcome.contributors": ("QBO", outcome_without_agency),
    "outcome.sdg": ("QBP", outcome_without_sdg),
    "outcome.few-sdgs": ("QBQ", outcome_with_one_goal),
    "agency.results-group": ("QBR", agency_outside_groups),
    "budget.funding-gap": ("NPL", None),
}
PASSES = "QAA"
# The funding-gap rule applies only where budgets are loaded: it passes here.
BUDGET_PASSES = "BTN"
# country -> (its name, UN INFO sub-output ID, required, available)
BUDGETS = {
    "BTN": ("Bhutan", "900001", 900_000.0, 400_000.0),
    "NPL": ("Nepal", "900002", 3_000_000.0, 500_000.0),
}


def write_pack(pack: Pack, folder: Path) -> Path:
    path = folder / f"{pack['country']['iso3'].lower()}.yaml"
    path.write_text(yaml.safe_dump(pack, sort_keys=False), encoding="utf-8")
    return path


def budget_files(iso3: str, folder: Path) -> list[Path]:
    """A UN INFO export with one budgeted sub-output (required, available), then a pack
    whose results group covers its outcome."""
    name, uninfo_id, required, available = BUDGETS[iso3]
    plan = f"{name} Cooperation Framework 2020-2030"
    export = folder / f"{iso3.lower()}-uninfo.csv"
    row = {
        "Country": name,
        "Plan name": plan,
        "Strategic priority code": "1",
        "Strategic priority": "Prosperity",
        "Outcome code": "1",
        "Outcome": "Growth",
        "Output code": "1.1",
        "Output": "Jobs",
        "Sub-Output code": "1.1.1",
        "Sub-Output": "Skills",
        "ID": uninfo_id,
        "Agency abbreviations": "UNDP",
        "SDG Targets": "8.5 Full employment",
        "SDG Goals": "1 No Poverty, 8 Decent Work, 10 Reduced Inequalities",
        "Total required resources": str(required),
        "Total available resources": str(available),
        "Total expenditure resources": "0",
    }
    with export.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(row))
        writer.writeheader()
        writer.writerow(row)
    pack = base(iso3, name)
    pack["outcomes"] = []
    del pack["framework"]
    _body(pack, "RG1")["outcomes"] = [f"{iso3}/{plan.lower().replace(' ', '-')}/SP1/O1"]
    return [export, write_pack(pack, folder)]


def scenario_files(folder: Path) -> list[Path]:
    files = [write_pack(base(PASSES), folder)]
    for iso3, breaking in BREAKS.values():
        if iso3 in BUDGETS:
            continue
        pack = copy.deepcopy(base(iso3))
        if breaking:
            breaking(pack)
        files.append(write_pack(pack, folder))
    for iso3 in BUDGETS:
        files += budget_files(iso3, folder)
    return files
