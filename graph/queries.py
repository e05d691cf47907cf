"""Every Cypher text the product runs, named and literal.

Values always travel as parameters; labels and relationship types are fixed in
the text (or, for the generated upserts and DDL, taken from graph.model's enums,
never from input). Where LadybugDB and Neo4j need different text, the variant
sits beside its twin in the same Query.

An optional filter reads `(x = $p OR $p IS NULL)`, comparison first: LadybugDB
types a null parameter from its first use, and `$p IS NULL` alone types it
BOOLEAN.

Reads return flat rows of scalar properties so both engines hand back the same
plain Python values. Ordering of results is done by graph.repository, in one
place, so that both engines order identically.
"""

from __future__ import annotations

import re

from graph import shapes
from graph.model import (
    META_PROPS,
    NODE_PROPS,
    REL_SPECS,
    SOURCES,
    ContributionPath,
    MetaKind,
    NodeKind,
    Prop,
    RelKind,
    node_prop_names,
    rel_prop_names,
)
from graph.store import Query

# An "as of" date selects the relationships valid on that day.
_VALID_R = "(r.since IS NULL OR r.since <= $asOf) AND (r.until IS NULL OR r.until >= $asOf)"


def fields(var: str, kind: NodeKind | MetaKind | RelKind, *names: str, prefix: str = "") -> str:
    """The RETURN list `v.id AS id, v.name AS name, ...` of a kind's properties.

    Without names: every property graph.model gives the kind (and a node's id),
    so a property added there is read back everywhere, and for a fact also the
    sources stating it (its provenance). With names: those only, each checked
    against the model here, at import, so a renamed property fails loudly
    instead of reading back as null.
    """
    known = [prop.name for prop in _declared(kind)]
    unknown = [name for name in names if name not in known]
    if unknown:
        raise ValueError(f"{kind} has no properties {unknown}")
    chosen = list(names or known)
    if not names and not isinstance(kind, MetaKind):
        chosen.append(SOURCES.name)
    if not isinstance(kind, RelKind):
        chosen.insert(0, "id")
    return ", ".join(f"{var}.{name} AS {prefix}{name}" for name in chosen)


def _declared(kind: NodeKind | MetaKind | RelKind) -> tuple[Prop, ...]:
    if isinstance(kind, RelKind):
        return REL_SPECS[kind].props
    return NODE_PROPS[kind] if isinstance(kind, NodeKind) else META_PROPS[kind]


_RESULT_LEVELS = (NodeKind.OUTCOME, NodeKind.OUTPUT, NodeKind.SUB_OUTPUT)


def _tail(pattern: str, rel: RelKind, other: NodeKind) -> shapes.Tail:
    """A path from the results chain through `rel` to `other` (and on), for graph.shapes.

    Its names are read off the pattern; the levels it may start from are the
    result kinds graph.model lets `rel` join to `other`.
    """
    names = re.findall(r"[(\[](\w+)[:)\]]", pattern)
    levels = {
        end.value
        for pair in REL_SPECS[rel].endpoints
        if other in pair
        for end in pair
        if end in _RESULT_LEVELS
    }
    return shapes.Tail(pattern, names, levels)


def _lookup(name: str, label: str, var: str, returns: str) -> Query:
    """Nodes of `label` by id ($ids); LadybugDB's variant uses the primary-key index."""
    return Query(
        name,
        f"MATCH ({var}:{label}) WHERE {var}.id IN $ids RETURN {returns}",
        ladybug=shapes.by_ids(label, var, returns),
    )


PING = Query("ping", "RETURN 1 AS ok")

# --- lookups by id (batched: DataLoaders pass every id of a request at once) ---
COUNTRY_FIELDS = fields("c", NodeKind.COUNTRY, "name", "multiCountry")
COUNTRIES_BY_ID = _lookup("countries_by_id", "Country", "c", COUNTRY_FIELDS)
# Lookup keys are how an agency is found, not what is said of it.
_AGENCY_PROPS = ("acronym", "name", "category", "aliases", "unSystem")
AGENCY_FIELDS = fields("a", NodeKind.AGENCY, *_AGENCY_PROPS)
AGENCIES_BY_ID = _lookup("agencies_by_id", "Agency", "a", AGENCY_FIELDS)
AGENCY_BY_KEY = Query(
    "agency_by_key",
    "MATCH (a:Agency) WHERE $key IN a.lookupKeys RETURN a.id AS id",
)
AGENCIES_ALL = Query(
    "agencies_all",
    f"MATCH (a:Agency) WHERE $unSystemOnly = false OR a.unSystem = true RETURN {AGENCY_FIELDS}",
)
BODY_FIELDS = fields("b", NodeKind.BODY)
BODIES_BY_ID = _lookup("bodies_by_id", "Body", "b", BODY_FIELDS)
BODIES = Query(
    "bodies",
    "MATCH (b:Body) "
    "WHERE (b.country = $country OR $country IS NULL) AND (b.kind = $kind OR $kind IS NULL) "
    "AND (lower(b.name) CONTAINS lower($name) OR $name IS NULL) "
    f"RETURN {BODY_FIELDS}",
)
OUTCOME_FIELDS = fields("o", NodeKind.OUTCOME)
GOAL_FIELDS = fields("g", NodeKind.SDG_GOAL, "code", "title")
TARGET_FIELDS = fields("t", NodeKind.SDG_TARGET, "code", "title")
OUTCOMES_BY_ID = _lookup("outcomes_by_id", "Outcome", "o", OUTCOME_FIELDS)
# One query per filter rather than `(o.country = $country OR $country IS NULL)`:
# Neo4j cannot use the country index for that disjunction and scans every
# outcome. graph.repository picks the query and applies the other filters.
OUTCOMES_OF_COUNTRY = Query(
    "outcomes_of_country", f"MATCH (o:Outcome) WHERE o.country = $country RETURN {OUTCOME_FIELDS}"
)
OUTCOMES_OF_FRAMEWORK = Query(
    "outcomes_of_framework",
    f"MATCH (o:Outcome) WHERE o.framework = $framework RETURN {OUTCOME_FIELDS}",
)
OUTCOMES_ALL = Query("outcomes_all", f"MATCH (o:Outcome) RETURN {OUTCOME_FIELDS}")
# An outcome has an SDG link when it, or an output or sub-output beneath it, is
# ALIGNED_WITH an SDG target or goal (a target always implies its goal).
_TO_ANY_SDG = [
    _tail("-[al:ALIGNED_WITH]->(s:SdgTarget)", RelKind.ALIGNED_WITH, NodeKind.SDG_TARGET),
    _tail("-[al:ALIGNED_WITH]->(s:SdgGoal)", RelKind.ALIGNED_WITH, NodeKind.SDG_GOAL),
]
OUTCOMES_WITH_SDG = Query(
    "outcomes_with_sdg",
    "MATCH (o:Outcome)<-[:PART_OF*0..2]-(x)-[:ALIGNED_WITH]->(s) WHERE o.id IN $ids "
    "RETURN DISTINCT o.id AS id",
    ladybug=shapes.beneath_outcomes(_TO_ANY_SDG, "o.id IN $ids", "o.id AS id"),
)
FRAMEWORK_FIELDS = fields("f", NodeKind.FRAMEWORK)
FRAMEWORKS_BY_ID = _lookup("frameworks_by_id", "Framework", "f", FRAMEWORK_FIELDS)
FRAMEWORKS_BY_COUNTRY = Query(
    "frameworks_by_country",
    f"MATCH (f:Framework) WHERE f.country IN $ids RETURN {FRAMEWORK_FIELDS}",
)
COUNTRIES = Query("countries", f"MATCH (c:Country) RETURN {COUNTRY_FIELDS}")
_PARTNER_PROPS = ("name", "type", "country")
PARTNER_FIELDS = fields("p", NodeKind.PARTNER, *_PARTNER_PROPS)
PARTNERS_BY_ID = _lookup("partners_by_id", "Partner", "p", PARTNER_FIELDS)

