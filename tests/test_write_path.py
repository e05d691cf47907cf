"""The write path's guarantees on both stores: all or nothing, reference data made whole."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from graph import writer
from graph.repository import Graph
from graph.store import Dialect, GraphStore, Query, Statement
from loaders import load
from tests.conftest import ACTOR, StoreFactory, run

DATA = Path(__file__).parent / "data"


def _read(store: GraphStore, cypher: str, **params: Any) -> list[dict[str, Any]]:
    async def go() -> list[dict[str, Any]]:
        try:
            await store.setup()
            return await store.read(Query("test", cypher), params)
        finally:
            await store.close()

    rows: list[dict[str, Any]] = run(go())
    return rows


def _load(store: GraphStore, *paths: Path) -> None:
    async def go() -> None:
        try:
            await store.setup()
            await load.ensure_reference(store, ACTOR)
            for path in paths:
                await load.load_file(store, path, ACTOR)
        finally:
            await store.close()

    run(go())


def test_a_load_that_fails_midway_leaves_nothing(
    stores: StoreFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = stores.new()
    _load(store)
    before = _read(store, "MATCH (n) RETURN count(n) AS n")
    real = writer.statements

    def failing(plan: Any, dialect: Dialect) -> Sequence[Statement]:
        # Every statement of the plan runs, then one that the engine rejects.
        return [
            *real(plan, dialect),
            Statement(Query("boom", "RETURN 1 / $zero AS x"), {"zero": 0}),
        ]

    monkeypatch.setattr(writer, "statements", failing)
    with pytest.raises(Exception):  # noqa: B017 - whatever the engine raises
        _load(store, DATA / "rwa.yaml")
    monkeypatch.setattr(writer, "statements", real)
    assert _read(store, "MATCH (n) RETURN count(n) AS n") == before
    assert _read(store, "MATCH (b:Body) RETURN b.id AS id") == []
    _load(store, DATA / "rwa.yaml")  # and the store is fine afterwards
    assert len(_read(store, "MATCH (b:Body) RETURN b.id AS id")) == 4


def test_load_repairs_incomplete_reference_data(stores: StoreFactory) -> None:
    store = stores.new()
    _load(store)

    # A store left without part of its catalogues (and without their record),
    # as a crash between two catalogue writes used to leave it.
    async def damage() -> None:
        try:
            await store.write(
                [
                    Statement(Query("t", "MATCH (s:Source {id: 'reference'}) DELETE s"), {}),
                    Statement(Query("t", "MATCH (a:Agency {id: 'UNICEF'}) DETACH DELETE a"), {}),
                    Statement(Query("t", "MATCH (t:SdgTarget {id: '13.1'}) DETACH DELETE t"), {}),
                ]
            )
        finally:
            await store.close()

    run(damage())
    assert _read(store, "MATCH (a:Agency {id: 'UNICEF'}) RETURN a.id AS id") == []
    _load(store, DATA / "rwa.yaml")
    rows = _read(store, "MATCH (a:Agency {id: 'UNICEF'}) RETURN a.unSystem AS un, a.name AS name")
    assert rows == [{"un": True, "name": "United Nations Children's Fund"}]
    assert len(_read(store, "MATCH (t:SdgTarget {id: '13.1'}) RETURN t.id AS id")) == 1

    async def current() -> bool:
        try:
            return await load.reference_is_current(store)
        finally:
            await store.close()

    assert run(current())
    sizes = run(_size(store))
    _load(store)  # nothing more to repair: nothing changes
    assert run(_size(store)) == sizes


async def _size(store: GraphStore) -> tuple[int, int]:
    try:
        return await Graph(store).size()
    finally:
        await store.close()
