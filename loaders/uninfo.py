"""UN INFO Joint Work Plan exports (.csv, .xlsx) -> the results chain of a country.

One row is one sub-output. A load reads the file into a Table, parses every
row into a validated UninfoRecord (loaders.uninfo_record), and only when no
row has a problem places the records into a batch: per country and plan, the
chain strategic priority -> outcome -> output -> sub-output, the agencies
that deliver the sub-output (DIRECT contributors, with its required,
available and spent resources: UN INFO does not split these by agency, so
each agency's edge carries the sub-output's totals), its SDG targets and
goals, its joint programmes and its partners. Identity comes from the export
itself (country, plan, codes, the sub-output's UN INFO ID), so overlapping
exports merge.
"""

from __future__ import annotations

from pathlib import Path

from graph.batch import GraphBatch
from graph.model import NodeKind, ParticipationRole, PartnerRole, PartnerType, RelKind
from graph.repository import Graph
from loaders import uninfo_cells as cell
from loaders.agencies import AgencyDirectory
from loaders.plans import UNINFO_EVIDENCE, Plans
from loaders.problems import ProblemList
from loaders.read import read_table
from loaders.report import LoadReport
from loaders.table import Table
from loaders.uninfo_record import DATE_COLUMNS, REQUIRED_COLUMNS, Catalogue, UninfoRecord, parse

N, R = NodeKind, RelKind


async def build(path: Path, graph: Graph) -> tuple[GraphBatch, LoadReport]:
    table = read_table(path, REQUIRED_COLUMNS, "a UN INFO export")
    report = LoadReport(str(path), "UN INFO export", read=table.summary())
    sdg_targets, sdg_goals = await graph.sdg_codes()
    if not sdg_targets:
        ProblemList(path).fail(
            1, "the SDG catalogue is not loaded (run `unct-graph load --reference`)"
        )
    found = records(table, Catalogue(sdg_targets, sdg_goals, _date_order(table, report)))
    plans = await Plans.of(graph, {record.country.iso3 for record in found})
    frameworks = _frameworks(found, plans, report, table.file)
    directory = await AgencyDirectory.from_store(graph)
    batch = GraphBatch()
    for record in found:
        _place(record, batch, directory, report, frameworks[_plan(record)])
    report.rows = len(found)
    for kind, label in (
        (N.COUNTRY, "countries"),
        (N.FRAMEWORK, "plans"),
        (N.OUTCOME, "outcomes"),
        (N.OUTPUT, "outputs"),
        (N.SUB_OUTPUT, "sub-outputs"),
    ):
        report.counts[label] = sum(1 for _ in batch.ids(kind))
    return batch, report


def records(table: Table, catalogue: Catalogue) -> list[UninfoRecord]:
    """Every row's record; LoadError with every problem of every row if any has one."""
    problems = ProblemList(table.file)
    found: list[UninfoRecord] = []
    for row in table.rows:
        record, errors = parse(row, catalogue)
        for error in errors:
            problems.add(row.line, error)
        if record is not None:
            found.append(record)
    problems.raise_if_any()
    return found


# Where a plan's outcomes go: its own framework (True), or one a pack describes.
PlanKey = tuple[str, str]
Placement = tuple[str, bool]


def _plan(record: UninfoRecord) -> PlanKey:
    return (record.country.iso3, record.plan)


def _frameworks(
    found: list[UninfoRecord], plans: Plans, report: LoadReport, file: str
) -> dict[PlanKey, Placement]:
    """Each plan's framework; a plan matching two frameworks is a problem at its first row."""
    problems = ProblemList(file)
    placed: dict[PlanKey, Placement] = {}
    for record in found:
        key = _plan(record)
        if key in placed:
            continue
        iso3, plan = key
        matches = plans.matches(iso3, plan, (record.country.name, record.country_name))
        placed[key] = (matches[0].id, False) if matches else (f"{iso3}/{cell.slug(plan)}", True)
        if len(matches) > 1:
            named = " and ".join(f"{f.id} ({f.title!r})" for f in matches)
            problems.add(
                record.line,
                f"Plan name: {plan!r} could be either framework {named}; say which with "
                "`uninfo_plan:` in its country pack",
            )
        elif matches:
            report.map("plan", f"{plan} ({iso3})", matches[0].id)
    problems.raise_if_any()
    return placed


def _date_order(table: Table, report: LoadReport) -> str | None:
    order = cell.date_order(row.get(c) for row in table.rows for c in DATE_COLUMNS)
    slashed = any("/" in cell.text(row.get(c)) for row in table.rows for c in DATE_COLUMNS)
    if slashed:
        report.notes.append(f"slashed dates read as {order or 'written (both orders appear)'}")
    return order


def _place(
    record: UninfoRecord,
    batch: GraphBatch,
    directory: AgencyDirectory,
    report: LoadReport,
    placement: Placement,
) -> None:
    """The record's facts, each stated at the record's line."""
    report.map("country", record.country_name, record.country.iso3)
    framework = _place_framework(record, batch, placement)
    output = _place_results_chain(record, batch, framework)
    sub_output = _place_sub_output(record, batch, framework[1])
    batch.edge(R.PART_OF, sub_output, output, line=record.line)
    agencies = _place_agencies(record, batch, directory, report, sub_output)
    for code in record.sdg_targets:
        batch.edge(R.ALIGNED_WITH, sub_output, (N.SDG_TARGET, code), line=record.line)
    for code in record.sdg_goals:
        batch.edge(R.ALIGNED_WITH, sub_output, (N.SDG_GOAL, code), line=record.line)
    _place_joint_programmes(record, batch, sub_output, agencies)
    _place_partners(record, batch, sub_output)


