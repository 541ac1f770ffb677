"""Read the lake with DuckDB: a view over the committed parts, local or on S3.

The view has the columns Athena's table has (``ARTICLE_SCHEMA`` plus the ``date``
partition, a string), whatever the parts' format, so a query gives the same answer on
Parquet, JSON Lines and gzipped JSON Lines. Only partitions with a ``_SUCCESS`` marker are
read, and of those only the files their markers name.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import duckdb
import pyarrow as pa
import pyarrow.fs as pafs
from fsspec.implementations.arrow import ArrowFSWrapper
from fsspec.spec import AbstractBufferedFile

from newscrawler.lake import ARTICLE_SCHEMA, MARKER, PARTITION_KEY, marker_files, partition_dir
from newscrawler.lake.reader import committed_markers
from newscrawler.lake.s3 import S3Storage
from newscrawler.lake.storage import StorageError, open_storage

if TYPE_CHECKING:
    from fsspec import AbstractFileSystem

    from newscrawler.lake.storage import LakeStorage

logger = logging.getLogger(__name__)

# Athena keeps the offset of an ISO 8601 string (`from_iso8601_timestamp`) while DuckDB
# shows a TIMESTAMPTZ in the session's zone; every time in the lake is KST, so KST makes
# `hour(from_iso8601_timestamp(published_at))` agree between the two.
SESSION_TIME_ZONE = "Asia/Seoul"


class EmptyLakeError(LookupError):
    """The lake has no committed partition to read."""


@dataclass
class LakeParts:
    """The committed data parts of a lake, as paths DuckDB can open, by format."""

    uri: str
    dates: list[str] = field(default_factory=list)
    parquet: list[str] = field(default_factory=list)
    json: list[str] = field(default_factory=list)


def committed_parts(
    storage: LakeStorage, start: str | None = None, end: str | None = None
) -> LakeParts:
    """The data parts the committed partitions' markers name (never orphans of a killed
    publish, ``_SUCCESS`` or ``_staging/``), of the dates from ``start`` to ``end`` when
    given (``YYYYMMDD``; only their markers are read)."""
    found = LakeParts(storage.uri)
    for date, marker in committed_markers(storage, start, end).items():
        found.dates.append(date)
        for name in marker_files(marker):
            path = f"{storage.uri}/{partition_dir(date)}/{name}"
            (found.parquet if name.endswith(".parquet") else found.json).append(path)
    return found


def _listed(storage: LakeStorage, start: str | None, end: str | None) -> LakeParts:
    from botocore.exceptions import BotoCoreError, ClientError

    try:
        return committed_parts(storage, start, end)
    except (BotoCoreError, ClientError) as error:
        raise StorageError(f"cannot list {storage.uri}: {error}") from error


def duckdb_type(dtype: pa.DataType) -> str:
    """The DuckDB type of an Arrow type used in the lake."""
    if pa.types.is_string(dtype):
        return "VARCHAR"
    if pa.types.is_list(dtype):
        return duckdb_type(dtype.value_type) + "[]"
    raise TypeError(f"no DuckDB type for Arrow type {dtype}")


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _file_list(paths: list[str]) -> str:
    return "[" + ", ".join(map(_quote, paths)) + "]"


def view_columns() -> dict[str, str]:
    """Every column of the table and its DuckDB type: the schema's, then ``date``."""
    types = {f.name: duckdb_type(f.type) for f in ARTICLE_SCHEMA}
    return types | {PARTITION_KEY: "VARCHAR"}


def view_sql(name: str, parts: LakeParts) -> str:
    """``CREATE VIEW name`` over the parts, with the columns of ``view_columns``."""
    types = view_columns()
    select = "SELECT " + ", ".join(map(_identifier, types)) + " FROM "
    hive = f"hive_partitioning = true, hive_types = {{{_quote(PARTITION_KEY)}: 'VARCHAR'}}"
    sources = []
    if parts.parquet:
        sources.append(f"{select}read_parquet({_file_list(parts.parquet)}, {hive})")
    if parts.json:
        data = ", ".join(f"{_quote(f.name)}: {_quote(types[f.name])}" for f in ARTICLE_SCHEMA)
        sources.append(
            f"{select}read_json({_file_list(parts.json)}, columns = {{{data}}}, "
            f"format = 'newline_delimited', {hive})"
        )
    if not sources:  # committed days without a single article
        nulls = (f"CAST(NULL AS {kind}) AS {_identifier(col)}" for col, kind in types.items())
        sources.append(f"SELECT {', '.join(nulls)} WHERE false")
    return f"CREATE VIEW {_identifier(name)} AS\n" + "\nUNION ALL\n".join(sources)


