"""Country packs -> a GraphBatch, every reference resolved or reported by line."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from graph.batch import GraphBatch
from graph.model import NodeKind, RelKind
from graph.repository import Graph
from loaders.agencies import AgencyDirectory
from loaders.pack_model import CountryPack
from loaders.problems import ProblemList
from loaders.report import LoadReport
from loaders.yaml_lines import InvalidValue, LineMap, Location, load_with_lines

N, R = NodeKind, RelKind


def parse(path: Path) -> tuple[CountryPack, LineMap]:
    """Read and validate the shape of a pack; LoadError names file, line and field."""
    problems = ProblemList(path)
    try:
        text = path.read_text(encoding="utf-8")
        if path.suffix.lower() == ".json":
            json.loads(text)  # strict JSON first: YAML would accept what JSON does not
        data, lines = load_with_lines(text)
    except (OSError, UnicodeDecodeError) as e:
        problems.add(1, f"cannot read: {e}")
        problems.raise_if_any()
        raise AssertionError from e
    except json.JSONDecodeError as e:
        problems.add(e.lineno, f"invalid JSON: {e.msg}")
        problems.raise_if_any()
        raise AssertionError from e
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        message = e.problem if isinstance(e, InvalidValue) else f"invalid YAML: {e.problem or e}"
        problems.add(mark.line + 1 if mark else 1, str(message))
        problems.raise_if_any()
        raise AssertionError from e
    try:
        return CountryPack.model_validate(data), lines
    except ValidationError as e:
        for error in e.errors():
            location: Location = tuple(error["loc"])
            field = ".".join(str(part) for part in location) or "(top level)"
            problems.add(lines.line(location), f"{field}: {_message(error)}")
        problems.raise_if_any()
        raise AssertionError from e


def _message(error: Any) -> str:
    message = str(error["msg"])
    if error["type"] == "extra_forbidden":
        return "unknown key"
    if error["type"] == "string_type" and isinstance(error.get("input"), int | float):
        return f'{message} (write codes in quotes, e.g. "{error["input"]}")'
    if error["type"] == "enum":
        expected = error.get("ctx", {}).get("expected", "")
        return f"unknown value {error.get('input')!r}; expected {expected}"
    return message


async def build(path: Path, graph: Graph) -> tuple[GraphBatch, LoadReport]:
    pack, lines = parse(path)
    problems = ProblemList(path)
    report = LoadReport(str(path), "country pack")
    batch = GraphBatch()
    iso3 = pack.country.iso3
    country = (N.COUNTRY, iso3)
    batch.node(N.COUNTRY, iso3, iso3=iso3, name=pack.country.name, multiCountry=False)

    def at(*location: str | int) -> int:
        return lines.line(location)

    def check_unique(kind: str, ids: Iterable[tuple[str, Location]]) -> None:
        seen: set[str] = set()
        for item_id, location in ids:
            if item_id in seen:
                problems.add(lines.line(location), f"{kind} id {item_id!r} is defined twice")
            seen.add(item_id)

    check_unique("body", ((b.id, ("bodies", i, "id")) for i, b in enumerate(pack.bodies)))
    check_unique("outcome", ((o.id, ("outcomes", i, "id")) for i, o in enumerate(pack.outcomes)))
    check_unique("partner", ((p.id, ("partners", i, "id")) for i, p in enumerate(pack.partners)))
    check_unique(
        "joint programme",
        ((j.id, ("joint_programmes", i, "id")) for i, j in enumerate(pack.joint_programmes)),
    )

    # What the store already holds, for references the pack does not define.
    body_ids = {b.id for b in pack.bodies}
    outcome_ids = {o.id for o in pack.outcomes}
    partner_ids = {p.id for p in pack.partners}
    known_bodies = body_ids | await graph.existing(
        N.BODY, (r.body for b in pack.bodies for r in b.reporting_lines())
    )
    referenced_outcomes = [o for b in pack.bodies for o in b.outcomes]
    referenced_outcomes += [o for j in pack.joint_programmes for o in j.outcomes]
    known_outcomes = outcome_ids | await graph.existing(N.OUTCOME, referenced_outcomes)
    known_partners = partner_ids | await graph.existing(
        N.PARTNER, (m.partner for b in pack.bodies for m in b.members if m.partner)
    )
    sdg_targets, sdg_goals = await graph.sdg_codes()
    directory = await AgencyDirectory.from_store(graph)

    def agency(name: str, line: int) -> str | None:
        resolved = directory.resolve(name)
        if resolved is None:
            problems.add(
                line,
                f"unknown agency {name!r} (not a UN entity id or alias; "
                "to add it, list it under agencies with a name)",
            )
            return None
        report.map("agency", name, resolved)
        batch.edge(R.PRESENT_IN, (N.AGENCY, resolved), country)
        return resolved

    def sdgs(
        source: tuple[NodeKind, str], targets: list[str], goals: list[str], where: Location
    ) -> None:
        for i, code in enumerate(targets):
            if code not in sdg_targets:
                problems.add(lines.line((*where, "sdg_targets", i)), f"unknown SDG target {code!r}")
            else:
                batch.edge(R.ALIGNED_WITH, source, (N.SDG_TARGET, code))
        for i, code in enumerate(goals):
            if code not in sdg_goals:
                problems.add(lines.line((*where, "sdg_goals", i)), f"unknown SDG goal {code!r}")
            else:
                batch.edge(R.ALIGNED_WITH, source, (N.SDG_GOAL, code))

    # Agencies first: a presence entry may create an agency the others refer to.
    for i, presence in enumerate(pack.agencies):
        if directory.resolve(presence.id) is None and presence.name:
            directory.add(batch, presence.id, presence.name)
            report.created.add(f"agency {presence.id!r} ({presence.name})")
        agency_id = agency(presence.id, at("agencies", i, "id"))
        if agency_id:
            batch.edge(R.PRESENT_IN, (N.AGENCY, agency_id), country, resident=presence.resident)

    framework = pack.framework
    if framework:
        batch.node(
            N.FRAMEWORK,
            framework.id,
            title=framework.title,
            country=iso3,
            startYear=framework.start_year,
            endYear=framework.end_year,
            source=framework.source,
        )
        batch.edge(R.PART_OF, (N.FRAMEWORK, framework.id), country)

    for partner in pack.partners:
        batch.node(
            N.PARTNER,
            partner.id,
            name=partner.name,
            type=partner.type.value,
            country=iso3,
            source=partner.source,
        )

    for i, outcome in enumerate(pack.outcomes):
        where: Location = ("outcomes", i)
        if framework is None:
            problems.add(at("outcomes", i), "outcomes need the pack's `framework`")
            continue
        node = (N.OUTCOME, outcome.id)
        batch.node(
            N.OUTCOME,
            outcome.id,
            code=outcome.code,
            title=outcome.title,
            description=outcome.description,
            source=outcome.source,
            framework=framework.id,
            country=iso3,
        )
        batch.edge(R.PART_OF, node, (N.FRAMEWORK, framework.id))
        sdgs(node, outcome.sdg_targets, outcome.sdg_goals, where)
        for j, name in enumerate(outcome.contributors):
            agency_id = agency(name, at("outcomes", i, "contributors", j))
            if agency_id:
                batch.edge(R.CONTRIBUTES_TO, (N.AGENCY, agency_id), node)

    for i, body in enumerate(pack.bodies):
        node = (N.BODY, body.id)
        batch.node(
            N.BODY,
            body.id,
            name=body.name,
            kind=body.kind.value,
            country=iso3,
            description=body.description,
            source=body.source,
        )
        for j, line in enumerate(body.reporting_lines()):
            if line.body not in known_bodies:
                problems.add(at("bodies", i, "reports_to", j), f"unknown body {line.body!r}")
            elif line.body == body.id:
                problems.add(at("bodies", i, "reports_to", j), "a body cannot report to itself")
            else:
                key = line.since.isoformat() if line.since else ""
                batch.edge(
                    R.REPORTS_TO,
                    node,
                    (N.BODY, line.body),
                    key,
                    since=line.since,
                    until=line.until,
                    source=line.source,
                )
        for j, member in enumerate(body.members):
            member_line = at("bodies", i, "members", j)
            if member.agency is not None:
                agency_id = agency(member.agency, member_line)
                if agency_id is None:
                    continue
                source = (N.AGENCY, agency_id)
            else:
                assert member.partner is not None
                if member.partner not in known_partners:
                    problems.add(member_line, f"unknown partner {member.partner!r}")
                    continue
                source = (N.PARTNER, member.partner)
            key = f"{member.role.value}|{member.since.isoformat() if member.since else ''}"
            batch.edge(
                R.MEMBER_OF,
                source,
                node,
                key,
                role=member.role.value,
                since=member.since,
                until=member.until,
                source=member.source,
            )
        for j, outcome_id in enumerate(body.outcomes):
            if outcome_id not in known_outcomes:
                problems.add(at("bodies", i, "outcomes", j), f"unknown outcome {outcome_id!r}")
            else:
                batch.edge(R.COVERS, node, (N.OUTCOME, outcome_id))

    for i, programme in enumerate(pack.joint_programmes):
        node = (N.JOINT_PROGRAMME, programme.id)
        batch.node(
            N.JOINT_PROGRAMME,
            programme.id,
            title=programme.title,
            country=iso3,
            startDate=programme.start,
            endDate=programme.end,
            budget=programme.budget,
            source=programme.source,
        )
        for j, participant in enumerate(programme.agencies):
            agency_id = agency(participant.agency, at("joint_programmes", i, "agencies", j))
            if agency_id:
                batch.edge(
                    R.PARTICIPATES_IN, (N.AGENCY, agency_id), node, role=participant.role.value
                )
        for j, outcome_id in enumerate(programme.outcomes):
            if outcome_id not in known_outcomes:
                problems.add(
                    at("joint_programmes", i, "outcomes", j), f"unknown outcome {outcome_id!r}"
                )
            else:
                batch.edge(R.COVERS, node, (N.OUTCOME, outcome_id))
        sdgs(node, programme.sdg_targets, programme.sdg_goals, ("joint_programmes", i))

    problems.raise_if_any()
    report.rows = len(pack.bodies) + len(pack.outcomes) + len(pack.joint_programmes)
    report.counts.update(
        bodies=len(pack.bodies),
        outcomes=len(pack.outcomes),
        partners=len(pack.partners),
        **{"joint programmes": len(pack.joint_programmes)},
    )
    return batch, report
