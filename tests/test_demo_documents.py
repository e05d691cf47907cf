"""Every fact the demo labels as coming from a document quotes that document's own words."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from graph import documents

DATA = Path(__file__).resolve().parent.parent / "loaders" / "data"
PACKS = sorted((DATA / "demo").glob("*.yaml"))
SEED = re.compile(r"seed:(\d{3})")
QUOTED = re.compile(r'seed:(\d{3}) "([^"]+)"')


def _labels(node: Any, where: str = "") -> Iterator[tuple[str, str]]:
    """(where, label) for every `source` in a pack."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "source" and isinstance(value, str):
                yield where, value
            else:
                yield from _labels(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _labels(item, f"{where}[{i}]")


@pytest.mark.parametrize("pack", PACKS, ids=[p.name for p in PACKS])
def test_every_document_label_quotes_its_document(pack: Path) -> None:
    labels = list(_labels(yaml.safe_load(pack.read_text(encoding="utf-8"))))
    assert labels
    checked = 0
    for where, label in labels:
        cited = SEED.findall(label)
        quoted = QUOTED.findall(label)
        assert len(quoted) == len(cited), f"{where}: every seed:NNN needs a quote: {label}"
        for number, quote in quoted:
            assert documents.words(quote) in documents.text(number), (
                f"{where}: not in document {number}: {quote}"
            )
            checked += 1
    assert checked >= 10


def test_facts_from_documents_start_with_their_citation() -> None:
    """A label's first word is its basis: a document, data, or illustrative."""
    for pack in PACKS:
        for where, label in _labels(yaml.safe_load(pack.read_text(encoding="utf-8"))):
            assert re.match(r"^(seed:\d{3} \"|illustrative: |uninfo:[A-Z]{3} )", label), (
                f"{pack.name}{where}: {label}"
            )
