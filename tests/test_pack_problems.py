"""A country pack's problems all show in one run: shape and references together.

Only a YAML syntax error stops early, at its line. Checked against a store
holding only the reference catalogues (every engine reads the same way).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.store import GraphStore
from loaders.problems import LoadError
from tests.conftest import StoreFactory, load_all
from tests.test_load_errors import GOOD_PACK, line_of, snapshot, try_load

MISTAKES = [
    ("    kind: RESULTS_GROUP", "    kind: COMMITTEE", "COMMITTEE"),
    (
        "      - {agency: UNDP, role: CHAIR, since: 2020-01-01}",
        "      - {agency: UNDP, role: CHAIR, since: 2017-13-01}",
        "since",
    ),
    ("      - {body: TST-UNCT}", "      - {body: NOPE}", "NOPE"),
    ('    sdg_targets: ["13.1"]', '    sdg_targets: ["13.9"]', "13.9"),
    ("    name: Results Group 1", "    name: Results Group 1\n    colour: blue", "colour"),
    (
        "      - {agency: UNICEF, role: CHAIR}",
        "      - {agency: NOT-AN-AGENCY, role: CHAIR}",
        "NOT-AN-AGENCY",
    ),
]


@pytest.fixture
def reference_only(stores: StoreFactory) -> GraphStore:
    store = stores.new()
    load_all(store, [])
    return store


def test_every_mistake_is_reported_in_one_run(reference_only: GraphStore, tmp_path: Path) -> None:
    text = GOOD_PACK
    for old, new, _ in MISTAKES:
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    before = snapshot(reference_only)
    error = try_load(reference_only, path)
    printed = [str(p) for p in error.problems]
    expected = sorted(line_of(text, new.splitlines()[-1]) for _, new, _ in MISTAKES)
    assert [p.line for p in error.problems] == expected, printed
    for (_, _new, word), line in zip(
        sorted(MISTAKES, key=lambda m: line_of(text, m[1].splitlines()[-1])), expected, strict=True
    ):
        assert any(p.startswith(f"{path}:{line}: ") and word in p for p in printed), (word, printed)
    assert snapshot(reference_only) == before


def test_a_reference_to_a_broken_entry_is_not_reported_twice(
    reference_only: GraphStore, tmp_path: Path
) -> None:
    text = GOOD_PACK.replace("    kind: UNCT", "    kind: TEAM")  # TST-UNCT is broken
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    error = try_load(reference_only, path)
    assert [p.line for p in error.problems] == [line_of(text, "    kind: TEAM")]
    assert "TEAM" in str(error.problems[0])


def test_yaml_syntax_error_stops_early_at_its_line(
    reference_only: GraphStore, tmp_path: Path
) -> None:
    text = GOOD_PACK.replace("    kind: RESULTS_GROUP", "    kind: [RESULTS_GROUP")
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LoadError):
        load_all(reference_only, [path])
    error = try_load(reference_only, path)
    assert len(error.problems) == 1
    assert "invalid YAML" in error.problems[0].message
    assert error.problems[0].line >= line_of(text, "    kind: [RESULTS_GROUP")
