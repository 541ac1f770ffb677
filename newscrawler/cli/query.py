"""``newscrawler query``: Athena SQL over the lake, on DuckDB locally or on Athena itself."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from newscrawler.cli.errors import CommandError, require_extra
from newscrawler.query.engine import DEFAULT_TABLE, QueryResult, default_lake
from newscrawler.query.errors import QueryError, StatementError
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
    except StatementError as error:  # refused before any work: a usage error
        raise CommandError(str(error), 2) from error
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


DESCRIPTION = """\
Run one Athena SQL statement over the lake, on DuckDB here (the default) or on
Athena. Locally the statement is translated to DuckDB's SQL, the table it names
(newsdata or any_database.newsdata) reads the committed partitions, and what
Athena would refuse is refused: functions Athena does not have, table functions
such as read_csv, statements other than queries, and a string compared with a
number (date = 20180101).
"""


def register(subparsers: Any) -> None:
    """Add ``query`` to the ``newscrawler`` command."""
    query = subparsers.add_parser(
        "query",
        help="run Athena SQL on the lake (DuckDB locally, or Athena)",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    query.add_argument(
        "sql", metavar="SQL", help="one statement in Athena's SQL; - reads it from stdin"
    )
    query.add_argument(
        "--engine",
        choices=("local", "athena"),
        default="local",
        help="where the statement runs: DuckDB on this machine, or Athena (default: %(default)s)",
    )
    query.add_argument(
        "--lake",
        default=default_lake(),
        metavar="URI",
        help="lake root: folder, file:///path or s3://bucket/prefix (default: %(default)s)",
    )
    query.add_argument(
        "--table",
        default=DEFAULT_TABLE,
        metavar="NAME",
        help="the name the SQL uses for the lake, name or database.name (default: %(default)s)",
    )
    query.add_argument(
        "--format",
        choices=OUTPUT_FORMATS,
        default="table",
        help="an aligned table for people, CSV or JSON for scripts (default: %(default)s)",
    )
    athena = query.add_argument_group("Athena (--engine athena)")
    athena.add_argument(
        "--database",
        metavar="NAME",
        help="the Glue database the table lives in (required with --engine athena)",
    )
    athena.add_argument(
        "--output",
        metavar="S3_URI",
        help="s3:// folder for Athena's result files (default: the workgroup's)",
    )
    athena.add_argument(
        "--workgroup",
        metavar="NAME",
        help="Athena workgroup (default: primary)",
    )
    query.set_defaults(func=run)
