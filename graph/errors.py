"""One root error for the whole product, with narrow subclasses."""

from __future__ import annotations


class UnctGraphError(Exception):
    """Root of every error this product raises on purpose."""


class StoreUnavailableError(UnctGraphError):
    """The graph store cannot be reached (server down, file locked)."""


class StoreQueryError(UnctGraphError):
    """The store rejected or failed a query."""


class ConfigurationError(UnctGraphError):
    """A setting names something that cannot work (unknown store URI, ...)."""
