"""Writing a plan as a UN INFO Joint Work Plan export: one row per sub-output.

The columns, their spellings and their order are those of the real exports
(loaders/data/uninfo: the same 41 columns, then `YEAR Required/Available/
Expenditure/Narrative` per year), every cell quoted, multi-valued cells
joined with commas, `-` for an empty text, SDG cells as UN INFO writes them
(`4.a Build and upgrade ...`, `4 Quality Education`), budget cells blank
where nothing is stated.
"""

from __future__ import annotations

import csv
import io

from loaders.synthetic.bundled import GOAL_NAMES
from loaders.synthetic.results import Outcome, Output, Plan
from loaders.synthetic.sub_outputs import SubOutput

COLUMNS = (
    "Country", "Plan name", "Strategic priority code", "Strategic priority", "Outcome code",
    "Outcome", "Output code", "Output", "Sub-Output publication status", "Sub-Output code",
    "Sub-Output", "ID", "Description", "Start date", "End date", "Status",
    "Joint Programmes / Initiatives names", "Joint Programmes / Initiatives types",
    "Agency abbreviations", "Agencies", "Contributing partners", "Implementation partners",
    "SDG Targets", "SDG Goals", "Geography", "QCPR function", "Humanitarian marker",
    "Humanitarian marker narrative", "Gender marker", "Gender marker narrative",
    "Human rights marker", "Suboutput also contributes to the following outputs",
    "Human rights marker narrative", "Sustaining peace marker",
    "Sustaining peace marker narrative", "LNOB groups targeted", "Focal users",
    "Non Monetary Assistance", "Total required resources", "Total available resources",
    "Total expenditure resources",
)  # fmt: skip
YEAR_FIGURES = ("Required", "Available", "Expenditure", "Narrative")
EMPTY = "-"


def header(years: range) -> list[str]:
    return [*COLUMNS, *(f"{year} {figure}" for year in years for figure in YEAR_FIGURES)]


def _joined(values: tuple[str, ...] | list[str]) -> str:
    return ", ".join(values) if values else EMPTY


def row(plan: Plan, outcome: Outcome, output: Output, sub: SubOutput) -> dict[str, str]:
    markers, budget = sub.markers, sub.budget
    cells = {
        "Country": plan.country.name,
        "Plan name": plan.framework.plan,
        "Strategic priority code": outcome.priority.code,
        "Strategic priority": outcome.priority.title,
        "Outcome code": outcome.code,
        "Outcome": outcome.title,
        "Output code": output.code,
        "Output": output.title,
        "Sub-Output publication status": "Yes",
        "Sub-Output code": sub.code,
        "Sub-Output": sub.title,
        "ID": sub.uninfo_id,
        "Description": sub.description or EMPTY,
        "Start date": sub.start.isoformat(),
        "End date": sub.end.isoformat(),
        "Status": sub.status,
        "Joint Programmes / Initiatives names": sub.initiative or EMPTY,
        "Joint Programmes / Initiatives types": "Joint Programme" if sub.initiative else EMPTY,
        "Agency abbreviations": _joined([a.spelling for a in sub.agencies]),
        "Agencies": _joined(sorted(a.name for a in sub.agencies)),
        "Contributing partners": _joined(sub.funders),
        "Implementation partners": _joined(sub.implementers),
        # Target titles hold commas: UN INFO joins targets with a bare comma.
        "SDG Targets": ",".join(f"{t.code} {t.title}" for t in sub.targets) or EMPTY,
        "SDG Goals": ", ".join(f"{g} {GOAL_NAMES[g]}" for g in sub.goals) or EMPTY,
        "Geography": plan.country.label,
        "QCPR function": _joined(markers.qcpr_functions),
        "Humanitarian marker": markers.humanitarian,
        "Gender marker": markers.gender,
        "Human rights marker": markers.human_rights,
        "Sustaining peace marker": markers.sustaining_peace,
        "LNOB groups targeted": _joined(markers.lnob_groups),
        "Non Monetary Assistance": "",
        "Total required resources": str(budget.required),
        "Total available resources": str(budget.available),
        "Total expenditure resources": str(budget.expenditure),
    }
    for year in budget.years:
        cells[f"{year.year} Required"] = str(year.required)
        cells[f"{year.year} Available"] = str(year.available)
        spent = year.expenditure
        cells[f"{year.year} Expenditure"] = "" if spent is None else str(spent)
    return cells


def text(plan: Plan) -> str:
    """The whole export of one country's plan, as UN INFO writes it."""
    years = range(plan.framework.start, plan.framework.end + 1)
    columns = header(years)
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(columns)
    for outcome in plan.outcomes:
        for output in outcome.outputs:
            for sub in output.sub_outputs:
                cells = row(plan, outcome, output, sub)
                writer.writerow([cells.get(c, _blank(c)) for c in columns])
    return out.getvalue()


def _blank(column: str) -> str:
    """What UN INFO writes in a cell with nothing to say: `-`, or blank for figures."""
    return "" if column.endswith(("Required", "Available", "Expenditure")) else EMPTY
