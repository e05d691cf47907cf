"""Excel workbooks as grids of cells, one per sheet; each row's line is its sheet row.

The workbook is opened once per load, read-only (streaming), with cached
formula values; every sheet is offered in order, so a cover sheet before
the data sheet is passed over.
"""

from __future__ import annotations

import warnings
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import openpyxl

from loaders.layout import Grid, GridError


class UnreadableWorkbook(ValueError):
    pass


@contextmanager
def workbook(path: Path) -> Iterator[Any]:
    # openpyxl warns about workbook features it does not keep (data
    # validation, extensions); the cell values it reads are unaffected.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        try:
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError) as e:
            raise UnreadableWorkbook(f"cannot read as an Excel workbook: {e}") from e
        try:
            yield book
        finally:
            book.close()


def grid(sheet: Any) -> Grid:
    line = 0
    rows = sheet.iter_rows(values_only=True)
    while True:
        try:
            cells = next(rows)
        except StopIteration:
            return
        except (KeyError, ValueError, TypeError, zipfile.BadZipFile) as e:
            raise GridError(line + 1, f"cannot read this row of the workbook: {e}") from e
        line += 1
        yield line, cells
