"""Does the peer state the same facts as unct-graph? Each answer is reduced to the
fact tuples of bench/facts.py, per question, and the two lists compared.

The peer's answers have their own shape (@neo4j/graphql's generated lists,
@cypher fields for paths: bench/peer/README.md), so only their facts can be
compared: the same outcomes with the same contributors by each path and the
same SDG goals; the same body, chair, members with their roles and dates, and
reporting line in order; the same goal coverage; the same memberships. A
question whose facts differ is reported with a few of the differing facts and
left out of the peer's figures: a quicker answer to another question is no
comparison.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from bench.facts import SIDES, Facts, Json, text

# How many differing facts of each side the results keep, to show what differs.
SHOWN = 5


def _sorted(found: Facts) -> Facts:
    return sorted(found, key=repr)


# --- unct-graph's answers: bench/facts.py's reading, and the chair ---
def _chair(chair: Json | None) -> Facts:
    return [] if chair is None else [("CHAIR", chair["id"], chair["name"])]


def unct_graph(name: str, answer: Json) -> Facts:
    """The facts of unct-graph's answer to question `name`."""
    data = answer["data"]
    found = SIDES[name][0](data)
    if name == "body":
        found = _sorted([*found, *_chair(data["body"]["chair"])])
    return found


# --- the peer's answers (bench/peer/queries/*.graphql) ---
def _outcomes(data: Json) -> Facts:
    found: Facts = []
    for o in data["outcomes"]:
        found.append((o["id"], "OUTCOME", o["code"], o["title"]))
        for field, via in _PATHS.items():
            found += [(o["id"], via, a["id"], a["name"]) for a in o[field]]
        found += [(o["id"], "SDG_GOAL", g["code"], g["title"]) for g in o["sdgGoals"]]
    return _sorted(found)


_PATHS = {
    "direct": "DIRECT",
    "viaResultsGroup": "RESULTS_GROUP",
    "viaJointProgramme": "JOINT_PROGRAMME",
}


def _seat(seat: Json) -> tuple[Any, ...]:
    who = seat["agency"] or seat["partner"] or {}
    return (seat["role"], text(seat["since"]), text(seat["until"]), who.get("id"), who.get("name"))


def _body(data: Json) -> Facts:
    found: Facts = []
    for body in data["bodies"]:
        found.append(("BODY", body["id"], body["name"], body["kind"]))
        found += _chair(body["chair"])
        found += [("MEMBER", *_seat(m)) for m in body["members"]]
        found += [
            ("LINE", i, b["id"], b["name"], b["kind"]) for i, b in enumerate(body["reportingLine"])
        ]
    return _sorted(found)


def _memberships(data: Json) -> Facts:
    found: Facts = []
    for agency in data["agencies"]:
        for m in agency["memberships"]:
            body, country = m["body"], m["body"]["country"] or {}
            found.append((
                agency["id"], agency["name"], m["role"], text(m["since"]), text(m["until"]),
                body["id"], body["name"], body["kind"], country.get("iso3"), country.get("name"),
            ))  # fmt: skip
    return _sorted(found)


def _nested(data: Json) -> Facts:
    found: Facts = []
    for country in data["countries"]:
        found.append(("COUNTRY", country["iso3"], country["name"]))
        for b in country["bodies"]:
            found.append(("BODY", b["id"], b["name"], b["kind"]))
            for m in b["members"]:
                agency = m["agency"] or {}
                found.append(("MEMBER", b["id"], m["role"], agency.get("id"), agency.get("name")))
    return _sorted(found)


PEER: dict[str, Callable[[Json], Facts]] = {
    "outcomes": _outcomes,
    "body": _body,
    "coverage": SIDES["coverage"][0],  # the peer answers coverage in unct-graph's shape
    "memberships": _memberships,
    "nested": _nested,
}


def peer(name: str, answer: Json) -> Facts:
    """The facts of the peer's answer to question `name`."""
    return PEER[name](answer["data"])


def compare(name: str, ours: Json, theirs: Json) -> dict[str, Any]:
    """{"same_facts", "facts"} and, when they differ, a few facts only one side states.

    Facts are counted, not only collected: a member listed twice is two facts.
    """
    mine, peers = Counter(unct_graph(name, ours)), Counter(peer(name, theirs))
    agreement: dict[str, Any] = {"same_facts": mine == peers, "facts": sum(mine.values())}
    if mine != peers:
        agreement["only_unct_graph"] = _shown(mine - peers)
        agreement["only_peer"] = _shown(peers - mine)
    return agreement


def _shown(extra: Counter[tuple[Any, ...]]) -> list[list[Any]]:
    return [list(fact) for fact in sorted(extra.elements(), key=repr)[:SHOWN]]
