"""What each source states about a fact that several sources state.

A fact stated by one source holds exactly that source's values, and keeps no
copy of them. Once two or more sources state it, its properties take, one by
one, the value of the most recently loaded source that states them, and the
fact keeps each source's own values (`stated`, JSON, oldest first): when one
of those sources is loaded again or unloaded, the fact falls back to what the
others still say instead of keeping values nobody states any more.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from graph.model import PropType

# source name -> (where it stated the fact, the values it states)
Statements = dict[str, tuple[str | None, dict[str, Any]]]
Types = dict[str, PropType]


def encode(statements: Statements | None, types: Types) -> str | None:
    """The stored form: None while one source (or none) states the fact."""
    if not statements or len(statements) < 2:
        return None
    plain = {
        name: [origin, {k: _plain(v) for k, v in values.items() if k in types}]
        for name, (origin, values) in statements.items()
    }
    return json.dumps(plain, ensure_ascii=False, separators=(",", ":"))


def decode(text: str | None, types: Types) -> Statements | None:
    if not text:
        return None
    found: Statements = {}
    for name, (origin, values) in json.loads(text).items():
        found[name] = (origin, {k: _typed(v, types.get(k)) for k, v in values.items()})
    return found


def merged(statements: Statements, names: list[str]) -> dict[str, Any]:
    """Each property from the latest statement that gives it a value."""
    values: dict[str, Any] = dict.fromkeys(names)
    for _, stated in statements.values():
        values.update({k: v for k, v in stated.items() if v is not None and k in values})
    return values


def source_of(origin: str | None) -> str | None:
    """The source named in an origin: `vnm.yaml:40` -> `vnm.yaml`, `api:rco` -> `api:rco`."""
    if origin is None:
        return None
    name, _, line = origin.rpartition(":")
    return name if name and line.isdigit() else origin


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _typed(value: Any, kind: PropType | None) -> Any:
    if kind is PropType.DATE and isinstance(value, str):
        return date.fromisoformat(value)
    return value
