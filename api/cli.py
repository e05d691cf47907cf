"""`unct-graph`: load, check and serve. A thin shell over loaders/ and api/."""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from graph.embedded import EmbeddedStore
from graph.errors import UnctGraphError
from graph.open import open_store
from graph.settings import Settings
from graph.store import GraphStore
from loaders import load
from loaders.problems import LoadError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="unct-graph", description="A GraphQL knowledge graph of UN country coordination."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    def with_store(command: argparse.ArgumentParser) -> argparse.ArgumentParser:
        command.add_argument(
            "--store",
            help="embedded:PATH or a bolt:// / neo4j:// URI (default: $UNCT_GRAPH_STORE, "
            "else embedded:.unct-graph/graph.lbug)",
        )
        return command

    for name, helptext in (
        ("load", "load files into the store (each file all-or-nothing)"),
        ("check", "validate files against the store without writing anything"),
    ):
        command = with_store(commands.add_parser(name, help=helptext))
        command.add_argument(
            "files",
            nargs="*",
            type=Path,
            help="country packs (.yaml/.yml/.json), UN INFO exports (.csv/.xlsx)",
        )
        command.add_argument(
            "--reference",
            action="store_true",
            help="the bundled SDG framework and UN entities (implied when the "
            "store has no SDG catalogue yet)",
        )
        command.add_argument("--demo", action="store_true", help="the bundled demo country packs")
        command.add_argument(
            "--samples", action="store_true", help="the bundled real UN INFO exports"
        )
        command.add_argument("-q", "--quiet", action="store_true", help="print errors only")

    serve = with_store(commands.add_parser("serve", help="serve GraphQL over HTTP"))
    serve.add_argument("--host", help="default 127.0.0.1 ($HOST)")
    serve.add_argument("--port", type=int, help="default $PORT, else 8000")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    settings = Settings()
    if args.store:
        settings = settings.model_copy(update={"store": args.store})
    try:
        store = open_store(settings)
        if args.command == "serve":
            return _serve(store, settings, args.host or settings.host, args.port or settings.port)
        return asyncio.run(_load(store, args, write=args.command == "load"))
    except LoadError as e:
        for problem in e.problems:
            print(problem, file=sys.stderr)
        return 1
    except UnctGraphError as e:
        print(f"unct-graph: {e}", file=sys.stderr)
        return 2


async def _load(store: GraphStore, args: argparse.Namespace, write: bool) -> int:
    files: list[Path] = list(args.files)
    if args.demo:
        files += load.demo_files()
    if args.samples:
        files += load.sample_exports()
    if not files and not args.reference:
        print("unct-graph: name files to load, or --reference, --demo, --samples", file=sys.stderr)
        return 2

    def say(lines: list[str]) -> None:
        if not args.quiet:
            print("\n".join(lines), file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory(prefix="unct-graph-check-") as scratch:
        await store.setup()
        if not write and not await load.has_reference(store):
            # A check must not write, yet SDG codes and agencies resolve against
            # the reference catalogues: check against a scratch store holding
            # only the bundled catalogues.
            say(["the store has no reference data; checking against the bundled catalogues"])
            await store.close()
            store = EmbeddedStore(Path(scratch) / "graph.lbug")
            await store.setup()
            await load.load_reference(store)
        return await _load_into(store, files, args.reference, write, say)


async def _load_into(
    store: GraphStore,
    files: list[Path],
    reference: bool,
    write: bool,
    say: Callable[[list[str]], None],
) -> int:
    try:
        if write and (reference or not await load.has_reference(store)):
            for report in await load.load_reference(store):
                say(report.lines())
        for path in files:
            say([f"{'loading' if write else 'checking'} {path} ..."])
            report = await load.load_file(store, path, write=write)
            say(report.lines())
    finally:
        await store.close()
    return 0


def _serve(store: GraphStore, settings: Settings, host: str, port: int) -> int:
    from api.server import serve

    print(
        f"unct-graph: serving {store.description} at http://{host}:{port}/graphql", file=sys.stderr
    )
    serve(store, settings, host, port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
