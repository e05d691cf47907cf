"""Settings read from the environment (and a .env file), shared by CLI and API."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_STORE = "embedded:.unct-graph/graph.lbug"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    store: str = Field(
        default=DEFAULT_STORE,
        validation_alias="UNCT_GRAPH_STORE",
        description="embedded:PATH, or a bolt://, bolt+s://, neo4j:// or neo4j+s:// URI",
    )
    neo4j_user: str = Field(default="neo4j", validation_alias="NEO4J_USER")
    neo4j_password: str = Field(default="unct-graph-dev", validation_alias="NEO4J_PASSWORD")
    neo4j_database: str | None = Field(default=None, validation_alias="NEO4J_DATABASE")
    query_timeout_seconds: float = Field(
        default=30.0, gt=0, validation_alias="UNCT_GRAPH_QUERY_TIMEOUT"
    )
    anonymous_read: bool = Field(
        default=True,
        validation_alias="UNCT_GRAPH_ANONYMOUS_READ",
        description="whether requests without a key may read (keys are always needed to edit)",
    )
    host: str = Field(default="127.0.0.1", validation_alias="HOST")
    port: int = Field(default=8000, ge=1, le=65535, validation_alias="PORT")