# --- structure around bodies ---
MEMBERSHIP_FIELDS = fields("r", RelKind.MEMBER_OF)
# Membership rows carry the fields of the end they were not asked by (the body
# of an agency's seat, the agency or partner in a body's), so naming them takes
# no second round trip; graph.repository nests them as `bodyRow`/`memberRow`.
BODY_END_PREFIX, COUNTRY_END_PREFIX, MEMBER_END_PREFIX = "body_", "bodyCountry_", "member_"
# The body's country too, for `body { country { name } }` (the OPTIONAL MATCH
# goes before RETURN).
BODY_END_MATCH = "OPTIONAL MATCH (bc:Country) WHERE bc.id = b.country "
BODY_END = (
    fields("b", NodeKind.BODY, prefix=BODY_END_PREFIX)
    + ", "
    + fields("bc", NodeKind.COUNTRY, "name", "multiCountry", prefix=COUNTRY_END_PREFIX)
)
# A member is an agency or a partner: the properties of both (null where absent).
MEMBER_END = ", ".join(
    dict.fromkeys(
        [
            *fields("m", NodeKind.AGENCY, *_AGENCY_PROPS, prefix=MEMBER_END_PREFIX).split(", "),
            *fields("m", NodeKind.PARTNER, *_PARTNER_PROPS, prefix=MEMBER_END_PREFIX).split(", "),
        ]
    )
)
MEMBERS_OF_BODIES = Query(
    "members_of_bodies",
    "MATCH (m)-[r:MEMBER_OF]->(b:Body) WHERE b.id IN $ids AND "
    + _VALID_R
    + " AND (r.role = $role OR $role IS NULL) "
    "RETURN b.id AS body, m.id AS member, (m:Agency) AS isAgency, "
    + MEMBERSHIP_FIELDS
    + f", {MEMBER_END}",
    ladybug="MATCH (m)-[r:MEMBER_OF]->(b:Body) WHERE b.id IN $ids AND "
    + _VALID_R
    + " AND (r.role = $role OR $role IS NULL) "
    "RETURN b.id AS body, m.id AS member, label(m) = 'Agency' AS isAgency, "
    + MEMBERSHIP_FIELDS
    + f", {MEMBER_END}",
)
MEMBERSHIPS_OF_AGENCIES = Query(
    "memberships_of_agencies",
    "MATCH (a:Agency)-[r:MEMBER_OF]->(b:Body) WHERE a.id IN $ids AND "
    + _VALID_R
    + " AND (b.country = $country OR $country IS NULL) "
    + BODY_END_MATCH
    + "RETURN b.id AS body, a.id AS member, true AS isAgency, "
    + MEMBERSHIP_FIELDS
    + f", {BODY_END}",
)
MEMBERSHIPS_OF_PARTNERS = Query(
    "memberships_of_partners",
    "MATCH (p:Partner)-[r:MEMBER_OF]->(b:Body) WHERE p.id IN $ids AND "
    + _VALID_R
    + f" {BODY_END_MATCH}RETURN b.id AS body, p.id AS member, false AS isAgency, "
    + MEMBERSHIP_FIELDS
    + f", {BODY_END}",
)
REPORTS_TO = Query(
    "reports_to",
    "MATCH (b:Body)-[r:REPORTS_TO]->(u:Body) WHERE b.id IN $ids AND "
    + _VALID_R
    + " RETURN b.id AS body, u.id AS target",
)
REPORTED_BY = Query(
    "reported_by",
    "MATCH (d:Body)-[r:REPORTS_TO]->(b:Body) WHERE b.id IN $ids AND "
    + _VALID_R
    + " RETURN b.id AS body, d.id AS target",
)
# Every upward REPORTS_TO path from a body to a body of the wanted kind, each
# edge valid on the day asked; the repository picks the nearest.
REPORTING_PATHS = Query(
    "reporting_paths",
    "MATCH p = (a:Body {id: $from})-[:REPORTS_TO*1..12]->(t:Body {kind: $to}) "
    "WHERE all(r IN relationships(p) WHERE " + _VALID_R + ") "
    "RETURN [n IN nodes(p) | n.id] AS ids",
    # LadybugDB cannot read parameters inside all(); it filters each hop of a
    # recursive pattern with its own (r, n | WHERE ...) syntax instead.
    ladybug="MATCH p = (a:Body {id: $from})-[:REPORTS_TO*1..12 (r, n | WHERE "
    + _VALID_R
    + ")]->(t:Body {kind: $to}) RETURN list_transform(nodes(p), n -> n.id) AS ids",
)
OUTCOMES_OF_BODIES = Query(
    "outcomes_of_bodies",
    "MATCH (b:Body)-[:COVERS]->(o:Outcome) WHERE b.id IN $ids "
    f"RETURN b.id AS owner, {OUTCOME_FIELDS}",
)
BODIES_COVERING_OUTCOMES = Query(
    "bodies_covering_outcomes",
    f"MATCH (b:Body)-[:COVERS]->(o:Outcome) WHERE o.id IN $ids RETURN o.id AS owner, {BODY_FIELDS}",
)
BODIES_OF_COUNTRIES = Query(
    "bodies_of_countries",
    f"MATCH (b:Body) WHERE b.country IN $ids RETURN b.country AS owner, {BODY_FIELDS}",
)
AGENCIES_OF_COUNTRIES = Query(
    "agencies_of_countries",
    "MATCH (a:Agency)-[r:PRESENT_IN]->(c:Country) WHERE c.id IN $ids "
    f"RETURN c.id AS owner, {AGENCY_FIELDS}, r.resident AS resident",
)

