"""What the CLI's commands share: the --store option, who is acting, output."""

from __future__ import annotations

import argparse
import getpass
import sys


def with_store(command: argparse.ArgumentParser) -> argparse.ArgumentParser:
    command.add_argument(
        "--store",
        help="embedded:PATH or a bolt:// / neo4j:// URI (default: $UNCT_GRAPH_STORE, "
        "else embedded:.unct-graph/graph.lbug)",
    )
    return command


def actor() -> str:
    """Who a change made from this shell is attributed to."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no user name in a bare container
        return "cli"


def say(lines: list[str], quiet: bool = False) -> None:
    """Progress and reports go to stderr, so stdout stays for results."""
    if lines and not quiet:
        print("\n".join(lines), file=sys.stderr, flush=True)
