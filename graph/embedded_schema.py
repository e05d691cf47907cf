"""The embedded store's tables, derived from graph.model, and their migration.

A store written by an earlier version lacks the columns and endpoint pairs
added to the model since; `migrate` adds them in place (ALTER TABLE), so an
existing database keeps its data across upgrades.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from graph.model import BOOKKEEPING, META_PROPS, NODE_PROPS, REL_SPECS, Prop, legacy_adoption

Execute = Callable[[str], Any]

_REL_KEY = Prop("key")


def _node_tables() -> Iterable[tuple[str, tuple[Prop, ...]]]:
    for kind, props in NODE_PROPS.items():
        yield kind.value, (*props, *BOOKKEEPING)
    for meta, props in META_PROPS.items():
        yield meta.value, props


def _rel_tables() -> Iterable[tuple[str, list[tuple[str, str]], tuple[Prop, ...]]]:
    for rel, spec in REL_SPECS.items():
        pairs = [(src.value, dst.value) for src, dst in spec.endpoints]
        yield rel.value, pairs, (_REL_KEY, *spec.props, *BOOKKEEPING)


def ddl() -> list[str]:
    """CREATE statements for every node and relationship table in graph.model."""
    statements = []
    for table, props in _node_tables():
        columns = ", ".join(["id STRING PRIMARY KEY", *(f"{p.name} {p.type.value}" for p in props)])
        statements.append(f"CREATE NODE TABLE IF NOT EXISTS {table}({columns})")
    for table, pairs, props in _rel_tables():
        ends = ", ".join(f"FROM {src} TO {dst}" for src, dst in pairs)
        columns = ", ".join(f"{p.name} {p.type.value}" for p in props)
        statements.append(f"CREATE REL TABLE IF NOT EXISTS {table}({ends}, {columns})")
    return statements


def migrate(execute: Execute) -> list[str]:
    """Creates missing tables, then adds missing columns and endpoint pairs.

    Returns the ALTER statements it ran (empty for an up-to-date store).
    """
    for statement in ddl():
        execute(statement)
    altered: list[str] = []
    for table, props in _node_tables():
        altered += _add_columns(execute, table, props)
    for table, pairs, props in _rel_tables():
        altered += _add_columns(execute, table, props)
        present = {
            (row[0], row[1]) for row in _rows(execute(f"CALL show_connection('{table}') RETURN *"))
        }
        for src, dst in pairs:
            if (src, dst) not in present:
                altered.append(f"ALTER TABLE {table} ADD FROM {src} TO {dst}")
                execute(altered[-1])
    if any(a.endswith(" ADD sources STRING[]") for a in altered):
        for statement in legacy_adoption():
            execute(statement)
    return altered


def _add_columns(execute: Execute, table: str, props: tuple[Prop, ...]) -> list[str]:
    info = _rows(execute(f"CALL table_info('{table}') RETURN *"))
    present = {row[1] for row in info}
    added = []
    for prop in props:
        if prop.name not in present:
            added.append(f"ALTER TABLE {table} ADD {prop.name} {prop.type.value}")
            execute(added[-1])
    return added


def _rows(result: Any) -> list[list[Any]]:
    rows: list[list[Any]] = result.get_all()
    return rows
