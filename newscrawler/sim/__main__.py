"""``python -m newscrawler.sim``: run the local Naver simulator."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from newscrawler.sim.catalog import MAX_PER_DAY
from newscrawler.sim.drift import Drift
from newscrawler.sim.server import serve

PROG = "newscrawler sim"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line on stderr, not argparse's usage block.
        self.exit(2, f"{PROG}: error: {message}\n")


Number = int | float


def _bounded(kind: Callable[[str], Number], low: float, high: float) -> Callable[[str], Number]:
    def parse(text: str) -> Number:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"invalid {kind.__name__} value: {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{text} is not between {low:g} and {high:g}")
        return value

    return parse


def parser() -> argparse.ArgumentParser:
    """The command line of the simulator."""
    cli = _Parser(prog=PROG, description="Serve a local simulation of Naver News.")
    add_arguments(cli)
    return cli


def add_arguments(cli: argparse.ArgumentParser) -> None:
    """The simulator's options, shared with ``newscrawler sim``."""
    cli.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    cli.add_argument(
        "--port", type=_bounded(int, 0, 65535), default=8080, help="port, 0 for any free one"
    )
    cli.add_argument("--seed", type=int, default=1, help="seed of the simulated catalog")
    cli.add_argument(
        "--articles-per-day",
        type=_bounded(int, 0, MAX_PER_DAY * 10 // 11),
        default=3000,
        help="articles on a weekday, about (weekends have 55-65%% of it)",
    )
    cli.add_argument(
        "--fault-rate",
        type=_bounded(float, 0.0, 1.0),
        default=0.0,
        help="share of list/article requests that get a fault (429, 503, reset, slow, cut)",
    )
    cli.add_argument(
        "--article-drift",
        type=_bounded(float, 0.0, 1.0),
        default=0.0,
        help="share of articles whose title markup is renamed (tests the layout alarm)",
    )
    cli.add_argument(
        "--list-drift", action="store_true", help="rename the date lists' item container"
    )
    cli.add_argument(
        "--latency-ms",
        type=_bounded(int, 0, 60_000),
        default=0,
        help="milliseconds to wait before each response (default 0)",
    )
    cli.add_argument(
        "--variants",
        action="store_true",
        help="also serve hostile and variant pages (listed at /_sim/variants)",
    )


def run(args: argparse.Namespace) -> int:
    """Serve with parsed ``args``; 1 when the port is unusable."""
    drift = Drift(args.article_drift, args.list_drift)
    try:
        serve(
            args.host,
            args.port,
            args.seed,
            args.articles_per_day,
            args.fault_rate,
            drift,
            args.latency_ms,
            args.variants,
        )
    except OSError as error:
        where = f"{args.host}:{args.port}"
        print(f"{PROG}: cannot listen on {where}: {error.strerror}", file=sys.stderr)
        return 1
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the arguments and serve; 2 on a usage error, 1 when the port is unusable."""
    return run(parser().parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
