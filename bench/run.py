"""`make bench`: load, serve and measure unct-graph on each store; write
bench/results.json and print the table. The method is in bench/README.md.

    python -m bench.run [--scale small|full] [--store embedded|neo4j|both]

Per store, in order: a fresh store; the data set loaded with the CLI; the raw
Cypher ceiling in this process; `unct-graph serve` checked and measured with
wrk. After the first store, the floor (its answers captured from that
store). With Neo4j, the peer when it is there. Exit status 1 only when the
bench itself failed: a question errored, a server did not start, a load was
refused; figures are reported, never judged.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import httpx2 as httpx

from bench import ceiling, cypher, data, facts, load, over_http, peer, report
from bench.cypher import STATEMENTS
from bench.neo4j_local import LocalNeo4j
from bench.process import Child, StartError
from bench.questions import NAMES, QUESTIONS
from bench.runs import Plan
from graph.errors import UnctGraphError
from graph.open import open_store
from tests.server_process import ROOT, ServerProcess, free_port

RESULTS = ROOT / "bench" / "results.json"
SEED = 7


@dataclass(frozen=True)
class Scale:
    countries: int
    plan: Plan


SCALES = {
    # small fits in 5 minutes on two cores with both stores and the peer: 2 s
    # runs, and the in-process ceiling in one round.
    "small": Scale(10, Plan(seconds=2, rounds=2, warmup=1, ceiling_rounds=1, ceiling_seconds=1)),
    "full": Scale(130, Plan(seconds=10, rounds=3, warmup=2, ceiling_rounds=3)),
}
STORES = {"embedded": ["embedded"], "neo4j": ["neo4j"], "both": ["embedded", "neo4j"]}


# The questions ask for every item (UNDP's memberships in all 130 countries are
# about 1,900): served with the default cap on plain lists (1,000) the answer
# would be cut, and not the same question as the raw Cypher's and the peer's.
SERVING = {"UNCT_GRAPH_MAX_LIST": "5000"}


class BenchError(RuntimeError):
    """The bench could not measure what it set out to."""


@dataclass
class Context:
    dataset: data.DataSet
    variables: data.Variables
    plan: Plan
    scratch: Path
    bodies: dict[str, dict[str, Any]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=SCALES, default="small")
    parser.add_argument("--store", choices=STORES, default="both")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--seconds", type=int, help="each run's length (default: the scale's)")
    parser.add_argument("--rounds", type=int, help="rounds of runs (default: the scale's)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument(
        "--questions", help=f"comma-separated, of {', '.join(NAMES)} (default: all)"
    )
    args = parser.parse_args(argv)
    if args.questions:
        _only(args.questions.split(","))
    scale = SCALES[args.scale]
    plan = dataclasses.replace(
        scale.plan,
        seconds=args.seconds or scale.plan.seconds,
        rounds=args.rounds or scale.plan.rounds,
        ceiling_rounds=args.rounds or scale.plan.ceiling_rounds,
    )
    results = _start(args.scale, args.seed, plan)
    started = time.perf_counter()
    status = 0
    try:
        _bench(results, args, scale, plan)
    except (BenchError, StartError, load.LoadError, over_http.QuestionError, UnctGraphError,
            FileNotFoundError, subprocess.CalledProcessError, httpx.HTTPError) as e:  # fmt: skip
        results["error"] = str(e)
        print(f"bench failed: {e}", file=sys.stderr)
        status = 1
    results["seconds"] = round(time.perf_counter() - started, 1)
    results["load_average"]["after"] = report.load_average()
    results["ratios"] = report.ratios(results)
    args.out.write_text(json.dumps(results, indent=2, default=str) + "\n")
    if "dataset" in results:
        print(report.table(results))
    print(f"\nwrote {args.out} ({results['seconds']} s)")
    return status or _failed_runs(results)


def _only(names: list[str]) -> None:
    """Measures only these questions: every part of the bench reads the one list."""
    unknown = set(names) - set(NAMES)
    if unknown:
        raise SystemExit(f"unknown questions {sorted(unknown)} (known: {', '.join(NAMES)})")
    QUESTIONS[:] = [q for q in QUESTIONS if q.name in names]
    for name in set(STATEMENTS) - set(names):
        del STATEMENTS[name]


def _start(scale: str, seed: int, plan: Plan) -> dict[str, Any]:
    return {
        "schema": report.SCHEMA_VERSION,
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": report.machine(),
        "load_average": {"before": report.load_average()},
        "scale": scale,
        "seed": seed,
        "plan": asdict(plan) | {"clients": [1, 16]},
        "questions": [q.name for q in QUESTIONS],
        "stores": {},
    }


def _say(text: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {text}", flush=True)


def _bench(results: dict[str, Any], args: argparse.Namespace, scale: Scale, plan: Plan) -> None:
    _say(f"data: {scale.countries} countries, seed {args.seed}")
    dataset = data.prepare(args.scale, scale.countries, args.seed)
    variables = data.choose(dataset)
    results["dataset"] = {
        "countries": scale.countries,
        "folder": str(dataset.folder.relative_to(ROOT)),
        "packs": len(dataset.packs),
        "exports": len(dataset.exports),
        "bytes": dataset.size(),
        "variables": asdict(variables) | {"asOf": date.today().isoformat()},
    }
    bodies = {q.name: q.body(variables) for q in QUESTIONS}
    if "neo4j" not in STORES[args.store]:
        results["peer"] = {"status": "skipped", "reason": "no Neo4j in this run", "questions": {}}
    with tempfile.TemporaryDirectory(prefix="unct-graph-bench-") as scratch:
        context = Context(dataset, variables, plan, Path(scratch), bodies)
        first: dict[str, Any] | None = None
        for store in STORES[args.store]:
            figures, answers = _bench_store(store, context, results)
            results["stores"][store] = figures
            if first is None:
                first = answers
                _say("floor: strawberry + uvicorn alone, with the answers captured")
                results["floor"] = _floor(answers, context)
            else:
                figures["same_answers_as_first_store"] = {
                    name: answers[name]["answer"]["data"] == first[name]["answer"]["data"]
                    for name in answers
                }


@contextlib.contextmanager
def _store(kind: str, scratch: Path) -> Iterator[tuple[dict[str, str], LocalNeo4j | None]]:
    """A fresh, empty store: the env naming it, and the Neo4j server when there is one."""
    if kind == "embedded":
        yield {"UNCT_GRAPH_STORE": f"embedded:{scratch / 'embedded' / 'graph.lbug'}"}, None
        return
    _say("neo4j: starting a fresh local Neo4j")
    with LocalNeo4j(scratch) as neo4j:
        yield neo4j.env(), neo4j


def _bench_store(
    kind: str, context: Context, results: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    figures: dict[str, Any] = {}
    with _store(kind, context.scratch) as (env, neo4j):
        _say(f"{kind}: loading {len(context.dataset.files())} files")
        server_cpu = neo4j.child.cpu_seconds if neo4j and neo4j.child else None
        scratch = context.scratch / f"load-{kind}"
        scratch.mkdir()
        figures["load"] = load.load(context.dataset, env, scratch, server_cpu)
        _say(f"{kind}: raw Cypher in process")
        rows, figures["cypher"] = asyncio.run(_ceiling(env, context))
        _say(f"{kind}: unct-graph serve, measured with wrk")
        answers = _serve(kind, env, context, figures)
        for name, entry in figures["cypher"].items():
            entry["rows"] = len(rows[name])
            entry["same_facts"] = facts.compare(name, answers[name]["answer"], rows[name])
            if not entry["same_facts"]:
                _say(f"warning: {kind}: the raw Cypher of {name} does not return its facts")
        if neo4j is not None:
            _say("peer: @neo4j/graphql on Apollo, when it is there")
            results["peer"] = peer.measure(
                env, context.variables, context.plan, context.scratch, answers
            )
            for name, entry in results["peer"]["questions"].items():
                if "error" in entry or not entry["same_facts"]:
                    _say(f"warning: peer: {name} left out: {entry.get('error') or _differ(entry)}")
    return figures, answers


def _differ(entry: dict[str, Any]) -> str:
    return (
        f"its facts differ from unct-graph's (only unct-graph: {entry['only_unct_graph']}; "
        f"only the peer: {entry['only_peer']})"
    )


async def _ceiling(
    env: dict[str, str], context: Context
) -> tuple[dict[str, ceiling.Rows], dict[str, Any]]:
    store = open_store(load.settings_for(env))
    try:
        params = cypher.parameters(context.variables, date.today())
        rows = await ceiling.first_rows(store, params)
        return rows, await ceiling.run_all(store, params, context.plan)
    finally:
        await store.close()


@contextlib.contextmanager
def _serving(kind: str, env: dict[str, str], log: Path) -> Iterator[ServerProcess]:
    """`unct-graph serve` over the store, stopped however the block ends."""
    server = ServerProcess(env["UNCT_GRAPH_STORE"], {**env, **SERVING}, log=log)
    try:
        server.__enter__()
    except (AssertionError, RuntimeError) as e:
        server.__exit__()
        raise StartError(f"unct-graph serve on {kind} did not start: {e}") from e
    try:
        yield server
    finally:
        server.__exit__()


def _serve(
    kind: str, env: dict[str, str], context: Context, figures: dict[str, Any]
) -> dict[str, Any]:
    """Check the questions, then measure them; unct-graph's answers, for the floor."""
    with _serving(kind, env, context.scratch / f"serve-{kind}.log") as server:
        url = f"{server.url}/graphql"
        answers = over_http.check(url, context.bodies)
        figures["server_rss_mib"] = {"start": round(server.rss() / 2**20, 1)}
        runs = over_http.measure_all(url, context.bodies, context.plan, metrics_of=server.url)
        figures["server_rss_mib"]["end"] = round(server.rss() / 2**20, 1)
    figures["graphql"] = {
        name: {
            "bytes": answers[name]["bytes"],
            "cost": (answers[name]["answer"].get("extensions") or {}).get("cost"),
            "clients": runs[name],
        }
        for name in answers
    }
    return answers


