"""Bad files are refused with FILE:LINE: message, and leave the store as it was."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from api.cli import main
from graph.embedded import EmbeddedStore
from graph.repository import Graph
from graph.store import GraphStore
from loaders import load
from loaders.problems import LoadError
from tests.conftest import StoreFactory, load_all, run

UNINFO = Path(__file__).resolve().parent.parent / "loaders" / "data" / "uninfo"

GOOD_PACK = """\
country: {iso3: TST, name: Testland}
framework:
  id: TST-UNSDCF-2020
  title: Testland Cooperation Framework 2020-2024
  start_year: 2020
  end_year: 2024
agencies:
  - {id: UNDP}
  - {id: UNICEF}
bodies:
  - id: TST-UNCT
    kind: UNCT
    name: UN Country Team in Testland
    members:
      - {agency: UNDP, role: CHAIR, since: 2020-01-01}
  - id: TST-RG1
    kind: RESULTS_GROUP
    name: Results Group 1
    reports_to:
      - {body: TST-UNCT}
    members:
      - {agency: UNICEF, role: CHAIR}
    outcomes: [TST-UNSDCF-2020/O1]
outcomes:
  - id: TST-UNSDCF-2020/O1
    code: "1"
    title: People are resilient
    sdg_targets: ["13.1"]
    sdg_goals: ["13"]
    contributors: [UNDP, UNICEF]
