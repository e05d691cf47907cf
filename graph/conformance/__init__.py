"""Delivering-as-One conformance: rules from the source documents, run over the graph.

Each rule is one small function over a country's facts (graph.conformance.facts,
read through graph.repository) and cites, word for word, the passage of a
source document (graph/documents) it rests on.
"""

from graph.conformance.check import UnknownCountryError, check, judge, rules
from graph.conformance.findings import Citation, Finding, Report, Rule, Severity
from graph.conformance.registry import DEFAULT_GAP_THRESHOLD, Options
from graph.documents import DOCUMENTS

__all__ = [
    "DEFAULT_GAP_THRESHOLD",
    "DOCUMENTS",
    "Citation",
    "Finding",
    "Options",
    "Report",
    "Rule",
    "Severity",
    "UnknownCountryError",
    "check",
    "judge",
    "rules",
]
