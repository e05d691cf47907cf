"""The answer's guard: what stops an answer while it is being built.

Limits before execution (schema.limits) judge a query by its text; this judges
the answer as it grows. Lists are where an answer grows, so every list field
of the schema is put behind the request's guard (`guard_lists`), which

- cuts plain lists longer than `max_list_size` (connections page instead) and
  says where in the answer's `extensions.truncated`;
- stops the whole answer once it holds more than `max_result_items` objects,
  or once the request's deadline (graph.deadline) has passed: the execution is
  cancelled, every field still under way with it, and the answer is that one
  error (`run_stoppable`);
- hands the event loop back every SLICE_SECONDS of work once an answer has
  taken FIRST_SLICE_SECONDS, so that no answer, however large, keeps other
  requests, the deadline's timer or the news of a client gone waiting (the
  first slice is long because a pause splits the DataLoaders' batches: most
  answers end within it, in one round trip per level);
- lets only FIELDS_AT_ONCE of the list fields that paused (and, for a heavy
  answer past its first slice, of those waiting for the store) go on at a
  time: graphql-core starts
  every item of every list at once, and tens of thousands of fields waking in
  one turn of the event loop would hold it for seconds.

Scalar and object fields run unguarded: a hook on every field cost a fifth of
the time of answers with thousands of objects.
"""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from dataclasses import dataclass
from inspect import isawaitable
from typing import Any

from graphql import (
    GraphQLError,
    GraphQLList,
    GraphQLObjectType,
    GraphQLResolveInfo,
    GraphQLSchema,
    default_field_resolver,
    get_nullable_type,
)
from strawberry.types import ExecutionResult

from graph import deadline

Resolver = Callable[..., Any]
Refused = Callable[[str], None]

# The longest stretch of work an answer does before other requests get a turn.
FIRST_SLICE_SECONDS = 0.25
SLICE_SECONDS = 0.02
# How many paused list fields (or waiting ones, of a heavy answer) go on at once.
FIELDS_AT_ONCE = 256


class AnswerStopped(GraphQLError):
    """The error the whole answer is replaced with; `extensions.code` says why."""

    def __init__(self, code: str, message: str, original: Exception | None = None) -> None:
        super().__init__(message, original_error=original, extensions={"code": code})


@dataclass
class _Stop:
    """Set by the guard when it stops the answer; read by `run_stoppable`."""

    error: AnswerStopped | None = None


_stop: ContextVar[_Stop | None] = ContextVar("unct_graph_stop", default=None)
_current: ContextVar[Guard | None] = ContextVar("unct_graph_guard", default=None)


async def run_stoppable(execute: Callable[[], Awaitable[ExecutionResult]]) -> ExecutionResult:
    """Runs one GraphQL execution in a task of its own, which its guard may cancel."""
    stop = _Stop()
    token = _stop.set(stop)
    try:
        run = asyncio.ensure_future(execute())  # the task sees `stop` (context copied)
    finally:
        _stop.reset(token)
    try:
        return await run
    except asyncio.CancelledError:
        if stop.error is None or not run.cancelled():
            raise  # cancelled from outside: the deadline's last resort, a client gone
        return ExecutionResult(data=None, errors=[stop.error])


def guard_lists(schema: GraphQLSchema) -> None:
    """Puts every list field of `schema` behind the request's guard."""
    for named in schema.type_map.values():
        if not isinstance(named, GraphQLObjectType) or named.name.startswith("__"):
            continue
        for field_def in named.fields.values():
            if isinstance(get_nullable_type(field_def.type), GraphQLList):
                field_def.resolve = _guarded(field_def.resolve or default_field_resolver)


def _guarded(resolve: Resolver) -> Resolver:
    if inspect.iscoroutinefunction(resolve):
        # The resolver's coroutine is made only once the guard lets it run: one
        # cancelled before it starts must not leave a coroutine never awaited.
        async def guarded_later(root: Any, info: GraphQLResolveInfo[Any], **args: Any) -> Any:
            guard = _current.get()
            if guard is None:
                return await resolve(root, info, **args)
            return await guard.listed_later(resolve, root, info, args)

        return guarded_later

    def guarded(root: Any, info: GraphQLResolveInfo[Any], **args: Any) -> Any:
        guard = _current.get()
        if guard is None:
            return resolve(root, info, **args)
        return guard.listed(resolve, root, info, args)

    return guarded


