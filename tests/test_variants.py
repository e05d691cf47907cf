"""Every way an office re-saves a real UN INFO export loads to the same facts as
the clean file, or is refused at its line for its actual cause, with the
store unchanged.

The variants come from tests/variants.py, made from each real export in
loaders/data/uninfo (the same files as ../shared/data/uninfo). The full set
is compared on the embedded store by the facts a load would write; a
representative subset is loaded on both engines and compared by their
GraphQL answers.
"""

from __future__ import annotations

import asyncio
import hashlib
import random
import re
import shutil
from collections.abc import Coroutine, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import pytest

from graph.embedded import EmbeddedStore
from graph.repository import Graph
from graph.store import GraphStore
from loaders import load, uninfo
from loaders.problems import LoadError
from tests import variants
from tests.conftest import TEMPLATES, StoreFactory, graphql_client, load_all, run
from tests.variants import Variant

UNINFO = Path(__file__).resolve().parent.parent / "loaders" / "data" / "uninfo"
EXPORTS = sorted(p for p in UNINFO.iterdir() if p.suffix in (".csv", ".xlsx"))
CSV_EXPORTS = [p for p in EXPORTS if p.suffix == ".csv"]
SEED = 20250611
PROBLEM = re.compile(r"^(?P<file>.+):(?P<line>\d+): (?P<message>.+)$")
T = TypeVar("T")


@cache
def _grid(name: str) -> variants.Grid:
    return variants.read_grid(next(p for p in EXPORTS if p.stem == name))


def _rng(*parts: object) -> random.Random:
    return random.Random("-".join(map(str, (SEED, *parts))))


@cache
def _csv_variants(name: str) -> dict[str, Variant]:
    return variants.csv_variants(name, _grid(name), _rng(name))


# (export, kind) pairs: cheap to list, so collecting the tests writes no file.
SMALL = CSV_EXPORTS[-1].stem
# Every kind from every export but the two largest, which get the kinds whose
# reading depends most on the content (encoding, dates) and the one that
# combines the most (European Excel).
LARGEST = {"asia-pacific_education", "europe-central-asia_youth"}
LARGE_KINDS = ("cp1252", "mdy", "blank", "eu")
GOOD = [
    (p.stem, k)
    for p in CSV_EXPORTS
    for k in (LARGE_KINDS if p.stem in LARGEST else variants.CSV_KINDS)
]
# The real workbook is the largest file: its every-layout variant stands for
# the layouts one at a time, which the small export as a workbook covers.
BIG_XLSX_KINDS = ("cover", "serial", "dmy", "everything")
GOOD += [(p.stem, f"xlsx-{k}") for p in EXPORTS if p.suffix == ".xlsx" for k in BIG_XLSX_KINDS]
# One CSV export as a workbook too, so both readers meet every layout.
GOOD += [(SMALL, f"xlsx-{k}") for k in variants.XLSX_KINDS]
BAD = [(CSV_EXPORTS[0].stem, k) for k in variants.BROKEN_KINDS]
BAD += [(p.stem, f"cut-{n}") for p in CSV_EXPORTS for n in range(3)]


@cache
def _workbook(name: str) -> bytes:
    return variants.workbook(_grid(name))


@cache
def _cuts(name: str) -> list[Variant]:
    return variants.truncations(name, _grid(name), _rng(name, "cut"), 3)


def good_variant(name: str, kind: str) -> Variant:
    if kind.startswith("xlsx-"):
        grid = _grid(name)
        return variants.xlsx_variant(name, grid, kind[5:], _rng(name, kind), _workbook(name))
    return _csv_variants(name)[kind]


def bad_variant(name: str, kind: str) -> Variant:
    if kind.startswith("cut-"):
        return _cuts(name)[int(kind[4:])]
    return variants.broken_csv_variants(name, _grid(name))[kind]


