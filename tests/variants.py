"""A generator of the ways real offices re-save a UN INFO export.

From each real export it makes the variants a user's file may be: UTF-8 with
a BOM, Windows-1252, `;` and tab delimiters, headers in other case and
spacing, title rows above the header, blank and delimiter-only rows, dates
written DD/MM/YYYY or MM/DD/YYYY, records cut short at random points; and
workbooks with a cover sheet, title rows, blank rows, dates as text or as
Excel serial numbers. Each variant says what loading it must give: the same
facts as a clean file (`baseline`), or a refusal at a line, for a reason.
"""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import openpyxl

DATE_COLUMNS = ("Start date", "End date")
TITLE_ROWS = ["UN INFO - Joint Work Plan export", "Exported 11/06/2025 by the RCO,,"]
Grid = list[list[object]]


@dataclass(frozen=True)
class Variant:
    """A file to load, and what loading it must give."""

    name: str
    suffix: str
    data: bytes
    # The clean file whose facts the variant must give (UTF-8 CSV or xlsx bytes).
    baseline: bytes | None = None
    baseline_suffix: str = ".csv"
    # Or: the line it must be refused at, and words the message must hold.
    error_line: int | None = None
    error_words: tuple[str, ...] = ()

    def write(self, folder: Path) -> Path:
        path = folder / f"{self.name}{self.suffix}"
        path.write_bytes(self.data)
        return path

    def write_baseline(self, folder: Path) -> Path:
        assert self.baseline is not None
        path = folder / f"{self.name}.baseline{self.baseline_suffix}"
        path.write_bytes(self.baseline)
        return path


# --- reading a real export into a grid of cells ---
def read_grid(path: Path) -> Grid:
    if path.suffix == ".xlsx":
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
        finally:
            book.close()
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [list(row) for row in csv.reader(handle)]


# --- writing CSV text record by record, so rows can be slipped in between ---
def record(cells: list[object], delimiter: str = ",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, quoting=csv.QUOTE_ALL, lineterminator="").writerow(
        ["" if c is None else c for c in cells]
    )
    return out.getvalue()


def csv_text(grid: Grid, delimiter: str = ",", extra: dict[int, list[str]] | None = None) -> str:
    """The grid as CSV; `extra` puts raw lines before the record of that index."""
    lines: list[str] = []
    for index, cells in enumerate(grid):
        lines += (extra or {}).get(index, [])
        lines.append(record(cells, delimiter))
    return "\r\n".join(lines)


def _columns(grid: Grid, names: tuple[str, ...]) -> list[int]:
    return [i for i, h in enumerate(grid[0]) if str(h) in names]


def with_dates(grid: Grid, form: Callable[[date], object]) -> Grid:
    columns = _columns(grid, DATE_COLUMNS)
    out = [list(grid[0])]
    for row in grid[1:]:
        row = list(row)
        for i in columns:
            day = _as_date(row[i])
            if day is not None:
                row[i] = form(day)
        out.append(row)
    return out


def _as_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    return date.fromisoformat(text[:10]) if len(text) >= 10 and text[4] == "-" else None


def messy_header(grid: Grid, rng: random.Random) -> Grid:
    def mess(name: object) -> str:
        words = str(name).split(" ")
        cased = [w.upper() if rng.random() < 0.5 else w.lower() for w in words]
        return " " * rng.randint(0, 2) + (" " * rng.randint(1, 3)).join(cased) + " "

    return [[mess(h) for h in grid[0]], *grid[1:]]


