"""Athena SQL over the lake, on DuckDB locally or on Athena itself.

Locally the statement is transpiled with sqlglot (Athena -> DuckDB) and the table it names
(``newsdata`` or ``any_db.newsdata``) becomes a DuckDB view over the committed parts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import takewhile
from typing import TYPE_CHECKING, Any

from newscrawler.lake.layout import DEFAULT_TABLE
from newscrawler.query.errors import QueryError, StatementError

if TYPE_CHECKING:
    from sqlglot import exp

# DuckDB's own name for a function it lacks, and its guess at one of its own.
_NO_FUNCTION = re.compile(r"^Catalog Error: (?:\w+ )?Function with name (\S+) does not exist!")


@dataclass
class QueryResult:
    """Column names and rows of a finished query."""

    columns: list[str]
    rows: list[tuple[Any, ...]]


def to_duckdb(sql: str, table: str = DEFAULT_TABLE) -> str:
    """One Athena statement as DuckDB SQL, with ``table`` renamed to its unqualified name.

    StatementError for invalid SQL, another table, or what Athena would refuse (athena_sql).
    """
    import sqlglot
    from sqlglot.errors import ErrorLevel, SqlglotError

    from newscrawler.query import athena_sql
    from newscrawler.query.lake import view_columns

    try:
        tokens = sqlglot.tokenize(sql, read="athena")
    except SqlglotError as error:
        raise StatementError(f"invalid SQL: {_sqlglot_message(error)}") from error
    athena_sql.check_statements(tokens)
    try:
        statements = [tree for tree in sqlglot.parse(sql, read="athena") if tree is not None]
    except SqlglotError as error:
        called = athena_sql.non_athena_call(tokens)
        if called:
            raise StatementError(f"{called} is not an Athena function") from error
        raise StatementError(f"invalid SQL: {_sqlglot_message(error)}") from error
    if len(statements) != 1:
        raise StatementError(f"expected one SQL statement, got {len(statements)}")
    tree = statements[0]
    athena_sql.check_statement_kind(tree, tokens)
    athena_sql.check_functions(tree, sql, table)
    _point_at_lake(tree, table)
    athena_sql.check_types(tree, _view_name(table), view_columns())
    _name_columns_like_athena(tree)
    try:
        return tree.sql(dialect="duckdb", unsupported_level=ErrorLevel.RAISE)
    except SqlglotError as error:
        raise StatementError(f"cannot run on DuckDB: {_sqlglot_message(error)}") from error


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
            raise StatementError(f"table {node.sql('athena')} does not exist: the lake is {table}")
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


def run_local(
    sql: str,
    lake: str,
    table: str = DEFAULT_TABLE,
    *,
    start: str | None = None,
    end: str | None = None,
) -> QueryResult:
    """Run one Athena statement on DuckDB over the lake at ``lake``, whose table holds the
    committed dates from ``start`` to ``end`` (``YYYYMMDD``) when given.

    StatementError (a QueryError) for a statement refused before it runs, QueryError when
    DuckDB fails; EmptyLakeError, StorageError and ValueError (malformed URI) from the lake.
    """
    import duckdb

    from newscrawler.query.lake import connect

    statement = to_duckdb(sql, table)
    try:
        with connect(lake, _view_name(table), start=start, end=end) as connection:
            cursor = connection.execute(statement)
            columns = [item[0] for item in cursor.description or []]
            return QueryResult(columns, cursor.fetchall() if columns else [])
    except duckdb.Error as error:
        raise QueryError(_duckdb_message(error)) from error


def _view_name(table: str) -> str:
    return table.rpartition(".")[2].lower()


def _duckdb_message(error: Exception) -> str:
    # DuckDB appends the statement and a caret on lines of their own: keep the message. An
    # error raised in Python code DuckDB called (the S3 filesystem) comes as a traceback:
    # its last line says what went wrong.
    lines = list(takewhile(lambda line: not line.startswith("LINE "), str(error).splitlines()))
    if lines and lines[0].startswith("Traceback"):
        said = [line for line in lines if line and not line.startswith((" ", "Traceback", "The "))]
        lines = said[-1:]
    message = " ".join(line.strip() for line in lines if line.strip())
    missing = _NO_FUNCTION.match(message)
    if missing:  # a translation sqlglot made that this DuckDB lacks; its guesses do not help
        return f"the local engine does not support {missing.group(1)} yet"
    return message


def run_athena(sql: str, database: str, output: str | None, workgroup: str | None) -> QueryResult:
    """Run one statement on Athena (QueryFailed when it fails or is cancelled)."""
    import boto3

    from athena.runner import run_query

    columns, rows = run_query(
        boto3.client("athena"), sql, database=database, output=output, workgroup=workgroup
    )
    return QueryResult(columns, rows)


def default_lake() -> str:
    """The lake the crawler writes by default (``NEWS_OUTPUT_URI`` or its default)."""
    from newscrawler.defaults import from_environ

    return str(from_environ()["NEWS_OUTPUT_URI"])
