"""IATI activity files (2.0x XML) -> activities, who takes part, their SDGs, where.

The file is read into one typed record per activity (every code checked
against the IATI code lists, every problem reported with its line), then the
records are placed into a batch. Participating organisations resolve to UN
agencies (by IATI organisation identifier, acronym or full name), otherwise
they become partners. SDG goals and targets come from tag vocabularies 2/3
and sector vocabularies 7/8. Outcomes sharing an SDG target with an activity
in their country are linked when read (graph.repository), as inferred links:
an IATI file does not declare them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pycountry
from lxml import etree

from graph.batch import GraphBatch
from graph.model import ActivityRole, NodeKind, PartnerType, RelKind
from graph.repository import Graph, lookup_key
from loaders import iati_codes as codes
from loaders.agencies import AgencyDirectory
from loaders.problems import ProblemList
from loaders.report import LoadReport
from loaders.uninfo_cells import slug

N, R = NodeKind, RelKind
Element = etree._Element


@dataclass
class Org:
    role: ActivityRole
    ref: str
    name: str
    type: str
    line: int


@dataclass
class Activity:
    id: str
    line: int
    title: str = ""
    description: str | None = None
    status: str | None = None
    start: date | None = None
    end: date | None = None
    reporting_org: str | None = None
    currency: str | None = None
    budget: float | None = None
    totals: dict[str, float] = field(default_factory=dict)
    orgs: list[Org] = field(default_factory=list)
    countries: list[tuple[str, float | None, int]] = field(default_factory=list)
    sdgs: dict[str, set[str]] = field(default_factory=lambda: {"goal": set(), "target": set()})


def parse(path: Path, problems: ProblemList, report: LoadReport) -> list[Activity]:
    """Typed records of every activity; problems name their line."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.parse(str(path), parser).getroot()
    except etree.XMLSyntaxError as e:
        problems.add(e.lineno or 1, f"invalid XML: {e.msg}")
        problems.raise_if_any()
        raise AssertionError from e
    if root.tag != "iati-activities" or not str(root.get("version", "")).startswith("2.0"):
        problems.add(root.sourceline or 1, "not an IATI 2.0x activity file (<iati-activities>)")
        problems.raise_if_any()
    activities = [_activity(element, problems, report) for element in root.iter("iati-activity")]
    seen: set[str] = set()
    for activity in activities:
        if activity.id in seen:
            problems.add(activity.line, f"iati-identifier {activity.id!r} appears twice")
        seen.add(activity.id)
    return activities


def _line(element: Element) -> int:
    return element.sourceline or 1


def _narrative(element: Element | None) -> str:
    if element is None:
        return ""
    texts = [n.text.strip() for n in element.iter("narrative") if n.text and n.text.strip()]
    return texts[0] if texts else ""


def _activity(element: Element, problems: ProblemList, report: LoadReport) -> Activity:
    identifier = (element.findtext("iati-identifier") or "").strip()
    if not identifier:
        problems.add(_line(element), "iati-identifier: missing")
    activity = Activity(identifier, _line(element), title=_narrative(element.find("title")))
    if not activity.title:
        problems.add(_line(element), f"title: missing for {identifier!r}")
    activity.description = _narrative(element.find("description")) or None
    activity.reporting_org = _narrative(element.find("reporting-org")) or None
    activity.currency = element.get("default-currency")
    status = element.find("activity-status")
    if status is not None:
        activity.status = _code(status, "code", codes.STATUSES, "activity-status", problems)
    _dates(element, activity, problems)
    _money(element, activity, problems)
    _orgs(element, activity, problems)
    _countries(element, activity, problems)
    _sdgs(element, activity, problems, report)
    return activity


def _code(
    element: Element, attribute: str, known: dict[str, str], what: str, problems: ProblemList
) -> str | None:
    value = str(element.get(attribute, "")).strip()
    if value not in known:
        problems.add(_line(element), f"{what}: unknown {attribute} {value!r}")
        return None
    return known[value]


