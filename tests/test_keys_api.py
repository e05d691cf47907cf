"""Admins manage keys over GraphQL: created, listed and revoked; nobody else may, on both stores."""

from __future__ import annotations

from graph.store import GraphStore
from tests.conftest import Service, make_key

CREATE = """mutation($name: String!, $role: KeyRole!) {
    createApiKey(name: $name, role: $role) { secret key { name role createdAt revokedAt } } }"""
REVOKE = "mutation($name: String!) { revokeApiKey(name: $name) { name revokedAt } }"
LIST = "{ apiKeys { name role revokedAt } }"
EDIT = """mutation { upsertBody(input: {id: "QKA-UNCT", country: "QKA", kind: UNCT,
    name: "UNCT"}) { id } }"""


def _refused(svc: Service, text: str, key: str | None, **variables: str) -> str:
    status, body = svc.post(text, key, **variables)
    assert status == 200 and body.get("data") is None, body
    return str(body["errors"][0]["message"])


def test_an_admin_key_manages_keys(service: tuple[Service, GraphStore]) -> None:
    svc, store = service
    admin = make_key(store, "rco-admin", "admin")
    with svc.client:
        created = svc.query(CREATE, admin, name="rco-editor", role="EDITOR")["createApiKey"]
        assert created["key"]["name"] == "rco-editor" and created["key"]["role"] == "EDITOR"
        assert created["key"]["revokedAt"] is None and created["secret"].startswith("ugk_")
        secret = created["secret"]

        listed = svc.query(LIST, admin)["apiKeys"]
        assert {k["name"]: k["role"] for k in listed} == {
            "rco-admin": "ADMIN",
            "rco-editor": "EDITOR",
        }
        assert secret not in str(listed)

        # The new key works as an editor: it may edit, but not manage keys.
        status, body = svc.post(EDIT, secret)
        message = str(body["errors"])  # refused for the unknown country, not for the key
        assert "QKA" in message and "needs an editor key" not in message
        assert "admin key" in _refused(svc, LIST, secret)

        revoked = svc.query(REVOKE, admin, name="rco-editor")["revokeApiKey"]
        assert revoked["name"] == "rco-editor" and revoked["revokedAt"] is not None
        status, _ = svc.post("{ sdgGoals { code } }", secret)
        assert status == 401  # a revoked key no longer works

        names_taken = _refused(svc, CREATE, admin, name="rco-editor", role="READER")
        assert "exists already" in names_taken
        assert "no key named" in _refused(svc, REVOKE, admin, name="nobody")


def test_only_admins_manage_keys(service: tuple[Service, GraphStore]) -> None:
    svc, store = service
    reader = make_key(store, "a-reader", "reader")
    editor = make_key(store, "an-editor", "editor")
    admin = make_key(store, "admin", "admin")
    with svc.client:
        for key, who in ((None, "anonymous"), (reader, "reader"), (editor, "editor")):
            assert who in _refused(svc, CREATE, key, name=f"by-{who}", role="ADMIN")
            assert who in _refused(svc, REVOKE, key, name="a-reader")
            assert who in _refused(svc, LIST, key)
        listed = svc.query(LIST, admin)["apiKeys"]
        assert sorted(k["name"] for k in listed) == ["a-reader", "admin", "an-editor"]
        assert all(k["revokedAt"] is None for k in listed)
