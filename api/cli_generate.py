"""`unct-graph generate --countries N --seed S --out DIR`: a data set to load, generated.

Writes country packs and UN INFO-shaped exports (loaders.synthetic) for the
benchmark and the tests; the same N and seed write the same bytes.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from api.cli_common import say
from graph.settings import Settings
from loaders import synthetic


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    command = commands.add_parser(
        "generate", help="write generated country packs and UN INFO exports to load"
    )
    command.add_argument("--countries", type=int, required=True, help="how many countries")
    command.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    command.add_argument(
        "--out", type=Path, required=True, help="folder to write packs/ and uninfo/ in"
    )
    command.set_defaults(run=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    try:
        summary = synthetic.generate(args.countries, args.seed, args.out)
    except ValueError as e:
        say([f"unct-graph generate: {e}"])
        return 2
    print(summary.line(args.out))
    if summary.others:
        shown = ", ".join(str(p) for p in summary.others[:3])
        more = f" and {len(summary.others) - 3} more" if len(summary.others) > 3 else ""
        found = len(summary.others)
        say([f"note: {found} files this run did not write are there too: {shown}{more}"])
    return 0