# --- results chain ---
OUTCOMES_OF_FRAMEWORKS = Query(
    "outcomes_of_frameworks",
    f"MATCH (o:Outcome) WHERE o.framework IN $ids RETURN o.framework AS owner, {OUTCOME_FIELDS}",
)
# The SDG targets and goals an outcome is aligned with, directly or through the
# outputs and sub-outputs beneath it.
_TO_TARGET = [
    _tail(
        "-[al:ALIGNED_WITH]->(t:SdgTarget)-[tg:PART_OF]->(g:SdgGoal)",
        RelKind.ALIGNED_WITH,
        NodeKind.SDG_TARGET,
    )
]
_TARGET_ROW = f"o.id AS owner, {TARGET_FIELDS}, g.id AS goal"
SDG_TARGETS_OF_OUTCOMES = Query(
    "sdg_targets_of_outcomes",
    "MATCH (o:Outcome)<-[:PART_OF*0..2]-(x)-[:ALIGNED_WITH]->(t:SdgTarget)-[:PART_OF]->(g:SdgGoal) "
    f"WHERE o.id IN $ids RETURN DISTINCT {_TARGET_ROW}",
    ladybug=shapes.beneath_outcomes(_TO_TARGET, "o.id IN $ids", _TARGET_ROW),
)
_TO_GOAL = [
    _tail(
        "-[al:ALIGNED_WITH]->(t:SdgTarget)-[tg:PART_OF]->(g:SdgGoal)",
        RelKind.ALIGNED_WITH,
        NodeKind.SDG_TARGET,
    ),
    _tail("-[al:ALIGNED_WITH]->(g:SdgGoal)", RelKind.ALIGNED_WITH, NodeKind.SDG_GOAL),
]
SDG_GOALS_OF_OUTCOMES = Query(
    "sdg_goals_of_outcomes",
    "MATCH (o:Outcome)<-[:PART_OF*0..2]-(x)-[:ALIGNED_WITH]->(s)-[:PART_OF*0..1]->(g:SdgGoal) "
    f"WHERE o.id IN $ids RETURN DISTINCT o.id AS owner, {GOAL_FIELDS}",
    ladybug=shapes.beneath_outcomes(_TO_GOAL, "o.id IN $ids", f"o.id AS owner, {GOAL_FIELDS}"),
)
# The three contribution paths (graph.model.ContributionPath), in one round trip.
_DIRECT = f"'{ContributionPath.DIRECT.value}' AS path"
_RESULTS_GROUP = f"'{ContributionPath.RESULTS_GROUP.value}' AS path"
_JOINT_PROGRAMME = f"'{ContributionPath.JOINT_PROGRAMME.value}' AS path"
_FROM_AGENCY = [_tail("<-[r:CONTRIBUTES_TO]-(a:Agency)", RelKind.CONTRIBUTES_TO, NodeKind.AGENCY)]
_FROM_PROGRAMME = [
    _tail(
        "<-[c:COVERS]-(j:JointProgramme)<-[pi:PARTICIPATES_IN]-(a:Agency)",
        RelKind.COVERS,
        NodeKind.JOINT_PROGRAMME,
    )
]
_VIA_RESULTS_GROUP = (
    "MATCH (o:Outcome)<-[:COVERS]-(b:Body)<-[:MEMBER_OF]-(a:Agency) WHERE o.id IN $ids "
    f"RETURN DISTINCT o.id AS owner, {AGENCY_FIELDS}, {_RESULTS_GROUP}"
)
CONTRIBUTORS = Query(
    "contributors",
    "MATCH (o:Outcome)<-[:PART_OF*0..2]-(x)<-[:CONTRIBUTES_TO]-(a:Agency) WHERE o.id IN $ids "
    f"RETURN DISTINCT o.id AS owner, {AGENCY_FIELDS}, {_DIRECT} UNION "
    + _VIA_RESULTS_GROUP
    + " UNION MATCH (o:Outcome)<-[:PART_OF*0..2]-(x)<-[:COVERS]-(j:JointProgramme)"
    "<-[:PARTICIPATES_IN]-(a:Agency) WHERE o.id IN $ids "
    f"RETURN DISTINCT o.id AS owner, {AGENCY_FIELDS}, {_JOINT_PROGRAMME}",
    ladybug=" UNION ".join(
        [
            shapes.beneath_outcomes(
                _FROM_AGENCY, "o.id IN $ids", f"o.id AS owner, {AGENCY_FIELDS}, {_DIRECT}"
            ),
            _VIA_RESULTS_GROUP,
            shapes.beneath_outcomes(
                _FROM_PROGRAMME,
                "o.id IN $ids",
                f"o.id AS owner, {AGENCY_FIELDS}, {_JOINT_PROGRAMME}",
            ),
        ]
    ),
)
# The DIRECT path, read from the agency's side.
OUTCOMES_OF_AGENCIES = Query(
    "outcomes_of_agencies",
    "MATCH (o:Outcome)<-[:PART_OF*0..2]-(x)<-[:CONTRIBUTES_TO]-(a:Agency) WHERE a.id IN $ids "
    f"RETURN DISTINCT a.id AS owner, {OUTCOME_FIELDS}",
    ladybug=shapes.beneath_outcomes(
        _FROM_AGENCY, "a.id IN $ids", f"a.id AS owner, {OUTCOME_FIELDS}", from_tail=True
    ),
)

# --- SDG catalogue ---
SDG_GOALS = Query("sdg_goals", f"MATCH (g:SdgGoal) RETURN {GOAL_FIELDS}")
SDG_GOALS_BY_ID = _lookup("sdg_goals_by_id", "SdgGoal", "g", GOAL_FIELDS)
SDG_TARGETS_BY_ID = Query(
    "sdg_targets_by_id",
    "MATCH (t:SdgTarget)-[:PART_OF]->(g:SdgGoal) WHERE t.id IN $ids "
    f"RETURN {TARGET_FIELDS}, g.id AS goal",
)
TARGETS_OF_GOALS = Query(
    "targets_of_goals",
    "MATCH (t:SdgTarget)-[:PART_OF]->(g:SdgGoal) WHERE g.id IN $ids "
    f"RETURN g.id AS owner, {TARGET_FIELDS}, g.id AS goal",
)
# An indicator listed under several targets is one node (keyed by its UNSD
# code); its code under each target is the key of that PART_OF edge.
INDICATORS_OF_TARGETS = Query(
    "indicators_of_targets",
    "MATCH (i:SdgIndicator)-[r:PART_OF]->(t:SdgTarget) WHERE t.id IN $ids "
    "RETURN t.id AS owner, i.id AS id, r.key AS code, i.unsdCode AS unsdCode, i.title AS title",
)
SDG_TARGET_IDS = Query("sdg_target_ids", "MATCH (t:SdgTarget) RETURN t.id AS id")
SDG_GOAL_IDS = Query("sdg_goal_ids", "MATCH (g:SdgGoal) RETURN g.id AS id")

