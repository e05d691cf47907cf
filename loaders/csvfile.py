"""Reading delimited files with the line number of every record."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path


def records(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, row) pairs; the line is where the record starts, counting the header as 1.

    Quoted cells may span lines, so the line comes from the reader, not a counter.
    """
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        line = reader.line_num + 1
        for row in reader:
            yield line, {k: (v or "") for k, v in row.items() if k is not None}
            line = reader.line_num + 1
