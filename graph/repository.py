"""Typed reads over any GraphStore: the questions the API asks of the graph.

All domain reads live here, once, above the Protocol; both engines therefore
answer through the same code and differ only in the Cypher dialect. Batched
methods take every id a request needs at once (DataLoaders call them) and
return rows keyed by the id asked for. Ordering is applied here, in Python,
so both engines order identically.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from graph import budget, pages, provenance, queries, reporting
from graph.model import ROLE_ORDER, ContributionPath
from graph.provenance import Basis
from graph.store import Params, Query, Reader, Row

Grouped = dict[str, list[Row]]


def natural_key(value: str | None) -> tuple[Any, ...]:
    """Order codes as people read them: 1.2 < 1.10, 4.a after 4.7."""
    parts = re.split(r"(\d+)", value or "")
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p.lower()) for p in parts)


def lookup_key(name: str) -> str:
    """The form under which agency ids and aliases are matched: `UN Women` = `UN-WOMEN`."""
    return re.sub(r"[\s\-_.]+", "", name).upper()


@dataclass(frozen=True)
class Contribution:
    """An agency contributing to an outcome (its row), and by which paths."""

    agency: Row
    paths: list[str]


class Graph:
    """The read side of the product, over one store."""

    def __init__(self, store: Reader) -> None:
        self.store = store

    async def _by_id(self, query: Query, ids: Sequence[str], **params: Any) -> dict[str, Row]:
        rows = await self.store.read(query, {"ids": list(ids), **params})
        return {row["id"]: row for row in rows}

    async def _grouped(self, query: Query, ids: Sequence[str], **params: Any) -> Grouped:
        grouped: Grouped = defaultdict(list)
        for row in await self.store.read(query, {"ids": list(ids), **params}):
            grouped[row["owner"]].append(row)
        return grouped

    # --- single lookups and lists ---
    async def resolve_agency(self, name: str) -> str | None:
        rows = await self.store.read(queries.AGENCY_BY_KEY, {"key": lookup_key(name)})
        return sorted(row["id"] for row in rows)[0] if rows else None

    async def countries(self) -> list[Row]:
        return sorted(await self.store.read(queries.COUNTRIES), key=lambda r: r["id"])

    async def agencies(self, un_system_only: bool) -> list[Row]:
        rows = await self.store.read(queries.AGENCIES_ALL, {"unSystemOnly": un_system_only})
        return sorted(rows, key=lambda r: r["id"].upper())

    async def bodies(self, country: str | None, kind: str | None, name: str | None) -> list[Row]:
        rows = await self.store.read(
            queries.BODIES, {"country": country, "kind": kind, "name": name}
        )
        return sorted(rows, key=lambda r: (r["country"] or "", r["id"]))

    async def outcomes(
        self,
        country: str | None,
        framework: str | None,
        without_sdg: bool | None,
        title: str | None = None,
    ) -> list[Row]:
        if framework is not None:
            rows = await self.store.read(queries.OUTCOMES_OF_FRAMEWORK, {"framework": framework})
        elif country is not None:
            rows = await self.store.read(queries.OUTCOMES_OF_COUNTRY, {"country": country})
        else:
            rows = await self.store.read(queries.OUTCOMES_ALL)
        if country is not None:
            rows = [r for r in rows if r["country"] == country]
        if title is not None:
            rows = [
                r for r in rows if r["title"] is not None and title.lower() in r["title"].lower()
            ]
        if without_sdg is not None:
            linked = await self.outcomes_with_sdg([r["id"] for r in rows])
            rows = [r for r in rows if (r["id"] not in linked) == without_sdg]
        return sorted(rows, key=outcome_order)

    async def outcomes_with_sdg(self, ids: Sequence[str]) -> set[str]:
        """Those of `ids` with an SDG link (graph.queries.OUTCOMES_WITH_SDG)."""
        if not ids:
            return set()
        rows = await self.store.read(queries.OUTCOMES_WITH_SDG, {"ids": list(ids)})
        return {row["id"] for row in rows}

    async def sdg_goals(self) -> list[Row]:
        return sorted(await self.store.read(queries.SDG_GOALS), key=lambda r: natural_key(r["id"]))

    async def reporting_line(
        self, start: Row, to_kind: str, as_of: date, basis: Sequence[Basis] | None = None
    ) -> list[str]:
        """Body ids from the body `start` up to the nearest body of `to_kind`; [] when none.

        With `basis`, only lines some source states on one of those bases count.
        """
        if start["kind"] == to_kind:
            return [start["id"]]
        path = await self.reporting_chain(start, to_kind, as_of, basis)
        return reporting.ids(start["id"], path) if path else []

    async def reporting_chain(
        self, body: Row, to_kind: str, as_of: date, basis: Sequence[Basis] | None = None
    ) -> list[Row]:
        """The reporting lines (with provenance) of `body`'s nearest chain to `to_kind`."""
        params = {"country": body["country"], "asOf": as_of}
        lines = await self.store.read(queries.REPORTING_LINES_IN_COUNTRY, params)
        if basis is None:
            return reporting.chain(body["id"], to_kind, lines)
        records = await self.source_records({n for line in lines for n in line["sources"] or []})

        def stated(line: Row) -> bool:
            found = provenance.of_fact(line["sources"] or [], line["source"], records)
            return provenance.on_basis(found, basis)

        return reporting.chain(body["id"], to_kind, lines, stated)

    async def source_records(self, names: Iterable[str]) -> dict[str, Row]:
        """The records of the sources named, by name (each source's kind and load time)."""
        wanted = sorted(set(names))
        if not wanted:
            return {}
        rows = await self.store.read(queries.SOURCES_BY_NAME, {"names": wanted})
        return {row["name"]: row for row in rows}

    async def reporting_lines_from(self, ids: Sequence[str], as_of: date) -> Grouped:
        params = {"ids": list(ids), "asOf": as_of}
        grouped: Grouped = defaultdict(list)
        for row in await self.store.read(queries.REPORTING_LINES_FROM, params):
            grouped[row["src"]].append(row)
        for lines in grouped.values():
            lines.sort(key=lambda r: (r["dst"], r["since"] or date.min))
        return grouped

    # --- posts: the Resident Coordinator ---
    async def posts_by_id(self, ids: Sequence[str]) -> dict[str, Row]:
        return await self._by_id(queries.POSTS_BY_ID, ids)

    async def posts_of_countries(self, ids: Sequence[str]) -> dict[str, list[str]]:
        return await self._owned_ids(queries.POSTS_OF_COUNTRIES, ids)

    async def posts_leading(self, ids: Sequence[str], as_of: date) -> Grouped:
        return await self._grouped(queries.POSTS_LEADING, ids, asOf=as_of)

    async def bodies_led(self, ids: Sequence[str], as_of: date) -> Grouped:
        return await self._grouped(queries.BODIES_LED, ids, asOf=as_of)

    async def accountability(self, ids: Sequence[str], as_of: date) -> Grouped:
        grouped = await self._grouped(queries.ACCOUNTABILITY_OF_BODIES, ids, asOf=as_of)
        return {
            k: sorted(v, key=lambda r: (r["post"], r["kind"] or "")) for k, v in grouped.items()
        }

    async def holders(self, ids: Sequence[str]) -> Grouped:
        grouped = await self._grouped(queries.HOLDERS_OF_POSTS, ids)
        return {k: sorted(v, key=lambda r: r["since"] or date.min) for k, v in grouped.items()}

    async def contribution_sources(self, ids: Sequence[str]) -> dict[str, dict[str, list[Row]]]:
        """outcome id -> agency id -> the DIRECT contribution edges, with who states each."""
        found: dict[str, dict[str, list[Row]]] = defaultdict(dict)
        for row in await self.store.read(queries.CONTRIBUTION_SOURCES, {"ids": list(ids)}):
            found[row["owner"]].setdefault(row["agency"], []).append(row)
        return found

    # --- pages of the lists that grow with the data (see graph.pages) ---
    async def page(
        self, listing: pages.Listing, filters: Params, after: Sequence[str] | None, limit: int
    ) -> list[Row]:
        return await pages.page(self.store, listing, filters, after, limit)

    async def count(self, listing: pages.Listing, filters: Params) -> int:
        return await pages.count(self.store, listing, filters)

    # --- batched lookups by id ---
    async def countries_by_id(self, ids: Sequence[str]) -> dict[str, Row]:
        return await self._by_id(queries.COUNTRIES_BY_ID, ids)

    async def agencies_by_id(self, ids: Sequence[str]) -> dict[str, Row]:
        return await self._by_id(queries.AGENCIES_BY_ID, ids)

    async def partners_by_id(self, ids: Sequence[str]) -> dict[str, Row]:
        return await self._by_id(queries.PARTNERS_BY_ID, ids)

    async def bodies_by_id(self, ids: Sequence[str]) -> dict[str, Row]:
        return await self._by_id(queries.BODIES_BY_ID, ids)

    async def outcomes_by_id(self, ids: Sequence[str]) -> dict[str, Row]:
        return await self._by_id(queries.OUTCOMES_BY_ID, ids)

    async def frameworks_by_id(self, ids: Sequence[str]) -> dict[str, Row]:
        return await self._by_id(queries.FRAMEWORKS_BY_ID, ids)

    async def sdg_goals_by_id(self, ids: Sequence[str]) -> dict[str, Row]:
        return await self._by_id(queries.SDG_GOALS_BY_ID, ids)

    async def sdg_targets_by_id(self, ids: Sequence[str]) -> dict[str, Row]:
        return await self._by_id(queries.SDG_TARGETS_BY_ID, ids)

    # --- batched neighbourhoods: owner id -> sorted ids or rows ---
    async def _owned_ids(
        self, query: Query, ids: Sequence[str], order: Any = None, **params: Any
    ) -> dict[str, list[str]]:
        grouped = await self._grouped(query, ids, **params)
        key = order or (lambda value: value)
        return {owner: sorted({r["id"] for r in rows}, key=key) for owner, rows in grouped.items()}

    async def members(self, body_ids: Sequence[str], role: str | None, as_of: date) -> Grouped:
        rows = await self.store.read(
            queries.MEMBERS_OF_BODIES, {"ids": list(body_ids), "role": role, "asOf": as_of}
        )
        return _group_memberships(rows, "body")

    async def agency_memberships(
        self, agency_ids: Sequence[str], country: str | None, as_of: date
    ) -> Grouped:
        params = {"ids": list(agency_ids), "country": country, "asOf": as_of}
        rows = await self.store.read(queries.MEMBERSHIPS_OF_AGENCIES, params)
        return _group_memberships(rows, "member")

    async def partner_memberships(self, partner_ids: Sequence[str], as_of: date) -> Grouped:
        params = {"ids": list(partner_ids), "asOf": as_of}
        rows = await self.store.read(queries.MEMBERSHIPS_OF_PARTNERS, params)
        return _group_memberships(rows, "member")

    async def reports_to(self, body_ids: Sequence[str], as_of: date) -> dict[str, list[str]]:
        rows = await self.store.read(queries.REPORTS_TO, {"ids": list(body_ids), "asOf": as_of})
        return _pairs(rows)

    async def reported_by(self, body_ids: Sequence[str], as_of: date) -> dict[str, list[str]]:
        rows = await self.store.read(queries.REPORTED_BY, {"ids": list(body_ids), "asOf": as_of})
        return _pairs(rows)

    # --- batched neighbourhoods carrying their rows: owner id -> rows, ordered ---
    async def _owned_rows(
        self, query: Query, ids: Sequence[str], order: Any = None, **params: Any
    ) -> Grouped:
        grouped = await self._grouped(query, ids, **params)
        key = order or (lambda value: value)
        return {
            owner: sorted({r["id"]: r for r in rows}.values(), key=lambda r: key(r["id"]))
            for owner, rows in grouped.items()
        }

    async def outcomes_of_bodies(self, ids: Sequence[str]) -> Grouped:
        return await self._owned_rows(queries.OUTCOMES_OF_BODIES, ids, natural_key)

    async def bodies_covering(self, ids: Sequence[str]) -> Grouped:
        return await self._owned_rows(queries.BODIES_COVERING_OUTCOMES, ids)

    async def bodies_of_countries(self, ids: Sequence[str]) -> Grouped:
        return await self._owned_rows(queries.BODIES_OF_COUNTRIES, ids)

    async def agencies_of_countries(self, ids: Sequence[str]) -> Grouped:
        return await self._owned_rows(queries.AGENCIES_OF_COUNTRIES, ids, str.upper)

    async def outcomes_of_frameworks(self, ids: Sequence[str]) -> Grouped:
        return await self._owned_rows(queries.OUTCOMES_OF_FRAMEWORKS, ids, natural_key)

    async def frameworks_of_countries(self, ids: Sequence[str]) -> dict[str, list[str]]:
        rows = await self.store.read(queries.FRAMEWORKS_BY_COUNTRY, {"ids": list(ids)})
        grouped: dict[str, list[str]] = defaultdict(list)
        for row in sorted(rows, key=lambda r: (r["startYear"] or 0, r["id"])):
            grouped[row["country"]].append(row["id"])
        return grouped

    async def sdg_targets_of_outcomes(self, ids: Sequence[str]) -> Grouped:
        return await self._owned_rows(queries.SDG_TARGETS_OF_OUTCOMES, ids, natural_key)

    async def sdg_goals_of_outcomes(self, ids: Sequence[str]) -> Grouped:
        return await self._owned_rows(queries.SDG_GOALS_OF_OUTCOMES, ids, natural_key)

    async def contributors(self, ids: Sequence[str]) -> dict[str, list[Contribution]]:
        """outcome id -> its contributing agencies (by id), each with its paths in model order."""
        found: dict[str, dict[str, Contribution]] = defaultdict(dict)
        for row in await self.store.read(queries.CONTRIBUTORS, {"ids": list(ids)}):
            agency = row.pop("id")
            owner, path = row.pop("owner"), row.pop("path")
            entry = found[owner].setdefault(agency, Contribution({"id": agency, **row}, []))
            entry.paths.append(path)
        order = list(ContributionPath)
        return {
            owner: [
                Contribution(
                    c.agency, sorted(c.paths, key=lambda p: order.index(ContributionPath(p)))
                )
                for _, c in sorted(agencies.items(), key=lambda a: a[0].upper())
            ]
            for owner, agencies in found.items()
        }

    async def outcomes_of_agencies(self, ids: Sequence[str]) -> Grouped:
        return await self._owned_rows(queries.OUTCOMES_OF_AGENCIES, ids)

    async def targets_of_goals(self, ids: Sequence[str]) -> Grouped:
        return await self._owned_rows(queries.TARGETS_OF_GOALS, ids, natural_key)

    async def indicators_of_targets(self, ids: Sequence[str]) -> Grouped:
        grouped = await self._grouped(queries.INDICATORS_OF_TARGETS, ids)
        return {k: sorted(v, key=lambda r: natural_key(r["code"])) for k, v in grouped.items()}

    # --- the results chain, joint programmes (batched like the above) ---
    async def priorities_by_id(self, ids: Sequence[str]) -> dict[str, Row]:
        return await self._by_id(queries.PRIORITIES_BY_ID, ids)

    async def outputs_by_id(self, ids: Sequence[str]) -> dict[str, Row]:
        return await self._by_id(queries.OUTPUTS_BY_ID, ids)

    async def sub_outputs_by_id(self, ids: Sequence[str]) -> dict[str, Row]:
        return await self._by_id(queries.SUB_OUTPUTS_BY_ID, ids)

    async def programmes_by_id(self, ids: Sequence[str]) -> dict[str, Row]:
        return await self._by_id(queries.PROGRAMMES_BY_ID, ids)

    async def owned(self, query: Query, ids: Sequence[str]) -> dict[str, list[str]]:
        """owner id -> the ids `query` relates to it, in natural order of id.

        For the many one-hop neighbourhoods of the results chain, each named
        by its Query in graph.queries (PRIORITIES_OF_FRAMEWORKS, ...).
        """
        return await self._owned_ids(query, ids, natural_key)

    async def sub_output_agencies(self, ids: Sequence[str]) -> Grouped:
        """sub-output id -> its agencies with the figures on their edges, by agency id."""
        grouped = await self._grouped(queries.AGENCIES_OF_SUB_OUTPUTS, ids)
        return {k: sorted(v, key=lambda r: r["id"].upper()) for k, v in grouped.items()}

    async def participants(self, ids: Sequence[str]) -> Grouped:
        """joint programme id -> its agencies and their roles, convening first."""
        grouped = await self._grouped(queries.PARTICIPANTS_OF_PROGRAMMES, ids)
        return {
            k: sorted(v, key=lambda r: (r["role"] != "CONVENING", r["id"].upper()))
            for k, v in grouped.items()
        }

    async def funds(self, ids: Sequence[str]) -> Grouped:
        grouped = await self._grouped(queries.FUNDS_OF_PROGRAMMES, ids)
        return {k: sorted(v, key=lambda r: r["id"]) for k, v in grouped.items()}

    async def partner_sub_outputs(self, ids: Sequence[str]) -> dict[str, list[str]]:
        """partner id -> the sub-outputs it implements or funds."""
        implements = await self.owned(queries.SUB_OUTPUTS_OF_PARTNERS, ids)
        funds = await self.owned(queries.SUB_OUTPUTS_FUNDED_BY_PARTNERS, ids)
        return {
            owner: sorted({*implements.get(owner, []), *funds.get(owner, [])}, key=natural_key)
            for owner in {*implements, *funds}
        }

    # --- the Common Budgetary Framework (graph.budget sums sub-outputs) ---
    async def budgets(self, query: Query, ids: Sequence[str]) -> dict[str, budget.Budget]:
        """owner id -> the budget of the sub-outputs `query` finds beneath it
        (BUDGET_OF_SUB_OUTPUTS, _OUTPUTS, _OUTCOMES, _FRAMEWORKS)."""
        return budget.grouped(await self.store.read(query, {"ids": list(ids)}))

    async def contributor_budgets(self, ids: Sequence[str]) -> dict[str, dict[str, budget.Budget]]:
        """outcome id -> agency id -> the budget of the sub-outputs beneath the
        outcome that the agency delivers."""
        result: dict[str, dict[str, budget.Budget]] = {}
        rows = await self.store.read(queries.BUDGET_OF_CONTRIBUTORS, {"ids": list(ids)})
        by_outcome: dict[str, list[Row]] = defaultdict(list)
        for row in rows:
            by_outcome[row["owner"]].append(row)
        for outcome, members in by_outcome.items():
            result[outcome] = budget.grouped(members, owner="agency")
        return result

    async def agency_budgets(
        self, ids: Sequence[str], country: str, framework: str | None
    ) -> dict[str, budget.Budget]:
        """agency id -> the budget of the sub-outputs it delivers in `country`."""
        params = {"ids": list(ids), "country": country, "framework": framework}
        return budget.grouped(await self.store.read(queries.BUDGET_OF_AGENCIES, params))

    async def outcome_budgets(
        self, country: str | None, framework: str | None
    ) -> dict[str, budget.Budget]:
        """outcome id -> its budget, for every outcome with sub-outputs in the scope."""
        params = {"country": country, "framework": framework}
        return budget.grouped(await self.store.read(queries.BUDGET_OF_COUNTRY_OUTCOMES, params))

    # --- what exists already, for loaders resolving references ---
    async def existing(self, label: str, ids: Iterable[str]) -> set[str]:
        wanted = sorted(set(ids))
        if not wanted:
            return set()
        rows = await self.store.read(queries.EXISTING_IDS[label], {"ids": wanted})
        return {row["id"] for row in rows}

    async def ids_ignoring_case(self, label: str, node_id: str) -> list[str]:
        rows = await self.store.read(queries.IDS_IGNORING_CASE[label], {"id": node_id})
        return sorted(row["id"] for row in rows)

    async def sdg_codes(self) -> tuple[set[str], set[str]]:
        """The SDG target and goal codes the store knows."""
        targets = {row["id"] for row in await self.store.read(queries.SDG_TARGET_IDS)}
        goals = {row["id"] for row in await self.store.read(queries.SDG_GOAL_IDS)}
        return targets, goals

    async def agency_keys(self) -> dict[str, str]:
        """lookup key -> agency id, for every agency and alias in the store."""
        keys: dict[str, str] = {}
        for row in sorted(await self.store.read(queries.AGENCY_KEYS), key=lambda r: r["id"]):
            for key in row["lookupKeys"] or [lookup_key(row["id"])]:
                keys.setdefault(key, row["id"])
        return keys

    async def sources(self, names: Sequence[str] | None = None) -> list[Row]:
        """Loaded sources (all, or those named), by name."""
        if names is None:
            rows = await self.store.read(queries.SOURCE_RECORDS)
        else:
            rows = await self.store.read(queries.SOURCES_BY_NAME, {"names": list(names)})
        return sorted(rows, key=lambda r: r["name"])

    async def size(self) -> tuple[int, int]:
        nodes = await self.store.read(queries.COUNT_NODES)
        rels = await self.store.read(queries.COUNT_RELS)
        return int(nodes[0]["n"]), int(rels[0]["n"])

    # --- whole countries, every date: what conformance checks judge ---
    async def bodies_in(self, countries: Sequence[str]) -> list[Row]:
        rows = await self.store.read(queries.BODIES_IN_COUNTRIES, {"ids": list(countries)})
        return sorted(rows, key=lambda r: r["id"])

    async def outcomes_in(self, countries: Sequence[str]) -> list[Row]:
        rows = await self.store.read(queries.OUTCOMES_IN_COUNTRIES, {"ids": list(countries)})
        return sorted(rows, key=outcome_order)

    async def membership_terms(self, countries: Sequence[str]) -> list[Row]:
        """Every seat in the countries' bodies, past, present and future."""
        rows = await self.store.read(queries.MEMBERSHIP_TERMS, {"ids": list(countries)})
        return sorted(rows, key=lambda r: (r["body"], r["role"], r["since"] or date.min))

    async def reporting_terms(self, countries: Sequence[str]) -> list[Row]:
        """Every reporting line from the countries' bodies, with its dates."""
        rows = await self.store.read(queries.REPORTING_TERMS, {"ids": list(countries)})
        return sorted(rows, key=lambda r: (r["body"], r["target"], r["since"] or date.min))

    async def covers_in(self, countries: Sequence[str]) -> list[Row]:
        rows = await self.store.read(queries.COVERS_IN_COUNTRIES, {"ids": list(countries)})
        return sorted(rows, key=lambda r: (r["body"], r["outcome"]))

    # --- IATI activities ---
    async def activities_by_id(self, ids: Sequence[str]) -> dict[str, Row]:
        return await self._by_id(queries.ACTIVITIES_BY_ID, ids)

    async def activities_of_countries(self, ids: Sequence[str]) -> dict[str, list[str]]:
        return await self._owned_ids(queries.ACTIVITIES_OF_COUNTRIES, ids)

    async def countries_of_activities(self, ids: Sequence[str]) -> dict[str, list[str]]:
        return await self._owned_ids(queries.COUNTRIES_OF_ACTIVITIES, ids)

    async def activity_participants(self, ids: Sequence[str]) -> Grouped:
        grouped = await self._grouped(queries.PARTICIPANTS_OF_ACTIVITIES, ids)
        return {k: sorted(v, key=lambda r: (r["role"], r["id"])) for k, v in grouped.items()}

    async def sdg_targets_of_activities(self, ids: Sequence[str]) -> dict[str, list[str]]:
        return await self._owned_ids(queries.SDG_TARGETS_OF_ACTIVITIES, ids, natural_key)

    async def sdg_goals_of_activities(self, ids: Sequence[str]) -> dict[str, list[str]]:
        return await self._owned_ids(queries.SDG_GOALS_OF_ACTIVITIES, ids, natural_key)

    async def activities_of_outcomes(self, ids: Sequence[str]) -> dict[str, dict[str, list[str]]]:
        """outcome id -> activity id -> the SDG targets they share (inferred links)."""
        shared: dict[str, dict[str, list[str]]] = defaultdict(dict)
        for row in await self.store.read(queries.ACTIVITIES_OF_OUTCOMES, {"ids": list(ids)}):
            shared[row["owner"]].setdefault(row["id"], []).append(row["target"])
        for links in shared.values():
            for targets in links.values():
                targets.sort(key=natural_key)
        return shared

    async def sub_output_budgets(self, outcome_ids: Sequence[str]) -> Grouped:
        """outcome id -> its sub-outputs' budget totals."""
        grouped = await self._grouped(queries.SUB_OUTPUT_BUDGETS, outcome_ids)
        return {k: sorted(v, key=lambda r: r["id"]) for k, v in grouped.items()}


