"""``newscrawler report``: a PNG of the lake's articles per day."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from newscrawler.cli.errors import CommandError, require_extra
from newscrawler.query.engine import DEFAULT_TABLE, default_lake


def run(args: argparse.Namespace) -> int:
    require_extra("report", "matplotlib")
    require_extra("query", "duckdb", "sqlglot")
    from newscrawler.lake.storage import StorageError
    from newscrawler.query.engine import QueryError
    from newscrawler.query.lake import EmptyLakeError
    from newscrawler.query.report import lake_counts, plot, write_png

    try:
        counts = lake_counts(args.lake, args.table)
        write_png(plot(counts), args.out)
    except (QueryError, EmptyLakeError, StorageError, ValueError) as error:
        raise CommandError(str(error)) from error
    except OSError as error:
        raise CommandError(f"cannot write {args.out}: {error.strerror}") from error
    print(
        f"wrote {args.out}: {sum(counts.totals):,} articles, "
        f"{counts.days[0]:%Y-%m-%d} to {counts.days[-1]:%Y-%m-%d}",
        file=sys.stderr,
    )
    return 0


def register(subparsers: Any) -> None:
    """Add ``report`` to the ``newscrawler`` command."""
    report = subparsers.add_parser("report", help="plot the lake's articles per day as a PNG")
    report.add_argument("--lake", default=default_lake(), help="lake root (folder or s3://...)")
    report.add_argument("--out", default="daily.png", help="the PNG to write (default daily.png)")
    report.add_argument("--table", default=DEFAULT_TABLE, help="the name the report's SQL uses")
    report.set_defaults(func=run)
