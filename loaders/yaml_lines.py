"""Parse YAML (and JSON, a subset of it) keeping the line of every value.

pydantic reports errors by location (`bodies.2.members.0.role`); this map
turns such a location into the line of the file the user has to fix.
"""

from __future__ import annotations

from typing import Any

import yaml

Location = tuple[str | int, ...]
# libyaml's loader, where PyYAML was built with it.
_C_LOADER = getattr(yaml, "CSafeLoader", None)


class LineMap:
    def __init__(self) -> None:
        self._lines: dict[Location, int] = {}

    def record(self, location: Location, line: int) -> None:
        self._lines[location] = line

    def line(self, location: Location) -> int:
        """The line of the deepest part of `location` that exists in the file."""
        for end in range(len(location), -1, -1):
            if location[:end] in self._lines:
                return self._lines[location[:end]]
        return 1


def load_with_lines(text: str) -> tuple[Any, LineMap]:
    lines = LineMap()
    node = _compose(text)
    if node is None:
        return None, lines
    return _build(node, (), lines, yaml.constructor.SafeConstructor()), lines


def _compose(text: str) -> yaml.Node | None:
    """The document's node tree, read by libyaml when it can.

    libyaml composes a pack tens of times faster than PyYAML's Python parser.
    A text it refuses, or that holds characters PyYAML refuses, is composed by
    PyYAML instead: what loads, and what a syntax error says, stay PyYAML's.
    """
    if _C_LOADER is not None and not yaml.reader.Reader.NON_PRINTABLE.search(text):
        try:
            node: yaml.Node | None = yaml.compose(text, Loader=_C_LOADER)
            return node
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


def _build(
    node: yaml.Node,
    location: Location,
    lines: LineMap,
    constructor: yaml.constructor.SafeConstructor,
) -> Any:
    lines.record(location, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node, constructor)
            if key in result:
                raise yaml.MarkedYAMLError(
                    problem=f"duplicate key {key!r}", problem_mark=key_node.start_mark
                )
            result[key] = _build(value_node, (*location, str(key)), lines, constructor)
            # A key's own line is where a user looks for "unknown key" errors.
            lines.record((*location, str(key)), key_node.start_mark.line + 1)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(item, (*location, i), lines, constructor) for i, item in enumerate(node.value)
        ]
    try:
        return _scalar(node, constructor)
    except ValueError:
        # A scalar YAML resolves to a type but cannot build (a date like
        # 2017-13-01) stays the text it is, for the pack's validation to
        # report by field along with every other problem of the file.
        return node.value


def _scalar(node: yaml.Node, constructor: yaml.constructor.SafeConstructor) -> Any:
    # One constructor serves the whole document: making a loader per scalar
    # cost more than composing the document.
    try:
        return constructor.construct_object(node, deep=True)
    except ValueError:
        # Forget the failed node, so an alias of it fails the same way again.
        constructor.recursive_objects.pop(node, None)
        raise
