"""What a conformance check says: rules, the passages they rest on, findings, scores."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    """ERROR: the structure breaks a rule; WARNING: it likely does; INFO: worth a look."""

    ERROR = "ERROR"
    WARNING = "WARNING"
    INFO = "INFO"


@dataclass(frozen=True)
class Citation:
    """A passage of a source document, quoted word for word."""

    document: str
    passage: str

    def __str__(self) -> str:
        return f'seed:{self.document} "{self.passage}"'


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    title: str
    source: Citation


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    subjects: tuple[str, ...]
    message: str
    source: Citation

    def as_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "subjects": list(self.subjects),
            "message": self.message,
            "source": str(self.source),
        }


@dataclass
class Report:
    """The findings for one country, and which rules it passes.

    A rule applies when the country has what it judges (the funding-gap rule
    needs budgets); INFO rules inform and do not count towards the score.
    """

    country: str
    findings: list[Finding] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    @property
    def passed(self) -> list[str]:
        return [rule for rule in self.checked if rule not in self.failed]

    @property
    def score(self) -> float:
        """The share of applicable rules passed, from 0 to 1."""
        return len(self.passed) / len(self.checked) if self.checked else 1.0

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)
