"""`unct-graph generate`: one seed writes the same bytes; the structure has the shape
it promises; a small set loads cleanly on both stores and answers as its files say."""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

import pycountry
import pytest
import yaml

from api.cli import main
from loaders import load, synthetic
from loaders.countries import resolve_country
from loaders.read import read_table
from loaders.synthetic import bundled
from loaders.uninfo import records
from loaders.uninfo_record import REQUIRED_COLUMNS, Catalogue
from tests.conftest import GraphQL, StoreFactory, graphql_client, load_all

SEED = 7
COUNTRIES = 3
REAL_EXPORT = Path(load.UNINFO_DIR) / "arab-states_education.csv"
DEPUTIES = {"VICE_CHAIR", "CO_CHAIR"}
# Bodies of each kind in a country: the fewest and the most.
KINDS = {
    "STEERING_COMMITTEE": (1, 1),
    "UNCT": (1, 1),
    "PROGRAMME_MANAGEMENT_TEAM": (1, 1),
    "RESULTS_GROUP": (3, 5),
    "THEME_GROUP": (2, 3),
    "OPERATIONS_MANAGEMENT_TEAM": (1, 1),
    "TASK_FORCE": (2, 4),
    "COMMUNICATION_GROUP": (1, 1),
    "MONITORING_EVALUATION_GROUP": (1, 1),
}

Pack = dict[str, Any]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("generated")
    synthetic.generate(COUNTRIES, SEED, out)
    return out


def files(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def packs(out: Path) -> list[Pack]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(out.glob("packs/*"))]


