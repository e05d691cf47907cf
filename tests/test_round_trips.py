"""Store round trips per request do not grow with the data, on both stores.

The headline questions (the benchmark's, bench/README.md) are asked of a
generated country team alone, then again once four more countries are in the
graph: the answers grow (an agency sits in more bodies) while the number of
reads each question makes stays what it was, one per level of the answer.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from api.app import create_app
from loaders import synthetic
from loaders.synthetic import countries
from tests.conftest import StoreFactory, load_all
from tests.test_batching import CountingStore

SEED = 7
QUESTIONS = {
    "outcomes": """query($country: ID!) { outcomes(country: $country) { id code title
        contributors { agency { id name } via } sdgGoals { code title } } }""",
    "body": """query($body: ID!) { body(id: $body) { id name kind chair { id name }
        members { role since until agency { id name } partner { id name } } }
        reportingLine(from: $body) { id name kind } }""",
    "coverage": """query($country: ID!) { sdgCoverage(country: $country) {
        goals { goal { code title } outcomes { id code } } uncoveredGoals { code }
        outcomesWithoutSdg { id } } }""",
    "memberships": """query($agency: ID!) { agency(id: $agency) { id name
        memberships { role since until body { id name kind country { iso3 name } } } } }""",
    "nested": """query($country: ID!) { country(iso3: $country) { iso3 name
        bodies { id name kind members { role agency { id name } } } } }""",
}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("generated")
    synthetic.generate(5, SEED, out)
    return out


def _files(out: Path, iso3: str) -> list[Path]:
    name = iso3.lower()
    return [out / "packs" / f"{name}.yaml", out / "uninfo" / f"{name}.csv"]


def _reads(store: CountingStore, variables: dict[str, str]) -> dict[str, tuple[int, int]]:
    """Per question: (store reads, size of the answer in bytes)."""
    found: dict[str, tuple[int, int]] = {}
    with TestClient(create_app(store)) as client:
        for name, text in QUESTIONS.items():
            store.reads = Counter()
            response = client.post("/graphql", json={"query": text, "variables": variables})
            body: dict[str, Any] = response.json()
            assert "errors" not in body, body
            found[name] = (sum(store.reads.values()), len(response.content))
    return found


@pytest.mark.usefixtures("unsliced")
def test_reads_per_question_do_not_grow_with_the_graph(
    stores: StoreFactory, generated: Path
) -> None:
    first, *others = [c.iso3 for c in countries.choose(5, SEED)]
    variables = {"country": first, "body": f"{first}-RG1", "agency": "UNDP"}

    store = stores.new()
    load_all(store, _files(generated, first))
    alone = _reads(CountingStore(store), variables)
    load_all(store, [f for iso3 in others for f in _files(generated, iso3)])
    among_five = _reads(CountingStore(store), variables)

    assert among_five["memberships"][1] > alone["memberships"][1]  # the answer grew
    assert {q: reads for q, (reads, _) in among_five.items()} == {
        q: reads for q, (reads, _) in alone.items()
    }
    assert all(reads <= 8 for reads, _ in alone.values()), alone
