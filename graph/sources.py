"""Who asserts what: a source replaced whole, and the difference it makes.

A source (a file, the reference catalogues, the edits made with one API key)
asserts facts. Loading a file again REPLACES what its source said before:
facts it no longer states lose that source, and a fact no source states any
more is gone. API edits AMEND their source instead: they add or change the
facts they name and retract only what they are told to.

The edges of a batch also assert the nodes they connect ("mentions"), so a
node stays while any source still links to it, and a mention never changes a
node's properties. Properties take the values of the most recently loaded
source that states them; a fact asserted by one source only is exactly what
that source says, so a property it stops stating is cleared.

`plan` only reads: the preview (`unct-graph check`) is a plan that is not
written, and graph.apply writes the same plan in the transaction it read in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from graph.batch import EdgeKey, GraphBatch, NodeKey, Props
from graph.errors import RefusedError
from graph.facts import FactKey, FactState, describe, facts_of_source, props_of, read_facts
from graph.model import EVIDENCE
from graph.stated import Statements, merged, source_of
from graph.store import Reader


class SourceKind(StrEnum):
    """What kind of thing a source is; with a fact's evidence it gives the basis."""

    PACK = "PACK"  # a country pack: each fact's `source` says document or illustrative
    DATA = "DATA"  # a data export (UN INFO, IATI)
    REFERENCE = "REFERENCE"  # the bundled catalogues (SDGs, UN entities)
    API = "API"  # edits made through the API with one key


@dataclass(frozen=True)
class Source:
    name: str
    kind: SourceKind
    file: str | None = None  # the path as given, for messages
    hash: str | None = None  # of the file's content

    def place(self, line: int | None) -> str:
        """Where a fact was stated, for people: `vnm.yaml:40`, or the source's name."""
        label = self.file or self.name
        return f"{label}:{line}" if line else label

    def origin(self, line: int | None) -> str:
        """The same, stored with the fact: the source's name rather than a path."""
        return f"{self.name}:{line}" if line else self.name


class Op(StrEnum):
    ADDED = "+"
    REMOVED = "-"
    CHANGED = "~"


@dataclass(frozen=True)
class Change:
    """One line of a preview or change set."""

    op: Op
    fact: FactKey
    values: dict[str, Any]
    fields: dict[str, tuple[Any, Any]] = field(default_factory=dict)

    def text(self) -> str:
        if self.op is Op.CHANGED:
            detail = ", ".join(
                f"{k}: {_show(a)} -> {_show(b)}" for k, (a, b) in self.fields.items()
            )
            unchanged = {k: v for k, v in self.values.items() if k not in self.fields}
            identity = _identity(self.fact, unchanged)
            return f"~ {describe(self.fact)}{identity} {detail}"
        return f"{self.op.value} {describe(self.fact)}{_identity(self.fact, self.values)}"


@dataclass
class Plan:
    """What writing a batch as a source would do, decided from what is stored."""

    source: Source
    writes: dict[FactKey, FactState] = field(default_factory=dict)
    new: set[FactKey] = field(default_factory=set)  # writes that create the fact
    deletes: list[FactKey] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    # Facts whose final state came from this batch, with the line stating them.
    lines: dict[FactKey, int] = field(default_factory=dict)
    # How many more (or fewer) nodes and relationships the source asserts.
    asserted: Counter[str] = field(default_factory=Counter)

    @property
    def empty(self) -> bool:
        return not self.writes and not self.deletes

    def count(self, op: Op) -> int:
        return sum(1 for c in self.changes if c.op is op)

    def summary(self) -> str:
        return (
            f"{self.count(Op.ADDED)} added, {self.count(Op.REMOVED)} removed, "
            f"{self.count(Op.CHANGED)} changed"
        )

    def state(self, fact: FactKey) -> FactState | None:
        return self.writes.get(fact)


async def plan(
    reader: Reader,
    source: Source,
    batch: GraphBatch,
    *,
    replace: bool = True,
    retract: Iterable[FactKey] = (),
    new_source: bool = False,
) -> Plan:
    """The writes, deletes and visible changes of asserting `batch` as `source`.

    With replace=True every fact the source asserted before and `batch` does
    not state is retracted; otherwise only the facts in `retract` are.
    new_source=True says the source has asserted nothing yet, which spares
    looking for what it said before (a first load).
    """
    defined: dict[FactKey, Props] = dict(batch.facts())
    mentioned = _mentions(batch) - defined.keys()
    scan = replace and not new_source
    before = await facts_of_source(reader, source.name) if scan else {}
    retracted = [f for f in before if f not in defined and f not in mentioned]
    retracted += [f for f in retract if f not in before]
    wanted = [f for f in (*defined, *mentioned, *retracted) if f not in before]
    current = {**before, **await read_facts(reader, wanted)}
    _check_mentions(source, batch, mentioned, current)

    result = Plan(source)
    for fact, stated in defined.items():
        line = batch.lines.get(fact)
        _assert(result, fact, stated, current.get(fact), source.origin(line))
        if line is not None:
            result.lines[fact] = line
    for fact in mentioned:
        _mention(result, fact, current[fact])
    for fact in retracted:
        _retract(result, fact, current.get(fact))
    result.changes.sort(key=_change_order)
    return result


