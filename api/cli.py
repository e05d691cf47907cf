"""`unct-graph`: a thin shell over loaders/, graph/ and api/.

Each command module registers its subcommands (`register(commands)`) with a
`run(args, settings) -> exit status` function as the parser default.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from api import cli_conformance, cli_data, cli_export, cli_generate, cli_keys
from api.cli_common import with_store
from graph.errors import RefusedError, StoreLockedError, UnctGraphError
from graph.open import open_store
from graph.settings import Settings
from loaders.problems import LoadError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="unct-graph", description="A GraphQL knowledge graph of UN country coordination."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    cli_data.register(commands)
    cli_keys.register(commands)
    cli_conformance.register(commands)
    cli_export.register(commands)
    cli_generate.register(commands)
    serve = with_store(commands.add_parser("serve", help="serve GraphQL over HTTP"))
    serve.add_argument("--host", help="default 127.0.0.1 ($HOST)")
    serve.add_argument("--port", type=int, help="default $PORT, else 8000")
    serve.set_defaults(run=_serve)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    settings = Settings()
    if getattr(args, "store", None):
        settings = settings.model_copy(update={"store": args.store})
    try:
        status: int = args.run(args, settings)
        return status
    except (LoadError, RefusedError) as e:
        for problem in e.problems:
            print(problem, file=sys.stderr)
        return 1
    except StoreLockedError as e:
        print(
            f"unct-graph: {e}\n  load into the running service instead: "
            "unct-graph load --server http://127.0.0.1:8000 FILE...",
            file=sys.stderr,
        )
        return 2
    except UnctGraphError as e:
        print(f"unct-graph: {e}", file=sys.stderr)
        return 2


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    from api.server import serve

    store = open_store(settings)
    host, port = args.host or settings.host, args.port or settings.port
    print(
        f"unct-graph: serving {store.description} at http://{host}:{port}/graphql", file=sys.stderr
    )
    serve(store, settings, host, port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
