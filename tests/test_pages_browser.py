"""GraphiQL and /explore in a real headless chromium, with the network to
anything but the service refused, over the demo data and the UN INFO samples.

They test the pages, not the engines, so they run on the embedded store only.
Each test writes a screenshot under its temporary directory for people to look
at (and to $UNCT_GRAPH_SCREENSHOTS when set: the README's pictures).
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode
from xml.etree import ElementTree

import pytest
import yaml
from playwright.sync_api import Page, expect

from graph.embedded import EmbeddedStore
from tests.browser import CHROMIUM, Browser, Service, browser, screenshot
from tests.conftest import TEMPLATES

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium (make browser)"),
]

DEMO = Path(__file__).resolve().parent.parent / "loaders" / "data" / "demo"
SDG_COLOURS = {"1": "#E5243B", "4": "#C5192D", "13": "#3F7E44", "17": "#19486A"}


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    path = tmp_path_factory.mktemp("pages") / "graph.lbug"
    shutil.copyfile(TEMPLATES.demo(samples=True), path)
    with Service(EmbeddedStore(path)) as running:
        yield running


@pytest.fixture(scope="module")
def chromium(service: Service, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    yield from browser(service.url, tmp_path_factory.mktemp("profile"))


@pytest.fixture
def page(chromium: Browser) -> Iterator[Page]:
    page = chromium.page()
    yield page
    page.close()
    chromium.assert_clean()


def ask(service: Service, query: str, **variables: Any) -> dict[str, Any]:
    """The API's own answer, for comparing with what the page shows."""
    request = urllib.request.Request(
        f"{service.url}/graphql",
        data=json.dumps({"query": query, "variables": variables}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        body = json.load(response)
    assert "errors" not in body, body
    data: dict[str, Any] = body["data"]
    return data


def explore(page: Page, service: Service, **params: str) -> None:
    page.goto(f"{service.url}/explore?{urlencode(params)}")
    expect(page.locator("#view")).to_have_attribute("data-state", "ready", timeout=30_000)


# --- GraphiQL ---
def test_graphiql_runs_its_default_query(page: Page, service: Service, tmp_path: Path) -> None:
    page.goto(f"{service.url}/graphql")
    editor = page.locator(".graphiql-query-editor")
    expect(editor).to_contain_text('body(id: "VNM-DRR-JRG")', timeout=30_000)
    page.locator(".graphiql-execute-button").click()
    result = page.locator(".result-window")
    expect(result).to_contain_text('"chair"', timeout=30_000)
    expect(result).to_contain_text('"id": "UNICEF"')
    screenshot(page, tmp_path, "graphiql", publish=True)


def test_graphiql_runs_a_query_from_its_link(page: Page, service: Service, tmp_path: Path) -> None:
    query = 'query ($day: Date) { body(id: "KHM-OMT") { chair(asOf: $day) { id } } }'
    variables = json.dumps({"day": "2020-06-30"})
    page.goto(f"{service.url}/graphql?{urlencode({'q': query, 'variables': variables})}")
    expect(page.locator(".graphiql-query-editor")).to_contain_text("KHM-OMT", timeout=30_000)
    page.locator(".graphiql-execute-button").click()
    expected = ask(service, query, day="2020-06-30")["body"]["chair"]["id"]
    expect(page.locator(".result-window")).to_contain_text(f'"id": "{expected}"', timeout=30_000)
    screenshot(page, tmp_path, "graphiql-link")


# --- the org chart ---
@pytest.mark.parametrize("country", ["VNM", "KHM"])
def test_chart_draws_every_body_and_reporting_line(
    page: Page, service: Service, tmp_path: Path, country: str
) -> None:
    explore(page, service, country=country, view="chart")
    data = ask(
        service,
        "query ($c: ID!) { country(iso3: $c) { bodies { id chair { id } reportsTo { id } } } }",
        c=country,
    )
    bodies = data["country"]["bodies"]
    assert bodies
    for body in bodies:
        box = page.locator(f'g.body[data-id="{body["id"]}"]')
        expect(box).to_be_visible()
        if body["chair"]:
            expect(box.locator("text.chair")).to_contain_text(f"Chair: {body['chair']['id']}")
        for target in body["reportsTo"]:
            line = f'path.line[data-from="{body["id"]}"][data-to="{target["id"]}"]'
            expect(page.locator(line)).to_have_count(1)
    drawn = page.locator("path.line").count()
    assert drawn == sum(len(b["reportsTo"]) for b in bodies)
    screenshot(page, tmp_path, f"explore-chart-{country.lower()}")


def _box(page: Page, selector: str) -> dict[str, float]:
    box = page.locator(selector).bounding_box()
    assert box is not None, selector
    return box


def _on_edge(point: dict[str, float], box: dict[str, float], slack: float = 4) -> bool:
    inside_x = box["x"] - slack <= point["x"] <= box["x"] + box["width"] + slack
    inside_y = box["y"] - slack <= point["y"] <= box["y"] + box["height"] + slack
    near_x = min(abs(point["x"] - box["x"]), abs(point["x"] - box["x"] - box["width"])) <= slack
    near_y = min(abs(point["y"] - box["y"]), abs(point["y"] - box["y"] - box["height"])) <= slack
    return inside_x and inside_y and (near_x or near_y)


def test_drr_group_chaired_by_unicef_reports_to_the_steering_committee(
    page: Page, service: Service, tmp_path: Path
) -> None:
    explore(page, service, country="VNM", view="chart")
    drr = page.locator('g.body[data-id="VNM-DRR-JRG"]')
    expect(drr).to_contain_text("RESULTS GROUP")
    expect(drr).to_contain_text("Disaster Risk Reduction")
    expect(drr.locator("text.chair")).to_have_text("Chair: UNICEF")
    expect(drr.locator("text.co-chair")).to_contain_text("Co-chair: Ministry of Agriculture")
    expect(page.locator('g.body[data-id="VNM-JSC"]')).to_contain_text("STEERING COMMITTEE")
    # The line runs from the DRR group's box to the Steering Committee's, up
    # the reporting line (the committee sits left of the group).
    start, end = page.locator('path.line[data-from="VNM-DRR-JRG"][data-to="VNM-JSC"]').evaluate(
        """path => [0, path.getTotalLength()].map(at => {
            const p = path.getPointAtLength(at), m = path.getScreenCTM();
            return {x: p.x * m.a + m.e, y: p.y * m.d + m.f};
        })"""
    )
    group = _box(page, '[data-id="VNM-DRR-JRG"] rect.frame')
    committee = _box(page, '[data-id="VNM-JSC"] rect.frame')
    assert committee["x"] + committee["width"] < group["x"]
    assert _on_edge(start, group) and _on_edge(end, committee), (start, end, group, committee)
    # Members on click.
    drr.click()
    details = page.locator("#details")
    expect(details).to_be_visible()
    expect(details.locator("h2")).to_have_text(
        "Disaster Risk Reduction and Resilience Joint Result Group"
    )
    for role, member in (("chair", "UNICEF"), ("vice-chair", "UNDP"), ("member", "UNV")):
        expect(details.locator("tr", has_text=member).first).to_contain_text(role)
    screenshot(page, tmp_path, "explore-chart", publish=True)


def _chairs(pack: str, body: str) -> list[dict[str, Any]]:
    data = yaml.safe_load((DEMO / pack).read_text(encoding="utf-8"))
    members = next(b for b in data["bodies"] if b["id"] == body)["members"]
    return [m for m in members if m.get("role") == "CHAIR"]


def test_chart_replays_a_chair_rotation(page: Page, service: Service, tmp_path: Path) -> None:
    first, second = sorted(_chairs("khm.yaml", "KHM-OMT"), key=lambda m: str(m["since"]))
    explore(page, service, country="KHM", view="chart", asOf=str(first["since"]))
    omt = page.locator('g.body[data-id="KHM-OMT"] text.chair')
    expect(omt).to_have_text(f"Chair: {first['agency']}")
    expect(page.locator("svg")).to_contain_text(f"on {first['since']}")
    screenshot(page, tmp_path, "explore-chart-before")
    # The date control replays the chart, and the URL follows it.
    page.locator("#as-of").fill(str(second["since"]))
    page.locator("#as-of").dispatch_event("change")
    expect(page.locator("svg")).to_contain_text(f"on {second['since']}", timeout=30_000)
    expect(omt).to_have_text(f"Chair: {second['agency']}")
    assert f"asOf={second['since']}" in page.url
    screenshot(page, tmp_path, "explore-chart-after")
    page.go_back()
    expect(omt).to_have_text(f"Chair: {first['agency']}", timeout=30_000)


# --- the contribution matrix ---
MATRIX = """query ($c: ID!) { outcomes(country: $c) {
  id contributors { via agency { id } budget { available } } } }"""


def _short(amount: float) -> str:
    # As the page writes amounts (api/explore/money.js).
    if amount >= 1e9:
        return f"{amount / 1e9:.1f}B"
    if amount >= 1e6:
        return f"{amount / 1e6:.1f}M"
    if amount >= 1e3:
        return f"{round(amount / 1e3)}k"
    return str(round(amount))


@pytest.mark.parametrize(
    ("country", "outcome"),
    [
        ("VNM", "VNM-OSP-2017/O1"),
        ("KHM", "KHM-UNDAF-2019/O2"),
        ("KHM", "KHM-UNDAF-2019/SP1/O2"),
    ],
)
def test_matrix_cells_of_an_outcome(
    page: Page, service: Service, tmp_path: Path, country: str, outcome: str
) -> None:
    explore(page, service, country=country, view="matrix")
    stated = {o["id"]: o for o in ask(service, MATRIX, c=country)["outcomes"]}[outcome]
    row = page.locator(f'g.outcome[data-outcome="{outcome}"]')
    expect(row).to_be_visible()
    cells = row.locator("g.cell")
    expect(cells).to_have_count(len(stated["contributors"]))
    for contributor in stated["contributors"]:
        cell = row.locator(f'g.cell[data-agency="{contributor["agency"]["id"]}"]')
        expect(cell).to_have_attribute("data-paths", " ".join(contributor["via"]))
        letters = {"DIRECT": "D", "RESULTS_GROUP": "R", "JOINT_PROGRAMME": "J"}
        expect(cell).to_contain_text("".join(letters[v] for v in contributor["via"]))
        available = contributor["budget"]["available"]
        if available is None:
            expect(cell.locator("text.available")).to_have_count(0)
        else:
            expect(cell.locator("text.available")).to_have_text(_short(available))
    name = f"explore-matrix-{country.lower()}"
    screenshot(page, tmp_path, name, publish=outcome == "KHM-UNDAF-2019/O2")


def test_every_view_downloads_as_csv_svg_and_png(
    page: Page, service: Service, tmp_path: Path
) -> None:
    explore(page, service, country="VNM", view="matrix")
    outcomes = ask(service, MATRIX, c="VNM")["outcomes"]
    table = list(csv.reader(io.StringIO(_download(page, "csv").decode("utf-8"))))
    assert table[0][:5] == ["outcome", "code", "title", "framework", "agency"]
    assert len(table) - 1 == sum(len(o["contributors"]) for o in outcomes)
    counts = ask(service, 'query { country(iso3: "VNM") { bodies { id } } }')["country"]
    rows = {"chart": len(counts["bodies"]), "coverage": len(outcomes), "matrix": len(table) - 1}
    for view in ("chart", "coverage", "matrix"):
        page.locator(f'#views a[data-view="{view}"]').click()
        expect(page.locator("#view")).to_have_attribute("data-view", view, timeout=30_000)
        expect(page.locator("#view")).to_have_attribute("data-state", "ready", timeout=30_000)
        svg = ElementTree.fromstring(_download(page, "svg"))
        assert svg.tag == "{http://www.w3.org/2000/svg}svg"
        assert len(list(svg.iter())) > 20  # the picture, not an empty frame
        png = _download(page, "png")
        assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 5_000
        (tmp_path / f"vnm-{view}.png").write_bytes(png)
        table = list(csv.reader(io.StringIO(_download(page, "csv").decode("utf-8"))))
        assert len(table) - 1 == rows[view], view
        assert all(len(row) == len(table[0]) for row in table), view
        if view == "coverage":
            assert table[0][4:21] == [f"goal {n}" for n in range(1, 18)]


def _download(page: Page, format: str) -> bytes:  # noqa: A002
    with page.expect_download() as info:
        page.locator(f'#downloads button[data-format="{format}"]').click()
    path = info.value.path()
    return Path(path).read_bytes()


# --- the SDG coverage map ---
COVERAGE = """query ($c: ID!) { sdgCoverage(country: $c) {
  uncoveredGoals { code } outcomesWithoutSdg { id } } outcomes(country: $c) { id } }"""


@pytest.mark.parametrize("country", ["VNM", "KHM"])
def test_coverage_calls_out_uncovered_goals(
    page: Page, service: Service, tmp_path: Path, country: str
) -> None:
    explore(page, service, country=country, view="coverage")
    data = ask(service, COVERAGE, c=country)
    uncovered = [g["code"] for g in data["sdgCoverage"]["uncoveredGoals"]]
    assert 0 < len(uncovered) < 17
    shown = page.locator('g.goal[data-uncovered="true"]')
    expect(shown).to_have_count(len(uncovered))
    assert [g.get_attribute("data-goal") for g in shown.all()] == uncovered
    callout = page.locator("g.uncovered-goals")
    expect(callout).to_contain_text(f"Goals no outcome serves ({len(uncovered)})")
    for code in uncovered:
        expect(callout).to_contain_text(f"{code} ")
    for code, colour in SDG_COLOURS.items():
        rect = page.locator(f'g.goal[data-goal="{code}"] rect')
        expect(rect).to_have_attribute("fill", colour)
    without = {o["id"] for o in data["sdgCoverage"]["outcomesWithoutSdg"]}
    for outcome in data["outcomes"]:
        row = page.locator(f'g.outcome[data-outcome="{outcome["id"]}"]')
        marked = "true" if outcome["id"] in without else "false"
        expect(row).to_have_attribute("data-no-sdg", marked)
        if outcome["id"] in without:
            expect(row).to_contain_text("no SDG link")
        else:
            assert row.locator("g.cell").count() > 0
    expect(page.locator("g.outcomes-without-sdg")).to_contain_text(
        f"Outcomes with no SDG link ({len(without)})"
    )
    screenshot(page, tmp_path, f"explore-coverage-{country.lower()}", publish=country == "KHM")


# --- finding a country, and links ---
def test_picker_finds_a_country_by_name_or_code(page: Page, service: Service) -> None:
    page.goto(f"{service.url}/explore")  # no country yet: the page asks for one
    expect(page.locator("#view")).to_have_attribute("data-state", "empty", timeout=30_000)
    page.locator("#country").fill("cambo")
    page.locator("#picker button").click()
    expect(page.locator("#view")).to_have_attribute("data-country", "KHM", timeout=30_000)
    assert "country=KHM" in page.url
    page.locator('#views a[data-view="coverage"]').click()
    expect(page.locator("#view")).to_have_attribute("data-view", "coverage", timeout=30_000)
    link = page.url
    assert "view=coverage" in link
    page.goto(link)  # the link alone brings the same view back
    expect(page.locator("#view")).to_have_attribute("data-view", "coverage", timeout=30_000)
    expect(page.locator("#view")).to_have_attribute("data-country", "KHM")
    page.locator("#country").fill("vnm")
    page.locator("#picker button").click()
    expect(page.locator("#view")).to_have_attribute("data-country", "VNM", timeout=30_000)
    page.locator("#country").fill("Atlantis")
    page.locator("#picker button").click()
    expect(page.locator("#status")).to_contain_text("No single country matches")


def test_unknown_country_says_so(page: Page, service: Service) -> None:
    page.goto(f"{service.url}/explore?country=XXX&view=matrix")
    expect(page.locator("#view")).to_have_attribute("data-state", "error", timeout=30_000)
    expect(page.locator("#status")).to_contain_text("XXX")