def _floor(answers: dict[str, Any], context: Context) -> dict[str, Any]:
    """The floor, serving unct-graph's answers: checked to be the same JSON, then measured."""
    captured = context.scratch / "answers.json"
    captured.write_text(json.dumps({q.operation: answers[q.name]["answer"] for q in QUESTIONS}))
    port = free_port()
    argv = [sys.executable, "-m", "bench.floor", "--answers", str(captured), "--port", str(port)]
    url = f"http://127.0.0.1:{port}/graphql"
    with Child(argv, {}, context.scratch / "floor.log", cwd=ROOT) as floor:
        floor.wait_for_http(url, context.bodies[QUESTIONS[0].name], timeout=60)
        checked = over_http.check(url, context.bodies)
        for name, check in checked.items():
            if check["answer"] != answers[name]["answer"]:
                raise BenchError(f"the floor's answer to {name} is not unct-graph's")
        runs = over_http.measure_all(url, context.bodies, context.plan)
    return {name: {"bytes": checked[name]["bytes"], "clients": runs[name]} for name in checked}


def _failed_runs(results: dict[str, Any]) -> int:
    """1 when any measured answer of unct-graph, the raw Cypher or the floor was an error."""
    failed = []
    sections = [
        (f"{store} {part}", figures.get(part) or {})
        for store, figures in results["stores"].items()
        for part in ("graphql", "cypher")
    ]
    sections.append(("floor", results.get("floor") or {}))
    for label, section in sections:
        for question, entry in section.items():
            for clients, run in (entry.get("clients") or {}).items():
                bad = run["errors"] + run["non_2xx"] + run["socket_errors"]
                if bad:
                    failed.append(f"{label} {question} at {clients}: {bad} failed answers")
    for line in failed:
        print(f"bench failed: {line}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
