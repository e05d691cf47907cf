"""Placing a country pack's entries into a batch, every reference resolved or reported.

One step per section of the pack; each fact is stated at the line of the
entry that states it. References resolve against the pack and the store;
those that do not are problems at their line, reported with every other.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from graph.batch import GraphBatch
from graph.model import NodeKind, RelKind
from graph.repository import Graph
from loaders import uninfo_cells as cell
from loaders.agencies import AgencyDirectory
from loaders.pack_model import (
    BodyEntry,
    Holder,
    JointProgrammeEntry,
    OutcomeEntry,
    PackEntries,
    PostEntry,
)
from loaders.problems import ProblemList
from loaders.report import LoadReport
from loaders.yaml_lines import LineMap, Location

N, R = NodeKind, RelKind
Node = tuple[NodeKind, str]


@dataclass
class Known:
    """What references may point at: the pack's own ids plus what the store holds."""

    bodies: set[str]
    outcomes: set[str]
    partners: set[str]
    posts: set[str]
    sdg_targets: set[str]
    sdg_goals: set[str]
    directory: AgencyDirectory
    # Ids of entries with shape errors: already reported, not "unknown" again.
    invalid: set[str]

    @classmethod
    async def of(cls, pack: PackEntries, graph: Graph) -> Known:
        bodies = [b for _, b in pack.bodies]
        referenced_bodies = [r.body for b in bodies for r in b.reporting_lines()]
        referenced_bodies += [led.body for _, post in pack.posts for led in post.led()]
        referenced_outcomes = [o for b in bodies for o in b.outcomes]
        referenced_outcomes += [o for _, j in pack.joint_programmes for o in j.outcomes]
        referenced_partners = (m.partner for b in bodies for m in b.members if m.partner)
        referenced_posts = (a.post for b in bodies for a in b.accountable_to)
        sdg_targets, sdg_goals = await graph.sdg_codes()
        return cls(
            bodies={b.id for b in bodies} | await graph.existing(N.BODY, referenced_bodies),
            outcomes={o.id for _, o in pack.outcomes}
            | await graph.existing(N.OUTCOME, referenced_outcomes),
            partners={p.id for _, p in pack.partners}
            | await graph.existing(N.PARTNER, referenced_partners),
            posts={p.id for _, p in pack.posts} | await graph.existing(N.POST, referenced_posts),
            sdg_targets=sdg_targets,
            sdg_goals=sdg_goals,
            directory=await AgencyDirectory.from_store(graph),
            invalid=pack.invalid_ids,
        )


