"""`POST /load`: files loaded into the running service (editor keys).

The same path as `unct-graph load`: each uploaded file is a source, applied
in one transaction, all-or-nothing, with `FILE:LINE: message` errors. With
`dry_run=true` it answers with the preview and writes nothing. This is how an
embedded store, which the serving process holds, receives new data.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

from starlette.datastructures import FormData, UploadFile
from starlette.formparsers import MultiPartException
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.types import Receive, Scope, Send

from api.auth import principal_of
from graph.errors import RefusedError, UnctGraphError
from graph.keys import Role
from graph.store import GraphStore
from loaders import load
from loaders.problems import LoadError

MAX_FILES = 20
MAX_FILE_BYTES = 50 * 1024 * 1024
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._()+-]{0,199}$")


def _result(name: str, loaded: load.Loaded) -> dict[str, Any]:
    plan = loaded.plan
    counts = {op: sum(1 for c in plan.changes if c.op.value == op) for op in "+-~"}
    return {
        "file": name,
        "source": plan.source.name,
        "written": loaded.written,
        "changeSet": loaded.change_set,
        "added": counts["+"],
        "removed": counts["-"],
        "changed": counts["~"],
        "changes": [c.text() for c in plan.changes],
        "report": loaded.report.lines(),
    }


class LoadEndpoint:
    def __init__(self, store: GraphStore) -> None:
        self.store = store

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = await self.handle(Request(scope, receive))
        await response(scope, receive, send)

    async def handle(self, request: Request) -> JSONResponse:
        principal = principal_of(request.scope)
        if not principal.may(Role.EDITOR):
            status = 401 if principal.role is None else 403
            return JSONResponse({"error": "loading needs an editor key"}, status_code=status)
        try:
            async with request.form(
                max_files=MAX_FILES, max_fields=10, max_part_size=MAX_FILE_BYTES
            ) as form:
                return await self._form(form, principal.name)
        except MultiPartException as e:
            return JSONResponse({"error": f"not a valid multipart upload: {e}"}, status_code=400)

    async def _form(self, form: FormData, actor: str) -> JSONResponse:
        uploads = [f for f in form.getlist("files") if isinstance(f, UploadFile)]
        if not uploads:
            return JSONResponse({"error": "no files: send them in the field `files`"}, 400)
        source = form.get("source")
        if source is not None and (not isinstance(source, str) or len(uploads) != 1):
            return JSONResponse({"error": "`source` names the source of one file"}, 400)
        dry_run = str(form.get("dry_run", "false")).lower() in ("1", "true", "yes")
        return await self._load(uploads, source, dry_run, actor)

    async def _load(
        self, uploads: list[UploadFile], source: str | None, dry_run: bool, actor: str
    ) -> JSONResponse:
        results: list[dict[str, Any]] = []
        with tempfile.TemporaryDirectory(prefix="unct-graph-upload-") as folder:
            try:
                paths = [await _save(upload, Path(folder)) for upload in uploads]
                if not dry_run:
                    await load.ensure_reference(self.store, actor)
                for path in paths:
                    loaded = await load.load_file(self.store, path, actor, source, dry_run)
                    results.append(_result(path.name, loaded))
            except (LoadError, RefusedError) as e:
                errors = [str(p).replace(f"{folder}/", "") for p in e.problems]
                return JSONResponse({"errors": errors, "files": results}, status_code=422)
            except UnctGraphError as e:
                return JSONResponse(
                    {"error": str(e).replace(f"{folder}/", ""), "files": results}, 422
                )
        summary = {op: sum(r[op] for r in results) for op in ("added", "removed", "changed")}
        line = (
            f"{summary['added']} added, {summary['removed']} removed, {summary['changed']} changed"
        )
        return JSONResponse({"files": results, "summary": line})


async def _save(upload: UploadFile, folder: Path) -> Path:
    name = Path(upload.filename or "").name
    if not _SAFE_NAME.match(name):
        raise UnctGraphError(
            f"{name or '(no name)'}: a file name of letters, digits and . _ - ( ) +"
        )
    path = folder / name
    if path.exists():
        raise UnctGraphError(f"{name}: sent twice")
    path.write_bytes(await upload.read())
    return path
