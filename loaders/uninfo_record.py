"""A UN INFO export row as a typed, validated record.

Every cell of a row is parsed here, once, and every problem is collected per
column, so a row with three mistakes gets three messages. What a record
holds is plain values: resolving agencies and writing the graph come after,
in loaders.uninfo, only for rows without problems.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from loaders import uninfo_cells as cell
from loaders.countries import Country, resolve_country
from loaders.table import Row

REQUIRED_COLUMNS = (
    "Country",
    "Plan name",
    "Strategic priority code",
    "Strategic priority",
    "Outcome code",
    "Outcome",
    "Output code",
    "Output",
    "Sub-Output code",
    "Sub-Output",
    "ID",
    "Agency abbreviations",
    "SDG Targets",
    "SDG Goals",
)
DATE_COLUMNS = ("Start date", "End date")
# UN INFO allows a result without a title (`-`); it is still a result.
UNTITLED = "(untitled in UN INFO)"

T = TypeVar("T")


@dataclass(frozen=True)
class Result:
    """A level of the results chain as the row states it."""

    code: str
    title: str


@dataclass(frozen=True)
class Money:
    required: float | None
    available: float | None
    expenditure: float | None


@dataclass(frozen=True)
class Markers:
    gender: str | None
    human_rights: str | None
    humanitarian: str | None
    sustaining_peace: str | None
    lnob_groups: list[str]
    qcpr_functions: list[str]
    geography: list[str]


@dataclass(frozen=True)
class UninfoRecord:
    """One sub-output, with the chain above it, as one export row states it."""

    line: int
    country_name: str
    country: Country
    plan: str
    priority: Result
    outcome: Result
    output: Result
    sub_output: Result
    uninfo_id: str
    description: str | None
    status: str | None
    start: date | None
    end: date | None
    money: Money
    yearly: cell.YearlyBudget
    markers: Markers
    agencies: list[str]
    sdg_targets: list[str]
    sdg_goals: list[str]
    joint_programmes: list[str]
    contributing_partners: list[str]
    implementation_partners: list[str]


@dataclass(frozen=True)
class Catalogue:
    """What a row is checked against: the SDG codes the store knows, the file's date order."""

    sdg_targets: set[str]
    sdg_goals: set[str]
    date_order: str | None = cell.DMY


class _Reader:
    """Reads cells of one row, collecting `column: problem` messages."""

    def __init__(self, row: Row) -> None:
        self.row = row
        self.errors: list[str] = []

    def __call__(self, column: str, parse: Callable[[object], T], default: T) -> T:
        try:
            return parse(self.row.get(column))
        except cell.CellError as e:
            self.errors.append(f"{column}: {e}")
            return default

    def text(self, column: str) -> str | None:
        return cell.text(self.row.get(column)) or None

    def result(self, code_column: str, title_column: str, untitled: str = UNTITLED) -> Result:
        return Result(cell.code(self.row.get(code_column)), self.text(title_column) or untitled)


def parse(row: Row, catalogue: Catalogue) -> tuple[UninfoRecord | None, list[str]]:
    """The row's record, or None and every problem it has, each naming its column."""
    read = _Reader(row)
    country_name = cell.text(row.get("Country"))
    country = resolve_country(country_name) if country_name else None
    if country is None:
        read.errors.append(f"Country: unknown country {country_name!r}")
    plan = cell.text(row.get("Plan name"))
    if not plan:
        read.errors.append("Plan name: missing")
    uninfo_id = cell.text(row.get("ID"))
    if not uninfo_id.isdigit():
        read.errors.append(f"ID: {uninfo_id!r} is not a UN INFO sub-output ID")
    targets = _known(read, "SDG Targets", cell.sdg_targets, catalogue.sdg_targets, "target")
    goals = _known(read, "SDG Goals", cell.sdg_goals, catalogue.sdg_goals, "goal")
    start, end = (read(c, lambda v: cell.day(v, catalogue.date_order), None) for c in DATE_COLUMNS)
    money = Money(
        read("Total required resources", cell.amount, None),
        read("Total available resources", cell.amount, None),
        read("Total expenditure resources", cell.amount, None),
    )
    yearly = _yearly(read)
    agencies = cell.agencies(row.get("Agency abbreviations"))
    if not agencies:
        read.errors.append("Agency abbreviations: no agency named")
    if read.errors or country is None:
        return None, read.errors
    priority = read.result("Strategic priority code", "Strategic priority", "")
    return UninfoRecord(
        line=row.line,
        country_name=country_name,
        country=country,
        plan=plan,
        priority=Result(priority.code, priority.title or priority.code),
        outcome=read.result("Outcome code", "Outcome"),
        output=read.result("Output code", "Output"),
        sub_output=read.result("Sub-Output code", "Sub-Output"),
        uninfo_id=uninfo_id,
        description=read.text("Description"),
        status=read.text("Status"),
        start=start,
        end=end,
        money=money,
        yearly=yearly,
        markers=_markers(row),
        agencies=agencies,
        sdg_targets=targets,
        sdg_goals=goals,
        joint_programmes=cell.names(row.get("Joint Programmes / Initiatives names")),
        contributing_partners=cell.names(row.get("Contributing partners")),
        implementation_partners=cell.names(row.get("Implementation partners")),
    ), []


def _known(
    read: _Reader, column: str, parse: Callable[[object], list[str]], known: set[str], what: str
) -> list[str]:
    none: list[str] = []
    codes = read(column, parse, none)
    for code in codes:
        if code not in known:
            read.errors.append(f"{column}: unknown SDG {what} {code!r}")
    return codes


def _yearly(read: _Reader) -> cell.YearlyBudget:
    try:
        return cell.budget_by_year(dict(read.row.items()))
    except cell.CellError as e:  # names its column
        read.errors.append(str(e))
        return cell.NO_YEARS


def _markers(row: Row) -> Markers:
    return Markers(
        gender=cell.text(row.get("Gender marker")) or None,
        human_rights=cell.text(row.get("Human rights marker")) or None,
        humanitarian=cell.text(row.get("Humanitarian marker")) or None,
        sustaining_peace=cell.text(row.get("Sustaining peace marker")) or None,
        lnob_groups=cell.items(row.get("LNOB groups targeted")),
        qcpr_functions=cell.items(row.get("QCPR function")),
        geography=cell.items(row.get("Geography")),
    )
