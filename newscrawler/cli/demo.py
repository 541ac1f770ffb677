"""``newscrawler demo``: the main job, end to end, on a local simulator."""

from __future__ import annotations

import argparse

from newscrawler.cli.errors import CommandError, require_extra
from newscrawler.cli.types import fraction, positive


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "demo",
        help="crawl a few dates from a local simulator, query them, plot them",
        description="Start a simulator with injected faults, crawl --days dates into a "
        "Parquet lake under --output, run the original daily-count query on it and write "
        "the daily report.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--start", default="20180101", help="first date")
    parser.add_argument("--days", type=positive, default=3, help="dates to crawl")
    parser.add_argument(
        "--articles-per-day", type=positive, default=400, help="simulated articles per date"
    )
    parser.add_argument(
        "--fault-rate", type=fraction, default=0.02, help="share of requests given a fault"
    )
    parser.add_argument("--output", default="./data/demo", help="lake (naver_news/) and report")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    require_extra("all", "duckdb", "sqlglot", "matplotlib")
    from newscrawler.demo import run_demo
    from newscrawler.inputs import parse_date

    try:
        parse_date(args.start)
    except ValueError as error:
        raise CommandError(str(error), 2) from error
    return run_demo(args)
