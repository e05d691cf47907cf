"""The pages the service serves to browsers: GraphiQL and the explorer.

Every asset they load comes from the service itself (api/static, with the
vendored GraphiQL and Cytoscape.js builds, and api/explore), never from a
CDN: UN office networks are often cut off from the internet. A Content
Security Policy tells the browser to refuse anything else. The pages get
their data only through POST /graphql, like any other client.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
EXPLORE = HERE / "explore"

# Scripts only from this service; inline styles are what React renders, and
# GraphiQL's fonts and the explorer's exported images are data:/blob: URLs.
POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'self'"
)

# What GraphiQL opens with: who chairs the Viet Nam DRR results group, who
# sits in it, and its reporting line up to the Joint Steering Committee.
DEFAULT_QUERY = """\
# unct-graph: UN country coordination as a graph.
# Run with the run button or Ctrl-Enter; the Docs
# and Explorer panels list every field, and
# /explore draws the same data as charts.
#
# Viet Nam's Disaster Risk Reduction results group:
# its chair, members and reporting line up to the
# Joint National/UN Steering Committee.
{
  body(id: "VNM-DRR-JRG") {
    name
    kind
    chair { id name }
    members {
      role since until
      agency { id name }
      partner { name }
    }
    outcomes {
      code title
      contributors { agency { id } via }
    }
  }
  reportingLine(from: "VNM-DRR-JRG") { id name kind }
}
"""


def _page(html: str) -> HTMLResponse:
    return HTMLResponse(html, headers={"Content-Security-Policy": POLICY})


@cache
def _graphiql_html() -> str:
    # JSON inside <script>: escape "<" so no text can close the element.
    query = json.dumps(DEFAULT_QUERY).replace("<", "\\u003c")
    page = (STATIC / "graphiql.html").read_text(encoding="utf-8")
    return page.replace("__DEFAULT_QUERY__", query)


def graphiql_page() -> HTMLResponse:
    """GraphiQL (with the query explorer plugin), as GET /graphql shows it in a browser."""
    return _page(_graphiql_html())


@cache
def _explore_html() -> str:
    return (EXPLORE / "index.html").read_text(encoding="utf-8")


async def explore_page(request: Request) -> HTMLResponse:
    """The explorer: org chart, contribution matrix and SDG coverage of a country.

    The page reads `country`, `view` and `asOf` from its own URL in the browser.
    """
    return _page(_explore_html())


def routes() -> list[BaseRoute]:
    """The explorer page and the static assets of both pages."""
    return [
        Route("/explore", explore_page, methods=["GET"]),
        Mount("/explore", StaticFiles(directory=EXPLORE), name="explore"),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
