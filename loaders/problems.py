"""How a loader tells the user what is wrong with a file, and where."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from graph.errors import UnctGraphError


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class LoadError(UnctGraphError):
    """A file cannot be loaded; nothing of it was written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class ProblemList:
    """Collects every problem of a file, so the user sees them all at once."""

    def __init__(self, path: Path | str) -> None:
        self.file = str(path)
        self.items: list[Problem] = []

    def add(self, line: int, message: str) -> None:
        # One problem, one line of output, whatever the file put in a name.
        self.items.append(Problem(self.file, line, " ".join(message.splitlines())))

    def fail(self, line: int, message: str) -> NoReturn:
        """Add a problem that ends the reading of the file, and raise them all."""
        self.add(line, message)
        raise LoadError(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise LoadError(self.items)
