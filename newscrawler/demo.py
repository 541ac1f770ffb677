"""``newscrawler demo``: the main job, end to end, on a local simulator."""

from __future__ import annotations

import json
import time
import urllib.request
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow.parquet as pq
from rich.console import Console
from rich.table import Table

from newscrawler.crawl import launch, preflight
from newscrawler.extensions.alarm import crawl_failure
from newscrawler.inputs import parse_date
from newscrawler.lake import partition_dir
from newscrawler.lake.reader import committed_files
from newscrawler.lake.storage import open_storage
from newscrawler.query.engine import run_local
from newscrawler.query.render import aligned_table
from newscrawler.query.report import lake_counts, plot, write_png
from newscrawler.sim.server import running_simulator

if TYPE_CHECKING:
    import argparse

    from scrapy.crawler import Crawler


ORIGINAL_QUERY = "SELECT date, count(*) FROM newsdata GROUP BY date ORDER BY date"


def run_demo(args: argparse.Namespace) -> int:
    first = datetime.strptime(parse_date(args.start), "%Y%m%d")
    dates = [(first + timedelta(days=n)).strftime("%Y%m%d") for n in range(args.days)]
    output = Path(args.output) / "naver_news"
    console = Console(stderr=False)
    with running_simulator(
        seed=1, articles_per_day=args.articles_per_day, fault_rate=args.fault_rate
    ) as base_url:
        console.print(f"simulator at {base_url} (fault rate {args.fault_rate:.0%})")
        started = time.monotonic()
        crawlers = crawl_dates(dates, base_url, output)
        elapsed = time.monotonic() - started
        stopped = [
            d for d, c in crawlers.items() if c.stats.get_value("finish_reason") != "finished"
        ]
        if stopped:
            console.print(
                f"interrupted: {', '.join(stopped)} not published (the lake keeps what it had)",
                style="red",
                soft_wrap=True,
            )
            return 130
        truths = {date: fetch_truth(base_url, date) for date in dates}
    rows = [summarize(crawler, truths[date], output) for date, crawler in crawlers.items()]
    console.print(summary_table(rows, elapsed))
    failed = [row for row in rows if row["failure"] or row["missing"] or row["duplicates"]]
    for row in failed:
        console.print(f"[red]{row['date']}: {row['failure'] or 'incomplete'}[/red]")
    if failed:
        return 1
    show_query_and_report(output, Path(args.output) / "daily.png", console)
    return 0


def show_query_and_report(lake: Path, png: Path, console: Console) -> None:
    """The original Athena query, run locally on the lake, and the daily report."""
    console.print(f'\n$ newscrawler query --lake {lake} "{ORIGINAL_QUERY}"', soft_wrap=True)
    console.print(aligned_table(run_local(ORIGINAL_QUERY, str(lake))).rstrip("\n"), highlight=False)
    write_png(plot(lake_counts(str(lake))), png)
    console.print(f"\nreport: {png}")


def crawl_dates(dates: list[str], base_url: str, output: Path) -> dict[str, Crawler]:
    """Crawl ``dates`` side by side in one process into the Parquet lake at ``output``."""
    plan = preflight(
        dates,
        {
            "NAVER_BASE_URL": base_url,
            # Injected faults log warnings by design; the summary reports retries.
            "LOG_LEVEL": "ERROR",
            "NEWS_OUTPUT_URI": str(output),
            "NEWS_OUTPUT_FORMAT": "parquet",
            "NEWS_OVERWRITE": "1",
        },
    )
    return launch(plan.todo, plan.settings)


def fetch_truth(base_url: str, date: str) -> list[dict]:
    with urllib.request.urlopen(f"{base_url}/_sim/articles?date={date}", timeout=30) as reply:
        return json.load(reply)


def summarize(crawler: Crawler, truth: list[dict], output: Path) -> dict:
    date = crawler.spider.date
    partition = output / partition_dir(date)
    keys: list[tuple[str, str]] = []
    for name in committed_files(open_storage(str(output))).get(date, []):
        table = pq.read_table(partition / name, columns=["oid", "aid"])
        keys += zip(table["oid"].to_pylist(), table["aid"].to_pylist(), strict=True)
    expected = {(row["oid"], row["aid"]) for row in truth}
    stats = crawler.stats.get_stats()
    return {
        "date": date,
        "listed": len(expected),
        "crawled": len(set(keys)),
        "duplicates": len(keys) - len(set(keys)),
        "missing": len(expected - set(keys)),
        "retries": stats.get("retry/count", 0),
        "failed": stats.get("newscrawler/articles_failed", 0),
        "failure": crawl_failure(crawler),
    }


COLUMNS = ("date", "listed", "crawled", "duplicates", "missing", "retries", "failed")


def summary_table(rows: list[dict], elapsed: float) -> Table:
    total = sum(row["crawled"] for row in rows)
    table = Table(title=f"{total} articles in {elapsed:.1f}s ({total / elapsed:.0f}/s)")
    for column in COLUMNS:
        table.add_column(column, justify="left" if column == "date" else "right")
    for row in rows:
        table.add_row(*(str(row[column]) for column in COLUMNS))
    return table
