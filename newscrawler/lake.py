"""The lake's layout: Hive-style date partitions of parts plus a ``_SUCCESS`` manifest.

``{root}/date=YYYYMMDD/part-NNNNN.{parquet|jsonl|jsonl.gz}`` and, written last,
``{root}/date=YYYYMMDD/_SUCCESS``. A partition with a marker is complete; nothing else
lives under the root except names starting with ``_`` or ``.``, which readers skip.
"""

from __future__ import annotations

import re

import pyarrow as pa

FORMATS: dict[str, str] = {"parquet": "parquet", "jsonl": "jsonl", "jsonl.gz": "jsonl.gz"}
MARKER = "_SUCCESS"
PARTITION_KEY = "date"
_PARTITION = re.compile(r"^date=(\d{8})$")
_PART = re.compile(r"^part-(\d{5})\.(parquet|jsonl|jsonl\.gz)$")

# Data columns, in file order. ``date`` is the partition column: it lives in the path only,
# as Athena requires. Times are ISO 8601 strings with +09:00; ``time`` is
# ``YYYY-MM-DD HH:MM:SS`` (KST), which Athena and DuckDB cast to a timestamp directly.
ARTICLE_SCHEMA = pa.schema(
    [
        pa.field("oid", pa.string(), nullable=False),
        pa.field("aid", pa.string(), nullable=False),
        pa.field("url", pa.string(), nullable=False),
        pa.field("section", pa.string()),
        pa.field("section_name", pa.string()),
        pa.field("press", pa.string()),
        pa.field("title", pa.string()),
        pa.field("content", pa.string()),
        pa.field("authors", pa.list_(pa.string())),
        pa.field("published_at", pa.string()),
        pa.field("modified_at", pa.string()),
        pa.field("time", pa.string()),
        pa.field("crawled_at", pa.string()),
    ]
)
COLUMNS: tuple[str, ...] = tuple(ARTICLE_SCHEMA.names)


def check_format(name: str) -> str:
    """The format name, or ValueError listing the known ones."""
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}: use one of {', '.join(FORMATS)}")
    return name


def partition_dir(date: str) -> str:
    return f"{PARTITION_KEY}={date}"


def part_name(index: int, fmt: str) -> str:
    return f"part-{index:05d}.{FORMATS[fmt]}"


def partition_date(name: str) -> str | None:
    """``date=20180101`` -> ``20180101``; None for anything else."""
    match = _PARTITION.match(name)
    return match.group(1) if match else None


def is_part(name: str) -> bool:
    return bool(_PART.match(name))
