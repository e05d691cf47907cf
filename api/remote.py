"""`unct-graph load --server URL`: files loaded through a running service.

Posts the files to the service's `POST /load` (multipart, field `files`) with
the key from UNCT_GRAPH_KEY, and prints the answer as a local load would.
"""

from __future__ import annotations

import json
import os
import secrets
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from api.cli_common import say
from graph.errors import UnctGraphError

TIMEOUT_S = 300.0


def _multipart(files: list[Path], fields: dict[str, str]) -> tuple[bytes, str]:
    boundary = "unct-graph-" + secrets.token_hex(12)
    parts: list[bytes] = []
    for name, value in fields.items():
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
        parts.append(f"{head}{value}\r\n".encode())
    for path in files:
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="files"; '
            f'filename="{path.name}"\r\nContent-Type: application/octet-stream\r\n\r\n'
        )
        parts.append(head.encode() + path.read_bytes() + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def _post(url: str, body: bytes, content_type: str) -> tuple[int, dict[str, Any]]:
    request = urllib.request.Request(url, data=body, method="POST")
    request.add_header("Content-Type", content_type)
    key = os.environ.get("UNCT_GRAPH_KEY")
    if key:
        request.add_header("Authorization", f"Bearer {key}")
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as e:
        try:
            return e.code, json.loads(e.read() or b"{}")
        except ValueError:
            return e.code, {"error": e.reason}
    except (urllib.error.URLError, OSError) as e:
        raise UnctGraphError(f"cannot reach {url}: {getattr(e, 'reason', e)}") from e


def load(server: str, files: list[Path], source: str | None, dry_run: bool, quiet: bool) -> int:
    missing = [str(p) for p in files if not p.is_file()]
    if missing:
        raise UnctGraphError(f"no such file: {', '.join(missing)}")
    fields = {"dry_run": "true" if dry_run else "false"}
    if source:
        fields["source"] = source
    body, content_type = _multipart(files, fields)
    status, answer = _post(server.rstrip("/") + "/load", body, content_type)
    for result in answer.get("files", []):
        say(list(result.get("report", [])), quiet)
        if dry_run:
            for line in result.get("changes", []):
                print(line)
        else:
            change = f" (change set {result['changeSet']})" if result.get("changeSet") else ""
            say([f"  {_summary(result)}{change}"], quiet)
    if status == 200:
        if dry_run:
            print(answer.get("summary", ""))
        return 0
    for error in answer.get("errors", []):
        print(error, file=sys.stderr)
    if "error" in answer:
        print(f"unct-graph: {server}: {answer['error']}", file=sys.stderr)
    return 1 if status == 422 else 2


def _summary(result: dict[str, Any]) -> str:
    return f"{result['added']} added, {result['removed']} removed, {result['changed']} changed"
