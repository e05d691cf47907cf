"""Which Cooperation Framework a UN INFO plan is: its own, or one a country pack describes.

A pack and an export often describe the same plan (the demo's Cambodia UNDAF
2019-2023 is UN INFO's "Cambodia United Development Assistance Framework
2019-2023"). They are one framework when the pack names the plan
(`uninfo_plan:`), or else when the country is the same, the years overlap
and the titles have the same words once the country, years, "United Nations"
and the like are set aside. The export's outcomes then join the pack's
framework; a plan that matches two frameworks is an error naming both.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from graph import queries
from graph.batch import GraphBatch
from graph.model import NodeKind
from graph.repository import Graph
from graph.store import Row
from loaders import uninfo_cells as cell

# What UN INFO's own frameworks give as evidence (loaders.uninfo).
UNINFO_EVIDENCE = "UN INFO"
_SET_ASIDE = {"united", "nations", "un", "the", "of", "for", "and", "in", "on", "to", "a", "s"}


@dataclass(frozen=True)
class Framework:
    id: str
    title: str
    start: int | None
    end: int | None
    uninfo_plan: str | None

    @classmethod
    def of(cls, row: Row) -> Framework:
        """From a stored framework's row, or a batch's props with its id (unset: absent)."""
        return cls(
            row["id"],
            row.get("title") or "",
            row.get("startYear"),
            row.get("endYear"),
            row.get("uninfoPlan"),
        )


def words(title: str, country: Iterable[str] = ()) -> frozenset[str]:
    """A title's telling words: no country name, years, abbreviations in brackets."""
    text = re.sub(r"\([^)]*\)", " ", title.casefold())
    found = set(re.findall(r"[a-z0-9]+", text)) - _SET_ASIDE
    found -= {w for name in country for w in re.findall(r"[a-z0-9]+", name.casefold())}
    return frozenset(w for w in found if not re.fullmatch(r"\d{4}", w))


def _same(name: str) -> str:
    return " ".join(name.split()).casefold()


def overlap(a: tuple[int | None, int | None], b: tuple[int | None, int | None]) -> bool:
    """Whether two periods share a year (an unknown period overlaps any)."""
    if a[0] is None or b[0] is None:
        return True
    return a[0] <= (b[1] or b[0]) and b[0] <= (a[1] or a[0])


def same_plan(plan: str, candidate: Framework, country: Iterable[str]) -> bool:
    """A UN INFO plan and a framework a pack describes: the same plan?"""
    names = tuple(country)
    plan_words, their_words = words(plan, names), words(candidate.title, names)
    if not plan_words or not their_words:
        return False
    similar = plan_words <= their_words or their_words <= plan_words
    return similar and overlap(cell.years(plan), (candidate.start, candidate.end))


class Plans:
    """The frameworks packs describe in some countries, to match UN INFO plans against."""

    def __init__(self, by_country: dict[str, list[Framework]]) -> None:
        self.by_country = by_country

    @classmethod
    async def of(cls, graph: Graph, countries: Iterable[str]) -> Plans:
        rows = await graph.store.read(
            queries.FRAMEWORKS_BY_COUNTRY, {"ids": sorted(set(countries))}
        )
        by_country: dict[str, list[Framework]] = {}
        for row in rows:
            if row["source"] != UNINFO_EVIDENCE:
                by_country.setdefault(row["country"], []).append(Framework.of(row))
        return cls(by_country)

    def matches(self, iso3: str, plan: str, country: Iterable[str]) -> list[Framework]:
        """The pack frameworks this plan is: by name when a pack names it, else by likeness."""
        candidates = sorted(self.by_country.get(iso3, []), key=lambda f: f.id)
        named = [f for f in candidates if f.uninfo_plan and _same(f.uninfo_plan) == _same(plan)]
        if named:
            return named
        names = tuple(country)
        return [f for f in candidates if not f.uninfo_plan and same_plan(plan, f, names)]


@dataclass(frozen=True)
class Rejoin:
    """A plan an export loaded as its own framework that a pack now describes."""

    framework: str  # the pack's framework
    line: int | None  # where the pack states it
    plan: str  # the plan's title in UN INFO
    own: str  # the framework the export gave the plan of its own
    sources: tuple[str, ...]  # the exports that state it


async def to_rejoin(graph: Graph, batch: GraphBatch) -> list[Rejoin]:
    """The plans already loaded on their own that `batch`'s frameworks are.

    Loading an export after the pack joins its plan to the pack's framework;
    loading the pack after the export must end the same way, so the export is
    loaded again once the pack is in (loaders.load).
    """
    described = {
        node_id: props
        for (kind, node_id), props in batch.nodes.items()
        if kind is NodeKind.FRAMEWORK and props.get("source") != UNINFO_EVIDENCE
    }
    countries = {str(p["country"]) for p in described.values() if p.get("country")}
    if not countries:
        return []
    rows = await graph.store.read(queries.FRAMEWORKS_BY_COUNTRY, {"ids": sorted(countries)})
    own = [r for r in rows if r["source"] == UNINFO_EVIDENCE and r["id"] not in described]
    if not own:
        return []
    by_country: dict[str, list[Framework]] = {}
    for node_id, props in described.items():
        framework = Framework.of({"id": node_id, **props})
        by_country.setdefault(str(props["country"]), []).append(framework)
    plans = Plans(by_country)
    names = await _country_names(graph, batch, countries)
    found = []
    for row in own:
        iso3 = row["country"]
        for match in plans.matches(iso3, row["title"] or "", names.get(iso3, ())):
            line = batch.lines.get((NodeKind.FRAMEWORK, match.id))
            sources = tuple(row["sources"] or ())
            found.append(Rejoin(match.id, line, row["title"], row["id"], sources))
    return found


async def _country_names(
    graph: Graph, batch: GraphBatch, countries: set[str]
) -> dict[str, tuple[str, ...]]:
    rows = await graph.store.read(queries.COUNTRIES_BY_ID, {"ids": sorted(countries)})
    names: dict[str, set[str]] = {iso3: set() for iso3 in countries}
    for row in rows:
        names[row["id"]].add(row["name"] or "")
    for iso3 in countries:
        stated = batch.nodes.get((NodeKind.COUNTRY, iso3), {})
        if stated.get("name"):
            names[iso3].add(str(stated["name"]))
    return {iso3: tuple(sorted(n for n in found if n)) for iso3, found in names.items()}
