"""Limits on one GraphQL request, checked before it runs and while it runs.

Before execution, cheapest first: the document's size, its tokens (in the
parser), aliases, directives per place, depth and estimated cost (see
schema.cost), then GraphQL's own validation. A request over a limit gets a
GraphQL error naming the limit, and nothing reaches the store. During
execution, plain lists longer than `max_list_size` are cut (the response's
`extensions.truncated` says where; connections page instead), and an answer
that grows past `max_result_items` objects is stopped, whatever the estimates
said.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    DirectiveNode,
    DocumentNode,
    FieldNode,
    GraphQLError,
    Node,
    Visitor,
    specified_rules,
    validate,
    visit,
)
from graphql.validation import (
    ASTValidationRule,
    MaxIntrospectionDepthRule,
    NoSchemaIntrospectionCustomRule,
)
from strawberry.extensions import SchemaExtension
from strawberry.schema.validation_rules.maybe_null import MaybeNullValidationRule
from strawberry.schema.validation_rules.one_of import OneOfInputValidationRule

from graph.settings import Settings
from schema.admission import Lanes
from schema.cost import CostModel, measure
from schema.guard import Guard

Refused = Callable[[str], None]
# How graphql-core's parser words a document over `max_tokens`.
TOKENS_EXCEEDED = "tokens. Parsing aborted"


@dataclass(frozen=True)
class QueryLimits:
    """The limits of one request; defaults in graph.settings, documented in the README."""

    max_document_bytes: int = 20_000
    max_tokens: int = 2_000
    max_aliases: int = 30
    max_directives: int = 4
    max_depth: int = 12
    max_cost: int = 25_000
    max_list_size: int = 1_000
    max_result_items: int = 50_000
    introspection: bool = True
    suggestions: bool = True
    cost: CostModel = field(default_factory=CostModel)

    @classmethod
    def of(cls, settings: Settings) -> QueryLimits:
        return cls(
            max_document_bytes=settings.max_document_bytes,
            max_tokens=settings.max_tokens,
            max_aliases=settings.max_aliases,
            max_directives=settings.max_directives,
            max_depth=settings.max_depth,
            max_cost=settings.max_cost,
            max_list_size=settings.max_list_size,
            max_result_items=settings.max_result_items,
            introspection=settings.introspection,
            suggestions=not settings.production,
            cost=CostModel(max_page_size=settings.max_page_size),
        )


class LimitError(GraphQLError):
    """A request refused by a limit; `extensions.code` names the limit."""

    def __init__(self, code: str, message: str, **details: Any) -> None:
        super().__init__(message, extensions={"code": code, **details})
        self.code = code


def _count(document: DocumentNode) -> tuple[int, int]:
    """(aliases, most directives on one node), in one pass over the document."""
    aliases = 0
    most_directives = 0

    class Counter(Visitor):
        def enter(self, node: Node, *_: Any) -> None:
            nonlocal aliases, most_directives
            if isinstance(node, FieldNode) and node.alias is not None:
                aliases += 1
            directives: tuple[DirectiveNode, ...] = getattr(node, "directives", None) or ()
            most_directives = max(most_directives, len(directives))

    visit(document, Counter())
    return aliases, most_directives


class ValidDocuments:
    """The texts of recent documents that passed validation, most recent last.

    GraphQL validation takes milliseconds, and clients send the same few
    documents again and again (with other variables): a document seen valid
    is not validated again. Bounded, so it cannot grow the server's memory.
    """

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self._texts: OrderedDict[str, None] = OrderedDict()

    def seen(self, text: str) -> bool:
        if text in self._texts:
            self._texts.move_to_end(text)
            return True
        return False

    def add(self, text: str) -> None:
        self._texts[text] = None
        if len(self._texts) > self.size:
            self._texts.popitem(last=False)


class RequestLimits(SchemaExtension):
    """Enforces QueryLimits on every operation; one instance per request."""

    def __init__(
        self, limits: QueryLimits, lanes: Lanes, refused: Refused, valid: ValidDocuments
    ) -> None:
        self.limits = limits
        self.lanes = lanes
        self.refused = refused
        self.valid = valid
        self.cost: int | None = None
        self.guard: Guard | None = None

    def _refuse(self, code: str, message: str, **details: Any) -> LimitError:
        self.refused(code)
        return LimitError(code, message, **details)

    def on_operation(self) -> Iterator[None]:
        self.execution_context.parse_options["max_tokens"] = self.limits.max_tokens
        yield

    def on_parse(self) -> Iterator[None]:
        query = self.execution_context.query or ""
        size = len(query.encode("utf-8", "surrogatepass"))
        if size > self.limits.max_document_bytes:
            raise self._refuse(
                "DOCUMENT_TOO_LARGE",
                f"the query is {size} bytes; the limit is {self.limits.max_document_bytes}",
            )
        yield
        errors = self.execution_context.pre_execution_errors or []
        if any(TOKENS_EXCEEDED in e.message for e in errors):
            self.refused("TOO_MANY_TOKENS")

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None and context.pre_execution_errors is None:
            context.pre_execution_errors = self._check(document)
        yield

    def _check(self, document: DocumentNode) -> list[GraphQLError]:
        query = self.execution_context.query or ""
        known = self.valid.seen(query)
        errors = (None if known else self._count_limits(document)) or self._measure_limits(document)
        if errors or known:
            return errors
        errors = validate(
            self.execution_context.schema._schema,
            document,
            self._rules(),
            max_errors=10,
            hide_suggestions=not self.limits.suggestions,
        )
        if not errors:
            self.valid.add(query)
        return errors

    def _count_limits(self, document: DocumentNode) -> list[GraphQLError]:
        limits = self.limits
        aliases, directives = _count(document)
        if aliases > limits.max_aliases:
            return [
                self._refuse(
                    "TOO_MANY_ALIASES",
                    f"the query has {aliases} aliases; the limit is {limits.max_aliases}",
                )
            ]
        if directives > limits.max_directives:
            return [
                self._refuse(
                    "TOO_MANY_DIRECTIVES",
                    f"a field carries {directives} directives; the limit is "
                    f"{limits.max_directives}",
                )
            ]
        return []

    def _measure_limits(self, document: DocumentNode) -> list[GraphQLError]:
        # Cost depends on the variables (`first`), so it is measured every time.
        limits = self.limits
        context = self.execution_context
        schema = context.schema._schema
        found = measure(schema, document, context.operation_name, context.variables, limits.cost)
        self.cost = found.cost
        if found.depth > limits.max_depth:
            return [
                self._refuse(
                    "TOO_DEEP",
                    f"the query nests {found.depth} levels deep; the limit is {limits.max_depth}",
                )
            ]
        if found.cost > limits.max_cost:
            return [
                self._refuse(
                    "COST_LIMIT",
                    f"the query's estimated cost is {found.cost}; the limit is "
                    f"{limits.max_cost}. Ask for fewer nested lists, or page with "
                    "the *Connection fields and a smaller `first`",
                    cost=found.cost,
                    limit=limits.max_cost,
                )
            ]
        return []

    def _rules(self) -> list[type[ASTValidationRule]]:
        rules: list[type[ASTValidationRule]] = [
            *specified_rules,
            MaxIntrospectionDepthRule,
            MaybeNullValidationRule,
            OneOfInputValidationRule,
        ]
        if not self.limits.introspection:
            rules.append(NoSchemaIntrospectionCustomRule)
        return rules

    async def on_execute(self) -> AsyncIterator[None]:
        heavy = (self.cost or 0) >= self.lanes.heavy_cost
        async with self.lanes.slot(self.cost or 0, self.refused):
            self.guard = Guard(
                self.limits.max_list_size, self.limits.max_result_items, heavy, self.refused
            )
            with self.guard.watching():
                yield

    def get_results(self) -> dict[str, Any]:
        results: dict[str, Any] = {} if self.cost is None else {"cost": self.cost}
        if self.guard is not None and self.guard.truncated:
            results["truncated"] = {
                "limit": self.limits.max_list_size,
                "lists": self.guard.truncated,
            }
        return results