class Placer:
    """Places a pack's entries into a batch, one step per section, each fact at its line."""

    def __init__(
        self,
        pack: PackEntries,
        lines: LineMap,
        problems: ProblemList,
        known: Known,
        report: LoadReport,
    ) -> None:
        self.pack, self.lines, self.problems = pack, lines, problems
        self.known, self.report = known, report
        self.batch = GraphBatch()
        self.iso3 = pack.country.iso3 if pack.country else ""
        self.country: Node = (N.COUNTRY, self.iso3)

    def at(self, *location: str | int) -> int:
        return self.lines.line(location)

    def place_all(self) -> None:
        self.check_unique()
        self.place_country()
        self.place_agencies()
        self.place_framework()
        self.place_partners()
        for i, outcome in self.pack.outcomes:
            self.place_outcome(i, outcome)
        for i, body in self.pack.bodies:
            self.place_body(i, body)
        for i, programme in self.pack.joint_programmes:
            self.place_joint_programme(i, programme)
        for i, post in self.pack.posts:
            self.place_post(i, post)
        self.check_partial()

    def check_partial(self) -> None:
        """The references inside entries with shape errors: checked, never placed."""
        partial = self.pack.partial
        for i, outcome in partial.get("outcomes", []):
            self.outcome_links(i, outcome, (N.OUTCOME, outcome.id))
        for i, body in partial.get("bodies", []):
            self.body_links(i, body, (N.BODY, body.id))
        for i, programme in partial.get("joint_programmes", []):
            self.programme_links(i, programme, (N.JOINT_PROGRAMME, programme.id))

    def check_unique(self) -> None:
        for section, what in (
            ("bodies", "body"),
            ("outcomes", "outcome"),
            ("partners", "partner"),
            ("joint_programmes", "joint programme"),
            ("posts", "post"),
        ):
            seen: set[str] = set()
            for i, entry in getattr(self.pack, section):
                if entry.id in seen:
                    self.problems.add(
                        self.at(section, i, "id"), f"{what} id {entry.id!r} is defined twice"
                    )
                seen.add(entry.id)

    def place_country(self) -> None:
        if self.pack.country:
            name = self.pack.country.name
            line = self.at("country")
            self.batch.node(*self.country, line=line, iso3=self.iso3, name=name, multiCountry=False)

    def place_agencies(self) -> None:
        """Presence first: an entry with a name creates an agency the others may refer to."""
        directory = self.known.directory
        for i, presence in self.pack.agencies:
            line = self.at("agencies", i)
            if directory.resolve(presence.id) is None and presence.name:
                directory.add(self.batch, presence.id, presence.name, line=line)
                self.report.created.add(f"agency {presence.id!r} ({presence.name})")
            agency = self.agency(presence.id, self.at("agencies", i, "id"))
            if agency:
                self.batch.edge(
                    R.PRESENT_IN, agency, self.country, line=line, resident=presence.resident
                )

    def place_framework(self) -> None:
        framework = self.pack.framework
        if framework is None:
            return
        node = (N.FRAMEWORK, framework.id)
        line = self.at("framework")
        self.batch.node(
            *node,
            line=line,
            title=framework.title,
            country=self.iso3,
            startYear=framework.start_year,
            endYear=framework.end_year,
            uninfoPlan=framework.uninfo_plan,
            source=framework.source,
        )
        self.batch.edge(R.PART_OF, node, self.country, line=line)

    def place_partners(self) -> None:
        for i, partner in self.pack.partners:
            self.batch.node(
                N.PARTNER,
                partner.id,
                line=self.at("partners", i),
                name=partner.name,
                type=partner.type.value,
                country=self.iso3,
                source=partner.source,
            )

    def place_outcome(self, i: int, outcome: OutcomeEntry) -> None:
        line = self.at("outcomes", i)
        framework = self.pack.framework
        if framework is None:
            if not self.pack.framework_given:  # a framework with errors is reported already
                self.problems.add(line, "outcomes need the pack's `framework`")
            return
        node = (N.OUTCOME, outcome.id)
        self.batch.node(
            *node,
            line=line,
            code=outcome.code,
            title=outcome.title,
            description=outcome.description,
            source=outcome.source,
            framework=framework.id,
            country=self.iso3,
        )
        self.batch.edge(R.PART_OF, node, (N.FRAMEWORK, framework.id), line=line)
        self.outcome_links(i, outcome, node)

    def outcome_links(self, i: int, outcome: OutcomeEntry, node: Node) -> None:
        # Links listed in an entry rest on the entry's evidence.
        evidence = outcome.source
        self.sdgs(node, outcome.sdg_targets, outcome.sdg_goals, ("outcomes", i), evidence)
        for j, name in enumerate(outcome.contributors):
            where = self.at("outcomes", i, "contributors", j)
            agency = self.agency(name, where)
            if agency:
                self.batch.edge(R.CONTRIBUTES_TO, agency, node, line=where, source=evidence)

    def place_body(self, i: int, body: BodyEntry) -> None:
        node = (N.BODY, body.id)
        self.batch.node(
            *node,
            line=self.at("bodies", i),
            name=body.name,
            kind=body.kind.value,
            country=self.iso3,
            description=body.description,
            source=body.source,
        )
        self.body_links(i, body, node)

    def body_links(self, i: int, body: BodyEntry, node: Node) -> None:
        self.place_reporting_lines(i, body, node)
        self.place_members(i, body, node)
        self.place_accountability(i, body, node)
        for j, outcome in enumerate(body.outcomes):
            self.covers(node, outcome, self.at("bodies", i, "outcomes", j), body.source)

    def place_reporting_lines(self, i: int, body: BodyEntry, node: Node) -> None:
        for j, report_line in enumerate(body.reporting_lines()):
            line = self.at("bodies", i, "reports_to", j)
            if report_line.body == body.id:
                self.problems.add(line, "a body cannot report to itself")
            elif self.resolves(report_line.body, self.known.bodies, "body", line):
                self.batch.edge(
                    R.REPORTS_TO,
                    node,
                    (N.BODY, report_line.body),
                    report_line.since.isoformat() if report_line.since else "",
                    line=line,
                    since=report_line.since,
                    until=report_line.until,
                    source=report_line.source,
                )

    def place_members(self, i: int, body: BodyEntry, node: Node) -> None:
        for j, member in enumerate(body.members):
            line = self.at("bodies", i, "members", j)
            if member.agency is not None:
                seat = self.agency(member.agency, line)
            elif member.partner and self.resolves(
                member.partner, self.known.partners, "partner", line
            ):
                seat = (N.PARTNER, member.partner)
            else:
                seat = None
            if seat is None:
                continue
            since = member.since.isoformat() if member.since else ""
            self.batch.edge(
                R.MEMBER_OF,
                seat,
                node,
                f"{member.role.value}|{since}",
                line=line,
                role=member.role.value,
                since=member.since,
                until=member.until,
                source=member.source,
            )

    def place_accountability(self, i: int, body: BodyEntry, node: Node) -> None:
        for j, owed in enumerate(body.accountable_to):
            line = self.at("bodies", i, "accountable_to", j)
            if self.resolves(owed.post, self.known.posts, "post", line):
                self.batch.edge(
                    R.ACCOUNTABLE_TO,
                    node,
                    (N.POST, owed.post),
                    f"{owed.kind.value}|{_day(owed.since)}",
                    line=line,
                    kind=owed.kind.value,
                    since=owed.since,
                    until=owed.until,
                    source=owed.source,
                )

    def place_post(self, i: int, post: PostEntry) -> None:
        node = (N.POST, post.id)
        line = self.at("posts", i)
        self.batch.node(
            *node,
            line=line,
            title=post.title,
            kind=post.kind.value,
            country=self.iso3,
            source=post.source,
        )
        for j, led in enumerate(post.led()):
            where = self.at("posts", i, "leads", j)
            if self.resolves(led.body, self.known.bodies, "body", where):
                self.batch.edge(
                    R.LEADS,
                    node,
                    (N.BODY, led.body),
                    _day(led.since),
                    line=where,
                    since=led.since,
                    until=led.until,
                    source=led.source or post.source,
                )
        for j, holder in enumerate(post.holders):
            where = self.at("posts", i, "holders", j)
            person = (N.PERSON, _person(post.id, j, holder))
            self.batch.node(*person, line=where, name=holder.name, source=holder.source)
            self.batch.edge(
                R.HOLDS,
                person,
                node,
                _day(holder.since),
                line=where,
                since=holder.since,
                until=holder.until,
                source=holder.source,
            )

    def place_joint_programme(self, i: int, programme: JointProgrammeEntry) -> None:
        node = (N.JOINT_PROGRAMME, programme.id)
        self.batch.node(
            *node,
            line=self.at("joint_programmes", i),
            title=programme.title,
            country=self.iso3,
            startDate=programme.start,
            endDate=programme.end,
            budget=programme.budget,
            source=programme.source,
        )
        self.programme_links(i, programme, node)

    def programme_links(self, i: int, programme: JointProgrammeEntry, node: Node) -> None:
        for j, participant in enumerate(programme.agencies):
            line = self.at("joint_programmes", i, "agencies", j)
            agency = self.agency(participant.agency, line)
            if agency:
                role = participant.role.value
                self.batch.edge(
                    R.PARTICIPATES_IN, agency, node, line=line, role=role, source=programme.source
                )
        for j, outcome in enumerate(programme.outcomes):
            where = self.at("joint_programmes", i, "outcomes", j)
            self.covers(node, outcome, where, programme.source)
        entry: Location = ("joint_programmes", i)
        self.sdgs(node, programme.sdg_targets, programme.sdg_goals, entry, programme.source)

    # --- references ---
    def resolves(self, ref: str, known: set[str], what: str, line: int) -> bool:
        if ref in known:
            return True
        if ref not in self.known.invalid:
            self.problems.add(line, f"unknown {what} {ref!r}")
        return False

    def agency(self, name: str, line: int) -> Node | None:
        """The agency a name resolves to; None if unknown.

        Naming an agency does not make it present in the country: presence is
        what `agencies:` lists (or an export shows), so that a member who is
        not there is a finding (conformance rule member.present), not a fact
        the pack invents.
        """
        resolved = self.known.directory.resolve(name)
        if resolved is None:
            self.problems.add(
                line,
                f"unknown agency {name!r} (not a UN entity id or alias; "
                "to add it, list it under agencies with a name)",
            )
            return None
        self.report.map("agency", name, resolved)
        return (N.AGENCY, resolved)

    def covers(self, node: Node, outcome: str, line: int, evidence: str | None = None) -> None:
        if self.resolves(outcome, self.known.outcomes, "outcome", line):
            self.batch.edge(R.COVERS, node, (N.OUTCOME, outcome), line=line, source=evidence)

    def sdgs(
        self,
        node: Node,
        targets: Iterable[str],
        goals: Iterable[str],
        where: Location,
        evidence: str | None = None,
    ) -> None:
        for kind, codes, known, what in (
            (N.SDG_TARGET, targets, self.known.sdg_targets, "sdg_targets"),
            (N.SDG_GOAL, goals, self.known.sdg_goals, "sdg_goals"),
        ):
            for k, code in enumerate(codes):
                line = self.at(*where, what, k)
                if code in known:
                    self.batch.edge(R.ALIGNED_WITH, node, (kind, code), line=line, source=evidence)
                else:
                    noun = "target" if kind is N.SDG_TARGET else "goal"
                    self.problems.add(line, f"unknown SDG {noun} {code!r}")


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def _person(post: str, index: int, holder: Holder) -> str:
    """A named holder is one person across posts; an unnamed one is known by the post."""
    if holder.name:
        return f"PERSON-{cell.slug(holder.name)}"
    return f"{post}/holder-{_day(holder.since) or index + 1}"
