# unct-graph — every target installs what it needs, from nothing.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NEO4J_JAR := tools/neo4j-local/target/neo4j-local.jar
PORT ?= 8000

.PHONY: install run test neo4j neo4j-jar lint clean vendor browser screenshots bench

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Loads the reference catalogues, the demo packs and the bundled real UN INFO
# exports into the store (embedded unless UNCT_GRAPH_STORE says otherwise),
# then serves GraphiQL at http://127.0.0.1:$(PORT)/graphql.
run: install
	$(BIN)/unct-graph load --reference --demo --samples
	PORT=$(PORT) $(BIN)/unct-graph serve

# The whole suite, on the embedded store and on a real Neo4j that the tests
# start themselves (tests/neo4j_server.py), unless NEO4J_URI names one.
test: lint neo4j-jar browser
	$(BIN)/python -m pytest

$(NEO4J_JAR): tools/neo4j-local/pom.xml $(shell find tools/neo4j-local/src -type f)
	mvn -B -q -f tools/neo4j-local/pom.xml package -DskipTests

neo4j-jar: $(NEO4J_JAR)

# A real Neo4j 5.26 on bolt://127.0.0.1:$${NEO4J_PORT:-7687} (user neo4j,
# password $${NEO4J_PASSWORD:-unct-graph-dev}), data kept in $(NEO4J_DATA_DIR).
# Runs until stopped (Ctrl-C, SIGTERM), also in the background with no stdin
# (`make neo4j &`, a service manager). Prints `NEO4J READY bolt://HOST:PORT`
# once the password works.
NEO4J_DATA_DIR ?= .neo4j
NEO4J_HEAP ?= 1g
neo4j: $(NEO4J_JAR)
	NEO4J_DATA_DIR="$(NEO4J_DATA_DIR)" exec java -Xmx$(NEO4J_HEAP) -jar $(NEO4J_JAR) --ignore-stdin

# The browser assets the service serves itself (GraphiQL, the explorer's
# graph layout), rebuilt from the npm registry at the versions pinned in
# api/vendor/package-lock.json. The built files are committed, so `make run`
# needs no network beyond what installs Python packages.
VENDORED := api/static/vendor
vendor:
	cd api/vendor && npm ci --ignore-scripts --no-audit --no-fund
	rm -rf $(VENDORED) && mkdir -p $(VENDORED)/licenses
	grep -v '^#' api/vendor/FILES | while read -r from to; do \
		[ -z "$$from" ] || cp "api/vendor/node_modules/$$from" "$(VENDORED)/$$to" || exit 1; \
	done

# The README's pictures (docs/*.png), taken by the browser tests.
screenshots: install browser
	UNCT_GRAPH_SCREENSHOTS=docs $(BIN)/python -m pytest -q -m browser tests/test_pages_browser.py

# Debian's chromium for the browser tests (never a browser download).
browser:
	@test -x /usr/bin/chromium || (apt-get update -q && apt-get install -y -q chromium)

# The benchmark (method: bench/README.md): a generated data set loaded into a
# fresh store of each kind, served and measured with wrk beside the raw
# Cypher ceiling and the no-store floor; writes bench/results.json and prints
# the table. SCALE=small|full, STORE=embedded|neo4j|both, PEER=0 skips the peer,
# QUESTIONS=memberships,body measures only those.
SCALE ?= small
STORE ?= both
QUESTIONS ?=
bench: install
	@command -v wrk >/dev/null || (apt-get update -q && apt-get install -y -q wrk)
	@if [ "$(STORE)" != embedded ]; then $(MAKE) --no-print-directory neo4j-jar; fi
	$(BIN)/python -m bench.run --scale $(SCALE) --store $(STORE) $(if $(QUESTIONS),--questions $(QUESTIONS))

LINTED := graph schema loaders api tests tools bench

lint: install
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/mypy

clean:
	rm -rf $(VENV) .unct-graph tools/neo4j-local/target .pytest_cache .mypy_cache
