"""Rules on the coordination structure: one leader, reporting lines, chairs, groups."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from graph.conformance.facts import CountryFacts
from graph.conformance.findings import Severity
from graph.conformance.registry import Options, Problem, rule
from graph.model import BodyKind, MemberRole

K = BodyKind
CHAIRED_GROUPS = (K.RESULTS_GROUP, K.THEME_GROUP)
DEPUTY_ROLES = (MemberRole.CO_CHAIR, MemberRole.VICE_CHAIR)


def _tops(facts: CountryFacts) -> set[BodyKind]:
    """Where reporting lines end: the Steering Committee, else the UNCT."""
    if facts.of_kind(K.STEERING_COMMITTEE):
        return {K.STEERING_COMMITTEE}
    return {K.UNCT}


def _missing(facts: CountryFacts, kind: BodyKind, what: str) -> list[Problem]:
    return [] if facts.of_kind(kind) else [([facts.iso3], f"{facts.iso3} has no {what}")]


@rule(
    "unct.exists",
    Severity.ERROR,
    "The country has a UN Country Team (One Leader).",
    "002",
    "the UNCT is the highest inter-agency coordination and joint decision-making body",
)
def unct_exists(facts: CountryFacts, options: Options) -> list[Problem]:
    return _missing(facts, K.UNCT, "UN Country Team")


@rule(
    "reporting.missing",
    Severity.ERROR,
    "Every body except the top one (the Steering Committee, else the UNCT) reports to "
    "some body on the day asked; the RC Office answers to the Secretary-General.",
    "002",
    "Reporting directly to the UNCT, theme groups, task forces and joint teams are established",
)
def reporting_missing(facts: CountryFacts, options: Options) -> list[Problem]:
    exempt = {*_tops(facts), K.STEERING_COMMITTEE, K.RC_OFFICE}
    lines = facts.reports_on(options.as_of)
    return [
        ([body], f"{body} ({kind}) reports to no body on {options.as_of}")
        for body, kind in facts.bodies.items()
        if kind not in exempt and not lines.get(body)
    ]


@rule(
    "reporting.reaches-top",
    Severity.ERROR,
    "Every reporting line leads up to the UNCT or the Joint Steering Committee.",
    "000",
    "Chairs of Results Groups are accountable to the Joint National/United Nations "
    "Steering Committee",
)
def reporting_reaches_top(facts: CountryFacts, options: Options) -> list[Problem]:
    lines = facts.reports_on(options.as_of)
    tops = {K.UNCT, K.STEERING_COMMITTEE}
    problems: list[Problem] = []
    for body in sorted(lines):
        if facts.bodies.get(body) in tops:
            continue
        seen, frontier = {body}, set(lines[body])
        while frontier and not any(facts.bodies.get(b) in tops for b in frontier):
            seen |= frontier
            frontier = {up for b in frontier for up in lines.get(b, ())} - seen
        if not frontier:
            ends = sorted(b for b in seen if not lines.get(b)) or sorted(seen)
            problems.append(
                (
                    [body, *ends],
                    f"{body}'s reporting line ends at {', '.join(ends)}, "
                    "never reaching the UNCT or the Steering Committee",
                )
            )
    return problems


@rule(
    "reporting.cycle",
    Severity.ERROR,
    "No body reports, directly or through others, to itself.",
    "004",
    "In case of disagreement within the OMT, UNCT serves as the final platform for escalation",
)
def reporting_cycle(facts: CountryFacts, options: Options) -> list[Problem]:
    lines = facts.reports_on(options.as_of)
    cycles: set[tuple[str, ...]] = set()

    def walk(body: str, path: list[str]) -> None:
        for up in sorted(lines.get(body, ())):
            if up in path:
                cycle = path[path.index(up) :]
                start = cycle.index(min(cycle))
                cycles.add(tuple(cycle[start:] + cycle[:start]))
            elif len(path) < len(facts.bodies) + 1:
                walk(up, [*path, up])

    for body in sorted(lines):
        walk(body, [body])
    return [
        (list(cycle), "reporting lines go round in a circle: " + " -> ".join([*cycle, cycle[0]]))
        for cycle in sorted(cycles)
    ]


@rule(
    "chair.one",
    Severity.ERROR,
    "Every results group and theme group has exactly one chair (co-chairs aside).",
    "000",
    "The United Nations entity chairing a Results Group will be responsible for providing "
    "necessary secretariat support",
)
def chair_one(facts: CountryFacts, options: Options) -> list[Problem]:
    problems: list[Problem] = []
    for body in facts.of_kind(*CHAIRED_GROUPS):
        chairs = sorted(
            {s.other for s in facts.seats_on(options.as_of, body) if s.role is MemberRole.CHAIR}
        )
        if len(chairs) != 1:
            said = ", ".join(chairs) if chairs else "no one"
            problems.append(
                ([body, *chairs], f"{body} has {len(chairs)} chairs on {options.as_of}: {said}")
            )
    return problems


@rule(
    "chair.distinct",
    Severity.WARNING,
    "A body's chair and its vice- or co-chair come from different agencies.",
    "004",
    "the co-chair being at the senior management level of an agency other than the agency "
    "of the chair",
)
def chair_distinct(facts: CountryFacts, options: Options) -> list[Problem]:
    roles: dict[tuple[str, str], set[MemberRole]] = defaultdict(set)
    for seat in facts.seats_on(options.as_of):
        if seat.role is not None:
            roles[(seat.body, seat.other)].add(seat.role)
    return [
        ([body, member], f"{member} is both chair and deputy chair of {body}")
        for (body, member), held in sorted(roles.items())
        if MemberRole.CHAIR in held and held.intersection(DEPUTY_ROLES)
    ]


@rule(
    "chair.lapsed",
    Severity.WARNING,
    "A chair's term that has ended is followed by another chair's from the next day.",
    "000",
    "The decision to rotate the chair/co-chair during the One Programme cycle has to be "
    "taken at the UNCT level",
)
def chair_lapsed(facts: CountryFacts, options: Options) -> list[Problem]:
    chairs = [s for s in facts.seats if s.role is MemberRole.CHAIR]
    problems: list[Problem] = []
    for term in chairs:
        if term.until is None or term.until >= options.as_of:
            continue
        next_day = term.until + timedelta(days=1)
        if not any(s.body == term.body and s.valid_on(next_day) for s in chairs):
            problems.append(
                (
                    [term.body, term.other],
                    f"{term.other}'s term as chair of {term.body} ended on {term.until} "
                    "and no chair follows",
                )
            )
    return problems


@rule(
    "member.present",
    Severity.WARNING,
    "The agencies sitting in a country's bodies are present in the country.",
    "002",
    "Composed of heads of all resident and non-resident UN agencies, funds and programmes",
)
def member_present(facts: CountryFacts, options: Options) -> list[Problem]:
    bodies: dict[str, set[str]] = defaultdict(set)
    for seat in facts.seats_on(options.as_of):
        if seat.is_agency and seat.other not in facts.present:
            bodies[seat.other].add(seat.body)
    return [
        (
            [agency, *sorted(where)],
            f"{agency} sits in {', '.join(sorted(where))} but is not present in {facts.iso3}",
        )
        for agency, where in sorted(bodies.items())
    ]


@rule(
    "omt.exists",
    Severity.ERROR,
    "The country has an Operations Management Team (Operating as One).",
    "002",
    "UNCT members are invited to join the country-level Operations Management Team (OMT)",
)
def omt_exists(facts: CountryFacts, options: Options) -> list[Problem]:
    return _missing(facts, K.OPERATIONS_MANAGEMENT_TEAM, "Operations Management Team")


@rule(
    "omt.task-forces",
    Severity.WARNING,
    "Task forces report to the Operations Management Team.",
    "004",
    "The OMT has different Task Forces working on specific Business Operations "
    "Harmonization initiatives",
)
def omt_task_forces(facts: CountryFacts, options: Options) -> list[Problem] | None:
    omts = facts.of_kind(K.OPERATIONS_MANAGEMENT_TEAM)
    if not omts:
        return None  # omt.exists says it
    lines = facts.reports_on(options.as_of)
    return [
        ([omt], f"no task force reports to {omt} on {options.as_of}")
        for omt in omts
        if not any(facts.bodies[b] is K.TASK_FORCE and omt in ups for b, ups in lines.items())
    ]


@rule(
    "communication.exists",
    Severity.WARNING,
    "The country has a communication group (Communicating as One).",
    "001",
    "Communicating as One ensures coherent messaging from the UN.",
)
def communication_exists(facts: CountryFacts, options: Options) -> list[Problem]:
    return _missing(facts, K.COMMUNICATION_GROUP, "communication group")


@rule(
    "monitoring.exists",
    Severity.WARNING,
    "The country has a joint monitoring and evaluation group.",
    "004",
    "represents the OMT in the joint M&E group",
)
def monitoring_exists(facts: CountryFacts, options: Options) -> list[Problem]:
    return _missing(facts, K.MONITORING_EVALUATION_GROUP, "monitoring and evaluation group")
