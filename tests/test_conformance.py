"""Each conformance rule: a pack that breaks exactly it, and one that passes it, on both stores."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from api.cli import main
from graph import conformance, documents
from graph.conformance import DOCUMENTS, Report, Severity
from graph.repository import Graph
from graph.store import GraphStore, Query, Statement
from tests import conformance_packs as packs
from tests.conftest import STORES, StoreFactory, load_all, run

RULES = {rule.id: rule for rule in conformance.rules()}
CLOSE_CIRCLE = Query(
    "close_circle",
    "MATCH (a:Body {id: $a}) MATCH (b:Body {id: $b}) CREATE (a)-[:REPORTS_TO {key: 'raw'}]->(b)",
)


@pytest.fixture(scope="module", params=STORES)
def scenarios(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[GraphStore, dict[str, Report]]]:
    """Every scenario loaded into one store; each country's report as of packs.AS_OF."""
    folder = tmp_path_factory.mktemp(f"conformance-{request.param}")
    store = StoreFactory(request.param, folder, request).new()
    load_all(store, packs.scenario_files(folder))

    async def judge() -> dict[str, Report]:
        try:
            await store.setup()
            circle = packs.BREAKS["reporting.cycle"][0]
            await store.write(
                [Statement(CLOSE_CIRCLE, {"a": f"{circle}-WGA", "b": f"{circle}-WGB"})]
            )
            countries = [packs.PASSES, *(iso3 for iso3, _ in packs.BREAKS.values())]
            countries.append(packs.BUDGET_PASSES)
            return await conformance.check(
                Graph(store), countries, conformance.Options(as_of=packs.AS_OF)
            )
        finally:
            await store.close()

    yield store, run(judge())


def test_every_rule_has_a_breaking_pack() -> None:
    assert set(packs.BREAKS) == set(RULES)


@pytest.mark.parametrize("rule", sorted(packs.BREAKS))
def test_pack_breaks_exactly_its_rule(
    scenarios: tuple[GraphStore, dict[str, Report]], rule: str
) -> None:
    report = scenarios[1][packs.BREAKS[rule][0]]
    assert {f.rule for f in report.findings} == {rule}, [f.message for f in report.findings]
    finding = report.findings[0]
    assert finding.severity is RULES[rule].severity
    assert finding.subjects and finding.message and finding.source == RULES[rule].source
    if RULES[rule].severity is Severity.INFO:
        assert report.failed == []
    else:
        assert report.failed == [rule]
        assert report.score == pytest.approx(1 - 1 / len(report.checked))


@pytest.mark.parametrize("rule", sorted(packs.BREAKS))
def test_pack_passes_rule(scenarios: tuple[GraphStore, dict[str, Report]], rule: str) -> None:
    country = packs.BUDGET_PASSES if rule == "budget.funding-gap" else packs.PASSES
    report = scenarios[1][country]
    assert not [f for f in report.findings if f.rule == rule]
    if RULES[rule].severity is not Severity.INFO:
        assert rule in report.passed


def test_passing_pack_has_no_findings(scenarios: tuple[GraphStore, dict[str, Report]]) -> None:
    for country in (packs.PASSES, packs.BUDGET_PASSES):
        report = scenarios[1][country]
        assert report.findings == [] and report.score == 1.0
    # Without budgets the funding-gap rule does not apply.
    assert "budget.funding-gap" not in scenarios[1][packs.PASSES].checked
    assert "budget.funding-gap" in scenarios[1][packs.BUDGET_PASSES].checked


def test_subjects_name_the_culprits(scenarios: tuple[GraphStore, dict[str, Report]]) -> None:
    reports = scenarios[1]

    def subjects(rule: str) -> list[tuple[str, ...]]:
        return [f.subjects for f in reports[packs.BREAKS[rule][0]].findings]

    assert subjects("reporting.cycle") == [("QBD-WGA", "QBD-WGB")]
    assert subjects("reporting.reaches-top") == [("QBC-UNCG", "QBC-RCO")]
    assert subjects("chair.one") == [("QBE-RG1",)]
    assert subjects("chair.lapsed") == [("QBG-TG", "UNICEF")]
    assert subjects("member.present") == [("FAO", "QBH-OMT-TF", "QBH-RG1", "QBH-TG", "QBH-UNCT")]
    assert subjects("agency.results-group") == [("WFP",)]
    assert subjects("budget.funding-gap") == [("NPL/nepal-cooperation-framework-2020-2030/SP1/O1",)]


def test_as_of_changes_the_answer(scenarios: tuple[GraphStore, dict[str, Report]]) -> None:
    """The lapsed chair term ends 2022-12-31: before that, nothing has lapsed."""
    store = scenarios[0]

    async def go() -> Report:
        try:
            await store.setup()
            options = conformance.Options(as_of=packs.AS_OF.replace(year=2022))
            return (await conformance.check(Graph(store), ["QBG"], options))["QBG"]
        finally:
            await store.close()

    assert run(go()).findings == []


def test_unknown_country(scenarios: tuple[GraphStore, dict[str, Report]]) -> None:
    store = scenarios[0]

    async def go() -> None:
        try:
            await store.setup()
            await conformance.check(Graph(store), ["XXX"], conformance.Options(packs.AS_OF))
        finally:
            await store.close()

    with pytest.raises(conformance.UnknownCountryError, match="unknown country XXX"):
        run(go())


@pytest.mark.parametrize("rule", sorted(RULES))
def test_rule_quotes_its_document(rule: str) -> None:
    source = RULES[rule].source
    assert source.document in DOCUMENTS
    assert documents.words(source.passage) in documents.text(source.document)


def test_documents_are_the_seed_texts() -> None:
    """The bundled documents are the source documents, unchanged (when they are at hand)."""
    seeds = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("the shared source documents are not beside this checkout")
    for seed in seeds.glob("*.txt"):
        assert (documents.DIR / seed.name).read_bytes() == seed.read_bytes()


def test_cli_json_and_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "graph.lbug"
    files = [packs.write_pack(packs.base("QAA"), tmp_path)]
    breaking = packs.base("QBB")
    packs.silent_group(breaking)
    files.append(packs.write_pack(breaking, tmp_path))
    assert main(["load", "-q", "--store", f"embedded:{store}", *map(str, files)]) == 0
    capsys.readouterr()
    args = ["conformance", "--store", f"embedded:{store}", "--as-of", "2024-06-30"]
    assert main([*args, "qbb", "--format", "json"]) == 0
    findings = json.loads(capsys.readouterr().out)
    assert [(f["rule"], f["severity"], f["subjects"]) for f in findings] == [
        ("reporting.missing", "ERROR", ["QBB-UNCG"])
    ]
    assert set(findings[0]) >= {"rule", "severity", "subjects", "message"}
    assert main([*args, "QBB"]) == 0
    text = capsys.readouterr().out.splitlines()
    assert text[0].startswith("QBB as of 2024-06-30: 15 of 16 rules passed")
    assert text[1].startswith("ERROR   reporting.missing: QBB-UNCG")
    assert main([*args, "XXX"]) == 2
    assert "unknown country XXX" in capsys.readouterr().err
