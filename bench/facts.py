"""Do the raw Cypher statements return the facts unct-graph answers? Each side is
reduced to the same sorted list of fact tuples, per question.

The ceiling is only a ceiling of the same question: a statement that drops a
path or a filter would be quicker for the wrong reason, so the bench says
which questions' facts differ.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Facts = list[tuple[Any, ...]]
Json = dict[str, Any]
Rows = list[dict[str, Any]]


def text(value: Any) -> str | None:
    """Dates come back as dates from the stores and as ISO text from GraphQL."""
    return None if value is None else str(value)


def _outcomes(data: Json) -> Facts:
    facts: Facts = []
    for o in data["outcomes"]:
        facts.append((o["id"], "OUTCOME", o["code"], o["title"]))
        for c in o["contributors"]:
            agency = c["agency"]
            facts += [(o["id"], via, agency["id"], agency["name"]) for via in c["via"]]
        facts += [(o["id"], "SDG_GOAL", g["code"], g["title"]) for g in o["sdgGoals"]]
    return sorted(facts, key=repr)


_PATHS = {
    "direct": "DIRECT",
    "viaResultsGroup": "RESULTS_GROUP",
    "viaJointProgramme": "JOINT_PROGRAMME",
}


def _outcome_rows(rows: Rows) -> Facts:
    """LadybugDB's rows are a fact each; Neo4j's an outcome each, with lists."""
    if rows and "part" in rows[0]:
        return sorted(((r["outcome"], r["part"], r["key"], r["value"]) for r in rows), key=repr)
    facts: Facts = []
    for r in rows:
        facts.append((r["id"], "OUTCOME", r["code"], r["title"]))
        for column, via in _PATHS.items():
            facts += [(r["id"], via, a["id"], a["name"]) for a in r[column]]
        facts += [(r["id"], "SDG_GOAL", g["code"], g["title"]) for g in r["sdgGoals"]]
    return sorted(facts, key=repr)


def _member(m: Json) -> tuple[Any, ...]:
    who = m["agency"] or m["partner"]
    return (m["role"], text(m["since"]), text(m["until"]), who["id"], who["name"])


def _body(data: Json) -> Facts:
    body, line = data["body"], data["reportingLine"]
    facts: Facts = [("BODY", body["id"], body["name"], body["kind"])]
    facts += [("MEMBER", *_member(m)) for m in body["members"]]
    facts += [("LINE", i, b["id"], b["name"], b["kind"]) for i, b in enumerate(line)]
    return sorted(facts, key=repr)


def _body_rows(rows: Rows) -> Facts:
    (row,) = rows
    facts: Facts = [("BODY", row["id"], row["name"], row["kind"])]
    facts += [
        ("MEMBER", m["role"], text(m["since"]), text(m["until"]), m["id"], m["name"])
        for m in row["members"]
    ]
    line = row["reportingLine"] or []
    facts += [("LINE", i, b["id"], b["name"], b["kind"]) for i, b in enumerate(line)]
    return sorted(facts, key=repr)


def _coverage(data: Json) -> Facts:
    coverage = data["sdgCoverage"]
    facts: Facts = [
        ("GOAL", g["goal"]["code"], g["goal"]["title"], o["id"], o["code"])
        for g in coverage["goals"]
        for o in g["outcomes"]
    ]
    facts += [("UNCOVERED", g["code"]) for g in coverage["uncoveredGoals"]]
    facts += [("WITHOUT_SDG", o["id"]) for o in coverage["outcomesWithoutSdg"]]
    return sorted(facts, key=repr)


def _coverage_rows(rows: Rows) -> Facts:
    facts: Facts = []
    for r in rows:
        if r["part"] == "WITHOUT_SDG":
            facts.append(("WITHOUT_SDG", r["outcome"]))
        elif r["outcome"] is None:
            facts.append(("UNCOVERED", r["code"]))
        else:
            facts.append(("GOAL", r["code"], r["title"], r["outcome"], r["outcomeCode"]))
    return sorted(facts, key=repr)


def _memberships(data: Json) -> Facts:
    agency = data["agency"]
    return sorted((
        (agency["id"], agency["name"], m["role"], text(m["since"]), text(m["until"]),
         m["body"]["id"], m["body"]["name"], m["body"]["kind"],
         (m["body"]["country"] or {}).get("iso3"), (m["body"]["country"] or {}).get("name"))
        for m in agency["memberships"]
    ), key=repr)  # fmt: skip


def _membership_rows(rows: Rows) -> Facts:
    return sorted((
        (r["id"], r["name"], r["role"], text(r["since"]), text(r["until"]), r["body"],
         r["bodyName"], r["kind"], r["iso3"], r["countryName"])
        for r in rows if r["body"] is not None
    ), key=repr)  # fmt: skip


def _nested(data: Json) -> Facts:
    country = data["country"]
    facts: Facts = [("COUNTRY", country["iso3"], country["name"])]
    for b in country["bodies"]:
        facts.append(("BODY", b["id"], b["name"], b["kind"]))
        facts += [
            ("MEMBER", b["id"], m["role"], *((m["agency"] or {}).get(k) for k in ("id", "name")))
            for m in b["members"]
        ]
    return sorted(facts, key=repr)


def _nested_rows(rows: Rows) -> Facts:
    facts: Facts = [("COUNTRY", rows[0]["iso3"], rows[0]["name"])]
    for r in rows:
        if r["id"] is None:
            continue
        facts.append(("BODY", r["id"], r["bodyName"], r["kind"]))
        facts += [
            (
                "MEMBER",
                r["id"],
                m["role"],
                *((m["id"], m["name"]) if m["isAgency"] else (None, None)),
            )
            for m in r["members"]
        ]
    return sorted(facts, key=repr)


SIDES: dict[str, tuple[Callable[[Json], Facts], Callable[[Rows], Facts]]] = {
    "outcomes": (_outcomes, _outcome_rows),
    "body": (_body, _body_rows),
    "coverage": (_coverage, _coverage_rows),
    "memberships": (_memberships, _membership_rows),
    "nested": (_nested, _nested_rows),
}


def compare(name: str, answer: Json, rows: Rows) -> bool:
    """Whether the GraphQL answer's data and the statements' rows hold the same facts."""
    from_graphql, from_rows = SIDES[name]
    return from_graphql(answer["data"]) == from_rows(rows)
