"""The reporting line: from a body up its REPORTS_TO lines to the nearest body of a kind.

Worked out from the lines of the body's country (a body reports only within
its own country), so the answer is the same on every engine and a line can be
kept or left out for its provenance (`basis`). Nearest wins; among equally
near chains, the one whose ids sort first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from graph.store import Row

MAX_HOPS = 12


def chain(
    start: str, to_kind: str, lines: Iterable[Row], keep: Callable[[Row], bool] = lambda r: True
) -> list[Row]:
    """The lines (rows with src, dst, dstKind) of the nearest chain; [] when there is none.

    Breadth first: each body is reached once, by the shortest chain whose ids
    sort first (extending two chains to the same body keeps their order).
    """
    up: dict[str, list[Row]] = {}
    for line in lines:
        if keep(line):
            up.setdefault(line["src"], []).append(line)
    reached = {start}
    frontier: dict[str, list[Row]] = {start: []}
    for _ in range(MAX_HOPS):
        grown: dict[str, list[Row]] = {}
        arrived: list[list[Row]] = []
        for here, path in frontier.items():
            for line in up.get(here, []):
                body = line["dst"]
                if body in reached:
                    continue
                longer = [*path, line]
                if line["dstKind"] == to_kind:
                    arrived.append(longer)
                elif body not in grown or _ids(longer) < _ids(grown[body]):
                    grown[body] = longer
        if arrived:
            return min(arrived, key=_ids)
        reached |= grown.keys()
        frontier = grown
    return []


def _ids(path: list[Row]) -> list[str]:
    return [path[0]["src"], *(line["dst"] for line in path)]


def ids(start: str, path: list[Row]) -> list[str]:
    """The bodies of a chain, from its start."""
    return _ids(path) if path else [start]