def _day(element: Element, problems: ProblemList) -> date | None:
    try:
        return date.fromisoformat(str(element.get("iso-date", "")))
    except ValueError:
        problems.add(_line(element), f"activity-date: iso-date {element.get('iso-date')!r}")
        return None


def _dates(element: Element, activity: Activity, problems: ProblemList) -> None:
    # Types 1/2 are planned/actual start, 3/4 planned/actual end; actual wins.
    days = {d.get("type"): _day(d, problems) for d in element.iter("activity-date")}
    activity.start = days.get("2") or days.get("1")
    activity.end = days.get("4") or days.get("3")


def _amount(value: Element, problems: ProblemList) -> float | None:
    try:
        return float(str(value.text).strip())
    except ValueError:
        problems.add(_line(value), f"value: {value.text!r} is not a number")
        return None


def _money(element: Element, activity: Activity, problems: ProblemList) -> None:
    """Budgets and transactions in the activity's currency (others are left out)."""
    for budget in element.iter("budget"):
        value = budget.find("value")
        amount = _amount(value, problems) if value is not None else None
        if amount is not None and value is not None and _same(value, activity):
            activity.budget = (activity.budget or 0.0) + amount
    for transaction in element.iter("transaction"):
        kind = transaction.find("transaction-type")
        value = transaction.find("value")
        if kind is None or value is None:
            problems.add(_line(transaction), "transaction: needs transaction-type and value")
            continue
        total = codes.TRANSACTIONS.get(str(kind.get("code")))
        amount = _amount(value, problems)
        if total and amount is not None and _same(value, activity):
            activity.totals[total] = activity.totals.get(total, 0.0) + amount


def _same(value: Element, activity: Activity) -> bool:
    return value.get("currency") in (None, activity.currency)


def _orgs(element: Element, activity: Activity, problems: ProblemList) -> None:
    for org in element.iter("participating-org"):
        role = codes.ROLES.get(str(org.get("role")))
        if str(org.get("role")) not in codes.codes("OrganisationRole") or role is None:
            problems.add(_line(org), f"participating-org: unknown role {org.get('role')!r}")
            continue
        kind = org.get("type")
        if kind is not None and kind not in codes.codes("OrganisationType"):
            problems.add(_line(org), f"participating-org: unknown type {kind!r}")
        ref, name = str(org.get("ref") or "").strip(), _narrative(org)
        if not ref and not name:
            problems.add(_line(org), "participating-org: neither ref nor name")
            continue
        activity.orgs.append(Org(role, ref, name or ref, kind or "", _line(org)))


def _countries(element: Element, activity: Activity, problems: ProblemList) -> None:
    for country in element.iter("recipient-country"):
        code = str(country.get("code", "")).upper()
        record = pycountry.countries.get(alpha_2=code)
        iso3 = "XKX" if code == "XK" else (record.alpha_3 if record else None)
        if iso3 is None:
            problems.add(_line(country), f"recipient-country: unknown code {code!r}")
            continue
        share = country.get("percentage")
        activity.countries.append((iso3, float(share) if share else None, _line(country)))


def _sdgs(element: Element, activity: Activity, problems: ProblemList, report: LoadReport) -> None:
    for tag, vocabularies, listed in (
        ("tag", codes.SDG_TAGS, "TagVocabulary"),
        ("sector", codes.SDG_SECTORS, "SectorVocabulary"),
    ):
        for item in element.iter(tag):
            vocabulary = str(item.get("vocabulary", "1"))
            if vocabulary not in codes.codes(listed):
                problems.add(_line(item), f"{tag}: unknown vocabulary {vocabulary!r}")
            elif vocabulary in vocabularies:
                level = vocabularies[vocabulary]
                code = _sdg(item, level, problems, report)
                if code:
                    activity.sdgs[level].add(code)


def _sdg(item: Element, level: str, problems: ProblemList, report: LoadReport) -> str | None:
    """An SDG code as the code list writes it (targets `1.a`, where files write `1.A`)."""
    written, element = str(item.get("code", "")).strip(), str(item.tag)
    code = written.lower()
    if code not in codes.codes("UNSDG-Goals" if level == "goal" else "UNSDG-Targets"):
        problems.add(_line(item), f"{element}: unknown SDG {level} {written!r}")
        return None
    report.map(f"SDG {level}", written, code)
    return code