# --- what already exists, for resolving a file's references before writing ---
# One query per kind, because a label cannot be a parameter; the label comes
# from the model's enum.
EXISTING_IDS = {
    kind.value: Query(
        f"existing_{kind.value}", f"MATCH (n:{kind.value}) WHERE n.id IN $ids RETURN n.id AS id"
    )
    for kind in NodeKind
}
# Ids that differ from $id only in case, for a friendlier "did you mean".
IDS_IGNORING_CASE = {
    kind.value: Query(
        f"{kind.value.lower()}_ids_ignoring_case",
        f"MATCH (n:{kind.value}) WHERE lower(n.id) = lower($id) RETURN n.id AS id",
    )
    for kind in NodeKind
}
AGENCY_KEYS = Query("agency_keys", "MATCH (a:Agency) RETURN a.id AS id, a.lookupKeys AS lookupKeys")
# Domain facts only: the graph's own history (sources, change sets, keys) is
# not part of what it knows about the world.
COUNT_NODES = Query("count_nodes", "MATCH (n) WHERE n.sources IS NOT NULL RETURN count(n) AS n")
COUNT_RELS = Query("count_rels", "MATCH ()-[r]->() RETURN count(r) AS n")

# --- pages of connections (graph.pages) ---
# Keyset pagination: each page starts after the sort key of the last row of
# the one before ($after1, $after2; null for the first page), so a page does
# not shift when rows are added or removed before it. The sort keys are ids
# (unique) behind a grouping property; coalesce() keeps a missing grouping
# property comparable.
_AFTER_PAIR = "({a} > $after1 OR ({a} = $after1 AND {b} > $after2) OR $after1 IS NULL)"
_BODY_FILTER = "(b.country = $country OR $country IS NULL) AND (b.kind = $kind OR $kind IS NULL)"
BODIES_PAGE = Query(
    "bodies_page",
    "MATCH (b:Body) WHERE "
    + _BODY_FILTER
    + " AND "
    + _AFTER_PAIR.format(a="coalesce(b.country, '')", b="b.id")
    + f" RETURN {BODY_FIELDS}, coalesce(b.country, '') AS sortGroup "
    "ORDER BY sortGroup, id LIMIT $limit",
)
BODIES_COUNT = Query("bodies_count", f"MATCH (b:Body) WHERE {_BODY_FILTER} RETURN count(b) AS n")
_OUTCOME_FILTER = (
    "(o.country = $country OR $country IS NULL) "
    "AND (o.framework = $framework OR $framework IS NULL) "
    "AND ($withoutSdg = (NOT EXISTS { "
    "MATCH (o)<-[:PART_OF*0..2]-(x)-[:ALIGNED_WITH]->(s) }) OR $withoutSdg IS NULL)"
)
OUTCOMES_PAGE = Query(
    "outcomes_page",
    "MATCH (o:Outcome) WHERE "
    + _OUTCOME_FILTER
    + " AND "
    + _AFTER_PAIR.format(a="coalesce(o.country, '')", b="o.id")
    + f" RETURN {OUTCOME_FIELDS}, coalesce(o.country, '') AS sortGroup "
    "ORDER BY sortGroup, id LIMIT $limit",
)
OUTCOMES_COUNT = Query(
    "outcomes_count", f"MATCH (o:Outcome) WHERE {_OUTCOME_FILTER} RETURN count(o) AS n"
)
_AGENCY_FILTER = (
    "($unSystemOnly = false OR a.unSystem = true) AND (EXISTS { "
    "MATCH (a)-[:PRESENT_IN]->(c:Country) WHERE c.id = $country } OR $country IS NULL)"
)
AGENCIES_PAGE = Query(
    "agencies_page",
    "MATCH (a:Agency) WHERE " + _AGENCY_FILTER + " AND (a.id > $after1 OR $after1 IS NULL) "
    "RETURN a.id AS id, a.acronym AS acronym, a.name AS name, a.category AS category, "
    "a.aliases AS aliases, a.unSystem AS unSystem ORDER BY id LIMIT $limit",
)
AGENCIES_COUNT = Query(
    "agencies_count", f"MATCH (a:Agency) WHERE {_AGENCY_FILTER} RETURN count(a) AS n"
)
_AGENCY_MEMBERSHIP = (
    "MATCH (a:Agency)-[r:MEMBER_OF]->(b:Body) WHERE a.id = $agency AND "
    + _VALID_R
    + " AND (b.country = $country OR $country IS NULL)"
)
MEMBERSHIPS_PAGE = Query(
    "memberships_page",
    _AGENCY_MEMBERSHIP
    + " AND "
    + _AFTER_PAIR.format(a="b.id", b="r.key")
    + f" {BODY_END_MATCH}RETURN b.id AS body, a.id AS member, true AS isAgency, r.role AS role, "
    "r.since AS since, r.until AS until, r.source AS source, r.key AS key, "
    f"{BODY_END} ORDER BY body, key LIMIT $limit",
)
MEMBERSHIPS_COUNT = Query("memberships_count", _AGENCY_MEMBERSHIP + " RETURN count(r) AS n")
# The outcomes an agency delivers, as in OUTCOMES_OF_AGENCIES.
_AGENCY_OUTCOMES = (
    "MATCH (o:Outcome)<-[:PART_OF*0..2]-(x)<-[:CONTRIBUTES_TO]-(a:Agency) "
    "WHERE a.id = $agency WITH DISTINCT o"
)
_AGENCY_OUTCOMES_AFTER = _AFTER_PAIR.format(a="coalesce(o.country, '')", b="o.id")
_AGENCY_OUTCOMES_ROW = f"{OUTCOME_FIELDS}, coalesce(o.country, '') AS sortGroup"
# LadybugDB's variant pages each branch of the union; graph.pages merges them.
AGENCY_OUTCOMES_PAGE = Query(
    "agency_outcomes_page",
    f"{_AGENCY_OUTCOMES} WHERE {_AGENCY_OUTCOMES_AFTER} RETURN {_AGENCY_OUTCOMES_ROW} "
    "ORDER BY sortGroup, id LIMIT $limit",
    ladybug=shapes.beneath_outcomes(
        _FROM_AGENCY,
        f"a.id = $agency AND {_AGENCY_OUTCOMES_AFTER}",
        f"DISTINCT {_AGENCY_OUTCOMES_ROW} ORDER BY sortGroup, id LIMIT $limit",
        from_tail=True,
    ),
)
# One row per outcome (graph.pages counts them), so that both dialects can union.
AGENCY_OUTCOMES_COUNT = Query(
    "agency_outcomes_count",
    f"{_AGENCY_OUTCOMES} RETURN o.id AS id",
    ladybug=shapes.beneath_outcomes(_FROM_AGENCY, "a.id = $agency", "o.id AS id", from_tail=True),
)
# --- sources and change sets (the graph's own history) ---
# Taking the counter first makes Neo4j hold its write lock until commit, so
# concurrent writers queue and change sets are numbered in commit order.
COUNTER_TAKE = Query(
    "counter_take",
    "MERGE (c:Counter {id: $id}) SET c.value = coalesce(c.value, 0) RETURN c.value AS value",
)
COUNTER_SET = Query("counter_set", "MATCH (c:Counter {id: $id}) SET c.value = $value")
SOURCE_FIELDS = (
    "s.id AS name, s.kind AS kind, s.file AS file, s.hash AS hash, s.loadedAt AS loadedAt, "
    "s.actor AS actor, s.nodes AS nodes, s.relationships AS relationships"
)
SOURCE_RECORDS = Query("source_records", f"MATCH (s:Source) RETURN {SOURCE_FIELDS}")
SOURCES_BY_NAME = Query(
    "sources_by_name", f"MATCH (s:Source) WHERE s.id IN $names RETURN {SOURCE_FIELDS}"
)
SOURCE_UPSERT = Query(
    "source_upsert",
    "MERGE (s:Source {id: $name}) SET s.kind = $kind, s.file = $file, s.hash = $hash, "
    "s.loadedAt = $loadedAt, s.actor = $actor, s.nodes = $nodes, "
    "s.relationships = $relationships",
)
SOURCE_DELETE = Query("source_delete", "MATCH (s:Source {id: $name}) DELETE s")
CHANGE_SET_FIELDS = (
    "c.id AS id, c.seq AS seq, c.at AS at, c.actor AS actor, c.source AS source, "
    "c.added AS added, c.removed AS removed, c.changed AS changed, c.entries AS entries"
)
CHANGE_SET_CREATE = Query(
    "change_set_create",
    "CREATE (c:ChangeSet {id: $id, seq: $seq, at: $at, actor: $actor, source: $source, "
    "added: $added, removed: $removed, changed: $changed, entries: $entries, "
    "subjects: $subjects})",
)
# Change sets after a sequence number, oldest first.
CHANGE_SETS_AFTER = Query(
    "change_sets_after",
    f"MATCH (c:ChangeSet) WHERE c.seq > $after RETURN {CHANGE_SET_FIELDS} "
    "ORDER BY c.seq LIMIT $first",
)
CHANGE_SETS_ABOUT = Query(
    "change_sets_about",
    "MATCH (c:ChangeSet) WHERE c.seq > $after AND $subject IN c.subjects "
    f"RETURN {CHANGE_SET_FIELDS} ORDER BY c.seq LIMIT $first",
)

