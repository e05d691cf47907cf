"""Regenerate loaders/data/sdg/*.csv from UNSD's Global Indicator Framework workbook.

    python tools/sdg_catalogue.py \
        ../shared/data/sdg/Global-Indicator-Framework-after-2025-review-English.xlsx

The workbook glues footnote markers to some titles as superscript runs
("... and its impacts" + superscript "3"); they are dropped by their
formatting, not guessed from the text, so "CO2" (a subscript) and "PM2.5"
stay as published. Everything else, non-breaking spaces included, is kept.
"""

from __future__ import annotations

import csv
import re
import sys
import warnings
from pathlib import Path

import openpyxl
from openpyxl.cell.rich_text import CellRichText, TextBlock

OUT = Path(__file__).resolve().parent.parent / "loaders" / "data" / "sdg"
GOAL = re.compile(r"^Goal (\d{1,2})\.\s+(.*)$", re.DOTALL)
TARGET = re.compile(r"^(\d{1,2}\.(?:\d{1,2}|[a-z]))\s+(.*)$", re.DOTALL)
INDICATOR = re.compile(r"^(\d{1,2}\.(?:\d{1,2}|[a-z])\.\d{1,2})\s+(.*)$", re.DOTALL)


def plain(value: object) -> str:
    """The cell's text without superscript runs (footnote markers)."""
    if isinstance(value, CellRichText):
        value = "".join(
            part.text if isinstance(part, TextBlock) else part
            for part in value
            if not (
                isinstance(part, TextBlock) and part.font and part.font.vertAlign == "superscript"
            )
        )
    return " ".join(str(value or "").replace("\u00a0", "\x00").split()).replace("\x00", "\u00a0")


def main(workbook: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        sheet = openpyxl.load_workbook(workbook, rich_text=True).worksheets[0]
    goals: list[list[str]] = []
    targets: list[list[str]] = []
    indicators: list[list[str]] = []
    target = ""
    for row in sheet.iter_rows(min_row=4, values_only=True):
        left, indicator, unsd = (plain(v) for v in row[1:4])
        if found := GOAL.match(left):
            goals.append([found[1], found[2]])
        elif found := TARGET.match(left):
            target = found[1]
            targets.append([target, target.split(".")[0], found[2]])
        if found := INDICATOR.match(indicator):
            indicators.append([found[1], target, target.split(".")[0], unsd, found[2]])
    write(OUT / "sdg_gif_2025_goals.csv", ["code", "title"], goals)
    write(OUT / "sdg_gif_2025_targets.csv", ["code", "goal", "title"], targets)
    write(
        OUT / "sdg_gif_2025_indicators.csv",
        ["code", "target", "goal", "unsd_code", "title"],
        indicators,
    )
    print(f"{len(goals)} goals, {len(targets)} targets, {len(indicators)} indicator listings")


def write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
