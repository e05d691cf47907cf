"""What a load decided, made visible: mappings, creations, what it could not resolve."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class LoadReport:
    file: str
    kind: str
    rows: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    mapped: dict[str, str] = field(default_factory=dict)
    created: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)
    written: bool = False
    # How the file was read: encoding, delimiter, sheet, header line, blank rows.
    read: str = ""

    def map(self, what: str, original: str, resolved: str) -> None:
        if original != resolved:
            self.mapped[f"{what} {original!r}"] = resolved

    def lines(self) -> list[str]:
        verb = "loaded" if self.written else "checked"
        summary = ", ".join(f"{n} {what}" for what, n in sorted(self.counts.items()))
        out = [f"{self.file}: {verb} {self.kind}, {self.rows} rows ({summary})"]
        if self.read:
            out.append(f"  read: {self.read}")
        out += [f"  mapped {k} -> {v}" for k, v in sorted(self.mapped.items())]
        out += [f"  created {c}" for c in sorted(self.created)]
        out += [f"  note: {n}" for n in self.notes]
        return out
