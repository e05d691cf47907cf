"""The domain model: node kinds, relationship kinds and their properties.

This module is the single source of truth. The embedded store's DDL, the Neo4j
constraints, the loaders' upsert statements and the GraphQL enums are all
derived from the declarations below, so a property added here reaches every
store without further edits.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class PropType(StrEnum):
    """Property value types, named as the embedded store's DDL spells them."""

    STRING = "STRING"
    INT = "INT64"
    FLOAT = "DOUBLE"
    BOOL = "BOOLEAN"
    DATE = "DATE"
    STRING_LIST = "STRING[]"
    INT_LIST = "INT64[]"
    FLOAT_LIST = "DOUBLE[]"


class NodeKind(StrEnum):
    COUNTRY = "Country"
    AGENCY = "Agency"
    BODY = "Body"
    PARTNER = "Partner"
    FRAMEWORK = "Framework"
    STRATEGIC_PRIORITY = "StrategicPriority"
    OUTCOME = "Outcome"
    OUTPUT = "Output"
    SUB_OUTPUT = "SubOutput"
    JOINT_PROGRAMME = "JointProgramme"
    FUND = "Fund"
    SDG_GOAL = "SdgGoal"
    SDG_TARGET = "SdgTarget"
    SDG_INDICATOR = "SdgIndicator"
    ACTIVITY = "Activity"
    # A post held by a person (W3C ORG org:Post): the Resident Coordinator.
    POST = "Post"
    PERSON = "Person"


class RelKind(StrEnum):
    MEMBER_OF = "MEMBER_OF"
    REPORTS_TO = "REPORTS_TO"
    COVERS = "COVERS"
    CONTRIBUTES_TO = "CONTRIBUTES_TO"
    PART_OF = "PART_OF"
    ALIGNED_WITH = "ALIGNED_WITH"
    PRESENT_IN = "PRESENT_IN"
    PARTICIPATES_IN = "PARTICIPATES_IN"
    FUNDED_BY = "FUNDED_BY"
    PARTNERS_WITH = "PARTNERS_WITH"
    LOCATED_IN = "LOCATED_IN"
    HOLDS = "HOLDS"
    LEADS = "LEADS"
    ACCOUNTABLE_TO = "ACCOUNTABLE_TO"


class BodyKind(StrEnum):
    UNCT = "UNCT"
    STEERING_COMMITTEE = "STEERING_COMMITTEE"
    RESULTS_GROUP = "RESULTS_GROUP"
    THEME_GROUP = "THEME_GROUP"
    TASK_FORCE = "TASK_FORCE"
    JOINT_TEAM = "JOINT_TEAM"
    OPERATIONS_MANAGEMENT_TEAM = "OPERATIONS_MANAGEMENT_TEAM"
    PROGRAMME_MANAGEMENT_TEAM = "PROGRAMME_MANAGEMENT_TEAM"
    SECURITY_MANAGEMENT_TEAM = "SECURITY_MANAGEMENT_TEAM"
    COMMUNICATION_GROUP = "COMMUNICATION_GROUP"
    MONITORING_EVALUATION_GROUP = "MONITORING_EVALUATION_GROUP"
    RC_OFFICE = "RC_OFFICE"
    WORKING_GROUP = "WORKING_GROUP"
    OTHER = "OTHER"


class MemberRole(StrEnum):
    CHAIR = "CHAIR"
    CO_CHAIR = "CO_CHAIR"
    VICE_CHAIR = "VICE_CHAIR"
    MEMBER = "MEMBER"
    OBSERVER = "OBSERVER"
    SECRETARIAT = "SECRETARIAT"
    FOCAL_POINT = "FOCAL_POINT"


class ContributionPath(StrEnum):
    """How an agency comes to contribute to an outcome."""

    DIRECT = "DIRECT"
    RESULTS_GROUP = "RESULTS_GROUP"
    JOINT_PROGRAMME = "JOINT_PROGRAMME"


CONTRIBUTION_PATHS: dict[ContributionPath, str] = {
    ContributionPath.DIRECT: "the agency delivers the outcome, or an output or sub-output "
    "beneath it.",
    ContributionPath.RESULTS_GROUP: "the agency sits in a body that covers the outcome.",
    ContributionPath.JOINT_PROGRAMME: "the agency takes part in a joint programme serving it.",
}

