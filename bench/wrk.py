"""Measuring a GraphQL question over real HTTP with wrk.

wrk keeps `clients` connections busy for a fixed time, one request after
another on each (a closed loop), and reports latency percentiles from its own
histogram; bench/wrk.lua POSTs the question and counts answers that hold
GraphQL errors or are not 2xx. One client is `-t1 -c1`; more use two
threads, one per core, since the server shares the machine.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from bench import metrics
from bench.runs import Run

SCRIPT = Path(__file__).with_name("wrk.lua")
_PREFIX = "BENCH "


def command(url: str, clients: int, seconds: int) -> list[str]:
    threads = min(clients, 2)
    return [
        "wrk", f"-t{threads}", f"-c{clients}", f"-d{seconds}s", "--timeout", "30s",
        "-s", str(SCRIPT), url,
    ]  # fmt: skip


def parse(output: str) -> Run:
    """wrk's output -> a Run, from the `BENCH {json}` line bench/wrk.lua prints."""
    for line in output.splitlines():
        if line.startswith(_PREFIX):
            found: dict[str, Any] = json.loads(line.removeprefix(_PREFIX))
            return Run(
                requests=found["requests"],
                seconds=found["duration_us"] / 1e6,
                p50_ms=found["p50_us"] / 1000 if found["requests"] else None,
                p99_ms=found["p99_us"] / 1000 if found["requests"] else None,
                errors=found["graphql_errors"],
                non_2xx=found["non_2xx"],
                socket_errors=found["socket_errors"],
            )
    raise ValueError(f"no {_PREFIX.strip()} line in wrk's output:\n{output}")


def measure(
    url: str, body: dict[str, Any], clients: int, seconds: int, metrics_of: str | None = None
) -> Run:
    """One run of wrk against `url`; with store figures from unct-graph's /metrics
    at `metrics_of` (its base URL) when given."""
    if shutil.which("wrk") is None:
        raise FileNotFoundError("wrk is not installed (make bench installs it)")
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as file:
        json.dump(body, file)
    try:
        before = metrics.scrape(metrics_of) if metrics_of else None
        done = subprocess.run(
            command(url, clients, seconds),
            env={**os.environ, "BENCH_BODY": file.name},
            capture_output=True,
            text=True,
            check=True,
        )
        after = metrics.scrape(metrics_of) if metrics_of else None
    finally:
        Path(file.name).unlink()
    run = parse(done.stdout)
    run.round_trips, run.store_ms = metrics.per_request(before, after)
    return run
