"""bench/results.json and the table printed at the end: the machine, the figures,
and the ratios that say where the time goes.

Ratios, per store, question and client count (null when a side is missing):
  vs_floor     unct-graph req/s / the floor's req/s (1.0 = as fast as strawberry alone)
  vs_ceiling   unct-graph req/s / the raw Cypher's req/s on that store
  vs_peer      unct-graph req/s / the peer's req/s (Neo4j only; above 1.0 = faster)
  p99_vs_floor unct-graph p99 / the floor's p99 at the same client count
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
from typing import Any

from bench.questions import NAMES
from bench.runs import CLIENTS

SCHEMA_VERSION = 1


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    return {
        "cores": os.cpu_count(),
        "cpu": _cpu_model(),
        "memory_mib": _memory_mib(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "node": _version(["node", "--version"]),
        "java": _version(["java", "-version"]),
        "wrk": _version(["wrk", "--version"]),
    }


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def _cpu_model() -> str | None:
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or None


def _memory_mib() -> int | None:
    try:
        return int(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**20)
    except (ValueError, OSError):
        return None


def _version(argv: list[str]) -> str | None:
    if shutil.which(argv[0]) is None:
        return None
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    lines = (done.stdout + done.stderr).strip().splitlines()
    return lines[0].strip() if lines else None


# --- ratios ---
def _figure(section: dict[str, Any] | None, question: str, clients: int, key: str) -> Any:
    runs = ((section or {}).get(question) or {}).get("clients") or {}
    return (runs.get(str(clients)) or {}).get(key)


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 3) if a is not None and b else None


def ratios(results: dict[str, Any]) -> dict[str, Any]:
    """{store: {question: {clients: {vs_floor, vs_ceiling, vs_peer, p99_vs_floor}}}}."""
    floor = results.get("floor")
    peer = (results.get("peer") or {}).get("questions")
    found: dict[str, Any] = {}
    for store, figures in results.get("stores", {}).items():
        graphql, cypher = figures.get("graphql"), figures.get("cypher")
        for question in NAMES:
            for clients in CLIENTS:
                req_s = _figure(graphql, question, clients, "req_s")
                p99 = _figure(graphql, question, clients, "p99_ms")
                peer_req_s = _figure(peer, question, clients, "req_s") if store == "neo4j" else None
                found.setdefault(store, {}).setdefault(question, {})[str(clients)] = {
                    "vs_floor": _ratio(req_s, _figure(floor, question, clients, "req_s")),
                    "vs_ceiling": _ratio(req_s, _figure(cypher, question, clients, "req_s")),
                    "vs_peer": _ratio(req_s, peer_req_s),
                    "p99_vs_floor": _ratio(p99, _figure(floor, question, clients, "p99_ms")),
                }
    return found


# --- the table ---
def _cell(value: Any, width: int, digits: int = 1) -> str:
    if value is None:
        return "-".rjust(width)
    if isinstance(value, float):
        return f"{value:.{digits}f}".rjust(width)
    return str(value).rjust(width)


_COLUMNS = (
    ("question", 12), ("c", 3), ("req/s", 8), ("p50 ms", 8), ("p99 ms", 8), ("err", 4),
    ("bytes", 8), ("rt/req", 7), ("st ms", 7), ("cypher", 8), ("floor", 8), ("peer", 8),
    ("/floor", 8), ("/cypher", 8), ("/peer", 7), ("p99/fl", 8),
)  # fmt: skip


LEGEND = (
    "c: clients; req/s, p50, p99: unct-graph over HTTP (median of the rounds); err: failed "
    "answers;",
    "rt/req, st ms: store round trips and store time per request (/metrics; time summed over "
    "concurrent reads);",
    "cypher, floor, peer: req/s of the raw Cypher in process, strawberry + uvicorn alone, "
    "the peer;",
    "/floor, /cypher, /peer: unct-graph's req/s over theirs; p99/fl: its p99 over the floor's.",
)


def table(results: dict[str, Any]) -> str:
    """The readable summary: load figures, then one line per question and client count."""
    lines = [
        f"unct-graph bench: scale {results['scale']} ({results['dataset']['countries']} countries,"
        f" seed {results['seed']}), {results['plan']['seconds']} s x "
        f"{results['plan']['rounds']} rounds; load average {results['load_average']['before']} "
        f"-> {results['load_average']['after']} on {results['machine']['cores']} cores"
    ]
    for store, figures in results.get("stores", {}).items():
        loaded = figures.get("load", {})
        lines += [
            "",
            f"{store}: load {loaded.get('wall_s')} s wall, {loaded.get('cpu_s')} s CPU, "
            f"peak RSS {loaded.get('peak_rss_mib')} MiB, {loaded.get('nodes')} nodes, "
            f"{loaded.get('relationships')} relationships; server RSS "
            f"{figures.get('server_rss_mib', {}).get('end')} MiB",
            "".join(name.rjust(width) if i else name.ljust(width) for i, (name, width) in
                    enumerate(_COLUMNS)),
        ]  # fmt: skip
        lines += [_row(results, store, q, c) for q in NAMES for c in CLIENTS]
    lines += ["", *LEGEND]
    peer = results.get("peer") or {}
    if peer.get("status") == "skipped":
        lines += ["", f"peer: skipped: {peer.get('reason')}"]
    elif peer.get("status") == "measured":
        lines += ["", _peer_line(peer["questions"])]
    return "\n".join(lines)


def _peer_line(questions: dict[str, Any]) -> str:
    """Which of the peer's answers state unct-graph's facts, and which were left out."""
    agree = [name for name, entry in questions.items() if entry.get("same_facts")]
    out = [
        f"{name} ({'error' if 'error' in entry else 'facts differ'})"
        for name, entry in questions.items()
        if not entry.get("same_facts")
    ]
    line = f"peer: same facts as unct-graph: {', '.join(agree) or 'none'}"
    return line + (f"; left out: {', '.join(out)}" if out else "")


def _row(results: dict[str, Any], store: str, question: str, clients: int) -> str:
    figures = results["stores"][store]
    graphql = figures.get("graphql")
    peer = (results.get("peer") or {}).get("questions") if store == "neo4j" else None
    ratio = (results.get("ratios") or {}).get(store, {}).get(question, {}).get(str(clients), {})
    errors = sum(
        _figure(graphql, question, clients, key) or 0
        for key in ("errors", "non_2xx", "socket_errors")
    )
    values = [
        question, clients,
        _figure(graphql, question, clients, "req_s"),
        _figure(graphql, question, clients, "p50_ms"),
        _figure(graphql, question, clients, "p99_ms"),
        errors,
        ((graphql or {}).get(question) or {}).get("bytes"),
        _figure(graphql, question, clients, "round_trips"),
        _figure(graphql, question, clients, "store_ms"),
        _figure(figures.get("cypher"), question, clients, "req_s"),
        _figure(results.get("floor"), question, clients, "req_s"),
        _figure(peer, question, clients, "req_s"),
        ratio.get("vs_floor"), ratio.get("vs_ceiling"), ratio.get("vs_peer"),
        ratio.get("p99_vs_floor"),
    ]  # fmt: skip
    cells = [
        str(v).ljust(w) if i == 0 else _cell(v, w, 2 if i >= 12 else 1)
        for i, (v, (_, w)) in enumerate(zip(values, _COLUMNS, strict=True))
    ]
    return "".join(cells)
