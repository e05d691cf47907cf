"""`make neo4j` as a user runs it: in the background, with no stdin, keeping its data."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import neo4j
import pytest

pytestmark = pytest.mark.neo4j

ROOT = Path(__file__).resolve().parent.parent
READY_TIMEOUT_S = 180.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start(port: int, data: Path) -> tuple[subprocess.Popen[str], str]:
    env = dict(os.environ, NEO4J_PORT=str(port), NEO4J_DATA_DIR=str(data))
    env["NEO4J_PASSWORD"] = "background-secret"
    process = subprocess.Popen(
        ["make", "-s", "neo4j"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,  # as `make neo4j &` in a script, or a service manager
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    assert process.stdout is not None
    deadline = time.monotonic() + READY_TIMEOUT_S
    for line in process.stdout:
        if line.startswith("NEO4J READY "):
            return process, line.removeprefix("NEO4J READY ").strip()
        assert time.monotonic() < deadline, "no READY line in time"
    raise AssertionError(f"make neo4j exited with {process.wait()} before READY")


def _stop(process: subprocess.Popen[str]) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=60)
    assert process.stdout is not None
    process.stdout.close()


def _run(uri: str, cypher: str) -> list[dict[str, object]]:
    with neo4j.GraphDatabase.driver(uri, auth=("neo4j", "background-secret")) as driver:
        records, _, _ = driver.execute_query(cypher)
        return [r.data() for r in records]


def test_runs_in_background_and_keeps_data(tmp_path: Path) -> None:
    port, data = _free_port(), tmp_path / "neo4j-data"
    process, uri = _start(port, data)
    try:
        assert uri == f"bolt://127.0.0.1:{port}"
        # READY means the password works: the very first connection succeeds.
        _run(uri, "CREATE (:Marker {id: 'kept'})")
        time.sleep(2)  # stdin is /dev/null: a server watching stdin would be gone by now
        assert process.poll() is None
    finally:
        _stop(process)
    assert (data / "data").is_dir()

    process, uri = _start(port, data)
    try:
        assert _run(uri, "MATCH (m:Marker) RETURN m.id AS id") == [{"id": "kept"}]
    finally:
        _stop(process)