# --- API keys (only their hashes are stored) ---
KEY_FIELDS = "k.name AS name, k.role AS role, k.createdAt AS createdAt, k.revokedAt AS revokedAt"
KEY_CREATE = Query(
    "key_create",
    "CREATE (k:ApiKey {id: $name, name: $name, role: $role, hash: $hash, createdAt: $at})",
)
KEY_BY_NAME = Query("key_by_name", f"MATCH (k:ApiKey {{id: $name}}) RETURN {KEY_FIELDS}")
KEY_BY_HASH = Query("key_by_hash", f"MATCH (k:ApiKey) WHERE k.hash = $hash RETURN {KEY_FIELDS}")
KEYS = Query("keys", f"MATCH (k:ApiKey) RETURN {KEY_FIELDS}")
KEY_REVOKE = Query("key_revoke", "MATCH (k:ApiKey {id: $name}) SET k.revokedAt = $at")
# --- whole countries at once, for conformance checks (every date, not one day) ---
BODIES_IN_COUNTRIES = Query(
    "bodies_in_countries", f"MATCH (b:Body) WHERE b.country IN $ids RETURN {BODY_FIELDS}"
)
OUTCOMES_IN_COUNTRIES = Query(
    "outcomes_in_countries", f"MATCH (o:Outcome) WHERE o.country IN $ids RETURN {OUTCOME_FIELDS}"
)
MEMBERSHIP_TERMS = Query(
    "membership_terms",
    "MATCH (m)-[r:MEMBER_OF]->(b:Body) WHERE b.country IN $ids "
    "RETURN b.id AS body, m.id AS member, (m:Agency) AS isAgency, r.role AS role, "
    "r.since AS since, r.until AS until",
    ladybug="MATCH (m)-[r:MEMBER_OF]->(b:Body) WHERE b.country IN $ids "
    "RETURN b.id AS body, m.id AS member, label(m) = 'Agency' AS isAgency, r.role AS role, "
    "r.since AS since, r.until AS until",
)
REPORTING_TERMS = Query(
    "reporting_terms",
    "MATCH (b:Body)-[r:REPORTS_TO]->(u:Body) WHERE b.country IN $ids "
    "RETURN b.id AS body, u.id AS target, r.since AS since, r.until AS until",
)
COVERS_IN_COUNTRIES = Query(
    "covers_in_countries",
    "MATCH (b:Body)-[:COVERS]->(o:Outcome) WHERE b.country IN $ids "
    "RETURN b.id AS body, o.id AS outcome",
)
# The Common Budgetary Framework of an outcome: its sub-outputs' totals (UN INFO
# states budgets per sub-output, not per agency).
SUB_OUTPUT_BUDGETS = Query(
    "sub_output_budgets",
    "MATCH (s:SubOutput)-[:PART_OF]->(:Output)-[:PART_OF]->(o:Outcome) WHERE o.id IN $ids "
    "RETURN o.id AS owner, s.id AS id, s.required AS required, s.available AS available, "
    "s.expenditure AS expenditure",
)


# --- IATI activities ---
ACTIVITY_FIELDS = (
    "a.id AS id, a.title AS title, a.description AS description, a.status AS status, "
    "a.startDate AS startDate, a.endDate AS endDate, a.reportingOrg AS reportingOrg, "
    "a.currency AS currency, a.budget AS budget, a.commitments AS commitments, "
    "a.disbursements AS disbursements, a.expenditures AS expenditures"
)
ACTIVITIES_BY_ID = _lookup("activities_by_id", "Activity", "a", ACTIVITY_FIELDS)
ACTIVITIES_OF_COUNTRIES = Query(
    "activities_of_countries",
    "MATCH (a:Activity)-[:LOCATED_IN]->(c:Country) WHERE c.id IN $ids "
    "RETURN c.id AS owner, a.id AS id",
)
COUNTRIES_OF_ACTIVITIES = Query(
    "countries_of_activities",
    "MATCH (a:Activity)-[:LOCATED_IN]->(c:Country) WHERE a.id IN $ids "
    "RETURN a.id AS owner, c.id AS id",
)
PARTICIPANTS_OF_ACTIVITIES = Query(
    "participants_of_activities",
    "MATCH (m)-[r:PARTICIPATES_IN]->(a:Activity) WHERE a.id IN $ids "
    "RETURN a.id AS owner, m.id AS id, (m:Agency) AS isAgency, r.role AS role",
    ladybug="MATCH (m)-[r:PARTICIPATES_IN]->(a:Activity) WHERE a.id IN $ids "
    "RETURN a.id AS owner, m.id AS id, label(m) = 'Agency' AS isAgency, r.role AS role",
)
SDG_TARGETS_OF_ACTIVITIES = Query(
    "sdg_targets_of_activities",
    "MATCH (a:Activity)-[:ALIGNED_WITH]->(t:SdgTarget) WHERE a.id IN $ids "
    "RETURN a.id AS owner, t.id AS id",
)
SDG_GOALS_OF_ACTIVITIES = Query(
    "sdg_goals_of_activities",
    "MATCH (a:Activity)-[:ALIGNED_WITH]->(s)-[:PART_OF*0..1]->(g:SdgGoal) WHERE a.id IN $ids "
    "RETURN DISTINCT a.id AS owner, g.id AS id",
)
# Inferred, not declared: an activity serves an outcome of its recipient country
# when both are aligned with the same SDG target (the outcome directly or
# through an output or sub-output beneath it).
ACTIVITIES_OF_OUTCOMES = Query(
    "activities_of_outcomes",
    "MATCH (o:Outcome)<-[:PART_OF*0..2]-(x)-[:ALIGNED_WITH]->(t:SdgTarget) WHERE o.id IN $ids "
    "MATCH (a:Activity)-[:ALIGNED_WITH]->(t) "
    "MATCH (a)-[:LOCATED_IN]->(c:Country) WHERE c.id = o.country "
    "RETURN DISTINCT o.id AS owner, a.id AS id, t.id AS target",
)


