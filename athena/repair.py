"""Register the lake's committed partitions with Glue, or print the ``ALTER TABLE`` for them.

Only partitions with a ``_SUCCESS`` marker are registered: a partition still being
published, or abandoned by a failed crawl, stays invisible to Athena.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from athena.ddl import check_location
from athena.formats import storage_descriptor, table_format
from newscrawler.lake import PARTITION_KEY, partition_dir
from newscrawler.lake.reader import committed_markers, marker_format

if TYPE_CHECKING:
    from newscrawler.lake.storage import LakeStorage

logger = logging.getLogger(__name__)

# Glue's BatchCreatePartition takes at most 100 partitions per call.
GLUE_BATCH = 100
# Athena rejects a query string longer than 262,144 bytes.
ATHENA_QUERY_BYTES = 262_144


class RepairError(RuntimeError):
    """The lake and the table disagree, or Glue refused a partition."""


@dataclass(frozen=True)
class Partitions:
    """The committed partitions of a lake: date -> S3 location, and their format."""

    fmt: str
    locations: dict[str, str]
    uncommitted: int


def committed_partitions(
    storage: LakeStorage, fmt: str | None = None, location: str | None = None
) -> Partitions:
    """The lake's committed partitions under ``location`` (the lake's own S3 root by default,
    or where a local lake is synced to); ``fmt`` checks their parts (inferred when None)."""
    if location is None:
        if not storage.uri.startswith("s3://"):
            raise RepairError(f"{storage.uri} is not on S3: pass the S3 location it is synced to")
        location = storage.uri + "/"
    check_location(location)
    listing = storage.partitions()
    committed = committed_markers(storage)
    found = {marker_format(marker) for marker in committed.values()}
    locations = {date: f"{location}{partition_dir(date)}/" for date in sorted(committed)}
    return Partitions(_one_format(found, fmt), locations, len(listing) - len(committed))


def _one_format(found: set[str], fmt: str | None) -> str:
    """The format the parts are in, which must be ``fmt`` when given: a table reads one."""
    if len(found) > 1:
        raise RepairError(f"the lake mixes {', '.join(sorted(found))} parts: a table reads one")
    if fmt is not None and found - {fmt}:
        raise RepairError(f"the lake holds {found.pop()} parts, not {fmt}")
    return fmt or (found.pop() if found else "parquet")


def alter_statements(
    table: str, locations: dict[str, str], limit: int = ATHENA_QUERY_BYTES
) -> list[str]:
    """``ALTER TABLE ... ADD IF NOT EXISTS PARTITION ...`` statements, each under ``limit``
    bytes (counting a closing semicolon)."""
    head = f"ALTER TABLE {table} ADD IF NOT EXISTS"
    statements: list[str] = []
    clauses: list[str] = []
    size = len(head.encode()) + 1
    for date, location in sorted(locations.items()):
        clause = f"\n  PARTITION (`{PARTITION_KEY}` = '{date}') LOCATION '{location}'"
        length = len(clause.encode())
        if clauses and size + length >= limit:
            statements.append(head + "".join(clauses))
            clauses, size = [], len(head.encode()) + 1
        if size + length >= limit:
            raise RepairError(f"one partition clause does not fit in {limit} bytes")
        clauses.append(clause)
        size += length
    if clauses:
        statements.append(head + "".join(clauses))
    return statements


def registered_dates(glue: Any, database: str, table: str) -> set[str]:
    """The dates already registered as partitions of ``database.table``."""
    dates = set()
    for page in glue.get_paginator("get_partitions").paginate(
        DatabaseName=database, TableName=table
    ):
        dates.update(partition["Values"][0] for partition in page["Partitions"])
    return dates


def check_table_format(glue: Any, database: str, table: str, fmt: str) -> None:
    """RepairError unless the Glue table reads ``fmt`` files (so partitions match it)."""
    described = glue.get_table(DatabaseName=database, Name=table)["Table"]
    serde = described.get("StorageDescriptor", {}).get("SerdeInfo", {})
    library = serde.get("SerializationLibrary")
    if library != table_format(fmt).serde:
        raise RepairError(f"table {database}.{table} uses SerDe {library}; the lake holds {fmt}")


def create_partitions(
    glue: Any, database: str, table: str, fmt: str, locations: dict[str, str]
) -> int:
    """Register the partitions with ``batch_create_partition``; how many were new."""
    added = 0
    pending = sorted(locations.items())
    for start in range(0, len(pending), GLUE_BATCH):
        batch = pending[start : start + GLUE_BATCH]
        reply = glue.batch_create_partition(
            DatabaseName=database,
            TableName=table,
            PartitionInputList=[
                {"Values": [date], "StorageDescriptor": storage_descriptor(fmt, location)}
                for date, location in batch
            ],
        )
        errors = reply.get("Errors", [])
        refused = [e for e in errors if e["ErrorDetail"]["ErrorCode"] != "AlreadyExistsException"]
        if refused:
            detail = refused[0]["ErrorDetail"]
            raise RepairError(
                f"Glue refused date={refused[0]['PartitionValues'][0]}: "
                f"{detail['ErrorCode']}: {detail.get('ErrorMessage', '')}"
            )
        added += len(batch) - len(errors)
    return added


def repair(glue: Any, database: str, table: str, partitions: Partitions) -> int:
    """Register the committed partitions Glue does not know yet; how many were added."""
    check_table_format(glue, database, table, partitions.fmt)
    known = registered_dates(glue, database, table)
    missing = {d: loc for d, loc in partitions.locations.items() if d not in known}
    logger.info("%d committed partitions, %d to register", len(partitions.locations), len(missing))
    return create_partitions(glue, database, table, partitions.fmt, missing)
