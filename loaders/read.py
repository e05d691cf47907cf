"""Reading a CSV or xlsx file into a Table, whichever way it was saved.

Tries each way the file may be laid out (each delimiter of a CSV, each sheet
of a workbook), takes the first whose first rows hold a header with every
needed column, and otherwise says what the closest candidate held. Every
problem is a LoadError naming the file and line; nothing here raises
anything else for a bad file.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from loaders import csvfile, xlsxfile
from loaders.encodings import UndecodableError, decode
from loaders.headers import HeaderMatch, describe
from loaders.layout import Grid, Located, data_rows, locate
from loaders.problems import ProblemList
from loaders.table import Table


@dataclass
class Candidate:
    """One way to read the file: a sheet, or a delimiter."""

    grid: Grid
    sheet: str | None = None
    delimiter: str | None = None


def read_table(path: Path, required: Sequence[str], what: str) -> Table:
    """The file's table; LoadError if it is empty, unreadable or lacks a needed column.

    `what` names the kind of file in messages: "a UN INFO export".
    """
    problems = ProblemList(path)
    if path.suffix.lower() == ".xlsx":
        try:
            with xlsxfile.workbook(path) as book:
                sheets = (Candidate(xlsxfile.grid(s), sheet=s.title) for s in book.worksheets)
                return _table(path, sheets, required, what, problems, exact_width=False)
        except xlsxfile.UnreadableWorkbook as e:
            problems.fail(1, str(e))
    try:
        raw = path.read_bytes()
    except OSError as e:
        problems.fail(1, f"cannot read: {e.strerror or e}")
    if not raw.strip():
        problems.fail(1, "empty file")
    try:
        decoded = decode(raw)
    except UndecodableError as e:
        problems.fail(e.line, str(e))
    candidates = (Candidate(csvfile.grid(decoded.text, d), delimiter=d) for d in csvfile.DELIMITERS)
    table = _table(path, candidates, required, what, problems, exact_width=True)
    table.encoding = decoded.encoding
    return table


def _table(
    path: Path,
    candidates: Iterator[Candidate],
    required: Sequence[str],
    what: str,
    problems: ProblemList,
    exact_width: bool,
) -> Table:
    passed: list[Candidate] = []
    closest: tuple[int, HeaderMatch, Candidate] | None = None
    for candidate in candidates:
        located, (line, best) = locate(candidate.grid, required)
        if located is not None:
            return _rows(path, located, candidate, passed, problems, exact_width)
        passed.append(candidate)
        if closest is None or len(best.missing) < len(closest[1].missing):
            closest = (line, best, candidate)
    if closest is None or not closest[1].columns:
        problems.fail(1, "empty file")
    line, best, candidate = closest
    where = f"line {line}" + (f" of sheet {candidate.sheet!r}" if candidate.sheet else "")
    problems.fail(
        line,
        f"not {what}: missing columns {', '.join(best.missing)}; "
        f"the header read ({where}) holds {describe(best.columns)}",
    )


def _rows(
    path: Path,
    located: Located,
    candidate: Candidate,
    passed: list[Candidate],
    problems: ProblemList,
    exact_width: bool,
) -> Table:
    rows, blank = data_rows(located, problems, exact_width)
    if not rows and not problems.items:
        problems.add(located.line, "no data rows below the header")
    problems.raise_if_any()
    return Table(
        file=str(path),
        columns=located.header.columns,
        rows=rows,
        header_line=located.line,
        sheet=candidate.sheet,
        delimiter=candidate.delimiter,
        blank_rows=blank,
        other_sheets=[c.sheet for c in passed if c.sheet is not None],
    )
