"""Running every rule over the countries asked about."""

from __future__ import annotations

from collections.abc import Sequence

from graph.conformance import bodies, programme  # noqa: F401  (the rules register, in this order)
from graph.conformance.facts import CountryFacts, read_facts
from graph.conformance.findings import Finding, Report, Rule, Severity
from graph.conformance.registry import RULES, Options
from graph.errors import UnctGraphError
from graph.repository import Graph


class UnknownCountryError(UnctGraphError):
    """A conformance check named a country the graph does not hold."""


def rules() -> list[Rule]:
    return [rule for rule, _ in RULES]


async def check(graph: Graph, countries: Sequence[str], options: Options) -> dict[str, Report]:
    """country -> its report; every country must be in the graph."""
    known = await graph.countries_by_id(countries)
    unknown = [iso3 for iso3 in countries if iso3 not in known]
    if unknown:
        raise UnknownCountryError(f"unknown country {', '.join(unknown)} (ISO 3166 alpha-3)")
    facts = await read_facts(graph, countries)
    return {iso3: judge(facts[iso3], options) for iso3 in countries}


def judge(facts: CountryFacts, options: Options) -> Report:
    report = Report(facts.iso3)
    for rule, run in RULES:
        problems = run(facts, options)
        if problems is None:
            continue
        counts = rule.severity is not Severity.INFO
        if counts:
            report.checked.append(rule.id)
        for subjects, message in problems:
            report.findings.append(
                Finding(rule.id, rule.severity, tuple(subjects), message, rule.source)
            )
        if problems and counts:
            report.failed.append(rule.id)
    return report
