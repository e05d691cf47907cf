"""`unct-graph export [--country ISO3] --format jsonld|graphml|csv [-o FILE]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from api.exports import FORMATS, export
from graph.conformance import UnknownCountryError
from graph.repository import Graph
from graph.store import GraphStore


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    command = commands.add_parser(
        "export", help="write a country (or every country) as JSON-LD, GraphML or CSV"
    )
    command.add_argument("--country", help="ISO 3166 alpha-3 code (default: every country)")
    command.add_argument("--format", choices=sorted(FORMATS), required=True)
    command.add_argument(
        "-o", "--output", type=Path, help="file to write (default: standard output)"
    )


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
