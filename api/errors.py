"""What clients see of errors, and how they are counted.

The product's own errors (limits, deadline, unknown ids, bad input) reach
clients as they are: they are written for users. Store errors do too in
development, where their details help; in production they become a fixed
sentence, because they can name hosts, ports, internal query names and
library text. Anything else is a bug: clients see `internal error` and the
log keeps the details. Production also drops GraphQL's "Did you mean ...?"
hints, which would otherwise spell out the schema to someone probing it.
"""

from __future__ import annotations

import logging
import re

from graphql import GraphQLError

from graph.deadline import DeadlineExceededError
from graph.errors import StoreQueryError, StoreUnavailableError, UnctGraphError
from schema.limits import TOKENS_EXCEEDED

log = logging.getLogger("unct_graph.errors")

_SUGGESTION = re.compile(r"\s*Did you mean [^?]*\?")
_PUBLIC_STORE_TEXT = {
    "STORE_UNAVAILABLE": "the store is unavailable; try again shortly",
    "STORE_ERROR": "the store could not answer this query",
}


def kind(error: GraphQLError) -> str:
    """A short, bounded name for an error, for metrics and logs."""
    code = (error.extensions or {}).get("code")
    if isinstance(code, str):
        return code
    original = error.original_error
    if original is None:
        return "TOO_MANY_TOKENS" if TOKENS_EXCEEDED in error.message else "INVALID_QUERY"
    if isinstance(original, GraphQLError):
        return kind(original)
    if isinstance(original, DeadlineExceededError):
        return "DEADLINE_EXCEEDED"
    if isinstance(original, StoreUnavailableError):
        return "STORE_UNAVAILABLE"
    if isinstance(original, StoreQueryError):
        return "STORE_ERROR"
    if isinstance(original, UnctGraphError):
        return "BAD_REQUEST"
    return "INTERNAL"


def public(error: GraphQLError, production: bool) -> GraphQLError:
    """The error as a client may see it."""
    name = kind(error)
    message = error.message
    if name == "INTERNAL":
        message = "internal error"
    elif production and name in _PUBLIC_STORE_TEXT:
        message = _PUBLIC_STORE_TEXT[name]
    if production:
        message = _SUGGESTION.sub("", message)
    if message == error.message and (error.extensions or {}).get("code"):
        return error
    extensions = {**(error.extensions or {}), "code": name}
    return GraphQLError(
        message, error.nodes, error.source, error.positions, error.path, None, extensions
    )


def log_errors(errors: list[GraphQLError]) -> None:
    """Log errors without the request's text: a message, a path, and a bug's traceback."""
    for error in errors:
        name = kind(error)
        if name == "INTERNAL":
            log.error("%s at %s", error.message[:500], error.path, exc_info=error.original_error)
        elif name in _PUBLIC_STORE_TEXT:
            log.warning("%s: %s", name, error.message[:500])
