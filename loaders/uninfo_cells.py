"""Reading the cells of a UN INFO Joint Work Plan export.

UN INFO joins multi-valued cells with commas (agency abbreviations sometimes
with semicolons), writes `-` for empty, and pads codes with spaces and
trailing dots. Each function here turns one kind of cell into clean values or
raises CellError with a message for the user.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

EMPTY = {"", "-", "n/a", "N/A"}


class CellError(ValueError):
    pass


def text(value: object) -> str:
    cleaned = "" if value is None else " ".join(str(value).split())
    return "" if cleaned in EMPTY else cleaned


def code(value: object) -> str:
    """` 1.1`, `2.1.` and `1 ` -> `1.1`, `2.1`, `1`; an empty code stays `-`."""
    cleaned = text(value).rstrip(".").strip()
    return cleaned or "-"


def agencies(value: object) -> list[str]:
    return [a.strip() for a in re.split(r"[;,]", text(value)) if a.strip() not in EMPTY]


# A target is its code followed by its title, which starts with a capital letter
# or a digit ("By 2030, ..."); titles contain commas, so the cell is not split on them.
_TARGET = re.compile(r"(?:^|[,;]\s*)(\d{1,2}\.(?:\d{1,2}|[a-z]))\s+(?=[A-Z0-9])")
_GOAL = re.compile(r"(?:^|[,;]\s*)(\d{1,2})\s+(?=[A-Z])")


def sdg_targets(value: object) -> list[str]:
    cell = text(value)
    found = _TARGET.findall(cell)
    if cell and not found:
        raise CellError(f"no SDG target code found in {cell[:60]!r}")
    return list(dict.fromkeys(found))


def sdg_goals(value: object) -> list[str]:
    cell = text(value)
    found = _GOAL.findall(cell)
    if cell and not found:
        raise CellError(f"no SDG goal number found in {cell[:60]!r}")
    return list(dict.fromkeys(found))


def amount(value: object) -> float | None:
    if isinstance(value, int | float):
        return float(value)
    cell = text(value).replace(",", "")
    if not cell:
        return None
    try:
        number = float(cell)
    except ValueError as e:
        raise CellError(f"{cell!r} is not an amount") from e
    if number < 0:
        raise CellError(f"{cell!r} is negative")
    return number


@dataclass(frozen=True)
class YearlyBudget:
    """Per-year figures, parallel lists over the years that state any figure."""

    years: list[int]
    required: list[float]
    available: list[float]
    expenditure: list[float]


NO_YEARS = YearlyBudget([], [], [], [])
_YEAR_COLUMN = re.compile(r"^(\d{4}) (required|available|expenditure)$", re.IGNORECASE)


def budget_by_year(row: Mapping[str, object]) -> YearlyBudget:
    """The `{YEAR} Required/Available/Expenditure` columns of a row.

    A year with no figure at all is left out; in a year with some figure, a
    blank cell counts as 0 (nothing required, available or spent).
    """
    figures: dict[int, dict[str, float]] = {}
    for column, value in row.items():
        match = _YEAR_COLUMN.match(" ".join(str(column).split()))
        if not match:
            continue
        try:
            number = amount(value)
        except CellError as e:
            raise CellError(f"{column}: {e}") from e
        if number is not None:
            figures.setdefault(int(match[1]), {})[match[2].lower()] = number
    years = sorted(figures)
    return YearlyBudget(
        years,
        [figures[y].get("required", 0.0) for y in years],
        [figures[y].get("available", 0.0) for y in years],
        [figures[y].get("expenditure", 0.0) for y in years],
    )


def items(value: object) -> list[str]:
    """A `,`- or `;`-joined list of short labels (LNOB groups, QCPR functions, places)."""
    pieces = (p.strip() for p in re.split(r"[;,]", text(value)))
    return list(dict.fromkeys(p for p in pieces if p not in EMPTY))


# Day-first (DD/MM/YYYY) or month-first (MM/DD/YYYY) slashed dates.
DMY, MDY = "DD/MM/YYYY", "MM/DD/YYYY"
DATE_FORMATS = f"YYYY-MM-DD, {DMY} or {MDY}"
_SLASHED = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
# Excel counts days from 1899-12-30 (its 1900 leap-year bug included).
_EXCEL_EPOCH = date(1899, 12, 30)
_EXCEL_DAYS = range(1, 2958466)  # up to 9999-12-31


def date_order(values: Iterable[object]) -> str | None:
    """How a file writes slashed dates: DMY, MDY, or None when it writes both.

    A date whose first number is over 12 can only be day-first, one whose
    second is over 12 only month-first; a file with neither is read day-first,
    the way most of the world (and the UN) writes dates.
    """
    day_first = month_first = False
    for value in values:
        found = _SLASHED.match(text(value))
        if found:
            day_first |= int(found[1]) > 12
            month_first |= int(found[2]) > 12
    if day_first and month_first:
        return None
    return MDY if month_first else DMY


def day(value: object, order: str | None = DMY) -> date | None:
    """A date as a cell holds it: a date, an Excel serial number, or text."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if int(value) not in _EXCEL_DAYS:
            raise CellError(f"{value!r} is not a date (expected {DATE_FORMATS})")
        return _EXCEL_EPOCH + timedelta(days=int(value))
    cell = text(value)
    if not cell:
        return None
    slashed = _SLASHED.match(cell)
    year, month, day_of_month = _slashed(cell, slashed, order) if slashed else _iso(cell)
    try:
        return date(year, month, day_of_month)
    except ValueError as e:
        raise CellError(f"{cell!r} is not a date (expected {DATE_FORMATS})") from e


def _iso(cell: str) -> tuple[int, int, int]:
    found = re.match(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]*)?$", cell)
    if not found:
        raise CellError(f"{cell!r} is not a date (expected {DATE_FORMATS})")
    return int(found[1]), int(found[2]), int(found[3])


def _slashed(cell: str, found: re.Match[str], order: str | None) -> tuple[int, int, int]:
    first, second, year = int(found[1]), int(found[2]), int(found[3])
    if first > 12 or (order == DMY and second <= 12):
        return year, second, first
    if second > 12 or order == MDY:
        return year, first, second
    raise CellError(f"{cell!r} is ambiguous: this file writes dates both as {DMY} and {MDY}")


# Names in partner cells contain commas too; a piece that cannot start a name
# (lower case, or "and ...") continues the previous one.
_CONTINUES = re.compile(r"^(and |of |for |[a-z]|Scientific and Cultural)")


def names(value: object) -> list[str]:
    pieces: list[str] = []
    for piece in re.split(r",\s+", text(value)):
        if pieces and _CONTINUES.match(piece):
            pieces[-1] = f"{pieces[-1]}, {piece}"
        elif piece:
            pieces.append(piece)
    return list(dict.fromkeys(pieces))


def years(plan: str) -> tuple[int | None, int | None]:
    """`UNSDCF 2023 - 2027` -> (2023, 2027)."""
    found = [int(y) for y in re.findall(r"(?<!\d)(19[89]\d|20\d\d)(?!\d)", plan)]
    if not found:
        return None, None
    return found[0], (found[1] if len(found) > 1 else None)


def slug(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")[:80] or "-"
