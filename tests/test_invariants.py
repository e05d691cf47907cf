"""What no load may make untrue, across files: refused naming both places, nothing written.

Each case loads a first pack, then a second file (another source) that would
break an invariant together with the first; on both stores.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import RefusedError
from graph.store import GraphStore, Query
from loaders.problems import LoadError
from tests.conftest import StoreFactory, load_files, run

FIRST = """\
country: {iso3: RWA, name: Rwanda}
agencies: [{id: UNDP}, {id: WFP}]
bodies:
  - {id: RWA-UNCT, kind: UNCT, name: UN Country Team in Rwanda}
  - id: RWA-OMT
    kind: OPERATIONS_MANAGEMENT_TEAM
    name: Operations Management Team
    reports_to: [RWA-UNCT]
    members:
      - {agency: WFP, role: CHAIR, since: 2022-01-01}
"""
# Each second file, and the words its refusal must hold ({first}, {second}: the files).
SECONDS = {
    "two chairs": (
        """\
country: {iso3: RWA, name: Rwanda}
agencies: [{id: UNDP}]
bodies:
  - id: RWA-OMT
    kind: OPERATIONS_MANAGEMENT_TEAM
    name: Operations Management Team
    members:
      - {agency: UNDP, role: CHAIR, since: 2024-01-01}
""",
        [
            "{second}:8: RWA-OMT would have two chairs on 2024-01-01",
            "UNDP (here)",
            "WFP (first.yaml:10)",
        ],
    ),
    "another country": (
        """\
country: {iso3: TLS, name: Timor-Leste}
bodies:
  - {id: TLS-PMT, kind: PROGRAMME_MANAGEMENT_TEAM, name: PMT, reports_to: [RWA-OMT]}
""",
        [
            "{second}:3: TLS-PMT (TLS) cannot report to RWA-OMT (RWA, first.yaml:",
            "a body reports within its own country",
        ],
    ),
    "a cycle": (
        """\
country: {iso3: RWA, name: Rwanda}
bodies:
  - {id: RWA-UNCT, kind: UNCT, name: UN Country Team in Rwanda, reports_to: [RWA-OMT]}
""",
        [
            "{second}:3: reporting lines make a cycle",
            "RWA-OMT -> RWA-UNCT -> RWA-OMT",
            "first.yaml:",
        ],
    ),
    "ends before it starts": (
        """\
country: {iso3: RWA, name: Rwanda}
agencies: [{id: UNDP}]
bodies:
  - id: RWA-OMT
    kind: OPERATIONS_MANAGEMENT_TEAM
    name: Operations Management Team
    members:
      - {agency: UNDP, since: 2025-01-01, until: 2024-12-31}
""",
        ["{second}:8: bodies.0.members.0: Value error, until is before since"],
    ),
}
EVERYTHING = Query(
    "test_everything",
    "MATCH (n) OPTIONAL MATCH (n)-[r]->(m) "
    "RETURN n.id AS id, n.sources AS sources, n.name AS name, m.id AS to, r.sources AS rs",
)


def _snapshot(store: GraphStore) -> list[str]:
    async def go() -> list[str]:
        try:
            return sorted(repr(sorted(row.items())) for row in await store.read(EVERYTHING))
        finally:
            await store.close()

    found: list[str] = run(go())
    return found


@pytest.mark.parametrize("case", sorted(SECONDS))
def test_a_second_file_may_not_break_the_first(
    stores: StoreFactory, tmp_path: Path, case: str
) -> None:
    text, words = SECONDS[case]
    first, second = tmp_path / "first.yaml", tmp_path / "second.yaml"
    first.write_text(FIRST, encoding="utf-8")
    second.write_text(text, encoding="utf-8")
    store = stores.new()
    load_files(store, [first])
    before = _snapshot(store)
    with pytest.raises((RefusedError, LoadError)) as refused:
        load_files(store, [second])
    error = refused.value
    assert isinstance(error, (RefusedError, LoadError))
    message = "\n".join(str(p) for p in error.problems)
    for word in words:
        assert word.format(first=first, second=second) in message, message
    assert _snapshot(store) == before  # refused whole: nothing written
