"""IATI activity files on both stores: the 100 sample activities load with the SDG
targets the XML tags them with; activities link to outcomes (inferred); bad files
are refused whole with FILE:LINE."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import yaml

from graph.store import GraphStore, Query
from loaders import load
from loaders.iati_codes import IATI_DIR
from loaders.problems import LoadError
from tests.conftest import StoreFactory, graphql_client, load_all, run

SAMPLE = IATI_DIR / "undp-activities-sample.xml"


def targets_in_xml(path: Path) -> dict[str, set[str]]:
    """Activity -> SDG targets (tag vocabulary 3, sector vocabulary 8), read with the
    standard library's parser, not the loader's."""
    found: dict[str, set[str]] = {}
    for activity in ET.parse(path).getroot().iter("iati-activity"):
        codes = {
            t.get("code", "").lower() for t in activity.iter("tag") if t.get("vocabulary") == "3"
        }
        codes |= {
            s.get("code", "").lower() for s in activity.iter("sector") if s.get("vocabulary") == "8"
        }
        found[str(activity.findtext("iati-identifier")).strip()] = codes
    return found


def read(store: GraphStore, cypher: str) -> list[dict[str, Any]]:
    async def go() -> list[dict[str, Any]]:
        try:
            await store.setup()
            return await store.read(Query("test", cypher))
        finally:
            await store.close()

    rows: list[dict[str, Any]] = run(go())
    return rows


def test_sample_activities_and_their_targets(stores: StoreFactory) -> None:
    store = stores.new()
    load_all(store, [SAMPLE])
    expected = targets_in_xml(SAMPLE)
    assert len(expected) == 100
    activities = read(store, "MATCH (a:Activity) RETURN a.id AS id")
    assert sorted(r["id"] for r in activities) == sorted(expected)
    stored: dict[str, set[str]] = defaultdict(set)
    for row in read(
        store, "MATCH (a:Activity)-[:ALIGNED_WITH]->(t:SdgTarget) RETURN a.id AS a, t.id AS t"
    ):
        stored[row["a"]].add(row["t"])
    assert {a: t for a, t in stored.items()} == {a: t for a, t in expected.items() if t}
    assert sum(len(t) for t in stored.values()) == sum(len(t) for t in expected.values())
    roles = read(
        store,
        "MATCH (g:Agency {id: 'UNDP'})-[r:PARTICIPATES_IN]->(:Activity) RETURN r.role AS role",
    )
    assert {r["role"] for r in roles} == {"FUNDING", "ACCOUNTABLE", "IMPLEMENTING"}


def test_outcome_activities_are_inferred(stores: StoreFactory, tmp_path: Path) -> None:
    # The first sample activity: Argentina, targets 3.2, 3.8 and 5.6.
    pack = {
        "country": {"iso3": "ARG", "name": "Argentina"},
        "framework": {"id": "ARG-CF", "title": "Framework"},
        "outcomes": [
            {"id": "ARG-CF/O1", "code": "1", "title": "Health", "sdg_targets": ["3.8"]},
            {"id": "ARG-CF/O2", "code": "2", "title": "Water", "sdg_targets": ["6.1"]},
        ],
    }
    path = tmp_path / "arg.yaml"
    path.write_text(yaml.safe_dump(pack), encoding="utf-8")
    store = stores.new()
    load_all(store, [SAMPLE, path])
    for query in graphql_client(store):
        data = query(
            '{ outcomes(country: "ARG") { id activities { inferred sharedTargets { code } '
            "activity { id countries { iso3 } "
            "participants(role: IMPLEMENTING) { agency { id } } } } } "
            'country(iso3: "ARG") { activities { id } } }'
        )
    first, second = data["outcomes"]
    assert [(a["activity"]["id"], a["inferred"]) for a in first["activities"]] == [
        ("XM-DAC-41114-PROJECT-00127336", True)
    ]
    link = first["activities"][0]
    assert [t["code"] for t in link["sharedTargets"]] == ["3.8"]
    assert link["activity"]["countries"] == [{"iso3": "ARG"}]
    assert link["activity"]["participants"] == [{"agency": {"id": "UNDP"}}]
    assert second["activities"] == []
    assert data["country"]["activities"] == [{"id": "XM-DAC-41114-PROJECT-00127336"}]


BAD = [
    ('role="4" type="40"', 'role="9" type="40"', "unknown role '9'"),
    (
        '<tag code="3.2" vocabulary="3" />',
        '<tag code="3.99" vocabulary="3" />',
        "unknown SDG target '3.99'",
    ),
    ('iso-date="2020-05-01" type="1"', 'iso-date="2020-13-01" type="1"', "iso-date '2020-13-01'"),
    ('<recipient-country code="AR"', '<recipient-country code="QQ"', "unknown code 'QQ'"),
    ("<iati-identifier>", "<iati-identifier>", "invalid XML"),
]


@pytest.mark.parametrize("old,new,message", BAD, ids=[b[2] for b in BAD])
def test_bad_file_is_refused_whole(
    stores: StoreFactory, tmp_path: Path, old: str, new: str, message: str
) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    at = text.index(old)
    broken = text[:at] + new + text[at + len(old) :]
    if message == "invalid XML":
        broken = broken.replace("</iati-identifier>", "</iati-identifer>", 1)
    line = broken[:at].count("\n") + 1
    path = tmp_path / "broken.xml"
    path.write_text(broken, encoding="utf-8")
    store = stores.new()
    load_all(store, [])

    async def go() -> None:
        try:
            await store.setup()
            with pytest.raises(LoadError) as caught:
                await load.load_file(store, path, actor="test")
            problem = caught.value.problems[0]
            assert problem.file == str(path) and message in problem.message
            if message != "invalid XML":
                assert problem.line == line
        finally:
            await store.close()

    count = "MATCH (n) RETURN count(n) AS n"
    before = read(store, count)
    run(go())
    assert read(store, count) == before
