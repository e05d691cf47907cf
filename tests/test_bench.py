"""The benchmark's parts that need no long run: reading wrk and /metrics, summing
rounds, the interleaved order, the raw Cypher's dialects, the fact check,
and the results schema that bench/README.md documents."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from bench import cypher, facts, metrics, report, wrk
from bench.questions import NAMES
from bench.runs import Plan, Run, Summary, percentile
from graph.store import Dialect

README = Path(__file__).resolve().parent.parent / "bench" / "README.md"

WRK_OUTPUT = """Running 3s test @ http://127.0.0.1:8000/graphql
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    20.53ms    4.10ms  61.20ms   80.00%
  2400 requests in 3.00s, 35.00MB read
Requests/sec:    800.00
BENCH {"requests": 2400, "duration_us": 3000000, "bytes": 36700160, "p50_us": 19500, \
"p99_us": 41250, "max_us": 61200, "graphql_errors": 3, "non_2xx": 1, "socket_errors": 0}
"""


def test_wrk_output_is_read_from_the_scripts_line() -> None:
    run = wrk.parse(WRK_OUTPUT)
    assert (run.requests, run.seconds, run.req_s) == (2400, 3.0, 800.0)
    assert (run.p50_ms, run.p99_ms) == (19.5, 41.25)
    assert (run.errors, run.non_2xx, run.socket_errors) == (3, 1, 0)


def test_a_run_without_answers_has_no_latency() -> None:
    line = WRK_OUTPUT.replace('"requests": 2400', '"requests": 0')
    assert wrk.parse(line).p50_ms is None


def test_one_client_is_one_thread_and_more_are_two() -> None:
    assert wrk.command("http://x/graphql", 1, 3)[1:3] == ["-t1", "-c1"]
    assert wrk.command("http://x/graphql", 16, 3)[1:3] == ["-t2", "-c16"]


METRICS_BEFORE = """# HELP unct_graph_store_round_trips Store queries per request
unct_graph_store_round_trips_bucket{le="1.0"} 0.0
unct_graph_store_round_trips_sum 40.0
unct_graph_store_round_trips_count 10.0
unct_graph_store_seconds_sum 0.5
unct_graph_store_seconds_count 10.0
unct_graph_requests_total{endpoint="/graphql",status="200"} 10.0
unct_graph_requests_total{endpoint="/health",status="200"} 2.0
"""


def test_round_trips_and_store_time_per_request_come_from_the_histograms() -> None:
    before = metrics.parse(METRICS_BEFORE)
    assert before["unct_graph_requests_total"] == 12.0
    after = dict(before)
    after |= {
        "unct_graph_store_round_trips_sum": 140.0,
        "unct_graph_store_round_trips_count": 30.0,
        "unct_graph_store_seconds_sum": 1.5,
    }
    assert metrics.per_request(before, after) == (5.0, 50.0)
    assert metrics.per_request(before, before) == (None, None)
    assert metrics.per_request(None, after) == (None, None)


def test_rounds_are_summed_up_by_their_median_and_errors_by_their_total() -> None:
    runs = [Run(100, 1.0, 5.0, 9.0, errors=1), Run(300, 1.0, 7.0, 30.0), Run(200, 1.0, 6.0, 10.0)]
    summary = Summary(runs).as_json()
    assert (summary["req_s"], summary["p50_ms"], summary["p99_ms"]) == (200.0, 6.0, 10.0)
    assert (summary["errors"], summary["requests"], len(summary["rounds"])) == (1, 600, 3)
    assert summary["round_trips"] is None


def test_nearest_rank_percentiles() -> None:
    values = [float(v) for v in range(1, 101)]
    assert (percentile(values, 50), percentile(values, 99), percentile(values, 100)) == (
        50.0,
        99.0,
        100.0,
    )
    assert percentile([], 99) == 0.0


def test_rounds_interleave_every_question_and_client_count() -> None:
    order = list(Plan(seconds=1, rounds=2, warmup=1, ceiling_rounds=1).order(["a", "b"]))
    assert order == [("a", 1), ("a", 16), ("b", 1), ("b", 16)] * 2


def test_raw_cypher_has_no_comprehensions_for_ladybug() -> None:
    for statements in cypher.STATEMENTS.values():
        for statement in statements:
            ladybug = statement.text(Dialect.LADYBUG)
            assert not re.search(r"\[\s*\w+\s+IN\b", ladybug), statement.name
            assert "(m:Agency)" not in ladybug
    assert set(cypher.STATEMENTS) == set(NAMES)


def test_the_fact_check_sees_a_missing_contributor() -> None:
    answer = {
        "data": {
            "outcomes": [
                {
                    "id": "O1",
                    "code": "1",
                    "title": "T",
                    "contributors": [{"agency": {"id": "UNDP", "name": "U"}, "via": ["DIRECT"]}],
                    "sdgGoals": [{"code": "3", "title": "G"}],
                }
            ]
        }
    }
    rows = [
        {"outcome": "O1", "part": "OUTCOME", "key": "1", "value": "T"},
        {"outcome": "O1", "part": "DIRECT", "key": "UNDP", "value": "U"},
        {"outcome": "O1", "part": "SDG_GOAL", "key": "3", "value": "G"},
    ]
    assert facts.compare("outcomes", answer, rows)
    assert not facts.compare("outcomes", answer, rows[:2])
    # Neo4j's statement returns an outcome per row, with lists.
    row = {"id": "O1", "code": "1", "title": "T", "direct": [{"id": "UNDP", "name": "U"}]}
    row |= {
        "viaResultsGroup": [],
        "viaJointProgramme": [],
        "sdgGoals": [{"code": "3", "title": "G"}],
    }
    assert facts.compare("outcomes", answer, [row])
    assert not facts.compare("outcomes", answer, [row | {"direct": []}])


def _readme_example() -> dict[str, Any]:
    block = re.search(r"```json\n(.*?)```", README.read_text(), re.S)
    assert block, "bench/README.md documents results.json in a ```json block"
    example: dict[str, Any] = json.loads(block.group(1))
    return example


def test_the_documented_schema_is_what_the_code_writes_and_reads() -> None:
    example = _readme_example()
    assert example["schema"] == report.SCHEMA_VERSION
    run = example["stores"]["embedded"]["graphql"]["outcomes"]["clients"]["16"]
    assert set(run) == set(Summary([Run(1, 1.0, 1.0, 1.0)]).as_json())
    assert set(run["rounds"][0]) == set(Run(1, 1.0, 1.0, 1.0).as_json())
    assert set(report.machine()) <= set(example["machine"])
    # The ratios and the table are made from a document of that shape.
    documented = example["ratios"]["embedded"]["outcomes"]
    assert report.ratios(example)["embedded"]["outcomes"] == documented
    assert "outcomes" in report.table(example)
