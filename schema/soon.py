"""A field's value now, when the row it needs is at hand, or later, through a DataLoader.

A resolver declared `async` costs a coroutine and, inside lists, a task per
object, even when its answer is already known: for a page of a thousand
memberships that is most of the request's time. Such fields are plain
functions returning `Soon[T]` (with `graphql_type=T` on the field, since the
annotation is not a GraphQL type), and graphql-core awaits only what needs it.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TypeAlias, TypeVar

T = TypeVar("T")

Soon: TypeAlias = T | Awaitable[T]
