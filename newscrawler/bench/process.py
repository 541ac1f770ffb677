"""``newscrawler bench``: measured crawl figures against the local simulator.

Sizes run side by side in one invocation (interleaved, ``--repeat`` times) so their ratio
is not skewed by a noisy machine; figures are medians.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from newscrawler.sim.server import running_simulator
from newscrawler.lake.storage import open_storage

DATE = "20180103"  # a Wednesday: a full weekday's count


def measure(per_day: int, seed: int = 1) -> dict:
    """One crawl of DATE from a simulator with ``per_day`` articles: seconds, rows, peak RSS."""
    with (
        running_simulator(seed=seed, articles_per_day=per_day) as url,
        tempfile.TemporaryDirectory() as lake,
    ):
        command = [sys.executable, "-m", "newscrawler.entrypoint", "-s", "LOG_LEVEL=WARNING"]
        env = {**os.environ, "DATE": DATE, "NAVER_BASE_URL": url, "NEWS_OUTPUT_URI": lake}
        started = time.monotonic()
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.monotonic() - started
        marker = open_storage(lake).read_marker(DATE) if status == 0 else None
    rows = marker["rows"] if marker else 0
    return {
        "per_day": per_day,
        "ok": status == 0,
        "rows": rows,
        "seconds": seconds,
        "rate": rows / seconds,
        "peak_rss_mb": usage.ru_maxrss / 1024,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
    }


def run_bench(sizes: list[int], repeat: int, console: Console) -> list[dict]:
    runs: dict[int, list[dict]] = {size: [] for size in sizes}
    for round_ in range(repeat):
        for size in sizes:
            result = measure(size)
            runs[size].append(result)
            console.print(
                f"round {round_ + 1} size {size}: {result['rows']} rows, "
                f"{result['seconds']:.1f}s, peak RSS {result['peak_rss_mb']:.1f} MB"
            )
    return [
        {
            "per_day": size,
            "ok": all(r["ok"] for r in results),
            **{
                key: statistics.median(r[key] for r in results)
                for key in ("rows", "seconds", "rate", "peak_rss_mb", "cpu_seconds")
            },
        }
        for size, results in runs.items()
    ]


def bench_table(rows: list[dict]) -> Table:
    base = rows[0]
    table = Table(title=f"crawl of {DATE}, medians")
    for column in (
        "articles/day",
        "rows",
        "seconds",
        "articles/s",
        "CPU ms/article",
        "peak RSS MB",
        "RSS vs first",
    ):
        table.add_column(column, justify="right")
    for row in rows:
        table.add_row(
            str(row["per_day"]),
            f"{row['rows']:.0f}",
            f"{row['seconds']:.1f}",
            f"{row['rate']:.0f}",
            f"{1000 * row['cpu_seconds'] / max(row['rows'], 1):.1f}",
            f"{row['peak_rss_mb']:.1f}",
            f"{row['peak_rss_mb'] / base['peak_rss_mb'] - 1:+.1%}",
        )
    return table


def main_bench(sizes: list[int], repeat: int, output: Path | None) -> int:
    console = Console()
    rows = run_bench(sizes, repeat, console)
    table = bench_table(rows)
    console.print(table)
    if output:
        with output.open("w", encoding="utf-8") as handle:
            Console(file=handle, width=120).print(table)
    return 0 if all(row["ok"] for row in rows) else 1
