"""Compact a date range of the lake into Parquet partitions of another lake.

``spark-submit --py-files spark/lake_input.py spark/compact.py --lake L --out O
--start YYYYMMDD --end YYYYMMDD`` reads the committed partitions of the range (exactly the
files their manifests name, gzip JSON Lines or any other format) and publishes each date in
``O`` exactly as the crawler does: parts written by ``PartitionWriter`` with
``ARTICLE_SCHEMA`` (zstd, the crawler's part size and row groups), then the lake's commit
protocol (``publish``: parts first, the ``_SUCCESS`` manifest last, naming them). The new
manifest is the old one with the Parquet files, so the crawl's record travels along.
"""

from __future__ import annotations

import itertools
import logging
import shutil
import sys
import tempfile
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lake_input import (
    SOURCE_ORDER,
    CommittedLake,
    committed_lake,
    job_arguments,
    read_articles,
    run_job,
    storage_uri,
)
from pyspark.sql import SparkSession

from newscrawler.lake import PARTITION_KEY, is_part, part_format
from newscrawler.lake.storage import open_storage
from newscrawler.lake.writers import PartitionWriter

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Iterator

    from pyspark.sql import Row

logger = logging.getLogger("compact")

FORMAT = "parquet"
# What a manifest says of its files; publish fills these in for the new parts.
_FILE_KEYS = ("files", "rows", "bytes")


def check_output(lake: str, out: str) -> None:
    """ValueError unless ``out`` is another lake that holds no other format than Parquet."""
    storage = open_storage(storage_uri(out))
    if storage.uri == open_storage(storage_uri(lake)).uri:
        raise ValueError(f"--out is the lake itself ({storage.uri}): compact into a new lake")
    names = (name for names in storage.partitions().values() for name in names)
    others = sorted({part_format(name) for name in names if is_part(name)} - {FORMAT})
    if others:
        raise ValueError(f"{storage.uri} holds {', '.join(others)} parts: a lake has one format")


def publish_date(out: str, date: str, source: dict, rows: Iterator[dict[str, Any]]) -> dict:
    """Write ``rows`` as the Parquet parts of ``date`` and publish them in the lake at
    ``out`` with ``source``'s manifest; the published manifest."""
    staging = Path(tempfile.mkdtemp(prefix="newscrawler-compact-"))
    try:
        writer = PartitionWriter(staging, FORMAT)
        for row in rows:
            writer.write(row)
        files = writer.close()
        written = sum(staged.rows for staged in files)
        if written != source["rows"]:
            raise RuntimeError(
                f"date={date}: read {written} rows, its manifest says {source['rows']}"
            )
        record = {key: value for key, value in source.items() if key not in _FILE_KEYS}
        return open_storage(out).publish(date, files, {**record, "format": FORMAT})
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def date_publisher(
    out: str, manifests: dict[str, dict]
) -> Callable[[Iterator[Row]], Iterator[dict[str, Any]]]:
    """The function for ``mapPartitions``: rows sorted by date in, one summary per published
    date out."""

    def publish_sorted(rows: Iterator[Row]) -> Iterator[dict[str, Any]]:
        articles = (row.asDict(recursive=True) for row in rows)
        for date, same_date in itertools.groupby(articles, key=itemgetter(PARTITION_KEY)):
            yield _summary(date, publish_date(out, date, manifests[date], same_date))

    return publish_sorted


def _summary(date: str, manifest: dict) -> dict[str, Any]:
    parts = len(manifest["files"])
    return {"date": date, "rows": manifest["rows"], "bytes": manifest["bytes"], "parts": parts}


def run(spark: SparkSession, args: argparse.Namespace) -> dict[str, dict]:
    """Compact the range; each date's published row, bytes and part counts."""
    out = storage_uri(args.out)
    check_output(args.lake, args.out)
    lake = committed_lake(args.lake, args.start, args.end)
    published = {}
    if lake.files:
        published = _publish_with_spark(spark, lake, out)
    for date in lake.dates:
        if lake.manifests[date]["rows"] == 0:  # an empty day is committed too
            published[date] = _summary(
                date, publish_date(out, date, lake.manifests[date], iter(()))
            )
    missing = sorted(set(lake.dates) - set(published))
    if missing:
        raise RuntimeError(f"dates not published: {', '.join(missing)}")
    logger.info(
        "compacted %d date(s), %d rows, into %s",
        len(published),
        sum(entry["rows"] for entry in published.values()),
        out,
    )
    return published


def _publish_with_spark(spark: SparkSession, lake: CommittedLake, out: str) -> dict[str, dict]:
    publish_sorted = date_publisher(out, lake.manifests)
    rows = (
        read_articles(spark, lake, in_order=True)
        .repartition(PARTITION_KEY)
        .sortWithinPartitions(PARTITION_KEY, SOURCE_ORDER)
        .drop(SOURCE_ORDER)
        .rdd.mapPartitions(publish_sorted)
        .collect()
    )
    return {row["date"]: row for row in rows}


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    """The job's command line: ``--lake``, ``--out``, ``--start``, ``--end``."""
    return job_arguments(__doc__.splitlines()[0], argv)


def main(argv: list[str] | None = None) -> int:
    return run_job("newscrawler-compact", run, arguments(argv))


if __name__ == "__main__":
    sys.exit(main())