# The order in which members are listed: who leads first.
ROLE_ORDER: tuple[MemberRole, ...] = (
    MemberRole.CHAIR,
    MemberRole.CO_CHAIR,
    MemberRole.VICE_CHAIR,
    MemberRole.SECRETARIAT,
    MemberRole.MEMBER,
    MemberRole.FOCAL_POINT,
    MemberRole.OBSERVER,
)
# Roles that lead a body (Agency.chairs).
CHAIR_ROLES: frozenset[MemberRole] = frozenset({MemberRole.CHAIR, MemberRole.CO_CHAIR})


class PostKind(StrEnum):
    RESIDENT_COORDINATOR = "RESIDENT_COORDINATOR"
    OTHER = "OTHER"


class AccountabilityKind(StrEnum):
    """How a body's chair answers to a post: the DRR group's chair reports to the
    Resident Coordinator every year, and the RC appraises the chair."""

    ANNUAL_REPORT = "ANNUAL_REPORT"
    APPRAISAL = "APPRAISAL"
    OTHER = "OTHER"


class ParticipationRole(StrEnum):
    CONVENING = "CONVENING"
    PARTICIPATING = "PARTICIPATING"


class ActivityRole(StrEnum):
    """How an organisation takes part in an IATI activity (IATI OrganisationRole)."""

    FUNDING = "FUNDING"
    ACCOUNTABLE = "ACCOUNTABLE"
    EXTENDING = "EXTENDING"
    IMPLEMENTING = "IMPLEMENTING"


class PartnerType(StrEnum):
    GOVERNMENT = "GOVERNMENT"
    DONOR = "DONOR"
    CIVIL_SOCIETY = "CIVIL_SOCIETY"
    PRIVATE_SECTOR = "PRIVATE_SECTOR"
    ACADEMIA = "ACADEMIA"
    INTERNATIONAL_ORGANIZATION = "INTERNATIONAL_ORGANIZATION"
    UN_ENTITY = "UN_ENTITY"
    OTHER = "OTHER"


class PartnerRole(StrEnum):
    """How a partner relates to a sub-output in a UN INFO work plan."""

    IMPLEMENTING = "IMPLEMENTING"


@dataclass(frozen=True)
class Prop:
    name: str
    type: PropType = PropType.STRING


S, INT, F, B, D, L, INTS, FLOATS = (
    PropType.STRING,
    PropType.INT,
    PropType.FLOAT,
    PropType.BOOL,
    PropType.DATE,
    PropType.STRING_LIST,
    PropType.INT_LIST,
    PropType.FLOAT_LIST,
)


def _props(*specs: tuple[str, PropType]) -> tuple[Prop, ...]:
    return tuple(Prop(name, kind) for name, kind in specs)


_RESULT = (("code", S), ("title", S), ("description", S))
_BUDGET = (("required", F), ("available", F), ("expenditure", F))