# --- a country's subgraph, for exports: generated from graph.model, one query per
# node kind and per relationship endpoint pair (labels cannot be parameters) ---
def kind_ids_in_countries(kind: NodeKind) -> Query:
    """Nodes of `kind` whose `country` property is one of $countries."""
    return Query(
        f"ids_in_countries_{kind.value}",
        f"MATCH (n:{kind.value}) WHERE n.country IN $countries RETURN n.id AS id",
    )


def kind_ids_in_frameworks(kind: NodeKind) -> Query:
    """Nodes of `kind` whose `framework` property is one of $frameworks."""
    return Query(
        f"ids_in_frameworks_{kind.value}",
        f"MATCH (n:{kind.value}) WHERE n.framework IN $frameworks RETURN n.id AS id",
    )


def kind_nodes(kind: NodeKind) -> Query:
    """Nodes of `kind` by id, with every property graph.model declares for it."""
    fields = ", ".join(f"n.{name} AS {name}" for name in node_prop_names(kind))
    return Query(
        f"nodes_{kind.value}",
        f"MATCH (n:{kind.value}) WHERE n.id IN $ids RETURN n.id AS id, {fields}",
    )


def pair_edges(kind: RelKind, src: NodeKind, dst: NodeKind, touching: bool) -> Query:
    """Relationships of `kind` from $src ids to $dst ids (or touching either, with
    `touching`), with every property graph.model declares for them."""
    fields = "".join(f", r.{name} AS {name}" for name in rel_prop_names(kind))
    where = "a.id IN $src OR b.id IN $dst" if touching else "a.id IN $src AND b.id IN $dst"
    return Query(
        f"edges_{kind.value}_{src.value}_{dst.value}_{'touching' if touching else 'within'}",
        f"MATCH (a:{src.value})-[r:{kind.value}]->(b:{dst.value}) WHERE {where} "
        f"RETURN a.id AS src, b.id AS dst, r.key AS key{fields}",
    )


# --- the whole results chain: priorities, outputs, sub-outputs (UN INFO) ---
PRIORITY_FIELDS = (
    "p.id AS id, p.code AS code, p.title AS title, p.description AS description, "
    "p.framework AS framework"
)
PRIORITIES_BY_ID = _lookup("priorities_by_id", "StrategicPriority", "p", PRIORITY_FIELDS)
PRIORITIES_OF_FRAMEWORKS = Query(
    "priorities_of_frameworks",
    "MATCH (p:StrategicPriority)-[:PART_OF]->(f:Framework) WHERE f.id IN $ids "
    "RETURN f.id AS owner, p.id AS id",
)
PRIORITY_OF_OUTCOMES = Query(
    "priority_of_outcomes",
    "MATCH (o:Outcome)-[:PART_OF]->(p:StrategicPriority) WHERE o.id IN $ids "
    "RETURN o.id AS owner, p.id AS id",
)
OUTCOMES_OF_PRIORITIES = Query(
    "outcomes_of_priorities",
    "MATCH (o:Outcome)-[:PART_OF]->(p:StrategicPriority) WHERE p.id IN $ids "
    "RETURN p.id AS owner, o.id AS id",
)
OUTPUT_FIELDS = (
    "x.id AS id, x.code AS code, x.title AS title, x.description AS description, "
    "x.framework AS framework, x.source AS source"
)
OUTPUTS_BY_ID = _lookup("outputs_by_id", "Output", "x", OUTPUT_FIELDS)
OUTPUTS_OF_OUTCOMES = Query(
    "outputs_of_outcomes",
    "MATCH (x:Output)-[:PART_OF]->(o:Outcome) WHERE o.id IN $ids RETURN o.id AS owner, x.id AS id",
)
OUTCOME_OF_OUTPUTS = Query(
    "outcome_of_outputs",
    "MATCH (x:Output)-[:PART_OF]->(o:Outcome) WHERE x.id IN $ids RETURN x.id AS owner, o.id AS id",
)
SUB_OUTPUT_FIELDS = (
    "s.id AS id, s.code AS code, s.title AS title, s.description AS description, "
    "s.framework AS framework, s.status AS status, s.startDate AS startDate, "
    "s.endDate AS endDate, s.source AS source, "
    "s.genderMarker AS genderMarker, s.humanRightsMarker AS humanRightsMarker, "
    "s.humanitarianMarker AS humanitarianMarker, "
    "s.sustainingPeaceMarker AS sustainingPeaceMarker, s.lnobGroups AS lnobGroups, "
    "s.qcprFunctions AS qcprFunctions, s.geography AS geography"
)
SUB_OUTPUTS_BY_ID = _lookup("sub_outputs_by_id", "SubOutput", "s", SUB_OUTPUT_FIELDS)
SUB_OUTPUTS_OF_OUTPUTS = Query(
    "sub_outputs_of_outputs",
    "MATCH (s:SubOutput)-[:PART_OF]->(x:Output) WHERE x.id IN $ids "
    "RETURN x.id AS owner, s.id AS id",
)
SUB_OUTPUTS_OF_OUTCOMES = Query(
    "sub_outputs_of_outcomes",
    "MATCH (s:SubOutput)-[:PART_OF]->(:Output)-[:PART_OF]->(o:Outcome) WHERE o.id IN $ids "
    "RETURN o.id AS owner, s.id AS id",
)
OUTPUT_OF_SUB_OUTPUTS = Query(
    "output_of_sub_outputs",
    "MATCH (s:SubOutput)-[:PART_OF]->(x:Output) WHERE s.id IN $ids "
    "RETURN s.id AS owner, x.id AS id",
    ladybug=shapes.expand(
        "SubOutput", "s", "(s)-[:PART_OF]->(x:Output)", "s.id AS owner, x.id AS id"
    ),
)
# UN INFO repeats the sub-output's totals on each agency's edge.
AGENCIES_OF_SUB_OUTPUTS = Query(
    "agencies_of_sub_outputs",
    "MATCH (a:Agency)-[r:CONTRIBUTES_TO]->(s:SubOutput) WHERE s.id IN $ids "
    "RETURN s.id AS owner, a.id AS id, r.required AS required, r.available AS available, "
    "r.expenditure AS expenditure",
    ladybug=shapes.expand(
        "SubOutput",
        "s",
        "(a:Agency)-[r:CONTRIBUTES_TO]->(s)",
        "s.id AS owner, a.id AS id, r.required AS required, r.available AS available, "
        "r.expenditure AS expenditure",
    ),
)
IMPLEMENTERS_OF_SUB_OUTPUTS = Query(
    "implementers_of_sub_outputs",
    "MATCH (s:SubOutput)-[:PARTNERS_WITH]->(p:Partner) WHERE s.id IN $ids "
    "RETURN s.id AS owner, p.id AS id",
    ladybug=shapes.expand(
        "SubOutput", "s", "(s)-[:PARTNERS_WITH]->(p:Partner)", "s.id AS owner, p.id AS id"
    ),
)
FUNDERS_OF_SUB_OUTPUTS = Query(
    "funders_of_sub_outputs",
    "MATCH (s:SubOutput)-[:FUNDED_BY]->(p:Partner) WHERE s.id IN $ids "
    "RETURN s.id AS owner, p.id AS id",
    ladybug=shapes.expand(
        "SubOutput", "s", "(s)-[:FUNDED_BY]->(p:Partner)", "s.id AS owner, p.id AS id"
    ),
)
SUB_OUTPUTS_OF_PARTNERS = Query(
    "sub_outputs_of_partners",
    "MATCH (s:SubOutput)-[:PARTNERS_WITH]->(p:Partner) WHERE p.id IN $ids "
    "RETURN p.id AS owner, s.id AS id",
    ladybug=shapes.expand(
        "Partner", "p", "(s:SubOutput)-[:PARTNERS_WITH]->(p)", "p.id AS owner, s.id AS id"
    ),
)
SUB_OUTPUTS_FUNDED_BY_PARTNERS = Query(
    "sub_outputs_funded_by_partners",
    "MATCH (s:SubOutput)-[:FUNDED_BY]->(p:Partner) WHERE p.id IN $ids "
    "RETURN p.id AS owner, s.id AS id",
    ladybug=shapes.expand(
        "Partner", "p", "(s:SubOutput)-[:FUNDED_BY]->(p)", "p.id AS owner, s.id AS id"
    ),
)
SDG_TARGETS_OF_SUB_OUTPUTS = Query(
    "sdg_targets_of_sub_outputs",
    "MATCH (s:SubOutput)-[:ALIGNED_WITH]->(t:SdgTarget) WHERE s.id IN $ids "
    "RETURN s.id AS owner, t.id AS id",
    ladybug=shapes.expand(
        "SubOutput", "s", "(s)-[:ALIGNED_WITH]->(t:SdgTarget)", "s.id AS owner, t.id AS id"
    ),
)
SDG_GOALS_OF_SUB_OUTPUTS = Query(
    "sdg_goals_of_sub_outputs",
    "MATCH (s:SubOutput)-[:ALIGNED_WITH]->(x)-[:PART_OF*0..1]->(g:SdgGoal) WHERE s.id IN $ids "
    "RETURN DISTINCT s.id AS owner, g.id AS id",
    ladybug=" UNION ".join(
        shapes.expand("SubOutput", "s", path, "s.id AS owner, g.id AS id")
        for path in (
            "(s)-[:ALIGNED_WITH]->(:SdgTarget)-[:PART_OF]->(g:SdgGoal)",
            "(s)-[:ALIGNED_WITH]->(g:SdgGoal)",
        )
    ),
)

