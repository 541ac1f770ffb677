"""The lake as a Spark DataFrame: committed partitions only, exactly the files their
``_SUCCESS`` manifests name, with ``date`` (a string) taken from the partition path.

Shared by the jobs in this folder (``spark-submit --py-files spark/lake_input.py``). The
layout, the manifest and the schema come from ``newscrawler.lake``, which the job image
installs, so Spark reads the lake the way the crawler wrote it.
"""

from __future__ import annotations

import argparse
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date as Date
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.pandas.types import from_arrow_schema

from newscrawler.lake import ARTICLE_SCHEMA, COLUMNS, PARTITION_KEY, marker_files, partition_dir
from newscrawler.lake.storage import open_storage

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession
    from pyspark.sql.types import StructType

    from newscrawler.lake.storage import LakeStorage

logger = logging.getLogger(__name__)

# Hadoop's S3 connectors; the lake's own storage (boto3) knows the bucket as s3://.
_HADOOP_S3 = ("s3a", "s3n")
# Sorts rows of a file as they are written there (a part is read by one task, in order).
SOURCE_ORDER = "_source_order"
_PATH_DATE = r"/" + PARTITION_KEY + r"=(\d{8})/[^/]+$"


def spark_schema() -> StructType:
    """The Spark schema of the lake's data columns, from ``ARTICLE_SCHEMA``."""
    return from_arrow_schema(ARTICLE_SCHEMA)


def storage_uri(uri: str) -> str:
    """The lake URI for ``newscrawler.lake`` storage: ``s3a://b/p`` -> ``s3://b/p``."""
    parts = urlsplit(uri)
    if parts.scheme in _HADOOP_S3:
        return "s3" + uri[len(parts.scheme) :]
    return uri


def yyyymmdd(text: str) -> str:
    """``text`` when it is a real date written YYYYMMDD, else ValueError."""
    if not re.fullmatch(r"\d{8}", text):
        raise ValueError(f"not a YYYYMMDD date: {text!r}")
    Date(int(text[:4]), int(text[4:6]), int(text[6:]))
    return text


def job_arguments(description: str, argv: list[str] | None = None) -> argparse.Namespace:
    """The arguments every job takes: ``--lake``, ``--out``, ``--start``, ``--end``."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--lake", required=True, help="lake root: a path or s3a://bucket/prefix")
    parser.add_argument("--out", required=True, help="output root: a path or s3a://bucket/prefix")
    parser.add_argument("--start", required=True, type=yyyymmdd, help="first date, YYYYMMDD")
    parser.add_argument("--end", required=True, type=yyyymmdd, help="last date, YYYYMMDD")
    args = parser.parse_args(argv)
    if args.start > args.end:
        parser.error(f"--start {args.start} is after --end {args.end}")
    return args


@dataclass
class CommittedLake:
    """The committed partitions of a date range: their manifests and files by format."""

    uri: str
    manifests: dict[str, dict] = field(default_factory=dict)
    files: dict[str, list[str]] = field(default_factory=dict)

    @property
    def dates(self) -> list[str]:
        return sorted(self.manifests)


def committed_lake(uri: str, start: str, end: str) -> CommittedLake:
    """The partitions from ``start`` to ``end`` that have a marker, and the Spark paths of
    exactly the files each marker names (an orphan part beside them is never read)."""
    storage: LakeStorage = open_storage(storage_uri(uri))
    found = CommittedLake(uri.rstrip("/"))
    for date in sorted(storage.committed_dates()):
        if not start <= date <= end:
            continue
        manifest = storage.read_marker(date)
        if manifest is None:  # unpublished between the listing and the read
            continue
        found.manifests[date] = manifest
        for name in marker_files(manifest):
            path = f"{found.uri}/{partition_dir(date)}/{name}"
            found.files.setdefault(_spark_format(name), []).append(path)
    logger.info(
        "%s: %d committed dates from %s to %s, %d files",
        found.uri,
        len(found.manifests),
        start,
        end,
        sum(map(len, found.files.values())),
    )
    return found


def _spark_format(name: str) -> str:
    return "parquet" if name.endswith(".parquet") else "json"


def read_articles(spark: SparkSession, lake: CommittedLake, *, in_order: bool = False) -> DataFrame:
    """The articles of ``lake``: the schema's columns in order, then ``date``; with
    ``in_order``, also ``SOURCE_ORDER``, which sorts rows as they are in the files."""
    schema = spark_schema()
    path = F.col("_metadata.file_path")
    columns = [*COLUMNS, F.regexp_extract(path, _PATH_DATE, 1).alias(PARTITION_KEY)]
    if in_order:
        order = F.struct(path.alias("file"), F.monotonically_increasing_id().alias("row"))
        columns.append(order.alias(SOURCE_ORDER))
    articles = None
    for fmt, paths in sorted(lake.files.items()):
        reader = spark.read.schema(schema)
        if fmt == "json":
            # A line that does not parse fails the job instead of becoming a row of nulls.
            reader = reader.option("mode", "FAILFAST")
        frame = reader.format(fmt).load(paths)
        frame = frame.select(*columns)
        articles = frame if articles is None else articles.unionByName(frame)
    if articles is None:  # committed days without a single article, or none at all
        articles = spark.createDataFrame([], schema).withColumn(PARTITION_KEY, F.lit(""))
        if in_order:
            articles = articles.withColumn(SOURCE_ORDER, F.struct(F.lit(""), F.lit(0)))
    return articles


def run_job(
    app_name: str,
    run: Callable[[SparkSession, argparse.Namespace], object],
    args: argparse.Namespace,
) -> int:
    """Run one job in a Spark session of its own; the process exit status."""
    logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s")
    spark = SparkSession.builder.appName(app_name).getOrCreate()
    try:
        run(spark, args)
    finally:
        spark.stop()
    return 0
