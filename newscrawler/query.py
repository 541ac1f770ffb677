"""``newscrawler query``: Athena SQL over the lake, on DuckDB locally or on Athena itself.

Locally the statement is transpiled with sqlglot (Athena -> DuckDB) and the table it names
(``newsdata`` or ``any_db.newsdata``) becomes a DuckDB view over the committed parts.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from dataclasses import dataclass
from decimal import Decimal
from itertools import takewhile
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from sqlglot import exp

DEFAULT_TABLE = "newsdata"
OUTPUT_FORMATS = ("table", "csv", "json")
# A cell of the aligned table shows at most this many terminal columns.
CELL_WIDTH = 60


class QueryError(RuntimeError):
    """The statement is not valid SQL, names an unknown table, or the engine rejected it."""


@dataclass
class QueryResult:
    """Column names and rows of a finished query."""

    columns: list[str]
    rows: list[tuple[Any, ...]]


def to_duckdb(sql: str, table: str = DEFAULT_TABLE) -> str:
    """One Athena statement as DuckDB SQL, with ``table`` renamed to its unqualified name."""
    import sqlglot
    from sqlglot.errors import ErrorLevel, SqlglotError

    try:
        statements = [tree for tree in sqlglot.parse(sql, read="athena") if tree is not None]
    except SqlglotError as error:
        raise QueryError(f"invalid SQL: {_sqlglot_message(error)}") from error
    if len(statements) != 1:
        raise QueryError(f"expected one SQL statement, got {len(statements)}")
    tree = statements[0]
    _point_at_lake(tree, table)
    _name_columns_like_athena(tree)
    try:
        return tree.sql(dialect="duckdb", unsupported_level=ErrorLevel.RAISE)
    except SqlglotError as error:
        raise QueryError(f"cannot run on DuckDB: {_sqlglot_message(error)}") from error


def _sqlglot_message(error: Exception) -> str:
    details = getattr(error, "errors", None)
    if details:
        first = details[0]
        return f"{first['description']} (line {first['line']}, column {first['col']})"
    return " ".join(str(error).split())


def _point_at_lake(tree: exp.Expr, table: str) -> None:
    """Rename references to ``table`` (any database) to the view; reject other tables."""
    from sqlglot import exp

    database, _, name = (part.lower() for part in table.rpartition("."))
    ctes = {cte.alias_or_name.lower() for cte in tree.find_all(exp.CTE)}
    for node in list(tree.find_all(exp.Table)):
        if not isinstance(node.this, exp.Identifier):
            continue  # a table function, e.g. UNNEST
        qualifier = node.db.lower()
        if not qualifier and node.name.lower() in ctes:
            continue
        if node.name.lower() != name or (qualifier and database and qualifier != database):
            raise QueryError(f"table {node.sql('athena')} does not exist: the lake is {table}")
        node.set("catalog", None)
        node.set("db", None)
        node.set("this", exp.to_identifier(name))


def _name_columns_like_athena(tree: exp.Expr) -> None:
    """Name unnamed result columns ``_col0``, ``_col1``... as Athena does."""
    from sqlglot import exp

    select = tree
    while isinstance(select, exp.SetOperation):
        select = select.this
    if not isinstance(select, exp.Select):
        return
    select.set(
        "expressions",
        [
            column
            if isinstance(column, exp.Alias | exp.Column | exp.Star)
            else exp.alias_(column, f"_col{index}")
            for index, column in enumerate(select.expressions)
        ],
    )


def run_local(sql: str, lake: str, table: str = DEFAULT_TABLE) -> QueryResult:
    """Run one Athena statement on DuckDB over the lake at ``lake``.

    QueryError for bad SQL or an unknown table; EmptyLakeError, StorageError and ValueError
    (malformed URI) from the lake.
    """
    import duckdb

    from newscrawler.lake_reader import connect

    statement = to_duckdb(sql, table)
    try:
        with connect(lake, table.rpartition(".")[2].lower()) as connection:
            cursor = connection.execute(statement)
            columns = [item[0] for item in cursor.description or []]
            return QueryResult(columns, cursor.fetchall() if columns else [])
    except duckdb.Error as error:
        raise QueryError(_duckdb_message(error)) from error


def _duckdb_message(error: Exception) -> str:
    # DuckDB appends the statement and a caret on lines of their own: keep the message. An
    # error raised in Python code DuckDB called (the S3 filesystem) comes as a traceback:
    # its last line says what went wrong.
    lines = list(takewhile(lambda line: not line.startswith("LINE "), str(error).splitlines()))
    if lines and lines[0].startswith("Traceback"):
        said = [line for line in lines if line and not line.startswith((" ", "Traceback", "The "))]
        lines = said[-1:]
    return " ".join(line.strip() for line in lines if line.strip())


def run_athena(sql: str, database: str, output: str | None, workgroup: str | None) -> QueryResult:
    """Run one statement on Athena (QueryFailed when it fails or is cancelled)."""
    import boto3

    from athena.runner import run_query

    columns, rows = run_query(
        boto3.client("athena"), sql, database=database, output=output, workgroup=workgroup
    )
    return QueryResult(columns, rows)


def render(result: QueryResult, fmt: str, out: TextIO) -> None:
    """Write the result as an aligned ``table``, ``csv`` or ``json`` (a list of objects)."""
    if fmt == "json":
        rows = [dict(zip(result.columns, row, strict=True)) for row in result.rows]
        json.dump(rows, out, ensure_ascii=False, indent=2, default=_json_value)
        out.write("\n")
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows([_text(value, "") for value in row] for row in result.rows)
    else:
        out.write(aligned_table(result))


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return str(value)


def _text(value: Any, null: str) -> str:
    if value is None:
        return null
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, default=_json_value)
    return str(value)


def aligned_table(result: QueryResult) -> str:
    """The result as a table for people: one line per row, cells cut at ``CELL_WIDTH``."""
    from rich.cells import cell_len

    cells = [[_cell(value) for value in row] for row in result.rows]
    widths = [
        max([cell_len(name), *(cell_len(row[i]) for row in cells)])
        for i, name in enumerate(result.columns)
    ]
    numeric = [_numeric([row[i] for row in result.rows]) for i in range(len(result.columns))]

    def line(values: list[str]) -> str:
        padded = [
            _pad(value, width, right)
            for value, width, right in zip(values, widths, numeric, strict=True)
        ]
        return " " + " | ".join(padded).rstrip() + "\n"

    rule = "-" + "-+-".join("-" * width for width in widths) + "-\n"
    body = "".join(line(row) for row in cells)
    count = len(result.rows)
    return line(list(result.columns)) + rule + body + f"({count} row{'s' * (count != 1)})\n"


def _numeric(values: list[Any]) -> bool:
    """Whether a column holds numbers (and NULLs) only: those are right-aligned."""
    present = [value for value in values if value is not None]
    return bool(present) and all(
        isinstance(value, int | float | Decimal) and not isinstance(value, bool)
        for value in present
    )


def _cell(value: Any) -> str:
    from rich.cells import cell_len, set_cell_size

    text = _text(value, "NULL").replace("\r\n", "\n").replace("\n", "↵").replace("\t", " ")
    if cell_len(text) > CELL_WIDTH:
        text = set_cell_size(text, CELL_WIDTH - 1) + "…"
    return text


def _pad(text: str, width: int, right: bool) -> str:
    from rich.cells import cell_len

    space = " " * (width - cell_len(text))
    return space + text if right else text + space


def _read_sql(text: str) -> str:
    return sys.stdin.read() if text == "-" else text


def cmd_query(args: argparse.Namespace) -> int:
    from newscrawler.cli import fail
    from newscrawler.lake_reader import EmptyLakeError
    from newscrawler.storage import StorageError

    sql = _read_sql(args.sql)
    try:
        if args.engine == "athena":
            if not args.database:
                return fail("query", "--engine athena needs --database", 2)
            result = _run_on_athena(args, sql)
        else:
            result = run_local(sql, args.lake, args.table)
    except (QueryError, EmptyLakeError, StorageError, ValueError) as error:
        return fail("query", str(error), 1)
    render(result, args.format, sys.stdout)
    return 0


def _run_on_athena(args: argparse.Namespace, sql: str) -> QueryResult:
    from botocore.exceptions import BotoCoreError, ClientError

    from athena.runner import QueryFailed

    try:
        return run_athena(sql, args.database, args.output, args.workgroup)
    except QueryFailed as error:
        raise QueryError(str(error)) from error
    except ClientError as error:
        raise QueryError(f"Athena refused the query: {_client_message(error)}") from error
    except BotoCoreError as error:
        raise QueryError(f"cannot reach Athena: {error}") from error


def _client_message(error: Any) -> str:
    detail = error.response.get("Error", {})
    return f"{detail.get('Code', '?')}: {' '.join(str(detail.get('Message', '')).split())}"


def default_lake() -> str:
    """The lake the crawler writes by default (``NEWS_OUTPUT_URI`` or its default)."""
    from newscrawler.defaults import from_environ

    return str(from_environ()["NEWS_OUTPUT_URI"])


def register(subparsers: Any) -> None:
    """Add ``query`` to the ``newscrawler`` command."""
    query = subparsers.add_parser(
        "query",
        help="run Athena SQL on the lake (DuckDB locally, or Athena)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    query.add_argument("sql", help="one statement in Athena's dialect; - reads it from stdin")
    query.add_argument("--engine", choices=("local", "athena"), default="local")
    query.add_argument(
        "--lake",
        default=default_lake(),
        help="lake root: folder, file:///path or s3://bucket/prefix",
    )
    query.add_argument(
        "--table",
        default=DEFAULT_TABLE,
        help="the name the SQL uses for the lake (default newsdata)",
    )
    query.add_argument("--format", choices=OUTPUT_FORMATS, default="table")
    athena = query.add_argument_group("Athena (--engine athena)")
    athena.add_argument("--database", help="the Glue database the table lives in")
    athena.add_argument("--output", help="s3:// folder for Athena's result files")
    athena.add_argument("--workgroup", help="Athena workgroup (default: primary)")
    query.set_defaults(func=cmd_query)
