"""Delimited text as a grid of cells, each record with the line it starts on.

Quoted cells may span lines, so the line comes from the reader, not a
counter. The reader is strict: a quote left open at the end of the file is
a record cut short, an error at the line it starts on.
"""

from __future__ import annotations

import csv
import io

from loaders.layout import Grid, GridError

# What Excel writes: `,`, or `;` where the decimal separator is a comma; tab
# for "Unicode text".
DELIMITERS = (",", ";", "\t")


def grid(text: str, delimiter: str) -> Grid:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start = 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            raise GridError(start, _message(e)) from e
        yield start, record
        start = reader.line_num + 1


def _message(error: csv.Error) -> str:
    if "unexpected end of data" in str(error):
        return "the record starting here ends inside a quoted cell (file truncated?)"
    return f"malformed record: {error}"
