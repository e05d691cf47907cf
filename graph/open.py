"""Choosing the store a setting names."""

from __future__ import annotations

from graph.errors import ConfigurationError
from graph.settings import Settings
from graph.store import GraphStore

NEO4J_SCHEMES = ("bolt://", "bolt+s://", "bolt+ssc://", "neo4j://", "neo4j+s://", "neo4j+ssc://")


def open_store(settings: Settings) -> GraphStore:
    """`embedded:PATH` -> LadybugDB at PATH; a Bolt or Neo4j URI -> Neo4j."""
    target = settings.store
    if target.startswith("embedded:"):
        from graph.embedded import EmbeddedStore

        path = target.removeprefix("embedded:")
        if not path:
            raise ConfigurationError("UNCT_GRAPH_STORE=embedded: needs a path")
        return EmbeddedStore(
            path,
            query_timeout_ms=int(settings.query_timeout_seconds * 1000),
            memory_mb=settings.embedded_memory_mb,
        )
    if target.startswith(NEO4J_SCHEMES):
        from graph.neo4j import Neo4jStore

        return Neo4jStore(
            target,
            user=settings.neo4j_user,
            password=settings.neo4j_password,
            database=settings.neo4j_database,
            query_timeout=settings.query_timeout_seconds,
        )
    raise ConfigurationError(
        f"unknown store {target!r}: use embedded:PATH or a bolt:// or neo4j:// URI"
    )
