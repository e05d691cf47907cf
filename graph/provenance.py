"""Where a fact comes from, and on what basis an RC office can defend it.

A fact records the sources that state it and the evidence the latest one
gave (its `source` property: `seed:000 "Chaired by UNICEF"` in a country
pack). Each source makes one provenance entry; its basis is
- DOCUMENT: a country pack citing a document (`seed:NNN "quote"`);
- ILLUSTRATIVE: a country pack saying the fact is illustrative;
- API_EDIT: an edit made through the API;
- DATA: a data file (UN INFO, IATI, the reference catalogues, or a pack
  whose fact cites data or nothing).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from graph.sources import SourceKind
from graph.store import Row


class Basis(StrEnum):
    DOCUMENT = "DOCUMENT"
    DATA = "DATA"
    API_EDIT = "API_EDIT"
    ILLUSTRATIVE = "ILLUSTRATIVE"


@dataclass(frozen=True)
class Provenance:
    source: str
    basis: Basis
    evidence: str | None  # what the source says backs the fact, when it says
    loaded_at: str | None  # ISO 8601, when the source was last loaded


def basis(kind: SourceKind | None, evidence: str | None) -> Basis:
    if kind is SourceKind.API:
        return Basis.API_EDIT
    if kind is SourceKind.PACK and evidence:
        if evidence.startswith("seed:"):
            return Basis.DOCUMENT
        if evidence.startswith("illustrative:"):
            return Basis.ILLUSTRATIVE
    return Basis.DATA


def of_fact(
    sources: Iterable[str], evidence: str | None, records: Mapping[str, Row]
) -> list[Provenance]:
    """One entry per source stating the fact, given the sources' records by name.

    A fact keeps one evidence, which a country pack gave when a pack states
    the fact (a data file that also states it, or links to it, gives none),
    else a data file; an API edit never gives any.
    """
    names = list(sources)
    kinds = {n: _kind(records.get(n)) for n in names}
    by_pack = SourceKind.PACK in kinds.values()
    entries = []
    for name in names:
        kind = kinds[name]
        gives = kind is SourceKind.PACK if by_pack else kind is not SourceKind.API
        said = evidence if gives else None
        loaded = (records.get(name) or {}).get("loadedAt")
        entries.append(Provenance(name, basis(kind, said), said, loaded))
    return entries


def _kind(record: Row | None) -> SourceKind | None:
    return SourceKind(record["kind"]) if record and record.get("kind") else None


def on_basis(entries: Iterable[Provenance], wanted: Iterable[Basis] | None) -> bool:
    """True when some source states the fact on one of the wanted bases (or none asked)."""
    if wanted is None:
        return True
    allowed = set(wanted)
    return any(entry.basis in allowed for entry in entries)
