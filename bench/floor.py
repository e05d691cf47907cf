"""The no-store floor: strawberry and uvicorn alone, answering the five questions.

Plain strawberry types hold the answers unct-graph gave (captured by the
bench before measuring); the resolvers return those prebuilt objects, so
every request costs parsing, validation, execution over the same fields,
serialisation of the same JSON (the same bytes, `extensions` included) and
HTTP, with no store, DataLoaders, limits, metrics or logs. uvicorn runs as the
product runs it (h11, no access log, no server header). What unct-graph
takes beyond this floor is its own work.

    python -m bench.floor --answers FILE --port PORT
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import strawberry
import uvicorn
from strawberry.asgi import GraphQL
from strawberry.extensions import SchemaExtension

Json = dict[str, Any]


@strawberry.type
class Partner:
    id: strawberry.ID | None = None
    name: str | None = None


@strawberry.type
class Agency:
    id: strawberry.ID | None = None
    name: str | None = None
    memberships: list[Membership] = strawberry.field(default_factory=list)


@strawberry.type
class Country:
    iso3: strawberry.ID | None = None
    name: str | None = None
    bodies: list[Body] = strawberry.field(default_factory=list)


@strawberry.type
class Body:
    id: strawberry.ID | None = None
    name: str | None = None
    kind: str | None = None
    chair: Agency | None = None
    members: list[Membership] = strawberry.field(default_factory=list)
    country: Country | None = None


@strawberry.type
class Membership:
    role: str | None = None
    since: str | None = None
    until: str | None = None
    agency: Agency | None = None
    partner: Partner | None = None
    body: Body | None = None


@strawberry.type
class SdgGoal:
    code: strawberry.ID | None = None
    title: str | None = None


@strawberry.type
class Contributor:
    agency: Agency | None = None
    via: list[str] = strawberry.field(default_factory=list)


@strawberry.type
class Outcome:
    id: strawberry.ID | None = None
    code: str | None = None
    title: str | None = None
    contributors: list[Contributor] = strawberry.field(default_factory=list)
    sdg_goals: list[SdgGoal] = strawberry.field(default_factory=list)


@strawberry.type
class GoalCoverage:
    goal: SdgGoal | None = None
    outcomes: list[Outcome] = strawberry.field(default_factory=list)


@strawberry.type
class SdgCoverage:
    goals: list[GoalCoverage] = strawberry.field(default_factory=list)
    uncovered_goals: list[SdgGoal] = strawberry.field(default_factory=list)
    outcomes_without_sdg: list[Outcome] = strawberry.field(default_factory=list)


# --- the captured JSON -> the types above, once, at startup ---
def _partner(d: Json | None) -> Partner | None:
    return None if d is None else Partner(id=d.get("id"), name=d.get("name"))


def _agency(d: Json | None) -> Agency | None:
    if d is None:
        return None
    memberships = [_membership(m) for m in d.get("memberships") or []]
    return Agency(id=d.get("id"), name=d.get("name"), memberships=memberships)


def _country(d: Json | None) -> Country | None:
    if d is None:
        return None
    bodies = [b for b in map(_body, d.get("bodies") or []) if b is not None]
    return Country(iso3=d.get("iso3"), name=d.get("name"), bodies=bodies)


def _body(d: Json | None) -> Body | None:
    if d is None:
        return None
    return Body(
        id=d.get("id"),
        name=d.get("name"),
        kind=d.get("kind"),
        chair=_agency(d.get("chair")),
        members=[_membership(m) for m in d.get("members") or []],
        country=_country(d.get("country")),
    )


def _membership(d: Json) -> Membership:
    return Membership(
        role=d.get("role"),
        since=d.get("since"),
        until=d.get("until"),
        agency=_agency(d.get("agency")),
        partner=_partner(d.get("partner")),
        body=_body(d.get("body")),
    )


def _goal(d: Json) -> SdgGoal:
    return SdgGoal(code=d.get("code"), title=d.get("title"))


def _outcome(d: Json) -> Outcome:
    contributors = [
        Contributor(agency=_agency(c.get("agency")), via=c.get("via") or [])
        for c in d.get("contributors") or []
    ]
    goals = [_goal(g) for g in d.get("sdgGoals") or []]
    return Outcome(
        id=d.get("id"), code=d.get("code"), title=d.get("title"),
        contributors=contributors, sdg_goals=goals,
    )  # fmt: skip


def _coverage(d: Json | None) -> SdgCoverage | None:
    if d is None:
        return None
    goals = [
        GoalCoverage(goal=_goal(g["goal"]), outcomes=[_outcome(o) for o in g["outcomes"]])
        for g in d.get("goals") or []
    ]
    return SdgCoverage(
        goals=goals,
        uncovered_goals=[_goal(g) for g in d.get("uncoveredGoals") or []],
        outcomes_without_sdg=[_outcome(o) for o in d.get("outcomesWithoutSdg") or []],
    )


class Answers:
    """The prebuilt answers, by root field, and each operation's `extensions`."""

    def __init__(self, captured: dict[str, Json]) -> None:
        data: Json = {}
        self.extensions: dict[str, Json] = {}
        for operation, response in captured.items():
            data |= response["data"]
            self.extensions[operation] = response.get("extensions") or {}
        self.outcomes = [_outcome(o) for o in data.get("outcomes") or []]
        self.body = _body(data.get("body"))
        self.reporting_line = [b for b in map(_body, data.get("reportingLine") or []) if b]
        self.coverage = _coverage(data.get("sdgCoverage"))
        self.agency = _agency(data.get("agency"))
        self.country = _country(data.get("country"))


ANSWERS = Answers({})

From = Annotated[strawberry.ID, strawberry.argument(name="from")]


@strawberry.type
class Query:
    @strawberry.field
    def outcomes(self, country: strawberry.ID) -> list[Outcome]:
        return ANSWERS.outcomes

    @strawberry.field
    def body(self, id: strawberry.ID) -> Body | None:  # noqa: A002
        return ANSWERS.body

    @strawberry.field
    def reporting_line(self, from_: From) -> list[Body]:
        return ANSWERS.reporting_line

    @strawberry.field
    def sdg_coverage(self, country: strawberry.ID) -> SdgCoverage | None:
        return ANSWERS.coverage

    @strawberry.field
    def agency(self, id: strawberry.ID) -> Agency | None:  # noqa: A002
        return ANSWERS.agency

    @strawberry.field
    def country(self, iso3: strawberry.ID) -> Country | None:
        return ANSWERS.country


class CapturedExtensions(SchemaExtension):
    """The captured answer's `extensions` (unct-graph's cost), so the bytes match."""

    def on_execute(self) -> Iterator[None]:
        yield

    def get_results(self) -> dict[str, Any]:
        return ANSWERS.extensions.get(self.execution_context.operation_name or "", {})


schema = strawberry.Schema(query=Query, extensions=[CapturedExtensions])


def main(argv: list[str] | None = None) -> None:
    global ANSWERS
    parser = argparse.ArgumentParser(description="the no-store floor")
    parser.add_argument("--answers", type=Path, required=True, help="captured answers (JSON)")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args(argv)
    ANSWERS = Answers(json.loads(args.answers.read_text()))
    uvicorn.run(
        GraphQL(schema, graphql_ide=None),
        host="127.0.0.1",
        port=args.port,
        http="h11",
        access_log=False,
        log_level="warning",
        server_header=False,
    )


if __name__ == "__main__":
    main()
