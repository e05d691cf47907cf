"""Rules on the One Programme: outcomes, their groups, contributors, SDGs and budgets.

They judge the outcomes of the framework running on the day asked (the
latest framework when none is), and do not apply to a country with none.
"""

from __future__ import annotations

from graph.conformance.facts import CountryFacts
from graph.conformance.findings import Severity
from graph.conformance.registry import Options, Problem, rule
from graph.model import BodyKind

FEW_GOALS = 2


def _outcomes(facts: CountryFacts, options: Options) -> list[str]:
    return facts.current_outcomes(options.as_of)


@rule(
    "outcome.results-group",
    Severity.WARNING,
    "Every outcome of the current framework is covered by a results group.",
    "000",
    "The One Programme calls for the establishment of Results Groups to lead and guide the "
    "One Programme implementation",
)
def outcome_results_group(facts: CountryFacts, options: Options) -> list[Problem] | None:
    outcomes = _outcomes(facts, options)
    if not outcomes:
        return None
    groups = facts.of_kind(BodyKind.RESULTS_GROUP)
    covered = {o for g in groups for o in facts.covers.get(g, ())}
    return [([o], f"no results group covers outcome {o}") for o in outcomes if o not in covered]


@rule(
    "results-group.outcomes",
    Severity.WARNING,
    "Every results group covers at least one outcome.",
    "000",
    "Each Results Group covers one or more UNDAF outcomes.",
)
def results_group_outcomes(facts: CountryFacts, options: Options) -> list[Problem]:
    return [
        ([group], f"results group {group} covers no outcome")
        for group in facts.of_kind(BodyKind.RESULTS_GROUP)
        if not facts.covers.get(group)
    ]


@rule(
    "outcome.contributors",
    Severity.ERROR,
    "Every outcome has at least one contributing agency (by any path).",
    "000",
    "each Results Group includes representation from United Nations entities contributing "
    "to the One Programme outcome",
)
def outcome_contributors(facts: CountryFacts, options: Options) -> list[Problem] | None:
    outcomes = _outcomes(facts, options)
    if not outcomes:
        return None
    return [
        ([o], f"no agency contributes to outcome {o}")
        for o in outcomes
        if not facts.contributors.get(o)
    ]


@rule(
    "outcome.sdg",
    Severity.WARNING,
    "Every outcome is linked to at least one SDG goal or target.",
    "001",
    "up to 78 percent of UNDAFs link outcomes to the SDGs",
)
def outcome_sdg(facts: CountryFacts, options: Options) -> list[Problem] | None:
    outcomes = _outcomes(facts, options)
    if not outcomes:
        return None
    return [([o], f"outcome {o} has no SDG link") for o in outcomes if not facts.sdg_goals.get(o)]


@rule(
    "outcome.few-sdgs",
    Severity.INFO,
    f"Outcomes linked to only one or {FEW_GOALS} SDG goals, where more are likely.",
    "001",
    "Some UNDAFs identified only one or two SDGs per outcome",
)
def outcome_few_sdgs(facts: CountryFacts, options: Options) -> list[Problem] | None:
    outcomes = _outcomes(facts, options)
    if not outcomes:
        return None
    problems: list[Problem] = []
    for outcome in outcomes:
        goals = facts.sdg_goals.get(outcome, [])
        if 0 < len(goals) <= FEW_GOALS:
            named = ", ".join(f"SDG {g}" for g in goals)
            problems.append(([outcome, *goals], f"outcome {outcome} names only {named}"))
    return problems


@rule(
    "agency.results-group",
    Severity.INFO,
    "Agencies present in the country that sit in no results group on the day asked.",
    "001",
    "The One Programme pillar brings all members of the country team together",
)
def agency_results_group(facts: CountryFacts, options: Options) -> list[Problem] | None:
    if not facts.present:
        return None
    groups = set(facts.of_kind(BodyKind.RESULTS_GROUP))
    seated = {s.other for s in facts.seats_on(options.as_of) if s.body in groups}
    outside = sorted(facts.present - seated, key=str.upper)
    if not outside:
        return []
    return [
        (
            outside,
            f"{len(outside)} of {len(facts.present)} agencies present in {facts.iso3} sit "
            f"in no results group: {', '.join(outside)}",
        )
    ]


@rule(
    "budget.funding-gap",
    Severity.WARNING,
    "An outcome's funding gap (required minus available, summed over its sub-outputs) "
    "stays below the threshold.",
    "001",
    "the funding gap between existing resources and the total cost of the One Programme",
)
def budget_funding_gap(facts: CountryFacts, options: Options) -> list[Problem] | None:
    problems: list[Problem] = []
    budgeted = False
    for outcome in _outcomes(facts, options):
        rows = [r for r in facts.budgets.get(outcome, []) if r["required"] is not None]
        if not rows:
            continue
        budgeted = True
        required = sum(r["required"] for r in rows)
        available = sum(r["available"] or 0.0 for r in rows)
        gap = required - available
        if gap > options.funding_gap_threshold:
            problems.append(
                (
                    [outcome],
                    f"outcome {outcome} lacks {gap:,.0f} USD of {required:,.0f} required "
                    f"(threshold {options.funding_gap_threshold:,.0f})",
                )
            )
    return problems if budgeted else None
