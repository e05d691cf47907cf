"""The CLI around sources: check (a preview that writes nothing), load, sources, unload, keys,
and loading into a running service with --server."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from api.cli import main

DATA = Path(__file__).parent / "data"
SUMMARY = "{} added, {} removed, {} changed"


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_check_previews_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "never" / "graph.lbug"
    status, out, _ = _cli(capsys, "check", "--store", f"embedded:{store}", str(DATA / "rwa.yaml"))
    assert status == 0
    lines = out.splitlines()
    assert "+ Body RWA-OMT 'Operations Management Team'" in lines
    assert "+ MEMBER_OF WFP -> RWA-OMT role=CHAIR since=2022-01-01" in lines
    assert all(line[:2] in ("+ ", "- ", "~ ") for line in lines[:-1])
    assert lines[-1] == SUMMARY.format(len(lines) - 1, 0, 0)
    assert not store.parent.exists(), "check created the store"


def test_load_check_sources_unload(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = f"embedded:{tmp_path / 'graph.lbug'}"
    edited = tmp_path / "rwa.yaml"
    edited.write_bytes((DATA / "rwa-2025.yaml").read_bytes())
    assert _cli(capsys, "load", "-q", "--store", store, str(DATA / "rwa.yaml"))[0] == 0

    status, out, _ = _cli(capsys, "load", "--dry-run", "--store", store, str(edited))
    assert status == 0
    assert out.splitlines()[-1] == SUMMARY.format(1, 4, 1)
    assert "- REPORTS_TO RWA-OMT-TF-FINANCE -> RWA-OMT" in out.splitlines()
    # A dry run wrote nothing: the same preview again.
    assert _cli(capsys, "check", "--store", store, str(edited))[1] == out

    status, _, err = _cli(capsys, "load", "--store", store, str(edited))
    assert status == 0 and SUMMARY.format(1, 4, 1) in err

    status, out, _ = _cli(capsys, "sources", "--store", store)
    rows = {line.split("\t")[0]: line for line in out.splitlines()}
    assert set(rows) == {"reference", "rwa.yaml"}
    assert "PACK" in rows["rwa.yaml"] and "sha256 " in rows["rwa.yaml"]

    status, out, _ = _cli(capsys, "unload", "--store", store, "rwa.yaml")
    assert status == 0 and out.startswith("unloaded rwa.yaml:")
    assert _cli(capsys, "sources", "--store", store)[1].splitlines()[0].startswith("reference")
    status, _, err = _cli(capsys, "unload", "--store", store, "rwa.yaml")
    assert status == 2 and "no source named 'rwa.yaml'" in err

    status, out, err = _cli(
        capsys, "load", "--store", store, "--source", "x", str(edited), str(edited)
    )
    assert status == 2 and "exactly one" in err


def test_keys(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = f"embedded:{tmp_path / 'graph.lbug'}"
    status, out, _ = _cli(
        capsys, "keys", "create", "--store", store, "--name", "rco", "--role", "editor"
    )
    secret = out.splitlines()[-1]
    assert status == 0 and secret.startswith("ugk_") and len(secret) > 40
    status, out, _ = _cli(capsys, "keys", "list", "--store", store)
    assert out.startswith("rco\teditor\tcreated ") and out.rstrip().endswith("active")
    assert secret not in out
    assert _cli(capsys, "keys", "revoke", "--store", store, "rco")[0] == 0
    assert "revoked 20" in _cli(capsys, "keys", "list", "--store", store)[1]
    status, _, err = _cli(
        capsys, "keys", "create", "--store", store, "--name", "rco", "--role", "reader"
    )
    assert status == 2 and "exists already" in err


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, str, str]]:
    """A real `unct-graph serve` over an embedded store, and an editor key for it."""
    store = f"embedded:{tmp_path / 'graph.lbug'}"
    cli = [sys.executable, "-m", "api.cli"]
    subprocess.run([*cli, "load", "-q", "--store", store, "--reference"], check=True)
    made = subprocess.run(
        [*cli, "keys", "create", "--store", store, "--name", "rco", "--role", "editor"],
        check=True,
        capture_output=True,
        text=True,
    )
    port = _free_port()
    process = subprocess.Popen(
        [*cli, "serve", "--store", store, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"{url}/health", timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        yield url, store, made.stdout.splitlines()[-1]
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_load_into_a_running_service(
    server: tuple[str, str, str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    url, store, key = server
    # The server holds the embedded store: a local load says so and names --server.
    status, _, err = _cli(capsys, "load", "--store", store, str(DATA / "rwa.yaml"))
    assert status == 2 and "in use by another process" in err and "--server" in err

    monkeypatch.delenv("UNCT_GRAPH_KEY", raising=False)
    status, _, err = _cli(capsys, "load", "--server", url, str(DATA / "rwa.yaml"))
    assert status == 2 and "editor key" in err

    monkeypatch.setenv("UNCT_GRAPH_KEY", key)
    status, out, _ = _cli(capsys, "check", "--server", url, str(DATA / "rwa.yaml"))
    assert status == 0 and "+ Body RWA-OMT 'Operations Management Team'" in out
    status, _, err = _cli(capsys, "load", "--server", url, str(DATA / "rwa.yaml"))
    assert status == 0 and "added" in err

    query = json.dumps({"query": '{ body(id: "RWA-OMT") { chair { id } } }'}).encode()
    request = urllib.request.Request(
        f"{url}/graphql", data=query, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert json.loads(response.read())["data"]["body"]["chair"] == {"id": "WFP"}

    broken = tmp_path / "broken.yaml"
    text = (DATA / "edits.yaml").read_text(encoding="utf-8")
    broken.write_text(text.replace("kind: RESULTS_GROUP", "kind: NOT_A_KIND"), encoding="utf-8")
    status, _, err = _cli(capsys, "load", "--server", url, str(broken))
    assert status == 1
    assert err.startswith(f"{broken.name}:") and "NOT_A_KIND" in err