"""

# Each case: (name, the line to replace, its replacement, words the message must contain)
BREAKS = [
    (
        "unknown key",
        "    name: Results Group 1",
        "    name: Results Group 1\n    colour: blue",
        ["colour"],
    ),
    ("bad enum", "    kind: RESULTS_GROUP", "    kind: COMMITTEE", ["COMMITTEE"]),
    (
        "bad date",
        "      - {agency: UNDP, role: CHAIR, since: 2020-01-01}",
        "      - {agency: UNDP, role: CHAIR, since: 2017-13-01}",
        ["since"],
    ),
    ("unresolved body", "      - {body: TST-UNCT}", "      - {body: NOPE}", ["NOPE"]),
    ("unknown target", '    sdg_targets: ["13.1"]', '    sdg_targets: ["13.9"]', ["13.9"]),
    (
        "unknown agency ref",
        "      - {agency: UNICEF, role: CHAIR}",
        "      - {agency: NOT-AN-AGENCY, role: CHAIR}",
        ["NOT-AN-AGENCY"],
    ),
]

PROBLEM = re.compile(r"^(?P<file>.+):(?P<line>\d+): (?P<message>.+)$")


def snapshot(store: GraphStore) -> tuple[tuple[int, int], list[str]]:
    async def go() -> tuple[tuple[int, int], list[str]]:
        try:
            await store.setup()
            graph = Graph(store)
            size = await graph.size()
            outcomes = sorted(str(r["id"]) for r in await graph.outcomes(None, None, None))
            return size, outcomes
        finally:
            await store.close()

    result: tuple[tuple[int, int], list[str]] = run(go())
    return result


def try_load(store: GraphStore, path: Path) -> LoadError:
    async def go() -> None:
        try:
            await store.setup()
            await load.load_file(store, path, "tests")
        finally:
            await store.close()

    with pytest.raises(LoadError) as caught:
        run(go())
    return caught.value


def line_of(text: str, fragment: str) -> int:
    lines = text.splitlines()
    found = [n for n, line in enumerate(lines, start=1) if line == fragment]
    assert len(found) == 1, fragment
    return found[0]


@pytest.fixture
def loaded(stores: StoreFactory) -> GraphStore:
    """A store with the reference data and the demo packs."""
    return stores.demo(samples=False)


@pytest.mark.parametrize("name,old,new,words", BREAKS, ids=[b[0] for b in BREAKS])
def test_bad_pack(
    loaded: GraphStore, tmp_path: Path, name: str, old: str, new: str, words: list[str]
) -> None:
    assert old in GOOD_PACK
    text = GOOD_PACK.replace(old, new)
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    before = snapshot(loaded)
    error = try_load(loaded, path)
    assert error.problems
    expected_line = line_of(text, new.splitlines()[-1])
    printed = [str(p) for p in error.problems]
    for line in printed:
        match = PROBLEM.match(line)
        assert match, line
        assert match["file"] == str(path)
    assert [p.line for p in error.problems] == [expected_line], printed
    assert all(w in printed[0] for w in words), printed
    assert snapshot(loaded) == before


def test_many_problems_reported_at_once(loaded: GraphStore, tmp_path: Path) -> None:
    text = GOOD_PACK.replace("      - {body: TST-UNCT}", "      - {body: NOPE}").replace(
        '    sdg_targets: ["13.1"]', '    sdg_targets: ["13.9"]'
    )
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    before = snapshot(loaded)
    error = try_load(loaded, path)
    assert sorted(p.line for p in error.problems) == sorted(
        [line_of(text, "      - {body: NOPE}"), line_of(text, '    sdg_targets: ["13.9"]')]
    )
    assert snapshot(loaded) == before


def test_good_pack_loads_once_and_twice(loaded: GraphStore, tmp_path: Path) -> None:
    path = tmp_path / "good.yaml"
    path.write_text(GOOD_PACK, encoding="utf-8")
    before = snapshot(loaded)
    load_all(loaded, [path])
    once = snapshot(loaded)
    assert once != before
    assert "TST-UNSDCF-2020/O1" in once[1]
    load_all(loaded, [path])
    assert snapshot(loaded) == once


def test_demo_packs_twice_change_nothing(loaded: GraphStore) -> None:
    before = snapshot(loaded)
    load_all(loaded, [], demo=True)
    assert snapshot(loaded) == before


def _break_csv(source: Path, target: Path, column: str, value: str) -> int:
    """Copy a UN INFO export with `column` of its last record set to `value`; its line."""
    with source.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = list(reader.fieldnames or [])
        records: list[tuple[int, dict[str, str]]] = []
        start = reader.line_num + 1
        for row in reader:
            records.append((start, row))
            start = reader.line_num + 1
    line, last = records[-1]
    last[column] = value
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, quoting=csv.QUOTE_ALL)
        writer.writeheader()
        writer.writerows(row for _, row in records)
    with target.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        starts = []
        start = reader.line_num + 1
        for _ in reader:
            starts.append(start)
            start = reader.line_num + 1
    assert starts[-1] == line  # every record on the same line as in the original
    return starts[-1]


@pytest.mark.parametrize(
    "column,value",
    [
        ("SDG Targets", "99.9 Nonsense"),
        ("Total required resources", "abc"),
        ("SDG Goals", "Nothing to see"),
    ],
)
def test_bad_uninfo_row(loaded: GraphStore, tmp_path: Path, column: str, value: str) -> None:
    path = tmp_path / "broken.csv"
    line = _break_csv(UNINFO / "arab-states_youth.csv", path, column, value)
    assert line > 100
    before = snapshot(loaded)
    error = try_load(loaded, path)
    printed = [str(p) for p in error.problems]
    assert [p.line for p in error.problems] == [line], printed
    assert printed[0].startswith(f"{path}:{line}: {column}"), printed
    assert snapshot(loaded) == before


def test_cli_load_bad_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = GOOD_PACK.replace("    kind: RESULTS_GROUP", "    kind: COMMITTEE")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    code = main(["load", "-q", "--store", f"embedded:{tmp_path}/g.lbug", str(bad)])
    assert code != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [line for line in err if PROBLEM.match(line)]
    assert any(line.startswith(f"{bad}:{line_of(text, '    kind: COMMITTEE')}: ") for line in err)


def test_cli_check_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "g.lbug"
    pack = load.demo_files()[0]
    assert main(["check", "-q", "--store", f"embedded:{db}", str(pack)]) == 0
    assert capsys.readouterr().err == ""
    store = EmbeddedStore(db)
    assert snapshot(store) == ((0, 0), [])


TARGET_139 = '    sdg_targets: ["13.9"]'


def test_cli_check_bad_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "g.lbug"
    text = GOOD_PACK.replace('    sdg_targets: ["13.1"]', TARGET_139)
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    assert main(["check", "-q", "--store", f"embedded:{db}", str(bad)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err and all(PROBLEM.match(line) for line in err)
    assert err[0].startswith(f"{bad}:{line_of(text, TARGET_139)}: ")
    assert snapshot(EmbeddedStore(db)) == ((0, 0), [])


def test_cli_load_then_good(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "g.lbug"
    good = tmp_path / "good.yaml"
    good.write_text(GOOD_PACK, encoding="utf-8")
    assert main(["load", "-q", "--store", f"embedded:{db}", str(good)]) == 0
    assert capsys.readouterr().err == ""
    _, outcomes = snapshot(EmbeddedStore(db))
    assert outcomes == ["TST-UNSDCF-2020/O1"]