# --- joint programmes ---
PROGRAMME_FIELDS = (
    "j.id AS id, j.title AS title, j.country AS country, j.startDate AS startDate, "
    "j.endDate AS endDate, j.budget AS budget, j.source AS source"
)
PROGRAMMES_BY_ID = _lookup("programmes_by_id", "JointProgramme", "j", PROGRAMME_FIELDS)
PROGRAMMES_OF_COUNTRIES = Query(
    "programmes_of_countries",
    "MATCH (j:JointProgramme) WHERE j.country IN $ids RETURN j.country AS owner, j.id AS id",
)
PROGRAMMES_OF_SUB_OUTPUTS = Query(
    "programmes_of_sub_outputs",
    "MATCH (j:JointProgramme)-[:COVERS]->(s:SubOutput) WHERE s.id IN $ids "
    "RETURN s.id AS owner, j.id AS id",
    ladybug=shapes.expand(
        "SubOutput", "s", "(j:JointProgramme)-[:COVERS]->(s)", "s.id AS owner, j.id AS id"
    ),
)
# A programme serves an outcome it covers, or one above a sub-output it covers.
_TO_PROGRAMME = [_tail("<-[c:COVERS]-(j:JointProgramme)", RelKind.COVERS, NodeKind.JOINT_PROGRAMME)]
PROGRAMMES_OF_OUTCOMES = Query(
    "programmes_of_outcomes",
    "MATCH (o:Outcome)<-[:PART_OF*0..2]-(x)<-[:COVERS]-(j:JointProgramme) WHERE o.id IN $ids "
    "RETURN DISTINCT o.id AS owner, j.id AS id",
    ladybug=shapes.beneath_outcomes(_TO_PROGRAMME, "o.id IN $ids", "o.id AS owner, j.id AS id"),
)
OUTCOMES_OF_PROGRAMMES = Query(
    "outcomes_of_programmes",
    "MATCH (o:Outcome)<-[:PART_OF*0..2]-(x)<-[:COVERS]-(j:JointProgramme) WHERE j.id IN $ids "
    "RETURN DISTINCT j.id AS owner, o.id AS id",
    ladybug=shapes.beneath_outcomes(
        _TO_PROGRAMME, "j.id IN $ids", "j.id AS owner, o.id AS id", from_tail=True
    ),
)
SUB_OUTPUTS_OF_PROGRAMMES = Query(
    "sub_outputs_of_programmes",
    "MATCH (j:JointProgramme)-[:COVERS]->(s:SubOutput) WHERE j.id IN $ids "
    "RETURN j.id AS owner, s.id AS id",
)
PARTICIPANTS_OF_PROGRAMMES = Query(
    "participants_of_programmes",
    "MATCH (a:Agency)-[r:PARTICIPATES_IN]->(j:JointProgramme) WHERE j.id IN $ids "
    "RETURN j.id AS owner, a.id AS id, r.role AS role",
)
FUNDS_OF_PROGRAMMES = Query(
    "funds_of_programmes",
    "MATCH (j:JointProgramme)-[:FUNDED_BY]->(f:Fund) WHERE j.id IN $ids "
    "RETURN j.id AS owner, f.id AS id, f.name AS name",
)
FUNDERS_OF_PROGRAMMES = Query(
    "funders_of_programmes",
    "MATCH (j:JointProgramme)-[:FUNDED_BY]->(p:Partner) WHERE j.id IN $ids "
    "RETURN j.id AS owner, p.id AS id",
)
SDG_TARGETS_OF_PROGRAMMES = Query(
    "sdg_targets_of_programmes",
    "MATCH (j:JointProgramme)-[:ALIGNED_WITH]->(t:SdgTarget) WHERE j.id IN $ids "
    "RETURN j.id AS owner, t.id AS id",
)

