"""Rules register themselves here, each with the passage it rests on."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from graph.conformance.facts import CountryFacts
from graph.conformance.findings import Citation, Rule, Severity

# A funding gap (required minus available, summed over an outcome's
# sub-outputs) above this many US dollars is reported.
DEFAULT_GAP_THRESHOLD = 1_000_000.0


@dataclass(frozen=True)
class Options:
    as_of: date
    funding_gap_threshold: float = DEFAULT_GAP_THRESHOLD


# What a rule finds: the entities concerned and a sentence about them.
Problem = tuple[Sequence[str], str]
# None when the rule does not apply to the country (nothing to judge).
Check = Callable[[CountryFacts, Options], list[Problem] | None]

RULES: list[tuple[Rule, Check]] = []


def rule(
    rule_id: str, severity: Severity, title: str, document: str, passage: str
) -> Callable[[Check], Check]:
    """Register a check under its id, citing `passage` of seed document `document`."""

    def register(check: Check) -> Check:
        RULES.append((Rule(rule_id, severity, title, Citation(document, passage)), check))
        return check

    return register
