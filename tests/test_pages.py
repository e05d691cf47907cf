"""The pages as HTTP serves them (no browser): every asset they name is served
by the service, under a policy that refuses any other origin, and GraphiQL's
default query answers on both stores. test_pages_browser.py renders them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from api.app import create_app
from api.pages import DEFAULT_QUERY, EXPLORE, STATIC
from graph.embedded import EmbeddedStore
from tests.conftest import GraphQL

VENDOR = Path(__file__).resolve().parent.parent / "api" / "vendor"
# src="..." and href="..." in pages, import ... from "..." in modules.
REFERENCE = re.compile(r"""(?:src|href)="([^"#]+)"|from "([^"]+)";""")


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    """The app over an empty embedded store: these pages do not depend on the engine."""
    with TestClient(create_app(EmbeddedStore(tmp_path / "graph.lbug"))) as client:
        yield client


def _references(text: str) -> list[str]:
    return [a or b for a, b in REFERENCE.findall(text)]


def _html(client: TestClient, path: str) -> str:
    response = client.get(path, headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    return response.text


@pytest.mark.parametrize("path", ["/graphql", "/explore"])
def test_pages_load_only_from_the_service(client: TestClient, path: str) -> None:
    page = _html(client, path)
    assert "unpkg" not in page and "cdn" not in page.lower()
    seen = set()
    queue = [(path, ref) for ref in _references(page)]
    while queue:
        base, ref = queue.pop()
        url = ref if ref.startswith("/") else f"{base.rsplit('/', 1)[0]}/{ref.removeprefix('./')}"
        assert url.startswith("/"), f"{path} names {ref}, not on this service"
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, url
        if url.endswith(".js") and url.startswith("/explore/"):
            queue += [(url, r) for r in _references(response.text)]
    assert any(u.endswith(".js") for u in seen)


def test_explore_modules_name_no_other_origin() -> None:
    for path in [*EXPLORE.iterdir(), *STATIC.glob("*.*")]:
        if path.suffix in (".js", ".html", ".css"):
            found = re.findall(r"https?://[^\s\"'`)]+", path.read_text(encoding="utf-8"))
            assert set(found) <= {"http://www.w3.org/2000/svg"}, (path, found)


def test_vendored_assets_are_all_there() -> None:
    """`make vendor` wrote every file api/vendor/FILES lists, and nothing else."""
    wanted = set()
    for line in (VENDOR / "FILES").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            wanted.add(line.split()[1])
    vendored = STATIC / "vendor"
    have = {str(p.relative_to(vendored)) for p in vendored.rglob("*") if p.is_file()}
    assert have == wanted
    assert (VENDOR / "package-lock.json").is_file()


def test_graphql_still_answers_posts_and_gets(client: TestClient) -> None:
    assert client.post("/graphql", json={"query": "{ sdgGoals { code } }"}).status_code == 200
    answer = client.get("/graphql", params={"query": "{ __typename }"})  # GraphQL over GET
    assert answer.json()["data"] == {"__typename": "Query"}


def test_explore_asset_that_does_not_exist_is_404(client: TestClient) -> None:
    assert client.get("/explore/nope.js").status_code == 404
    assert client.get("/static/../pyproject.toml").status_code == 404


def test_graphiql_default_query_answers(demo_api: GraphQL) -> None:
    data = demo_api(DEFAULT_QUERY)
    assert data["body"]["chair"]["id"] == "UNICEF"
    assert {m["agency"]["id"] for m in data["body"]["members"] if m["agency"]} >= {"UNDP", "FAO"}
    line = [b["id"] for b in data["reportingLine"]]
    assert line[0] == "VNM-DRR-JRG" and line[-1] == "VNM-JSC"
