"""Writing a country's structure as a country pack (the native YAML format).

Every item that takes a `source` says it is illustrative and generated, so
the graph never presents generated facts as documented or as real data.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import yaml

from loaders.synthetic.bodies import Body, Line
from loaders.synthetic.programmes import JointProgramme
from loaders.synthetic.results import Outcome, Plan
from loaders.synthetic.seats import Seat
from loaders.synthetic.structure import Post, Structure

Entry = dict[str, Any]


class _Dumper(yaml.SafeDumper):
    """Writes every value where it is, never as an alias (`&id001`) to an earlier one."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def evidence(seed: int) -> str:
    return f"illustrative: generated (seed {seed})"


def _dated(entry: Entry, since: date | None, until: date | None) -> Entry:
    if since:
        entry["since"] = since
    if until:
        entry["until"] = until
    return entry


def _line(line: Line, source: str) -> Entry:
    return {"body": line.body, **_dated({}, line.since, line.until), "source": source}


def _seat(seat: Seat, source: str) -> Entry:
    entry: Entry = {"agency": seat.agency} if seat.agency else {"partner": seat.partner}
    if seat.role.value != "MEMBER":
        entry["role"] = seat.role.value
    return {**_dated(entry, seat.since, seat.until), "source": source}


def _body(body: Body, post: Post, source: str) -> Entry:
    entry: Entry = {"id": body.id, "kind": body.kind.value, "name": body.name, "source": source}
    if body.reports_to:
        entry["reports_to"] = [_line(line, source) for line in body.reports_to]
    entry["members"] = [_seat(seat, source) for seat in body.seats]
    if body.outcomes:
        entry["outcomes"] = list(body.outcomes)
        entry["accountable_to"] = [
            {"post": post.id, "kind": kind, "source": source}
            for kind in ("ANNUAL_REPORT", "APPRAISAL")
        ]
    return entry


def _outcome(outcome: Outcome, source: str) -> Entry:
    return {
        "id": outcome.id,
        "code": outcome.code,
        "title": outcome.title,
        "source": source,
        "sdg_targets": outcome.main_targets(),
        "sdg_goals": [outcome.theme.goals[0]],
    }


def _programme(programme: JointProgramme, source: str) -> Entry:
    return {
        "id": programme.id,
        "title": programme.title,
        "start": programme.start,
        "end": programme.end,
        "budget": programme.budget,
        "source": source,
        "agencies": [
            {"agency": programme.convening, "role": "CONVENING"},
            *({"agency": a} for a in programme.participating),
        ],
        "outcomes": list(programme.outcomes),
        "sdg_targets": list(programme.targets),
    }


def _post(post: Post, source: str) -> Entry:
    return {
        "id": post.id,
        "kind": "RESIDENT_COORDINATOR",
        "title": post.title,
        "source": source,
        "leads": [{"body": post.leads, "since": post.since, "source": source}],
        "holders": [_dated({}, h.since, h.until) | {"source": source} for h in post.holders],
    }


def content(plan: Plan, structure: Structure, seed: int) -> Entry:
    """The pack as data, in the order the README documents its sections."""
    source = evidence(seed)
    country, framework = plan.country, plan.framework
    return {
        "country": {"iso3": country.iso3, "name": country.name},
        "framework": {
            "id": framework.id,
            "title": framework.title,
            "start_year": framework.start,
            "end_year": framework.end,
            "uninfo_plan": framework.plan,
            "source": source,
        },
        "agencies": [{"id": a.id, "resident": a.resident} for a in country.agencies],
        "partners": [
            {"id": p.id, "name": p.name, "type": p.type.value, "source": source}
            for p in structure.partners
        ],
        "bodies": [_body(b, structure.post, source) for b in structure.bodies],
        "outcomes": [_outcome(o, source) for o in plan.outcomes],
        "joint_programmes": [_programme(p, source) for p in structure.programmes],
        "posts": [_post(structure.post, source)],
    }


def text(plan: Plan, structure: Structure, seed: int) -> str:
    country = plan.country
    heading = (
        f"# {country.name} ({country.iso3}): a generated country pack (unct-graph generate, "
        f"seed {seed}).\n# Illustrative data for benchmarks and tests, not the country's "
        "real coordination structure.\n"
    )
    # Leaf entries in flow style, one per line, as the demo packs write them.
    body = yaml.dump(
        content(plan, structure, seed),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=None,
        width=1000,
    )
    return heading + body
