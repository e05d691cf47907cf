"""Change sets: every load, unload and edit, recorded in the graph itself.

A change set says who changed what, when, and through which source, with one
entry per added, removed or changed fact. Change sets are numbered in commit
order (graph.apply takes the counter first), so a service that polls
`changes(since: <last id>)` never misses or double-counts one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from graph import queries
from graph.facts import describe, subjects
from graph.sources import Change, Op, Plan
from graph.store import Reader, Row, Transaction

COUNTER = "changes"


@dataclass(frozen=True)
class Entry:
    """One fact's change, as stored and served."""

    op: Op
    kind: str  # the node label or relationship type
    subject: str  # `RWA-OMT`, or `UNDP -> RWA-OMT`
    ids: tuple[str, ...]
    detail: str  # the rest of the preview line
    fields: tuple[tuple[str, Any, Any], ...] = ()

    @property
    def text(self) -> str:
        return " ".join(p for p in (self.op.value, self.kind, self.subject, self.detail) if p)


@dataclass(frozen=True)
class ChangeSet:
    id: str
    seq: int
    at: datetime
    actor: str
    source: str
    added: int
    removed: int
    changed: int
    entries: tuple[Entry, ...]


def entry(change: Change) -> Entry:
    line = change.text()
    kind, _, subject = describe(change.fact).partition(" ")
    detail = line[len(f"{change.op.value} {kind} {subject}") :].strip()
    fields = tuple((k, a, b) for k, (a, b) in change.fields.items())
    return Entry(change.op, kind, subject, subjects(change.fact), detail, fields)


async def take_counter(tx: Transaction) -> int:
    """The last change set number, holding the counter until the transaction ends."""
    rows = await tx.read(queries.COUNTER_TAKE, {"id": COUNTER})
    return int(rows[0]["value"])


async def record(tx: Transaction, last: int, plan: Plan, actor: str, at: datetime) -> str:
    """Writes the plan's change set as number last + 1; returns its id."""
    seq = last + 1
    entries = [entry(c) for c in plan.changes]
    ids = sorted({i for e in entries for i in e.ids})
    await tx.run(
        queries.CHANGE_SET_CREATE,
        {
            "id": str(seq),
            "seq": seq,
            "at": at.isoformat(),
            "actor": actor,
            "source": plan.source.name,
            "added": plan.count(Op.ADDED),
            "removed": plan.count(Op.REMOVED),
            "changed": plan.count(Op.CHANGED),
            "entries": json.dumps([_stored(e) for e in entries], default=_json_value),
            "subjects": ids,
        },
    )
    await tx.run(queries.COUNTER_SET, {"id": COUNTER, "value": seq})
    return str(seq)


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _stored(e: Entry) -> dict[str, Any]:
    return {
        "op": e.op.value,
        "kind": e.kind,
        "subject": e.subject,
        "ids": list(e.ids),
        "detail": e.detail,
        "fields": [list(f) for f in e.fields],
    }


def _json_value(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__} in a change entry")


def _loaded(raw: dict[str, Any]) -> Entry:
    return Entry(
        Op(raw["op"]),
        raw["kind"],
        raw["subject"],
        tuple(raw["ids"]),
        raw["detail"],
        tuple((f[0], f[1], f[2]) for f in raw.get("fields", [])),
    )


def _change_set(row: Row, about: str | None = None) -> ChangeSet:
    entries = tuple(_loaded(e) for e in json.loads(row["entries"] or "[]"))
    if about is not None:
        entries = tuple(e for e in entries if about in e.ids)
    return ChangeSet(
        id=row["id"],
        seq=int(row["seq"]),
        at=datetime.fromisoformat(row["at"]),
        actor=row["actor"] or "",
        source=row["source"] or "",
        added=int(row["added"] or 0),
        removed=int(row["removed"] or 0),
        changed=int(row["changed"] or 0),
        entries=entries,
    )


async def after(reader: Reader, seq: int, first: int) -> list[ChangeSet]:
    """Change sets numbered after `seq`, oldest first, at most `first`."""
    rows = await reader.read(queries.CHANGE_SETS_AFTER, {"after": seq, "first": first})
    return [_change_set(r) for r in rows]


async def about(reader: Reader, subject: str, seq: int, first: int) -> list[ChangeSet]:
    """Change sets that touched a node, each with only the entries about it."""
    params = {"subject": subject, "after": seq, "first": first}
    rows = await reader.read(queries.CHANGE_SETS_ABOUT, params)
    return [_change_set(r, about=subject) for r in rows]
