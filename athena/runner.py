"""Run one statement on Athena: start it, poll until it ends, page through its rows."""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

logger = logging.getLogger(__name__)

FINISHED = ("SUCCEEDED", "FAILED", "CANCELLED")
FIRST_POLL = 0.2
LONGEST_POLL = 5.0
_INTEGERS = ("tinyint", "smallint", "integer", "int", "bigint")
_FLOATS = ("double", "float", "real")


class QueryFailed(RuntimeError):
    """Athena ended the query as FAILED or CANCELLED."""

    def __init__(self, query_id: str, state: str, reason: str) -> None:
        super().__init__(f"query {query_id} {state}: {reason}")
        self.query_id, self.state, self.reason = query_id, state, reason


def start(
    athena: Any, sql: str, *, database: str, output: str | None = None, workgroup: str | None = None
) -> str:
    """Start ``sql`` in ``database``; its QueryExecutionId."""
    params: dict[str, Any] = {"QueryString": sql, "QueryExecutionContext": {"Database": database}}
    if output:
        params["ResultConfiguration"] = {"OutputLocation": output}
    if workgroup:
        params["WorkGroup"] = workgroup
    return athena.start_query_execution(**params)["QueryExecutionId"]


def wait(athena: Any, query_id: str, sleep: Callable[[float], None] = time.sleep) -> dict:
    """Poll ``get_query_execution`` with exponential backoff until the query ends;
    QueryFailed unless it SUCCEEDED. The final QueryExecution."""
    delay = FIRST_POLL
    while True:
        execution = athena.get_query_execution(QueryExecutionId=query_id)["QueryExecution"]
        status = execution["Status"]
        if status["State"] in FINISHED:
            break
        sleep(delay)
        delay = min(delay * 2, LONGEST_POLL)
    if status["State"] != "SUCCEEDED":
        reason = " ".join(status.get("StateChangeReason", "no reason given").split())
        raise QueryFailed(query_id, status["State"], reason)
    return execution


def results(athena: Any, query_id: str, *, header: bool) -> tuple[list[str], list[tuple]]:
    """The column names and rows of a finished query, every page; ``header`` says the
    first row repeats the column names (Athena does that for SELECT)."""
    columns: list[str] = []
    types: list[str] = []
    rows: list[tuple] = []
    pages = athena.get_paginator("get_query_results").paginate(QueryExecutionId=query_id)
    for page in pages:
        result = page["ResultSet"]
        if not columns:
            info = result.get("ResultSetMetadata", {}).get("ColumnInfo", [])
            columns = [column.get("Label") or column["Name"] for column in info]
            types = [column.get("Type", "varchar").lower() for column in info]
        found = result.get("Rows", [])
        if header and not rows and found:
            found = found[1:]
            header = False
        rows.extend(tuple(map(_value, row["Data"], types)) for row in found)
    return columns, rows


def _value(cell: dict, kind: str) -> Any:
    text = cell.get("VarCharValue")
    if text is None:
        return None
    if kind in _INTEGERS:
        return int(text)
    if kind in _FLOATS:
        return float(text)
    if kind == "boolean":
        return text == "true"
    return text


def run_query(
    athena: Any,
    sql: str,
    *,
    database: str,
    output: str | None = None,
    workgroup: str | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> tuple[list[str], list[tuple]]:
    """Run one statement and return ``(columns, rows)``; QueryFailed when it does not
    succeed. Interrupted (Ctrl-C), it stops the query before re-raising."""
    query_id = start(athena, sql, database=database, output=output, workgroup=workgroup)
    logger.info("started Athena query %s", query_id)
    try:
        execution = wait(athena, query_id, sleep)
    except KeyboardInterrupt:
        athena.stop_query_execution(QueryExecutionId=query_id)
        raise
    return results(athena, query_id, header=execution.get("StatementType") == "DML")
