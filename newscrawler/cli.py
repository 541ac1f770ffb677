"""newscrawler: crawl Naver News into a queryable data lake."""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import NoReturn

from newscrawler import __version__


class ArgumentParser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line on stderr, exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}\n")


def fail(command: str, message: str, status: int = 1) -> int:
    print(f"newscrawler {command}: error: {message}", file=sys.stderr)
    return status


def cmd_extract(args: argparse.Namespace) -> int:
    from newscrawler.extract import extract_file
    from newscrawler.pages import UnknownLayoutError

    try:
        result = extract_file(args.file, args.url)
    except (FileNotFoundError, IsADirectoryError, PermissionError) as error:
        return fail("extract", f"cannot read {args.file}: {error.strerror}", 2)
    except UnknownLayoutError as error:
        return fail("extract", str(error), 1)
    json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


def cmd_sim(args: argparse.Namespace) -> int:
    from newscrawler.sim.__main__ import run

    return run(args)


def cmd_demo(args: argparse.Namespace) -> int:
    from newscrawler.demo import run_demo

    return run_demo(args)


def cmd_crawl(args: argparse.Namespace) -> int:
    from pathlib import Path

    from rich.console import Console

    from newscrawler.crawl_args import date_range, parse_date
    from newscrawler.entrypoint import setting_overrides
    from newscrawler.project import project_settings
    from newscrawler.storage import StorageError, storage_for
    from newscrawler.workers import progress_table, run_dates

    try:
        if args.start and not args.end:
            raise ValueError("--start needs --end")
        dates = [parse_date(args.date)] if args.date else date_range(args.start, args.end)
        overrides = setting_overrides([word for pair in args.set for word in ("-s", pair)])
        if args.output:
            overrides["NEWS_OUTPUT_URI"] = args.output
        if args.format:
            overrides["NEWS_OUTPUT_FORMAT"] = args.format
        if args.overwrite:
            overrides["NEWS_OVERWRITE"] = "1"
        storage = storage_for(project_settings(overrides))
        if storage is None:
            raise ValueError("no output: give --output or set NEWS_OUTPUT_URI")
        storage.check()
        committed = storage.committed_dates()
    except ValueError as error:
        return fail("crawl", str(error), 2)
    except StorageError as error:
        return fail("crawl", str(error), 1)
    todo = [date for date in dates if args.overwrite or date not in committed]
    console = Console(stderr=True)
    if len(todo) < len(dates):
        skipped = len(dates) - len(todo)
        console.print(f"{skipped} date(s) already committed in {storage.uri}: skipped")
    if not todo:
        return 0
    started = time.monotonic()
    runs = run_dates(todo, overrides, args.workers, Path(args.log_dir), console)
    console.print(progress_table(runs, started))
    failed = [run for run in runs if run.status == "failed"]
    for run in failed:
        log = Path(args.log_dir) / f"{run.date}.log"
        console.print(f"[red]date={run.date} failed[/red]: {run.message} (log: {log})")
    return 1 if failed else 0


def cmd_bench(args: argparse.Namespace) -> int:
    from pathlib import Path

    from newscrawler.bench import main_bench

    try:
        sizes = [int(size) for size in args.sizes.split(",")]
    except ValueError:
        return fail("bench", f"--sizes takes whole numbers like 3000,30000, got {args.sizes!r}", 2)
    return main_bench(sizes, args.repeat, Path(args.out) if args.out else None)


def _fraction(text: str) -> float:
    value = float(text)
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, got {text}")
    return value


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a positive whole number, got {text}")
    return value


def build_parser() -> ArgumentParser:
    parser = ArgumentParser(prog="newscrawler", description=__doc__)
    parser.add_argument("--version", action="version", version=f"newscrawler {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=ArgumentParser)

    extract = commands.add_parser("extract", help="print what the crawler extracts from a page")
    extract.add_argument("file", help="a saved Naver page")
    extract.add_argument("--url", required=True, help="the URL the page was saved from")
    extract.set_defaults(func=cmd_extract)

    from newscrawler.sim.__main__ import add_arguments as add_sim_arguments

    sim = commands.add_parser("sim", help="serve the local Naver simulator")
    add_sim_arguments(sim)
    sim.set_defaults(func=cmd_sim)

    crawl = commands.add_parser("crawl", help="crawl dates into the lake, in parallel workers")
    when = crawl.add_mutually_exclusive_group(required=True)
    when.add_argument("--date", help="one date, YYYYMMDD or YYYY-MM-DD")
    when.add_argument("--start", help="first date of a range (with --end)")
    crawl.add_argument("--end", help="last date of the range (inclusive)")
    crawl.add_argument("--output", help="lake root (default NEWS_OUTPUT_URI)")
    crawl.add_argument("--format", help="parquet, jsonl or jsonl.gz (default NEWS_OUTPUT_FORMAT)")
    crawl.add_argument("--workers", type=_positive, default=1, help="dates crawled at once")
    crawl.add_argument("--overwrite", action="store_true", help="redo committed dates")
    crawl.add_argument("--log-dir", default="./data/logs", help="one log file per date")
    crawl.add_argument(
        "-s", dest="set", action="append", default=[], metavar="NAME=VALUE", help="a setting"
    )
    crawl.set_defaults(func=cmd_crawl)

    bench = commands.add_parser("bench", help="measure crawl speed and memory on the simulator")
    bench.add_argument("--sizes", default="3000,30000", help="articles per day, e.g. 3000,30000")
    bench.add_argument("--repeat", type=_positive, default=1, help="rounds; figures are medians")
    bench.add_argument("--out", help="also write the table to this file")
    bench.set_defaults(func=cmd_bench)

    demo = commands.add_parser("demo", help="crawl a few dates from a local simulator")
    demo.add_argument("--start", default="20180101", help="first date (default 20180101)")
    demo.add_argument("--days", type=_positive, default=7)
    demo.add_argument("--articles-per-day", type=_positive, default=400)
    demo.add_argument("--fault-rate", type=_fraction, default=0.02)
    demo.add_argument(
        "--output", default="./data/demo", help="lake (naver_news/) and report go here"
    )
    demo.set_defaults(func=cmd_demo)

    from athena.cli import register as register_athena
    from newscrawler import query, report

    query.register(commands)
    report.register(commands)
    register_athena(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
