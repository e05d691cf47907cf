"""Relay connections on both stores: complete, counted, and stable across changes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from loaders import load
from tests.conftest import ACTOR, GraphQL, StoreFactory, graphql_client, run

PAGE = """query($first: Int, $after: String) {
  bodiesConnection(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }"""


def _walk(api: GraphQL, query: str, field: str, first: int, **variables: Any) -> list[str]:
    ids: list[str] = []
    after = None
    while True:
        page = api(query, first=first, after=after, **variables)[field]
        ids += [edge["node"]["id"] for edge in page["edges"]]
        assert len(page["edges"]) <= first
        if not page["pageInfo"]["hasNextPage"]:
            assert page["totalCount"] == len(ids)
            return ids
        assert page["pageInfo"]["endCursor"] == page["edges"][-1]["cursor"]
        after = page["pageInfo"]["endCursor"]


def test_root_connections_page_through_everything(demo_api: GraphQL) -> None:
    bodies = _walk(demo_api, PAGE, "bodiesConnection", 7)
    assert sorted(bodies) == sorted(b["id"] for b in demo_api("{ bodies { id } }")["bodies"])
    assert len(set(bodies)) == len(bodies)

    outcomes = _walk(
        demo_api,
        """query($first: Int, $after: String, $country: ID) {
          outcomesConnection(country: $country, first: $first, after: $after) {
            totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }""",
        "outcomesConnection",
        4,
        country="KHM",
    )
    plain = demo_api('{ outcomes(country: "KHM") { id } }')["outcomes"]
    assert sorted(outcomes) == sorted(o["id"] for o in plain)

    agencies = _walk(
        demo_api,
        """query($first: Int, $after: String) {
          agenciesConnection(unSystemOnly: true, first: $first, after: $after) {
            totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }""",
        "agenciesConnection",
        50,
    )
    plain = demo_api("{ agencies(unSystemOnly: true) { id } }")["agencies"]
    assert sorted(agencies) == sorted(a["id"] for a in plain)


def test_without_sdg_filter_matches_the_plain_list(demo_api: GraphQL) -> None:
    page = demo_api(
        "{ outcomesConnection(withoutSdg: true, first: 100) { totalCount edges { node { id } } } }"
    )["outcomesConnection"]
    plain = demo_api("{ outcomes(withoutSdg: true) { id } }")["outcomes"]
    assert page["totalCount"] == len(plain)
    assert sorted(e["node"]["id"] for e in page["edges"]) == sorted(o["id"] for o in plain)


def test_nested_connections_match_their_plain_lists(demo_api: GraphQL) -> None:
    data = demo_api("""{
      country(iso3: "KHM") {
        bodies { id } agencies { id }
        bodiesConnection(first: 100) { totalCount edges { node { id } } }
        agenciesConnection(first: 100) { totalCount edges { node { id } } }
        frameworks { outcomes { id } outcomesConnection(first: 100) {
          totalCount edges { node { id } } } } }
      agency(id: "UNDP") {
        memberships { body { id } role }
        membershipsConnection(first: 100) { totalCount edges { node { body { id } role } } }
        outcomes { id }
        outcomesConnection(first: 100) { totalCount edges { node { id } } } } }""")

    def ids(connection: dict[str, Any]) -> list[str]:
        assert connection["totalCount"] == len(connection["edges"])
        return sorted(edge["node"]["id"] for edge in connection["edges"])

    country, agency = data["country"], data["agency"]
    assert ids(country["bodiesConnection"]) == sorted(b["id"] for b in country["bodies"])
    assert ids(country["agenciesConnection"]) == sorted(a["id"] for a in country["agencies"])
    for framework in country["frameworks"]:
        assert ids(framework["outcomesConnection"]) == sorted(
            o["id"] for o in framework["outcomes"]
        )
    delivered = agency["outcomesConnection"]  # UNDP delivers more than one page
    assert delivered["totalCount"] == len(agency["outcomes"])
    page = {e["node"]["id"] for e in delivered["edges"]}
    assert len(page) == min(100, len(agency["outcomes"])) and page <= {
        o["id"] for o in agency["outcomes"]
    }
    seats = agency["membershipsConnection"]
    assert seats["totalCount"] == len(agency["memberships"]) > 0
    paged = sorted((e["node"]["body"]["id"], e["node"]["role"]) for e in seats["edges"])
    assert paged == sorted((m["body"]["id"], m["role"]) for m in agency["memberships"])


def test_a_nested_page_continues_after_its_cursor(demo_api: GraphQL) -> None:
    query = """query($after: String) { country(iso3: "KHM") {
      bodiesConnection(first: 3, after: $after) {
        pageInfo { endCursor hasNextPage } edges { node { id } } } } }"""
    first = demo_api(query)["country"]["bodiesConnection"]
    second = demo_api(query, after=first["pageInfo"]["endCursor"])["country"]["bodiesConnection"]
    ids = [e["node"]["id"] for e in first["edges"] + second["edges"]]
    assert ids == sorted(ids) and len(set(ids)) == 6


def test_bad_paging_arguments_are_errors(demo_api: GraphQL) -> None:
    with pytest.raises(AssertionError, match="between 0 and 100"):
        demo_api("{ bodiesConnection(first: 101) { totalCount } }")
    with pytest.raises(AssertionError, match="between 0 and 100"):
        demo_api("{ bodiesConnection(first: -1) { totalCount } }")
    with pytest.raises(AssertionError, match="not a cursor of bodies"):
        demo_api('{ bodiesConnection(after: "bm90IGEgY3Vyc29y") { totalCount } }')
    outcome_cursor = demo_api("{ outcomesConnection(first: 1) { pageInfo { endCursor } } }")[
        "outcomesConnection"
    ]["pageInfo"]["endCursor"]
    with pytest.raises(AssertionError, match="not a cursor of bodies"):
        demo_api(
            "query($a: String) { bodiesConnection(after: $a) { totalCount } }", a=outcome_cursor
        )
    empty = demo_api("{ bodiesConnection(first: 0) { totalCount edges { cursor } } }")
    assert empty["bodiesConnection"]["edges"] == []
    assert empty["bodiesConnection"]["totalCount"] > 0


def test_cursors_hold_when_rows_are_added_before_them(stores: StoreFactory, tmp_path: Path) -> None:
    store = stores.demo(samples=False)
    query = """query($after: String) { bodiesConnection(country: "KHM", first: 4, after: $after) {
        totalCount pageInfo { endCursor } edges { node { id } } } }"""
    api = graphql_client(store)
    client = next(api)
    before = client(query)["bodiesConnection"]
    cursor = before["pageInfo"]["endCursor"]
    expected_next = client(query, after=cursor)["bodiesConnection"]
    api.close()

    # A body that sorts before the cursor arrives between two requests.
    pack = tmp_path / "khm-extra.yaml"
    pack.write_text(
        "country: {iso3: KHM, name: Cambodia}\n"
        "bodies:\n  - {id: KHM-AAA-EXTRA, kind: TASK_FORCE, name: An extra task force}\n"
    )

    async def add() -> None:
        try:
            await load.load_file(store, pack, ACTOR)
        finally:
            await store.close()

    run(add())
    api = graphql_client(store)
    client = next(api)
    after = client(query, after=cursor)["bodiesConnection"]
    api.close()
    assert after["edges"] == expected_next["edges"]  # the page did not shift
    assert after["totalCount"] == before["totalCount"] + 1
