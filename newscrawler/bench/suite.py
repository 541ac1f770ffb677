"""The whole benchmark, section by section, into one JSON-ready dict of medians."""

from __future__ import annotations

import os
import platform
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from newscrawler import __version__
from newscrawler.bench.crawl import measure_crawl, requests_per_article
from newscrawler.bench.extraction import measure_extraction
from newscrawler.bench.fleet import fleet_dates, measure_fleet
from newscrawler.bench.memory import measure_memory
from newscrawler.bench.output import measure_output
from newscrawler.bench.plan import DATE

if TYPE_CHECKING:
    from collections.abc import Callable

    from newscrawler.bench.plan import BenchPlan


def run_bench(plan: BenchPlan, note: Callable[[str], None], quick: bool = False) -> dict:
    """Run every section of ``plan``; ``note`` receives one line per finished measurement."""
    started, load_before = time.monotonic(), os.getloadavg()[0]
    results: dict = {}
    results.update(measure_extraction(plan.extract_rounds))
    note(f"extraction: {len(results['extract_ms'])} pages, {plan.extract_rounds} rounds each")
    with tempfile.TemporaryDirectory(prefix="newscrawler-bench-") as scratch:
        workdir = Path(scratch)
        crawl = measure_crawl(plan, workdir, note)
        results["crawl"] = crawl.summary()
        results["requests_per_article"] = requests_per_article(crawl.ours[0])
        reuse = {plan.crawl_sizes[0]: crawl.ours[0]}
        results.update(measure_memory(plan, workdir, note, reuse))
        fleet = measure_fleet(plan, workdir, note)
        results["fleet"] = fleet.summary()
        source = workdir / "latency-0" / "ours-0"  # the first timed crawl at +0 ms
        dates = fleet_dates(plan.output_dates)
        results.update(measure_output(source, DATE, dates, workdir, plan.query_repeat))
        note(f"output: {results['query_dates']} dates, {results['query_articles']} articles")
    results["run"] = {
        "quick": quick,
        "seconds": time.monotonic() - started,
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "version": __version__,
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {_cores()} cores",
        # Other work on the machine skews timings: the 1-minute load before and after.
        "load_average": [load_before, os.getloadavg()[0]],
    }
    return results


def _cores() -> int:
    return len(os.sched_getaffinity(0))
