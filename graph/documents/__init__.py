"""The Delivering as One documents the product rests on, as text.

The demo packs cite them (`seed:NNN "quote"`) and the conformance rules quote
them; tests check that every quotation occurs in its document.
"""

from __future__ import annotations

from pathlib import Path

DIR = Path(__file__).parent

# The documents by the ids the demo packs use (seed:NNN).
DOCUMENTS: dict[str, str] = {
    "000": "Terms of Reference of the Disaster Risk Reduction and Resilience Joint Result "
    "Group, Viet Nam",
    "001": "Standard Operating Procedures for Delivering as One",
    "002": "Within the UN System, Cambodia",
    "003": "UNDG toolkit workstreams",
    "004": "Operations Management Team, generic Terms of Reference",
}


def words(text: str) -> str:
    """Text as a run of words: line breaks and repeated spaces do not count."""
    return " ".join(text.split())


def text(number: str) -> str:
    """Document NNN as a run of words."""
    [path] = DIR.glob(f"{number}_*.txt")
    return words(path.read_text(encoding="utf-8"))
