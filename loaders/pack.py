"""Country packs -> a GraphBatch, every reference resolved or reported by line.

A load reads the file (YAML syntax errors stop here, at their line), checks
the shape of every entry (loaders.pack_model), then resolves every reference
against the pack and the store. Shape and reference problems are reported
together, so a file's mistakes all show in one run.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from graph.batch import GraphBatch
from graph.repository import Graph
from loaders.pack_model import Error, PackEntries, validate
from loaders.pack_place import Known, Placer
from loaders.problems import LoadError, ProblemList
from loaders.report import LoadReport
from loaders.yaml_lines import LineMap, Location, load_with_lines


def parse(path: Path) -> tuple[PackEntries, LineMap, ProblemList]:
    """The well-shaped entries of a pack, the line of every value, and the shape problems.

    A file that cannot be read or parsed raises LoadError at once, with its line.
    """
    problems = ProblemList(path)
    try:
        text = path.read_text(encoding="utf-8")
        if path.suffix.lower() == ".json":
            json.loads(text)  # strict JSON first: YAML would accept what JSON does not
        data, lines = load_with_lines(text)
    except OSError as e:
        problems.add(1, f"cannot read: {e.strerror or e}")
    except UnicodeDecodeError as e:
        problems.add(1, f"cannot read: not UTF-8 text (byte {e.start})")
    except json.JSONDecodeError as e:
        problems.add(e.lineno, f"invalid JSON: {e.msg}")
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        problems.add(mark.line + 1 if mark else 1, f"invalid YAML: {e.problem or e}")
    except yaml.YAMLError as e:
        problems.add(1, f"invalid YAML: {e}")
    problems.raise_if_any()
    entries, errors = validate(data)
    for error in errors:
        location: Location = tuple(error["loc"])
        field = ".".join(_part(part) for part in location) or "(top level)"
        problems.add(lines.line(location), f"{field}: {_message(error)}")
    return entries, lines, problems


def _part(part: str | int) -> str:
    """A part of a field's path as the user wrote it; odd keys quoted."""
    text = str(part)
    return text if text.isprintable() and text.strip() == text and text else repr(text)


def _message(error: Error) -> str:
    message = str(error["msg"])
    if error["type"] == "extra_forbidden":
        return "unknown key"
    if error["type"] == "string_type" and isinstance(error.get("input"), int | float):
        return f'{message} (write codes in quotes, e.g. "{error["input"]}")'
    if error["type"] == "enum":
        expected = error.get("ctx", {}).get("expected", "")
        return f"unknown value {error.get('input')!r}; expected {expected}"
    return message


async def build(path: Path, graph: Graph) -> tuple[GraphBatch, LoadReport]:
    pack, lines, problems = parse(path)
    report = LoadReport(str(path), "country pack")
    placer = Placer(pack, lines, problems, await Known.of(pack, graph), report)
    placer.place_all()
    if problems.items:
        raise LoadError(sorted(problems.items, key=lambda p: p.line))
    report.rows = len(pack.bodies) + len(pack.outcomes) + len(pack.joint_programmes)
    report.counts.update(
        bodies=len(pack.bodies),
        outcomes=len(pack.outcomes),
        partners=len(pack.partners),
        **{"joint programmes": len(pack.joint_programmes)},
    )
    return placer.batch, report
