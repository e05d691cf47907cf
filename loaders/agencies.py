"""Resolving the many spellings of an agency to its canonical id."""

from __future__ import annotations

from graph.batch import GraphBatch
from graph.model import NodeKind
from graph.repository import Graph, lookup_key


class AgencyDirectory:
    """Every agency id and alias known to the store, plus those a file adds."""

    def __init__(self, keys: dict[str, str]) -> None:
        self._keys = dict(keys)

    @classmethod
    async def from_store(cls, graph: Graph) -> AgencyDirectory:
        return cls(await graph.agency_keys())

    def resolve(self, name: str) -> str | None:
        return self._keys.get(lookup_key(name))

    def add(
        self, batch: GraphBatch, agency_id: str, name: str | None = None, line: int | None = None
    ) -> None:
        """Create an agency the reference list does not know, so it is not dropped."""
        key = lookup_key(agency_id)
        batch.node(
            NodeKind.AGENCY,
            agency_id,
            line=line,
            acronym=agency_id,
            name=name or agency_id,
            aliases=[],
            lookupKeys=[key],
            unSystem=False,
        )
        self._keys[key] = agency_id
