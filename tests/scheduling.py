"""How the suite spreads over cores (pyproject: `-n auto --dist loadfile
--no-loadscope-reorder`, so xdist keeps the order given here).

Each worker runs whole modules, so a module's fixtures load once. Modules go
out longest first: a long module handed out last would keep one worker busy
while the others sit idle. The times are the previous run's, kept in pytest's
cache (`.pytest_cache`); a checkout that has not run the suite yet uses those
of a recent run, in tests/module-seconds.json (the modules of a second or
more). A module with no time at all counts as longest.
"""

from __future__ import annotations

import json
import math
import os
from collections import defaultdict
from pathlib import Path

import pytest

# Workers beyond four mostly add Neo4j servers (one per worker) and memory.
MAX_WORKERS = 4
SECONDS_KEY = "unct-graph/module-seconds"
RECENT = Path(__file__).with_name("module-seconds.json")


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """One worker per core, each with its own Neo4j; but a server named by
    NEO4J_URI is one that every worker would clear under the others' feet,
    so with it the run is serial."""
    if os.environ.get("NEO4J_URI"):
        return 0
    return max(1, min(os.cpu_count() or 1, MAX_WORKERS))


def _module(nodeid: str) -> str:
    return nodeid.split("::", 1)[0]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    seconds: dict[str, float] = json.loads(RECENT.read_text())
    cache = getattr(config, "cache", None)  # None with -p no:cacheprovider
    if cache is not None:
        seconds |= cache.get(SECONDS_KEY, {})
    # A stable sort on the module alone keeps each module's tests together and in order.
    items.sort(key=lambda item: -seconds.get(_module(item.nodeid), math.inf))


class ModuleTimes:
    """Adds up each module's setup, call and teardown times as reports arrive
    (from every worker, on the controller) and keeps them for the next run."""

    def __init__(self) -> None:
        self.seconds: defaultdict[str, float] = defaultdict(float)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self.seconds[_module(report.nodeid)] += report.duration

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        cache = getattr(session.config, "cache", None)
        if cache is None or not self.seconds:
            return
        kept: dict[str, float] = cache.get(SECONDS_KEY, {})
        kept.update({module: round(s, 2) for module, s in self.seconds.items()})
        cache.set(SECONDS_KEY, kept)


def pytest_configure(config: pytest.Config) -> None:
    if not hasattr(config, "workerinput"):  # the controller, or a run without workers
        config.pluginmanager.register(ModuleTimes(), "unct-graph-module-times")
