"""One root error for the whole product, with narrow subclasses."""

from __future__ import annotations


class UnctGraphError(Exception):
    """Root of every error this product raises on purpose."""


class StoreUnavailableError(UnctGraphError):
    """The graph store cannot be reached (server down, file locked)."""


class StoreLockedError(StoreUnavailableError):
    """The embedded store is held by another process (usually a running server)."""


class StoreQueryError(UnctGraphError):
    """The store rejected or failed a query."""


class ConfigurationError(UnctGraphError):
    """A setting names something that cannot work (unknown store URI, ...)."""


class UnknownSourceError(UnctGraphError):
    """No source of that name has been loaded."""


class RefusedError(UnctGraphError):
    """A load or edit that would make the graph untrue; nothing of it was written.

    Each problem starts with its place (`vnm.yaml:40`, `api:rco-editor`), so a
    person can go and fix it.
    """

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))
