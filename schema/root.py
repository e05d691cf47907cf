"""The root types, merged from the modules that own their fields.

Each area of the API (the structure, the results chain, conformance, the
change feed, ...) keeps its root fields in a class of its own module; the
GraphQL `Query` is their union, so an area grows without touching the others.
"""

from __future__ import annotations

from strawberry.tools import merge_types

from schema.activities import ActivityQuery
from schema.changes import ChangesQuery
from schema.conformance import ConformanceQuery
from schema.keys import KeysMutation, KeysQuery
from schema.mutations import EditMutation
from schema.paging import PagingQuery
from schema.posts import PostQuery
from schema.query import StructureQuery
from schema.reporting import ReportingQuery
from schema.results_query import ResultsQuery

Query = merge_types(
    "Query",
    (
        StructureQuery,
        ResultsQuery,
        ChangesQuery,
        ConformanceQuery,
        ActivityQuery,
        PagingQuery,
        ReportingQuery,
        PostQuery,
        KeysQuery,
    ),
)
Mutation = merge_types("Mutation", (EditMutation, KeysMutation))

__all__ = ["Mutation", "Query"]
