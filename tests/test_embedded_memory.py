"""The embedded store's memory is what the setting says, and the store works within it."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.embedded import EmbeddedStore
from graph.open import open_store
from graph.settings import Settings
from graph.store import Query
from tests.conftest import run


def test_the_buffer_pool_is_the_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UNCT_GRAPH_STORE", f"embedded:{tmp_path / 'g.lbug'}")
    monkeypatch.setenv("UNCT_GRAPH_EMBEDDED_MEMORY_MB", "64")
    store = open_store(Settings())
    assert isinstance(store, EmbeddedStore)
    assert store._pool_bytes == 64 * 1024 * 1024

    async def go() -> list[dict[str, object]]:
        try:
            await store.setup()  # the whole schema fits, and a read answers
            return await store.read(Query("test", "RETURN 1 AS one"))
        finally:
            await store.close()

    assert run(go()) == [{"one": 1}]


def test_no_setting_leaves_the_engine_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("UNCT_GRAPH_EMBEDDED_MEMORY_MB", raising=False)
    assert Settings().embedded_memory_mb == 0
