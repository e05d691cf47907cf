"""A real Neo4j 5.26 server for tests, run from tools/neo4j-local without Docker.

Usage::

    with LocalNeo4j() as neo4j:
        driver = GraphDatabase.driver(neo4j.uri, auth=(neo4j.user, neo4j.password))
        ...
        neo4j.kill()      # SIGKILL, as in a crash
        neo4j.restart()   # same port, same data directory: committed data is back

The jar (tools/neo4j-local/target/neo4j-local.jar) is built with Maven on first
use, or when its sources are newer than it. Needs `java` (17+) and `mvn` on PATH
(or JAVA_HOME). POSIX only: stopping relies on signals.

Startup takes about 6 s, most of it loading classes from the 140 MB jar. A
class-data-sharing (CDS) archive, made once per jar and JVM by a training run
(about 12 s), halves that; NEO4J_LOCAL_CDS=0 turns it off.
"""

import collections
import contextlib
import fcntl
import hashlib
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import IO, Self

REPO_ROOT = Path(__file__).resolve().parent.parent
PROJECT_DIR = REPO_ROOT / "tools" / "neo4j-local"
JAR_PATH = PROJECT_DIR / "target" / "neo4j-local.jar"

READY_PREFIX = "NEO4J READY "
DEFAULT_USER = "neo4j"
DEFAULT_PASSWORD = "unct-graph-dev"
# Without a cap the JVM may take a quarter of the machine's memory for heap.
# The page cache (128 MiB, set by the launcher) lives outside the heap. On two
# cores, the C1 compiler alone starts faster and uses less memory than C2, and
# test queries are too short-lived to profit from C2.
DEFAULT_JAVA_OPTS: tuple[str, ...] = (
    "-Xms128m",
    "-Xmx512m",
    "-XX:+UseSerialGC",
    "-XX:TieredStopAtLevel=1",
)
# The JVM's own warnings (e.g. an unusable CDS archive) go to stdout by
# default; keep stdout for the launcher's READY line.
JVM_LOG_OPTS: tuple[str, ...] = ("-Xlog:disable", "-Xlog:all=warning:stderr")
STARTUP_TIMEOUT_S = 180.0
STOP_TIMEOUT_S = 60.0
BUILD_TIMEOUT_S = 1800.0
OUTPUT_LINES_KEPT = 200


class LocalNeo4jError(RuntimeError):
    """The server could not be built or started."""


def _java_executable() -> str:
    java_home = os.environ.get("JAVA_HOME")
    if java_home:
        candidate = Path(java_home) / "bin" / "java"
        if candidate.is_file():
            return str(candidate)
    java = shutil.which("java")
    if java is None:
        raise LocalNeo4jError("java not found: install a JDK 17+ or set JAVA_HOME")
    return java


def _jar_is_stale() -> bool:
    if not JAR_PATH.is_file():
        return True
    built = JAR_PATH.stat().st_mtime
    sources = [PROJECT_DIR / "pom.xml", *(PROJECT_DIR / "src").rglob("*")]
    return any(p.is_file() and p.stat().st_mtime > built for p in sources)


