"""Per-request DataLoaders: one store round trip per field shape, not per result.

A key is (id, *arguments); keys that share arguments are fetched in one call
to a batched graph.repository method, so `bodies { members { agency { name } } }`
costs three reads however many bodies there are.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable, Hashable, Sequence
from functools import partial
from typing import Any

from strawberry.dataloader import DataLoader

from graph import budget
from graph import queries as q
from graph.repository import Graph
from graph.store import Query

Key = tuple[Hashable, ...]
Fetch = Callable[..., Awaitable[dict[str, Any]]]


def batched(fetch: Fetch, default: Callable[[], Any]) -> DataLoader[Key, Any]:
    async def load(keys: Sequence[Key]) -> list[Any]:
        by_arguments: dict[tuple[Hashable, ...], list[str]] = defaultdict(list)
        for key in keys:
            by_arguments[key[1:]].append(str(key[0]))
        found: dict[Key, Any] = {}
        for arguments, ids in by_arguments.items():
            result = await fetch(sorted(set(ids)), *arguments)
            for item_id in ids:
                found[(item_id, *arguments)] = result.get(item_id, default())
        return [found[key] for key in keys]

    return DataLoader(load_fn=load)


class Loaders:
    """Every DataLoader a request may use, created fresh per request."""

    def __init__(self, graph: Graph) -> None:
        none: Callable[[], Any] = lambda: None  # noqa: E731
        self.country = batched(graph.countries_by_id, none)
        self.agency = batched(graph.agencies_by_id, none)
        self.partner = batched(graph.partners_by_id, none)
        self.body = batched(graph.bodies_by_id, none)
        self.source_record = batched(graph.source_records, none)
        self.reporting_lines = batched(graph.reporting_lines_from, list)
        self.post = batched(graph.posts_by_id, none)
        self.country_posts = batched(graph.posts_of_countries, list)
        self.posts_leading = batched(graph.posts_leading, list)
        self.bodies_led = batched(graph.bodies_led, list)
        self.accountability = batched(graph.accountability, list)
        self.holders = batched(graph.holders, list)
        self.contribution_sources = batched(graph.contribution_sources, dict)
        self.outcome = batched(graph.outcomes_by_id, none)
        self.framework = batched(graph.frameworks_by_id, none)
        self.sdg_goal = batched(graph.sdg_goals_by_id, none)
        self.sdg_target = batched(graph.sdg_targets_by_id, none)
        self.members = batched(graph.members, list)
        self.agency_memberships = batched(graph.agency_memberships, list)
        self.partner_memberships = batched(graph.partner_memberships, list)
        self.reports_to = batched(graph.reports_to, list)
        self.reported_by = batched(graph.reported_by, list)
        self.body_outcomes = batched(graph.outcomes_of_bodies, list)
        self.outcome_bodies = batched(graph.bodies_covering, list)
        self.country_bodies = batched(graph.bodies_of_countries, list)
        self.country_agencies = batched(graph.agencies_of_countries, list)
        self.country_frameworks = batched(graph.frameworks_of_countries, list)
        self.framework_outcomes = batched(graph.outcomes_of_frameworks, list)
        self.outcome_targets = batched(graph.sdg_targets_of_outcomes, list)
        self.outcome_goals = batched(graph.sdg_goals_of_outcomes, list)
        self.contributors = batched(graph.contributors, list)
        self.agency_outcomes = batched(graph.outcomes_of_agencies, list)
        self.goal_targets = batched(graph.targets_of_goals, list)
        self.target_indicators = batched(graph.indicators_of_targets, list)
        self.activity = batched(graph.activities_by_id, none)
        self.country_activities = batched(graph.activities_of_countries, list)
        self.activity_countries = batched(graph.countries_of_activities, list)
        self.activity_participants = batched(graph.activity_participants, list)
        self.activity_targets = batched(graph.sdg_targets_of_activities, list)
        self.activity_goals = batched(graph.sdg_goals_of_activities, list)
        self.outcome_activities = batched(graph.activities_of_outcomes, dict)

        # the results chain and joint programmes: owner id -> related ids
        def owned(query: Query) -> DataLoader[Key, Any]:
            return batched(partial(graph.owned, query), list)

        self.priority = batched(graph.priorities_by_id, none)
        self.output = batched(graph.outputs_by_id, none)
        self.sub_output = batched(graph.sub_outputs_by_id, none)
        self.programme = batched(graph.programmes_by_id, none)
        self.framework_priorities = owned(q.PRIORITIES_OF_FRAMEWORKS)
        self.outcome_priority = owned(q.PRIORITY_OF_OUTCOMES)
        self.priority_outcomes = owned(q.OUTCOMES_OF_PRIORITIES)
        self.outcome_outputs = owned(q.OUTPUTS_OF_OUTCOMES)
        self.output_outcome = owned(q.OUTCOME_OF_OUTPUTS)
        self.output_sub_outputs = owned(q.SUB_OUTPUTS_OF_OUTPUTS)
        self.outcome_sub_outputs = owned(q.SUB_OUTPUTS_OF_OUTCOMES)
        self.sub_output_output = owned(q.OUTPUT_OF_SUB_OUTPUTS)
        self.sub_output_implementers = owned(q.IMPLEMENTERS_OF_SUB_OUTPUTS)
        self.sub_output_funders = owned(q.FUNDERS_OF_SUB_OUTPUTS)
        self.sub_output_targets = owned(q.SDG_TARGETS_OF_SUB_OUTPUTS)
        self.sub_output_goals = owned(q.SDG_GOALS_OF_SUB_OUTPUTS)
        self.sub_output_programmes = owned(q.PROGRAMMES_OF_SUB_OUTPUTS)
        self.country_programmes = owned(q.PROGRAMMES_OF_COUNTRIES)
        self.outcome_programmes = owned(q.PROGRAMMES_OF_OUTCOMES)
        self.programme_outcomes = owned(q.OUTCOMES_OF_PROGRAMMES)
        self.programme_sub_outputs = owned(q.SUB_OUTPUTS_OF_PROGRAMMES)
        self.programme_funders = owned(q.FUNDERS_OF_PROGRAMMES)
        self.programme_targets = owned(q.SDG_TARGETS_OF_PROGRAMMES)
        self.sub_output_agencies = batched(graph.sub_output_agencies, list)
        self.participants = batched(graph.participants, list)
        self.funds = batched(graph.funds, list)
        self.partner_sub_outputs = batched(graph.partner_sub_outputs, list)

        # budgets: owner id -> graph.budget.Budget
        def budgets(query: Query) -> DataLoader[Key, Any]:
            return batched(partial(graph.budgets, query), lambda: budget.EMPTY)

        self.sub_output_budget = budgets(q.BUDGET_OF_SUB_OUTPUTS)
        self.output_budget = budgets(q.BUDGET_OF_OUTPUTS)
        self.outcome_budget = budgets(q.BUDGET_OF_OUTCOMES)
        self.framework_budget = budgets(q.BUDGET_OF_FRAMEWORKS)
        self.contributor_budgets = batched(graph.contributor_budgets, dict)
        self.agency_budget = batched(graph.agency_budgets, lambda: budget.EMPTY)
