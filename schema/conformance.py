"""Conformance to the Standard Operating Procedures for Delivering as One, in GraphQL."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry

from graph import conformance
from graph.conformance import DEFAULT_GAP_THRESHOLD, DOCUMENTS, Severity
from schema.arguments import country_code
from schema.context import Info
from schema.cost import size
from schema.types import Country

strawberry.enum(Severity, description=Severity.__doc__)


@strawberry.type(description="A passage of a source document, quoted word for word.")
class Citation:
    document: str = strawberry.field(description="The document's id, as in `seed:001`.")
    title: str
    passage: str

    @classmethod
    def of(cls, citation: conformance.Citation) -> Citation:
        return cls(
            document=citation.document,
            title=DOCUMENTS[citation.document],
            passage=citation.passage,
        )


@strawberry.type(description="A rule the conformance check applies.")
class ConformanceRule:
    id: strawberry.ID
    severity: Severity
    title: str
    source: Citation


@strawberry.type(description="Something a rule found, about the entities it names.")
class Finding:
    rule: str = strawberry.field(description="The rule's id, e.g. `chair.one`.")
    severity: Severity
    subjects: list[strawberry.ID] = strawberry.field(
        metadata=size(3),
        description="Ids of the entities concerned (bodies, agencies, outcomes, the country).",
    )
    message: str
    source: Citation = strawberry.field(description="The passage the rule rests on.")

    @classmethod
    def of(cls, finding: conformance.Finding) -> Finding:
        return cls(
            rule=finding.rule,
            severity=finding.severity,
            subjects=[strawberry.ID(s) for s in finding.subjects],
            message=finding.message,
            source=Citation.of(finding.source),
        )


@strawberry.type(description="How one country conforms, with its score.")
class ConformanceReport:
    iso3: strawberry.ID
    as_of: date
    score: float = strawberry.field(
        description="The share of applicable rules passed (0 to 1); INFO rules do not count."
    )
    rules_checked: int
    rules_passed: int
    failed_rules: list[str] = strawberry.field(metadata=size(5))
    errors: int
    warnings: int
    infos: int
    findings: list[Finding] = strawberry.field(metadata=size(20))

    @classmethod
    def of(cls, report: conformance.Report, as_of: date) -> ConformanceReport:
        return cls(
            iso3=strawberry.ID(report.country),
            as_of=as_of,
            score=report.score,
            rules_checked=len(report.checked),
            rules_passed=len(report.passed),
            failed_rules=list(report.failed),
            errors=report.count(Severity.ERROR),
            warnings=report.count(Severity.WARNING),
            infos=report.count(Severity.INFO),
            findings=[Finding.of(f) for f in report.findings],
        )

    @strawberry.field
    async def country(self, info: Info) -> Country | None:
        row = await info.context.loaders.country.load((self.iso3,))
        return Country.of(row) if row else None


def _options(info: Info, as_of: date | None, threshold: float | None) -> conformance.Options:
    return conformance.Options(
        as_of=as_of or info.context.today,
        funding_gap_threshold=DEFAULT_GAP_THRESHOLD if threshold is None else threshold,
    )


_AS_OF = "Judge the structure valid on this day (default today)."
_THRESHOLD = (
    f"Funding gaps above this many USD are reported (default {DEFAULT_GAP_THRESHOLD:,.0f})."
)
AsOf = Annotated[date | None, strawberry.argument(description=_AS_OF)]
Threshold = Annotated[float | None, strawberry.argument(description=_THRESHOLD)]


@strawberry.type(description="Conformance to the Standard Operating Procedures.")
class ConformanceQuery:
    @strawberry.field(
        metadata=size(20), description="What the rules find for a country (ISO 3166 alpha-3)."
    )
    async def conformance(
        self,
        info: Info,
        country: strawberry.ID,
        as_of: AsOf = None,
        funding_gap_threshold: Threshold = None,
    ) -> list[Finding]:
        report = await _report(info, country, as_of, funding_gap_threshold)
        return report.findings

    @strawberry.field(description="A country's findings with its score.")
    async def conformance_report(
        self,
        info: Info,
        country: strawberry.ID,
        as_of: AsOf = None,
        funding_gap_threshold: Threshold = None,
    ) -> ConformanceReport:
        return await _report(info, country, as_of, funding_gap_threshold)

    @strawberry.field(
        metadata=size(150), description="Every country's report, for a regional review."
    )
    async def conformance_summary(
        self,
        info: Info,
        as_of: AsOf = None,
        funding_gap_threshold: Threshold = None,
    ) -> list[ConformanceReport]:
        options = _options(info, as_of, funding_gap_threshold)
        countries = [row["id"] for row in await info.context.graph.countries()]
        reports = await conformance.check(info.context.graph, countries, options)
        return [ConformanceReport.of(reports[c], options.as_of) for c in countries]

    @strawberry.field(
        metadata=size(15), description="The rules, each with the passage it rests on."
    )
    def conformance_rules(self) -> list[ConformanceRule]:
        return [
            ConformanceRule(
                id=strawberry.ID(r.id),
                severity=r.severity,
                title=r.title,
                source=Citation.of(r.source),
            )
            for r in conformance.rules()
        ]


async def _report(
    info: Info, country: str, as_of: date | None, threshold: float | None
) -> ConformanceReport:
    options = _options(info, as_of, threshold)
    iso3 = await country_code(info, country)
    assert iso3 is not None
    reports = await conformance.check(info.context.graph, [iso3], options)
    return ConformanceReport.of(reports[iso3], options.as_of)
