"""Peak resident memory of one date's crawl, at a small and at a ten times larger date.

The JSON keys are always ``"3000"`` and ``"30000"`` (the full run's sizes); ``--quick``
measures smaller dates under the same keys and says which in ``peak_rss_articles_per_day``.
"""

from __future__ import annotations

import statistics
from typing import TYPE_CHECKING

from newscrawler.bench.plan import DATE
from newscrawler.bench.process import CrawlRun, crawl_date
from newscrawler.sim.server import running_simulator

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from newscrawler.bench.plan import BenchPlan

KEYS = ("3000", "30000")


def measure_memory(
    plan: BenchPlan,
    workdir: Path,
    note: Callable[[str], None],
    reuse: dict[int, list[CrawlRun]] | None = None,
) -> dict[str, dict]:
    """Median peak RSS (MB) per size; ``reuse`` holds crawls already run, by size."""
    runs: dict[int, list[CrawlRun]] = {
        size: list((reuse or {}).get(size, [])) for size in plan.memory_sizes
    }
    for size in plan.memory_sizes:
        if runs[size]:
            continue
        with running_simulator(articles_per_day=size) as url:
            for round_ in range(plan.memory_repeat):
                run = crawl_date(url, DATE, workdir / f"memory-{size}-{round_}")
                if run.marker is None:
                    raise RuntimeError(
                        f"the {size}-article crawl failed (exit {run.process.status})"
                    )
                runs[size].append(run)
                note(
                    f"memory, {size} articles/day: {run.articles} articles, "
                    f"peak RSS {run.process.peak_rss_mb:.0f} MB"
                )
    return {
        "peak_rss_mb": {
            key: statistics.median(r.process.peak_rss_mb for r in runs[size])
            for key, size in zip(KEYS, plan.memory_sizes, strict=True)
        },
        "peak_rss_articles": {
            key: statistics.median(r.articles for r in runs[size])
            for key, size in zip(KEYS, plan.memory_sizes, strict=True)
        },
        "peak_rss_articles_per_day": dict(zip(KEYS, plan.memory_sizes, strict=True)),
        "requests_per_article_by_size": {
            key: statistics.median(r.requests / max(r.articles, 1) for r in runs[size])
            for key, size in zip(KEYS, plan.memory_sizes, strict=True)
        },
    }