def _mentions(batch: GraphBatch) -> set[FactKey]:
    ends: set[FactKey] = set()
    for edge in batch.edges:
        ends.add((edge.src_kind, edge.src))
        ends.add((edge.dst_kind, edge.dst))
    return ends


def _check_mentions(
    source: Source,
    batch: GraphBatch,
    mentioned: set[FactKey],
    current: dict[FactKey, FactState],
) -> None:
    missing = {f for f in mentioned if f not in current}
    if not missing:
        return
    problems = []
    for edge in batch.edges:
        for end in ((edge.src_kind, edge.src), (edge.dst_kind, edge.dst)):
            if end in missing:
                place = source.place(batch.lines.get(edge))
                problems.append(f"{place}: {describe(edge)}: unknown {describe(end)}")
    raise RefusedError(sorted(set(problems)))


def _assert(
    result: Plan, fact: FactKey, stated: Props, current: FactState | None, origin: str
) -> None:
    name = result.source.name
    names = [p.name for p in props_of(fact)]
    if current is None:
        values = {n: stated.get(n) for n in names}
        result.writes[fact] = FactState(values, [name], origin)
        result.new.add(fact)
        result.asserted[_what(fact)] += 1
        result.changes.append(Change(Op.ADDED, fact, values))
        return
    sources = current.sources if name in current.sources else [*current.sources, name]
    if name not in current.sources:
        result.asserted[_what(fact)] += 1
    statements = _statements(current)
    statements.pop(name, None)  # moved to the end: the latest statement
    statements[name] = (origin, {k: v for k, v in stated.items() if v is not None})
    if len(statements) == 1:  # this source alone states it: exactly what it says
        values = {n: stated.get(n) for n in names}
    else:
        values = merged(statements, names)
    _write(result, fact, current, FactState(values, sources, origin, _kept(statements)))


def _statements(current: FactState) -> Statements:
    """What each source states about a stored fact; with no copy kept, the
    fact's own values are the statement of the source that last stated it."""
    if current.stated:
        return dict(current.stated)
    owner = source_of(current.origin)
    if owner is None or owner not in current.sources:
        return {}
    return {owner: (current.origin, dict(current.props))}


def _kept(statements: Statements) -> Statements | None:
    return statements if len(statements) > 1 else None


def _write(result: Plan, fact: FactKey, current: FactState, final: FactState) -> None:
    """Writes `final` over `current` when anything differs, saying what people see."""
    fields = {
        n: (current.props.get(n), final.props.get(n))
        for n in final.props
        if final.props.get(n) != current.props.get(n)
    }
    if fields:
        result.changes.append(Change(Op.CHANGED, fact, final.props, fields))
    bookkeeping = (final.sources, final.origin, final.stated)
    if fields or bookkeeping != (current.sources, current.origin, current.stated):
        result.writes[fact] = final


def _mention(result: Plan, fact: FactKey, current: FactState) -> None:
    name = result.source.name
    if name not in current.sources:
        result.writes[fact] = FactState(
            current.props, [*current.sources, name], current.origin, current.stated
        )
        result.asserted[_what(fact)] += 1


def _retract(result: Plan, fact: FactKey, current: FactState | None) -> None:
    name = result.source.name
    if current is None:
        return  # already gone: retracting again changes nothing
    if name not in current.sources:
        holders = ", ".join(current.sources)
        raise RefusedError(
            [
                f"{result.source.place(None)}: {describe(fact)} is not stated by "
                f"{name} (stated by {holders}); change it where it is stated"
            ]
        )
    sources = [s for s in current.sources if s != name]
    result.asserted[_what(fact)] -= 1
    if sources:
        _write(result, fact, current, _without(fact, current, name, sources))
    else:
        result.deletes.append(fact)
        result.changes.append(Change(Op.REMOVED, fact, current.props))


def _without(fact: FactKey, current: FactState, name: str, sources: list[str]) -> FactState:
    """A fact that stays after `name` stops asserting it: what the others state."""
    statements = _statements(current)
    if statements.pop(name, None) is None or not statements:
        # `name` only mentioned it, or the others only mention it (it stays
        # because they link to it): its values stay as they are.
        return FactState(current.props, sources, current.origin, current.stated)
    names = [p.name for p in props_of(fact)]
    latest, stated = list(statements.values())[-1]
    if len(statements) == 1:
        values = {n: stated.get(n) for n in names}
    else:
        values = merged(statements, names)
    return FactState(values, sources, latest, _kept(statements))


def _what(fact: FactKey) -> str:
    return "relationships" if isinstance(fact, EdgeKey) else "nodes"


def _change_order(change: Change) -> tuple[str, ...]:
    fact = change.fact
    if isinstance(fact, EdgeKey):
        return ("1", fact.kind.value, fact.src, fact.dst, fact.key, change.op.value)
    node: NodeKey = fact
    return ("0", node[0].value, node[1], "", "", change.op.value)


def _identity(fact: FactKey, values: dict[str, Any]) -> str:
    """What tells a fact apart in a line: a node's name, an edge's properties."""
    if isinstance(fact, EdgeKey):
        shown = [
            f"{k}={_plain(v)}" for k, v in values.items() if v is not None and k != EVIDENCE.name
        ]
        return (" " + " ".join(shown)) if shown else ""
    label = values.get("name") or values.get("title")
    return f" {_show(label)}" if label else ""


def _plain(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def _show(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, str):
        return repr(value)
    return _plain(value)
