"""The bench's figures and writers: percentiles, the database guard, wrk's output, JSON and markdown."""

import json

import pytest

from bench import database, http, report


def test_percentile_is_nearest_rank():
    values = [float(n) for n in range(1, 101)]
    assert report.percentile(values, 50) == 50.0
    assert report.percentile(values, 95) == 95.0
    assert report.percentile([7.0], 95) == 7.0
    with pytest.raises(ValueError):
        report.percentile([], 50)


@pytest.mark.parametrize("url", ["", "sqlite:///db.sqlite3", "mysql://u@h/db"])
def test_the_bench_refuses_anything_but_postgresql(url):
    with pytest.raises(database.NotPostgres, match="PostgreSQL"):
        database.bench_url(url)


def test_the_bench_database_is_never_the_configured_one():
    assert database.bench_url("postgres://u:p@h:5432/dialoog") == "postgres://u:p@h:5432/dialoog_bench"
    assert database.bench_url("postgres://u@h/dialoog_bench").endswith("/dialoog_bench_run")


def test_wrk_output_is_parsed_with_errors_and_non_2xx():
    output = """Running 10s test @ http://127.0.0.1:8000/wethouder/
  2 threads and 8 connections
  4000 requests in 10.00s, 60.00MB read
  Non-2xx or 3xx responses: 3
Requests/sec:    400.25
Transfer/sec:      6.00MB
P95_US 41250
ERRORS 2
"""
    assert http.parse_wrk(output) == (400.25, 41.25, 5)


def sample_run() -> report.Run:
    run = report.Run(machine={"cpu": "Test CPU", "cores": 2, "memory_gb": 4.0, "python": "3.11"})
    run.data["postgresql"] = 15
    run.data["note"] = "Other test suites ran meanwhile."
    run.pages = [
        report.PageRow(
            "Alderman dashboard",
            "dashboards:alderman",
            report.PageFigures(14, 40.0, 50.0, 200),
            report.PageFigures(14, 42.0, 120.0, 200),
        ),
        report.PageRow(
            "Answers page",
            "procurement:answers",
            report.PageFigures(9, 20.0, 30.0, 200),
            report.PageFigures(11, 21.0, 31.0, 200),
        ),
    ]
    run.http = [
        report.HttpRow("Trivial Django view", "/bench/trivial/", 500.0, 20.0, 0),
        report.HttpRow("Alderman dashboard", "/wethouder/", 50.0, 200.0, 0, share_of_trivial=0.1),
    ]
    run.measures = [
        report.Measure("Deadline sweep", 1.25, "s", "< 5 s", True),
        report.Measure("Contract PDF", None, "", note="not built yet: issue 7 (contracts)"),
    ]
    return run


def test_the_table_says_which_targets_are_met_and_what_is_not_built(tmp_path):
    json_path, md_path = report.write(sample_run(), tmp_path)
    data = json.loads(json_path.read_text())
    alderman, answers = data["pages"]
    assert alderman["scale10"]["queries"] == 14 and alderman["queries_stable"] is True
    assert alderman["p95_met"] is False and answers["queries_stable"] is False
    assert data["machine"]["cpu"] == "Test CPU" and data["measures"][1]["value"] is None
    table = md_path.read_text()
    assert "Test CPU (2 cores, 4.0 GB)" in table and "run took 0 s. Other test suites ran meanwhile." in table
    assert "| Alderman dashboard | 14 | 14 | 40.0 | 50.0 | 42.0 | 120.0 | 2.40 | met | **missed** |" in table
    assert "| Alderman dashboard (`/wethouder/`) | 50 | 200.0 | 0 | 10% | **missed** |" in table
    assert "| Deadline sweep | 1.25 s | < 5 s | met |" in table
    assert "not built yet: issue 7 (contracts)" in table
