"""``newscrawler query``: Athena SQL over the lake, on DuckDB locally or on Athena itself.

Locally the statement is transpiled with sqlglot (Athena -> DuckDB) and the table it names
(``newsdata`` or ``any_db.newsdata``) becomes a DuckDB view over the committed parts.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from newscrawler.cli.errors import CommandError, require_extra
from newscrawler.query.engine import DEFAULT_TABLE, QueryError, QueryResult, default_lake
from newscrawler.query.render import OUTPUT_FORMATS, render


def _read_sql(text: str) -> str:
    return sys.stdin.read() if text == "-" else text


def run(args: argparse.Namespace) -> int:
    require_extra("query", "duckdb", "sqlglot")
    from newscrawler.lake.storage import StorageError
    from newscrawler.query.engine import run_local
    from newscrawler.query.lake import EmptyLakeError

    sql = _read_sql(args.sql)
    if args.engine == "athena" and not args.database:
        raise CommandError("--engine athena needs --database", 2)
    try:
        result = (
            _run_on_athena(args, sql)
            if args.engine == "athena"
            else (run_local(sql, args.lake, args.table))
        )
    except (QueryError, EmptyLakeError, StorageError, ValueError) as error:
        raise CommandError(str(error)) from error
    render(result, args.format, sys.stdout)
    return 0


def _run_on_athena(args: argparse.Namespace, sql: str) -> QueryResult:
    from botocore.exceptions import BotoCoreError, ClientError

    from athena.runner import QueryFailed

    try:
        from newscrawler.query.engine import run_athena

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
    query.set_defaults(func=run)
