"""Provenance in GraphQL: each fact says which sources state it, and on what basis."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

import strawberry

from graph import provenance
from graph.provenance import Basis
from graph.store import Row
from schema.context import Info


@strawberry.type(description="A source stating a fact, and the basis it gives for it.")
class Provenance:
    source: str = strawberry.field(
        description="The source: a file's name, `reference`, `api:<key>`."
    )
    basis: Basis
    evidence: str | None = strawberry.field(
        description="What the source cites: `seed:NNN` and a document's own words, "
        "`illustrative: ...`, or a UN INFO sub-output."
    )
    loaded_at: datetime | None = strawberry.field(description="When the source was last loaded.")

    @classmethod
    def of(cls, entry: provenance.Provenance) -> Provenance:
        loaded = datetime.fromisoformat(entry.loaded_at) if entry.loaded_at else None
        return cls(
            source=entry.source, basis=entry.basis, evidence=entry.evidence, loaded_at=loaded
        )


async def records(info: Info, names: Iterable[str]) -> dict[str, Row]:
    wanted = sorted(set(names))
    found = await info.context.loaders.source_record.load_many([(n,) for n in wanted])
    return {name: row for name, row in zip(wanted, found, strict=True) if row}


async def of_fact(info: Info, sources: Sequence[str], evidence: str | None) -> list[Provenance]:
    """The provenance of one fact, from its sources and evidence."""
    known = await records(info, sources)
    return [Provenance.of(p) for p in provenance.of_fact(sources, evidence, known)]


async def of_facts(info: Info, facts: Sequence[Row]) -> list[Provenance]:
    """The provenance of several facts standing as one (an agency's contribution to an
    outcome, made of its edges to the sub-outputs beneath it): each source once."""
    evidence: dict[str, str | None] = {}
    for fact in facts:
        for name in fact["sources"] or []:
            if evidence.get(name) is None:
                evidence[name] = fact["source"]
    known = await records(info, evidence)
    entries = []
    for name, said in sorted(evidence.items()):
        entries += provenance.of_fact([name], said, known)
    return [Provenance.of(p) for p in entries]