# Bytes fetched per S3 request: DuckDB reads a part in small pieces, one request each unbuffered.
READ_AHEAD = 8 * 2**20


class ReadAheadFile(AbstractBufferedFile):
    """A part on S3, read in ``READ_AHEAD`` blocks."""

    def __init__(self, files: AbstractFileSystem, path: str, source: pa.NativeFile) -> None:
        self.source = source
        super().__init__(files, path, block_size=READ_AHEAD, size=source.size())

    def _fetch_range(self, start: int, end: int) -> bytes:
        return self.source.read_at(end - start, start)


class S3Files(ArrowFSWrapper):
    """``s3://`` for DuckDB through pyarrow's S3 client (DuckDB's httpfs extension would
    need a download)."""

    cachable = False  # each connection gets its own, with its own `info` answers

    def __init__(self, filesystem: pafs.S3FileSystem) -> None:
        super().__init__(filesystem)
        self.known: dict[str, dict[str, Any]] = {}

    # DuckDB asks about each part several times (glob, exists, info, size, modified) and
    # each question is a HEAD request; the parts do not change while a query runs.
    def info(self, path: str, **kwargs: Any) -> dict[str, Any]:
        key = self._strip_protocol(path)
        if key not in self.known:
            self.known[key] = super().info(path, **kwargs)
        return self.known[key]

    def modified(self, path: str) -> Any:
        return self.info(path)["mtime"]

    def _open(self, path: str, mode: str = "rb", *args: Any, **kwargs: Any) -> Any:
        if mode != "rb":
            return super()._open(path, mode, *args, **kwargs)
        source = self.fs.open_input_file(self._strip_protocol(path))
        return ReadAheadFile(self, path, source)


def s3_filesystem(bucket: str, endpoint_url: str | None = None) -> S3Files:
    """The filesystem for the lake's bucket, with the credentials boto3 finds."""
    return S3Files(pafs.S3FileSystem(**_s3_options(bucket, endpoint_url)))


def _s3_options(bucket: str, endpoint_url: str | None) -> dict[str, Any]:
    import boto3

    options: dict[str, Any] = {}
    credentials = boto3.Session().get_credentials()
    if credentials is not None:
        frozen = credentials.get_frozen_credentials()
        options |= {
            "access_key": frozen.access_key,
            "secret_key": frozen.secret_key,
            "session_token": frozen.token,
        }
    if not endpoint_url:
        return options | {"region": pafs.resolve_s3_region(bucket)}
    region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION")
    return options | {
        "endpoint_override": endpoint_url,
        "scheme": urlsplit(endpoint_url).scheme or "https",
        "region": region or "us-east-1",
    }


def connect(
    uri: str,
    view: str = "newsdata",
    *,
    endpoint_url: str | None = None,
    start: str | None = None,
    end: str | None = None,
) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with ``view`` over the lake at ``uri`` (its committed dates from
    ``start`` to ``end``, ``YYYYMMDD``, when given).

    EmptyLakeError when no partition is committed; ValueError for a malformed URI;
    StorageError when the lake cannot be listed.
    """
    endpoint_url = endpoint_url or os.environ.get("AWS_ENDPOINT_URL") or None
    storage = open_storage(uri, endpoint_url=endpoint_url)
    parts = _listed(storage, start, end)
    if not parts.dates:
        dates = f" from {start or 'the first date'} to {end or 'the last'}" if start or end else ""
        raise EmptyLakeError(
            f"no committed partitions (date=*/{MARKER}) under {storage.uri}{dates}"
        )
    connection = duckdb.connect()
    connection.execute(f"SET TimeZone = {_quote(SESSION_TIME_ZONE)}")
    if isinstance(storage, S3Storage):
        connection.register_filesystem(s3_filesystem(storage.bucket, endpoint_url))
    connection.execute(view_sql(view, parts))
    logger.debug(
        "%s: %d dates, %d parts",
        storage.uri,
        len(parts.dates),
        len(parts.parquet) + len(parts.json),
    )
    return connection
