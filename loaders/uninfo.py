"""UN INFO Joint Work Plan exports (.csv, .xlsx) -> the results chain of a country.

One row is one sub-output. Each row places, per country and plan, the chain
strategic priority -> outcome -> output -> sub-output, the agencies that
deliver the sub-output (DIRECT contributors, with its required, available and
spent resources: UN INFO does not split these by agency, so each agency's edge
carries the sub-output's totals), its SDG targets and goals, its joint
programmes and its partners. Identity comes from the export itself (country,
plan, codes, the sub-output's UN INFO ID), so overlapping exports merge.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl

from graph.batch import GraphBatch
from graph.model import NodeKind, PartnerRole, PartnerType, RelKind
from graph.repository import Graph
from loaders import uninfo_cells as cell
from loaders.agencies import AgencyDirectory
from loaders.countries import resolve_country
from loaders.csvfile import records
from loaders.problems import ProblemList
from loaders.report import LoadReport

N, R = NodeKind, RelKind

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

Row = dict[str, Any]


def rows(path: Path) -> Iterator[tuple[int, Row]]:
    """(line, row) from a .csv or the first sheet of an .xlsx (line = sheet row)."""
    if path.suffix.lower() == ".xlsx":
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            values = sheet.iter_rows(values_only=True)
            header = [str(h).strip() if h is not None else "" for h in next(values, ())]
            for number, row in enumerate(values, start=2):
                if any(v not in (None, "") for v in row):
                    yield number, dict(zip(header, row, strict=False))
        finally:
            book.close()
    else:
        yield from records(path)


def _columns(path: Path) -> list[str]:
    for _, row in rows(path):
        return list(row)
    return []


async def build(path: Path, graph: Graph) -> tuple[GraphBatch, LoadReport]:
    problems = ProblemList(path)
    report = LoadReport(str(path), "UN INFO export")
    batch = GraphBatch()
    missing = [c for c in REQUIRED_COLUMNS if c not in _columns(path)]
    if missing:
        problems.add(1, f"not a UN INFO export: missing columns {', '.join(missing)}")
        problems.raise_if_any()

    directory = await AgencyDirectory.from_store(graph)
    sdg_targets, sdg_goals = await graph.sdg_codes()
    if not sdg_targets:
        problems.add(1, "the SDG catalogue is not loaded (run `unct-graph load --reference`)")
        problems.raise_if_any()

    for line, row in rows(path):
        report.rows += 1
        try:
            _place_row(row, line, batch, report, problems, directory, sdg_targets, sdg_goals)
        except cell.CellError as e:  # pragma: no cover - every cell error is caught below
            problems.add(line, str(e))
    problems.raise_if_any()
    for kind, label in (
        (N.COUNTRY, "countries"),
        (N.FRAMEWORK, "plans"),
        (N.OUTCOME, "outcomes"),
        (N.OUTPUT, "outputs"),
        (N.SUB_OUTPUT, "sub-outputs"),
    ):
        report.counts[label] = sum(1 for _ in batch.ids(kind))
    return batch, report


def _title(row: Row, column: str) -> str:
    # UN INFO allows a result without a title (`-`); it is still a result.
    return cell.text(row.get(column)) or UNTITLED


UNTITLED = "(untitled in UN INFO)"


def _place_row(
    row: Row,
    line: int,
    batch: GraphBatch,
    report: LoadReport,
    problems: ProblemList,
    directory: AgencyDirectory,
    sdg_targets: set[str],
    sdg_goals: set[str],
) -> None:
    errors_before = len(problems.items)

    def read(column: str, parse: Any) -> Any:
        try:
            return parse(row.get(column))
        except cell.CellError as e:
            problems.add(line, f"{column}: {e}")
            return None

    country_name = cell.text(row.get("Country"))
    country = resolve_country(country_name) if country_name else None
    if country is None:
        problems.add(line, f"Country: unknown country {country_name!r}")
    plan = cell.text(row.get("Plan name"))
    if not plan:
        problems.add(line, "Plan name: missing")
    uninfo_id = cell.text(row.get("ID"))
    if not uninfo_id.isdigit():
        problems.add(line, f"ID: {uninfo_id!r} is not a UN INFO sub-output ID")
    targets = read("SDG Targets", cell.sdg_targets) or []
    goals = read("SDG Goals", cell.sdg_goals) or []
    for code in targets:
        if code not in sdg_targets:
            problems.add(line, f"SDG Targets: unknown SDG target {code!r}")
    for code in goals:
        if code not in sdg_goals:
            problems.add(line, f"SDG Goals: unknown SDG goal {code!r}")
    start, end = read("Start date", cell.day), read("End date", cell.day)
    money = {
        "required": read("Total required resources", cell.amount),
        "available": read("Total available resources", cell.amount),
        "expenditure": read("Total expenditure resources", cell.amount),
    }
    try:
        yearly = cell.budget_by_year(row)
    except cell.CellError as e:  # names its column
        problems.add(line, str(e))
        yearly = cell.NO_YEARS
    agency_names = cell.agencies(row.get("Agency abbreviations"))
    if not agency_names:
        problems.add(line, "Agency abbreviations: no agency named")
    if len(problems.items) > errors_before or country is None:
        return

    iso3 = country.iso3
    report.map("country", country_name, iso3)
    batch.node(
        N.COUNTRY,
        iso3,
        iso3=iso3,
        name=country.name if country.multi_country else country_name,
        multiCountry=country.multi_country,
    )
    framework = f"{iso3}/{cell.slug(plan)}"
    first_year, last_year = cell.years(plan)
    batch.node(
        N.FRAMEWORK,
        framework,
        title=plan,
        country=iso3,
        startYear=first_year,
        endYear=last_year,
        source="UN INFO",
    )
    batch.edge(R.PART_OF, (N.FRAMEWORK, framework), (N.COUNTRY, iso3))

    sp_code = cell.code(row.get("Strategic priority code"))
    priority = f"{framework}/SP{sp_code}"
    batch.node(
        N.STRATEGIC_PRIORITY,
        priority,
        code=sp_code,
        framework=framework,
        title=cell.text(row.get("Strategic priority")) or sp_code,
    )
    batch.edge(R.PART_OF, (N.STRATEGIC_PRIORITY, priority), (N.FRAMEWORK, framework))

    outcome_code = cell.code(row.get("Outcome code"))
    outcome = f"{priority}/O{outcome_code}"
    batch.node(
        N.OUTCOME,
        outcome,
        code=outcome_code,
        title=_title(row, "Outcome"),
        framework=framework,
        country=iso3,
        source="UN INFO",
    )
    batch.edge(R.PART_OF, (N.OUTCOME, outcome), (N.STRATEGIC_PRIORITY, priority))
    batch.edge(R.PART_OF, (N.OUTCOME, outcome), (N.FRAMEWORK, framework))

    output_code = cell.code(row.get("Output code"))
    output = f"{outcome}/OP{output_code}"
    batch.node(
        N.OUTPUT,
        output,
        code=output_code,
        title=_title(row, "Output"),
        framework=framework,
        source="UN INFO",
    )
    batch.edge(R.PART_OF, (N.OUTPUT, output), (N.OUTCOME, outcome))

    sub_output = f"UNINFO-{uninfo_id}"
    node = (N.SUB_OUTPUT, sub_output)
    batch.node(
        N.SUB_OUTPUT,
        sub_output,
        code=cell.code(row.get("Sub-Output code")),
        title=_title(row, "Sub-Output"),
        description=cell.text(row.get("Description")) or None,
        framework=framework,
        status=cell.text(row.get("Status")) or None,
        startDate=start,
        endDate=end,
        source=f"UN INFO {uninfo_id}",
        **money,
        budgetYears=yearly.years,
        requiredByYear=yearly.required,
        availableByYear=yearly.available,
        expenditureByYear=yearly.expenditure,
        genderMarker=cell.text(row.get("Gender marker")) or None,
        humanRightsMarker=cell.text(row.get("Human rights marker")) or None,
        humanitarianMarker=cell.text(row.get("Humanitarian marker")) or None,
        sustainingPeaceMarker=cell.text(row.get("Sustaining peace marker")) or None,
        lnobGroups=cell.items(row.get("LNOB groups targeted")),
        qcprFunctions=cell.items(row.get("QCPR function")),
        geography=cell.items(row.get("Geography")),
    )
    batch.edge(R.PART_OF, node, (N.OUTPUT, output))

    agencies: list[str] = []
    for name in agency_names:
        agency = directory.resolve(name)
        if agency is None:
            directory.add(batch, name)
            report.created.add(f"agency {name!r} (not in the UN entities list)")
            agency = name
        report.map("agency", name, agency)
        agencies.append(agency)
        batch.edge(R.CONTRIBUTES_TO, (N.AGENCY, agency), node, **money)
        batch.edge(R.PRESENT_IN, (N.AGENCY, agency), (N.COUNTRY, iso3))
    for code in targets:
        batch.edge(R.ALIGNED_WITH, node, (N.SDG_TARGET, code))
    for code in goals:
        batch.edge(R.ALIGNED_WITH, node, (N.SDG_GOAL, code))

    for title in cell.names(row.get("Joint Programmes / Initiatives names")):
        programme = f"{iso3}-JP-{cell.slug(title)}"
        batch.node(N.JOINT_PROGRAMME, programme, title=title, country=iso3, source="UN INFO")
        batch.edge(R.COVERS, (N.JOINT_PROGRAMME, programme), node)
        for agency in agencies:
            batch.edge(
                R.PARTICIPATES_IN,
                (N.AGENCY, agency),
                (N.JOINT_PROGRAMME, programme),
                role="PARTICIPATING",
            )
    for column, relation in (
        ("Contributing partners", R.FUNDED_BY),
        ("Implementation partners", R.PARTNERS_WITH),
    ):
        for name in cell.names(row.get(column)):
            partner = f"PARTNER-{cell.slug(name)}"
            batch.node(
                N.PARTNER, partner, name=name, type=PartnerType.OTHER.value, source="UN INFO"
            )
            if relation is R.PARTNERS_WITH:
                batch.edge(
                    relation, node, (N.PARTNER, partner), role=PartnerRole.IMPLEMENTING.value
                )
            else:
                batch.edge(relation, node, (N.PARTNER, partner))
