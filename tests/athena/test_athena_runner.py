"""The Athena runner against moto's Athena: polling, paging, failures, the query command."""

from __future__ import annotations

import json
import urllib.request

import boto3
import pytest

from athena.runner import FIRST_POLL, LONGEST_POLL, QueryFailed, run_query
from tests.support.cli import newscrawler

SQL = "SELECT date, count(*) AS articles FROM newsdata GROUP BY date ORDER BY date"
COLUMNS = [("date", "varchar"), ("articles", "bigint")]
ROWS = [["date", "articles"], ["20180101", "181"], ["20180102", "183"]]  # header first


def moto_api(moto_server: str, path: str, body: dict) -> None:
    request = urllib.request.Request(
        f"{moto_server}/moto-api/{path}",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    urllib.request.urlopen(request, timeout=10).close()


def preset_results(moto_server: str, rows: list[list[str | None]], columns=COLUMNS) -> None:
    """Queue the result moto gives the next query (moto runs no SQL)."""
    info = [{"Name": name, "Label": name, "Type": kind} for name, kind in columns]
    data = [{"Data": [{} if v is None else {"VarCharValue": v} for v in row]} for row in rows]
    moto_api(
        moto_server,
        "static/athena/query-results",
        {"results": [{"rows": data, "column_info": info}]},
    )


@pytest.fixture
def athena(aws_env):
    return boto3.client("athena")


@pytest.fixture
def slow_queries(moto_server):
    """Make moto's queries advance one state every ``times`` polls."""

    def set_polls(times: int) -> None:
        transition = {"progression": "manual", "times": times}
        moto_api(
            moto_server,
            "state-manager/set-transition",
            {"model_name": "athena::execution", "transition": transition},
        )

    yield set_polls
    moto_api(moto_server, "state-manager/unset-transition", {"model_name": "athena::execution"})


def fail_queries(events, reason: str) -> None:
    """Make Athena's answers say FAILED with ``reason`` (moto's queries always succeed)."""

    def failed(parsed, **_):
        parsed["QueryExecution"]["Status"].update(State="FAILED", StateChangeReason=reason)

    events.register("after-call.athena.GetQueryExecution", failed)


def test_rows_come_without_the_header_row(moto_server, athena):
    preset_results(moto_server, [*ROWS, ["20180103", None]])
    columns, rows = run_query(athena, SQL, database="news", output="s3://results/athena/")
    assert columns == ["date", "articles"]
    assert rows == [("20180101", 181), ("20180102", 183), ("20180103", None)]


def test_polls_with_growing_delays_until_the_query_ends(athena, slow_queries):
    slow_queries(6)
    waits: list[float] = []
    run_query(athena, SQL, database="news", sleep=waits.append)
    assert len(waits) >= 8
    assert waits[:5] == [FIRST_POLL * 2**n for n in range(5)]
    assert waits[5:] == [LONGEST_POLL] * len(waits[5:])


def test_a_cancelled_query_is_reported(athena, slow_queries):
    slow_queries(1000)

    def cancel_everything(_: float) -> None:
        for query_id in athena.list_query_executions()["QueryExecutionIds"]:
            athena.stop_query_execution(QueryExecutionId=query_id)

    with pytest.raises(QueryFailed) as failure:
        run_query(athena, SQL, database="news", sleep=cancel_everything)
    assert failure.value.state == "CANCELLED"
    assert str(failure.value).endswith("CANCELLED: no reason given")


def test_ctrl_c_stops_the_query(athena, slow_queries):
    slow_queries(1000)

    def interrupt(_: float) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_query(athena, SQL, database="news", sleep=interrupt)
    [query_id, *_] = athena.list_query_executions()["QueryExecutionIds"][::-1]
    state = athena.get_query_execution(QueryExecutionId=query_id)["QueryExecution"]["Status"]
    assert state["State"] == "CANCELLED"


def test_a_failed_query_carries_athenas_reason(athena):
    fail_queries(athena.meta.events, "COLUMN_NOT_FOUND: line 1:8: Column 'x' cannot be resolved")
    with pytest.raises(QueryFailed) as failure:
        run_query(athena, "SELECT x FROM newsdata", database="news")
    assert failure.value.state == "FAILED"
    assert failure.value.reason == "COLUMN_NOT_FOUND: line 1:8: Column 'x' cannot be resolved"


def test_query_command_on_athena(capsys, moto_server, aws_env):
    preset_results(moto_server, ROWS)
    argv = ["query", "--engine", "athena", "--database", "news", "--output", "s3://r/q/"]
    assert newscrawler(*argv, SQL, "--format", "json") == 0
    assert json.loads(capsys.readouterr().out) == [
        {"date": "20180101", "articles": 181},
        {"date": "20180102", "articles": 183},
    ]
    preset_results(moto_server, ROWS)
    assert newscrawler(*argv, SQL) == 0
    assert capsys.readouterr().out == (
        " date     | articles\n"
        "----------+----------\n"
        " 20180101 |      181\n"
        " 20180102 |      183\n"
        "(2 rows)\n"
    )


def test_query_command_reports_a_failure_in_one_line(capsys, aws_env, monkeypatch):
    session = boto3.Session()
    fail_queries(
        session.events, "SYNTAX_ERROR: line 1:1: mismatched input 'SELEC'.\nExpecting: <EOF>"
    )
    monkeypatch.setattr(boto3, "DEFAULT_SESSION", session)
    argv = ["query", "--engine", "athena", "--database", "news", "--output", "s3://r/q/"]
    assert newscrawler(*argv, "SELEC 1") == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert error.startswith("newscrawler query: error: query ")
    assert error.endswith(
        " FAILED: SYNTAX_ERROR: line 1:1: mismatched input 'SELEC'. Expecting: <EOF>\n"
    )


def test_query_command_needs_a_database_for_athena(capsys):
    assert newscrawler("query", "--engine", "athena", "SELECT 1") == 2
    assert capsys.readouterr().err == (
        "newscrawler query: error: --engine athena needs --database\n"
    )
