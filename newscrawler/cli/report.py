"""``newscrawler report``: an image of the lake's articles per day."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

from newscrawler.cli.errors import CommandError, require_extra
from newscrawler.query.engine import DEFAULT_TABLE, default_lake
from newscrawler.query.report import IMAGE_FORMATS, image_format


def run(args: argparse.Namespace) -> int:
    first, last = _date_range(args.start, args.end)
    _check_out(args.out)
    require_extra("report", "matplotlib")
    require_extra("query", "duckdb", "sqlglot")
    from newscrawler.lake.storage import StorageError
    from newscrawler.query.engine import QueryError
    from newscrawler.query.lake import EmptyLakeError
    from newscrawler.query.report import lake_counts, plot, span, write_image

    try:
        counts = lake_counts(args.lake, args.table, first, last)
        write_image(plot(counts), args.out)
    except (QueryError, EmptyLakeError, StorageError, ValueError) as error:
        raise CommandError(str(error)) from error
    except OSError as error:
        raise CommandError(f"cannot write {args.out}: {error.strerror}") from error
    total = sum(counts.totals)
    print(f"wrote {args.out}: {total:,} articles, {span(counts)}", file=sys.stderr)
    return 0


def _date_range(start: str | None, end: str | None) -> tuple[date | None, date | None]:
    """``--start`` and ``--end`` as dates (usage errors for bad or reversed dates)."""
    from newscrawler.inputs import parse_date

    days = []
    for option, text in (("--start", start), ("--end", end)):
        try:
            days.append(_as_date(parse_date(text)) if text else None)
        except ValueError as error:
            raise CommandError(f"{option}: {error}", 2) from error
    first, last = days
    if first and last and last < first:
        raise CommandError(f"--end {end} is before --start {start}", 2)
    return first, last


def _as_date(text: str) -> date:
    return datetime.strptime(text, "%Y%m%d").date()


def _check_out(out: str) -> None:
    """Refuse, before any work, an image the report cannot write."""
    path = Path(out)
    try:
        image_format(path)
    except ValueError as error:
        raise CommandError(f"--out {out}: {error}", 2) from error
    if not path.parent.is_dir():
        raise CommandError(f"--out {out}: folder {path.parent} does not exist", 2)


def register(subparsers: Any) -> None:
    """Add ``report`` to the ``newscrawler`` command."""
    report = subparsers.add_parser(
        "report",
        help="plot the lake's articles per day as an image",
        description="Plot the lake's articles per day by section, weekends shaded and days "
        "without a committed partition hatched, then the totals per section.",
    )
    report.add_argument(
        "--lake",
        default=default_lake(),
        metavar="URI",
        help="lake root: folder, file:///path or s3://bucket/prefix (default: %(default)s)",
    )
    report.add_argument(
        "--out",
        default="daily.png",
        metavar="FILE",
        help=f"the image to write: {', '.join(IMAGE_FORMATS)} (default: %(default)s)",
    )
    report.add_argument(
        "--start",
        metavar="DATE",
        help="first date to plot, YYYYMMDD or YYYY-MM-DD (default: the first committed date)",
    )
    report.add_argument(
        "--end",
        metavar="DATE",
        help="last date to plot (default: the last committed date)",
    )
    # The name the report's own SQL gives the lake: kept for old scripts, of no use to people.
    report.add_argument("--table", default=DEFAULT_TABLE, help=argparse.SUPPRESS)
    report.set_defaults(func=run)
