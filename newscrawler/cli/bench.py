"""``newscrawler bench``: measured crawl figures against the local simulator."""

from __future__ import annotations

import argparse
from pathlib import Path

from newscrawler.cli.errors import CommandError
from newscrawler.cli.types import positive


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("bench", help="measure crawl speed and memory on the simulator")
    parser.add_argument("--sizes", default="3000,30000", help="articles per day, e.g. 3000,30000")
    parser.add_argument("--repeat", type=positive, default=1, help="rounds; figures are medians")
    parser.add_argument("--out", help="also write the table to this file")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from newscrawler.bench import main_bench

    try:
        sizes = [int(size) for size in args.sizes.split(",")]
    except ValueError:
        raise CommandError(
            f"--sizes takes whole numbers like 3000,30000, got {args.sizes!r}", 2
        ) from None
    return main_bench(sizes, args.repeat, Path(args.out) if args.out else None)
