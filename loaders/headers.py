"""Matching a file's header to the columns a loader needs.

People re-save exports with `Sub-output Code`, ` Country ` or `Plan  name`;
a column is the same column whatever its case and spacing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


def header_key(name: object) -> str:
    """The form under which column names are compared: `Plan  Name ` = `plan name`."""
    return " ".join(str("" if name is None else name).split()).casefold()


@dataclass(frozen=True)
class HeaderMatch:
    """A candidate header row: its columns as written, and the needed ones it lacks."""

    columns: list[str]
    missing: list[str]


def match(cells: Sequence[object], required: Sequence[str]) -> HeaderMatch:
    columns = [" ".join(str("" if c is None else c).split()) for c in cells]
    present = {header_key(c) for c in columns}
    return HeaderMatch(columns, [name for name in required if header_key(name) not in present])


def describe(columns: Sequence[str], shown: int = 6) -> str:
    """`Country, Plan name, ... (89 columns)`, for messages about a header."""
    named = [c for c in columns if c]
    if not named:
        return "no column names"
    head = ", ".join(named[:shown])
    more = ", ..." if len(named) > shown else ""
    return f"{head}{more} ({len(columns)} columns)"