def outcome_order(row: Row) -> tuple[Any, ...]:
    return (row["country"] or "", row["framework"] or "", natural_key(row["code"]), row["id"])


def nest_ends(row: Row) -> Row:
    """Moves the fields of a membership's far end (graph.queries.BODY_END,
    MEMBER_END) into rows of their own: `bodyRow` (with its `countryRow`) and
    `memberRow`."""
    if "bodyRow" in row or "memberRow" in row:
        return row
    plain_keys, ends = _end_columns(tuple(row))
    nested: Row = {key: row[key] for key in plain_keys}
    for path, columns in ends:
        end = {name: row[column] for column, name in columns}
        if end.get("id") is None:
            continue  # an OPTIONAL MATCH that found nothing
        parent = nested
        for step in path[:-1]:
            parent = parent.setdefault(step, {})
        parent[path[-1]] = end
    return nested


@functools.cache
def _end_columns(
    columns: tuple[str, ...],
) -> tuple[list[str], list[tuple[tuple[str, ...], list[tuple[str, str]]]]]:
    """How to nest rows with these columns: the plain ones, and per end its (column, name)s."""
    plain = [c for c in columns if not any(c.startswith(p) for p, _ in _END_PREFIXES)]
    ends = [
        (path, [(c, c[len(prefix) :]) for c in columns if c.startswith(prefix)])
        for prefix, path in _END_PREFIXES
    ]
    return plain, [(path, found) for path, found in ends if found]


# Outer ends first: a nested end is placed inside the row of its parent.
_END_PREFIXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (queries.BODY_END_PREFIX, ("bodyRow",)),
    (queries.COUNTRY_END_PREFIX, ("bodyRow", "countryRow")),
    (queries.MEMBER_END_PREFIX, ("memberRow",)),
)


def _group_memberships(rows: list[Row], owner: str) -> Grouped:
    grouped: Grouped = defaultdict(list)
    for row in rows:
        grouped[row[owner]].append(nest_ends(row))
    order = {role.value: i for i, role in enumerate(ROLE_ORDER)}
    for members in grouped.values():
        members.sort(
            key=lambda r: (order.get(r["role"], 99), r["body"], r["member"], r["since"] or date.min)
        )
    return grouped


def _pairs(rows: list[Row]) -> dict[str, list[str]]:
    grouped: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        grouped[row["body"]].add(row["target"])
    return {body: sorted(targets) for body, targets in grouped.items()}
