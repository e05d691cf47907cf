"""Who sits in a body, in which role, from when to when: chairs rotate every two years.

Each member holds one role on any day. The chair passes to another agency
every term of two years (the last term open-ended), and the vice- or co-chair
of a term, always another agency than its chair, is the next term's chair,
as offices often arrange succession. An agency's roles become seats: one
membership per run of days in the same role, so a member who chairs for a
term holds MEMBER until the day before, CHAIR for the term, MEMBER after.
No two chairs share a day, and no seat ends before it starts.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from graph.model import MemberRole

TERM_YEARS = 2


@dataclass(frozen=True)
class Seat:
    agency: str | None
    partner: str | None
    role: MemberRole
    since: date | None
    until: date | None


Term = tuple[date, date | None]


def terms(start: date, last_year: int) -> list[Term]:
    """Two-year terms from `start`, the last one still running (no end)."""
    found: list[Term] = []
    begin = start
    while True:
        following = begin.replace(year=begin.year + TERM_YEARS)
        if following.year > last_year:
            found.append((begin, None))
            return found
        found.append((begin, following - timedelta(days=1)))
        begin = following


def chairs(candidates: list[str], members: list[str], count: int, rng: random.Random) -> list[str]:
    """A chair per term, never the same agency twice running; candidates first."""
    pool = candidates if len(candidates) >= 2 else members
    chosen: list[str] = []
    for _ in range(count):
        options = [a for a in pool if not chosen or a != chosen[-1]]
        chosen.append(rng.choice(options))
    return chosen


def rotating(
    members: list[str],
    candidates: list[str],
    periods: list[Term],
    deputy: MemberRole,
    rng: random.Random,
) -> list[Seat]:
    """Every member's seats over the terms: chairs and deputies rotating, the rest MEMBER."""
    chair = chairs(candidates, members, len(periods), rng)
    deputies = [*chair[1:], rng.choice([a for a in members if a != chair[-1]])]
    seats: list[Seat] = []
    for agency in members:
        roles = [
            MemberRole.CHAIR if agency == c else deputy if agency == d else MemberRole.MEMBER
            for c, d in zip(chair, deputies, strict=True)
        ]
        seats += _runs(agency, roles, periods)
    return seats


def _runs(agency: str, roles: list[MemberRole], periods: list[Term]) -> list[Seat]:
    """One seat per run of consecutive terms in the same role."""
    seats: list[Seat] = []
    first = 0
    for i in range(1, len(roles) + 1):
        if i == len(roles) or roles[i] != roles[first]:
            seats.append(Seat(agency, None, roles[first], periods[first][0], periods[i - 1][1]))
            first = i
    return seats


def standing(members: list[str], since: date, role: MemberRole = MemberRole.MEMBER) -> list[Seat]:
    """Seats held in one role from `since` on."""
    return [Seat(agency, None, role, since, None) for agency in members]
