"""Every Cypher text in graph.queries speaks graph.model's language.

Labels, relationship types and the properties a query reads are checked
against the model, as text, with no store: a property renamed in the model
(or misspelt in a query) fails here instead of reading back as null.
"""

from __future__ import annotations

import re

import pytest

from graph import queries
from graph.model import (
    BOOKKEEPING,
    META_PROPS,
    NODE_PROPS,
    REL_SPECS,
    MetaKind,
    NodeKind,
    RelKind,
)
from graph.store import Dialect, Query

# `(m:Agency) AS isAgency` is a label test on a bound node, not a binding.
NODE_BINDING = re.compile(r"\((\w*):(\w+)(?!\w|\) AS )")
REL_BINDING = re.compile(r"\[(\w*):(\w+)")
PROPERTY = re.compile(r"(?<![\w$.])([a-z]\w*)\.([A-Za-z_]\w*)")
PATTERN_MAP = re.compile(r"\((\w*):(\w+) \{(\w+):")
QUOTED_LABEL = re.compile(r"label\(\w+\) = '(\w+)'")

REL_TYPES = {kind.value for kind in RelKind}


NODE_LABELS = {kind.value: kind for kind in NodeKind}
META_LABELS = {kind.value: kind for kind in MetaKind}


def _node_props(label: str) -> set[str]:
    if label in NODE_LABELS:
        declared = NODE_PROPS[NODE_LABELS[label]]
    else:
        declared = META_PROPS[META_LABELS[label]]
    return {p.name for p in (*declared, *BOOKKEEPING)} | {"id"}


def _rel_props(rel: str) -> set[str]:
    return {p.name for p in REL_SPECS[RelKind(rel)].props} | {"key"} | {p.name for p in BOOKKEEPING}


LABELS = set(NODE_LABELS) | set(META_LABELS)
ANY_PROPERTY = set().union(*(_node_props(label) for label in LABELS)) | set().union(
    *(_rel_props(rel) for rel in REL_TYPES)
)


def all_queries() -> list[tuple[str, str]]:
    found: list[Query] = []
    for value in vars(queries).values():
        if isinstance(value, Query):
            found.append(value)
        elif isinstance(value, dict):
            found += [v for v in value.values() if isinstance(v, Query)]
    return [(q.name + f"[{d.value}]", q.text(d)) for q in found for d in Dialect]


QUERIES = all_queries()


def test_queries_are_found() -> None:
    assert len(QUERIES) > 40


@pytest.mark.parametrize("name,text", QUERIES, ids=[n for n, _ in QUERIES])
def test_query_speaks_the_model(name: str, text: str) -> None:
    bindings: dict[str, set[str]] = {}
    for var, label in NODE_BINDING.findall(text):
        assert label in LABELS, f"{name}: unknown label {label}"
        if var:
            bindings.setdefault(var, set()).update(_node_props(label))
    for var, rel in REL_BINDING.findall(text):
        assert rel in REL_TYPES, f"{name}: unknown relationship type {rel}"
        if var:
            bindings.setdefault(var, set()).update(_rel_props(rel))
    for _, label, prop in PATTERN_MAP.findall(text):
        assert prop in _node_props(label), f"{name}: {label} has no property {prop}"
    for label in QUOTED_LABEL.findall(text):
        assert label in LABELS, f"{name}: unknown label {label}"
    for var, prop in PROPERTY.findall(text):
        allowed = bindings.get(var, ANY_PROPERTY)
        assert prop in allowed, f"{name}: {var}.{prop} is not in the model"


def test_fields_follow_the_model() -> None:
    body = queries.fields("b", NodeKind.BODY)
    expected = ("id", *_ordered(NodeKind.BODY), "sources")  # and who states it
    assert body.split(", ") == [f"b.{n} AS {n}" for n in expected]
    assert queries.fields("r", RelKind.MEMBER_OF, "role") == "r.role AS role"
    with pytest.raises(ValueError, match="no properties"):
        queries.fields("b", NodeKind.BODY, "colour")


def _ordered(kind: NodeKind) -> list[str]:
    return [p.name for p in NODE_PROPS[kind]]
