"""A field's value now, when what it needs is at hand, or later, through a DataLoader.

A resolver declared `async` costs a coroutine and, inside lists, a task per
object, even when its answer is already known: for a page of a thousand
memberships that is most of the request's time, and a heavy answer made of
tasks takes as long again to cancel. Such fields are plain functions
returning `Soon[T]` (with `graphql_type=T` on the field, since the annotation
is not a GraphQL type); graphql-core awaits only what needs it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable
from inspect import isawaitable
from typing import Any, TypeAlias, TypeVar, cast

from strawberry.dataloader import DataLoader

T = TypeVar("T")
U = TypeVar("U")

Soon: TypeAlias = T | Awaitable[T]


def loaded(loader: DataLoader[Any, T], key: Hashable) -> Soon[T]:
    """The loader's value for `key` now, if a load of it has finished; else the load."""
    future = loader.cache_map.get(key)
    if future is not None and future.done() and not future.cancelled() and not future.exception():
        return future.result()
    return loader.load(key)


def then(value: Soon[T], make: Callable[[T], U]) -> Soon[U]:
    """`make(value)`, now if the value is here, or once it is."""
    if isawaitable(value):
        return _later(cast(Awaitable[T], value), make)
    return make(value)


async def _later(value: Awaitable[T], make: Callable[[T], U]) -> U:
    return make(await value)
