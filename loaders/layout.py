"""Where the table is in a grid of cells: the header row, the data rows, the blanks.

Exports re-saved by hand gain title rows above the header, blank rows, and
rows of bare delimiters (`,,,,`, what Excel writes for formatted but empty
rows). The header is the first row among the first HEADER_SEARCH that holds
every needed column; blank rows are skipped and counted, never mistaken for
data.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import islice

from loaders.headers import HeaderMatch, header_key, match
from loaders.problems import ProblemList
from loaders.table import Row

HEADER_SEARCH = 20

Cells = Sequence[object]
Grid = Iterator[tuple[int, Cells]]


class GridError(ValueError):
    """A grid cannot be read past a line (an unterminated quote, say)."""

    def __init__(self, line: int, message: str) -> None:
        self.line = line
        super().__init__(message)


@dataclass
class Located:
    """A grid's header row, and the grid from the row after it on."""

    header: HeaderMatch
    line: int
    rest: Grid


def is_blank(cells: Cells) -> bool:
    return all(cell is None or not str(cell).strip() for cell in cells)


def locate(grid: Grid, required: Sequence[str]) -> tuple[Located | None, tuple[int, HeaderMatch]]:
    """The header, if the first rows hold one; else the closest candidate, to report.

    A GridError among the first rows means the grid is not this file's shape
    (a wrong delimiter), so the search ends there.
    """
    best: tuple[int, HeaderMatch] = (1, HeaderMatch([], list(required)))
    try:
        for line, cells in islice(grid, HEADER_SEARCH):
            if is_blank(cells):
                continue
            candidate = match(cells, required)
            if not candidate.missing:
                return Located(candidate, line, grid), (line, candidate)
            if len(candidate.missing) < len(best[1].missing) or not best[1].columns:
                best = (line, candidate)
    except GridError:
        pass
    return None, best


def data_rows(located: Located, problems: ProblemList, exact_width: bool) -> tuple[list[Row], int]:
    """The data rows below the header, and how many blank rows were skipped.

    With exact_width (CSV), a record with fewer or more fields than the header
    is an error at its line: a file cut short looks exactly like that.
    """
    keys = [header_key(c) for c in located.header.columns]
    names: dict[str, str] = {}
    for key, name in zip(keys, located.header.columns, strict=True):
        names.setdefault(key, name)
    width = len(keys)
    rows: list[Row] = []
    blank = 0
    try:
        for line, cells in located.rest:
            if is_blank(cells):
                blank += 1
                continue
            if exact_width and len(cells) != width:
                problems.add(line, _width_problem(len(cells), width))
                continue
            rows.append(Row(line, _cells(keys, cells), names))
    except GridError as e:
        problems.add(e.line, str(e))
    return rows, blank


def _cells(keys: list[str], cells: Cells) -> dict[str, object]:
    row: dict[str, object] = {}
    for key, value in zip(keys, cells, strict=False):
        if key and key not in row:
            row[key] = value
    return row


def _width_problem(fields: int, width: int) -> str:
    if fields < width:
        return f"record has {fields} of {width} fields (file truncated?)"
    return f"record has {fields} fields, the header {width}"
