"""The lake's layout: Hive-style date partitions of parts plus a ``_SUCCESS`` manifest.

``{root}/date=YYYYMMDD/part-NNNNN.{parquet|jsonl|jsonl.gz}`` and, written last,
``{root}/date=YYYYMMDD/_SUCCESS``. A partition with a marker is committed, and its data are
exactly the files the marker names: a re-publish writes its parts under run-unique names
(``part-NNNNN-<run>.ext``) beside the previous version's, so replacing the one marker object
switches versions. Nothing else lives under the root except names starting with ``_`` or
``.``, which readers skip.
"""

from __future__ import annotations

import re

FORMATS: dict[str, str] = {"parquet": "parquet", "jsonl": "jsonl", "jsonl.gz": "jsonl.gz"}
# The table Athena, the local engine and the report call the lake by default.
DEFAULT_TABLE = "newsdata"
MARKER = "_SUCCESS"
PARTITION_KEY = "date"
_PARTITION = re.compile(r"^date=(\d{8})$")
_PART = re.compile(r"^part-(\d{5})(?:-[0-9a-f]{8})?\.(parquet|jsonl|jsonl\.gz)$")


def check_format(name: str) -> str:
    """The format name, or ValueError listing the known ones."""
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}: use one of {', '.join(FORMATS)}")
    return name


def partition_dir(date: str) -> str:
    return f"{PARTITION_KEY}={date}"


def part_name(index: int, fmt: str, run: str = "") -> str:
    """``part-00000.parquet``, or ``part-00000-<run>.parquet`` for a run-unique name."""
    suffix = f"-{run}" if run else ""
    return f"part-{index:05d}{suffix}.{FORMATS[fmt]}"


def partition_date(name: str) -> str | None:
    """``date=20180101`` -> ``20180101``; None for anything else."""
    match = _PARTITION.match(name)
    return match.group(1) if match else None


def is_part(name: str) -> bool:
    return bool(_PART.match(name))


def part_format(name: str) -> str:
    """The format of a part file's name (``part-00000.jsonl.gz`` -> ``jsonl.gz``)."""
    match = _PART.match(name)
    if not match:
        raise ValueError(f"not a part file name: {name!r}")
    return match.group(2)


def marker_files(marker: dict) -> list[str]:
    """The data files a ``_SUCCESS`` manifest names: the partition's whole content."""
    return [entry["name"] for entry in marker.get("files", [])]