def export_rows(out: Path, iso3: str) -> list[dict[str, str]]:
    with (out / "uninfo" / f"{iso3.lower()}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def day(value: date | None, default: date) -> date:
    return value or default


def holds_on(entry: dict[str, Any], when: date) -> bool:
    return day(entry.get("since"), date.min) <= when <= day(entry.get("until"), date.max)


def period(pack: Pack) -> tuple[date, date]:
    framework = pack["framework"]
    return date(framework["start_year"], 1, 1), date(framework["end_year"], 12, 31)


# --- determinism ---


def test_one_seed_writes_the_same_bytes_and_another_seed_other_ones(
    generated: Path, tmp_path: Path
) -> None:
    synthetic.generate(COUNTRIES, SEED, tmp_path / "again")
    synthetic.generate(COUNTRIES, SEED + 1, tmp_path / "other")
    first = files(generated)
    assert len(first) == 2 * COUNTRIES
    assert files(tmp_path / "again") == first
    other = files(tmp_path / "other")
    assert all(first.get(name) != data for name, data in other.items())


def test_the_command_writes_the_start_of_a_larger_set(
    generated: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["generate", "--countries", "2", "--seed", str(SEED), "--out", str(tmp_path)])
    assert status == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith(f"generated 2 countries in {tmp_path}: 4 files (2 packs, 2 UN INFO")
    assert "sub-outputs" in line and "bodies" in line and "memberships" in line
    smaller, larger = files(tmp_path), files(generated)
    assert len(smaller) == 4
    assert all(larger[name] == data for name, data in smaller.items())


# --- shape ---


def test_countries_are_real_and_each_has_its_agencies(generated: Path) -> None:
    found = packs(generated)
    codes = [p["country"]["iso3"] for p in found]
    assert len(set(codes)) == COUNTRIES
    for pack in found:
        iso3 = pack["country"]["iso3"]
        assert pycountry.countries.get(alpha_3=iso3) is not None
        resolved = resolve_country(pack["country"]["name"])
        assert resolved is not None and resolved.iso3 == iso3
        agencies = [a["id"] for a in pack["agencies"]]
        assert len(agencies) == len(set(agencies)) >= 16
        assert all(bundled.resolve_agency(a) == a for a in agencies)
        assert 8 <= sum(a["resident"] for a in pack["agencies"]) <= 20


def test_bodies_of_each_kind(generated: Path) -> None:
    for pack in packs(generated):
        kinds = Counter(b["kind"] for b in pack["bodies"])
        assert set(kinds) == set(KINDS)
        for kind, (fewest, most) in KINDS.items():
            assert fewest <= kinds[kind] <= most, (pack["country"]["iso3"], kind)
        assert 12 <= len(pack["bodies"]) <= 19


def test_members_are_agencies_present_and_seats_end_after_they_start(generated: Path) -> None:
    for pack in packs(generated):
        present = {a["id"] for a in pack["agencies"]}
        partners = {p["id"] for p in pack["partners"]}
        for body in pack["bodies"]:
            agencies = {m["agency"] for m in body["members"] if "agency" in m}
            assert 8 <= len(agencies) <= 20, body["id"]
            assert agencies <= present
            assert {m["partner"] for m in body["members"] if "partner" in m} <= partners
            for member in body["members"] + body.get("reports_to", []):
                assert day(member.get("until"), date.max) >= member["since"]


def test_chairs_rotate_and_never_overlap(generated: Path) -> None:
    for pack in packs(generated):
        for body in pack["bodies"]:
            chairs = sorted(
                (m for m in body["members"] if m.get("role") == "CHAIR"), key=lambda m: m["since"]
            )
            if body["kind"] == "UNCT":  # led by the Resident Coordinator, not an agency
                assert chairs == []
                continue
            assert chairs, body["id"]
            for before, after in pairwise(chairs):
                # Handed over the next day: never two chairs, never none.
                assert before["until"] + timedelta(days=1) == after["since"], body["id"]
                assert before["agency"] != after["agency"]
            assert "until" not in chairs[-1]
            for chair in chairs:
                deputies = [
                    m
                    for m in body["members"]
                    if m.get("role") in DEPUTIES and holds_on(m, chair["since"])
                ]
                assert all(d["agency"] != chair.get("agency") for d in deputies)


def chain_up(bodies: dict[str, Pack], body_id: str, top: str, when: date) -> list[str]:
    """The bodies from `body_id` up its reporting lines on `when`, to `top`."""
    chain = [body_id]
    while chain[-1] != top:
        lines = [
            line["body"] for line in bodies[chain[-1]].get("reports_to", []) if holds_on(line, when)
        ]
        assert len(lines) == 1, (chain, when)
        assert lines[0] in bodies and lines[0] not in chain, (chain, when)
        chain.append(lines[0])
    return chain


def test_every_body_reports_up_to_the_steering_committee(generated: Path) -> None:
    for pack in packs(generated):
        bodies = {b["id"]: b for b in pack["bodies"]}
        [top] = [b["id"] for b in pack["bodies"] if b["kind"] == "STEERING_COMMITTEE"]
        start, end = period(pack)
        for when in (start, start.replace(year=start.year + 2), end):
            for body_id, body in bodies.items():
                if body_id == top or min(r["since"] for r in body["reports_to"]) > when:
                    continue  # the top, or a task force not set up yet
                assert len(chain_up(bodies, body_id, top, when)) <= 4


def test_outcomes_are_covered_and_programmes_convened(generated: Path) -> None:
    targets = {t.code for goal in bundled.sdg_targets().values() for t in goal}
    for pack in packs(generated):
        outcomes = {o["id"] for o in pack["outcomes"]}
        assert 4 <= len(outcomes) <= 6
        covered = [o for b in pack["bodies"] if b["kind"] == "RESULTS_GROUP" for o in b["outcomes"]]
        assert sorted(covered) == sorted(outcomes)  # each outcome by exactly one group
        assert {t for o in pack["outcomes"] for t in o["sdg_targets"]} <= targets
        for programme in pack["joint_programmes"]:
            roles = Counter(a.get("role", "PARTICIPATING") for a in programme["agencies"])
            assert roles["CONVENING"] == 1 and 2 <= sum(roles.values()) <= 5
            assert set(programme["outcomes"]) <= outcomes
            assert set(programme["sdg_targets"]) <= targets
        [post] = pack["posts"]
        assert post["leads"][0]["body"] == f"{pack['country']['iso3']}-UNCT"


def test_exports_are_un_info_shaped_and_read_by_the_loader(generated: Path) -> None:
    with REAL_EXPORT.open(encoding="utf-8-sig", newline="") as f:
        real = next(csv.reader(f))
    fixed = real[: real.index("Total expenditure resources") + 1]
    targets = {t.code for goal in bundled.sdg_targets().values() for t in goal}
    catalogue = Catalogue(targets, set(bundled.GOAL_NAMES))
    for pack in packs(generated):
        iso3 = pack["country"]["iso3"]
        path = generated / "uninfo" / f"{iso3.lower()}.csv"
        with path.open(encoding="utf-8", newline="") as f:
            header = next(csv.reader(f))
        start, end = period(pack)
        years = [f"{y} {k}" for y in range(start.year, end.year + 1) for k in export_figures()]
        assert header == fixed + years
        found = records(read_table(path, REQUIRED_COLUMNS, "a UN INFO export"), catalogue)
        assert 140 <= len(found) <= 180
        assert {r.plan for r in found} == {pack["framework"]["uninfo_plan"]}
        assert {r.country.iso3 for r in found} == {iso3}
        assert len({r.uninfo_id for r in found}) == len(found)
        assert all(1 <= len(r.agencies) <= 4 for r in found)
        assert all(r.money.required == sum(r.yearly.required) for r in found)
        assert all(r.money.available == sum(r.yearly.available) for r in found)
        outputs = Counter((r.priority.code, r.outcome.code, r.output.code) for r in found)
        per_outcome = Counter(outcome[:2] for outcome in outputs)
        assert all(3 <= n <= 6 for n in per_outcome.values())
        # The pack's outcomes are the export's: same ids, codes and titles.
        framework = pack["framework"]["id"]
        from_export = {
            f"{framework}/SP{r.priority.code}/O{r.outcome.code}": (r.outcome.code, r.outcome.title)
            for r in found
        }
        assert from_export == {o["id"]: (o["code"], o["title"]) for o in pack["outcomes"]}


def export_figures() -> tuple[str, ...]:
    return ("Required", "Available", "Expenditure", "Narrative")


# --- loading, on both stores ---

QUERY = """
query ($iso3: ID!, $tf: ID!, $body: ID!, $d1: Date!, $d2: Date!, $d3: Date!, $mid: Date!) {
  country(iso3: $iso3) {
    frameworks { id outcomes { id outputs { subOutputs { id } } } }
  }
  reportingLine(from: $tf) { id }
  body(id: $body) { one: chair(asOf: $d1) { id } two: chair(asOf: $d2) { id }
    three: chair(asOf: $d3) { id } }
  conformance(country: $iso3, asOf: $mid) { rule severity }
}"""


def test_a_generated_set_loads_and_answers_as_its_files_say(
    generated: Path, stores: StoreFactory
) -> None:
    store = stores.new()
    paths = sorted(generated.glob("packs/*.yaml")) + sorted(generated.glob("uninfo/*.csv"))
    load_all(store, paths)  # raises on any load error or broken invariant
    for api in graphql_client(store):
        for pack in packs(generated):
            check_country(api, generated, pack)


def check_country(api: GraphQL, generated: Path, pack: Pack) -> None:
    iso3 = pack["country"]["iso3"]
    bodies = {b["id"]: b for b in pack["bodies"]}
    task_force = next(b for b in pack["bodies"] if b["kind"] == "TASK_FORCE")
    omt = bodies[f"{iso3}-OMT"]
    chairs = sorted(
        (m for m in omt["members"] if m.get("role") == "CHAIR"), key=lambda m: m["since"]
    )
    assert len(chairs) == 3  # two-year terms over a five-year framework
    days = [c["since"] for c in chairs]
    start, _ = period(pack)
    data = api(
        QUERY,
        iso3=iso3,
        tf=task_force["id"],
        body=omt["id"],
        d1=days[0].isoformat(),
        d2=days[1].isoformat(),
        d3=days[2].isoformat(),
        mid=start.replace(year=start.year + 2).isoformat(),
    )
    # One framework: the export's outcomes joined the pack's, none doubled.
    [framework] = data["country"]["frameworks"]
    assert framework["id"] == pack["framework"]["id"]
    assert {o["id"] for o in framework["outcomes"]} == {o["id"] for o in pack["outcomes"]}
    sub_outputs = {
        s["id"] for o in framework["outcomes"] for op in o["outputs"] for s in op["subOutputs"]
    }
    assert sub_outputs == {f"UNINFO-{r['ID']}" for r in export_rows(generated, iso3)}
    assert [b["id"] for b in data["reportingLine"]] == [
        task_force["id"],
        f"{iso3}-OMT",
        f"{iso3}-UNCT",
        f"{iso3}-JSC",
    ]
    answered = [data["body"][n]["id"] for n in ("one", "two", "three")]
    assert answered == [c["agency"] for c in chairs]
    errors = [f["rule"] for f in data["conformance"] if f["severity"] == "ERROR"]
    assert errors == [], (iso3, errors)
