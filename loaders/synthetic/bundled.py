"""What the generator draws from the data bundled with the product.

Generated files must load against the real catalogues, so SDG codes and
titles, agency ids and names, and which agencies report in which country
come from loaders/data, never from lists of our own.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from graph.model import NodeKind
from graph.repository import lookup_key
from loaders import reference

PRESENCE = reference.DATA / "entities" / "uninfo-agencies-per-country.csv"

# Goal names as UN INFO writes them in its `SDG Goals` cells ("4 Quality Education").
GOAL_NAMES = {
    "1": "No Poverty",
    "2": "Zero Hunger",
    "3": "Good Health and Well-being",
    "4": "Quality Education",
    "5": "Gender Equality",
    "6": "Clean Water and Sanitation",
    "7": "Affordable and Clean Energy",
    "8": "Decent Jobs and Economic Growth",
    "9": "Industry, Innovation and Infrastructure",
    "10": "Reduced Inequalities",
    "11": "Sustainable Cities and Communities",
    "12": "Responsible Consumption and Production",
    "13": "Climate Action",
    "14": "Life Below Water",
    "15": "Life on Land",
    "16": "Peace and Justice - Strong Institutions",
    "17": "Partnerships for the Goals",
}


@dataclass(frozen=True)
class Target:
    code: str
    goal: str
    title: str


@dataclass(frozen=True)
class Reported:
    """An agency as UN INFO names it in one country, and how much it reports there."""

    spelling: str
    sub_outputs: int


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


@cache
def sdg_targets() -> dict[str, tuple[Target, ...]]:
    """The catalogue's targets by goal, in the catalogue's order."""
    by_goal: dict[str, list[Target]] = {}
    for row in _rows(reference.SDG_DIR / "sdg_gif_2025_targets.csv"):
        target = Target(row["code"].strip(), row["goal"].strip(), row["title"].strip())
        by_goal.setdefault(target.goal, []).append(target)
    return {goal: tuple(targets) for goal, targets in by_goal.items()}


@cache
def agency_names() -> dict[str, str]:
    """Canonical agency id -> full name, for the UN entities the reference load creates."""
    batch, _ = reference.un_entities()
    return {
        node_id: str(props["name"])
        for (kind, node_id), props in sorted(batch.nodes.items())
        if kind is NodeKind.AGENCY
    }


@cache
def agency_keys() -> dict[str, str]:
    """Every spelling's lookup key -> canonical id, as the loaders resolve agencies."""
    batch, _ = reference.un_entities()
    keys: dict[str, str] = {}
    for (kind, node_id), props in sorted(batch.nodes.items()):
        if kind is NodeKind.AGENCY:
            for key in props["lookupKeys"]:
                keys[key] = node_id
    return keys


def resolve_agency(spelling: str) -> str | None:
    return agency_keys().get(lookup_key(spelling))


@cache
def presence() -> dict[str, tuple[str, tuple[Reported, ...]]]:
    """iso3 -> (the country's name in UN INFO, the agencies reporting there, busiest first)."""
    found: dict[str, tuple[str, list[Reported]]] = {}
    for row in _rows(PRESENCE):
        _, agencies = found.setdefault(row["iso3"], (row["country"], []))
        agencies.append(Reported(row["agency"], int(row["n_sub_outputs"] or 0)))
    return {
        iso3: (name, tuple(sorted(agencies, key=lambda a: (-a.sub_outputs, a.spelling))))
        for iso3, (name, agencies) in sorted(found.items())
    }
