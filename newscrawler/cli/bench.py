"""``newscrawler bench``: measured extraction, crawl, memory, output and fleet figures."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from rich.console import Console

from newscrawler.cli.errors import CommandError, require_extra


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "bench",
        help="measure extraction, crawl speed, memory, output and fleet dispatch",
        description=(
            "Start the simulator, run every measurement several times (interleaving what is "
            "compared), print the medians and how they stand against the targets."
        ),
    )
    parser.add_argument("--json", metavar="FILE", help="also write the figures to FILE as JSON")
    parser.add_argument(
        "--quick", action="store_true", help="CI-sized run: smaller dates, fewer rounds (2-3 min)"
    )
    parser.add_argument("--chart", metavar="PNG", help="also draw the figures into this PNG file")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    require_extra("bench", "requests", "bs4")
    for option, value in (("--json", args.json), ("--chart", args.chart)):
        if value and not Path(value).resolve().parent.is_dir():
            raise CommandError(f"{option}: folder {Path(value).parent} does not exist", 2)
    from newscrawler.bench.plan import FULL, QUICK
    from newscrawler.bench.report import chart, tables
    from newscrawler.bench.suite import run_bench

    console = Console()
    try:
        results = run_bench(QUICK if args.quick else FULL, console.print, quick=args.quick)
    except (RuntimeError, OSError) as error:
        raise CommandError(str(error)) from error
    for table in tables(results):
        console.print(table)
    console.print(f"bench took {results['run']['seconds']:.0f} s")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    if args.chart:
        chart(results, Path(args.chart))
    return 0
