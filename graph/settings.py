"""Settings read from the environment (and a .env file), shared by CLI and API."""

from __future__ import annotations

from typing import Literal, Self

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_STORE = "embedded:.unct-graph/graph.lbug"

# Settings that production mode turns off unless they are set explicitly.
_OFF_IN_PRODUCTION = ("graphiql", "introspection", "get_queries", "anonymous_read")


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
    embedded_memory_mb: int = Field(
        default=0,
        ge=0,
        validation_alias="UNCT_GRAPH_EMBEDDED_MEMORY_MB",
        description="the embedded store's buffer pool (cached pages and the working memory "
        "of queries), in MiB; 0 leaves LadybugDB's default, about 80% of the machine's memory",
    )
    anonymous_read: bool = Field(
        default=True,
        validation_alias="UNCT_GRAPH_ANONYMOUS_READ",
        description="whether requests without a key may read (keys are always needed to edit)",
    )
    host: str = Field(default="127.0.0.1", validation_alias="HOST")
    port: int = Field(default=8000, ge=1, le=65535, validation_alias="PORT")

    # --- serving: production mode ---
    env: Literal["development", "production"] = Field(
        default="development",
        validation_alias="UNCT_GRAPH_ENV",
        description="production turns GraphiQL, introspection, GET queries and anonymous "
        "reads off (each can be turned back on) and masks store errors",
    )
    graphiql: bool = Field(default=True, validation_alias="UNCT_GRAPH_GRAPHIQL")
    introspection: bool = Field(default=True, validation_alias="UNCT_GRAPH_INTROSPECTION")
    get_queries: bool = Field(default=True, validation_alias="UNCT_GRAPH_GET_QUERIES")
    cors_origins: str = Field(
        default="",
        validation_alias="UNCT_GRAPH_CORS_ORIGINS",
        description="comma-separated origins allowed to call the API from a browser",
    )

    # --- serving: limits on one request ---
    deadline_seconds: float = Field(default=5.0, gt=0, validation_alias="UNCT_GRAPH_DEADLINE")
    max_body_bytes: int = Field(default=1_000_000, gt=0, validation_alias="UNCT_GRAPH_MAX_BODY")
    max_upload_bytes: int = Field(
        default=50_000_000, gt=0, validation_alias="UNCT_GRAPH_MAX_UPLOAD"
    )
    load_deadline_seconds: float = Field(
        default=300.0, gt=0, validation_alias="UNCT_GRAPH_LOAD_DEADLINE"
    )
    max_in_flight: int = Field(default=64, gt=0, validation_alias="UNCT_GRAPH_MAX_IN_FLIGHT")
    heavy_cost: int = Field(default=5_000, gt=0, validation_alias="UNCT_GRAPH_HEAVY_COST")
    max_heavy: int = Field(default=1, gt=0, validation_alias="UNCT_GRAPH_MAX_HEAVY")
    heavy_wait_seconds: float = Field(default=2.0, ge=0, validation_alias="UNCT_GRAPH_HEAVY_WAIT")
    heavy_share: float = Field(default=0.33, gt=0, le=1, validation_alias="UNCT_GRAPH_HEAVY_SHARE")
    max_cost: int = Field(default=25_000, gt=0, validation_alias="UNCT_GRAPH_MAX_COST")
    max_document_bytes: int = Field(
        default=20_000, gt=0, validation_alias="UNCT_GRAPH_MAX_DOCUMENT"
    )
    max_tokens: int = Field(default=2_000, gt=0, validation_alias="UNCT_GRAPH_MAX_TOKENS")
    max_aliases: int = Field(default=30, ge=0, validation_alias="UNCT_GRAPH_MAX_ALIASES")
    max_depth: int = Field(default=12, gt=0, validation_alias="UNCT_GRAPH_MAX_DEPTH")
    max_directives: int = Field(default=4, ge=0, validation_alias="UNCT_GRAPH_MAX_DIRECTIVES")
    max_page_size: int = Field(default=100, gt=0, validation_alias="UNCT_GRAPH_MAX_PAGE")
    max_list_size: int = Field(default=1_000, gt=0, validation_alias="UNCT_GRAPH_MAX_LIST")
    max_result_items: int = Field(
        default=50_000, gt=0, validation_alias="UNCT_GRAPH_MAX_RESULT_ITEMS"
    )
    header_timeout_seconds: float = Field(
        default=10.0, gt=0, validation_alias="UNCT_GRAPH_HEADER_TIMEOUT"
    )
    keep_alive_seconds: float = Field(default=5.0, gt=0, validation_alias="UNCT_GRAPH_KEEP_ALIVE")
    slow_seconds: float = Field(default=1.0, gt=0, validation_alias="UNCT_GRAPH_SLOW")

    @property
    def production(self) -> bool:
        return self.env == "production"

    @property
    def allowed_origins(self) -> list[str]:
        return [o.strip() for o in self.cors_origins.split(",") if o.strip()]

    @model_validator(mode="after")
    def _production_defaults(self) -> Self:
        # Production turns the conveniences off; a setting given explicitly wins.
        if self.production:
            for name in _OFF_IN_PRODUCTION:
                if name not in self.model_fields_set:
                    setattr(self, name, False)
        return self