class Guard:
    """The guard of one request's answer; in force while `watching`."""

    def __init__(
        self, max_list_size: int, max_result_items: int, heavy: bool, refused: Refused
    ) -> None:
        self.max_list_size = max_list_size
        self.max_result_items = max_result_items
        self.refused = refused
        self.items = 0
        self.truncated: list[dict[str, Any]] = []
        self._turns = asyncio.Semaphore(FIELDS_AT_ONCE)
        self._heavy = heavy
        self._slice_ends = time.monotonic() + FIRST_SLICE_SECONDS
        # Turns split the DataLoaders' batches too: only a long answer takes them.
        self._throttled_from = self._slice_ends
        self._slice_opens: asyncio.Future[None] | None = None
        self._first_after_opening = False
        # Outside run_stoppable (a test executing the schema directly) an
        # answer that must stop fails field by field, and nothing is cancelled.
        stop = _stop.get()
        self._stop = stop or _Stop()
        self._task = asyncio.current_task() if stop is not None else None

    def watching(self) -> _Watching:
        return _Watching(self)

    def listed(self, resolve: Resolver, root: Any, info: GraphQLResolveInfo[Any], args: Any) -> Any:
        """Resolves a list field with a plain resolver: counted, cut, stopped in time."""
        self._go_on()
        result = resolve(root, info, **args)
        if isawaitable(result):
            return self._counted_later(result, info)
        if time.monotonic() >= self._slice_ends:
            return self._counted_after_a_pause(result, info)
        return self._counted(result, info)

    async def listed_later(
        self, resolve: Resolver, root: Any, info: GraphQLResolveInfo[Any], args: Any
    ) -> Any:
        """Resolves a list field with an async resolver, likewise."""
        if not self._heavy or time.monotonic() < self._throttled_from:
            self._go_on()
            return await self._counted_later(resolve(root, info, **args), info)
        async with self._turns:
            self._go_on()  # fields started before the answer was stopped end here
            value = await resolve(root, info, **args)
        # The turn is given back first: a pause takes one of its own.
        return await self._counted_later(_ready(value), info)

    async def _counted_later(self, result: Awaitable[Any], info: GraphQLResolveInfo[Any]) -> Any:
        value = await result
        if time.monotonic() >= self._slice_ends:
            return await self._counted_after_a_pause(value, info)
        return self._counted(value, info)

    async def _counted_after_a_pause(self, result: Any, info: GraphQLResolveInfo[Any]) -> Any:
        async with self._turns:
            await self._next_slice()
            self._go_on()
            return self._counted(result, info)

    async def _next_slice(self) -> None:
        """Waits until the event loop has had a turn and a new slice of work begins.

        One slice a turn for the whole answer: a field that paused goes on if
        the slice is still open when its own turn comes, or if it is the first
        to come after the slice opened (so that an answer always moves on,
        however slow each turn of a busy machine is).
        """
        while True:
            if self._slice_opens is None:
                loop = asyncio.get_running_loop()
                self._slice_opens = loop.create_future()
                loop.call_soon(self._open_slice)  # after all that is ready now
            await asyncio.shield(self._slice_opens)
            if self._first_after_opening or time.monotonic() < self._slice_ends:
                self._first_after_opening = False
                return

    def _open_slice(self) -> None:
        self._slice_ends = time.monotonic() + SLICE_SECONDS
        self._first_after_opening = True
        opens, self._slice_opens = self._slice_opens, None
        if opens is not None and not opens.done():
            opens.set_result(None)

    def _counted(self, result: Any, info: GraphQLResolveInfo[Any]) -> Any:
        if not isinstance(result, list):
            return result
        if len(result) > self.max_list_size:
            self.truncated.append({"path": list(info.path.as_list()), "total": len(result)})
            result = result[: self.max_list_size]
        self.items += len(result)
        if self.items > self.max_result_items:
            self.refused("RESULT_TOO_LARGE")
            self._stop_answer(
                AnswerStopped(
                    "RESULT_TOO_LARGE",
                    f"the answer grew past {self.max_result_items} objects and was "
                    "stopped; ask for less, or page with the *Connection fields",
                )
            )
        return result

    def _go_on(self) -> None:
        """Raises the stop's error once the answer is stopped, or its deadline passed."""
        if self._stop.error is None and deadline.passed():
            passed = deadline.DeadlineExceededError()
            self._stop_answer(AnswerStopped("DEADLINE_EXCEEDED", str(passed), passed))
        if self._stop.error is not None:
            raise self._stop.error

    def _stop_answer(self, error: AnswerStopped) -> None:
        # Cancelling the execution's task cancels every field under way (each
        # list's items are gathered in tasks of their own); the field that found
        # out fails with the error while it unwinds.
        self._stop.error = error
        if self._task is not None:
            self._task.cancel()
        raise error


async def _ready(value: Any) -> Any:
    return value


class _Watching:
    def __init__(self, guard: Guard) -> None:
        self.guard = guard

    def __enter__(self) -> Guard:
        self._token = _current.set(self.guard)
        return self.guard

    def __exit__(self, *_: object) -> None:
        _current.reset(self._token)