# Every node kind has a string primary key `id`; these are its other properties.
# Every kind also takes EVIDENCE, added below.
_NODE_PROPS: dict[NodeKind, tuple[Prop, ...]] = {
    NodeKind.COUNTRY: _props(("iso3", S), ("name", S), ("multiCountry", B)),
    NodeKind.AGENCY: _props(
        ("acronym", S),
        ("name", S),
        ("category", S),
        ("aliases", L),
        ("lookupKeys", L),
        ("unSystem", B),
    ),
    NodeKind.BODY: _props(("name", S), ("kind", S), ("country", S), ("description", S)),
    NodeKind.PARTNER: _props(("name", S), ("type", S), ("country", S)),
    NodeKind.FRAMEWORK: _props(
        ("title", S),
        ("country", S),
        ("startYear", INT),
        ("endYear", INT),
        # The plan's name in UN INFO, when a pack says which plan it describes.
        ("uninfoPlan", S),
    ),
    NodeKind.STRATEGIC_PRIORITY: _props(*_RESULT, ("framework", S)),
    NodeKind.OUTCOME: _props(*_RESULT, ("framework", S), ("country", S)),
    NodeKind.OUTPUT: _props(*_RESULT, ("framework", S)),
    NodeKind.SUB_OUTPUT: _props(
        *_RESULT,
        ("framework", S),
        ("status", S),
        ("startDate", D),
        ("endDate", D),
        # The Common Budgetary Framework, as UN INFO states it per sub-output
        # (not split by agency): totals, and per year. The per-year lists are
        # parallel to budgetYears and hold only years with a figure; a blank
        # cell in such a year is 0 (Neo4j arrays cannot hold nulls).
        *_BUDGET,
        ("budgetYears", INTS),
        ("requiredByYear", FLOATS),
        ("availableByYear", FLOATS),
        ("expenditureByYear", FLOATS),
        # UN INFO markers, as the export writes them ("2 - Significant ...").
        ("genderMarker", S),
        ("humanRightsMarker", S),
        ("humanitarianMarker", S),
        ("sustainingPeaceMarker", S),
        ("lnobGroups", L),
        ("qcprFunctions", L),
        ("geography", L),
    ),
    NodeKind.JOINT_PROGRAMME: _props(
        ("title", S), ("country", S), ("startDate", D), ("endDate", D), ("budget", F)
    ),
    NodeKind.FUND: _props(("name", S)),
    NodeKind.SDG_GOAL: _props(("code", S), ("title", S)),
    NodeKind.SDG_TARGET: _props(("code", S), ("title", S)),
    NodeKind.SDG_INDICATOR: _props(("code", S), ("unsdCode", S), ("title", S)),
    # An IATI activity; money in `currency`, summed from its budgets and its
    # transactions by type.
    NodeKind.ACTIVITY: _props(
        ("title", S),
        ("description", S),
        ("status", S),
        ("startDate", D),
        ("endDate", D),
        ("reportingOrg", S),
        ("currency", S),
        ("budget", F),
        ("commitments", F),
        ("disbursements", F),
        ("expenditures", F),
    ),
    NodeKind.POST: _props(("title", S), ("kind", S), ("country", S)),
    # A person holding a post; the name may be unknown (documents name posts, not people).
    NodeKind.PERSON: _props(("name", S)),
}


@dataclass(frozen=True)
class RelSpec:
    endpoints: tuple[tuple[NodeKind, NodeKind], ...]
    props: tuple[Prop, ...] = ()


N = NodeKind
_RESULT_NODES = (N.OUTCOME, N.OUTPUT, N.SUB_OUTPUT)

# Every relationship has a string property `key`: together with its endpoints
# it identifies the relationship, so loading the same fact twice MERGEs onto
# one edge (a membership's key is its role and start date: a chair that
# rotates away and back is two edges).
_REL_SPECS: dict[RelKind, RelSpec] = {
    RelKind.MEMBER_OF: RelSpec(
        ((N.AGENCY, N.BODY), (N.PARTNER, N.BODY)),
        _props(("role", S), ("since", D), ("until", D)),
    ),
    RelKind.REPORTS_TO: RelSpec(((N.BODY, N.BODY),), _props(("since", D), ("until", D))),
    RelKind.COVERS: RelSpec(
        ((N.BODY, N.OUTCOME), (N.JOINT_PROGRAMME, N.OUTCOME), (N.JOINT_PROGRAMME, N.SUB_OUTPUT))
    ),
    RelKind.CONTRIBUTES_TO: RelSpec(
        tuple((N.AGENCY, kind) for kind in _RESULT_NODES),
        _props(*_BUDGET),
    ),
    RelKind.PART_OF: RelSpec(
        (
            (N.FRAMEWORK, N.COUNTRY),
            (N.STRATEGIC_PRIORITY, N.FRAMEWORK),
            (N.OUTCOME, N.STRATEGIC_PRIORITY),
            (N.OUTCOME, N.FRAMEWORK),
            (N.OUTPUT, N.OUTCOME),
            (N.SUB_OUTPUT, N.OUTPUT),
            (N.SDG_TARGET, N.SDG_GOAL),
            (N.SDG_INDICATOR, N.SDG_TARGET),
        )
    ),
    RelKind.ALIGNED_WITH: RelSpec(
        tuple(
            (source, goal)
            for source in (*_RESULT_NODES, N.JOINT_PROGRAMME, N.ACTIVITY)
            for goal in (N.SDG_TARGET, N.SDG_GOAL)
        )
    ),
    RelKind.PRESENT_IN: RelSpec(((N.AGENCY, N.COUNTRY),), _props(("resident", B))),
    # role: ParticipationRole for a joint programme, ActivityRole for an activity.
    RelKind.PARTICIPATES_IN: RelSpec(
        ((N.AGENCY, N.JOINT_PROGRAMME), (N.AGENCY, N.ACTIVITY), (N.PARTNER, N.ACTIVITY)),
        _props(("role", S)),
    ),
    RelKind.FUNDED_BY: RelSpec(
        ((N.SUB_OUTPUT, N.PARTNER), (N.JOINT_PROGRAMME, N.FUND), (N.JOINT_PROGRAMME, N.PARTNER))
    ),
    RelKind.PARTNERS_WITH: RelSpec(((N.SUB_OUTPUT, N.PARTNER),), _props(("role", S))),
    # An activity's recipient country, with its share of the activity.
    RelKind.LOCATED_IN: RelSpec(((N.ACTIVITY, N.COUNTRY),), _props(("percentage", F))),
    RelKind.HOLDS: RelSpec(((N.PERSON, N.POST),), _props(("since", D), ("until", D))),
    RelKind.LEADS: RelSpec(((N.POST, N.BODY),), _props(("since", D), ("until", D))),
    # The body's chair answers to the post (kind: AccountabilityKind).
    RelKind.ACCOUNTABLE_TO: RelSpec(
        ((N.BODY, N.POST),), _props(("kind", S), ("since", D), ("until", D))
    ),
}


