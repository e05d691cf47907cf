# The unct-graph API. Build: docker build -t unct-graph .
FROM python:3.11-slim

WORKDIR /app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1

COPY pyproject.toml README.md ./
COPY graph ./graph
COPY schema ./schema
COPY loaders ./loaders
COPY api ./api
RUN pip install .

# UNCT_GRAPH_STORE, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE, HOST, PORT and
# LOAD_DEMO configure the container (see README, "Configuration").
ENV HOST=0.0.0.0 PORT=8000 LOAD_DEMO=1 UNCT_GRAPH_STORE=embedded:/data/graph.lbug
RUN mkdir -p /data && chown nobody /data
EXPOSE 8000
USER nobody
# The same commands as `make run`: load the bundled data, then serve.
CMD ["sh", "-c", "if [ \"$LOAD_DEMO\" = 1 ]; then unct-graph load --reference --demo --samples; fi && exec unct-graph serve --host \"$HOST\" --port \"$PORT\""]
HEALTHCHECK --interval=15s --timeout=5s --retries=5 CMD python -c "import urllib.request,os; urllib.request.urlopen(f'http://127.0.0.1:{os.environ.get(\"PORT\",\"8000\")}/health')"
