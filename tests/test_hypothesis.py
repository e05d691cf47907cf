"""Property-based tests: generated and mutated export rows and country packs are
accepted, or refused with FILE:LINE messages; never an exception escaping, and
the store unchanged after every refusal. Text full of Cypher syntax is stored
and read back verbatim.

The many examples run on the embedded store; the verbatim round trip also
runs on Neo4j.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.errors import RefusedError
from graph.repository import Graph
from graph.store import GraphStore
from loaders import load
from loaders.problems import LoadError
from tests.conftest import STORES, StoreFactory
from tests.test_load_errors import GOOD_PACK

UNINFO = Path(__file__).resolve().parent.parent / "loaders" / "data" / "uninfo"
PROBLEM = re.compile(r"^(?P<file>.+):(?P<line>\d+): (?P<message>.+)$")
INJECTIONS = [
    "'}) MATCH (n) DETACH DELETE n //",
    '"}) MATCH (n) DETACH DELETE n //',
    "x` DETACH DELETE n //",
    "$ids} RETURN 1 UNION MATCH (n) RETURN n",
    "\\'; DROP TABLE Body; --",
    "{{id}} [:REL] (n:Body)",
]
SETTINGS = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def examples(everyday: int) -> int:
    """How many examples a property gets: few enough to keep `pytest -m "not neo4j"`
    quick, or as many as HYPOTHESIS_EXAMPLES says (e.g. 3000, before a release)."""
    return int(os.environ.get("HYPOTHESIS_EXAMPLES", everyday))


class Store:
    """One open store for many examples, on one event loop of its own."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.loop = asyncio.new_event_loop()
        self.run(store.setup())
        self.run(load.load_reference(store, "tests"))

    def run(self, work: Any) -> Any:
        return self.loop.run_until_complete(work)

    def close(self) -> None:
        self.run(self.store.close())
        self.loop.close()

    def size(self) -> tuple[int, int]:
        size: tuple[int, int] = self.run(Graph(self.store).size())
        return size

    def load_or_refuse(self, path: Path, data_lines: range) -> bool:
        """Load `path`; on refusal check every message and that nothing changed."""
        before = self.size()
        try:
            self.run(load.load_file(self.store, path, "tests"))
        except (LoadError, RefusedError) as e:
            # A file's own problems (LoadError), or facts that would make the
            # graph untrue (RefusedError, e.g. two chairs on one day).
            printed = [str(p) for p in e.problems]
            assert printed
            for problem in printed:
                match = PROBLEM.match(problem)
                assert match, problem
                assert match["file"] in (str(path), path.name), problem
                assert int(match["line"]) in data_lines, problem
            assert self.size() == before
            return False
        return True


def _store(
    request: pytest.FixtureRequest, factory: pytest.TempPathFactory, engine: str
) -> Iterator[Store]:
    store = Store(StoreFactory(engine, factory.mktemp(engine), request).new())
    yield store
    store.close()