class Reference:
    """An embedded store holding the reference catalogues, reused by every
    variant, open on one event loop for the module: opening and closing the
    store around each variant would cost more than reading the variant."""

    def __init__(self, path: Path) -> None:
        shutil.copyfile(TEMPLATES.reference() or _missing(), path)
        self.store = EmbeddedStore(path)
        self._runner = asyncio.Runner()
        # Facts by file content: many variants share one clean file.
        self.known: dict[str, tuple[dict[Any, Any], dict[Any, Any]]] = {}

    def close(self) -> None:
        self._run(self.store.close())
        self._runner.close()

    def _run(self, coro: Coroutine[Any, Any, T]) -> T:
        result: T = run(coro, self._runner)
        return result

    def facts(self, path: Path) -> tuple[dict[Any, Any], dict[Any, Any]]:
        """What loading `path` would write: nodes and relationships with their properties."""
        key = hashlib.sha256(path.read_bytes()).hexdigest()
        if key not in self.known:
            batch, _ = self._run(uninfo.build(path, Graph(self.store)))
            self.known[key] = batch.nodes, batch.edges
        return self.known[key]

    def refuse(self, path: Path) -> LoadError:
        with pytest.raises(LoadError) as caught:
            self._run(load.load_file(self.store, path, "tests"))
        return caught.value

    def size(self) -> tuple[int, int]:
        return self._run(Graph(self.store).size())

    def dry_run(self, path: Path) -> list[str]:
        """The report of loading `path` without writing it."""
        return self._run(load.load_file(self.store, path, "tests", dry_run=True)).report.lines()


def _missing() -> Path:
    raise AssertionError("no reference template: the session's templates fixture is not set up")


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Reference]:
    made = Reference(tmp_path_factory.mktemp("variants") / "graph.lbug")
    yield made
    made.close()


@pytest.mark.parametrize("name,kind", GOOD, ids=[f"{n}-{k}" for n, k in GOOD])
def test_variant_gives_the_clean_files_facts(
    reference: Reference, tmp_path: Path, name: str, kind: str
) -> None:
    variant = good_variant(name, kind)
    facts = reference.facts(variant.write(tmp_path))
    baseline = reference.facts(variant.write_baseline(tmp_path))
    assert facts[0] == baseline[0]
    assert facts[1] == baseline[1]
    assert len(facts[0]) > 50


@pytest.mark.parametrize("name,kind", BAD, ids=[f"{n}-{k}" for n, k in BAD])
def test_broken_variant_is_refused_at_its_line(
    reference: Reference, tmp_path: Path, name: str, kind: str
) -> None:
    variant = bad_variant(name, kind)
    path = variant.write(tmp_path)
    before = reference.size()
    error = reference.refuse(path)
    printed = [str(p) for p in error.problems]
    assert all(PROBLEM.match(line) for line in printed), printed
    assert [p.line for p in error.problems] == [variant.error_line], printed
    for word in variant.error_words:
        assert word in printed[0], printed
    assert reference.size() == before


def test_the_generator_covers_every_export() -> None:
    for path in EXPORTS:
        assert any(name == path.stem for name, _ in GOOD), path
    kinds = {kind for _, kind in GOOD}
    assert set(variants.CSV_KINDS) <= kinds
    assert {f"xlsx-{k}" for k in variants.XLSX_KINDS} <= kinds
    cuts = [bad_variant(name, kind) for name, kind in BAD if kind.startswith("cut-")]
    assert len({v.name for v in cuts}) == 3 * len(CSV_EXPORTS)


def test_the_report_says_how_the_file_was_read(reference: Reference, tmp_path: Path) -> None:
    path = good_variant(SMALL, "eu").write(tmp_path)
    lines = reference.dry_run(path)
    read = next(line for line in lines if line.strip().startswith("read:"))
    assert "encoding cp1252" in read
    assert "delimiter ';'" in read
    assert "header on line 2" in read
    assert any("DD/MM/YYYY" in line for line in lines)


# --- a representative subset, loaded on both engines, compared by GraphQL answers ---
SUBSET = [(SMALL, "eu"), (SMALL, "xlsx-cover"), (SMALL, "blank")]
# Small enough for the API's cost limit: the countries, then their outcomes.
COUNTRIES = "{ countries { iso3 name multiCountry } }"
OUTCOMES = """query ($country: ID!) { outcomes(country: $country) { id code title
    framework { id title } sdgGoals { code } sdgTargets { code }
    contributors { agency { id } via } } }"""


def _answers(store: GraphStore, path: Path) -> Any:
    load_all(store, [path])
    with contextmanager(graphql_client)(store) as query:
        countries = query(COUNTRIES)["countries"]
        return [(c, query(OUTCOMES, country=c["iso3"])["outcomes"]) for c in countries]


@pytest.mark.parametrize("name,kind", SUBSET, ids=[f"{n}-{k}" for n, k in SUBSET])
def test_variant_answers_on_every_store(
    stores: StoreFactory, tmp_path: Path, name: str, kind: str
) -> None:
    variant = good_variant(name, kind)
    baseline = _answers(stores.new(), variant.write_baseline(tmp_path))
    answers = _answers(stores.new(), variant.write(tmp_path))
    assert answers == baseline
    assert len(answers) > 5 and all(outcomes for _, outcomes in answers)
