"""`unct-graph load | check | sources | unload`: files in, sources out.

`load` applies each file as a source (one transaction per file); `check`
(and `load --dry-run`) prints what loading would change and writes nothing,
not even an empty store; with `--server` both go through a running service
instead of opening the store, which is how an embedded store held by a server
gets new data.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from collections import Counter
from pathlib import Path

from api import remote
from api.cli_common import actor, say, with_store
from graph.embedded import EmbeddedStore
from graph.errors import UnctGraphError
from graph.open import open_store
from graph.repository import Graph
from graph.settings import Settings
from graph.sources import Op
from graph.store import GraphStore
from loaders import load


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    loader = with_store(commands.add_parser("load", help="load files, each replacing its source"))
    _file_arguments(loader)
    loader.add_argument(
        "--dry-run", action="store_true", help="show what would change; write nothing"
    )
    loader.set_defaults(run=run_load)
    check = with_store(commands.add_parser("check", help="show what loading would change"))
    _file_arguments(check)
    check.set_defaults(run=run_check, dry_run=True)
    sources = with_store(commands.add_parser("sources", help="list the loaded sources"))
    sources.set_defaults(run=run_sources)
    unload = with_store(commands.add_parser("unload", help="remove everything a source states"))
    unload.add_argument("name", help="the source's name, as `unct-graph sources` lists it")
    unload.set_defaults(run=run_unload)


def _file_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "files",
        nargs="*",
        type=Path,
        help="country packs (.yaml/.yml/.json), UN INFO exports (.csv/.xlsx)",
    )
    command.add_argument("--source", help="the source's name (default: the file's name)")
    command.add_argument(
        "--reference",
        action="store_true",
        help="(re)load the bundled SDG framework and UN entities (loaded anyway when the "
        "store lacks them)",
    )
    command.add_argument("--demo", action="store_true", help="the bundled demo country packs")
    command.add_argument("--samples", action="store_true", help="the bundled real UN INFO exports")
    command.add_argument(
        "--server",
        help="a running service's URL, e.g. http://127.0.0.1:8000 (key: $UNCT_GRAPH_KEY)",
    )
    command.add_argument("-q", "--quiet", action="store_true", help="print errors only")


def _files(args: argparse.Namespace) -> list[Path]:
    files: list[Path] = list(args.files)
    if args.demo:
        files += load.demo_files()
    if args.samples:
        files += load.sample_exports()
    if args.source and len(files) != 1:
        raise UnctGraphError("--source names the source of one file; give exactly one")
    if not files and not args.reference:
        raise UnctGraphError("name files to load, or --reference, --demo, --samples")
    return files


def run_load(args: argparse.Namespace, settings: Settings) -> int:
    files = _files(args)
    if args.server:
        return remote.load(args.server, files, args.source, args.dry_run, args.quiet)
    if args.dry_run:
        return run_check(args, settings)
    return asyncio.run(_load(open_store(settings), files, args))


async def _load(store: GraphStore, files: list[Path], args: argparse.Namespace) -> int:
    who = actor()
    try:
        await store.setup()
        if args.reference:
            reports = await load.load_reference(store, who)
        else:
            reports = await load.ensure_reference(store, who)
        for report in reports:
            say(report.lines(), args.quiet)
        for path in files:
            say([f"loading {path} ..."], args.quiet)
            loaded = await load.load_file(store, path, who, args.source)
            change = f" (change set {loaded.change_set})" if loaded.change_set else ""
            say([*loaded.report.lines(), f"  {loaded.plan.summary()}{change}"], args.quiet)
    finally:
        await store.close()
    return 0


def run_check(args: argparse.Namespace, settings: Settings) -> int:
    files = _files(args)
    if args.server:
        return remote.load(args.server, files, args.source, True, args.quiet)
    return asyncio.run(_check(settings, files, args))


async def _check(settings: Settings, files: list[Path], args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="unct-graph-check-") as scratch:
        store = await _store_to_check(settings, Path(scratch), args.quiet)
        totals: Counter[Op] = Counter()
        try:
            for path in files:
                say([f"checking {path} ..."], args.quiet)
                loaded = await load.load_file(store, path, actor(), args.source, dry_run=True)
                say(loaded.report.lines(), args.quiet)
                for change in loaded.plan.changes:
                    print(change.text())
                    totals[change.op] += 1
        finally:
            await store.close()
    print(f"{totals[Op.ADDED]} added, {totals[Op.REMOVED]} removed, {totals[Op.CHANGED]} changed")
    return 0


async def _store_to_check(settings: Settings, scratch: Path, quiet: bool) -> GraphStore:
    """The store to preview against, opened so that nothing is written to it.

    A store that does not exist yet, or has no reference catalogues, is
    previewed as an empty store: a scratch store holding only the catalogues.
    """
    target = settings.store
    store: GraphStore | None = None
    if target.startswith("embedded:"):
        path = Path(target.removeprefix("embedded:"))
        if path.exists():
            store = EmbeddedStore(path, read_only=True)
    else:
        store = open_store(settings)
    if store is not None and await load.reference_is_current(store):
        return store
    if store is not None:
        await store.close()
    say(["the store has no reference data yet; checking against the bundled catalogues"], quiet)
    scratch_store = EmbeddedStore(scratch / "graph.lbug")
    await scratch_store.setup()
    await load.load_reference(scratch_store, actor())
    return scratch_store


def run_sources(args: argparse.Namespace, settings: Settings) -> int:
    async def listing() -> list[str]:
        store = open_store(settings)
        try:
            await store.setup()
            rows = await Graph(store).sources()
        finally:
            await store.close()
        return [_source_line(row) for row in rows]

    lines = asyncio.run(listing())
    print("\n".join(lines) if lines else "no sources loaded")
    return 0


def _source_line(row: dict[str, object]) -> str:
    digest = str(row["hash"] or "-")[:12]
    return (
        f"{row['name']}\t{row['kind']}\tloaded {row['loadedAt']} by {row['actor']}\t"
        f"sha256 {digest}\t{row['nodes']} nodes, {row['relationships']} relationships"
    )


def run_unload(args: argparse.Namespace, settings: Settings) -> int:
    async def go() -> str:
        store = open_store(settings)
        try:
            await store.setup()
            applied = await load.unload(store, args.name, actor())
        finally:
            await store.close()
        change = f" (change set {applied.change_set})" if applied.change_set else ""
        return f"unloaded {args.name}: {applied.plan.summary()}{change}"

    print(asyncio.run(go()))
    return 0