async def build(path: Path, graph: Graph) -> tuple[GraphBatch, LoadReport]:
    problems = ProblemList(path)
    report = LoadReport(str(path), "IATI activity file")
    activities = parse(path, problems, report)
    targets, goals = await graph.sdg_codes()
    if not targets:
        problems.add(1, "the SDG catalogue is not loaded (run `unct-graph load --reference`)")
    problems.raise_if_any()
    places = Places(graph, await AgencyDirectory.from_store(graph), report)
    await places.prepare(activities)
    batch = GraphBatch()
    for activity in activities:
        for level, known in (("goal", goals), ("target", targets)):
            for code in sorted(activity.sdgs[level] - known):
                problems.add(activity.line, f"SDG {level} {code!r} is not in the SDG catalogue")
        places.place(batch, activity)
    problems.raise_if_any()
    report.rows = len(activities)
    report.counts.update(
        activities=len(activities),
        **{"SDG targets": sum(len(a.sdgs["target"]) for a in activities)},
    )
    return batch, report


class Places:
    """Puts activity records into a batch, resolving organisations and countries."""

    def __init__(self, graph: Graph, directory: AgencyDirectory, report: LoadReport) -> None:
        self.graph = graph
        self.directory = directory
        self.report = report
        self.names: dict[str, str] = {}
        self.known_countries: set[str] = set()

    async def prepare(self, activities: list[Activity]) -> None:
        # UN entities by full name too: IATI files name them in words.
        for row in await self.graph.agencies(un_system_only=False):
            self.names.setdefault(lookup_key(row["name"] or row["id"]), row["id"])
        wanted = {iso3 for a in activities for iso3, _, _ in a.countries}
        self.known_countries = await self.graph.existing("Country", wanted)

    def agency(self, org: Org) -> str | None:
        listed = codes.agency_refs().get(org.ref)
        found = self.directory.resolve(listed) if listed else None
        found = found or self.directory.resolve(org.name) or self.names.get(lookup_key(org.name))
        if found:
            self.report.map("organisation", org.name, found)
        return found

    def place(self, batch: GraphBatch, activity: Activity) -> None:
        node = (N.ACTIVITY, activity.id)
        batch.node(
            N.ACTIVITY,
            activity.id,
            line=activity.line,
            title=activity.title,
            description=activity.description,
            status=activity.status,
            startDate=activity.start,
            endDate=activity.end,
            reportingOrg=activity.reporting_org,
            currency=activity.currency,
            budget=activity.budget,
            source=f"IATI {activity.id}",
            **activity.totals,
        )
        for org in activity.orgs:
            agency = self.agency(org)
            member = (N.AGENCY, agency) if agency else self.partner(batch, org)
            batch.edge(
                R.PARTICIPATES_IN,
                member,
                node,
                key=org.role.value,
                line=org.line,
                role=org.role.value,
            )
        for iso3, share, line in activity.countries:
            if iso3 not in self.known_countries:
                record = pycountry.countries.get(alpha_3=iso3)
                name = getattr(record, "common_name", None) or getattr(record, "name", iso3)
                batch.node(N.COUNTRY, iso3, line=line, iso3=iso3, name=name, multiCountry=False)
            batch.edge(R.LOCATED_IN, node, (N.COUNTRY, iso3), line=line, percentage=share)
        for level, kind in (("goal", N.SDG_GOAL), ("target", N.SDG_TARGET)):
            for code in sorted(activity.sdgs[level]):
                batch.edge(R.ALIGNED_WITH, node, (kind, code), line=activity.line)

    def partner(self, batch: GraphBatch, org: Org) -> tuple[NodeKind, str]:
        partner = f"IATI-{org.ref}" if org.ref else f"IATI-{slug(org.name)}"
        kind = codes.PARTNER_TYPES.get(org.type, PartnerType.OTHER)
        batch.node(N.PARTNER, partner, line=org.line, name=org.name, type=kind.value)
        return (N.PARTNER, partner)
