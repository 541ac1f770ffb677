"""Output: bytes per article in each lake format, and the daily-count query time on each.

The rows of one crawled date (the crawl benchmark's, a full weekday of the simulator) are
written under each of the benchmark's dates in every format by the crawler's own
``PartitionWriter`` and committed with the lake's ``publish``: the three lakes hold the same
articles on the same dates, each date the size of a real crawl's. The query runs on the local
engine (``newscrawler query``), interleaved across formats.
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

DAILY_COUNT = "SELECT date, count(*) AS articles FROM newsdata GROUP BY date ORDER BY date"


def crawled_rows(lake: Path, date: str) -> list[dict]:
    """Every row the crawl committed for ``date`` in the Parquet lake at ``lake``."""
    storage = open_storage(str(lake))
    marker = storage.read_marker(date)
    if marker is None:
        raise RuntimeError(f"date={date} is not committed in {lake}")
    rows: list[dict] = []
    for entry in marker["files"]:
        rows += pq.read_table(io.BytesIO(storage.read(date, entry["name"]))).to_pylist()
    return rows


def write_lake(rows: list[dict], dates: list[str], fmt: str, target: Path) -> None:
    """Commit ``rows`` under each of ``dates`` in ``fmt`` at ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    storage = open_storage(str(target))
    for day in dates:
        with tempfile.TemporaryDirectory() as staging:
            writer = PartitionWriter(Path(staging), fmt)
            for row in rows:
                writer.write(row)
            storage.publish(day, writer.close(), {"date": day, "format": fmt})


def bytes_per_article(lake: Path) -> float:
    markers = committed_markers(open_storage(str(lake))).values()
    return sum(m["bytes"] for m in markers) / max(sum(m["rows"] for m in markers), 1)


def measure_output(
    source: Path, date: str, dates: list[str], workdir: Path, repeat: int
) -> dict[str, object]:
    """``bytes_per_article`` and ``daily_count_query_s`` (median) for every format."""
    rows = crawled_rows(source, date)
    lakes = {fmt: workdir / f"lake-{fmt.replace('.', '-')}" for fmt in FORMATS}
    for fmt, lake in lakes.items():
        write_lake(rows, dates, fmt, lake)
    counts = {fmt: run_local(DAILY_COUNT, str(lake)).rows for fmt, lake in lakes.items()}
    if len({tuple(map(tuple, found)) for found in counts.values()}) != 1:
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
        "query_dates": len(dates),
        "query_articles": len(rows) * len(dates),
    }
