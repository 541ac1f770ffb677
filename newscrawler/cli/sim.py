"""``newscrawler sim``: serve the local Naver simulator."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse


def register(commands: argparse._SubParsersAction) -> None:
    from newscrawler.sim.__main__ import add_arguments

    parser = commands.add_parser(
        "sim",
        help="serve the local Naver simulator",
        description="Serve Naver's date lists and articles (markup, encodings, paging, "
        "faults) on a local port, with the truth at /_sim/articles.",
    )
    add_arguments(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from newscrawler.sim.__main__ import run as serve

    return serve(args)
