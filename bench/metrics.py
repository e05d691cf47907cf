"""Store round trips and store time per request, from the server's /metrics.

unct-graph observes, per GraphQL request, how many store queries it ran and
how long it waited on them (histograms `unct_graph_store_round_trips` and
`unct_graph_store_seconds`, api/metrics.py). The difference of their `_sum`
and `_count` across a run, divided, is the mean per request in that run.
"""

from __future__ import annotations

import re

import httpx2 as httpx

ROUND_TRIPS = "unct_graph_store_round_trips"
STORE_SECONDS = "unct_graph_store_seconds"
_SAMPLE = re.compile(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{[^}]*\})? (\S+)", re.M)


def parse(text: str) -> dict[str, float]:
    """Prometheus text -> each metric name's samples, summed over labels."""
    totals: dict[str, float] = {}
    for name, value in _SAMPLE.findall(text):
        totals[name] = totals.get(name, 0.0) + float(value)
    return totals


def scrape(base_url: str) -> dict[str, float] | None:
    """The server's metrics now, or None when it has no /metrics."""
    response = httpx.get(f"{base_url}/metrics", timeout=30)
    return parse(response.text) if response.status_code == 200 else None


def per_request(
    before: dict[str, float] | None, after: dict[str, float] | None
) -> tuple[float | None, float | None]:
    """(round trips, store milliseconds) per request between two scrapes."""
    if before is None or after is None:
        return None, None

    def delta(name: str) -> float:
        return after.get(name, 0.0) - before.get(name, 0.0)

    count = delta(f"{ROUND_TRIPS}_count")
    if count <= 0:
        return None, None
    return delta(f"{ROUND_TRIPS}_sum") / count, 1000 * delta(f"{STORE_SECONDS}_sum") / count