@contextlib.contextmanager
def _build_lock() -> Iterator[None]:
    """Serializes builds between processes (e.g. parallel test workers)."""
    JAR_PATH.parent.mkdir(parents=True, exist_ok=True)
    with open(JAR_PATH.parent / ".build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def ensure_jar() -> Path:
    """Builds the launcher jar if it is missing or older than its sources."""
    if not _jar_is_stale():
        return JAR_PATH
    mvn = shutil.which("mvn")
    if mvn is None:
        raise LocalNeo4jError(f"{JAR_PATH} is missing and mvn is not on PATH to build it")
    # Whoever waited on the lock finds the jar fresh once it gets it.
    with _build_lock():
        if not _jar_is_stale():
            return JAR_PATH
        cmd = [mvn, "-B", "-q", "-f", str(PROJECT_DIR / "pom.xml"), "package", "-DskipTests"]
        result = subprocess.run(
            cmd,
            cwd=REPO_ROOT,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=BUILD_TIMEOUT_S,
            check=False,
        )
        if result.returncode != 0 or not JAR_PATH.is_file():
            tail = "\n".join(result.stdout.splitlines()[-40:])
            raise LocalNeo4jError(f"building {JAR_PATH} failed ({' '.join(cmd)}):\n{tail}")
    return JAR_PATH


def _cds_archive_path(java: str) -> Path:
    # An archive only works with the JVM build that wrote it: key it by the
    # JVM binary, so that a JDK upgrade makes a new one instead of a warning.
    binary = Path(java).resolve()
    stat = binary.stat()
    key = hashlib.sha256(f"{binary}:{stat.st_size}:{stat.st_mtime_ns}".encode()).hexdigest()
    return JAR_PATH.with_name(f"neo4j-local-{key[:12]}.jsa")


def _is_fresh(archive: Path) -> bool:
    return archive.is_file() and archive.stat().st_mtime >= JAR_PATH.stat().st_mtime


def ensure_cds_archive(java: str) -> Path | None:
    """Makes the class-data-sharing archive for the jar if needed.

    Best effort: returns None (start without it) if it is turned off or
    cannot be made. The archive is written by a training run that starts the
    server once and exits (dynamic CDS: -XX:ArchiveClassesAtExit).
    """
    if os.environ.get("NEO4J_LOCAL_CDS", "1") == "0":
        return None
    archive = _cds_archive_path(java)
    if _is_fresh(archive):
        return archive
    with _build_lock():
        if _is_fresh(archive):
            return archive
        for old in JAR_PATH.parent.glob("neo4j-local-*.jsa*"):
            old.unlink(missing_ok=True)
        partial = archive.with_name(archive.name + ".partial")
        try:
            with tempfile.TemporaryDirectory(prefix="unct-neo4j-cds-") as home:
                result = subprocess.run(
                    [
                        java,
                        *DEFAULT_JAVA_OPTS,
                        # Silences the thousands of "Skipping ..." lines of the dump.
                        "-Xlog:disable",
                        f"-XX:ArchiveClassesAtExit={partial}",
                        "-jar",
                        str(JAR_PATH),
                        "--port=auto",
                        f"--data-dir={home}",
                        "--exit-when-ready",
                    ],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    timeout=STARTUP_TIMEOUT_S,
                    check=False,
                )
            if result.returncode == 0 and partial.is_file():
                partial.replace(archive)
                return archive
        except (OSError, subprocess.SubprocessError):
            pass
        partial.unlink(missing_ok=True)
        return None


class LocalNeo4j:
    """One Neo4j server process bound to 127.0.0.1.

    Without ``data_dir`` the server keeps its data in a temporary directory,
    which ``stop()`` deletes; a given ``data_dir`` is never deleted. Without
    ``port`` the first start picks a free port, and ``restart()`` reuses it.
    """

    def __init__(
        self,
        *,
        port: int | None = None,
        data_dir: Path | str | None = None,
        password: str = DEFAULT_PASSWORD,
        java_opts: tuple[str, ...] = DEFAULT_JAVA_OPTS,
        startup_timeout: float = STARTUP_TIMEOUT_S,
    ) -> None:
        self.user = DEFAULT_USER
        self.password = password
        self.port: int | None = port
        self._requested_port = port
        self._data_dir = Path(data_dir) if data_dir is not None else None
        self._owns_data_dir = False
        self._java_opts = java_opts
        self._startup_timeout = startup_timeout
        self._process: subprocess.Popen[str] | None = None
        self._output: collections.deque[str] = collections.deque(maxlen=OUTPUT_LINES_KEPT)
        self._output_lock = threading.Lock()
        self._ready = threading.Event()
        self._readers: list[threading.Thread] = []

    # -- public API ---------------------------------------------------------

    @property
    def uri(self) -> str:
        if self.port is None:
            raise LocalNeo4jError("the server has not been started")
        return f"bolt://127.0.0.1:{self.port}"

    @property
    def data_dir(self) -> Path:
        if self._data_dir is None:
            raise LocalNeo4jError("the server has not been started")
        return self._data_dir

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self) -> Self:
        """Starts the server and returns once it accepts Bolt connections."""
        if self.running:
            raise LocalNeo4jError("the server is already running")
        jar = ensure_jar()
        java = _java_executable()
        cds = ensure_cds_archive(java)
        cds_opts = (f"-XX:SharedArchiveFile={cds}",) if cds is not None else ()
        created_data_dir = self._data_dir is None
        if self._data_dir is None:
            self._data_dir = Path(tempfile.mkdtemp(prefix="unct-neo4j-"))
            self._owns_data_dir = True
        self._data_dir.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ)
        env.update(
            NEO4J_PORT=str(self.port) if self.port is not None else "auto",
            NEO4J_DATA_DIR=str(self._data_dir),
            NEO4J_PASSWORD=self.password,
        )
        env.pop("NEO4J_IGNORE_STDIN", None)
        self._output.clear()
        self._ready.clear()
        # stdin stays an open pipe that is never written: if this Python
        # process dies, the pipe closes and the server shuts itself down.
        self._process = subprocess.Popen(
            [java, *self._java_opts, *JVM_LOG_OPTS, *cds_opts, "-jar", str(jar)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=self._data_dir,
        )
        assert self._process.stdout is not None and self._process.stderr is not None
        self._readers = [
            self._spawn_reader(self._process.stdout, "", parse_ready=True),
            self._spawn_reader(self._process.stderr, "[stderr] ", parse_ready=False),
        ]
        try:
            self._wait_until_ready()
        except LocalNeo4jError:
            # Callers that catch this (e.g. to skip tests) never call stop().
            if created_data_dir:
                self.stop()
            raise
        return self

    def stop(self, timeout: float = STOP_TIMEOUT_S) -> None:
        """Stops the server (SIGTERM, then SIGKILL after ``timeout``) and waits.

        Also deletes the data directory if this object created it, and forgets
        a port that was picked automatically: a later start() begins afresh.
        """
        self._terminate(timeout)
        self.port = self._requested_port
        if self._owns_data_dir and self._data_dir is not None:
            shutil.rmtree(self._data_dir, ignore_errors=True)
            self._data_dir = None
            self._owns_data_dir = False

    def kill(self) -> None:
        """Kills the server with SIGKILL, as in a crash; the data directory stays."""
        if self._process is None:
            return
        if self._process.poll() is None:
            self._process.send_signal(signal.SIGKILL)
        self._reap()

    def restart(self, timeout: float = STOP_TIMEOUT_S) -> Self:
        """Stops the server if it runs, then starts it on the same port with the same data."""
        self._terminate(timeout)
        return self.start()

    def output(self) -> list[str]:
        """The last lines the server wrote (stderr lines are prefixed)."""
        with self._output_lock:
            return list(self._output)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- internals ----------------------------------------------------------

    def _spawn_reader(self, stream: IO[str], prefix: str, *, parse_ready: bool) -> threading.Thread:
        def pump() -> None:
            # Keeps draining after startup, so a chatty server never blocks on a full pipe.
            for raw in stream:
                line = raw.rstrip("\n")
                with self._output_lock:
                    self._output.append(prefix + line)
                if parse_ready and line.startswith(READY_PREFIX):
                    uri = line[len(READY_PREFIX) :].strip()
                    self.port = int(uri.rsplit(":", 1)[1])
                    self._ready.set()
            stream.close()

        thread = threading.Thread(target=pump, name=f"neo4j-output{prefix.strip()}", daemon=True)
        thread.start()
        return thread

    def _wait_until_ready(self) -> None:
        process = self._process
        assert process is not None
        deadline = time.monotonic() + self._startup_timeout
        while not self._ready.wait(0.1):
            if process.poll() is not None:
                self._reap()
                raise LocalNeo4jError(
                    f"Neo4j exited with code {process.returncode} before it was ready:\n"
                    + self._tail()
                )
            if time.monotonic() > deadline:
                self.kill()
                raise LocalNeo4jError(
                    f"Neo4j was not ready after {self._startup_timeout:.0f} s:\n{self._tail()}"
                )

    def _terminate(self, timeout: float) -> None:
        if self._process is None:
            return
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout)
            except subprocess.TimeoutExpired:
                self._process.kill()
        self._reap()

    def _reap(self) -> None:
        process = self._process
        if process is None:
            return
        process.wait()
        for reader in self._readers:
            reader.join(timeout=5)
        if process.stdin is not None:
            process.stdin.close()
        self._readers = []
        self._process = None

    def _tail(self, lines: int = 40) -> str:
        return "\n".join(self.output()[-lines:])
