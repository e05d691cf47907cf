"""A fresh local Neo4j 5.26 for one bench run, started the way `make neo4j` starts it.

The launcher jar (tools/neo4j-local, built by `make neo4j-jar`) runs with a
data directory of its own in a temporary folder, on a free port, and is
stopped at the end; `NEO4J READY bolt://HOST:PORT` on its stdout says the
password works, so nothing connects before then. The JVM keeps its default
JIT (both compilers): the tests' C1-only setting starts faster but serves
slower, and the bench measures serving.
"""

from __future__ import annotations

import secrets
import shutil
from pathlib import Path

from bench.process import Child
from tests.server_process import ROOT, free_port

JAR = ROOT / "tools" / "neo4j-local" / "target" / "neo4j-local.jar"
READY = "NEO4J READY "
HEAP = "1g"  # as `make neo4j` (NEO4J_HEAP)
USER = "neo4j"


class LocalNeo4j:
    """Neo4j on 127.0.0.1 with a random password; `uri` once started."""

    def __init__(self, scratch: Path) -> None:
        self.scratch = scratch
        self.password = secrets.token_hex(12)
        self.uri = ""
        self.child: Child | None = None

    def __enter__(self) -> LocalNeo4j:
        java = shutil.which("java")
        if java is None or not JAR.is_file():
            raise FileNotFoundError(f"needs java and {JAR} (make neo4j-jar)")
        env = {
            "NEO4J_PORT": str(free_port()),
            "NEO4J_DATA_DIR": str(self.scratch / "neo4j"),
            "NEO4J_PASSWORD": self.password,
        }
        argv = [java, f"-Xmx{HEAP}", "-jar", str(JAR), "--ignore-stdin"]
        self.child = Child(argv, env, self.scratch / "neo4j.log").start()
        try:
            self.uri = self.child.wait_for_line(READY, timeout=180).removeprefix(READY).strip()
        except BaseException:
            self.child.stop()
            raise
        return self

    def env(self) -> dict[str, str]:
        """What a `unct-graph` process needs to reach this server."""
        return {"UNCT_GRAPH_STORE": self.uri, "NEO4J_USER": USER, "NEO4J_PASSWORD": self.password}

    def __exit__(self, *_: object) -> None:
        if self.child is not None:
            self.child.stop()
