"""`unct-graph conformance ISO3`: the Delivering-as-One rules, run over one country."""

from __future__ import annotations

import argparse
import asyncio
import json
from datetime import date

from api.cli_common import with_store
from graph import conformance
from graph.conformance import DEFAULT_GAP_THRESHOLD, Report, Severity
from graph.open import open_store
from graph.repository import Graph
from graph.settings import Settings
from graph.store import GraphStore


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    command = with_store(
        commands.add_parser(
            "conformance", help="check a country against the Delivering-as-One rules"
        )
    )
    command.set_defaults(run=_run)
    command.add_argument("country", help="ISO 3166 alpha-3 code, e.g. VNM")
    command.add_argument(
        "--as-of", type=date.fromisoformat, help="judge the structure of this day (YYYY-MM-DD)"
    )
    command.add_argument("--format", choices=("text", "json"), default="text")
    command.add_argument(
        "--gap-threshold",
        type=float,
        default=DEFAULT_GAP_THRESHOLD,
        help=f"report funding gaps above this many USD (default {DEFAULT_GAP_THRESHOLD:,.0f})",
    )


def _run(args: argparse.Namespace, settings: Settings) -> int:
    print(asyncio.run(findings(open_store(settings), args)))
    return 0


async def findings(store: GraphStore, args: argparse.Namespace) -> str:
    options = conformance.Options(
        as_of=args.as_of or date.today(), funding_gap_threshold=args.gap_threshold
    )
    iso3 = args.country.upper()
    try:
        await store.setup()
        reports = await conformance.check(Graph(store), [iso3], options)
    finally:
        await store.close()
    if args.format == "json":
        return json.dumps([f.as_dict() for f in reports[iso3].findings], indent=2)
    return "\n".join(text(reports[iso3], options.as_of))


def text(report: Report, as_of: date) -> list[str]:
    """A heading with the score, then one line per finding."""
    counts = ", ".join(
        f"{report.count(s)} {s.value.lower()}" for s in (Severity.ERROR, Severity.WARNING)
    )
    lines = [
        f"{report.country} as of {as_of}: {len(report.passed)} of {len(report.checked)} "
        f"rules passed (score {report.score:.2f}); {counts}, "
        f"{report.count(Severity.INFO)} info"
    ]
    lines += [f"{f.severity.value:<7} {f.rule}: {f.message}" for f in report.findings]
    return lines
