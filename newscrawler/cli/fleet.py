"""``newscrawler fleet``: crawl dates in containers on Docker hosts, one shared queue."""

from __future__ import annotations

import argparse
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from newscrawler.cli.crawl import (
    add_dispatch_options,
    add_lake_options,
    lake_overrides,
    plan_crawl,
    print_plan,
    say_skipped,
)
from newscrawler.cli.errors import CommandError, require_extra
from newscrawler.fleet import default_log_dir
from newscrawler.fleet.dispatcher import Dispatcher
from newscrawler.fleet.hosts import read_hosts
from newscrawler.fleet.progress import print_report, stderr_console, view_for
from newscrawler.inputs import date_range, parse_date

if TYPE_CHECKING:
    from collections.abc import Mapping

    from newscrawler.crawl import CrawlPlan
    from newscrawler.fleet.hosts import Host

ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# What the container gets from the command line itself, not from --env.
OWN_VARIABLES = ("DATE", "NEWS_OUTPUT_URI", "NEWS_PROGRESS")


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "fleet",
        help="crawl dates in containers on Docker hosts (TLS or ssh)",
        description="Crawl dates in containers of the project image on Docker hosts: one "
        "shared queue, each free slot takes the next date; failed dates are retried on "
        "another host, a host that stops answering gives its dates back, and dates already "
        "committed are skipped, so the same command resumes.",
    )
    parser.add_argument(
        "--hosts",
        required=True,
        metavar="FILE",
        help="one Docker endpoint a line (tcp://HOST:2376 or ssh://USER@HOST), then "
        "optional slots=N and TLS files: tlsdir=DIR or tlscacert= tlscert= tlskey=",
    )
    parser.add_argument("--image", required=True, help="the crawler image, present on every host")
    parser.add_argument("--start", metavar="DATE", help="first date of a range (with --end)")
    parser.add_argument("--end", metavar="DATE", help="last date of the range, inclusive")
    parser.add_argument("--dates", metavar="FILE", help="a file of dates, one a line")
    parser.add_argument(
        "--env",
        action="append",
        default=[],
        metavar="NAME",
        help="pass this variable's value from here to every container, never shown "
        "(repeatable; e.g. AWS_ACCESS_KEY_ID)",
    )
    parser.add_argument(
        "--insecure",
        action="store_true",
        help="allow plain tcp:// without TLS to hosts beyond loopback (root for anyone "
        "who reaches the port)",
    )
    add_lake_options(parser)
    add_dispatch_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    require_extra("fleet", "docker")
    from newscrawler.fleet.docker import DockerFleet, FleetError

    console = stderr_console()
    hosts = hosts_of(args)
    dates = dates_of(args)
    environment = passed_environment(args.env, os.environ)
    plan = plan_crawl(args, dates, reach=False)
    assert plan.storage is not None
    if not plan.storage.uri.startswith("s3://"):
        raise CommandError(
            f"the fleet's lake must be on S3 (--output s3://bucket/prefix): containers on "
            f"other hosts cannot write {plan.storage.uri}",
            2,
        )
    log_dir = Path(args.log_dir) if args.log_dir else default_log_dir(plan.storage)
    for host in hosts:
        if host.is_plain and not host.is_loopback:
            console.print(
                f"warning: {host.url} is plain tcp:// without TLS (--insecure): anyone who "
                "reaches it is root on that host",
                highlight=False,
                soft_wrap=True,
            )
    slots = sum(host.slots for host in hosts)
    if args.dry_run:
        print_plan(plan, f"{slots} slot(s) on {len(hosts)} host(s)", log_dir)
        return 0
    say_skipped(console, plan)
    if not plan.todo:
        return 0
    fleet = DockerFleet(
        hosts, args.image, container_environment(plan, environment), container_arguments(args)
    )
    try:
        fleet.connect()
    except FleetError as error:
        raise CommandError(str(error), 1) from None
    dispatcher = Dispatcher(
        fleet,
        plan.storage,
        log_dir,
        attempts=args.attempts,
        max_consecutive_failures=args.max_consecutive_failures,
    )
    try:
        result = dispatcher.run(plan.todo, view_for(console, show_hosts=True))
    finally:
        fleet.close()
    print_report(console, result, dispatcher.log_path, fleet=True)
    return result.exit_status()


def hosts_of(args: argparse.Namespace) -> list[Host]:
    try:
        return read_hosts(Path(args.hosts), insecure=args.insecure)
    except ValueError as error:
        raise CommandError(str(error), 2) from None


def dates_of(args: argparse.Namespace) -> list[str]:
    """The dates of ``--start``/``--end`` or ``--dates FILE``; CommandError (2) otherwise."""
    try:
        if args.dates and (args.start or args.end):
            raise ValueError("give either --dates FILE or --start with --end, not both")
        if args.dates:
            return read_dates(Path(args.dates))
        if not (args.start and args.end):
            raise ValueError("give --start with --end, or --dates FILE")
        return date_range(args.start, args.end)
    except ValueError as error:
        raise CommandError(str(error), 2) from None


def read_dates(path: Path) -> list[str]:
    """One date a line (``#`` comments), in the file's order, each once."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or "not a text file"
        raise ValueError(f"cannot read dates file {path}: {reason}") from None
    dates: list[str] = []
    for number, line in enumerate(lines, start=1):
        text = line.split("#", 1)[0].strip()
        if not text:
            continue
        try:
            dates.append(parse_date(text))
        except ValueError as error:
            raise ValueError(f"{path} line {number}: {error}") from None
    if not dates:
        raise ValueError(f"{path} lists no date")
    return list(dict.fromkeys(dates))


def passed_environment(names: list[str], environ: Mapping[str, str]) -> dict[str, str]:
    """The ``--env`` variables with their values from here; the message names, never values."""
    passed: dict[str, str] = {}
    for name in names:
        if not ENV_NAME.match(name):
            raise CommandError(f"--env takes a variable name, got {name.split('=', 1)[0]!r}", 2)
        if name in OWN_VARIABLES:
            raise CommandError(f"--env {name}: the fleet sets {name} itself", 2)
        if name not in environ:
            raise CommandError(f"--env {name}: {name} is not set in this environment", 2)
        passed[name] = environ[name]
    return passed


def container_environment(plan: CrawlPlan, passed: dict[str, str]) -> dict[str, str]:
    """What every container gets: the lake, and the ``--env`` variables."""
    assert plan.storage is not None
    return {**passed, "NEWS_OUTPUT_URI": plan.storage.uri}


def container_arguments(args: argparse.Namespace) -> list[str]:
    """The ``-s NAME=VALUE`` words every container's entrypoint gets: the user's settings."""
    settings = lake_overrides(args)
    if args.sections:
        settings["NAVER_SECTIONS"] = args.sections
    return [word for name, value in settings.items() for word in ("-s", f"{name}={value}")]
