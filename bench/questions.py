"""The five headline questions, as a client sends them to /graphql.

Each has an operation name, so the server's per-operation metrics and logs
tell them apart; the floor uses the name to return the matching answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bench.data import Variables


@dataclass(frozen=True)
class Question:
    name: str
    operation: str
    text: str
    variable: str  # which of the data set's variables it takes

    def body(self, variables: Variables) -> dict[str, Any]:
        """The JSON body of the POST."""
        value = getattr(variables, self.variable)
        return {
            "query": self.text,
            "operationName": self.operation,
            "variables": {self.variable: value},
        }


QUESTIONS = [
    Question(
        "outcomes",
        "Outcomes",
        "query Outcomes($country: ID!) { outcomes(country: $country) { id code title "
        "contributors { agency { id name } via } sdgGoals { code title } } }",
        "country",
    ),
    Question(
        "body",
        "Body",
        "query Body($body: ID!) { body(id: $body) { id name kind chair { id name } "
        "members { role since until agency { id name } partner { id name } } } "
        "reportingLine(from: $body) { id name kind } }",
        "body",
    ),
    Question(
        "coverage",
        "Coverage",
        "query Coverage($country: ID!) { sdgCoverage(country: $country) { "
        "goals { goal { code title } outcomes { id code } } uncoveredGoals { code } "
        "outcomesWithoutSdg { id } } }",
        "country",
    ),
    Question(
        "memberships",
        "Memberships",
        "query Memberships($agency: ID!) { agency(id: $agency) { id name memberships { "
        "role since until body { id name kind country { iso3 name } } } } }",
        "agency",
    ),
    Question(
        "nested",
        "Nested",
        "query Nested($country: ID!) { country(iso3: $country) { iso3 name "
        "bodies { id name kind members { role agency { id name } } } } }",
        "country",
    ),
]
NAMES = [q.name for q in QUESTIONS]
