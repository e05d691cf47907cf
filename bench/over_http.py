"""Asking a GraphQL server the questions: once to check, then measured with wrk.

Each question is asked once first; an answer that is not 200, holds
`errors` or has no data fails the bench (a fast error is not a measurement).
Its size is what the server sends for it. Then every question is warmed up
and measured in interleaved rounds (bench.runs.Plan).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx2 as httpx

from bench import wrk
from bench.runs import CLIENTS, Plan, Table

Bodies = Mapping[str, dict[str, Any]]


class QuestionError(RuntimeError):
    """A question was not answered cleanly."""


def check(url: str, bodies: Bodies) -> dict[str, dict[str, Any]]:
    """Each question's answer (the parsed JSON) and its size in bytes."""
    found = {}
    for name, body in bodies.items():
        response = httpx.post(url, json=body, timeout=60)
        answer = response.json() if response.status_code == 200 else {}
        if response.status_code != 200 or answer.get("errors") or not answer.get("data"):
            raise QuestionError(f"{name} at {url}: {response.status_code} {response.text[:500]}")
        found[name] = {"answer": answer, "bytes": len(response.content)}
    return found


def measure_all(
    url: str, bodies: Bodies, plan: Plan, metrics_of: str | None = None
) -> dict[str, dict[str, Any]]:
    """Warm-up, then the interleaved rounds: {question: {"1": ..., "16": ...}}."""
    for body in bodies.values():
        wrk.measure(url, body, max(CLIENTS), plan.warmup)
    table = Table()
    for name, clients in plan.order(list(bodies)):
        table.add(name, clients, wrk.measure(url, bodies[name], clients, plan.seconds, metrics_of))
    return {name: table.clients(name) for name in bodies}
