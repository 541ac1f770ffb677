"""newscrawler: crawl Naver News into a queryable data lake."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from typing import NoReturn

from newscrawler import __version__
from newscrawler.cli.errors import CommandError

# One module per command, in the order ``newscrawler --help`` lists them.
COMMANDS = (
    "crawl",
    "demo",
    "extract",
    "sim",
    "query",
    "report",
    "athena",
    "lake",
    "fleet",
    "batch",
    "k8s",
    "spark",
    "bench",
)


class ArgumentParser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line on stderr, exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> ArgumentParser:
    parser = ArgumentParser(
        prog="newscrawler",
        description=__doc__,
        epilog="Run 'newscrawler COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"newscrawler {__version__}")
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", required=True, parser_class=ArgumentParser
    )
    for name in COMMANDS:
        importlib.import_module(f"newscrawler.cli.{name}").register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    if not argv:
        parser.print_help(sys.stderr)
        return 2
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except CommandError as error:
        command = " ".join(
            part for part in (args.command, getattr(args, "subcommand", None)) if part
        )
        print(f"newscrawler {command}: error: {error}", file=sys.stderr)
        return error.status
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, as shell tools do on SIGPIPE.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


if __name__ == "__main__":
    sys.exit(main())