@pytest.fixture(scope="module")
def embedded(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    yield from _store(request, tmp_path_factory, "embedded")


@pytest.fixture(scope="module", params=STORES)
def every_store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    yield from _store(request, tmp_path_factory, request.param)


@pytest.fixture
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


# --- export rows ---
def _template() -> tuple[list[str], dict[str, str]]:
    path = UNINFO / "latin-america-caribbean_crime.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        row = next(reader)
        return list(reader.fieldnames or []), row


HEADER, TEMPLATE = _template()
MUTABLE = [
    "Country",
    "Plan name",
    "Strategic priority code",
    "Outcome code",
    "Outcome",
    "Output code",
    "Sub-Output code",
    "Sub-Output",
    "ID",
    "Start date",
    "End date",
    "Agency abbreviations",
    "Contributing partners",
    "Implementation partners",
    "Joint Programmes / Initiatives names",
    "SDG Targets",
    "SDG Goals",
    "Total required resources",
    "2022 Required",
    "Geography",
]
cell_values = st.one_of(
    st.sampled_from(["", "-", " ", "n/a", "0", "-5", "1,000.5", "1e309", "nan"]),
    st.sampled_from(INJECTIONS),
    st.sampled_from(["31/12/2023", "12/31/2023", "2023-02-30", "45000", "13/13/2023"]),
    st.sampled_from(["Viet Nam", "Lao PDR", "Narnia", "UNDP; UN Women", "UNDP,,", "XYZ-ORG"]),
    st.sampled_from(["4.a Build", "99.9 Nonsense", "13 Climate", "17.19 Data", "1.a,1.b"]),
    st.text(max_size=40),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
)
rows = st.lists(
    st.dictionaries(st.sampled_from(MUTABLE), cell_values, max_size=6), min_size=1, max_size=3
)


def _export(changes: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADER, quoting=csv.QUOTE_ALL)
    writer.writeheader()
    for number, change in enumerate(changes):
        writer.writerow({**TEMPLATE, "ID": str(900000 + number), **change})
    return out.getvalue()


@settings(SETTINGS, max_examples=examples(100))
@given(changes=rows)
def test_export_rows_are_loaded_or_refused_by_line(
    embedded: Store, folder: Path, changes: list[dict[str, str]]
) -> None:
    path = folder / "export.csv"
    text = _export(changes)
    path.write_text(text, encoding="utf-8")
    embedded.load_or_refuse(path, range(1, text.count("\n") + 2))


# --- country packs ---
PACK = yaml.safe_load(GOOD_PACK)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-5, max_value=3000),
    st.text(max_size=20),
    st.sampled_from(INJECTIONS),
    st.sampled_from(["CHAIR", "RESULTS_GROUP", "COMMITTEE", "2017-13-01", "2020-01-01", "13.1"]),
    st.sampled_from(["UNDP", "UNICEF", "TST-UNCT", "TST-RG1", "TST-UNSDCF-2020/O1", "NOPE"]),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(data: Any, at: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield at
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*at, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _paths(value, (*at, index))


ALL_PATHS = [p for p in _paths(PACK) if p]


def _mutate(data: Any, path: tuple[Any, ...], action: str, value: Any) -> Any:
    copy = json.loads(json.dumps(data, default=str))
    parent = copy
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if action == "delete":
        del parent[last]
    elif action == "add" and isinstance(parent, dict):
        parent[f"{last}_extra"] = value
    else:
        parent[last] = value
    return copy


mutations = st.lists(
    st.tuples(st.sampled_from(ALL_PATHS), st.sampled_from(["replace", "delete", "add"]), values),
    min_size=1,
    max_size=4,
)


@settings(SETTINGS, max_examples=examples(100))
@given(changes=mutations, as_json=st.booleans())
def test_mutated_packs_are_loaded_or_refused_by_line(
    embedded: Store, folder: Path, changes: list[tuple[Any, str, Any]], as_json: bool
) -> None:
    data: Any = PACK
    for path, action, value in changes:
        try:
            data = _mutate(data, path, action, value)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed the path
    if as_json:
        text, path = json.dumps(data, indent=1, default=str), folder / "pack.json"
    else:
        text, path = yaml.safe_dump(data, allow_unicode=True), folder / "pack.yaml"
    path.write_text(text, encoding="utf-8")
    embedded.load_or_refuse(path, range(1, text.count("\n") + 2))


# --- text stored and returned verbatim ---
names = st.one_of(
    st.sampled_from(INJECTIONS),
    st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=60),
).filter(lambda s: s.strip() != "")


def _verbatim_pack(name: str, description: str, title: str) -> dict[str, Any]:
    return {
        "country": {"iso3": "TST", "name": "Testland"},
        "framework": {"id": "TST-F", "title": title},
        "bodies": [
            {"id": "TST-B", "kind": "UNCT", "name": name, "description": description},
        ],
        "outcomes": [{"id": "TST-F/O1", "code": "1", "title": title}],
    }


@settings(SETTINGS, max_examples=examples(30))
@given(name=names, description=names, title=names)
def test_cypher_syntax_is_stored_verbatim(
    every_store: Store, folder: Path, name: str, description: str, title: str
) -> None:
    path = folder / "pack.yaml"
    path.write_text(yaml.safe_dump(_verbatim_pack(name, description, title)), encoding="utf-8")
    assert every_store.load_or_refuse(path, range(0))
    graph = Graph(every_store.store)
    body = every_store.run(graph.bodies_by_id(["TST-B"]))["TST-B"]
    outcome = every_store.run(graph.outcomes_by_id(["TST-F/O1"]))["TST-F/O1"]
    # Names and titles are stripped of surrounding spaces, descriptions kept whole.
    assert (body["name"], body["description"], outcome["title"]) == (
        name.strip(),
        description,
        title.strip(),
    )
    assert every_store.size()[0] > 200  # nothing was deleted