# --- the Common Budgetary Framework: sub-output figures, one row per sub-output
# and owner; graph.budget sums them (each sub-output once, never agency edges) ---
BUDGET_FIELDS = (
    "s.id AS id, s.required AS required, s.available AS available, "
    "s.expenditure AS expenditure, s.budgetYears AS budgetYears, "
    "s.requiredByYear AS requiredByYear, s.availableByYear AS availableByYear, "
    "s.expenditureByYear AS expenditureByYear"
)
BUDGET_OF_SUB_OUTPUTS = _lookup(
    "budget_of_sub_outputs", "SubOutput", "s", f"s.id AS owner, {BUDGET_FIELDS}"
)
BUDGET_OF_OUTPUTS = Query(
    "budget_of_outputs",
    "MATCH (s:SubOutput)-[:PART_OF]->(x:Output) WHERE x.id IN $ids "
    f"RETURN x.id AS owner, {BUDGET_FIELDS}",
)
BUDGET_OF_OUTCOMES = Query(
    "budget_of_outcomes",
    "MATCH (s:SubOutput)-[:PART_OF]->(:Output)-[:PART_OF]->(o:Outcome) WHERE o.id IN $ids "
    f"RETURN o.id AS owner, {BUDGET_FIELDS}",
)
BUDGET_OF_FRAMEWORKS = Query(
    "budget_of_frameworks",
    "MATCH (s:SubOutput)-[:PART_OF]->(:Output)-[:PART_OF]->(o:Outcome)-[:PART_OF]->(f:Framework) "
    f"WHERE f.id IN $ids RETURN f.id AS owner, {BUDGET_FIELDS}",
    ladybug=shapes.expand(
        "Framework",
        "f",
        "(s:SubOutput)-[:PART_OF]->(:Output)-[:PART_OF]->(o:Outcome)-[:PART_OF]->(f)",
        f"f.id AS owner, {BUDGET_FIELDS}",
    ),
)
# Per agency: the sub-outputs it delivers, beneath each outcome asked ...
BUDGET_OF_CONTRIBUTORS = Query(
    "budget_of_contributors",
    "MATCH (a:Agency)-[:CONTRIBUTES_TO]->(s:SubOutput)-[:PART_OF]->(:Output)"
    "-[:PART_OF]->(o:Outcome) WHERE o.id IN $ids "
    f"RETURN o.id AS owner, a.id AS agency, {BUDGET_FIELDS}",
    ladybug="MATCH (o:Outcome)<-[l1:PART_OF]-(y:Output)<-[l2:PART_OF]-(s:SubOutput)"
    "<-[r:CONTRIBUTES_TO]-(a:Agency) WHERE o.id IN $ids "
    f"HINT {shapes.join_order(['o', 'l1', 'y', 'l2', 's', 'r', 'a'])} "
    f"RETURN o.id AS owner, a.id AS agency, {BUDGET_FIELDS}",
)
# ... or in a country (and optionally one framework of it).
BUDGET_OF_AGENCIES = Query(
    "budget_of_agencies",
    "MATCH (a:Agency)-[:CONTRIBUTES_TO]->(s:SubOutput)-[:PART_OF]->(:Output)"
    "-[:PART_OF]->(o:Outcome) WHERE a.id IN $ids AND o.country = $country "
    "AND (o.framework = $framework OR $framework IS NULL) "
    f"RETURN a.id AS owner, {BUDGET_FIELDS}",
)
# Outcomes with their sub-outputs' figures, for ranking by funding gap.
BUDGET_OF_COUNTRY_OUTCOMES = Query(
    "budget_of_country_outcomes",
    "MATCH (s:SubOutput)-[:PART_OF]->(:Output)-[:PART_OF]->(o:Outcome) "
    "WHERE (o.country = $country OR $country IS NULL) "
    "AND (o.framework = $framework OR $framework IS NULL) "
    f"RETURN o.id AS owner, {BUDGET_FIELDS}",
)

# --- reporting lines of a country, with their provenance (graph.reporting walks them) ---
REPORTING_LINES_IN_COUNTRY = Query(
    "reporting_lines_in_country",
    "MATCH (a:Body)-[r:REPORTS_TO]->(b:Body) WHERE a.country = $country AND "
    + _VALID_R
    + f" RETURN a.id AS src, b.id AS dst, b.kind AS dstKind, {fields('r', RelKind.REPORTS_TO)}",
)
REPORTING_LINES_FROM = Query(
    "reporting_lines_from",
    "MATCH (a:Body)-[r:REPORTS_TO]->(b:Body) WHERE a.id IN $ids AND "
    + _VALID_R
    + f" RETURN a.id AS src, b.id AS dst, b.kind AS dstKind, {fields('r', RelKind.REPORTS_TO)}",
)
# --- the Resident Coordinator: posts, who holds them, who answers to them ---
POST_FIELDS = fields("p", NodeKind.POST)
POSTS_BY_ID = _lookup("posts_by_id", "Post", "p", POST_FIELDS)
POSTS_OF_COUNTRIES = Query(
    "posts_of_countries",
    "MATCH (p:Post) WHERE p.country IN $ids RETURN p.country AS owner, p.id AS id",
)
POSTS_LEADING = Query(
    "posts_leading",
    "MATCH (p:Post)-[r:LEADS]->(b:Body) WHERE b.id IN $ids AND "
    + _VALID_R
    + f" RETURN b.id AS owner, p.id AS post, {fields('r', RelKind.LEADS)}",
)
BODIES_LED = Query(
    "bodies_led",
    "MATCH (p:Post)-[r:LEADS]->(b:Body) WHERE p.id IN $ids AND "
    + _VALID_R
    + f" RETURN p.id AS owner, b.id AS body, {fields('r', RelKind.LEADS)}",
)
ACCOUNTABILITY_OF_BODIES = Query(
    "accountability_of_bodies",
    "MATCH (b:Body)-[r:ACCOUNTABLE_TO]->(p:Post) WHERE b.id IN $ids AND "
    + _VALID_R
    + f" RETURN b.id AS owner, p.id AS post, {fields('r', RelKind.ACCOUNTABLE_TO)}",
)
HOLDERS_OF_POSTS = Query(
    "holders_of_posts",
    "MATCH (h:Person)-[r:HOLDS]->(p:Post) WHERE p.id IN $ids "
    f"RETURN p.id AS owner, h.id AS person, h.name AS name, {fields('r', RelKind.HOLDS)}",
)
# The agencies delivering an outcome (or beneath it), each edge with who states it.
CONTRIBUTION_SOURCES = Query(
    "contribution_sources",
    "MATCH (o:Outcome)<-[:PART_OF*0..2]-(x)<-[r:CONTRIBUTES_TO]-(a:Agency) WHERE o.id IN $ids "
    "RETURN o.id AS owner, a.id AS agency, r.sources AS sources, r.source AS source",
    ladybug=shapes.beneath_outcomes(
        _FROM_AGENCY,
        "o.id IN $ids",
        "o.id AS owner, a.id AS agency, r.sources AS sources, r.source AS source",
        keep_duplicates=True,
    ),
)