def dmy(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def mdy(day: date) -> str:
    return day.strftime("%m/%d/%Y")


def excel_serial(day: date) -> int:
    return (day - date(1899, 12, 30)).days


# --- CSV variants ---
CSV_KINDS = ("bom", "semicolon", "tab", "header", "title", "blank", "dmy", "mdy", "cp1252", "eu")
XLSX_KINDS = ("cover", "title", "blank", "dmy", "serial", "everything")
BROKEN_KINDS = (
    "empty",
    "header-only",
    "missing-columns",
    "undecodable",
    "missing-columns-xlsx",
    "not-a-workbook",
)


def csv_variants(name: str, grid: Grid, rng: random.Random) -> dict[str, Variant]:
    text = csv_text(grid)
    clean = text.encode("utf-8")
    # What Excel writes of a character its code page lacks: `?`; the clean
    # file to compare with has the same `?`.
    cp1252 = _cp1252(text).decode("cp1252").encode("utf-8")
    width = len(grid[0])
    blanks = {rng.randrange(1, len(grid)): ["", "," * (width - 1), " ,  " * 3] for _ in range(4)}
    made = {
        "bom": (b"\xef\xbb\xbf" + clean, clean),
        "semicolon": (csv_text(grid, ";").encode(), clean),
        "tab": (csv_text(grid, "\t").encode(), clean),
        "header": (csv_text(messy_header(grid, rng)).encode(), clean),
        "title": (csv_text(grid, extra={0: TITLE_ROWS}).encode(), clean),
        "blank": (csv_text(grid, extra=blanks).encode(), clean),
        "dmy": (csv_text(with_dates(grid, dmy)).encode(), clean),
        "mdy": (csv_text(with_dates(grid, mdy)).encode(), clean),
        "cp1252": (_cp1252(text), cp1252),
        # European Excel: `;`, Windows-1252, a title row and day-first dates at once.
        "eu": (_cp1252(csv_text(with_dates(grid, dmy), ";", extra={0: TITLE_ROWS[:1]})), cp1252),
    }
    assert tuple(made) == CSV_KINDS
    return {k: Variant(f"{name}-{k}", ".csv", data, base) for k, (data, base) in made.items()}


def _cp1252(text: str) -> bytes:
    # What Excel does with a character the code page lacks: writes `?`.
    return text.encode("cp1252", errors="replace")


def broken_csv_variants(name: str, grid: Grid) -> dict[str, Variant]:
    """Files that must be refused, each at a line and for a reason."""
    header = grid[0]
    dropped = [i for i, h in enumerate(header) if h in ("SDG Goals", "Outcome code")]
    no_goals = [[c for i, c in enumerate(row) if i not in dropped] for row in grid]
    undecodable = csv_text(grid[:3]).encode() + b"\r\n\x00\x81\x8d\x8f\x90\x9d" * 40
    bad_byte = undecodable.index(b"\x81")
    made = [
        Variant(f"{name}-empty", ".csv", b"", error_line=1, error_words=("empty file",)),
        Variant(
            f"{name}-header-only",
            ".csv",
            csv_text(grid[:1]).encode(),
            error_line=1,
            error_words=("no data rows",),
        ),
        Variant(
            f"{name}-missing-columns",
            ".csv",
            csv_text(no_goals, extra={0: TITLE_ROWS[:1]}).encode(),
            error_line=2,
            error_words=("missing columns Outcome code, SDG Goals", "Country, Plan name", "line 2"),
        ),
        Variant(
            f"{name}-undecodable",
            ".csv",
            undecodable,
            error_line=undecodable[:bad_byte].count(b"\n") + 1,
            error_words=("cannot decode", f"byte {bad_byte} (0x81)", "utf-8"),
        ),
    ]
    made += [
        Variant(
            f"{name}-missing-columns-xlsx",
            XLSX,
            workbook(no_goals[:5], cover=True),
            error_line=1,
            error_words=("missing columns Outcome code, SDG Goals", "line 1 of sheet 'Data'"),
        ),
        Variant(
            f"{name}-not-a-workbook",
            XLSX,
            csv_text(grid[:3]).encode(),
            error_line=1,
            error_words=("cannot read as an Excel workbook",),
        ),
    ]
    return dict(zip(BROKEN_KINDS, made, strict=True))


def truncations(name: str, grid: Grid, rng: random.Random, count: int) -> list[Variant]:
    """The clean file cut inside a random record: refused at the line that record starts on."""
    records = [record(cells) for cells in grid]
    starts: list[int] = []
    offset = 0
    for text in records:
        starts.append(offset)
        offset += len(text) + 2
    full = "\r\n".join(records)
    cuts = []
    for k in rng.sample(range(1, len(records)), count):
        cut = starts[k] + rng.randrange(1, len(records[k]))  # never a whole record
        line = full[: starts[k]].count("\n") + 1
        cuts.append(
            Variant(
                f"{name}-cut-{k}",
                ".csv",
                full[:cut].encode("utf-8"),
                error_line=line,
                error_words=("file truncated?",),
            )
        )
    return cuts


# --- xlsx variants ---
def workbook(
    grid: Grid, cover: bool = False, title_rows: int = 0, blank_at: tuple[int, ...] = ()
) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    if cover:
        sheet.title = "Cover"
        sheet.append(["UN INFO Joint Work Plan"])
        sheet.append(["Country", "see the next sheet"])
        sheet = book.create_sheet("Data")
    else:
        sheet.title = "export"
    for title in TITLE_ROWS[:title_rows]:
        sheet.append([title])
    for index, cells in enumerate(grid):
        if index in blank_at:
            sheet.append([None, "   ", None])
            sheet.append([])
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


XLSX = ".xlsx"


def xlsx_variant(name: str, grid: Grid, kind: str, rng: random.Random, clean: bytes) -> Variant:
    """One workbook variant of `clean` (workbooks are slow to write: made one at a time)."""
    blanks = tuple(rng.sample(range(1, len(grid)), 3))
    make: dict[str, Callable[[], bytes]] = {
        "cover": lambda: workbook(grid, cover=True),
        "title": lambda: workbook(messy_header(grid, rng), title_rows=2),
        "blank": lambda: workbook(grid, blank_at=blanks),
        "dmy": lambda: workbook(with_dates(grid, dmy)),
        "serial": lambda: workbook(with_dates(grid, excel_serial)),
        "everything": lambda: workbook(messy_header(grid, rng), True, 2, blanks),
    }
    assert tuple(make) == XLSX_KINDS
    return Variant(f"{name}-{kind}", XLSX, make[kind](), clean, XLSX)
