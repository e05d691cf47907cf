"""Soak: do small queries keep their latency while heavy ones hammer the server?

Method. Starts its own server (`unct-graph serve`, production settings) on
127.0.0.1 over a fresh embedded store holding the reference data, the demo
packs and the bundled UN INFO samples (or over `--store URI`, loaded
already). Then, for a bounded time (default 120 s):

  1. warm-up (50%): small and heavy clients together, so caches, pools and
     allocator arenas reach their working size; RSS is read at its end. It
     is half the time because the embedded engine's working memory climbs
     to a high-water mark before it stays flat: about 60 s for the heaviest
     query alone (a page of 100 outcomes across countries, with contributors
     and SDG links), a few minutes for the whole mix (BENCHMARKS.md), so the
     default 120 s run can still show growth that a longer one does not;
  2. baseline (25%): 32 clients sending small queries back to back;
  3. mixed (25%): the same 32 clients, plus 8 clients sending the heaviest
     queries the limits allow, back to back, retrying at once when refused.

It prints the small queries' p50/p99 in the baseline and in the mixed
phase (the mixed p99 must stay within 2x of the baseline p99), the answers
by kind (no 5xx), the heavy queries' cost, and the server's RSS after the
warm-up and at the end (growth under 10%). Exit status 1 when a figure is
missed. Clients and server share the machine, as in any loopback test.

    .venv/bin/python -m bench.soak [--seconds 120] [--store URI]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx2 as httpx

from tests.server_process import ServerProcess

SMALL = [
    "query Goals { sdgGoals { code } }",
    'query Chair { body(id: "VNM-DRR-JRG") { chair { id name } } }',
    'query Country { country(iso3: "KHM") { iso3 name } }',
    'query Agency { agency(id: "UN Women") { id name } }',
]
# The heaviest kinds of query the default limits let through (cost close to 25,000).
HEAVY = [
    """query HeavyOutcomes { outcomesConnection(first: 100) { totalCount edges { node {
        id title framework { id title } contributors { agency { id name category } via }
        sdgGoals { code title } sdgTargets { code title } } } } }""",
    """query HeavyChart { bodiesConnection(first: 100) { edges { node { id name kind
        chair { id name } members { role since until agency { id name } partner { id name } }
        reportsTo { id name } reportedBy { id } } } } }""",
    """query HeavyAgencies { agenciesConnection(first: 100) { edges { node {
        id name memberships { role body { id name kind } }
        outcomesConnection(first: 10) { totalCount edges { node { id title } } } } } } }""",
]
SMALL_CLIENTS, HEAVY_CLIENTS = 32, 8
WARM_UP, BASELINE, MIXED = 0.5, 0.25, 0.25  # shares of the time
LOAD_ALL = ["--reference", "--demo", "--samples"]


class Tally:
    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.kinds: Counter[str] = Counter()
        self.costs: dict[str, int] = {}


async def _client(
    client: httpx.AsyncClient, queries: list[str], until: float, tally: Tally, timed: bool
) -> None:
    i = 0
    while time.monotonic() < until:
        query = queries[i % len(queries)]
        i += 1
        started = time.perf_counter()
        try:
            response = await client.post("/graphql", json={"query": query})
        except httpx.TransportError as e:
            tally.kinds[f"transport:{type(e).__name__}"] += 1
            continue
        elapsed = time.perf_counter() - started
        try:
            body: dict[str, Any] = response.json()
        except ValueError:  # a server error page: counted, and the client goes on
            tally.kinds[f"http {response.status_code} not JSON"] += 1
            continue
        codes = [e.get("extensions", {}).get("code", "ERROR") for e in body.get("errors", [])]
        tally.kinds[f"http {response.status_code}" + (f" {codes[0]}" if codes else "")] += 1
        if response.status_code == 200 and not codes:
            if timed:
                tally.latencies.append(elapsed)
            cost = (body.get("extensions") or {}).get("cost")
            if isinstance(cost, int):
                tally.costs[query.split()[1]] = cost


async def _phase(url: str, key: str, seconds: float, heavy: bool) -> tuple[Tally, Tally]:
    small, heavies = Tally(), Tally()
    until = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=SMALL_CLIENTS + HEAVY_CLIENTS)
    headers = {"Authorization": f"Bearer {key}"}
    async with httpx.AsyncClient(
        base_url=url, timeout=30, limits=limits, headers=headers
    ) as client:
        tasks = [_client(client, SMALL, until, small, True) for _ in range(SMALL_CLIENTS)]
        if heavy:
            tasks += [_client(client, HEAVY, until, heavies, False) for _ in range(HEAVY_CLIENTS)]
        await asyncio.gather(*tasks)
    return small, heavies


def _percentiles(latencies: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(latencies, n=100)
    return cuts[49] * 1000, cuts[98] * 1000


def _cli(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "api.cli", *args], check=True, capture_output=True, text=True
    )
    return done.stdout


def _load_demo(path: Path) -> str:
    store = f"embedded:{path}"
    _cli("load", "--store", store, "-q", *LOAD_ALL)
    return store


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=120.0, help="total time (default 120)")
    parser.add_argument("--store", help="a loaded store URI (default: a fresh embedded store)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="unct-graph-soak-") as scratch:
        store = args.store or _load_demo(Path(scratch) / "graph.lbug")
        # Production turns anonymous reads off: the clients read with a key.
        key = _cli("keys", "create", "--store", store, "--name", "soak", "--role", "reader")
        env = {"UNCT_GRAPH_ENV": "production", "MALLOC_ARENA_MAX": "2"}
        with ServerProcess(store, env, log=Path(scratch) / "server.log") as server:
            return _run(server, args.seconds, key.strip().splitlines()[-1])


def _run(server: ServerProcess, seconds: float, key: str) -> int:
    print(f"soak: {seconds:g}s against {server.store} at {server.url} (production settings)")
    start_rss = server.rss()
    asyncio.run(_phase(server.url, key, seconds * WARM_UP, heavy=True))
    warm_rss = server.rss()
    baseline, _ = asyncio.run(_phase(server.url, key, seconds * BASELINE, heavy=False))
    mixed, heavy = asyncio.run(_phase(server.url, key, seconds * MIXED, heavy=True))
    end_rss = server.rss()

    base50, base99 = _percentiles(baseline.latencies)
    mix50, mix99 = _percentiles(mixed.latencies)
    print(f"{'small queries':<28}{'answers':>9}{'p50 ms':>9}{'p99 ms':>9}")
    print(
        f"{'  baseline (32 clients)':<28}{len(baseline.latencies):>9}{base50:>9.1f}{base99:>9.1f}"
    )
    print(f"{'  with 8 heavy clients':<28}{len(mixed.latencies):>9}{mix50:>9.1f}{mix99:>9.1f}")
    print("heavy queries: cost " + ", ".join(f"{k} {v}" for k, v in sorted(heavy.costs.items())))
    print("answers by kind (mixed phase):")
    for kind, count in sorted((mixed.kinds + heavy.kinds).items()):
        print(f"  {kind:<36}{count:>8}")
    mib = 1024 * 1024
    print(
        f"server RSS: start {start_rss / mib:.0f} MiB, after warm-up {warm_rss / mib:.0f} MiB, "
        f"end {end_rss / mib:.0f} MiB"
    )

    failures = []
    if mix99 > 2 * base99:
        failures.append(f"small p99 {mix99:.1f} ms is over 2x the baseline's {base99:.1f} ms")
    all_kinds = baseline.kinds + mixed.kinds + heavy.kinds
    server_errors = sum(n for kind, n in all_kinds.items() if kind.startswith("http 5"))
    transport = sum(n for kind, n in all_kinds.items() if kind.startswith("transport"))
    if server_errors or transport:
        failures.append(f"{server_errors} 5xx answers, {transport} transport errors")
    if end_rss > warm_rss * 1.10:
        failures.append(f"RSS grew {100 * (end_rss / warm_rss - 1):.1f}% after warm-up")
    print(
        f"p99 ratio {mix99 / base99:.2f} (limit 2.00); 5xx {server_errors}; "
        f"RSS growth after warm-up {100 * (end_rss / warm_rss - 1):+.1f}% (limit +10%)"
    )
    for failure in failures:
        print(f"FAIL: {failure}")
    print("PASS" if not failures else "FAIL")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
