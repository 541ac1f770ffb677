"""``newscrawler athena ddl`` and ``newscrawler athena repair``."""

from __future__ import annotations

import argparse
from typing import Any

from athena.ddl import DEFAULT_RANGE, DEFAULT_TABLE, check_location, check_range, check_table
from newscrawler.cli.errors import CommandError
from newscrawler.lake.layout import FORMATS


def _checked(check: Any) -> Any:
    """An argparse ``type`` that turns a check's ValueError into a usage error."""

    def convert(text: str) -> str:
        try:
            return check(text)
        except ValueError as error:
            raise argparse.ArgumentTypeError(str(error)) from error

    return convert


def cmd_ddl(args: argparse.Namespace) -> int:
    from athena.ddl import create_table

    if args.range is not None and not args.projection:
        raise CommandError("--range needs --projection: Glue partitions have no date range", 2)
    print(
        create_table(
            args.format,
            args.location,
            args.table,
            projection=args.projection,
            date_range=args.range or DEFAULT_RANGE,
        )
        + ";"
    )
    return 0


def cmd_repair(args: argparse.Namespace) -> int:
    from botocore.exceptions import BotoCoreError, ClientError

    from athena.repair import RepairError, alter_statements, committed_partitions
    from newscrawler.lake.storage import StorageError, open_storage

    database, _, table = args.table.rpartition(".")
    if not (database or args.sql):
        raise CommandError("--table must be database.table to register with Glue", 2)
    try:
        partitions = committed_partitions(open_storage(args.lake), args.format, args.location)
        if args.sql:
            for statement in alter_statements(args.table, partitions.locations):
                print(statement + ";\n")
            return 0
        added = _repair_with_glue(database, table, partitions)
    except ValueError as error:
        raise CommandError(str(error), 2) from error
    except (RepairError, StorageError) as error:
        raise CommandError(str(error)) from error
    except ClientError as error:
        detail = error.response.get("Error", {})
        said = f"{detail.get('Code')}: {detail.get('Message')}"
        raise CommandError(f"{error.operation_name} failed: {said}") from error
    except BotoCoreError as error:
        raise CommandError(str(error)) from error
    known = len(partitions.locations) - added
    print(
        f"{args.table}: registered {added} partition(s); {known} already registered, "
        f"{partitions.uncommitted} uncommitted skipped"
    )
    return 0


def _repair_with_glue(database: str, table: str, partitions: Any) -> int:
    import boto3

    from athena.repair import repair

    return repair(boto3.client("glue"), database, table, partitions)


def register(subparsers: Any) -> None:
    """Add ``athena ddl`` and ``athena repair`` to the ``newscrawler`` command."""
    athena = subparsers.add_parser(
        "athena",
        help="Athena table DDL and partition repair",
        description="Create the Athena table over the lake and register its partitions.",
    )
    commands = athena.add_subparsers(
        dest="subcommand", metavar="ACTION", required=True, parser_class=type(athena)
    )
    _add_ddl(commands)
    _add_repair(commands)


def _add_ddl(commands: Any) -> None:
    ddl = commands.add_parser(
        "ddl",
        help="print CREATE EXTERNAL TABLE for the lake",
        description="Print the CREATE EXTERNAL TABLE statement of the lake's Athena table.",
    )
    ddl.add_argument(
        "--format",
        choices=tuple(FORMATS),
        default="parquet",
        help="the lake's format (default: %(default)s)",
    )
    ddl.add_argument(
        "--location",
        required=True,
        type=_checked(check_location),
        metavar="S3_URI",
        help="the lake root, s3://bucket/prefix/ with the trailing slash (required)",
    )
    ddl.add_argument(
        "--table",
        type=_checked(check_table),
        default=DEFAULT_TABLE,
        metavar="NAME",
        help="the table to create, name or database.name (default: %(default)s)",
    )
    ddl.add_argument(
        "--projection",
        action="store_true",
        help="partition projection: Athena finds the dates from --range, nothing to repair "
        "(default: off, Glue partitions registered by 'athena repair')",
    )
    ddl.add_argument(
        "--range",
        type=_checked(check_range),
        metavar="FIRST,LAST",
        help="the dates projection covers, YYYYMMDD,YYYYMMDD or YYYYMMDD,NOW (NOW-7DAYS, "
        f"NOW+1MONTHS... too); only with --projection (default: {DEFAULT_RANGE})",
    )
    ddl.set_defaults(func=cmd_ddl)


def _add_repair(commands: Any) -> None:
    repair = commands.add_parser(
        "repair",
        help="register the lake's committed partitions with Glue",
        description="Register with Glue the lake's committed dates it does not have yet, or "
        "print them as ALTER TABLE statements.",
    )
    repair.add_argument(
        "--lake",
        required=True,
        metavar="URI",
        help="the lake root, s3://bucket/prefix/ or a local copy of it (required)",
    )
    repair.add_argument(
        "--location",
        type=_checked(check_location),
        metavar="S3_URI",
        help="the S3 root the partitions point at when --lake is a local copy (default: --lake)",
    )
    repair.add_argument(
        "--table",
        required=True,
        type=_checked(check_table),
        metavar="NAME",
        help="the table, database.name; a bare name only with --sql (required)",
    )
    repair.add_argument(
        "--format",
        choices=tuple(FORMATS),
        help="the lake's format (default: the format of its parts)",
    )
    repair.add_argument(
        "--sql",
        action="store_true",
        help="print ALTER TABLE ... ADD PARTITION statements instead of calling Glue "
        "(default: off)",
    )
    repair.set_defaults(func=cmd_repair)
