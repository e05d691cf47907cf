"""What can be checked of the Docker deployment without a Docker engine."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from graph.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
# Variables the container reads itself rather than through Settings.
CONTAINER_ONLY = {"LOAD_DEMO"}


def _compose() -> dict[str, object]:
    data = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    assert isinstance(data, dict)
    return data


def _setting_names() -> set[str]:
    return {str(field.validation_alias) for field in Settings.model_fields.values()}


def test_compose_runs_neo4j_526_with_a_healthcheck_and_a_volume() -> None:
    services = _compose()["services"]
    assert isinstance(services, dict)
    neo4j = services["neo4j"]
    assert neo4j["image"] == "neo4j:5.26"
    assert "healthcheck" in neo4j
    assert any(str(v).startswith("neo4j-data:") for v in neo4j["volumes"])
    assert "neo4j-data" in _compose()["volumes"]  # type: ignore[operator]


def test_api_waits_for_a_healthy_neo4j_and_reads_only_known_settings() -> None:
    services = _compose()["services"]
    assert isinstance(services, dict)
    api = services["api"]
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    names = set(api["environment"])
    assert names - CONTAINER_ONLY <= _setting_names()
    assert api["environment"]["UNCT_GRAPH_STORE"].startswith("bolt://neo4j:")


def test_dockerfile_uses_the_commands_make_run_uses() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    makefile = (ROOT / "Makefile").read_text()
    run_recipe = re.search(r"^run:.*\n((?:\t.*\n)+)", makefile, re.M)
    assert run_recipe
    assert "unct-graph load --reference --demo --samples" in run_recipe.group(1)
    assert "unct-graph load --reference --demo --samples" in dockerfile
    assert "unct-graph serve" in run_recipe.group(1) and "unct-graph serve" in dockerfile
    for name in re.findall(r"\b(UNCT_GRAPH_STORE|NEO4J_[A-Z]+|HOST|PORT)\b", dockerfile):
        assert name in _setting_names()


def _services() -> dict[str, dict[str, object]]:
    services = _compose()["services"]
    assert isinstance(services, dict)
    return services


def test_compose_publishes_neo4j_on_loopback_only() -> None:
    for port in _services()["neo4j"].get("ports", []):  # type: ignore[attr-defined]
        published = str(port)
        assert published.startswith("127.0.0.1:"), f"{published} listens on every interface"


def test_compose_refuses_to_start_without_a_password() -> None:
    text = (ROOT / "docker-compose.yml").read_text()
    uses = re.findall(r"\$\{NEO4J_PASSWORD([^}]*)\}", text)
    assert uses, "the password comes from the environment"
    # `${VAR:?message}` stops `docker compose` when VAR is unset or empty; a
    # default (`${VAR:-...}`) would start a database anyone can guess into.
    assert all(use.startswith(":?") for use in uses), uses
    assert "unct-graph-dev" not in text


def test_compose_runs_the_api_in_production_mode() -> None:
    environment = _services()["api"]["environment"]
    assert isinstance(environment, dict)
    assert environment["UNCT_GRAPH_ENV"] == "production"
    settings = Settings(UNCT_GRAPH_ENV="production")
    assert not (settings.graphiql or settings.introspection or settings.get_queries)
    assert not settings.anonymous_read
