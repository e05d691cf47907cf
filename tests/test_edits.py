"""Edits through GraphQL: only editor keys, each change recorded, re-sending changes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graph import keys
from graph.store import GraphStore
from tests.conftest import Service, load_all, make_key, run

PACK = Path(__file__).parent / "data" / "edits.yaml"

# Each edit: (mutation, the id whose history must show it).
EDITS = [
    (
        'mutation { upsertBody(input: {id: "TLS-PMT", country: "TLS", '
        'kind: PROGRAMME_MANAGEMENT_TEAM, name: "Programme Management Team"}) { id } }',
        "TLS-PMT",
    ),
    (
        'mutation { setReportingLine(from: "TLS-PMT", to: "TLS-UNCT", since: "2024-01-01") '
        "{ id } }",
        "TLS-PMT",
    ),
    (
        'mutation { endMembership(body: "TLS-OMT", member: "WFP", role: CHAIR, '
        'until: "2024-12-31") { until } }',
        "WFP",
    ),
    (
        'mutation { setMembership(body: "TLS-OMT", agency: "undp", role: CHAIR, '
        'since: "2025-01-01") { role since agency { id } } }',
        "UNDP",
    ),
    ('mutation { linkOutcome(body: "TLS-RG1", outcome: "TLS-CF-2021/O1") { id } }', "TLS-RG1"),
    (
        'mutation { linkSdgTarget(outcome: "TLS-CF-2021/O1", target: "3.1") { id } }',
        "TLS-CF-2021/O1",
    ),
    (
        'mutation { endReportingLine(from: "TLS-PMT", to: "TLS-UNCT", until: "2025-06-30") '
        "{ id } }",
        "TLS-PMT",
    ),
    ('mutation { unlinkSdgTarget(outcome: "TLS-CF-2021/O1", target: "3.1") { id } }', "3.1"),
    ('mutation { unlinkOutcome(body: "TLS-RG1", outcome: "TLS-CF-2021/O1") { id } }', "TLS-RG1"),
]

# A change set never changes once written, so its id stands for its entries.
FEED_IDS = "{ changes(first: 100) { id } }"
SINCE = """query($after: String) { changes(first: 100, after: $after) {
    id source actor entries { text ids } } }"""


def _ids(svc: Service) -> list[str]:
    return [c["id"] for c in svc.query(FEED_IDS)["changes"]]


def _since(svc: Service, change_id: str) -> list[dict[str, Any]]:
    """The change sets recorded after `change_id`, with their entries."""
    found: list[dict[str, Any]] = svc.query(SINCE, after=change_id)["changes"]
    return found


def _keys(store: GraphStore) -> dict[str, str]:
    made = {
        "editor": make_key(store, "rco-editor", "editor"),
        "reader": make_key(store, "analyst", "reader"),
        "revoked": make_key(store, "former-editor", "editor"),
    }

    async def revoke() -> None:
        try:
            await keys.revoke(store, "former-editor")
        finally:
            await store.close()

    run(revoke())
    return made


def test_edits_need_an_editor_key_and_are_recorded(service: tuple[Service, GraphStore]) -> None:
    svc, store = service
    load_all(store, [PACK])
    secrets = _keys(store)
    with svc.client:
        for mutation, subject in EDITS:
            before = _ids(svc)
            for who in (None, "reader", "revoked"):
                status, body = svc.post(mutation, secrets[who] if who else None)
                assert body.get("errors"), (who, mutation, body)
                message = body["errors"][0]["message"]
                if who == "revoked":
                    assert status == 401 and "revoked" in message
                else:
                    assert "editor key" in message
            assert _ids(svc) == before, f"a refused edit changed something: {mutation}"

            svc.query(mutation, secrets["editor"])
            added = _since(svc, before[-1])
            assert len(added) == 1, (mutation, added)
            latest = added[0]
            assert (latest["source"], latest["actor"]) == ("api:rco-editor", "rco-editor")
            assert any(subject in e["ids"] for e in latest["entries"]), (mutation, latest)

            svc.query(mutation, secrets["editor"])  # re-sent: nothing changes
            assert _ids(svc) == [*before, latest["id"]], f"re-sending changed: {mutation}"

        history = svc.query('{ body(id: "TLS-PMT") { history { source entries { text } } } }')
        texts = [e["text"] for c in history["body"]["history"] for e in c["entries"]]
        assert texts[0].startswith("+ Body TLS-PMT")
        assert any(t.startswith("~ REPORTS_TO TLS-PMT -> TLS-UNCT") for t in texts)
        agency = svc.query('{ agency(id: "UNDP") { history { source entries { text } } } }')
        undp = [(c["source"], e["text"]) for c in agency["agency"]["history"] for e in c["entries"]]
        assert undp[0] == ("reference", "+ Agency UNDP 'United Nations Development Programme'")
        assert ("edits.yaml", "+ PRESENT_IN UNDP -> TLS") in undp
        assert undp[-1] == (
            "api:rco-editor",
            "+ MEMBER_OF UNDP -> TLS-OMT role=CHAIR since=2025-01-01",
        )
        chairs = svc.query(
            '{ body(id: "TLS-OMT") { a: chair(asOf: "2024-12-31") { id } '
            'b: chair(asOf: "2025-01-01") { id } } }'
        )["body"]
        assert chairs == {"a": {"id": "WFP"}, "b": {"id": "UNDP"}}
        covered = svc.query('{ body(id: "TLS-RG1") { outcomes { id } } }')["body"]["outcomes"]
        assert "TLS-CF-2021/O1" not in [o["id"] for o in covered]  # linked, then unlinked

        # A follower pages through the feed with `after`: every change set once, in order.
        whole, paged, cursor = _ids(svc), [], None
        while True:
            page = svc.query(
                "query($after: String) { changes(first: 3, after: $after) { id } }", after=cursor
            )["changes"]
            if not page:
                break
            paged += [c["id"] for c in page]
            cursor = page[-1]["id"]
        assert paged == whole and len(whole) > 3


def test_a_reloaded_file_keeps_the_edits(service: tuple[Service, GraphStore]) -> None:
    svc, store = service
    load_all(store, [PACK])
    secrets = _keys(store)
    with svc.client:
        svc.query(EDITS[2][0], secrets["editor"])  # WFP's chair ends 2024-12-31
        svc.query(EDITS[3][0], secrets["editor"])  # UNDP chairs from 2025-01-01
        status, body = svc.load([PACK], secrets["editor"])
        assert status == 200, body
        seats = svc.query(
            '{ body(id: "TLS-OMT") { '
            'members(role: CHAIR, asOf: "2024-06-01") { until agency { id } } '
            'now: chair(asOf: "2025-06-01") { id } } }'
        )["body"]
        assert seats["members"] == [{"until": "2024-12-31", "agency": {"id": "WFP"}}]
        assert seats["now"] == {"id": "UNDP"}


@pytest.mark.parametrize(
    ("mutation", "words"),
    [
        (
            'mutation { setMembership(body: "TLS-OMT", agency: "UNDP", role: CHAIR, '
            'since: "2024-06-01") { role } }',
            ["api:rco-editor", "two chairs on 2024-06-01", "UNDP (here)", "WFP (edits.yaml"],
        ),
        (
            'mutation { setMembership(body: "TLS-OMT", agency: "UNDP", role: MEMBER, '
            'since: "2025-01-01", until: "2024-01-01") { role } }',
            ["ends (2024-01-01) before it starts (2025-01-01)"],
        ),
        (
            'mutation { setReportingLine(from: "TLS-UNCT", to: "TLS-OMT") { id } }',
            ["cycle", "TLS-OMT -> TLS-UNCT -> TLS-OMT"],
        ),
        (
            'mutation { unlinkSdgTarget(outcome: "TLS-CF-2021/O1", target: "3.8") { id } }',
            ["not stated by api:rco-editor", "edits.yaml"],
        ),
        (
            'mutation { setMembership(body: "TLS-OMT", agency: "NOPE", role: MEMBER, '
            'since: "2025-01-01") { role } }',
            ["unknown agency 'NOPE'"],
        ),
        (
            'mutation { linkOutcome(body: "tls-rg1", outcome: "TLS-CF-2021/O9") { id } }',
            ["no Outcome 'TLS-CF-2021/O9'"],
        ),
    ],
)
def test_edits_that_would_break_the_graph_are_refused(
    service: tuple[Service, GraphStore], mutation: str, words: list[str]
) -> None:
    svc, store = service
    load_all(store, [PACK])
    editor = make_key(store, "rco-editor", "editor")
    with svc.client:
        before = _ids(svc)
        status, body = svc.post(mutation, editor)
        assert status == 200 and body.get("errors"), body
        message = body["errors"][0]["message"]
        for word in words:
            assert word in message, message
        assert _ids(svc) == before
