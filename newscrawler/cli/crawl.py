"""``newscrawler crawl``: many dates in parallel local worker processes, resumable."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from newscrawler.cli.errors import CommandError
from newscrawler.cli.types import positive
from newscrawler.crawl import preflight, setting_overrides
from newscrawler.fleet import default_log_dir
from newscrawler.fleet.dispatcher import Dispatcher
from newscrawler.fleet.local import LocalWorkers
from newscrawler.fleet.progress import print_report, stderr_console, view_for
from newscrawler.inputs import date_range, parse_date
from newscrawler.lake.storage import StorageError

if TYPE_CHECKING:
    from rich.console import Console

    from newscrawler.crawl import CrawlPlan


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "crawl",
        help="crawl dates into the lake, in parallel local workers",
        description="Crawl each date in its own worker process into the lake. Dates already "
        "committed are skipped, so the same command resumes an interrupted run.",
    )
    add_date_options(parser)
    add_lake_options(parser)
    parser.add_argument(
        "--workers", type=positive, default=1, metavar="N", help="dates crawled at once (default 1)"
    )
    add_dispatch_options(parser)
    parser.set_defaults(func=run)


def add_date_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--date", metavar="DATE", help="one date, YYYYMMDD or YYYY-MM-DD")
    parser.add_argument("--start", metavar="DATE", help="first date of a range (with --end)")
    parser.add_argument(
        "--end", metavar="DATE", help="last date of the range, inclusive (with --start)"
    )


def add_lake_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--output",
        metavar="URI",
        help="lake root: a folder or s3://bucket/prefix (default NEWS_OUTPUT_URI)",
    )
    parser.add_argument(
        "--format", help="parquet, jsonl or jsonl.gz (default NEWS_OUTPUT_FORMAT, parquet)"
    )
    parser.add_argument(
        "--sections",
        metavar="CODES",
        help="comma-separated section codes, e.g. 100,105 (default: every section)",
    )
    parser.add_argument(
        "--overwrite", action="store_true", help="crawl committed dates again (default: skip)"
    )
    parser.add_argument(
        "-s",
        dest="set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a setting for every worker, e.g. -s NAVER_BASE_URL=http://127.0.0.1:8080 "
        "(repeatable)",
    )


def add_dispatch_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--attempts",
        type=positive,
        default=2,
        metavar="N",
        help="tries per date before it is reported failed (default 2)",
    )
    parser.add_argument(
        "--max-consecutive-failures",
        type=non_negative,
        default=3,
        metavar="N",
        help="stop starting new dates after N dates in a row fail with the same cause "
        "(default 3; 0 never stops)",
    )
    parser.add_argument(
        "--log-dir",
        metavar="DIR",
        help="one log file per date, appended on every attempt (default: _logs/ in a local "
        "lake, ./data/logs for an S3 lake)",
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="print which dates would be crawled and which skipped, and start nothing",
    )


def run(args: argparse.Namespace) -> int:
    plan = plan_crawl(args, dates_of(args))
    console = stderr_console()
    log_dir = Path(args.log_dir) if args.log_dir else default_log_dir(plan.storage)
    if args.dry_run:
        print_plan(plan, f"{args.workers} worker(s)", log_dir)
        return 0
    say_skipped(console, plan)
    if not plan.todo:
        return 0
    workers = LocalWorkers(args.workers, worker_settings(args, plan))
    dispatcher = Dispatcher(
        workers,
        plan.storage,
        log_dir,
        attempts=args.attempts,
        max_consecutive_failures=args.max_consecutive_failures,
    )
    try:
        result = dispatcher.run(plan.todo, view_for(console))
    finally:
        workers.close()
    print_report(console, result, dispatcher.log_path, fleet=False)
    return result.exit_status()


def dates_of(args: argparse.Namespace) -> list[str]:
    """The dates ``--date`` or ``--start``/``--end`` name; CommandError (2) otherwise."""
    try:
        if args.date and (args.start or args.end):
            raise ValueError("give either --date or --start with --end, not both")
        if args.date:
            return [parse_date(args.date)]
        if not (args.start and args.end):
            raise ValueError("give --date, or --start with --end")
        return date_range(args.start, args.end)
    except ValueError as error:
        raise CommandError(str(error), 2) from None


def lake_overrides(args: argparse.Namespace) -> dict[str, str]:
    """The ``-s`` settings plus what ``--output``, ``--format``, ``--overwrite`` say."""
    try:
        overrides = setting_overrides([word for pair in args.set for word in ("-s", pair)])
    except ValueError as error:
        raise CommandError(str(error), 2) from None
    if args.output:
        overrides["NEWS_OUTPUT_URI"] = args.output
    if args.format:
        overrides["NEWS_OUTPUT_FORMAT"] = args.format
    if args.overwrite:
        overrides["NEWS_OVERWRITE"] = "1"
    return overrides


def plan_crawl(args: argparse.Namespace, dates: list[str], *, reach: bool = True) -> CrawlPlan:
    """The checked crawl plan; CommandError (2 usage, 1 unreachable lake or Naver)."""
    try:
        plan = preflight(
            dates, lake_overrides(args), sections=args.sections, reach=reach and not args.dry_run
        )
    except ValueError as error:
        raise CommandError(str(error), 2) from None
    except (StorageError, ConnectionError) as error:
        raise CommandError(str(error), 1) from None
    if plan.storage is None:
        raise CommandError("no lake to write: give --output or set NEWS_OUTPUT_URI", 2)
    return plan


def worker_settings(args: argparse.Namespace, plan: CrawlPlan) -> dict[str, str]:
    """What every local worker gets with ``-s``: the checked settings and the user's own."""
    return {**lake_overrides(args), **plan.overrides}


def say_skipped(console: Console, plan: CrawlPlan) -> None:
    if not plan.skipped:
        return
    assert plan.storage is not None
    committed = [reason for reason in plan.skipped.values() if "already committed" in reason]
    if committed:
        console.print(
            f"{len(committed)} date(s) already committed in {plan.storage.uri}: skipped",
            highlight=False,
        )
    for reason in plan.skipped.values():
        if reason not in committed:
            console.print(f"skipped {reason}", highlight=False, soft_wrap=True)


def print_plan(plan: CrawlPlan, how: str, log_dir: Path) -> None:
    """What ``--dry-run`` prints on stdout: the dates to crawl and to skip, and why."""
    assert plan.storage is not None
    print(
        f"would crawl {len(plan.todo)} date(s) into {plan.storage.uri} "
        f"(sections {','.join(plan.sections)}; {how}; logs in {log_dir}):"
    )
    for date in plan.todo:
        print(f"  {date}")
    print(f"would skip {len(plan.skipped)} date(s):")
    for reason in plan.skipped.values():
        print(f"  {reason}")


def non_negative(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be a whole number, 0 or more, got {text}")
    return value
