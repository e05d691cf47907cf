"""The reference catalogues every country's data links to: SDGs and UN entities.

Both are bundled with the product (see loaders/data/PROVENANCE.md), so a fresh
store can be made useful without network access.
"""

from __future__ import annotations

import re
from pathlib import Path

from graph.batch import GraphBatch
from graph.model import NodeKind, RelKind
from graph.repository import lookup_key
from loaders.problems import ProblemList
from loaders.read import read_table
from loaders.report import LoadReport
from loaders.table import Row

DATA = Path(__file__).parent / "data"
SDG_DIR = DATA / "sdg"
ENTITIES = DATA / "entities" / "un-system-entities.csv"
EXTRA_ENTITIES = DATA / "entities" / "extra-entities.csv"
ALIASES = DATA / "entities" / "aliases.csv"

_GOAL = re.compile(r"^([1-9]|1[0-7])$")
_TARGET = re.compile(r"^([1-9]|1[0-7])\.([1-9][0-9]?|[a-z])$")
_INDICATOR = re.compile(r"^([1-9]|1[0-7])\.([1-9][0-9]?|[a-z])\.([1-9][0-9]?)$")

Loaded = tuple[GraphBatch, LoadReport]


def _rows(path: Path, *columns: str) -> list[Row]:
    return read_table(path, columns, f"a reference file with columns {', '.join(columns)}").rows


def _text(row: Row, column: str) -> str:
    # Only stripped: titles keep the published text, non-breaking spaces included.
    return str(row.get(column) or "").strip()


def sdg_catalogue(folder: Path = SDG_DIR) -> Loaded:
    """Goals, targets and indicators; an indicator listed under several targets
    (1.5.1 = 11.5.1 = 13.1.1) is one node, linked to each target under its code there."""
    batch = GraphBatch()
    report = LoadReport(str(folder), "SDG framework")
    goals_file = folder / "sdg_gif_2025_goals.csv"
    targets_file = folder / "sdg_gif_2025_targets.csv"
    indicators_file = folder / "sdg_gif_2025_indicators.csv"

    problems = ProblemList(goals_file)
    for row in _rows(goals_file, "code", "title"):
        code = _text(row, "code")
        if not _GOAL.match(code):
            problems.add(row.line, f"code: {code!r} is not an SDG goal number (1-17)")
            continue
        batch.node(NodeKind.SDG_GOAL, code, line=row.line, code=code, title=_text(row, "title"))
    problems.raise_if_any()

    problems = ProblemList(targets_file)
    for row in _rows(targets_file, "code", "goal", "title"):
        code, goal, line = _text(row, "code"), _text(row, "goal"), row.line
        if not _TARGET.match(code) or code.split(".")[0] != goal:
            problems.add(line, f"code: {code!r} is not a target of goal {goal!r}")
        elif not batch.has_node(NodeKind.SDG_GOAL, goal):
            problems.add(line, f"goal: unknown SDG goal {goal!r}")
        else:
            node = (NodeKind.SDG_TARGET, code)
            batch.node(*node, line=line, code=code, title=_text(row, "title"))
            batch.edge(RelKind.PART_OF, node, (NodeKind.SDG_GOAL, goal), line=line)
    problems.raise_if_any()

    problems = ProblemList(indicators_file)
    for row in _rows(indicators_file, "code", "target", "unsd_code", "title"):
        code, target, unsd = _text(row, "code"), _text(row, "target"), _text(row, "unsd_code")
        line = row.line
        if not _INDICATOR.match(code) or not code.startswith(target + "."):
            problems.add(line, f"code: {code!r} is not an indicator of target {target!r}")
        elif not batch.has_node(NodeKind.SDG_TARGET, target):
            problems.add(line, f"target: unknown SDG target {target!r}")
        elif not unsd:
            problems.add(line, "unsd_code: missing")
        else:
            # One node per UNSD code; its `code` is where it is first listed.
            indicator = (NodeKind.SDG_INDICATOR, unsd)
            if not batch.has_node(*indicator):
                batch.node(
                    *indicator, line=line, code=code, unsdCode=unsd, title=_text(row, "title")
                )
            # The edge's key is the indicator's code under this target.
            batch.edge(RelKind.PART_OF, indicator, (NodeKind.SDG_TARGET, target), code, line=line)
            report.rows += 1
    problems.raise_if_any()
    for kind, label in (
        (NodeKind.SDG_GOAL, "goals"),
        (NodeKind.SDG_TARGET, "targets"),
        (NodeKind.SDG_INDICATOR, "indicators"),
    ):
        report.counts[label] = sum(1 for _ in batch.ids(kind))
    return batch, report


def un_entities(
    entities: Path = ENTITIES, extra: Path = EXTRA_ENTITIES, aliases: Path = ALIASES
) -> Loaded:
    """UN system entities with every spelling they are known by."""
    batch = GraphBatch()
    report = LoadReport(str(entities), "UN system entities")
    known: dict[str, dict[str, object]] = {}
    for path in (entities, extra):
        problems = ProblemList(path)
        for row in _rows(path, "entity", "entity_long"):
            acronym = _text(row, "entity")
            if not acronym:
                problems.add(row.line, "entity: missing acronym")
                continue
            listed = [a.strip() for a in _text(row, "entity_aliases").split(",") if a.strip()]
            known[acronym] = {
                "name": _text(row, "entity_long") or acronym,
                "category": _text(row, "category") or None,
                "aliases": listed,
                "line": row.line,
            }
        problems.raise_if_any()

    problems = ProblemList(aliases)
    for row in _rows(aliases, "alias", "agency"):
        alias, agency = _text(row, "alias"), _text(row, "agency")
        if agency not in known:
            problems.add(row.line, f"agency: {agency!r} is not a known UN entity")
        else:
            aliases_of = known[agency]["aliases"]
            assert isinstance(aliases_of, list)
            aliases_of.append(alias)
    problems.raise_if_any()

    for acronym, entity in sorted(known.items()):
        alias_list = list(entity["aliases"])  # type: ignore[call-overload]
        line = entity["line"]
        assert isinstance(line, int)
        batch.node(
            NodeKind.AGENCY,
            acronym,
            line=line,
            acronym=acronym,
            name=entity["name"],
            category=entity["category"],
            aliases=alias_list,
            lookupKeys=sorted({lookup_key(acronym), *(lookup_key(a) for a in alias_list)}),
            unSystem=True,
        )
    report.rows = len(known)
    report.counts["agencies"] = len(known)
    return batch, report
