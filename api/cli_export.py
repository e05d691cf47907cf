"""`unct-graph export [--country ISO3] --format jsonld|graphml|csv [-o FILE]`."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from api.cli_common import with_store
from api.exports import FORMATS, export
from graph.conformance import UnknownCountryError
from graph.open import open_store
from graph.repository import Graph
from graph.settings import Settings
from graph.store import GraphStore


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    command = with_store(
        commands.add_parser(
            "export", help="write a country (or every country) as JSON-LD, GraphML or CSV"
        )
    )
    command.set_defaults(run=_run)
    command.add_argument("--country", help="ISO 3166 alpha-3 code (default: every country)")
    command.add_argument("--format", choices=sorted(FORMATS), required=True)
    command.add_argument(
        "-o", "--output", type=Path, help="file to write (default: standard output)"
    )


def _run(args: argparse.Namespace, settings: Settings) -> int:
    return asyncio.run(run(open_store(settings), args))


async def run(store: GraphStore, args: argparse.Namespace) -> int:
    try:
        await store.setup()
        graph = Graph(store)
        if args.country:
            countries = [args.country.upper()]
            if not await graph.countries_by_id(countries):
                raise UnknownCountryError(f"unknown country {countries[0]}")
        else:
            countries = [row["id"] for row in await graph.countries()]
        data = await export(graph, countries, args.format)
    finally:
        await store.close()
    if args.output:
        args.output.write_bytes(data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0
