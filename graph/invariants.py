"""What no load or edit may make untrue, checked on the graph as it would be.

Each check looks at the part of the graph a plan touches, as it would be once
the plan is written (what the store holds, minus what the plan deletes, plus
what it writes), and names both places when two facts conflict:
- a body has at most one CHAIR on any day;
- a membership or reporting line does not end before it starts;
- a body reports only to bodies of its own country;
- reporting lines make no cycle on any day.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import combinations

from graph import queries
from graph.batch import EdgeKey
from graph.errors import RefusedError
from graph.facts import FactKey, FactState, edges_touching, read_facts
from graph.model import MemberRole, NodeKind, RelKind
from graph.sources import Plan
from graph.store import Reader


@dataclass(frozen=True)
class _Dated:
    fact: EdgeKey
    since: date | None
    until: date | None
    place: str

    def overlaps(self, other: _Dated) -> date | None:
        """The first day both hold, if any."""
        start = max(self.since or date.min, other.since or date.min)
        end = min(self.until or date.max, other.until or date.max)
        return start if start <= end else None

    def holds_on(self, day: date) -> bool:
        return (self.since or date.min) <= day <= (self.until or date.max)


async def check(reader: Reader, plan: Plan) -> None:
    """Raises RefusedError listing every broken rule; returns when all hold."""
    problems = await _memberships(reader, plan) + await _reporting_lines(reader, plan)
    if problems:
        raise RefusedError(sorted(set(problems)))


def _touched(plan: Plan, rel: RelKind) -> list[EdgeKey]:
    facts: Iterable[FactKey] = (*plan.writes, *plan.deletes)
    return [f for f in facts if isinstance(f, EdgeKey) and f.kind is rel]


def _after(
    plan: Plan, stored: dict[FactKey, FactState], rel: RelKind, ends: set[str]
) -> dict[EdgeKey, FactState]:
    """The `rel` edges at the given nodes once the plan is written."""
    state: dict[EdgeKey, FactState] = {}
    for fact, value in stored.items():
        if isinstance(fact, EdgeKey):
            state[fact] = value
    for fact, value in plan.writes.items():
        if (
            isinstance(fact, EdgeKey)
            and fact.kind is rel
            and (fact.src in ends or fact.dst in ends)
        ):
            state[fact] = value
    for fact in plan.deletes:
        if isinstance(fact, EdgeKey):
            state.pop(fact, None)
    return state


def _dated(plan: Plan, fact: EdgeKey, state: FactState) -> _Dated:
    return _Dated(
        fact, state.props.get("since"), state.props.get("until"), _place(plan, fact, state)
    )


def _place(plan: Plan, fact: FactKey, state: FactState) -> str:
    if fact in plan.lines:
        return plan.source.place(plan.lines[fact])
    if fact in plan.writes and state.origin == plan.source.origin(None):
        return plan.source.place(None)
    return state.origin or "the graph"


def _written(plan: Plan, items: Iterable[_Dated]) -> list[_Dated]:
    return [d for d in items if d.fact in plan.writes]


def _ends_before_start(plan: Plan, items: Iterable[_Dated], what: str) -> list[str]:
    return [
        f"{d.place}: {what} {d.fact.src} -> {d.fact.dst} ends ({d.until}) "
        f"before it starts ({d.since})"
        for d in _written(plan, items)
        if d.since and d.until and d.until < d.since
    ]


async def _memberships(reader: Reader, plan: Plan) -> list[str]:
    bodies = {f.dst for f in _touched(plan, RelKind.MEMBER_OF)}
    if not bodies:
        return []
    stored = await edges_touching(reader, RelKind.MEMBER_OF, bodies, "b")
    after = _after(plan, stored, RelKind.MEMBER_OF, bodies)
    seats = [_dated(plan, f, s) for f, s in after.items()]
    problems = _ends_before_start(plan, seats, "membership")
    chairs = [d for d in seats if after[d.fact].props.get("role") == MemberRole.CHAIR.value]
    for first, second in combinations(sorted(chairs, key=lambda d: d.place), 2):
        day = first.overlaps(second)
        if first.fact.dst != second.fact.dst or day is None:
            continue
        if first.fact not in plan.writes and second.fact not in plan.writes:
            continue  # an old conflict this change does not touch
        mine, other = (first, second) if first.fact in plan.writes else (second, first)
        problems.append(
            f"{mine.place}: {mine.fact.dst} would have two chairs on {day}: "
            f"{mine.fact.src} (here) and {other.fact.src} ({other.place})"
        )
    return problems


async def _reporting_lines(reader: Reader, plan: Plan) -> list[str]:
    touched = _touched(plan, RelKind.REPORTS_TO)
    changed_bodies = [
        f[1] for f in plan.writes if not isinstance(f, EdgeKey) and f[0] is NodeKind.BODY
    ]
    if not touched and not changed_bodies:
        return []
    ends = {f.src for f in touched} | {f.dst for f in touched} | set(changed_bodies)
    stored = {
        **await edges_touching(reader, RelKind.REPORTS_TO, ends, "a"),
        **await edges_touching(reader, RelKind.REPORTS_TO, ends, "b"),
    }
    after = _after(plan, stored, RelKind.REPORTS_TO, ends)
    lines = [_dated(plan, f, s) for f, s in after.items()]
    countries = await _countries(reader, plan, {e for d in lines for e in (d.fact.src, d.fact.dst)})
    problems = _ends_before_start(plan, lines, "reporting line")
    for line in lines:
        (src, _), (dst, there) = (
            countries.get(line.fact.src, _NOWHERE),
            countries.get(line.fact.dst, _NOWHERE),
        )
        if src != dst and (line.fact in plan.writes or line.fact.src in changed_bodies):
            problems.append(
                f"{line.place}: {line.fact.src} ({src}) cannot report to {line.fact.dst} "
                f"({dst}, {there}): a body reports within its own country"
            )
    # A cycle can only close through the edges of the countries involved.
    if touched:
        involved = {countries.get(b, _NOWHERE)[0] for b in ends}
        country_lines = await _country_lines(reader, plan, involved)
        problems += _cycles(plan, country_lines)
    return problems


_NOWHERE: tuple[str | None, str] = (None, "the graph")


async def _countries(
    reader: Reader, plan: Plan, bodies: set[str]
) -> dict[str, tuple[str | None, str]]:
    """Each body's country, and where the body is stated (for messages)."""
    keys: list[FactKey] = [(NodeKind.BODY, b) for b in bodies]
    stored = await read_facts(reader, keys)
    stored.update({k: plan.writes[k] for k in keys if k in plan.writes})
    return {
        fact[1]: (state.props.get("country"), _place(plan, fact, state))
        for fact, state in stored.items()
        if not isinstance(fact, EdgeKey)
    }