# What a source gives as evidence for a fact, e.g. `seed:000 "Chair: UNICEF"` or
# `illustrative: ...` in a country pack; stated by loaders like any property.
EVIDENCE = Prop("source")
NODE_PROPS: dict[NodeKind, tuple[Prop, ...]] = {
    kind: (*props, EVIDENCE) for kind, props in _NODE_PROPS.items()
}
REL_SPECS: dict[RelKind, RelSpec] = {
    kind: RelSpec(spec.endpoints, (*spec.props, EVIDENCE)) for kind, spec in _REL_SPECS.items()
}

# Bookkeeping on every fact (node and relationship), kept by the writer, never
# stated by a loader: which sources assert the fact, and where it was last
# stated ("vnm.yaml:40", "api:rco-editor"), and, while several sources state
# it, what each of them states (JSON, see graph.stated).
SOURCES = Prop("sources", PropType.STRING_LIST)
ORIGIN = Prop("origin")
STATED = Prop("stated")
BOOKKEEPING: tuple[Prop, ...] = (SOURCES, ORIGIN, STATED)
# Facts stored before facts recorded their sources are adopted by this source
# (`unct-graph unload legacy` removes what no file states any more).
LEGACY_SOURCE = "legacy"


def legacy_adoption() -> list[str]:
    """Statements giving every fact without sources to the legacy source."""
    sets = f"SET x.sources = ['{LEGACY_SOURCE}'], x.origin = '{LEGACY_SOURCE}'"
    statements = [f"MATCH (x:{kind.value}) WHERE x.sources IS NULL {sets}" for kind in NodeKind]
    statements += [
        f"MATCH ()-[x:{rel.value}]->() WHERE x.sources IS NULL {sets}" for rel in RelKind
    ]
    return statements


class MetaKind(StrEnum):
    """Node kinds that record the graph's own history rather than the domain."""

    SOURCE = "Source"
    CHANGE_SET = "ChangeSet"
    API_KEY = "ApiKey"
    COUNTER = "Counter"


META_PROPS: dict[MetaKind, tuple[Prop, ...]] = {
    # A loaded source: a file, the reference catalogues, or API edits by one key.
    MetaKind.SOURCE: _props(
        ("kind", S),
        ("file", S),
        ("hash", S),
        ("loadedAt", S),
        ("actor", S),
        ("nodes", INT),
        ("relationships", INT),
    ),
    # One load, unload or edit: what it added, removed and changed. `entries`
    # is JSON (a list of entries); `subjects` the ids of the nodes it touched.
    MetaKind.CHANGE_SET: _props(
        ("seq", INT),
        ("at", S),
        ("actor", S),
        ("source", S),
        ("added", INT),
        ("removed", INT),
        ("changed", INT),
        ("entries", S),
        ("subjects", L),
    ),
    # An API key, stored only as a hash of the key.
    MetaKind.API_KEY: _props(
        ("name", S), ("role", S), ("hash", S), ("createdAt", S), ("revokedAt", S)
    ),
    # Sequence numbers; taking one also serialises concurrent writers.
    MetaKind.COUNTER: _props(("value", INT)),
}


def node_prop_names(kind: NodeKind) -> tuple[str, ...]:
    return tuple(prop.name for prop in NODE_PROPS[kind])


def rel_prop_names(kind: RelKind) -> tuple[str, ...]:
    return tuple(prop.name for prop in REL_SPECS[kind].props)
