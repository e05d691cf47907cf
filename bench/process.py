"""A child process the bench starts, waits for and always stops by its own pid.

Neo4j, the floor and the peer each announce readiness with a line on stdout
(`NEO4J READY ...`, `PEER READY ...`) or by answering HTTP; the bench must not
measure before that, nor leave any of them running when it ends, however it
ends.
"""

from __future__ import annotations

import collections
import os
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any

import httpx2 as httpx
import psutil


class StartError(RuntimeError):
    """A server the bench needs did not start."""


class Child:
    """A process whose stdout lines are kept (the last 200) and watched for a prefix."""

    def __init__(
        self, argv: Sequence[str], env: dict[str, str], log: Path, cwd: Path | None = None
    ) -> None:
        self.argv, self.env, self.log_path, self.cwd = list(argv), env, log, cwd
        self.lines: collections.deque[str] = collections.deque(maxlen=200)
        self.process: subprocess.Popen[str] | None = None
        self._log: IO[str] | None = None
        self._reader: threading.Thread | None = None

    def start(self) -> Child:
        self._log = self.log_path.open("w")
        self.process = subprocess.Popen(
            self.argv,
            env={**os.environ, **self.env},
            cwd=self.cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=self._log,
            text=True,
        )
        self._reader = threading.Thread(target=self._pump, daemon=True)
        self._reader.start()
        return self

    def _pump(self) -> None:
        # Drained to the end, so a chatty child never blocks on a full pipe.
        assert self.process is not None and self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_for_line(self, prefix: str, timeout: float) -> str:
        """The first stdout line starting with `prefix`, once it comes."""
        line: str = self._wait(
            lambda: next((x for x in self.lines if x.startswith(prefix)), None), timeout
        )
        return line

    def wait_for_http(self, url: str, body: dict[str, Any], timeout: float) -> None:
        """Returns once `url` answers a POST of `body` with 200."""

        def answers() -> bool | None:
            try:
                return httpx.post(url, json=body, timeout=2).status_code == 200 or None
            except httpx.HTTPError:
                return None

        self._wait(answers, timeout)

    def _wait(self, ready: Callable[[], Any], timeout: float) -> Any:
        assert self.process is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = ready()
            if found is not None:
                return found
            if self.process.poll() is not None:
                raise StartError(
                    f"{self.argv[0]} exited ({self.process.returncode}):\n{self.tail()}"
                )
            time.sleep(0.1)
        raise StartError(
            f"{' '.join(self.argv[:3])} not ready after {timeout:.0f} s:\n{self.tail()}"
        )

    def tail(self, lines: int = 30) -> str:
        logged = (
            self.log_path.read_text(errors="replace").splitlines() if self.log_path.exists() else []
        )
        return "\n".join([*list(self.lines)[-lines:], *logged[-lines:]])

    def rss(self) -> int:
        assert self.process is not None
        return int(psutil.Process(self.process.pid).memory_info().rss)

    def cpu_seconds(self) -> float:
        """CPU time of the process and its children so far."""
        assert self.process is not None
        proc = psutil.Process(self.process.pid)
        total: float = sum(proc.cpu_times()[:2])
        return total + sum(sum(c.cpu_times()[:2]) for c in proc.children(recursive=True))

    def stop(self, timeout: float = 60) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._reader is not None:
            self._reader.join(timeout=5)
        if self._log is not None:
            self._log.close()

    def __enter__(self) -> Child:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()
