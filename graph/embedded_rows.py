"""Rows in the shape LadybugDB takes fastest: few fields, scalars as text.

LadybugDB converts a parameter map field by field, and with one field per
property that conversion was most of the time a load spent writing. So a row
carries its identity (id, or src/dst/key), each list property as a field of
its own, and every scalar property as text in one list `c`; the statement
casts each back to the type graph.model declares. Text carries every scalar
exactly: dates in ISO form, floats in Python's shortest round-trip form.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

from graph.model import Prop, PropType

_LISTS = frozenset({PropType.STRING_LIST, PropType.INT_LIST, PropType.FLOAT_LIST})


@cache
def _scalars(columns: tuple[Prop, ...]) -> tuple[Prop, ...]:
    return tuple(p for p in columns if p.type not in _LISTS)


def expression(columns: tuple[Prop, ...], prop: Prop) -> str:
    """The value of `prop` in a row encoded from `columns`, typed as declared.

    Every value is cast: a parameter list whose values are all null is typed
    by LadybugDB from nothing.
    """
    if prop.type in _LISTS:
        return f"CAST(row.{prop.name} AS {prop.type.value})"
    index = _scalars(columns).index(prop) + 1  # LadybugDB counts list items from 1
    return f"CAST(row.c[{index}] AS {prop.type.value})"


def encode(columns: tuple[Prop, ...], values: dict[str, Any]) -> dict[str, Any]:
    """A row holding `values` for `columns`, as `expression` reads it."""
    row = {p.name: values.get(p.name) for p in columns if p.type in _LISTS}
    row["c"] = [_text(values.get(p.name)) for p in _scalars(columns)]
    return row


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
