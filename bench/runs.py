"""One measured run (a question, a target, a number of clients, a fixed time), and
how the rounds of a run are summed up.

Rounds are interleaved (every question and client count once, then again),
so a slow moment of the shared machine lands on one round of many runs
rather than on every round of one; the median across rounds is reported.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

CLIENTS = (1, 16)


@dataclass(frozen=True)
class Plan:
    """How long and how often each run is measured."""

    seconds: int
    rounds: int
    warmup: int
    ceiling_rounds: int  # rounds of the in-process raw Cypher runs
    ceiling_seconds: int = 0  # their length, when shorter than `seconds`

    @property
    def ceiling_run(self) -> int:
        return self.ceiling_seconds or self.seconds

    def order(self, names: Sequence[str], rounds: int | None = None) -> Iterator[tuple[str, int]]:
        """Every run once per round: round 1 asks every question at 1 and 16
        clients, round 2 again, and so on."""
        for _ in range(rounds or self.rounds):
            for name in names:
                for clients in CLIENTS:
                    yield name, clients


@dataclass
class Run:
    requests: int
    seconds: float
    p50_ms: float | None  # None when no request completed
    p99_ms: float | None
    errors: int = 0  # answers holding GraphQL errors (or failed store reads)
    non_2xx: int = 0
    socket_errors: int = 0
    # Read from the server's /metrics around the run, when it has them.
    round_trips: float | None = None
    store_ms: float | None = None

    @property
    def req_s(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def as_json(self) -> dict[str, Any]:
        figures = {k: round(v, 3) if isinstance(v, float) else v for k, v in asdict(self).items()}
        return figures | {"req_s": round(self.req_s, 1)}


@dataclass
class Summary:
    """The median of the rounds of one run; error counts are totals."""

    rounds: list[Run] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        runs = self.rounds

        def median(values: list[float | None]) -> float | None:
            known = [v for v in values if v is not None]
            return round(statistics.median(known), 3) if known else None

        return {
            "req_s": median([r.req_s for r in runs]),
            "p50_ms": median([r.p50_ms for r in runs]),
            "p99_ms": median([r.p99_ms for r in runs]),
            "errors": sum(r.errors for r in runs),
            "non_2xx": sum(r.non_2xx for r in runs),
            "socket_errors": sum(r.socket_errors for r in runs),
            "requests": sum(r.requests for r in runs),
            "round_trips": median([r.round_trips for r in runs]),
            "store_ms": median([r.store_ms for r in runs]),
            "rounds": [r.as_json() for r in runs],
        }


def percentile(sorted_values: list[float], pct: float) -> float:
    """Nearest-rank percentile of values sorted ascending (0 when there are none)."""
    if not sorted_values:
        return 0.0
    rank = max(1, math.ceil(pct / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


class Table:
    """The rounds measured so far, by question and client count."""

    def __init__(self) -> None:
        self._runs: dict[str, dict[int, Summary]] = {}

    def add(self, name: str, clients: int, run: Run) -> None:
        self._runs.setdefault(name, {}).setdefault(clients, Summary()).rounds.append(run)

    def clients(self, name: str) -> dict[str, Any]:
        """{"1": summary, "16": summary} for one question."""
        return {str(c): s.as_json() for c, s in sorted(self._runs.get(name, {}).items())}
