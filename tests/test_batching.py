"""The results chain and the budget read the store once per field shape, not
once per object: however many outcomes, outputs and sub-outputs a country has,
each query runs once per level of the answer that asks for it. Counted on the
embedded store (the batching is done above the store Protocol, the same for
both engines) by a store that passes every call on to a real one and counts
its reads by query.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from api.app import create_app
from graph.embedded import EmbeddedStore
from graph.store import Dialect, GraphStore, Params, Query, Row, Statement, T, Work
from loaders import load
from tests.conftest import load_all


class CountingStore:
    """A real store, counting the reads made through it."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.dialect: Dialect = store.dialect
        self.description = store.description
        self.reads: Counter[str] = Counter()

    async def setup(self) -> None:
        await self.store.setup()

    async def read(self, query: Query, params: Params | None = None) -> list[Row]:
        self.reads[query.name] += 1
        return await self.store.read(query, params)

    async def write(self, statements: Sequence[Statement]) -> None:
        await self.store.write(statements)

    async def transact(self, work: Work[T]) -> T:
        return await self.store.transact(work)

    async def ping(self) -> None:
        await self.store.ping()

    async def close(self) -> None:
        await self.store.close()


CHAIN = """query ($c: ID!) {
  outcomes(country: $c) {
    id budget { required years { year } }
    strategicPriority { code }
    contributors { via agency { id } budget { available } }
    outputs {
      code budget { available }
      subOutputs {
        id markers { gender }
        agencies { agency { id } available }
        implementingPartners { id } contributingPartners { id }
        sdgTargets { code } sdgGoals { code } jointProgrammes { id }
        budget { required }
      }
    }
  }
}"""


@pytest.mark.usefixtures("unsliced")
def test_reads_do_not_grow_with_the_answer(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "graph.lbug")
    load_all(store, load.sample_exports())
    counting = CountingStore(store)
    with TestClient(create_app(counting)) as client:

        def reads(country: str) -> tuple[Counter[str], int]:
            counting.reads.clear()
            body: dict[str, Any] = client.post(
                "/graphql", json={"query": CHAIN, "variables": {"c": country}}
            ).json()
            assert "errors" not in body, body
            outcomes = body["data"]["outcomes"]
            sub_outputs = sum(len(o["subOutputs"]) for x in outcomes for o in x["outputs"])
            return Counter(counting.reads), sub_outputs

        for country in ("CHL", "JOR", "XPA"):
            counted, sub_outputs = reads(country)
            assert sub_outputs > 0
            # The agency lookups serve two levels (contributors, sub-output agencies).
            assert max(counted.values()) <= 2, counted
            assert sum(counted.values()) <= 26, counted
        assert sub_outputs > 80  # XPA: many objects, still a handful of reads
