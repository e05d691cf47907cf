"""Loading files into a store: choose the format, build a batch, apply it as a source.

Each file is a source (named by the file's name unless told otherwise) and
lands in one transaction through graph.apply: loading it again replaces what
it said before. The reference catalogues are one source, `reference`, loaded
whole in one transaction, and reloaded whenever the store lacks them or holds
an older version.
"""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from graph.apply import Applied, apply, preview, unload_source
from graph.batch import GraphBatch
from graph.repository import Graph
from graph.sources import Plan, Source, SourceKind
from graph.store import GraphStore, Reader
from loaders import iati, pack, plans, reference, uninfo
from loaders.problems import LoadError, Problem
from loaders.report import LoadReport

Builder = Callable[[Path, Graph], Awaitable[tuple[GraphBatch, LoadReport]]]


@dataclass(frozen=True)
class Format:
    build: Builder
    kind: SourceKind


FORMATS: dict[str, Format] = {
    ".yaml": Format(pack.build, SourceKind.PACK),
    ".yml": Format(pack.build, SourceKind.PACK),
    ".json": Format(pack.build, SourceKind.PACK),
    ".csv": Format(uninfo.build, SourceKind.DATA),
    ".xlsx": Format(uninfo.build, SourceKind.DATA),
    ".xml": Format(iati.build, SourceKind.DATA),
}

DEMO_DIR = Path(__file__).parent / "data" / "demo"
UNINFO_DIR = Path(__file__).parent / "data" / "uninfo"
REFERENCE_SOURCE = "reference"


@dataclass(frozen=True)
class Loaded:
    """One file (or the reference catalogues) after a load or a preview."""

    report: LoadReport
    plan: Plan
    change_set: str | None = None
    written: bool = False


def demo_files() -> list[Path]:
    return sorted(DEMO_DIR.glob("*.yaml"))


def sample_exports() -> list[Path]:
    return sorted(p for p in UNINFO_DIR.iterdir() if p.suffix in (".csv", ".xlsx"))


def _hash(paths: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _reference() -> tuple[Source, GraphBatch, list[LoadReport]]:
    batch, reports = GraphBatch(), []
    for part, report in (reference.sdg_catalogue(), reference.un_entities()):
        batch.merge(part)
        reports.append(report)
    files = sorted(reference.DATA.glob("sdg/*.csv")) + sorted(reference.DATA.glob("entities/*.csv"))
    source = Source(REFERENCE_SOURCE, SourceKind.REFERENCE, str(reference.DATA), _hash(files))
    return source, batch, reports


async def load_reference(store: GraphStore, actor: str) -> list[LoadReport]:
    """The SDG catalogue and the UN entities, as one source in one transaction."""
    source, batch, reports = _reference()
    applied = await apply(store, source, batch, actor)
    for report in reports:
        report.written = applied.written
    return reports


async def reference_is_current(reader: Reader) -> bool:
    """True when the store holds the bundled catalogues, whole and up to date."""
    source, _, _ = _reference()
    known = await Graph(reader).sources([REFERENCE_SOURCE])
    return bool(known) and known[0]["hash"] == source.hash


async def ensure_reference(store: GraphStore, actor: str) -> list[LoadReport]:
    """Loads the catalogues when missing or outdated (a store a crash left without them)."""
    if await reference_is_current(store):
        return []
    return await load_reference(store, actor)


def source_for(path: Path, name: str | None = None) -> Source:
    """The source a file is loaded as: its name, unless `name` says otherwise."""
    fmt = _format(path)
    return Source(name or path.name, fmt.kind, str(path), _hash([path]))


def _format(path: Path) -> Format:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(FORMATS))
        raise LoadError([Problem(str(path), 1, f"unknown file type (expected {known})")])
    if not path.is_file():
        raise LoadError([Problem(str(path), 1, "no such file")])
    return fmt


async def build(reader: Reader, path: Path) -> tuple[GraphBatch, LoadReport]:
    """The file's batch, validated against what the store holds."""
    return await _format(path).build(path, Graph(reader))


async def load_file(
    store: GraphStore,
    path: Path,
    actor: str,
    source_name: str | None = None,
    dry_run: bool = False,
) -> Loaded:
    """Builds the file's batch and applies it as its source (or only previews it)."""
    source = source_for(path, source_name)
    batch, report = await build(store, path)
    rejoins = await plans.to_rejoin(Graph(store), batch) if source.kind is SourceKind.PACK else []
    again = await _exports_to_load_again(store, path, rejoins)
    if dry_run:
        report.notes += [f"{r.plan!r} would join framework {r.framework}" for r in rejoins]
        return Loaded(report, await preview(store, source, batch))
    applied: Applied = await apply(store, source, batch, actor)
    report.written = True
    for name, export in again:
        await load_file(store, export, actor, name)
        joined = [r for r in rejoins if name in r.sources]
        report.notes += [
            f"{r.plan!r} joins framework {r.framework}: {name} loaded again" for r in joined
        ]
    return Loaded(report, applied.plan, applied.change_set, applied.written)


async def _exports_to_load_again(
    store: GraphStore, path: Path, rejoins: list[plans.Rejoin]
) -> list[tuple[str, Path]]:
    """Each export holding a plan the pack describes, with its file, unchanged.

    Loaded again after the pack, the export joins its plan to the pack's
    framework, as if it had been loaded second. Without its file at hand the
    pack is refused: two frameworks for one plan would be silently wrong.
    """
    names = sorted({name for r in rejoins for name in r.sources})
    if not names:
        return []  # most files: nothing to join, and no read of the sources
    known = {row["name"]: row for row in await Graph(store).sources(names)}
    found, problems = [], []
    for name in names:
        row = known.get(name) or {}
        file = Path(row["file"]) if row.get("file") else None
        if file is not None and file.is_file() and _hash([file]) == row.get("hash"):
            found.append((name, file))
            continue
        rejoin = next(r for r in rejoins if name in r.sources)
        problems.append(
            Problem(
                str(path),
                rejoin.line or 1,
                f"framework {rejoin.framework} is the plan {rejoin.plan!r} that {name} "
                f"loaded as a framework of its own ({rejoin.own}), and {name} is not at "
                f"hand unchanged to load again: unload {name}, load this file, then load "
                f"{name} again",
            )
        )
    if problems:
        raise LoadError(problems)
    return found


async def unload(store: GraphStore, name: str, actor: str) -> Applied:
    """Retracts everything a source asserts and forgets the source."""
    return await unload_source(store, name, actor)
