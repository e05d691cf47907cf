"""CSV tables a reviewer opens in a spreadsheet, zipped: bodies, memberships,
reporting lines, outcomes x agencies, outcomes x SDG goals, and budgets.

UTF-8 with a byte-order mark, so Excel reads accents (Türkiye, Côte d'Ivoire).
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from graph.model import NodeKind, RelKind
from graph.repository import Graph, natural_key
from graph.subgraph import Subgraph

N, R = NodeKind, RelKind
Table = tuple[list[str], Iterable[Sequence[Any]]]


def _cell(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return "" if value is None else value


def _csv(header: list[str], rows: Iterable[Sequence[Any]]) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_cell(v) for v in row] for row in rows)
    return text.getvalue().encode("utf-8-sig")


def bodies(sub: Subgraph) -> Table:
    header = ["country", "body", "name", "kind", "description", "source"]
    rows = [
        [p["country"], i, p["name"], p["kind"], p["description"], p["source"]]
        for i, p in sub.of_kind(N.BODY)
    ]
    return header, rows


def memberships(sub: Subgraph) -> Table:
    header = ["body", "member", "member_kind", "member_name", "role", "since", "until", "source"]
    rows = [
        [
            e.dst[1],
            e.src[1],
            e.src[0].value,
            sub.nodes[e.src].get("name"),
            e.props["role"],
            e.props["since"],
            e.props["until"],
            e.props["source"],
        ]
        for e in sub.edges_of(R.MEMBER_OF)
    ]
    return header, rows


def reporting_lines(sub: Subgraph) -> Table:
    header = ["body", "reports_to", "since", "until", "source"]
    rows = [
        [e.src[1], e.dst[1], e.props["since"], e.props["until"], e.props["source"]]
        for e in sub.edges_of(R.REPORTS_TO)
    ]
    return header, rows


def _outcomes(sub: Subgraph) -> list[tuple[str, dict[str, Any]]]:
    found = sub.of_kind(N.OUTCOME)
    return sorted(found, key=lambda o: (o[1]["framework"] or "", natural_key(o[1]["code"]), o[0]))


async def outcome_agencies(graph: Graph, sub: Subgraph) -> Table:
    outcomes = _outcomes(sub)
    paths = await graph.contributors([o for o, _ in outcomes])
    header = ["framework", "outcome", "code", "title", "agency", "via"]
    rows = [
        [p["framework"], o, p["code"], p["title"], c.agency["id"], "; ".join(c.paths)]
        for o, p in outcomes
        for c in paths.get(o, [])
    ]
    return header, rows


async def outcome_goals(graph: Graph, sub: Subgraph) -> Table:
    outcomes = _outcomes(sub)
    goals = await graph.sdg_goals_of_outcomes([o for o, _ in outcomes])
    header = ["framework", "outcome", "code", "title", "sdg_goal", "sdg_goal_title"]
    rows = [
        [p["framework"], o, p["code"], p["title"], goal["id"], goal["title"]]
        for o, p in outcomes
        for goal in goals.get(o, [])
    ]
    return header, rows


def budgets(sub: Subgraph) -> Table:
    """One row per sub-output and year (year blank for the totals), under its outcome."""
    parent = {e.src: e.dst for e in sub.edges_of(R.PART_OF)}
    header = ["framework", "outcome", "output", "sub_output", "code", "title", "year"]
    header += ["required", "available", "expenditure"]
    rows = []
    for sub_id, p in sub.of_kind(N.SUB_OUTPUT):
        output = parent.get((N.SUB_OUTPUT, sub_id), (N.OUTPUT, ""))
        outcome = parent.get(output, (N.OUTCOME, ""))
        first = [p["framework"], outcome[1], output[1], sub_id, p["code"], p["title"]]
        rows.append([*first, "", p["required"], p["available"], p["expenditure"]])
        yearly = zip(
            p["budgetYears"] or [],
            p["requiredByYear"] or [],
            p["availableByYear"] or [],
            p["expenditureByYear"] or [],
            strict=False,
        )
        rows += [[*first, *year] for year in yearly]
    return header, rows


async def write(graph: Graph, sub: Subgraph) -> bytes:
    """A zip of the tables, one CSV file each."""
    tables = {
        "bodies.csv": bodies(sub),
        "memberships.csv": memberships(sub),
        "reporting_lines.csv": reporting_lines(sub),
        "outcomes_agencies.csv": await outcome_agencies(graph, sub),
        "outcomes_sdg_goals.csv": await outcome_goals(graph, sub),
        "budgets.csv": budgets(sub),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, (header, rows) in tables.items():
            archive.writestr(name, _csv(header, rows))
    return buffer.getvalue()
