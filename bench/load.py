"""Loading the data set into a fresh store with the CLI, as a user would, measured.

The load runs as its own process (`unct-graph load --reference FILES...`) so
its wall time, CPU time and peak RSS are its own: they come from the kernel's
rusage of that child (os.wait4, in bench/rusage.py). With Neo4j, the server's CPU during the load
is read too, since much of the work happens there.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.data import DataSet
from graph import queries
from graph.open import open_store
from graph.settings import Settings
from tests.server_process import ROOT

CLI = Path(sys.executable).with_name("unct-graph")


class LoadError(RuntimeError):
    """The product's loader refused the data set or failed."""


def load(
    data: DataSet, env: dict[str, str], scratch: Path, server_cpu: Callable[[], float] | None = None
) -> dict[str, Any]:
    """Load the reference catalogues, the packs and the exports into env's store."""
    measured, log = scratch / "load-rusage.json", scratch / "load.log"
    command = [str(CLI), "load", "-q", "--reference", *map(str, data.files())]
    wrapper = [sys.executable, "-m", "bench.rusage", str(measured), "--", *command]
    cpu_before = server_cpu() if server_cpu else 0.0
    with log.open("wb") as out:
        done = subprocess.run(
            wrapper, cwd=ROOT, env={**os.environ, **env}, stdout=out, stderr=subprocess.STDOUT,
            check=False,
        )  # fmt: skip
    if done.returncode != 0:
        tail = "\n".join(log.read_text(errors="replace").splitlines()[-20:])
        raise LoadError(f"unct-graph load exited {done.returncode}:\n{tail}")
    figures: dict[str, Any] = {"files": len(data.files()), **json.loads(measured.read_text())}
    if server_cpu:
        figures["server_cpu_s"] = round(server_cpu() - cpu_before, 2)
    return figures | asyncio.run(counts(settings_for(env)))


def settings_for(env: dict[str, str]) -> Settings:
    """The settings a `unct-graph` process started with `env` would read."""
    return Settings(
        store=env["UNCT_GRAPH_STORE"],
        neo4j_user=env.get("NEO4J_USER", "neo4j"),
        neo4j_password=env.get("NEO4J_PASSWORD", "unct-graph-dev"),
    )


async def counts(settings: Settings) -> dict[str, int]:
    """Nodes and relationships in the store, as graph.queries counts them."""
    store = open_store(settings)
    try:
        nodes = await store.read(queries.COUNT_NODES)
        rels = await store.read(queries.COUNT_RELS)
    finally:
        await store.close()
    return {"nodes": int(nodes[0]["n"]), "relationships": int(rels[0]["n"])}
