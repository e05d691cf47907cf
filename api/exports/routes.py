"""HTTP: GET /export/{ISO3}.jsonld, /export/{ISO3}.graphml, /export/{ISO3}.csv.zip,
and the vocabulary the JSON-LD uses, /export/vocabulary.ttl."""

from __future__ import annotations

import re

from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.routing import Route

from api.exports import FORMATS, export
from api.exports.jsonld import VOCABULARY
from graph.repository import Graph

_ISO3 = re.compile(r"^[A-Za-z]{3}$")


def routes(graph: Graph) -> list[Route]:
    async def vocabulary(request: Request) -> Response:
        return FileResponse(VOCABULARY, media_type="text/turtle")

    async def country_export(request: Request) -> Response:
        asked = _parse(str(request.path_params["name"]))
        if asked is None:
            return PlainTextResponse(
                "not found: ask for /export/ISO3.jsonld, .graphml or .csv.zip", status_code=404
            )
        iso3, fmt = asked
        if not await graph.countries_by_id([iso3]):
            return PlainTextResponse(f"unknown country {iso3}", status_code=404)
        body = await export(graph, [iso3], fmt)
        filename = f"{iso3}{FORMATS[fmt].suffix}"
        return Response(
            body,
            media_type=FORMATS[fmt].media_type,
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )

    return [
        Route("/export/vocabulary.ttl", vocabulary),
        Route("/export/{name}", country_export),
    ]


def _parse(name: str) -> tuple[str, str] | None:
    """`khm.csv.zip` -> ("KHM", "csv"); None for anything else."""
    for fmt, spec in FORMATS.items():
        iso3 = name.removesuffix(spec.suffix)
        if name.endswith(spec.suffix) and _ISO3.match(iso3):
            return iso3.upper(), fmt
    return None
