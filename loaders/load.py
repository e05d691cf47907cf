"""Loading files into a store: choose the format, build, write in one transaction."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

from graph import writer
from graph.batch import GraphBatch
from graph.repository import Graph
from graph.store import GraphStore
from loaders import iati, pack, reference, uninfo
from loaders.problems import LoadError, Problem
from loaders.report import LoadReport

Builder = Callable[[Path, Graph], Awaitable[tuple[GraphBatch, LoadReport]]]

BUILDERS: dict[str, Builder] = {
    ".yaml": pack.build,
    ".yml": pack.build,
    ".json": pack.build,
    ".csv": uninfo.build,
    ".xlsx": uninfo.build,
    ".xml": iati.build,
}

DEMO_DIR = Path(__file__).parent / "data" / "demo"
UNINFO_DIR = Path(__file__).parent / "data" / "uninfo"


def demo_files() -> list[Path]:
    return sorted(DEMO_DIR.glob("*.yaml"))


def sample_exports() -> list[Path]:
    return sorted(p for p in UNINFO_DIR.iterdir() if p.suffix in (".csv", ".xlsx"))


async def load_reference(store: GraphStore, write: bool = True) -> list[LoadReport]:
    """The SDG catalogue and the UN entities; loading them again changes nothing."""
    reports = []
    for batch, report in (reference.sdg_catalogue(), reference.un_entities()):
        if write:
            await store.write(writer.statements(batch, store.dialect))
            report.written = True
        reports.append(report)
    return reports


async def has_reference(store: GraphStore) -> bool:
    targets, _ = await Graph(store).sdg_codes()
    return bool(targets)


async def load_file(store: GraphStore, path: Path, write: bool = True) -> LoadReport:
    """Build the file's batch against what the store holds; write it as one transaction.

    With write=False this is a check: the same validation, nothing written.
    """
    builder = BUILDERS.get(path.suffix.lower())
    if builder is None:
        known = ", ".join(sorted(BUILDERS))
        raise LoadError([Problem(str(path), 1, f"unknown file type (expected {known})")])
    if not path.is_file():
        raise LoadError([Problem(str(path), 1, "no such file")])
    batch, report = await builder(path, Graph(store))
    if write:
        await store.write(writer.statements(batch, store.dialect))
        report.written = True
    return report


async def load_files(
    store: GraphStore,
    paths: Sequence[Path],
    write: bool = True,
    progress: Callable[[str], None] | None = None,
) -> list[LoadReport]:
    """Each file is all-or-nothing; the first file that fails stops the run."""
    reports = []
    for number, path in enumerate(paths, start=1):
        if progress:
            progress(f"[{number}/{len(paths)}] {path}")
        reports.append(await load_file(store, path, write))
    return reports
