"""What a query will cost, computed from its document before anything runs.

The cost estimates the size of the answer: every field counts once per
object it is asked on, and a list field multiplies everything beneath it by
its length: the `first` of a connection (capped at the page size), or the
typical length written next to the list's resolver with `size(...)`, or a
default for lists that name none. Aliases count like any field, fragments
count wherever they are spread, and @skip/@include are assumed to include.
Introspection fields count one each: GraphQL's own depth rule bounds them.

`{ outcomes { contributors { agency { outcomes { id } } } } }` costs
outcomes x contributors x agency outcomes, and is refused before a single
store round trip, rather than discovered by the memory it takes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLField,
    GraphQLInt,
    GraphQLNamedType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    get_named_type,
    get_nullable_type,
    is_list_type,
    value_from_ast,
)
from graphql.utilities import get_operation_ast

_KEY = "unct_graph.size"
_DEFINITION = "strawberry-definition"


@dataclass(frozen=True)
class Size:
    """The expected length of a list field, for cost estimates."""

    typical: int
    unfiltered: int | None = None
    narrowed_by: tuple[str, ...] = ()

    def of(self, given: set[str]) -> int:
        if self.unfiltered is not None and not given & set(self.narrowed_by):
            return self.unfiltered
        return self.typical


def size(
    typical: int, *, unfiltered: int | None = None, narrowed_by: tuple[str, ...] = ()
) -> dict[str, Size]:
    """Field metadata: the list is usually `typical` long, or `unfiltered` when
    none of the arguments in `narrowed_by` is given (a root list of everything)."""
    return {_KEY: Size(typical, unfiltered, narrowed_by)}


@dataclass(frozen=True)
class CostModel:
    default_list_size: int = 25
    max_page_size: int = 100


@dataclass(frozen=True)
class Measure:
    """The estimated cost of an operation, and how deeply its fields nest."""

    cost: int = 0
    depth: int = 0

    def __add__(self, other: Measure) -> Measure:
        return Measure(self.cost + other.cost, max(self.depth, other.depth))


@dataclass
class _Walk:
    schema: GraphQLSchema
    fragments: Mapping[str, FragmentDefinitionNode]
    variables: Mapping[str, Any]
    model: CostModel
    measured: dict[str, Measure] = field(default_factory=dict)
    open_fragments: set[str] = field(default_factory=set)

    def selections(self, node: SelectionSetNode | None, parent: GraphQLNamedType) -> Measure:
        total = Measure()
        for selection in node.selections if node else ():
            if isinstance(selection, FieldNode):
                total += self.field(selection, parent)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                target = self.schema.get_type(condition.name.value) if condition else parent
                total += self.selections(selection.selection_set, target or parent)
            elif isinstance(selection, FragmentSpreadNode):
                total += self.fragment(selection.name.value)
        return total

    def fragment(self, name: str) -> Measure:
        # Each fragment is measured once: spreads of spreads would otherwise
        # take exponential time. A cycle (refused by validation) counts nothing.
        if name in self.measured:
            return self.measured[name]
        definition = self.fragments.get(name)
        if definition is None or name in self.open_fragments:
            return Measure()
        target = self.schema.get_type(definition.type_condition.name.value)
        if target is None:
            return Measure()
        self.open_fragments.add(name)
        measure = self.selections(definition.selection_set, target)
        self.open_fragments.discard(name)
        self.measured[name] = measure
        return measure

    def field(self, node: FieldNode, parent: GraphQLNamedType) -> Measure:
        name = node.name.value
        fields: dict[str, GraphQLField] = getattr(parent, "fields", {})
        definition = fields.get(name)
        if name.startswith("__") or definition is None:
            return Measure(cost=1, depth=1)
        beneath = self.selections(node.selection_set, get_named_type(definition.type))
        return Measure(self.length(node, definition) * (1 + beneath.cost), 1 + beneath.depth)

    def length(self, node: FieldNode, definition: GraphQLField) -> int:
        arguments = self.arguments(node, definition)
        if "first" in definition.args:
            first = arguments.get("first")
            if not isinstance(first, int):
                default = definition.args["first"].default_value
                first = default if isinstance(default, int) else self.model.max_page_size
            return max(0, min(first, self.model.max_page_size))
        if not is_list_type(get_nullable_type(definition.type)):
            return 1
        strawberry_field = (definition.extensions or {}).get(_DEFINITION)
        expected = getattr(strawberry_field, "metadata", {}).get(_KEY)
        if isinstance(expected, Size):
            return expected.of({k for k, v in arguments.items() if v is not None})
        return self.model.default_list_size

    def arguments(self, node: FieldNode, definition: GraphQLField) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for argument in node.arguments or ():
            name = argument.name.value
            if name == "first":
                values[name] = value_from_ast(argument.value, GraphQLInt, dict(self.variables))
            elif name in definition.args:
                values[name] = _given(argument.value, self.variables)
        return values


def _given(value: Any, variables: Mapping[str, Any]) -> Any:
    # Whether an argument narrows a list only depends on its being non-null.
    variable = getattr(value, "name", None) if value.kind == "variable" else None
    if variable is not None:
        return variables.get(variable.value)
    return None if value.kind == "null_value" else True


def measure(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    variables: Mapping[str, Any] | None,
    model: CostModel,
) -> Measure:
    """Cost and depth of the operation a request runs, before validation.

    It tolerates invalid documents (unknown fields count one, unknown
    fragments nothing) so that the limits can refuse a hostile document
    before GraphQL's own validation spends time on it. Time is linear in the
    document's size.
    """
    operation = get_operation_ast(document, operation_name)
    if not isinstance(operation, OperationDefinitionNode):
        return Measure()
    root = {
        OperationType.QUERY: schema.query_type,
        OperationType.MUTATION: schema.mutation_type,
        OperationType.SUBSCRIPTION: schema.subscription_type,
    }[operation.operation]
    if root is None:
        return Measure()
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    walk = _Walk(schema, fragments, variables or {}, model)
    return walk.selections(operation.selection_set, root)