async def _country_lines(reader: Reader, plan: Plan, countries: set[str | None]) -> list[_Dated]:
    wanted = sorted(c for c in countries if c)
    rows = await reader.read(queries.BODIES_OF_COUNTRIES, {"ids": wanted}) if wanted else []
    bodies = {row["id"] for row in rows}
    bodies |= {f[1] for f in plan.writes if not isinstance(f, EdgeKey) and f[0] is NodeKind.BODY}
    stored = await edges_touching(reader, RelKind.REPORTS_TO, bodies, "a")
    after = _after(plan, stored, RelKind.REPORTS_TO, bodies)
    return [_dated(plan, f, s) for f, s in after.items()]


def _cycles(plan: Plan, lines: list[_Dated]) -> list[str]:
    """A cycle on any day: checked on every day where the set of valid lines changes."""
    days = {date.min} | {d.since for d in lines if d.since}
    days |= {d.until + timedelta(days=1) for d in lines if d.until and d.until < date.max}
    found: list[str] = []
    seen: set[frozenset[EdgeKey]] = set()
    for day in sorted(days):
        cycle = _find_cycle([d for d in lines if d.holds_on(day)])
        if cycle and frozenset(d.fact for d in cycle) not in seen:
            seen.add(frozenset(d.fact for d in cycle))
            if any(d.fact in plan.writes for d in cycle):
                path = " -> ".join([cycle[0].fact.src, *(d.fact.dst for d in cycle)])
                places = ", ".join(sorted({d.place for d in cycle}))
                on = "" if day == date.min else f" on {day}"
                where = _first_written(plan, cycle)
                found.append(f"{where}: reporting lines make a cycle{on}: {path} ({places})")
    return found


def _first_written(plan: Plan, cycle: list[_Dated]) -> str:
    return next(d.place for d in cycle if d.fact in plan.writes)


def _find_cycle(lines: list[_Dated]) -> list[_Dated] | None:
    up: dict[str, list[_Dated]] = {}
    for line in lines:
        up.setdefault(line.fact.src, []).append(line)
    done: set[str] = set()
    for start in sorted(up):
        path: list[_Dated] = []
        on_path: dict[str, int] = {}
        cycle = _walk(start, up, path, on_path, done)
        if cycle:
            return cycle
    return None


def _walk(
    body: str,
    up: dict[str, list[_Dated]],
    path: list[_Dated],
    on_path: dict[str, int],
    done: set[str],
) -> list[_Dated] | None:
    if body in on_path:
        return path[on_path[body] :]
    if body in done:
        return None
    on_path[body] = len(path)
    for line in sorted(up.get(body, []), key=lambda d: d.fact.dst):
        path.append(line)
        cycle = _walk(line.fact.dst, up, path, on_path, done)
        if cycle:
            return cycle
        path.pop()
    del on_path[body]
    done.add(body)
    return None
