"""Every fact a loader states knows the line of the file that states it, and a
workbook is opened once per load."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from graph.batch import GraphBatch
from graph.embedded import EmbeddedStore
from graph.repository import Graph
from loaders import load, pack, reference, uninfo

FILES = [*load.demo_files(), *load.sample_exports()]


@pytest.fixture(scope="module")
def graph(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Graph, asyncio.AbstractEventLoop]]:
    loop = asyncio.new_event_loop()
    store = EmbeddedStore(tmp_path_factory.mktemp("lines") / "graph.lbug")
    loop.run_until_complete(store.setup())
    loop.run_until_complete(load.load_reference(store, "tests"))
    yield Graph(store), loop
    loop.run_until_complete(store.close())
    loop.close()


def _unplaced(batch: GraphBatch) -> list[Any]:
    return [fact for fact in [*batch.nodes, *batch.edges] if fact not in batch.lines]


def test_reference_facts_have_lines() -> None:
    for batch, _ in (reference.sdg_catalogue(), reference.un_entities()):
        assert len(batch) > 100
        assert _unplaced(batch) == []


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_file_facts_have_lines(graph: tuple[Graph, asyncio.AbstractEventLoop], path: Path) -> None:
    store_graph, loop = graph
    build = pack.build if path.suffix == ".yaml" else uninfo.build
    batch, _ = loop.run_until_complete(build(path, store_graph))
    assert len(batch) > 20
    assert _unplaced(batch) == []
    lines = len(path.read_bytes().splitlines()) if path.suffix != ".xlsx" else 10**6
    assert all(1 <= line <= lines for line in batch.lines.values())


def test_a_workbook_is_opened_once_per_load(
    graph: tuple[Graph, asyncio.AbstractEventLoop], monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[object] = []
    real = openpyxl.load_workbook

    def counting(*args: Any, **kwargs: Any) -> Any:
        opened.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(openpyxl, "load_workbook", counting)
    store_graph, loop = graph
    workbook = next(p for p in load.sample_exports() if p.suffix == ".xlsx")
    loop.run_until_complete(uninfo.build(workbook, store_graph))
    assert opened == [workbook]
