"""A source loaded again replaces what it said: the Rwanda and IOM cases, on both stores."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from graph.store import GraphStore
from tests.conftest import Service, make_key, read_ids

DATA = Path(__file__).parent / "data"
UNINFO = Path(__file__).resolve().parent.parent / "loaders" / "data" / "uninfo"

CHAIRS = """query($day: Date) { body(id: "RWA-OMT") {
    chair(asOf: $day) { id } members(role: CHAIR, asOf: $day) { agency { id } } } }"""

ROTATION = [
    "~ MEMBER_OF WFP -> RWA-OMT role=CHAIR since=2022-01-01 until: null -> 2024-12-31",
    "+ MEMBER_OF UNDP -> RWA-OMT role=CHAIR since=2025-01-01",
    "- Body RWA-OMT-TF-FINANCE 'Finance task force'",
    "- MEMBER_OF FAO -> RWA-OMT-TF-FINANCE role=MEMBER",
    "- MEMBER_OF UNDP -> RWA-OMT-TF-FINANCE role=CHAIR since=2022-01-01",
    "- REPORTS_TO RWA-OMT-TF-FINANCE -> RWA-OMT",
]


def _last_change_set(svc: Service) -> str:
    found = svc.query("{ changes(first: 1000) { id } }")["changes"]
    return str(found[-1]["id"]) if found else "0"


def test_rwanda_rotation_and_dissolved_task_force(
    service: tuple[Service, GraphStore], tmp_path: Path
) -> None:
    svc, store = service
    key = make_key(store, "rco-rwanda", "editor")
    first = DATA / "rwa.yaml"
    edited = tmp_path / "rwa.yaml"  # the same file, edited: the same source
    edited.write_bytes((DATA / "rwa-2025.yaml").read_bytes())
    with svc.client:
        status, body = svc.load([first], key)
        assert status == 200, body
        before = _last_change_set(svc)

        status, preview = svc.load([edited], key, dry_run=True)
        assert status == 200, preview
        assert sorted(preview["files"][0]["changes"]) == sorted(ROTATION)
        assert preview["summary"] == "1 added, 4 removed, 1 changed"
        assert _last_change_set(svc) == before  # a preview writes nothing

        status, body = svc.load([edited], key)
        assert status == 200, body
        assert body["files"][0]["source"] == "rwa.yaml"

        for day, chair in (("2023-06-30", "WFP"), ("2024-12-31", "WFP"), ("2025-01-01", "UNDP")):
            data = svc.query(CHAIRS, day=day)["body"]
            assert data["chair"] == {"id": chair}
            assert [m["agency"]["id"] for m in data["members"]] == [chair]
        gone = svc.query(
            '{ body(id: "RWA-OMT-TF-FINANCE") { id } '
            'omt: body(id: "RWA-OMT") { reportedBy { id } } }'
        )
        assert gone["body"] is None
        assert [b["id"] for b in gone["omt"]["reportedBy"]] == ["RWA-OMT-TF-ICT"]

        feed = svc.query(
            "query($since: ID) { changes(since: $since) { id actor source added removed changed "
            "entries { op text } } }",
            since=before,
        )["changes"]
        assert len(feed) == 1
        assert (feed[0]["source"], feed[0]["actor"]) == ("rwa.yaml", "rco-rwanda")
        assert (feed[0]["added"], feed[0]["removed"], feed[0]["changed"]) == (1, 4, 1)
        assert sorted(e["text"] for e in feed[0]["entries"]) == sorted(ROTATION)

        # Loading the same file again changes nothing and records nothing.
        status, body = svc.load([edited], key)
        assert status == 200 and body["summary"] == "0 added, 0 removed, 0 changed"
        assert body["files"][0]["changeSet"] is None
        assert (
            len(svc.query("query($s: ID) { changes(since: $s) { id } }", s=before)["changes"]) == 1
        )


def _export(rows: list[dict[str, str]], header: list[str], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, quoting=csv.QUOTE_ALL)
        writer.writeheader()
        writer.writerows(rows)
    return path


def _kosovo_rows() -> tuple[list[str], dict[str, dict[str, str]]]:
    with (UNINFO / "europe-central-asia_youth.csv").open(
        encoding="utf-8-sig", newline=""
    ) as handle:
        reader = csv.DictReader(handle)
        rows = {row["ID"]: row for row in reader if row["Country"] == "Kosovo"}
        return list(reader.fieldnames or []), rows


CONTRIBUTORS = """{ outcomes(country: "XKX") { id
    contributors(via: [DIRECT]) { agency { id } } } }"""


def _direct(svc: Service) -> dict[str, set[str]]:
    outcomes = svc.query(CONTRIBUTORS)["outcomes"]
    return {o["id"]: {c["agency"]["id"] for c in o["contributors"]} for o in outcomes}


def test_corrected_export_removes_a_contributor(
    service: tuple[Service, GraphStore], tmp_path: Path
) -> None:
    """UN INFO corrected: IOM no longer delivers sub-output 90277 (Kosovo)."""
    svc, store = service
    key = make_key(store, "rco-kosovo", "editor")
    header, rows = _kosovo_rows()
    assert "IOM" in rows["90277"]["Agency abbreviations"]
    original = _export([rows["90277"], rows["153169"]], header, tmp_path / "v1" / "youth.csv")
    fixed_row = dict(rows["90277"], **{"Agency abbreviations": "UN Women, UNDP, UNFPA, UNICEF"})
    corrected = _export([fixed_row, rows["153169"]], header, tmp_path / "v2" / "youth.csv")
    # A thematic export that also lists sub-output 153169 (as UN INFO's do).
    thematic = _export([rows["153169"]], header, tmp_path / "v1" / "thematic.csv")
    with svc.client:
        for path in (original, thematic):
            assert svc.load([path], key)[0] == 200
        contributors = _direct(svc)
        assert len(contributors) == 2  # the outcomes of 90277 and of 153169
        [outcome_of_90277] = [o for o, agencies in contributors.items() if "UN-Women" in agencies]
        assert "IOM" in contributors[outcome_of_90277]

        status, body = svc.load([corrected], key)
        assert status == 200, body
        changes = body["files"][0]["changes"]
        assert "- CONTRIBUTES_TO IOM -> UNINFO-90277" in [c.split(" required")[0] for c in changes]
        assert "IOM" not in _direct(svc)[outcome_of_90277]

        assert svc.load([original], key)[0] == 200  # the old file again: IOM is back
        assert "IOM" in _direct(svc)[outcome_of_90277]

        assert _unload(svc, key, "youth.csv")["removed"] > 0
        # 153169 is still stated by the thematic export; 90277 is gone with its outcome.
        assert set(_direct(svc)) == set(contributors) - {outcome_of_90277}
        assert _unload(svc, key, "thematic.csv")["removed"] > 0
        # Kosovo went with the last file stating it: asking for it is an error now.
        _, body = svc.post(CONTRIBUTORS, None)
        assert "no country 'XKX' in the graph" in body["errors"][0]["message"]
    assert read_ids(store, "MATCH (s:SubOutput) RETURN s.id AS id") == []
    assert read_ids(store, "MATCH (o:Outcome) RETURN o.id AS id") == []
    assert read_ids(store, "MATCH (c:Country {id: 'XKX'}) RETURN c.id AS id") == []


def _unload(svc: Service, key: str, name: str) -> dict[str, Any]:
    data = svc.query(
        "mutation($name: String!) { unloadSource(name: $name) { source removed changeSet } }",
        key,
        name=name,
    )
    result: dict[str, Any] = data["unloadSource"]
    assert result["source"] == name
    return result


def _pack(name: str, description: str | None = None) -> str:
    described = f", description: {description}" if description else ""
    return (
        "country: {iso3: RWA, name: Rwanda}\n"
        "bodies:\n"
        "  - {id: RWA-UNCT, kind: UNCT, name: UN Country Team in Rwanda}\n"
        f"  - {{id: RWA-OMT, kind: OPERATIONS_MANAGEMENT_TEAM, name: {name}{described},"
        " reports_to: [RWA-UNCT]}\n"
    )


def _omt(svc: Service) -> dict[str, Any]:
    body: dict[str, Any] = svc.query(
        '{ body(id: "RWA-OMT") { name description sources { source } } }'
    )["body"]
    return body


def test_a_value_goes_with_the_source_that_stated_it(
    service: tuple[Service, GraphStore], tmp_path: Path
) -> None:
    """Two packs state one body; unloading either leaves what the other says."""
    svc, store = service
    key = make_key(store, "rco-rwanda", "editor")
    first, second = tmp_path / "first.yaml", tmp_path / "second.yaml"
    first.write_text(_pack("Name A"))
    second.write_text(_pack("Name B", "Stated by the second only"))
    with svc.client:
        for path in (first, second):
            status, body = svc.load([path], key)
            assert status == 200, body
        assert _omt(svc)["name"] == "Name B"  # the latest source that states it

        removed = _unload(svc, key, "second.yaml")
        assert removed["changeSet"] is not None
        omt = _omt(svc)
        assert (omt["name"], omt["description"]) == ("Name A", None)
        assert [s["source"] for s in omt["sources"]] == ["first.yaml"]

        status, body = svc.load([second], key)
        assert status == 200, body
        assert _omt(svc)["description"] == "Stated by the second only"
        _unload(svc, key, "first.yaml")
        omt = _omt(svc)
        assert (omt["name"], omt["description"]) == ("Name B", "Stated by the second only")

        # The second source, loaded again without the description, clears it:
        # nobody states it any more.
        second.write_text(_pack("Name B"))
        status, body = svc.load([second], key)
        assert status == 200, body
        assert (
            "~ Body RWA-OMT 'Name B' description: 'Stated by the second only' -> null"
            in (body["files"][0]["changes"])
        )
        assert _omt(svc)["description"] is None
