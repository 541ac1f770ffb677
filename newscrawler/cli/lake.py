"""``newscrawler lake status`` and ``newscrawler lake verify``: what the lake holds."""

from __future__ import annotations

import argparse
import json
import sys

from newscrawler.cli.errors import CommandError
from newscrawler.defaults import SETTINGS


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "lake",
        help="show or verify what the lake holds, date by date",
        description="Per date: committed (every section), partial (fewer sections), failed "
        "(parts without a marker) or missing; rows, format, sections and crawl figures.",
    )
    actions = parser.add_subparsers(
        dest="subcommand", metavar="ACTION", required=True, parser_class=type(parser)
    )
    status = actions.add_parser("status", help="each date's state from its marker")
    verify = actions.add_parser(
        "verify", help="re-read every committed partition and check it against its marker"
    )
    for action in (status, verify):
        action.add_argument(
            "--lake",
            default=SETTINGS["NEWS_OUTPUT_URI"].default,
            help="lake root: folder, file:///path or s3://bucket/prefix (default %(default)s)",
        )
        action.add_argument("--start", help="first date to show, with --end (missing ones too)")
        action.add_argument("--end", help="last date to show")
        action.add_argument(
            "--format",
            choices=("table", "json"),
            default=None,
            help="table or json (default: a table on a terminal, json otherwise)",
        )
        action.set_defaults(func=run)
    verify.add_argument(
        "--fix",
        action="store_true",
        help="remove orphan parts, failed partitions' leftovers and stale staging",
    )


def run(args: argparse.Namespace) -> int:
    from newscrawler.inputs import date_range
    from newscrawler.lake.audit import fix, lake_status, verify
    from newscrawler.lake.storage import StorageError, open_storage

    try:
        if bool(args.start) != bool(args.end):
            raise ValueError("--start and --end go together")
        dates = date_range(args.start, args.end) if args.start else None
        storage = open_storage(args.lake)
    except ValueError as error:
        raise CommandError(str(error), 2) from error
    try:
        statuses = lake_status(storage, dates)
        if args.subcommand == "verify":
            verify(storage, statuses)
        leftovers = storage.leftovers()
        removed = fix(storage, statuses, leftovers) if getattr(args, "fix", False) else 0
    except StorageError as error:
        raise CommandError(str(error)) from error
    fmt = args.format or ("table" if sys.stdout.isatty() else "json")
    if fmt == "json":
        report = {
            "lake": storage.uri,
            "dates": [status.to_dict() for status in statuses],
            "leftovers": leftovers,
            "removed": removed,
        }
        json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        _print_table(storage.uri, statuses, leftovers, removed, args.subcommand)
    bad = [status for status in statuses if status.problems]
    return 1 if bad else 0


def _print_table(uri: str, statuses: list, leftovers: list[str], removed: int, action: str) -> None:
    from rich.console import Console
    from rich.table import Table

    counts = {
        state: sum(s.state == state for s in statuses)
        for state in ("committed", "partial", "failed", "missing")
    }
    summary = "  ".join(f"{state} {count}" for state, count in counts.items())
    table = Table(title=f"{uri}: {summary}")
    for column in ("date", "state", "rows", "format", "sections", "listed", "retried", "orphans"):
        table.add_column(
            column,
            justify="right" if column in ("rows", "listed", "retried", "orphans") else "left",
        )
    if action == "verify":
        table.add_column("check")
    for s in statuses:
        row = [
            s.date,
            s.state,
            str(s.rows) if s.state in ("committed", "partial") else "",
            s.format,
            ",".join(s.sections) if s.state == "partial" else ("all" if s.sections else ""),
            str(s.crawl.get("listed", "")),
            str(s.crawl.get("retried", "")),
            str(len(s.orphans)) if s.orphans else "",
        ]
        if action == "verify":
            row.append(
                "; ".join(s.problems)
                if s.problems
                else ("ok" if s.state in ("committed", "partial") else "")
            )
        table.add_row(*row)
    console = Console(width=None if sys.stdout.isatty() else 120)
    console.print(table)
    if leftovers:
        console.print(f"stale staging: {', '.join(leftovers)}")
    if removed:
        console.print(f"removed {removed} orphan or stale file(s)")