def _place_framework(
    record: UninfoRecord, batch: GraphBatch, placement: Placement
) -> tuple[NodeKind, str]:
    """The country, and the framework the record is placed in (stated only
    when it is the export's own: a framework a pack describes is the pack's)."""
    line, iso3 = record.line, record.country.iso3
    country = (N.COUNTRY, iso3)
    name = record.country.name if record.country.multi_country else record.country_name
    batch.node(*country, line=line, iso3=iso3, name=name, multiCountry=record.country.multi_country)
    framework_id, own = placement
    framework = (N.FRAMEWORK, framework_id)
    if own:
        first_year, last_year = cell.years(record.plan)
        batch.node(
            *framework,
            line=line,
            title=record.plan,
            country=iso3,
            startYear=first_year,
            endYear=last_year,
            source=UNINFO_EVIDENCE,
        )
        batch.edge(R.PART_OF, framework, country, line=line)
    return framework


def _place_results_chain(
    record: UninfoRecord, batch: GraphBatch, framework: tuple[NodeKind, str]
) -> tuple[NodeKind, str]:
    """Strategic priority, outcome and output, each part of the one above; the output."""
    line = record.line
    sp = record.priority
    priority = (N.STRATEGIC_PRIORITY, f"{framework[1]}/SP{sp.code}")
    batch.node(*priority, line=line, code=sp.code, framework=framework[1], title=sp.title)
    batch.edge(R.PART_OF, priority, framework, line=line)

    outcome = (N.OUTCOME, f"{priority[1]}/O{record.outcome.code}")
    batch.node(
        *outcome,
        line=line,
        code=record.outcome.code,
        title=record.outcome.title,
        framework=framework[1],
        country=record.country.iso3,
        source="UN INFO",
    )
    batch.edge(R.PART_OF, outcome, priority, line=line)
    batch.edge(R.PART_OF, outcome, framework, line=line)

    output = (N.OUTPUT, f"{outcome[1]}/OP{record.output.code}")
    batch.node(
        *output,
        line=line,
        code=record.output.code,
        title=record.output.title,
        framework=framework[1],
        source="UN INFO",
    )
    batch.edge(R.PART_OF, output, outcome, line=line)
    return output


def _place_sub_output(
    record: UninfoRecord, batch: GraphBatch, framework: str
) -> tuple[NodeKind, str]:
    node = (N.SUB_OUTPUT, f"UNINFO-{record.uninfo_id}")
    money, yearly, markers = record.money, record.yearly, record.markers
    batch.node(
        *node,
        line=record.line,
        code=record.sub_output.code,
        title=record.sub_output.title,
        description=record.description,
        framework=framework,
        status=record.status,
        startDate=record.start,
        endDate=record.end,
        source=f"UN INFO {record.uninfo_id}",
        required=money.required,
        available=money.available,
        expenditure=money.expenditure,
        budgetYears=yearly.years,
        requiredByYear=yearly.required,
        availableByYear=yearly.available,
        expenditureByYear=yearly.expenditure,
        genderMarker=markers.gender,
        humanRightsMarker=markers.human_rights,
        humanitarianMarker=markers.humanitarian,
        sustainingPeaceMarker=markers.sustaining_peace,
        lnobGroups=markers.lnob_groups,
        qcprFunctions=markers.qcpr_functions,
        geography=markers.geography,
    )
    return node


def _place_agencies(
    record: UninfoRecord,
    batch: GraphBatch,
    directory: AgencyDirectory,
    report: LoadReport,
    sub_output: tuple[NodeKind, str],
) -> list[str]:
    """DIRECT contributors; an agency the store does not know is created, never dropped."""
    agencies: list[str] = []
    money = record.money
    for name in record.agencies:
        agency = directory.resolve(name)
        if agency is None:
            directory.add(batch, name, line=record.line)
            report.created.add(f"agency {name!r} (not in the UN entities list)")
            agency = name
        report.map("agency", name, agency)
        agencies.append(agency)
        batch.edge(
            R.CONTRIBUTES_TO,
            (N.AGENCY, agency),
            sub_output,
            line=record.line,
            required=money.required,
            available=money.available,
            expenditure=money.expenditure,
        )
        batch.edge(
            R.PRESENT_IN, (N.AGENCY, agency), (N.COUNTRY, record.country.iso3), line=record.line
        )
    return agencies


def _place_joint_programmes(
    record: UninfoRecord, batch: GraphBatch, sub_output: tuple[NodeKind, str], agencies: list[str]
) -> None:
    iso3 = record.country.iso3
    for title in record.joint_programmes:
        programme = (N.JOINT_PROGRAMME, f"{iso3}-JP-{cell.slug(title)}")
        batch.node(*programme, line=record.line, title=title, country=iso3, source="UN INFO")
        batch.edge(R.COVERS, programme, sub_output, line=record.line)
        for agency in agencies:
            batch.edge(
                R.PARTICIPATES_IN,
                (N.AGENCY, agency),
                programme,
                line=record.line,
                role=ParticipationRole.PARTICIPATING.value,
            )


def _place_partners(
    record: UninfoRecord, batch: GraphBatch, sub_output: tuple[NodeKind, str]
) -> None:
    """Contributing partners fund the sub-output; implementation partners deliver it."""
    for names, relation, role in (
        (record.contributing_partners, R.FUNDED_BY, None),
        (record.implementation_partners, R.PARTNERS_WITH, PartnerRole.IMPLEMENTING.value),
    ):
        for name in names:
            partner = (N.PARTNER, f"PARTNER-{cell.slug(name)}")
            batch.node(
                *partner,
                line=record.line,
                name=name,
                type=PartnerType.OTHER.value,
                source="UN INFO",
            )
            if role is None:
                batch.edge(relation, sub_output, partner, line=record.line)
            else:
                batch.edge(relation, sub_output, partner, line=record.line, role=role)
