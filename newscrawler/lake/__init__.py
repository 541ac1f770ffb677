"""The lake: date partitions of part files plus a ``_SUCCESS`` manifest, local or on S3.

This layer knows files, formats and buckets, nothing of Scrapy: the crawler, the query
engine, Athena repair and the Spark jobs all stand on it. ``ARTICLE_SCHEMA`` and
``COLUMNS`` load pyarrow on first use only, so commands that need names stay quick.
"""

from __future__ import annotations

from typing import Any

from newscrawler.lake.layout import (
    DEFAULT_TABLE,
    FORMATS,
    MARKER,
    PARTITION_KEY,
    check_format,
    is_part,
    marker_files,
    part_format,
    part_name,
    partition_date,
    partition_dir,
)

__all__ = [
    "ARTICLE_SCHEMA",
    "COLUMNS",
    "DEFAULT_TABLE",
    "FORMATS",
    "MARKER",
    "PARTITION_KEY",
    "check_format",
    "is_part",
    "marker_files",
    "part_format",
    "part_name",
    "partition_date",
    "partition_dir",
]


def __getattr__(name: str) -> Any:
    if name in ("ARTICLE_SCHEMA", "COLUMNS"):
        from newscrawler.lake import schema

        return getattr(schema, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
