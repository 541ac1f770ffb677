"""Daily statistics of the lake per date, section and press, as a Parquet table by month.

``spark-submit --py-files spark/lake_input.py spark/daily_stats.py --lake L --out O
--start YYYYMMDD --end YYYYMMDD`` reads the committed partitions of the range (exactly the
files their manifests name) and writes ``O/month=YYYYMM/part-*.parquet``. A month is
rewritten whole, so the range is widened to whole months. Each month gets its own
``_SUCCESS`` manifest, written after its parts, naming its files with their rows and bytes;
the month's previous marker is removed before its parts are replaced.
"""

from __future__ import annotations

import calendar
import json
import logging
import sys
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from lake_input import CommittedLake, committed_lake, job_arguments, read_articles, run_job
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

from newscrawler.lake import MARKER

if TYPE_CHECKING:
    import argparse

    from pyspark.sql import DataFrame

logger = logging.getLogger("daily_stats")

MONTH = "month"
GROUP = ("date", "section", "section_name", "press")
_MONTH_PATH = r"/" + MONTH + r"=(\d{6})/([^/]+)$"


def month_range(start: str, end: str) -> tuple[str, str]:
    """The first day of ``start``'s month and the last day of ``end``'s."""
    year, month = int(end[:4]), int(end[4:6])
    return start[:6] + "01", f"{end[:6]}{calendar.monthrange(year, month)[1]:02d}"


def daily_stats(articles: DataFrame) -> DataFrame:
    """Per date, section and press: articles, mean and median body length (characters of
    ``content``, 0 when it is missing), distinct authors, share of modified articles."""
    body_length = F.length(F.coalesce(F.col("content"), F.lit("")))
    authors = F.flatten(F.collect_list("authors"))  # collect_list skips null lists
    return (
        articles.withColumn("body_length", body_length)
        .groupBy(*GROUP)
        .agg(
            F.count(F.lit(1)).alias("articles"),
            F.avg("body_length").alias("mean_body_length"),
            F.expr("percentile(body_length, 0.5)").alias("p50_body_length"),
            F.size(F.array_distinct(F.filter(authors, lambda a: a.isNotNull())))
            .cast("long")
            .alias("distinct_authors"),
            F.avg(F.col("modified_at").isNotNull().cast("double")).alias("modified_share"),
        )
        .withColumn(MONTH, F.substring("date", 1, 6))
    )


class MonthTable:
    """The output table: ``month=YYYYMM/`` partitions with their ``_SUCCESS`` manifests,
    through Hadoop's filesystem API (local paths, ``s3a://``, EMRFS alike)."""

    def __init__(self, spark: SparkSession, root: str) -> None:
        self.spark, self.root = spark, root.rstrip("/")
        jvm = spark.sparkContext._jvm
        self.Path = jvm.org.apache.hadoop.fs.Path
        self.fs = self.Path(self.root).getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())

    def month_dir(self, month: str) -> str:
        return f"{self.root}/{MONTH}={month}"

    def remove_marker(self, month: str) -> None:
        self.fs.delete(self.Path(f"{self.month_dir(month)}/{MARKER}"), False)

    def remove_month(self, month: str) -> None:
        self.fs.delete(self.Path(self.month_dir(month)), True)

    def write_marker(self, month: str, manifest: dict) -> None:
        data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
        stream = self.fs.create(self.Path(f"{self.month_dir(month)}/{MARKER}"), True)
        try:
            stream.write(bytearray(data))
        finally:
            stream.close()

    def written_files(self, months: list[str], with_rows: set[str]) -> dict[str, list[dict]]:
        """Each month's data files with their rows and bytes, read back from the table
        (only the months ``with_rows`` have files)."""
        found: dict[str, list[dict]] = {month: [] for month in months}
        directories = [self.month_dir(month) for month in sorted(with_rows)]
        if not directories:
            return found
        path = F.col("_metadata.file_path")
        files = (
            self.spark.read.parquet(*directories)
            .select(
                F.regexp_extract(path, _MONTH_PATH, 1).alias(MONTH),
                F.regexp_extract(path, _MONTH_PATH, 2).alias("name"),
                F.col("_metadata.file_size").alias("bytes"),
            )
            .groupBy(MONTH, "name", "bytes")
            .count()
            .collect()
        )
        for row in sorted(files, key=lambda row: (row[MONTH], row["name"])):
            entry = {"name": row["name"], "rows": row["count"], "bytes": row["bytes"]}
            found[row[MONTH]].append(entry)
        return found


def month_manifest(month: str, files: list[dict], dates: list[str], lake: str) -> dict:
    """A month's ``_SUCCESS``: the shape of the lake's manifests, plus the dates it covers."""
    return {
        MONTH: month,
        "format": "parquet",
        "files": files,
        "rows": sum(entry["rows"] for entry in files),
        "bytes": sum(entry["bytes"] for entry in files),
        "dates": dates,
        "lake": lake,
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def write_months(spark: SparkSession, stats: DataFrame, lake: CommittedLake, out: str) -> dict:
    """Replace the months of ``lake`` in the table at ``out``; their manifests."""
    table = MonthTable(spark, out)
    months = sorted({date[:6] for date in lake.dates})
    for month in months:
        table.remove_marker(month)
    with_rows = {row[MONTH] for row in stats.select(MONTH).distinct().collect()}
    for month in set(months) - with_rows:  # committed days without a single article
        table.remove_month(month)
    (
        stats.repartition(MONTH)
        .sortWithinPartitions(*GROUP)
        .write.mode("overwrite")
        .option("partitionOverwriteMode", "dynamic")
        .option("compression", "zstd")
        # The table's markers are ours, one per month; not Hadoop's empty one at the root.
        .option("mapreduce.fileoutputcommitter.marksuccessfuljobs", "false")
        .partitionBy(MONTH)
        .parquet(table.root)
    )
    manifests = {}
    for month, files in table.written_files(months, with_rows).items():
        dates = [date for date in lake.dates if date.startswith(month)]
        manifests[month] = month_manifest(month, files, dates, lake.uri)
        table.write_marker(month, manifests[month])
    return manifests


def run(spark: SparkSession, args: argparse.Namespace) -> dict:
    """Compute and write the statistics; the months' manifests."""
    start, end = month_range(args.start, args.end)
    lake = committed_lake(args.lake, start, end)
    stats = daily_stats(read_articles(spark, lake)).cache()
    try:
        manifests = write_months(spark, stats, lake, args.out)
    finally:
        stats.unpersist()
    rows = sum(manifest["rows"] for manifest in manifests.values())
    logger.info("wrote %d rows for %d month(s) to %s", rows, len(manifests), args.out)
    return manifests


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    """The job's command line: ``--lake``, ``--out``, ``--start``, ``--end``."""
    return job_arguments(__doc__.splitlines()[0], argv)


def main(argv: list[str] | None = None) -> int:
    return run_job("newscrawler-daily-stats", run, arguments(argv))


if __name__ == "__main__":
    sys.exit(main())
