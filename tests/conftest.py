"""Fixtures: one store fixture parametrized over both engines.

The Neo4j leg runs against a real server: NEO4J_URI if set, else one started
here from the repo's launcher (tests/neo4j_server.py). With REQUIRE_NEO4J=1
(as in CI) a Neo4j that cannot be started fails the run instead of skipping.
"""

from __future__ import annotations

import asyncio
import fcntl
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from api.app import create_app
from graph.embedded import EmbeddedStore
from graph.neo4j import Neo4jStore
from graph.store import GraphStore, Query, Statement
from loaders import load
from schema import guard

# The Neo4j leg carries the `neo4j` marker: `pytest -m "not neo4j"` runs the rest.
STORES = ["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)]
CLEAR = "MATCH (n) DETACH DELETE n"
ACTOR = "tests"

pytest_plugins = ["tests.scheduling"]


@pytest.fixture(scope="session")
def neo4j_server() -> Iterator[tuple[str, str, str]]:
    uri = os.environ.get("NEO4J_URI")
    if uri:
        yield (
            uri,
            os.environ.get("NEO4J_USER", "neo4j"),
            os.environ.get("NEO4J_PASSWORD", "unct-graph-dev"),
        )
        return
    from tests.neo4j_server import LocalNeo4j

    try:
        server = LocalNeo4j().start()
    except Exception as e:
        if os.environ.get("REQUIRE_NEO4J") == "1":
            raise
        pytest.skip(f"no Neo4j available: {e}")
    try:
        yield server.uri, server.user, server.password
    finally:
        server.stop()


def run(coro: Any, runner: asyncio.Runner | None = None) -> Any:
    """asyncio.run (or `runner`'s loop), keeping the result out of the main
    task: on leaving, a runner (3.11) formats its SIGINT handler, and with it
    a repr of the task's whole result, which for a large batch costs more
    than building it."""
    kept: list[Any] = []

    async def keeping() -> None:
        kept.append(await coro)

    if runner is None:
        asyncio.run(keeping())
    else:
        runner.run(keeping())
    return kept[0]


class StoreFactory:
    """Fresh, empty stores of one engine."""

    def __init__(self, engine: str, tmp: Path, request: pytest.FixtureRequest) -> None:
        self.engine = engine
        self.tmp = tmp
        self.request = request
        self.count = 0

    @property
    def path(self) -> Path:
        """The file of the embedded store made last."""
        return self.tmp / f"graph-{self.count}.lbug"

    def new(self) -> GraphStore:
        self.count += 1
        if self.engine == "embedded":
            return EmbeddedStore(self.path)
        uri, user, password = self.request.getfixturevalue("neo4j_server")
        store = Neo4jStore(uri, user, password)

        async def clear() -> None:
            try:
                await store.setup()
                await store.write([Statement(Query("clear", CLEAR), {})])
            finally:
                await store.close()  # in this loop; the store reopens in the next

        run(clear())
        return store

    def demo(self, samples: bool = True) -> GraphStore:
        """A new store holding the reference data, the demo packs and, unless
        told not to, the bundled UN INFO samples.

        An embedded one is a copy of a template (Templates): loading takes
        seconds, a copy milliseconds, and most tests only need the result.
        """
        if self.engine != "embedded":
            store = self.new()
            load_all(store, load.sample_exports() if samples else [], demo=True)
            return store
        self.count += 1
        shutil.copyfile(TEMPLATES.demo(samples), self.path)
        return EmbeddedStore(self.path)


@pytest.fixture
def unsliced(monkeypatch: pytest.MonkeyPatch) -> None:
    """Answers that are never split into time slices. A long answer (on a
    busy machine, any answer can be long) hands the event loop back every
    few milliseconds, which splits the DataLoaders' batches by design
    (schema/guard.py); a test that counts store reads per answer counts the
    batching, not how busy the machine is."""
    monkeypatch.setattr(guard, "FIRST_SLICE_SECONDS", 3600.0)


@pytest.fixture(params=STORES)
def stores(request: pytest.FixtureRequest, tmp_path: Path) -> StoreFactory:
    """A factory of empty stores of the parametrized engine."""
    return StoreFactory(request.param, tmp_path, request)


class Templates:
    """Embedded store files loaded once per test run, copied into new stores:
    loading the reference data takes half a second and the demo with the
    samples five, a copy milliseconds, and most tests only need the result.

    The workers of a parallel run share them: the first worker that needs
    one builds it while the others wait on its lock.
    """

    def __init__(self) -> None:
        self.root: Path | None = None

    def reference(self) -> Path | None:
        return self._built("reference", _load_reference)

    def demo(self, samples: bool) -> Path:
        files = load.sample_exports() if samples else []
        name = "demo-samples" if samples else "demo"
        built = self._built(name, lambda path: load_all(EmbeddedStore(path), files, demo=True))
        assert built, "templates are set up for the session (the templates fixture)"
        return built

    def _built(self, name: str, make: Callable[[Path], None]) -> Path | None:
        if self.root is None:
            return None
        done = self.root / f"{name}.lbug"
        with (self.root / f"{name}.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not done.exists():
                building = self.root / f"{name}.building.lbug"
                make(building)
                building.replace(done)
        return done


def _load_reference(path: Path) -> None:
    store = EmbeddedStore(path)

    async def go() -> None:
        try:
            await store.setup()
            await load.load_reference(store, ACTOR)
        finally:
            await store.close()

    run(go())


TEMPLATES = Templates()


@pytest.fixture(scope="session", autouse=True)
def templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    # Under xdist each worker's base directory sits in the run's own one.
    base = tmp_path_factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    TEMPLATES.root = root / "templates"
    TEMPLATES.root.mkdir(exist_ok=True)
    yield
    TEMPLATES.root = None


def _reference_copied(store: GraphStore) -> bool:
    """A new embedded store starts as a copy of the reference template."""
    if not isinstance(store, EmbeddedStore) or store.path.exists():
        return False
    template = TEMPLATES.reference()
    if template is None:
        return False
    store.path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, store.path)
    return True


def load_all(store: GraphStore, files: list[Path], demo: bool = False) -> None:
    """Loads the reference catalogues, then the files (the demo packs first
    if asked), into a new store or over what the store holds."""
    copied = _reference_copied(store)

    async def go() -> None:
        try:
            await store.setup()
            if not copied:
                await load.load_reference(store, ACTOR)
            for path in (load.demo_files() if demo else []) + files:
                await load.load_file(store, path, ACTOR)
        finally:
            await store.close()

    run(go())


def load_files(store: GraphStore, files: list[Path]) -> None:
    """Loads files as the CLI would, into a store that keeps what it holds."""

    async def go() -> None:
        try:
            await store.setup()
            await load.ensure_reference(store, ACTOR)
            for path in files:
                await load.load_file(store, path, ACTOR)
        finally:
            await store.close()

    run(go())


def read_ids(store: GraphStore, query: Query | str, **params: Any) -> list[str]:
    """The sorted `id` column of a query's rows."""
    asked = query if isinstance(query, Query) else Query("test", query)

    async def go() -> list[str]:
        try:
            return sorted(str(row["id"]) for row in await store.read(asked, params))
        finally:
            await store.close()

    found: list[str] = run(go())
    return found


GraphQL = Callable[..., dict[str, Any]]


def graphql_client(store: GraphStore) -> Iterator[GraphQL]:
    """POST queries to /graphql over HTTP (ASGI), asserting no errors."""
    with TestClient(create_app(store)) as client:

        def query(text: str, **variables: Any) -> dict[str, Any]:
            response = client.post("/graphql", json={"query": text, "variables": variables})
            body = response.json()
            assert response.status_code == 200, body
            assert "errors" not in body, body["errors"]
            data: dict[str, Any] = body["data"]
            return data

        yield query


@pytest.fixture(scope="session", params=STORES)
def demo_api(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[GraphQL]:
    """The API over a store holding the reference data, the demo and the UN INFO samples.

    Session-scoped per engine: loading takes seconds and the tests only read.
    """
    factory = StoreFactory(request.param, tmp_path_factory.mktemp(request.param), request)
    yield from graphql_client(factory.demo())


class Service:
    """The real app over one store, spoken to over HTTP (ASGI) as clients do."""

    def __init__(self, client: TestClient) -> None:
        self.client = client

    def post(
        self, text: str, key: str | None = None, **variables: Any
    ) -> tuple[int, dict[str, Any]]:
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        response = self.client.post(
            "/graphql", json={"query": text, "variables": variables}, headers=headers
        )
        body: dict[str, Any] = response.json()
        return response.status_code, body

    def query(self, text: str, key: str | None = None, **variables: Any) -> dict[str, Any]:
        """The data of a query that must succeed."""
        status, body = self.post(text, key, **variables)
        assert status == 200, body
        assert "errors" not in body, body["errors"]
        data: dict[str, Any] = body["data"]
        return data

    def load(
        self, paths: list[Path], key: str | None, dry_run: bool = False, source: str | None = None
    ) -> tuple[int, dict[str, Any]]:
        files = [("files", (p.name, p.read_bytes(), "application/octet-stream")) for p in paths]
        data = {"dry_run": "true" if dry_run else "false"}
        if source:
            data["source"] = source
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        response = self.client.post("/load", files=files, data=data, headers=headers)
        body: dict[str, Any] = response.json()
        return response.status_code, body


def make_key(store: GraphStore, name: str, role: str) -> str:
    from graph import keys

    async def go() -> str:
        try:
            await store.setup()
            return await keys.create(store, name, keys.Role(role))
        finally:
            await store.close()

    secret: str = run(go())
    return secret


@pytest.fixture
def service(stores: StoreFactory) -> Iterator[tuple[Service, GraphStore]]:
    """The app over a fresh store holding the reference catalogues, not yet started."""
    store = stores.new()
    load_all(store, [])
    yield Service(TestClient(create_app(store))), store
