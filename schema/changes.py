"""The change feed: every load, unload and edit, in commit order; and the sources."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Any

import strawberry

from graph import changes
from graph.errors import UnctGraphError
from schema.context import Info
from schema.cost import size

MAX_CHANGE_SETS = 1000


@strawberry.enum(description="What happened to a fact.")
class ChangeOp(Enum):
    ADDED = "+"
    REMOVED = "-"
    CHANGED = "~"


@strawberry.type(description="One property of a changed fact, before and after.")
class FieldChange:
    name: str
    before: str | None
    after: str | None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


@strawberry.type(description="One fact added, removed or changed.")
class ChangeEntry:
    op: ChangeOp
    kind: str = strawberry.field(description="The node label or relationship type.")
    subject: str = strawberry.field(
        description="`RWA-OMT`, or `UNDP -> RWA-OMT` for a relationship."
    )
    ids: list[strawberry.ID] = strawberry.field(
        metadata=size(2), description="The ids of the nodes it is about."
    )
    detail: str = strawberry.field(description="What tells it apart, or what changed.")
    text: str = strawberry.field(description="The whole line, as `unct-graph check` prints it.")
    fields: list[FieldChange] = strawberry.field(metadata=size(5))

    @classmethod
    def of(cls, entry: changes.Entry) -> ChangeEntry:
        return cls(
            op=ChangeOp(entry.op.value),
            kind=entry.kind,
            subject=entry.subject,
            ids=[strawberry.ID(i) for i in entry.ids],
            detail=entry.detail,
            text=entry.text,
            fields=[
                FieldChange(name=n, before=_text(a), after=_text(b)) for n, a, b in entry.fields
            ],
        )


@strawberry.type(description="A load, unload or edit: who changed what, when, from which source.")
class ChangeSet:
    id: strawberry.ID = strawberry.field(description="Increases with every change set.")
    at: datetime
    actor: str = strawberry.field(description="Who: `cli:<user>`, or an API key's name.")
    source: str = strawberry.field(description="The source changed: a file's name, `api:<key>`.")
    added: int
    removed: int
    changed: int
    entries: list[ChangeEntry] = strawberry.field(metadata=size(20))

    @classmethod
    def of(cls, change_set: changes.ChangeSet) -> ChangeSet:
        return cls(
            id=strawberry.ID(change_set.id),
            at=change_set.at,
            actor=change_set.actor,
            source=change_set.source,
            added=change_set.added,
            removed=change_set.removed,
            changed=change_set.changed,
            entries=[ChangeEntry.of(e) for e in change_set.entries],
        )


@strawberry.type(description="A loaded source: a file, the reference catalogues, a key's edits.")
class SourceInfo:
    name: str
    kind: str = strawberry.field(description="PACK, DATA, REFERENCE or API.")
    file: str | None
    hash: str | None = strawberry.field(description="SHA-256 of the file's content.")
    loaded_at: datetime | None
    actor: str | None
    nodes: int
    relationships: int


def sequence(value: str | None, what: str) -> int:
    """A change set id (or cursor) as its number; none means from the start."""
    if value is None or value == "":
        return 0
    if not value.isdigit():
        raise UnctGraphError(f"{what}: {value!r} is not a change set id")
    return int(value)


def page_size(first: int) -> int:
    if not 0 <= first <= MAX_CHANGE_SETS:
        raise UnctGraphError(f"first must be between 0 and {MAX_CHANGE_SETS}")
    return first


async def change_sets_about(
    info: Info, node: str, since: str | None, first: int
) -> list[ChangeSet]:
    found = await changes.about(
        info.context.graph.store, node, sequence(since, "since"), page_size(first)
    )
    return [ChangeSet.of(c) for c in found]


@strawberry.type
class ChangesQuery:
    @strawberry.field(
        description="Change sets after change set `since` (or the cursor `after`), oldest "
        "first. Poll with the last id you saw to miss none and count none twice."
    )
    async def changes(
        self,
        info: Info,
        since: strawberry.ID | None = None,
        first: int = 100,
        after: str | None = None,
    ) -> list[ChangeSet]:
        start = max(sequence(since, "since"), sequence(after, "after"))
        found = await changes.after(info.context.graph.store, start, page_size(first))
        return [ChangeSet.of(c) for c in found]

    @strawberry.field(metadata=size(50), description="Every loaded source, by name.")
    async def sources(self, info: Info) -> list[SourceInfo]:
        rows = await info.context.graph.sources()
        return [
            SourceInfo(
                name=r["name"],
                kind=r["kind"] or "",
                file=r["file"],
                hash=r["hash"],
                loaded_at=datetime.fromisoformat(r["loadedAt"]) if r["loadedAt"] else None,
                actor=r["actor"],
                nodes=int(r["nodes"] or 0),
                relationships=int(r["relationships"] or 0),
            )
            for r in rows
        ]
