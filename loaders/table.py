"""A table read from a file: its header and its data rows, each with its line.

CSV and xlsx files both become a Table, so every loader reads files the same
way and reports lines as the file numbers them (the header of a plain export
is line 1, its first data row line 2; in xlsx the line is the sheet's row).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from loaders.headers import header_key


@dataclass(frozen=True)
class Row:
    """One data row; cells are looked up by column name, whatever its case or spacing."""

    line: int
    cells: Mapping[str, object]
    # header key -> the column's name as the file writes it (shared by all rows)
    names: Mapping[str, str]

    def get(self, column: str) -> object:
        return self.cells.get(header_key(column))

    def items(self) -> Iterator[tuple[str, object]]:
        """(column as written, value) pairs."""
        return ((self.names[key], value) for key, value in self.cells.items())


@dataclass
class Table:
    file: str
    columns: list[str]
    rows: list[Row]
    header_line: int
    sheet: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    blank_rows: int = 0
    other_sheets: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """How the file was read, for the load report."""
        parts = []
        if self.encoding:
            parts.append(f"encoding {self.encoding}")
        if self.delimiter:
            parts.append(f"delimiter {_DELIMITER_NAMES.get(self.delimiter, self.delimiter)}")
        if self.sheet is not None:
            skipped = f" (skipped {', '.join(map(repr, self.other_sheets))})"
            parts.append(f"sheet {self.sheet!r}{skipped if self.other_sheets else ''}")
        parts.append(f"header on line {self.header_line}")
        parts.append(f"{len(self.rows)} data rows")
        parts.append(f"{self.blank_rows} blank rows skipped")
        return ", ".join(parts)


_DELIMITER_NAMES = {",": "','", ";": "';'", "\t": "tab"}
