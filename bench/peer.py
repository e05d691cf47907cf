"""The optional peer: the same questions answered by @neo4j/graphql on Apollo (Node),
over the same Neo4j, measured with wrk the same way.

It lives in bench/peer/ (`server.mjs`, `queries/<question>.graphql`,
`package.json`), is started with NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD and
PORT, and prints `PEER READY http://...` when it serves. It is skipped, with
the reason in the results, when it is turned off (PEER=0), not there, Node
is missing or `npm ci` fails; a question it does not answer cleanly is
reported and left out. The peer never fails the bench.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import httpx2 as httpx

from bench import over_http, peer_check
from bench.data import Variables
from bench.process import Child, StartError
from bench.questions import QUESTIONS
from bench.runs import Plan
from tests.server_process import ROOT, free_port

FOLDER = ROOT / "bench" / "peer"
READY = "PEER READY "


def unavailable() -> str | None:
    """Why the peer cannot run here, or None when it can."""
    if os.environ.get("PEER", "1") == "0":
        return "turned off (PEER=0)"
    for name in ("server.mjs", "package.json", "queries"):
        if not (FOLDER / name).exists():
            return f"bench/peer/{name} is not on this branch"
    if shutil.which("node") is None or shutil.which("npm") is None:
        return "node or npm is not installed"
    return None


def install(log: Path) -> str | None:
    """`npm ci` when node_modules is missing or older than the lock file; why it failed."""
    lock, stamp = FOLDER / "package-lock.json", FOLDER / "node_modules" / ".package-lock.json"
    if stamp.exists() and (not lock.exists() or stamp.stat().st_mtime >= lock.stat().st_mtime):
        return None
    with log.open("wb") as out:
        done = subprocess.run(
            ["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"],
            cwd=FOLDER, stdout=out, stderr=subprocess.STDOUT, check=False,
        )  # fmt: skip
    return None if done.returncode == 0 else f"npm ci failed (exit {done.returncode}, see {log})"


def bodies(variables: Variables) -> dict[str, dict[str, Any]]:
    """The peer's version of each question it has a query file for."""
    found = {}
    for question in QUESTIONS:
        path = FOLDER / "queries" / f"{question.name}.graphql"
        if path.is_file():
            value = getattr(variables, question.variable)
            found[question.name] = {
                "query": path.read_text(),
                "variables": {question.variable: value},
            }
    return found


def measure(
    neo4j_env: dict[str, str],
    variables: Variables,
    plan: Plan,
    scratch: Path,
    answers: dict[str, dict[str, Any]],
) -> dict[str, Any]:
    """{"status": "measured"|"skipped", "reason"?, "questions": {...}}.

    `answers` are unct-graph's on the same Neo4j (over_http.check's), whose
    facts each of the peer's answers must state.
    """
    reason = unavailable() or install(scratch / "peer-npm.log")
    if reason:
        return {"status": "skipped", "reason": reason, "questions": {}}
    env = {
        "NEO4J_URI": neo4j_env["UNCT_GRAPH_STORE"],
        "NEO4J_USER": neo4j_env["NEO4J_USER"],
        "NEO4J_PASSWORD": neo4j_env["NEO4J_PASSWORD"],
        "PORT": str(free_port()),
    }
    child = Child(["node", "server.mjs"], env, scratch / "peer.log", cwd=FOLDER)
    try:
        with child:
            url = child.wait_for_line(READY, timeout=120).removeprefix(READY).strip()
            return _measure(url, bodies(variables), plan, answers)
    except StartError as e:
        return {"status": "skipped", "reason": f"did not start: {e}", "questions": {}}
    except (subprocess.CalledProcessError, httpx.HTTPError) as e:
        return {"status": "skipped", "reason": f"failed while measured: {e}", "questions": {}}


def _measure(
    url: str, asked: dict[str, dict[str, Any]], plan: Plan, answers: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    questions: dict[str, Any] = {}
    clean = {}
    for name, body in asked.items():
        try:
            checked = over_http.check(url, {name: body})[name]
        except over_http.QuestionError as e:
            questions[name] = {"error": str(e)}
            continue
        agreement = peer_check.compare(name, answers[name]["answer"], checked["answer"])
        questions[name] = {"bytes": checked["bytes"], **agreement}
        if agreement["same_facts"]:
            clean[name] = body
    for name, runs in over_http.measure_all(url, clean, plan).items():
        questions[name]["clients"] = runs
    return {"status": "measured", "url": url, "questions": questions}
