"""Output: bytes per article in each lake format, and the daily-count query time on each.

The same crawled rows (the fleet benchmark's Parquet lake) are written again as JSON Lines
and gzip JSON Lines by the crawler's own ``PartitionWriter`` and committed with the lake's
``publish``, so the three lakes hold the same articles on the same dates. The query runs on
the local engine (``newscrawler query``), interleaved across formats.
"""

from __future__ import annotations

import io
import statistics
import tempfile
import time
from pathlib import Path

import pyarrow.parquet as pq

from newscrawler.lake import FORMATS
from newscrawler.lake.reader import committed_markers
from newscrawler.lake.storage import open_storage
from newscrawler.lake.writers import PartitionWriter
from newscrawler.query.engine import run_local

_PER_FILE = ("files", "rows", "bytes")  # publish() writes these for the new files
DAILY_COUNT = "SELECT date, count(*) AS articles FROM newsdata GROUP BY date ORDER BY date"


def copy_lake(parquet_lake: Path, fmt: str, target: Path) -> None:
    """Commit every date of ``parquet_lake`` again in ``fmt`` at ``target``."""
    source = open_storage(str(parquet_lake))
    target.mkdir(parents=True, exist_ok=True)
    storage = open_storage(str(target))
    for day, marker in committed_markers(source).items():
        with tempfile.TemporaryDirectory() as staging:
            writer = PartitionWriter(Path(staging), fmt)
            for entry in marker["files"]:
                table = pq.read_table(io.BytesIO(source.read(day, entry["name"])))
                for row in table.to_pylist():
                    writer.write(row)
            files = writer.close()
            kept = {key: value for key, value in marker.items() if key not in _PER_FILE}
            storage.publish(day, files, {**kept, "format": fmt})


def bytes_per_article(lake: Path) -> float:
    markers = committed_markers(open_storage(str(lake))).values()
    return sum(m["bytes"] for m in markers) / max(sum(m["rows"] for m in markers), 1)


def measure_output(parquet_lake: Path, workdir: Path, repeat: int) -> dict[str, dict]:
    """``bytes_per_article`` and ``daily_count_query_s`` (median) for every format."""
    lakes = {"parquet": parquet_lake}
    for fmt in FORMATS:
        if fmt != "parquet":
            lakes[fmt] = workdir / f"lake-{fmt.replace('.', '-')}"
            copy_lake(parquet_lake, fmt, lakes[fmt])
    counts = {fmt: run_local(DAILY_COUNT, str(lake)).rows for fmt, lake in lakes.items()}
    if len({tuple(map(tuple, rows)) for rows in counts.values()}) != 1:
        raise RuntimeError(f"the formats disagree on the daily counts: {counts}")
    seconds: dict[str, list[float]] = {fmt: [] for fmt in lakes}
    order = list(lakes)
    for round_ in range(repeat):
        for fmt in order[round_ % len(order) :] + order[: round_ % len(order)]:
            started = time.perf_counter()
            run_local(DAILY_COUNT, str(lakes[fmt]))
            seconds[fmt].append(time.perf_counter() - started)
    return {
        "bytes_per_article": {fmt: bytes_per_article(lake) for fmt, lake in lakes.items()},
        "daily_count_query_s": {fmt: statistics.median(s) for fmt, s in seconds.items()},
        "query_dates": len(counts["parquet"]),
        "query_articles": sum(row[1] for row in counts["parquet"]),
    }
